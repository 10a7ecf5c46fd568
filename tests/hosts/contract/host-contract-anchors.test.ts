/**
 * Anchored undo, on every host (Office on the fake Excel, the browser preview, the pane's fake):
 * after a fill or a highlight, a person inserts or deletes rows or renames the sheet; undo and
 * 清除标记 find each cell again by its table and field (and the sheet by its id), put back exactly
 * what was there, and leave alone — reporting it — a cell whose row is gone. Nothing else changes.
 */
import { analyzeSheet } from "../../../src/engine/analyze";
import { parseA1, toA1 } from "../../../src/engine/grid/a1";
import { planFill } from "../../../src/engine/fill/plan-fill";
import { planHighlights } from "../../../src/engine/fill/plan-highlights";
import { WritePlan } from "../../../src/engine/fill/plan-types";
import { resolveSettings } from "../../../src/engine/settings";
import { seedGrid, seedTable } from "../../helpers/seed-grid";
import { ANCHOR_HOSTS, Look } from "./anchor-hosts";

const S = "S";

/** 001-04 (A1:I22): fill writes 执行率 H7 H8, 得分 I7, 总分 G22 H22 (SUMs over rows 14–21). */
const FILLED = seedGrid(seedTable("001-04"), { sheetName: S }).snapshot;
/** 001-19 (A1:I24): four unexplained deviations, I20–I23, to mark. */
const MARKED = seedGrid(seedTable("001-19"), { sheetName: S }).snapshot;

function fillPlan(): WritePlan {
  const settings = resolveSettings();
  const report = analyzeSheet(FILLED, { settings });
  return { writes: planFill(report.tables[0].table, settings), highlights: [] };
}

function highlightPlan(): WritePlan {
  const settings = resolveSettings();
  const report = analyzeSheet(MARKED, { settings });
  return { writes: [], highlights: planHighlights(report.tables[0], settings) };
}

/** The sheet as it would be after `count` rows inserted (or deleted, count < 0) at row `at`. */
function shifted(dump: Record<string, Look>, at: number, count: number): Record<string, Look> {
  const out: Record<string, Look> = {};
  for (const [a, look] of Object.entries(dump)) {
    const p = parseA1(a);
    if (count < 0 && p.row >= at && p.row < at - count) continue;
    out[toA1(p.row >= at ? p.row + count : p.row, p.col)] = look;
  }
  return out;
}

/** Only the cells' content and fill, formulas as text (references are compared where they matter). */
function values(dump: Record<string, Look>): Record<string, Look> {
  return Object.fromEntries(Object.entries(dump).map(([a, l]) => [a, { ...l, formula: null }]));
}

describe.each(ANCHOR_HOSTS)("%s host", (_name, make) => {
  test("fill → a row inserted above the table → undo restores the moved cells, the new row untouched", async () => {
    const h = await make(FILLED);
    const before = h.dump(S);
    const plan = fillPlan();
    expect(plan.writes.map((w) => w.address).sort()).toEqual(["G22", "H22", "H7", "H8", "I7"]);
    const entry = await h.host.applyPlan(plan, "fill");
    expect(entry.cells.every((c) => c.anchor !== undefined)).toBe(true);

    h.shiftRows(S, 0, 1);
    expect(h.look(S, "H23").formula).toBe("=N(I8)+SUM(H15:H22)"); // Excel moved the references
    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([]);
    // Every cell is back as it was, one row down; the inserted row holds nothing.
    expect(h.dump(S)).toEqual(shifted(before, 0, 1));
    expect(h.look(S, "H23")).toEqual({ value: 94, formula: null, fill: null });
    expect((await h.host.readState()).journal).toEqual([]);
  });

  test("fill → a row inserted inside the table → undo restores each cell where it is now", async () => {
    const h = await make(FILLED);
    const before = h.dump(S);
    await h.host.applyPlan(fillPlan(), "fill");
    // Between the funding rows (7–8) and the indicators (14–21): the 总分 moves, 执行率 does not.
    h.shiftRows(S, 9, 1);
    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([]);
    expect(h.dump(S)).toEqual(shifted(before, 9, 1));
  });

  test("fill → the sheet renamed → undo finds it by its id", async () => {
    const h = await make(FILLED);
    const before = h.dump(S);
    const [read] = await h.host.readSheets([S]);
    expect(read.sheetId).toEqual(expect.any(String));
    await h.host.applyPlan(fillPlan(), "fill");
    h.renameSheet(S, "改名后");
    const [renamed] = await h.host.readSheets(["改名后"]);
    expect(renamed.sheetId).toBe(read.sheetId);
    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([]);
    expect(h.dump("改名后")).toEqual(before);
  });

  test("ids that changed since (the workbook reopened elsewhere): the sheet is found by its name", async () => {
    const h = await make(FILLED);
    const before = h.dump(S);
    await h.host.applyPlan(fillPlan(), "fill");
    const state = await h.host.readState();
    await h.host.writeState({
      ...state,
      journal: state.journal.map((e) => ({
        ...e,
        cells: e.cells.map((c) => ({ ...c, anchor: { ...c.anchor!, sheetId: "另一个编号" } })),
      })),
    });
    h.shiftRows(S, 0, 1);
    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([]);
    expect(h.dump(S)).toEqual(shifted(before, 0, 1));
  });

  test("fill → a filled row deleted → undo reports its cell as a conflict and writes nothing elsewhere", async () => {
    const h = await make(FILLED);
    const before = h.dump(S);
    await h.host.applyPlan(fillPlan(), "fill");
    const filled = h.dump(S);
    // Row 8 (a funding row whose 执行率 H8 we filled) goes; the rows below move up.
    h.shiftRows(S, 7, -1);
    const moved = h.dump(S);
    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([{ sheet: S, address: "H8" }]);

    const now = h.dump(S);
    // The row that moved up into row 8 is exactly as the deletion left it.
    for (const a of Object.keys({ ...moved, ...now }).filter((x) => parseA1(x).row === 7))
      expect(now[a]).toEqual(moved[a]);
    // The other filled cells are back (the 总分 one row up); nothing else differs from before.
    const expected = shifted(before, 7, -1);
    expect(values(now)).toEqual(values(expected));
    expect(now.H21).toEqual({ value: 94, formula: null, fill: null });
    expect(now.H7).toEqual(before.H7);
    expect(filled.H8.formula).not.toBeNull();
  });

  test("highlight → a row inserted above the table → clearing the marks clears the right cells", async () => {
    const h = await make(MARKED);
    const before = h.dump(S);
    const plan = highlightPlan();
    expect(plan.highlights.map((x) => x.address)).toEqual(["I20", "I21", "I22", "I23"]);
    await h.host.applyPlan(plan, "highlight");
    h.shiftRows(S, 0, 1);
    expect(h.look(S, "I21").fill).toBe("#FFE699");
    expect(await h.host.clearHighlights()).toBe(4);
    expect(h.dump(S)).toEqual(shifted(before, 0, 1));
    expect((await h.host.readState()).marks).toEqual([]);
    // And undoing the clearing marks them again, where they are now.
    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([]);
    for (const a of ["I21", "I22", "I23", "I24"]) expect(h.look(S, a).fill).toBe("#FFE699");
    expect(h.look(S, "I20").fill).toBeNull();
  });

  test("highlight → rename → undo of the highlight takes the marks off the renamed sheet", async () => {
    const h = await make(MARKED);
    const before = h.dump(S);
    await h.host.applyPlan(highlightPlan(), "highlight");
    h.renameSheet(S, "表二");
    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([]);
    expect(h.dump("表二")).toEqual(before);
    expect((await h.host.readState()).marks).toEqual([]);
  });
});
