/**
 * Protection and hidden sheets, one contract for the three hosts (Office on the fake Excel, the
 * browser preview, the pane's fake): our own protected template is written through (mark, 采用建议得分
 * into its inputs, a formula into a locked computed cell) and undone, and stays protected with its
 * locked cells locked; someone else's protected sheet is refused by name with nothing written; a
 * workbook whose structure is protected refuses the first state write (which must add "_selfeval")
 * in plain Chinese; hidden sheets are skipped and counted unless included, and a fill never writes
 * into one the check left out.
 */
import { CellWrite, Highlight, WritePlan } from "../../../src/engine/fill/plan-types";
import { parseA1 } from "../../../src/engine/grid/a1";
import { emptyState, WorkbookState } from "../../../src/engine/state/schema";
import { buildTemplateLayout } from "../../../src/engine/template";
import { HostError } from "../../../src/hosts/host";
import { Look, PROTECTION_HOSTS, ProtectionHarness, ROWS } from "./hosts";

const layout = buildTemplateLayout({ variant: "beijing", projects: 1, year: 2024 });
const TEMPLATE = layout.sheets[0];
const INDICATOR = TEMPLATE.anchors.indicators[0];
const TOTAL = TEMPLATE.anchors.total.score;

function write(
  sheet: string,
  address: string,
  spec: { formula?: string; value?: number; result?: number },
  purpose: CellWrite["purpose"],
  before: Look
): CellWrite {
  const p = parseA1(address);
  return {
    sheet,
    row: p.row,
    col: p.col,
    address,
    purpose,
    ...spec,
    before: { value: before.value, formula: before.formula, numberFormat: null },
  };
}

function mark(sheet: string, address: string): Highlight {
  const p = parseA1(address);
  return {
    sheet,
    row: p.row,
    col: p.col,
    address,
    fillArgb: "FFFFE699",
    note_zh: "请填写偏差原因分析及改进措施",
    note_en: "Explain the deviation",
  };
}

/** Chinese text with no English words in it (the names Excel and "_selfeval" aside). */
function plainChinese(text: string): boolean {
  return !/[A-Za-z]{3,}/.test(text.replace(/_selfeval|Excel/g, ""));
}

async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HostError);
    return e as HostError;
  }
  throw new Error("expected a HostError");
}

const IGNORE = (state: WorkbookState): WorkbookState => ({
  ...state,
  suppressions: [
    { code: "MISSING_FIELD", sheet: "S", cell: "A1", reason: "已核实", at: "2026-01-01T00:00:00Z" },
  ],
});

describe.each(PROTECTION_HOSTS)("%s host", (_name, make) => {
  describe("our own protected template", () => {
    async function inserted(): Promise<{ h: ProtectionHarness; sheet: string }> {
      const h = await make();
      const sheet = await h.host.insertTemplateSheet(TEMPLATE, { rules: layout.rules });
      expect(h.isProtected(sheet)).toBe(true);
      return { h, sheet };
    }

    test("a mark, a suggested score and a locked total are written, journalled and undone; the sheet stays protected", async () => {
      const { h, sheet } = await inserted();
      expect(h.isLocked(sheet, TOTAL)).not.toBe(false);
      expect(h.isLocked(sheet, INDICATOR.score)).not.toBe(true);
      const before = {
        score: h.look(sheet, INDICATOR.score),
        total: h.look(sheet, TOTAL),
        explanation: h.look(sheet, INDICATOR.explanation),
      };

      // 标出未说明的偏差
      const marked = await h.host.applyPlan(
        { writes: [], highlights: [mark(sheet, INDICATOR.explanation)] },
        "highlight"
      );
      expect(marked.reprotected).toEqual([sheet]);
      expect(h.look(sheet, INDICATOR.explanation).fill).toBe("#FFE699");
      expect(h.isProtected(sheet)).toBe(true);

      // 采用建议得分: the score input, and the 总分 formula (a locked computed cell) planned with it.
      const plan: WritePlan = {
        writes: [
          write(sheet, INDICATOR.score, { value: 8 }, "suggestedScore", before.score),
          write(sheet, TOTAL, { formula: "=90", result: 90 }, "totalScore", before.total),
        ],
        highlights: [],
      };
      const scored = await h.host.applyPlan(plan, "applySuggestedScores");
      expect(scored.reprotected).toEqual([sheet]);
      expect(h.look(sheet, INDICATOR.score).value).toBe(8);
      expect(h.look(sheet, TOTAL).formula).toBe("=90");
      expect(h.isProtected(sheet)).toBe(true);
      expect(h.isLocked(sheet, TOTAL)).not.toBe(false);
      expect(h.isLocked(sheet, INDICATOR.score)).not.toBe(true);
      expect((await h.host.readState()).journal.map((e) => e.action)).toEqual([
        "highlight",
        "applySuggestedScores",
      ]);

      // Undo puts both back, the protection the same as before.
      expect((await h.host.undoLast())?.conflicts).toEqual([]);
      expect(h.look(sheet, INDICATOR.score)).toEqual(before.score);
      expect(h.look(sheet, TOTAL)).toEqual(before.total);
      expect(h.isProtected(sheet)).toBe(true);
      expect((await h.host.undoLast())?.action).toBe("highlight");
      expect(h.look(sheet, INDICATOR.explanation)).toEqual(before.explanation);
      expect(h.isProtected(sheet)).toBe(true);
      expect(h.isLocked(sheet, TOTAL)).not.toBe(false);
      expect((await h.host.readState()).journal).toEqual([]);
    });

    test("clearing the marks on it works and keeps it protected", async () => {
      const { h, sheet } = await inserted();
      await h.host.applyPlan(
        { writes: [], highlights: [mark(sheet, INDICATOR.explanation)] },
        "highlight"
      );
      expect(await h.host.clearHighlights()).toBe(1);
      expect(h.look(sheet, INDICATOR.explanation).fill).toBeNull();
      expect(h.isProtected(sheet)).toBe(true);
    });
  });

  test("someone else's protected sheet: one HostError naming it, nothing written", async () => {
    const h = await make();
    await h.host.readSheets();
    await h.protectForeign("S");
    const before = h.look("S", "A1");
    const e = await rejection(
      h.host.applyPlan(
        {
          writes: [write("S", "A1", { formula: "=A2*20", result: 100 }, "totalScore", before)],
          highlights: [mark("S", "C1")],
        },
        "fill"
      )
    );
    expect(e.kind).toBe("protected");
    expect(e.message_zh).toContain("“S”");
    expect(plainChinese(e.message_zh)).toBe(true);
    expect(h.look("S", "A1")).toEqual(before);
    expect(h.look("S", "C1").fill).toBeNull();
    expect((await h.host.readState()).journal).toEqual([]);
    expect(h.isProtected("S")).toBe(true);
  });

  test("a protected workbook structure: the first ignore says so in plain Chinese and writes nothing", async () => {
    const h = await make({ structure: true });
    const e = await rejection(h.host.writeState(IGNORE(await h.host.readState())));
    expect(e.kind).toBe("protected");
    expect(e.message_zh).toContain("工作簿结构受保护");
    expect(plainChinese(e.message_zh)).toBe(true);
    expect(h.hasStateSheet()).toBe(false);
    expect(await h.host.readState()).toEqual(emptyState());

    // A fill needs the state sheet too: refused before any cell changes.
    const before = h.look("S", "B1");
    await h.host.readSheets();
    const fill = await rejection(
      h.host.applyPlan(
        {
          writes: [write("S", "B1", { value: 96 }, "convertNumber", before)],
          highlights: [],
        },
        "fill"
      )
    );
    expect(fill.message_zh).toContain("工作簿结构受保护");
    expect(h.look("S", "B1")).toEqual(before);
    expect(h.hasStateSheet()).toBe(false);

    // Inserting a table is refused the same way.
    const insert = await rejection(h.host.insertTemplateSheet(TEMPLATE));
    expect(insert.message_zh).toContain("工作簿结构受保护");
  });

  describe("hidden sheets", () => {
    test("a whole-workbook read skips them and counts them (never very hidden ones)", async () => {
      const h = await make();
      h.addHidden("隐藏", ROWS);
      const snaps = await h.host.readSheets();
      expect(snaps.map((s) => s.sheetName)).toEqual(["S"]);
      expect(h.host.hiddenSheetsSkipped).toBe(1);
      expect(await h.host.sheetNames()).toEqual(["S"]);
    });

    test("with includeHidden they are read and listed, and nothing is skipped", async () => {
      const h = await make();
      h.addHidden("隐藏", ROWS);
      const snaps = await h.host.readSheets(undefined, undefined, { includeHidden: true });
      expect(snaps.map((s) => s.sheetName)).toEqual(["S", "隐藏"]);
      expect(snaps[1].values[0][0]).toBe(100);
      expect(h.host.hiddenSheetsSkipped).toBe(0);
      expect(await h.host.sheetNames({ includeHidden: true })).toEqual(["S", "隐藏"]);
    });

    test("a fill never writes into a hidden sheet the check left out; once included it may", async () => {
      const h = await make();
      h.addHidden("隐藏", ROWS);
      await h.host.readSheets();
      const before = h.look("隐藏", "B1");
      const plan: WritePlan = {
        writes: [write("隐藏", "B1", { value: 96 }, "convertNumber", before)],
        highlights: [],
      };
      const e = await rejection(h.host.applyPlan(plan, "fill"));
      expect(e.message_zh).toContain("“隐藏”");
      expect(plainChinese(e.message_zh)).toBe(true);
      expect(h.look("隐藏", "B1")).toEqual(before);
      expect((await h.host.readState()).journal).toEqual([]);

      await h.host.readSheets(undefined, undefined, { includeHidden: true });
      await h.host.applyPlan(plan, "fill");
      expect(h.look("隐藏", "B1").value).toBe(96);
    });
  });
});
