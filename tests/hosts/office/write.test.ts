import { HostError } from "../../../src/hosts/host";
import { emptyState, WorkbookState } from "../../../src/engine/state";
import { toHostError } from "../../../src/hosts/office";
import { FakeOfficeError, SheetInit } from "./fake-excel";
import { counted, highlight, plan, setup, storedState, write } from "./helpers";
import { recordSyncs } from "./sync-report";

const S = "表1";

/** A sheet with what a fill meets: constants, old formulas, formats, text numbers, fills, notes, a merge. */
function sheet(extra: Partial<SheetInit> = {}): SheetInit {
  return {
    name: S,
    cells: {
      A1: "项目支出绩效自评表",
      D6: 100,
      E6: 95,
      G6: { v: 0.95, nf: "0.00%" },
      G7: { f: "=E7/D7", v: 1, nf: "0%" },
      H6: 9.5,
      D10: "96", // a number stored as text
      D11: { v: "3.5", nf: "@" },
      J12: null,
      J14: { v: "原因：", fill: "#DDEEFF", note: "原有批注" },
      J15: "",
      K30: "outside",
      B20: "总分",
    },
    merges: ["A1:J1", "L5:M6"],
    ...extra,
  };
}

function fillPlan() {
  return plan(
    [
      write(S, "G6", { formula: "=IFERROR(E6/D6,0)", numberFormat: "0.00%" }),
      write(S, "G7", { formula: "=IFERROR(E7/D7,0)", numberFormat: "0.00%" }),
      write(S, "G8", { formula: "=IFERROR(E8/D8,0)", numberFormat: "0.00%" }),
      write(S, "H6", { formula: "=ROUND(MIN(G6,1)*F6,2)" }),
      write(S, "H7", { formula: "=ROUND(MIN(G7,1)*F7,2)" }),
      write(S, "H20", { formula: "=SUM(H6:H19)" }),
      write(S, "I20", { formula: "=SUM(I6:I19)" }),
      write(S, "D10", { value: 96 }),
      write(S, "D11", { value: 3.5, numberFormat: "0.00" }),
      write(S, "J20", { value: "优" }),
    ],
    [highlight(S, "J12"), highlight(S, "J14"), highlight(S, "J15")]
  );
}

describe("OfficeHost.applyPlan", () => {
  test("formulas go in per contiguous block, exactly the plan's cells", async () => {
    const { wb, host } = setup([sheet()]);
    const before = wb.dump(S);
    await host.readSheets([S]); // as the pane does before it fills (the journal's anchors come from it)
    const { result: entry, syncs } = await counted(wb, () => host.applyPlan(fillPlan(), "fill"));
    recordSyncs("applyPlan (no state sheet yet)", syncs);
    expect(syncs).toBeLessThanOrEqual(3);

    const of = (kind: string) =>
      wb.writes.filter((w) => w.sheet === S && w.kind === kind).map((w) => w.address);
    expect(of("formulas").sort()).toEqual(["G6:G8", "H20:I20", "H6:H7"]);
    expect(wb.writes.find((w) => w.kind === "formulas" && w.address === "G6:G8")?.value).toEqual([
      ["=IFERROR(E6/D6,0)"],
      ["=IFERROR(E7/D7,0)"],
      ["=IFERROR(E8/D8,0)"],
    ]);
    expect(wb.writes.find((w) => w.kind === "formulas" && w.address === "H20:I20")?.value).toEqual([
      ["=SUM(H6:H19)", "=SUM(I6:I19)"],
    ]);
    expect(of("values").sort()).toEqual(["D10:D11", "J20"]);
    expect(of("fill").sort()).toEqual(["J12", "J14:J15"]);
    expect(of("noteAdd").sort()).toEqual(["J12", "J15"]);
    expect(of("noteContent")).toEqual(["J14"]);

    // Nothing outside the plan changed.
    const after = wb.dump(S);
    const planned = new Set([
      "G6",
      "G7",
      "G8",
      "H6",
      "H7",
      "H20",
      "I20",
      "D10",
      "D11",
      "J20",
      "J12",
      "J14",
      "J15",
    ]);
    for (const a of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!planned.has(a)) expect([a, after[a]]).toEqual([a, before[a]]);
    }
    const touched = new Set(
      wb.writes.filter((w) => w.sheet === S).flatMap((w) => expandA1(w.address))
    );
    for (const a of touched) expect(planned.has(a)).toBe(true);

    expect(wb.cellState(S, "G6")).toMatchObject({
      formula: "=IFERROR(E6/D6,0)",
      numberFormat: "0.00%",
    });
    expect(wb.cellState(S, "D10")).toMatchObject({ value: 96, formula: null });
    expect(wb.cellState(S, "J20")).toMatchObject({ value: "优", numberFormat: "General" });
    expect(wb.cellState(S, "J14")).toMatchObject({
      fill: "#FFE699",
      note: "原有批注\n\n请填写偏差原因分析及改进措施：J14",
    });

    // Journal: the before-state of every touched cell.
    expect(entry.action).toBe("fill");
    expect(entry.cells.length).toBe(13);
    expect(entry.cells.find((c) => c.address === "G7")).toEqual({
      sheet: S,
      address: "G7",
      value: 1,
      formula: "=E7/D7",
      numberFormat: "0%",
      fill: null,
      note: null,
      after: { formula: "=IFERROR(E7/D7,0)" },
    });
    expect(entry.cells.find((c) => c.address === "J14")).toEqual({
      sheet: S,
      address: "J14",
      value: "原因：",
      formula: null,
      numberFormat: null,
      fill: "#DDEEFF",
      note: "原有批注",
      after: { fill: "#FFE699" },
    });
    const state = storedState(wb) as WorkbookState;
    expect(state.journal.map((j) => j.id)).toEqual([entry.id]);
    expect(state.marks).toEqual([
      { sheet: S, address: "J12", fill: null, note: null },
      { sheet: S, address: "J14", fill: "#DDEEFF", note: "原有批注" },
      { sheet: S, address: "J15", fill: null, note: null },
    ]);
    // The state sheet is very hidden and its cells are text.
    expect(wb.sheet("_selfeval").visibility).toBe("VeryHidden");
    expect(wb.sheet("_selfeval").cell(0, 0)?.numberFormat).toBe("@");
    // One click = one undo group (ExcelApi 1.20).
    expect(wb.runs[wb.runs.length - 1].options).toEqual({
      mergeUndoGroup: true,
      delayForCellEdit: true,
    });
  });

  test("apply then undoLast restores values, formulas, formats, fills and notes exactly", async () => {
    const { wb, host } = setup([sheet()]);
    const before = wb.dump(S);
    await host.applyPlan(fillPlan(), "fill");
    expect(wb.dump(S)).not.toEqual(before);
    const { result: undone, syncs } = await counted(wb, () => host.undoLast());
    recordSyncs("undoLast (fill of 13 cells)", syncs);
    expect(syncs).toBeLessThanOrEqual(3);
    expect(undone?.action).toBe("fill");
    expect(wb.dump(S)).toEqual(before);
    expect(wb.cellState(S, "D10")).toMatchObject({ value: "96", numberFormat: "General" }); // text again, not a number
    const state = storedState(wb) as WorkbookState;
    expect(state.journal).toEqual([]);
    expect(state.marks).toEqual([]);
    // Nothing left to undo: no write.
    const n = wb.writes.length;
    const { result: none, syncs: s2 } = await counted(wb, () => host.undoLast());
    expect(none).toBeNull();
    expect(wb.writes.length).toBe(n);
    expect(s2).toBe(1);
  });

  test("sync counts: apply 2 after the pane's read; undo 3; clear 3", async () => {
    const { wb, host } = setup([sheet()]);
    // The pane reads the sheets before every fill; applyPlan anchors its journal from that read.
    await host.readSheets([S]);
    const a1 = await counted(wb, () =>
      host.applyPlan(plan([write(S, "G6", { formula: "=E6/D6" })]), "fill")
    );
    await host.readSheets([S]);
    const a2 = await counted(wb, () =>
      host.applyPlan(plan([], [highlight(S, "J12")]), "highlight")
    );
    recordSyncs("applyPlan (state sheet known)", a2.syncs);
    expect(a1.syncs).toBe(2);
    expect(a2.syncs).toBe(2);

    // A new session on the same workbook: the state sheet exists but has not been seen yet.
    const { OfficeHost } = await import("../../../src/hosts/office");
    const { FakeExcel } = await import("./fake-excel");
    const { fakeOffice } = await import("./helpers");
    const fresh = new OfficeHost({
      language: "zh",
      excel: new FakeExcel(wb) as unknown as typeof Excel,
      office: fakeOffice("1.20"),
    });
    await fresh.readSheets([S]);
    const a3 = await counted(wb, () =>
      fresh.applyPlan(plan([write(S, "H6", { formula: "=G6*10" })]), "fill")
    );
    // The read before it learnt that the state sheet exists (at no extra sync of its own).
    recordSyncs("applyPlan (first call of a session, after the pane's read)", a3.syncs);
    expect(a3.syncs).toBe(2);

    const c = await counted(wb, () => fresh.clearHighlights());
    recordSyncs("clearHighlights (1 mark)", c.syncs);
    expect(c.result).toBe(1);
    expect(c.syncs).toBe(3);
    const u = await counted(wb, () => fresh.undoLast());
    recordSyncs("undoLast (clearHighlights)", u.syncs);
    expect(u.syncs).toBe(3);
    const rs = await counted(wb, () => fresh.readState());
    recordSyncs("readState", rs.syncs);
    expect(rs.syncs).toBe(1);
    const ws = await counted(wb, () => fresh.writeState(rs.result));
    recordSyncs("writeState", ws.syncs);
    expect(ws.syncs).toBe(1);
  });

  test("undo as the very first call of a session costs one more sync (the pane reads the state first)", async () => {
    const { wb, host } = setup([sheet()]);
    await host.applyPlan(plan([write(S, "G6", { formula: "=E6/D6" })]), "fill");
    const { OfficeHost } = await import("../../../src/hosts/office");
    const { FakeExcel } = await import("./fake-excel");
    const { fakeOffice } = await import("./helpers");
    const cold = new OfficeHost({
      language: "zh",
      excel: new FakeExcel(wb) as unknown as typeof Excel,
      office: fakeOffice("1.20"),
    });
    const u = await counted(wb, () => cold.undoLast());
    recordSyncs("undoLast (very first call of a session)", u.syncs);
    expect(u.result?.action).toBe("fill");
    expect(u.syncs).toBe(4);
  });

  test("an empty plan writes nothing and journals nothing", async () => {
    const { wb, host } = setup([sheet()]);
    const { result, syncs } = await counted(wb, () => host.applyPlan(plan([]), "fill"));
    expect(syncs).toBe(0);
    expect(result.cells).toEqual([]);
    expect(wb.writes).toEqual([]);
    expect(wb.sheets.map((s) => s.name)).toEqual([S]);
  });

  test("a highlight already there changes nothing and journals nothing", async () => {
    const { wb, host } = setup([sheet()]);
    await host.applyPlan(plan([], [highlight(S, "J12")]), "highlight");
    const n = wb.writes.length;
    const again = await host.applyPlan(plan([], [highlight(S, "J12")]), "highlight");
    expect(again.cells).toEqual([]);
    expect(wb.writes.length).toBe(n);
    expect((storedState(wb) as WorkbookState).journal.length).toBe(1);
  });

  test("a protected sheet: HostError('protected'), nothing written", async () => {
    const { wb, host } = setup([sheet({ protected: true })]);
    const e = await host.applyPlan(fillPlan(), "fill").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostError);
    expect(e).toMatchObject({
      kind: "protected",
      message_zh: "工作表“表1”受保护，请先撤销保护再填充。",
      message_en: "Sheet 表1 is protected; unprotect it first.",
    });
    expect(wb.writes).toEqual([]);
    expect(wb.sheets.map((s) => s.name)).toEqual([S]);
  });

  test("cells inside a merged area are never written; a merge's top-left cell gets its own block", async () => {
    const { wb, host } = setup([sheet()]);
    const entry = await host.applyPlan(
      plan([
        write(S, "K5", { formula: "=1" }),
        write(S, "L5", { formula: "=2" }),
        write(S, "M5", { formula: "=3" }),
        write(S, "L6", { formula: "=4" }),
      ]),
      "fill"
    );
    const formulas = wb.writes.filter((w) => w.kind === "formulas").map((w) => w.address);
    expect(formulas.sort()).toEqual(["K5", "L5"]);
    expect(entry.cells.map((c) => c.address).sort()).toEqual(["K5", "L5"]);
  });

  test("notes fallback: 1.18 notes → 1.10 comments → none", async () => {
    // ExcelApi 1.17: threaded comments instead of notes.
    const c = setup([sheet()], { api: "1.17" });
    c.wb.addComment(S, "J14", "旧评论");
    const before = c.wb.dump(S);
    await c.host.readSheets([S]);
    const applied = await counted(c.wb, () =>
      c.host.applyPlan(plan([], [highlight(S, "J12"), highlight(S, "J14")]), "highlight")
    );
    recordSyncs("applyPlan (comments fallback, ExcelApi 1.17)", applied.syncs);
    expect(applied.syncs).toBeLessThanOrEqual(3);
    expect(c.wb.writes.filter((w) => w.kind.startsWith("note"))).toEqual([]);
    expect(c.wb.cellState(S, "J12").comment).toBe("请填写偏差原因分析及改进措施：J12");
    expect(c.wb.cellState(S, "J14").comment).toBe("旧评论\n\n请填写偏差原因分析及改进措施：J14");
    expect(c.wb.cellState(S, "J14").note).toBe("原有批注"); // the note is not ours to touch
    // No mergeUndoGroup below ExcelApi 1.20.
    expect(c.wb.runs.every((r) => !r.options || !("mergeUndoGroup" in r.options))).toBe(true);
    const u = await counted(c.wb, () => c.host.undoLast());
    expect(u.syncs).toBeLessThanOrEqual(3);
    expect(c.wb.dump(S)).toEqual(before);

    // ExcelApi 1.9: no notes or comments, fill only; plain Excel.run.
    const n = setup([sheet()], { api: "1.9", language: "en" });
    const before2 = n.wb.dump(S);
    await n.host.applyPlan(plan([], [highlight(S, "J12")]), "highlight");
    expect(n.wb.writes.filter((w) => /note|comment/i.test(w.kind))).toEqual([]);
    expect(n.wb.cellState(S, "J12").fill).toBe("#FFE699");
    expect(n.wb.runs.every((r) => r.options === undefined)).toBe(true);
    await n.host.undoLast();
    expect(n.wb.dump(S)).toEqual(before2);

    // ExcelApi 1.18: notes, in the chosen language.
    const e = setup([sheet()], { api: "1.18", language: "en" });
    await e.host.applyPlan(plan([], [highlight(S, "J12")]), "highlight");
    expect(e.wb.cellState(S, "J12").note).toBe("Explain the deviation: J12");
    expect(e.wb.runs[e.wb.runs.length - 1].options).toEqual({ delayForCellEdit: true });
  });

  test("clearHighlights restores what the marks remember, and can be undone", async () => {
    const { wb, host } = setup([sheet()]);
    const pristine = wb.dump(S);
    await host.applyPlan(
      plan([write(S, "G6", { formula: "=E6/D6" })], [highlight(S, "J12"), highlight(S, "J14")]),
      "fill"
    );
    const highlighted = wb.dump(S);
    // A person types an explanation into a marked cell.
    wb.sheet(S).ensure(11, 9).value = "已说明";
    const n = await host.clearHighlights();
    expect(n).toBe(2);
    expect(wb.cellState(S, "J12")).toMatchObject({ value: "已说明", fill: null, note: null });
    expect(wb.cellState(S, "J14")).toMatchObject({
      value: "原因：",
      fill: "#DDEEFF",
      note: "原有批注",
    });
    let state = storedState(wb) as WorkbookState;
    expect(state.marks).toEqual([]);
    expect(state.journal.map((j) => j.action)).toEqual(["fill", "clearHighlights"]);
    expect(await host.clearHighlights()).toBe(0);

    // Undo the clearing: the marks and their fills/notes come back, the typed text stays.
    await host.undoLast();
    expect(wb.cellState(S, "J12")).toMatchObject({
      value: "已说明",
      fill: "#FFE699",
      note: "请填写偏差原因分析及改进措施：J12",
    });
    expect(wb.cellState(S, "J14")).toEqual(highlighted.J14);
    state = storedState(wb) as WorkbookState;
    expect(state.marks.map((m) => m.address)).toEqual(["J12", "J14"]);
    // Undo the fill: everything as it was, apart from the typed text.
    await host.undoLast();
    const now = wb.dump(S);
    expect({ ...now, J12: undefined }).toEqual({ ...pristine, J12: undefined });
    expect((storedState(wb) as WorkbookState).marks).toEqual([]);
  });

  test("a missing sheet becomes a readable HostError, nothing written", async () => {
    const { wb, host } = setup([sheet()]);
    const e = await host
      .applyPlan(plan([write("Gone", "A1", { formula: "=1" })]), "fill")
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostError);
    expect((e as HostError).message_zh).toContain("找不到");
    expect(wb.writes).toEqual([]);
  });

  test("Office errors map to HostError messages without stacks", () => {
    const cases: [string, HostError["kind"]][] = [
      ["InvalidOperation", "failed"],
      ["ItemNotFound", "failed"],
      ["AccessDenied", "protected"],
      ["ResponsePayloadSizeLimitExceeded", "tooLarge"],
      ["ApiNotFound", "unsupported"],
    ];
    for (const [code, kind] of cases) {
      const h = toHostError(new FakeOfficeError(code, `${code}: detail\n    at foo (x.js:1:1)`));
      expect(h.kind).toBe(kind);
      expect(h.message_zh).not.toMatch(/\bat\b.*\.js/);
      expect(h.message_en.length).toBeGreaterThan(10);
    }
    const odd = toHostError(new FakeOfficeError("WeirdCode", "Something odd\n  at x (y.js:2:3)"));
    expect(odd.message_en).toBe("The Excel operation failed (WeirdCode: Something odd)");
    // Excel's English text stays out of the Chinese sentence.
    expect(toHostError(new Error("plain")).message_zh).toBe(
      "Excel 未能完成此操作，请稍后重试；如仍失败，请保存并重新打开工作簿。"
    );
    expect(odd.message_zh.replace(/Excel/g, "")).not.toMatch(/[A-Za-z]/);
  });

  test("no Excel at all: HostError('noWorkbook')", async () => {
    const { OfficeHost } = await import("../../../src/hosts/office");
    const host = new OfficeHost({ language: "zh" });
    await expect(host.readState()).rejects.toMatchObject({ kind: "noWorkbook" });
  });
});

describe("OfficeHost state, selection and change events", () => {
  test("writeState / readState round trip, large state split over cells", async () => {
    const { wb, host } = setup([sheet()]);
    expect(await host.readState()).toEqual(emptyState());
    const state: WorkbookState = {
      ...emptyState(),
      suppressions: Array.from({ length: 400 }, (_, i) => ({
        code: "OVERSPENT" as const,
        sheet: S,
        cell: `E${i + 1}`,
        reason: `=1+${i} 说明 0012345 ${"x".repeat(100)}`,
        at: "2024-01-01T00:00:00Z",
      })),
    };
    await host.writeState(state);
    expect(wb.sheet("_selfeval").visibility).toBe("VeryHidden");
    expect(wb.sheet("_selfeval").cell(2, 0)).toBeDefined(); // more than one chunk
    expect(await host.readState()).toEqual(state);
    await host.writeState(emptyState());
    expect(await host.readState()).toEqual(emptyState()); // old chunks cleared
  });

  test("a state sheet removed behind the host's back: retried, not failed", async () => {
    const { wb, host } = setup([sheet()]);
    await host.writeState(emptyState());
    wb.sheets = wb.sheets.filter((s) => s.name !== "_selfeval");
    expect(await host.readState()).toEqual(emptyState());
    const entry = await host.applyPlan(plan([write(S, "G6", { formula: "=1" })]), "fill");
    expect((storedState(wb) as WorkbookState).journal[0].id).toBe(entry.id);
  });

  test("selectCell activates the sheet and selects the cell", async () => {
    const { wb, host } = setup([{ name: "Other" }, sheet()]);
    const { syncs } = await counted(wb, () => host.selectCell(S, "J14"));
    expect(syncs).toBe(1);
    expect(wb.active).toBe(S);
    expect(wb.sheet(S).selection).toBe("J14");
  });

  test("onCellsChanged reports sheet and address, skips our own writes, unsubscribes", async () => {
    const { wb, host } = setup([sheet(), { name: "_selfeval", visibility: "VeryHidden" }]);
    const seen: [string, string][] = [];
    const off = await host.onCellsChanged((s, a) => seen.push([s, a]));
    expect(wb.handlers.size).toBe(1);
    await wb.fireChanged(S, "E6");
    await wb.fireChanged(S, "G6", "ThisLocalAddin");
    await wb.fireChanged("_selfeval", "A1");
    wb.sheet(S).name = "改名后";
    await wb.fireChanged("改名后", "D6");
    expect(seen).toEqual([
      [S, "E6"],
      ["改名后", "D6"],
    ]);
    off();
    await new Promise((r) => setTimeout(r, 0));
    expect(wb.handlers.size).toBe(0);
  });

  test("without ExcelApi 1.9 change events are a no-op", async () => {
    const { wb, host } = setup([sheet()], { api: "1.8" });
    const off = await host.onCellsChanged(() => undefined);
    expect(wb.handlers.size).toBe(0);
    off();
  });
});

/** "G6:G8" → ["G6","G7","G8"] (single letters are enough here). */
function expandA1(address: string): string[] {
  if (!address) return [];
  const [a, b = a] = address.split(":");
  const c1 = a.charCodeAt(0);
  const c2 = b.charCodeAt(0);
  const r1 = Number(a.slice(1));
  const r2 = Number(b.slice(1));
  const out: string[] = [];
  for (let c = c1; c <= c2; c++)
    for (let r = r1; r <= r2; r++) out.push(`${String.fromCharCode(c)}${r}`);
  return out;
}
