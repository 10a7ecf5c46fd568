/**
 * Collects the measured context.sync() counts per operation and prints them once per test file,
 * for the closing note (read whole workbook, apply plan, undo, clear highlights …).
 */
const rows: [string, number][] = [];

export function recordSyncs(operation: string, syncs: number): void {
  rows.push([operation, syncs]);
}

afterAll(() => {
  if (rows.length === 0) return;
  const width = Math.max(...rows.map(([op]) => op.length));
  const table = rows
    .map(([op, n]) => `  ${op.padEnd(width)}  ${n} sync${n === 1 ? "" : "s"}`)
    .join("\n");
  process.stdout.write(
    `\ncontext.sync() per operation (Office host on the fake Excel):\n${table}\n`
  );
});
