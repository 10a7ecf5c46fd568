/**
 * The state's format (forward compatible, capped in bytes) and the journal, marks and undo as pure
 * functions over it: undo restores a cell only while it holds what the action wrote, anchors follow
 * cells across inserted rows.
 */
import * as path from "path";
import { analyzeGrid } from "../../../src/engine/analyze";
import { planTableFill } from "../../../src/engine/fill";
import { GridSnapshot, Grid } from "../../../src/engine/grid/snapshot";
import {
  anchorOf,
  CellAt,
  clearedState,
  journalEntryFor,
  planClearMarks,
  planUndo,
  resolveAnchor,
  withEntry,
  withMarks,
} from "../../../src/engine/journal";
import { resolveSettings } from "../../../src/engine/settings";
import {
  capJournal,
  decodeState,
  encodeState,
  STATE_MARKER,
} from "../../../src/engine/state/codec";
import {
  CellLook,
  emptyState,
  JournalEntry,
  WorkbookState,
} from "../../../src/engine/state/schema";
import { readWorkbookFile } from "../../../src/hosts/exceljs/read-workbook";
import { SEEDS_DIR } from "../../helpers/seed-workbooks";

// Reading and filling the seed workbooks is slow on a loaded machine; no timing is asserted.
jest.setTimeout(60_000);

const column = (rows: string[][]) => rows.map((r) => r[0]);
const stored = (doc: unknown) => [`${STATE_MARKER} v9`, JSON.stringify(doc)];

describe("the state's format", () => {
  test("round trip, at the current format version", () => {
    const s: WorkbookState = {
      ...emptyState(),
      suppressions: [
        { code: "TOTAL_SCORE_MISMATCH", sheet: "S", cell: "H22", reason: "ok", at: "t" },
      ],
      rules: { expectedTotalWeight: 110 },
    };
    const back = decodeState(column(encodeState(s)));
    expect(back).toEqual({ ok: true, state: s });
    expect(encodeState(s)[0][0]).toBe(`${STATE_MARKER} v2`);
  });

  test("an unknown finding code, action and keys are kept and written back; the rule set stays", () => {
    const doc = {
      version: 3,
      futureFlag: { a: 1 },
      journal: [
        { id: "1", at: "t", action: "rebalanceWeights", cells: [], extra: true },
        { id: "broken" },
      ],
      suppressions: [
        { code: "NEW_CODE_FROM_2027", sheet: "S", cell: "A1", reason: "r", at: "t", scope: "x" },
      ],
      marks: [],
      rules: { expectedTotalWeight: 110 },
    };
    const d = decodeState(stored(doc));
    expect(d.ok).toBe(true);
    expect(d.state.suppressions[0].code).toBe("NEW_CODE_FROM_2027");
    expect(d.state.journal.map((e) => e.action)).toEqual(["rebalanceWeights"]);
    expect(d.state.kept).toEqual({ journal: [{ id: "broken" }] });
    // An ignore added by this version: everything read is written back.
    const next: WorkbookState = {
      ...d.state,
      suppressions: [
        ...d.state.suppressions,
        { code: "GRADE_MISMATCH", sheet: "S", cell: "A2", reason: "r2", at: "t" },
      ],
    };
    const written = JSON.parse(column(encodeState(next)).slice(1).join(""));
    expect(written.version).toBe(3);
    expect(written.futureFlag).toEqual({ a: 1 });
    expect(written.rules).toEqual({ expectedTotalWeight: 110 });
    expect(written.journal).toEqual([{ id: "broken" }, doc.journal[0]]);
    expect(written.suppressions).toEqual([doc.suppressions[0], next.suppressions[1]]);
  });

  test.each([
    ["not JSON", ["selfeval-state v1", "{ not json"]],
    ["not an object", ["selfeval-state v1", "[1,2]"]],
    ["no version", ["selfeval-state v1", '{"journal":[]}']],
    ["a list that is not a list", ["selfeval-state v1", '{"version":1,"journal":{}}']],
    ["another marker", ["hello"]],
  ])("%s cannot be decoded and says why", (_name, col) => {
    const d = decodeState(col);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error).not.toBe("");
  });

  test("a version 1 state still reads", () => {
    const v1 = {
      version: 1,
      journal: [{ id: "a", at: "t", action: "fill", cells: [] }],
      suppressions: [],
      marks: [],
    };
    const d = decodeState(stored(v1));
    expect(d.ok && d.state.journal).toHaveLength(1);
  });

  test("the journal is capped by bytes as well as by count, oldest first", () => {
    const big = (i: number): JournalEntry => ({
      id: String(i),
      at: "t",
      action: "fill",
      cells: [
        {
          sheet: "S",
          address: "A1",
          value: "数".repeat(50_000),
          formula: null,
          numberFormat: null,
          fill: null,
          note: null,
        },
      ],
    });
    const s: WorkbookState = {
      ...emptyState(),
      journal: Array.from({ length: 15 }, (_, i) => big(i)),
    };
    const kept = capJournal(s);
    expect(kept.length).toBeLessThan(15);
    expect(kept[kept.length - 1].id).toBe("14");
    const bytes = Buffer.byteLength(column(encodeState(s)).slice(1).join(""), "utf8");
    expect(bytes).toBeLessThanOrEqual(1_000_000);
    expect(
      capJournal({
        ...emptyState(),
        journal: Array.from({ length: 30 }, (_, i) => ({ ...big(i), cells: [] })),
      })
    ).toHaveLength(20);
  });
});

/** A tiny in-memory sheet: address → look. */
class Cells {
  readonly map = new Map<string, CellLook>();
  look = (sheet: string, address: string): CellLook | undefined =>
    this.map.get(`${sheet}!${address}`) ?? {
      value: null,
      formula: null,
      numberFormat: null,
      fill: null,
      note: null,
    };
  set(sheet: string, address: string, l: Partial<CellLook>) {
    const now = this.look(sheet, address)!;
    this.map.set(`${sheet}!${address}`, { ...now, ...l });
  }
  at(sheet: string, address: string): CellAt {
    return { sheet, address, ...this.look(sheet, address)! };
  }
}

describe("journal and undo", () => {
  const plan = {
    writes: [
      {
        sheet: "S",
        row: 21,
        col: 7,
        address: "H22",
        purpose: "totalScore" as const,
        formula: "=N(I7)+SUM(H12:H21)",
        result: 97,
        before: { value: 100, formula: null, numberFormat: null },
      },
      {
        sheet: "S",
        row: 6,
        col: 8,
        address: "I7",
        purpose: "fundingScore" as const,
        formula: "=ROUND(H7*G7,2)",
        result: 10,
        before: { value: 10, formula: null, numberFormat: null },
      },
    ],
    highlights: [
      {
        sheet: "S",
        row: 19,
        col: 8,
        address: "I20",
        fillArgb: "FFFFE699",
        note_zh: "请填写",
        note_en: "x",
      },
    ],
  };

  function filled(): { cells: Cells; state: WorkbookState } {
    const cells = new Cells();
    cells.set("S", "H22", { value: 100 });
    cells.set("S", "I7", { value: 10 });
    const looks = ["H22", "I7", "I20"].map((a) => cells.at("S", a));
    const entry = journalEntryFor(plan, looks, "fill", { id: "e1", at: "t" });
    const state = withMarks(withEntry(emptyState(), entry), entry);
    // The host writes the plan.
    cells.set("S", "H22", { formula: plan.writes[0].formula, value: 97 });
    cells.set("S", "I7", { formula: plan.writes[1].formula, value: 10 });
    cells.set("S", "I20", { fill: "#FFE699", note: "请填写" });
    return { cells, state };
  }

  test("undo restores every cell still as written, and drops the entry and its marks", () => {
    const { cells, state } = filled();
    expect(state.marks).toEqual([{ sheet: "S", address: "I20", fill: null, note: null }]);
    const u = planUndo(state, cells.look);
    expect(u.conflicts).toEqual([]);
    expect(u.restore.map((c) => [c.address, c.value, c.formula])).toEqual([
      ["H22", 100, null],
      ["I7", 10, null],
      ["I20", null, null],
    ]);
    expect(u.state.journal).toEqual([]);
    expect(u.state.marks).toEqual([]);
  });

  test("fill → edit a filled cell → undo keeps the edit and lists the conflict", () => {
    const { cells, state } = filled();
    cells.set("S", "H22", { formula: null, value: 95 });
    const u = planUndo(state, cells.look);
    expect(u.conflicts).toEqual([{ sheet: "S", address: "H22" }]);
    expect(u.restore.map((c) => c.address)).toEqual(["I7", "I20"]);
  });

  test("a recoloured mark is a conflict of undo and is left by 清除标记", () => {
    const { cells, state } = filled();
    cells.set("S", "I20", { fill: "#FF0000" });
    expect(planUndo(state, cells.look).conflicts).toEqual([{ sheet: "S", address: "I20" }]);
    const c = planClearMarks(state, cells.look, { id: "e2", at: "t", highlightFill: "#FFE699" });
    expect(c.restore).toEqual([]);
    expect(c.state.marks).toEqual([]);
  });

  test("清除标记 is journalled and undoable; undoing it brings the marks back", () => {
    const { cells, state } = filled();
    const c = planClearMarks(state, cells.look, { id: "e2", at: "t", highlightFill: "#FFE699" });
    expect(c.restore.map((m) => m.address)).toEqual(["I20"]);
    cells.set("S", "I20", { fill: null, note: null });
    const u = planUndo(c.state, cells.look);
    expect(u.entry?.action).toBe("clearHighlights");
    expect(u.restore.map((x) => [x.address, x.fill])).toEqual([["I20", "#FFE699"]]);
    expect(u.state.marks.map((m) => m.address)).toEqual(["I20"]);
  });

  test("an entry without `after` (format 1) is restored as before", () => {
    const cells = new Cells();
    cells.set("S", "A1", { value: 5 });
    const state: WorkbookState = {
      ...emptyState(),
      journal: [
        {
          id: "old",
          at: "t",
          action: "fill",
          cells: [
            {
              sheet: "S",
              address: "A1",
              value: 1,
              formula: null,
              numberFormat: null,
              fill: null,
              note: null,
            },
          ],
        },
      ],
    };
    expect(planUndo(state, cells.look).restore.map((c) => c.value)).toEqual([1]);
  });

  test("清除助手数据 removes the journal, ignores and marks; the rule set only when asked", () => {
    const s: WorkbookState = {
      ...filled().state,
      rules: { expectedTotalWeight: 110 },
      kept: { journal: [1] },
    };
    const kept = clearedState(s, { rules: false });
    expect(kept).toEqual({
      version: 2,
      journal: [],
      suppressions: [],
      marks: [],
      rules: { expectedTotalWeight: 110 },
    });
    expect(clearedState(s, { rules: true }).rules).toBeUndefined();
  });
});

describe("anchors", () => {
  function insertRows(snap: GridSnapshot, at: number, n: number): GridSnapshot {
    const shift = <T>(rows: T[][] | undefined, blank: T): T[][] | undefined =>
      rows && [
        ...rows.slice(0, at),
        ...Array.from({ length: n }, () => [blank]),
        ...rows.slice(at),
      ];
    return {
      ...snap,
      values: shift(snap.values, null)!,
      formulas: shift(snap.formulas, null),
      numberFormats: shift(snap.numberFormats, null),
      merges: snap.merges.map((m) =>
        m.top >= at
          ? { ...m, top: m.top + n, bottom: m.bottom + n }
          : m.bottom >= at
            ? { ...m, bottom: m.bottom + n }
            : m
      ),
    };
  }

  test("a journalled cell is found again after rows are inserted above and inside the table", async () => {
    const snaps = await readWorkbookFile(path.join(SEEDS_DIR, "beijing-2020-stacked.xlsx"));
    const settings = resolveSettings();
    const snap = snaps.find((s) => s.sheetName === "自评表(二)")!;
    const tables = analyzeGrid(new Grid(snap), settings).tables.map((t) => t.table);
    const t = tables.find((x) => x.range.address === "A75:I94")!;
    const writes = planTableFill(t, settings).writes;
    const anchors = writes.map((w) => anchorOf(tables, w.address)!);
    expect(anchors.every((a) => a !== null)).toBe(true);
    expect(anchors.map((a) => a.field)).toContain("total.score");

    // Two rows inserted above the table, one inside its indicator block (origin row 0).
    const moved = insertRows(insertRows(snap, 85, 1), 10, 2);
    const after = analyzeGrid(new Grid(moved), settings).tables.map((x) => x.table);
    const where = anchors.map((a) => resolveAnchor(a, after));
    expect(where).toEqual(
      writes.map((w) =>
        w.address.replace(/\d+/, (r) => String(Number(r) + (Number(r) > 85 ? 3 : 2)))
      )
    );
    // Ignored findings and marks use the same anchors: a cell outside every table has none.
    expect(anchorOf(tables, "Z999")).toBeNull();
  });
});

describe("anchored ignores", () => {
  test("an ignore follows its finding after rows are inserted; without an anchor it matches by address", async () => {
    const { splitSuppressed } = await import("../../../src/engine/state/suppress");
    const snaps = await readWorkbookFile(path.join(SEEDS_DIR, "beijing-2023.xlsx"));
    const settings = resolveSettings();
    const snap = snaps.find((s) => s.sheetName === "博士后、高研班工作经费")!;
    const report = analyzeGrid(new Grid(snap), settings);
    const tables = report.tables.map((t) => t.table);
    const f = report.tables[0].findings.find((x) => x.code === "TOTAL_SCORE_MISMATCH")!;
    const anchor = anchorOf(tables, f.cell!)!;
    const ignore = { code: f.code, sheet: snap.sheetName, cell: f.cell, reason: "r", at: "t" };

    const moved: GridSnapshot = {
      ...snap,
      values: [[null], [null], ...snap.values],
      formulas: snap.formulas && [[null], [null], ...snap.formulas],
      numberFormats: snap.numberFormats && [[null], [null], ...snap.numberFormats],
      merges: snap.merges.map((m) => ({ ...m, top: m.top + 2, bottom: m.bottom + 2 })),
    };
    const r2 = analyzeGrid(new Grid(moved), settings);
    const t2 = r2.tables.map((t) => t.table);
    const f2 = r2.tables[0].findings;
    expect(
      splitSuppressed(snap.sheetName, f2, [{ ...ignore, anchor }], { tables: t2 }).ignored
    ).toHaveLength(1);
    expect(splitSuppressed(snap.sheetName, f2, [ignore], { tables: t2 }).ignored).toHaveLength(0);
    // Renamed sheet: the stable sheet id still matches.
    const withId = { ...ignore, anchor: { ...anchor, sheetId: "{ID-1}" } };
    expect(
      splitSuppressed("新名字", f2, [withId], { tables: t2, sheetId: "{ID-1}" }).ignored
    ).toHaveLength(1);
    expect(
      splitSuppressed("新名字", f2, [withId], { tables: t2, sheetId: "{ID-2}" }).ignored
    ).toHaveLength(0);
    // An unknown code matches nothing.
    expect(
      splitSuppressed(snap.sheetName, f2, [{ ...ignore, code: "FUTURE_CODE", anchor }], {
        tables: t2,
      }).ignored
    ).toHaveLength(0);
  });
});
