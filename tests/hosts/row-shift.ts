/**
 * What Excel does to a formula's references when whole rows are inserted or deleted (for the test
 * fakes' "insert row" / "delete row"): a reference at or below the change moves with it, one into a
 * deleted row becomes #REF!. Column-absolute or not, every reference on the sheet moves; references
 * into other sheets are not told apart here (the tests' formulas have none).
 */
const REF = /(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

/** Rows inserted (count > 0) or deleted (count < 0) at 0-based row `at`. */
export function shiftFormulaRows(formula: string, at: number, count: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part) =>
      part.startsWith('"')
        ? part
        : part.replace(REF, (_m, ca: string, col: string, ra: string, row: string) => {
            const r = Number(row) - 1;
            if (count < 0 && r >= at && r < at - count) return "#REF!";
            const moved = r >= at ? r + count : r;
            return `${ca}${col}${ra}${moved + 1}`;
          })
    )
    .join("");
}

/** Where a row goes: null when it was deleted. */
export function shiftRow(row: number, at: number, count: number): number | null {
  if (count < 0 && row >= at && row < at - count) return null;
  return row >= at ? row + count : row;
}
