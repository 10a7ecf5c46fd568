/**
 * What anchoring costs the Office host in round trips: a fill right after the pane's read reads
 * nothing more; one without it reads the touched sheets first (readSheets, 2 syncs); undo and
 * 清除标记 of anchored cells read the sheets they re-detect (2 syncs) on top of their own 3.
 */
import { analyzeSheet } from "../../../src/engine/analyze";
import { planFill } from "../../../src/engine/fill/plan-fill";
import { planHighlights } from "../../../src/engine/fill/plan-highlights";
import { toA1 } from "../../../src/engine/grid/a1";
import { resolveSettings } from "../../../src/engine/settings";
import { seedGrid, seedTable } from "../../helpers/seed-grid";
import { CellInit } from "./fake-excel";
import { counted, setup } from "./helpers";
import { recordSyncs } from "./sync-report";

const S = "S";

function sheetOf(id: string) {
  const snap = seedGrid(seedTable(id), { sheetName: S }).snapshot;
  const cells: Record<string, CellInit> = {};
  snap.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === "") return;
      const nf = snap.numberFormats?.[r]?.[c];
      cells[toA1(r, c)] = { v: v as string | number, ...(nf ? { nf } : {}) };
    })
  );
  const settings = resolveSettings();
  const report = analyzeSheet(snap, { settings });
  return {
    init: { name: S, cells },
    writes: planFill(report.tables[0].table, settings),
    highlights: planHighlights(report.tables[0], settings),
  };
}

test("fill: no extra sync after the pane's read, 2 more without it; undo re-detects in 2 more", async () => {
  const t = sheetOf("001-04");
  const { wb, host } = setup([t.init]);
  const cold = await counted(wb, () =>
    host.applyPlan({ writes: t.writes, highlights: [] }, "fill")
  );
  recordSyncs("applyPlan (anchored, no read before: reads the sheet)", cold.syncs);
  expect(cold.syncs).toBe(4);
  expect(cold.result.cells.every((c) => c.anchor?.sheetId === wb.sheet(S).id)).toBe(true);

  const undo = await counted(wb, () => host.undoLast());
  recordSyncs("undoLast (anchored: re-detects its sheet)", undo.syncs);
  expect(undo.syncs).toBe(5);
  expect(undo.result?.conflicts).toEqual([]);
  expect(host.stats.slice(-2).map((s) => s.operation)).toEqual(["readSheets", "undoLast"]);
  expect(host.lastStats?.syncs).toBe(5); // the read inside counts toward the undo

  await host.readSheets([S]);
  const warm = await counted(wb, () =>
    host.applyPlan({ writes: t.writes, highlights: [] }, "fill")
  );
  recordSyncs("applyPlan (anchored, right after the pane's read)", warm.syncs);
  expect(warm.syncs).toBe(2);
  expect(warm.result.cells.every((c) => c.anchor !== undefined)).toBe(true);
});

test("a sheet changed since the pane's read is not anchored from that read", async () => {
  const t = sheetOf("001-04");
  const { wb, host } = setup([t.init]);
  await host.readSheets([S]);
  wb.shiftRows(S, 0, 1); // the plan is now stale too: the point is only that no wrong anchor is made
  const entry = await host.applyPlan({ writes: t.writes, highlights: [] }, "fill");
  expect(entry.cells.length).toBeGreaterThan(0);
  expect(entry.cells.every((c) => c.anchor === undefined)).toBe(true);
});

test("clear highlights of anchored marks: 3 syncs plus 2 to re-detect", async () => {
  const t = sheetOf("001-19");
  const { wb, host } = setup([t.init]);
  await host.readSheets([S]);
  await host.applyPlan({ writes: [], highlights: t.highlights }, "highlight");
  const clear = await counted(wb, () => host.clearHighlights());
  recordSyncs("clearHighlights (4 anchored marks)", clear.syncs);
  expect(clear.result).toBe(4);
  expect(clear.syncs).toBe(5);
});
