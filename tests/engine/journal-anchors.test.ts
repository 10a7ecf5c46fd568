/**
 * The engine's side of anchored undo: formulas whose references Excel moved, planUndo with a
 * locator (moved cells put back where they are, a cell whose row is gone left alone), 清除标记 at
 * the marks' current cells, and the journal cap's note of how many entries it dropped.
 */
import { hasReferences, moveFormula, referenceMoves } from "../../src/engine/journal/formula-move";
import { Locate, planClearMarks, planUndo } from "../../src/engine/journal";
import { decodeState, encodeState } from "../../src/engine/state/codec";
import {
  CellBefore,
  CellLook,
  emptyState,
  JournalEntry,
  MAX_JOURNAL_ENTRIES,
  WorkbookState,
} from "../../src/engine/state/schema";
import { clearedState } from "../../src/engine/journal";

describe("formulas whose references moved", () => {
  test("the moves of each reference, or null when anything else differs", () => {
    expect(referenceMoves("=N(I8)+SUM(H15:H22)", "=N(I7)+SUM(H14:H21)")).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
    expect(referenceMoves("= n(I7) + sum(H15:H22)", "=N(I7)+SUM(H14:H21)")).toEqual([
      [0, 0],
      [1, 0],
      [1, 0],
    ]);
    expect(referenceMoves("=N(I8)+SUM(H15:H22)*2", "=N(I7)+SUM(H14:H21)")).toBeNull();
    expect(referenceMoves("=$H$8", "=H7")).toBeNull(); // made absolute: an edit
    expect(referenceMoves("=LOG10(H8)", "=LOG10(H7)")).toEqual([[1, 0]]); // LOG10 is no cell
    expect(referenceMoves('=IF(H8="A1","A1",H8)', '=IF(H7="A1","A1",H7)')).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(referenceMoves('=IF(H8="A2","A1",H8)', '=IF(H7="A1","A1",H7)')).toBeNull();
    expect(referenceMoves(null, "=H7")).toBeNull();
  });

  test("moving a formula moves every reference, never off the sheet", () => {
    expect(moveFormula("=IFERROR(F7/E7,0)", 2, 0)).toBe("=IFERROR(F9/E9,0)");
    expect(moveFormula('=$A$1&"B2"', 1, 1)).toBe('=$B$2&"B2"');
    expect(moveFormula("=A1", -1, 0)).toBeNull();
    expect(moveFormula("=Z1", 0, 1)).toBe("=AA1");
    expect(hasReferences("=1+2")).toBe(false);
    expect(hasReferences("=SUM(A1:A3)")).toBe(true);
  });
});

const blankLook: CellLook = {
  value: null,
  formula: null,
  numberFormat: null,
  fill: null,
  note: null,
};

function cell(address: string, before: Partial<CellLook>, after: CellBefore["after"]): CellBefore {
  return {
    sheet: "S",
    address,
    ...blankLook,
    ...before,
    after,
    anchor: { sheetId: "id-1", table: "t#0", field: address },
  };
}

function stateWith(entry: JournalEntry, marks: WorkbookState["marks"] = []): WorkbookState {
  return { ...emptyState(), journal: [entry], marks };
}

describe("planUndo with a locator", () => {
  const entry: JournalEntry = {
    id: "1",
    at: "t",
    action: "fill",
    cells: [
      cell("H7", { value: 1 }, { formula: "=F7/E7" }),
      cell("H22", { formula: "=SUM(H10:H21)*1" }, { formula: "=SUM(H14:H21)" }),
      cell("H8", { value: null }, { formula: "=F8/E8" }),
    ],
  };
  // A row inserted at row 10: H7 stays, H22 is now H23; H8's row was deleted.
  const where: Record<string, string | null> = { H7: "H7", H22: "H23", H8: null };
  const locate: Locate = (c) =>
    where[c.address] ? { sheet: "改名", address: where[c.address]! } : null;
  const now: Record<string, CellLook> = {
    H7: { ...blankLook, formula: "=F7/E7" },
    H23: { ...blankLook, formula: "=SUM(H15:H22)" },
  };
  const look = (_s: string, a: string) => now[a] ?? blankLook;

  test("moved cells are put back where they are now; a formula they held moves as Excel moved ours", () => {
    const u = planUndo(stateWith(entry), look, locate);
    expect(u.conflicts).toEqual([{ sheet: "S", address: "H8" }]);
    expect(u.restore.map((c) => [c.sheet, c.address, c.value, c.formula])).toEqual([
      ["改名", "H7", 1, null],
      ["改名", "H23", null, "=SUM(H11:H22)*1"],
    ]);
  });

  test("references moved by more than the cells moved are an edit: left alone", () => {
    const edited: Record<string, CellLook> = {
      ...now,
      H23: { ...blankLook, formula: "=SUM(H16:H22)" },
    };
    const u = planUndo(stateWith(entry), (_s, a) => edited[a] ?? blankLook, locate);
    expect(u.restore.map((c) => c.address)).toEqual(["H7"]);
    expect(u.conflicts).toContainEqual({ sheet: "改名", address: "H23" });
  });

  test("without a locator (older entries) cells are where they were recorded", () => {
    const u = planUndo(stateWith(entry), (_s, a) => (a === "H7" ? now.H7 : blankLook));
    expect(u.restore.map((c) => c.address)).toEqual(["H7"]);
  });

  test("the marks of restored cells go, by where they were recorded", () => {
    const marked: JournalEntry = {
      id: "2",
      at: "t",
      action: "highlight",
      cells: [cell("I20", {}, { fill: "#FFE699" })],
    };
    const state = stateWith(marked, [
      { sheet: "S", address: "I20", fill: null, note: null, anchor: marked.cells[0].anchor },
    ]);
    const u = planUndo(
      state,
      () => ({ ...blankLook, fill: "#FFE699" }),
      () => ({ sheet: "S", address: "I21" })
    );
    expect(u.restore.map((c) => c.address)).toEqual(["I21"]);
    expect(u.state.marks).toEqual([]);
  });
});

describe("清除标记 with a locator", () => {
  test("each mark is cleared where its cell is now; one whose row is gone is dropped", () => {
    const anchor = { table: "t#0", field: "x" };
    const state: WorkbookState = {
      ...emptyState(),
      marks: [
        { sheet: "S", address: "I20", fill: null, note: null, anchor },
        {
          sheet: "S",
          address: "I21",
          fill: "#00FF00",
          note: "旧",
          anchor: { ...anchor, field: "y" },
        },
      ],
    };
    const c = planClearMarks(state, () => ({ ...blankLook, fill: "#FFE699" }), {
      id: "c",
      at: "t",
      locate: (m) => (m.address === "I20" ? { sheet: "T", address: "I25" } : null),
    });
    expect(c.restore).toEqual([{ sheet: "T", address: "I25", fill: null, note: null, anchor }]);
    expect(c.entry?.cells.map((x) => [x.sheet, x.address, x.anchor])).toEqual([
      ["T", "I25", anchor],
    ]);
    expect(c.state.marks).toEqual([]);
  });
});

describe("the journal cap notes what it dropped", () => {
  const entry = (i: number): JournalEntry => ({
    id: String(i),
    at: "t",
    action: "fill",
    cells: [{ sheet: "S", address: "A1", ...blankLook, value: i }],
  });
  const column = (rows: string[][]) => rows.map((r) => r[0]);

  test("entries dropped by count (or size) are counted, and the count adds up over writes", () => {
    const state: WorkbookState = {
      ...emptyState(),
      journal: Array.from({ length: MAX_JOURNAL_ENTRIES + 3 }, (_, i) => entry(i)),
    };
    const once = decodeState(column(encodeState(state)));
    if (!once.ok) throw new Error(once.error);
    expect(once.state.journal).toHaveLength(MAX_JOURNAL_ENTRIES);
    expect(once.state.journalDropped).toBe(3);
    const twice = decodeState(
      column(encodeState({ ...once.state, journal: [...once.state.journal, entry(99)] }))
    );
    if (!twice.ok) throw new Error(twice.error);
    expect(twice.state.journalDropped).toBe(4);
    expect(twice.state.journal[twice.state.journal.length - 1].id).toBe("99");
    // Nothing dropped: no note; 清除助手数据 forgets it.
    const small = decodeState(column(encodeState({ ...emptyState(), journal: [entry(1)] })));
    expect(small.ok && small.state.journalDropped).toBeUndefined();
    expect(clearedState(twice.state, { rules: false }).journalDropped).toBeUndefined();
  });
});
