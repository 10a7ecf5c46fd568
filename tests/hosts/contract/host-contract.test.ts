/**
 * One contract, three hosts (Office on the fake Excel, the browser preview, the pane's test fake):
 * read, apply a plan, undo, undo after a person edited a filled cell (the edit is kept and reported
 * as a conflict), highlight and clear, the state round trip with entries of a newer version, and a
 * state that cannot be decoded (never overwritten until reset).
 */
import { CellWrite, Highlight, WritePlan } from "../../../src/engine/fill/plan-types";
import { parseA1 } from "../../../src/engine/grid/a1";
import { emptyState, WorkbookState } from "../../../src/engine/state/schema";
import { HostError } from "../../../src/hosts/host";
import { HOSTS } from "./hosts";

function write(
  address: string,
  spec: { formula?: string; value?: number; result?: number },
  before: CellWrite["before"]
): CellWrite {
  const p = parseA1(address);
  return {
    sheet: "S",
    row: p.row,
    col: p.col,
    address,
    purpose: spec.formula ? "totalScore" : "convertNumber",
    ...spec,
    before,
  };
}

function mark(address: string): Highlight {
  const p = parseA1(address);
  return {
    sheet: "S",
    row: p.row,
    col: p.col,
    address,
    fillArgb: "FFFFE699",
    note_zh: "请填写偏差原因",
    note_en: "Explain",
  };
}

const FILL: WritePlan = {
  writes: [
    write(
      "A1",
      { formula: "=A2*20", result: 100 },
      { value: 100, formula: null, numberFormat: null }
    ),
    write("B1", { value: 96 }, { value: "96 万", formula: null, numberFormat: null }),
  ],
  highlights: [mark("C1")],
};

describe.each(HOSTS)("%s host", (_name, make) => {
  test("reads the sheet", async () => {
    const h = await make();
    const [snap] = await h.host.readSheets(["S"]);
    expect(snap.values[0][0]).toBe(100);
    expect(snap.values[0][1]).toBe("96 万");
    expect(await h.host.sheetNames()).toEqual(["S"]);
  });

  test("applies a plan, journals it, and undo puts every cell back", async () => {
    const h = await make();
    const entry = await h.host.applyPlan(FILL, "fill");
    expect(entry.cells.map((c) => c.address).sort()).toEqual(["A1", "B1", "C1"]);
    expect(h.look("S", "A1").formula).toBe("=A2*20");
    expect(h.look("S", "B1").value).toBe(96);
    expect(h.look("S", "C1").fill).toBe("#FFE699");
    expect((await h.host.readState()).marks.map((m) => m.address)).toEqual(["C1"]);

    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([]);
    expect(h.look("S", "A1")).toEqual({ value: 100, formula: null, fill: null });
    expect(h.look("S", "B1").value).toBe("96 万");
    expect(h.look("S", "C1").fill).toBeNull();
    const state = await h.host.readState();
    expect(state.journal).toEqual([]);
    expect(state.marks).toEqual([]);
    expect(await h.host.undoLast()).toBeNull();
  });

  test("fill → a person edits a filled cell → undo keeps the edit and reports the conflict", async () => {
    const h = await make();
    await h.host.applyPlan(FILL, "fill");
    h.edit("S", "A1", 95);
    const undone = await h.host.undoLast();
    expect(undone?.conflicts).toEqual([{ sheet: "S", address: "A1" }]);
    expect(h.look("S", "A1")).toMatchObject({ value: 95, formula: null });
    expect(h.look("S", "B1").value).toBe("96 万");
  });

  test("highlight, clear the marks, and undo the clearing", async () => {
    const h = await make();
    await h.host.applyPlan({ writes: [], highlights: [mark("C2")] }, "highlight");
    expect(h.look("S", "C2").fill).toBe("#FFE699");
    expect(await h.host.clearHighlights()).toBe(1);
    expect(h.look("S", "C2").fill).toBeNull();
    expect((await h.host.readState()).marks).toEqual([]);
    const undone = await h.host.undoLast();
    expect(undone?.action).toBe("clearHighlights");
    expect(h.look("S", "C2").fill).toBe("#FFE699");
    expect((await h.host.readState()).marks.map((m) => m.address)).toEqual(["C2"]);
  });

  test("the state round-trips, with a newer version's finding code and keys kept", async () => {
    const h = await make();
    const state: WorkbookState = {
      ...emptyState(),
      suppressions: [
        {
          code: "CODE_FROM_A_NEWER_VERSION",
          sheet: "S",
          cell: "A1",
          reason: "已说明",
          at: "t",
          scope: "table",
        },
      ],
      rules: { expectedTotalWeight: 110 },
      newerKey: [1, 2],
    };
    await h.host.writeState(state);
    expect(await h.host.readState()).toEqual(state);
    // An action of ours keeps all of it.
    await h.host.applyPlan(FILL, "fill");
    const after = await h.host.readState();
    expect(after.suppressions).toEqual(state.suppressions);
    expect(after.rules).toEqual(state.rules);
    expect(after.newerKey).toEqual([1, 2]);
  });

  test("a state that cannot be decoded is never overwritten, until the user resets it", async () => {
    const h = await make();
    h.corruptState();
    await h.host.readState();
    expect(await h.host.stateProblem()).toBeTruthy();
    await expect(h.host.writeState(emptyState())).rejects.toMatchObject({
      kind: "stateUnreadable",
    });
    await expect(h.host.applyPlan(FILL, "fill")).rejects.toBeInstanceOf(HostError);
    expect(h.look("S", "A1")).toMatchObject({ value: 100, formula: null });
    await h.host.writeState(emptyState(), { reset: true });
    expect(await h.host.stateProblem()).toBeNull();
    await h.host.applyPlan(FILL, "fill");
    expect((await h.host.readState()).journal).toHaveLength(1);
  });
});

describe("hidden sheets (Office host)", () => {
  test("a whole-workbook read leaves hidden sheets out and says how many", async () => {
    const { setup } = await import("../office/helpers");
    const { host } = setup([
      { name: "S", rows: [[1]] },
      { name: "隐藏", rows: [[2]], visibility: "Hidden" },
    ]);
    const snaps = await host.readSheets();
    expect(snaps.map((s) => s.sheetName)).toEqual(["S"]);
    expect(host.hiddenSheetsSkipped).toBe(1);
    expect(await host.sheetNames()).toEqual(["S"]);
  });
});
