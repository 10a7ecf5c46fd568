/**
 * OfficeHost.insertTemplateSheet on the fake Excel: one Excel.run in at most three syncs, the
 * layout's values, formulas, formats, merges, validations, unlocked inputs, protection and print
 * set-up, the rule set embedded only when the workbook has none, and the new sheet read back and
 * analysed as one table.
 */
import { analyzeGrid } from "../../../src/engine/analyze";
import { rangeToA1 } from "../../../src/engine/grid/a1";
import { Grid } from "../../../src/engine/grid/snapshot";
import { rulesPreset } from "../../../src/engine/policy";
import { resolveSettings } from "../../../src/engine/settings";
import { buildTemplateLayout, TemplateSheet } from "../../../src/engine/template";
import { compactValidations } from "../../../src/hosts/exceljs/compact-validations";
import { uniqueSheetName } from "../../../src/hosts/host";
import {
  columnWidthPoints,
  needsTextWrite,
  validationRule,
} from "../../../src/hosts/office/template";
import { encodeState } from "../../../src/engine/state/codec";
import { emptyState } from "../../../src/engine/state/schema";
import { counted, setup, storedState } from "./helpers";
import { recordSyncs } from "./sync-report";

const beijing = buildTemplateLayout({ variant: "beijing", projects: 1, year: 2024 });
const hunan = buildTemplateLayout({ variant: "hunan", projects: 1, year: 2023 });
const sheetOf = (layout = beijing): TemplateSheet => layout.sheets[0];

const NOTES = { name: "说明", cells: { A1: "填表说明" } };

function stateSheet(rules: unknown) {
  return {
    name: "_selfeval",
    visibility: "VeryHidden" as const,
    rows: encodeState({ ...emptyState(), rules }),
  };
}

describe("OfficeHost.insertTemplateSheet", () => {
  test("one run, at most three syncs: a new sheet with the whole layout, the rules embedded, activated", async () => {
    const { wb, host } = setup([NOTES]);
    const layout = sheetOf();
    const { result: name, syncs } = await counted(wb, () =>
      host.insertTemplateSheet(layout, { rules: beijing.rules })
    );
    recordSyncs("insertTemplateSheet (no state sheet yet)", syncs);
    expect(syncs).toBeLessThanOrEqual(3);
    expect(wb.runs).toHaveLength(1);
    expect(wb.runs[0].options).toEqual({ mergeUndoGroup: true, delayForCellEdit: true });
    expect(host.lastStats).toEqual({ operation: "insertTemplateSheet", syncs });

    expect(name).toBe("项目1");
    expect(wb.sheets.map((s) => s.name)).toEqual(["说明", "项目1", "_selfeval"]);
    expect(wb.active).toBe("项目1");
    const ws = wb.sheet("项目1");

    // Values, formulas and number formats, each written as one 2-D block over A1:I21.
    const blocks = wb.writes.filter((w) => w.sheet === "项目1");
    expect(blocks.filter((w) => w.kind === "formulas").map((w) => w.address)).toEqual(["A1:I21"]);
    expect(blocks.filter((w) => w.kind === "numberFormat").map((w) => w.address)).toEqual([
      "A1:I21",
    ]);
    for (const c of layout.cells) {
      const state = wb.cellState("项目1", c.address);
      if (c.formula) expect(state.formula).toBe(c.formula);
      else expect(state.value).toBe(c.value === "" ? null : c.value);
      expect(state.numberFormat).toBe(c.style.numFmt ?? "General");
    }
    expect(wb.cellState("项目1", "H7").formula).toBe(
      '=IF(AND(ISNUMBER(E7),ISNUMBER(F7),E7<>0),F7/E7,"")'
    );
    expect(wb.cellState("项目1", "D7").numberFormat).toBe("#,##0.00####");

    // Merges: exactly the layout's.
    expect(ws.merges.map(rangeToA1).sort()).toEqual(layout.merges.map(rangeToA1).sort());

    // Fonts, alignment, borders, fills, widths, heights.
    expect(ws.formatOf("A1:I21")).toMatchObject({
      "font.name": "宋体",
      "font.size": 10,
      horizontalAlignment: "Center",
      verticalAlignment: "Center",
      wrapText: true,
    });
    expect(ws.formatOf("A1:I1")).toMatchObject({ "font.bold": true, "font.size": 16 });
    expect(ws.formatOf("A3:I21")).toMatchObject({
      "borders.EdgeTop.style": "Continuous",
      "borders.EdgeBottom.weight": "Thin",
      "borders.InsideHorizontal.style": "Continuous",
      "borders.InsideVertical.color": "#000000",
    });
    expect(wb.cellState("项目1", "H7").fill).toBe("#F2F2F2");
    expect(wb.cellState("项目1", "G21").fill).toBe("#F2F2F2");
    expect(wb.cellState("项目1", "H14").fill).toBeNull();
    expect(ws.formatOf("B3:I3")).toMatchObject({ horizontalAlignment: "Left" });
    expect(ws.formatOf("A1").columnWidth).toBe(columnWidthPoints(layout.columnWidths[0]));
    expect(ws.formatOf("I1").columnWidth).toBe(columnWidthPoints(layout.columnWidths[8]));
    expect(ws.formatOf("A1").rowHeight).toBe(30);
    expect(ws.formatOf("A12").rowHeight).toBe(60);

    // Input cells unlocked (the whole merged area), labels and formulas left locked.
    const unlocked = [...ws.formats]
      .filter(([, f]) => f["protection.locked"] === false)
      .map(([a]) => a);
    const inputs = layout.cells
      .filter((c) => !c.locked)
      .map((c) => rangeToA1(c.merge ?? { top: c.row, left: c.col, bottom: c.row, right: c.col }));
    expect(unlocked.sort()).toEqual(inputs.sort());
    expect(unlocked).toContain("B3:I3");
    expect(unlocked).toContain("H14");
    expect(unlocked).not.toContain("H7");

    // Data validations, squeezed into rectangles as in the .xlsx template.
    const expected = compactValidations(layout.validations);
    expect([...ws.validations.keys()].sort()).toEqual(expected.map((v) => v.sqref).sort());
    expect(ws.validations.get("B14")).toMatchObject({
      ignoreBlanks: true,
      rule: { list: { inCellDropDown: true, source: "产出指标,效益指标,满意度指标" } },
      errorAlert: { showAlert: true, style: "Warning", title: "一级指标" },
      prompt: { showPrompt: true, title: "一级指标" },
    });
    expect(ws.validations.get("F14:F20")?.errorAlert).toMatchObject({ showAlert: false });
    expect(ws.validations.get("D7:F7")?.rule).toEqual({
      decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" },
    });
    expect(ws.validations.get("H14")?.rule).toEqual({
      custom: { formula: "=AND(ISNUMBER(H14),H14>=0,H14<=G14)" },
    });
    expect(ws.validations.get("H14")?.errorAlert).toMatchObject({ style: "Stop" });

    // Print set-up (ExcelApi 1.9).
    expect(ws.pageLayout).toMatchObject({
      orientation: "Portrait",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1 },
      centerHorizontally: true,
      printTitleRows: "$1:$2",
      printArea: "A1:I21",
      centerFooter: "第 &P 页，共 &N 页",
    });

    // Protected last, with the template's allowances.
    expect(ws.protected).toBe(true);
    expect(ws.protectionOptions).toMatchObject({
      allowFormatColumns: true,
      allowFormatRows: true,
      allowInsertRows: true,
      allowFormatCells: false,
      allowDeleteRows: false,
      selectionMode: "Normal",
    });
    const mine = wb.writes.filter((w) => w.sheet === "项目1");
    expect(mine[mine.length - 1].kind).toBe("protect");

    // The workbook had no rule set: the layout's is embedded (its short document).
    const stored = storedState(wb)!;
    expect(stored.rules).toEqual({ version: 1 });
    expect(wb.sheet("_selfeval").visibility).toBe("VeryHidden");
  });

  test("a workbook with its own rule set keeps it; the next free name is taken", async () => {
    const rules = { version: 1, preset: "hunan" };
    const { wb, host } = setup([NOTES, { name: "项目1", cells: { A1: "x" } }, stateSheet(rules)]);
    const { result: name, syncs } = await counted(wb, () =>
      host.insertTemplateSheet(sheetOf(hunan), { rules: rulesPreset("hunan") })
    );
    recordSyncs("insertTemplateSheet (state sheet looked for)", syncs);
    expect(syncs).toBeLessThanOrEqual(3);
    expect(name).toBe("项目2");
    expect(storedState(wb)!.rules).toEqual(rules);
    // The state only gains the record of the protected template (own-protection.ts).
    expect(storedState(wb)!.ownProtection).toEqual([{ sheet: "项目2" }]);

    // The state sheet is known now: the next insertion reads it in the first sync.
    const again = await counted(wb, () =>
      host.insertTemplateSheet(sheetOf(hunan), { rules: rulesPreset("hunan"), name: "项目1" })
    );
    recordSyncs("insertTemplateSheet (state sheet known)", again.syncs);
    expect(again.syncs).toBe(2);
    expect(again.result).toBe("项目3");
  });

  test("an unprotected table without a rule set to embed leaves the state alone: two syncs", async () => {
    const { wb, host } = setup([NOTES]);
    const { result, syncs } = await counted(wb, () =>
      host.insertTemplateSheet({ ...sheetOf(), protect: false }, { name: "说明" })
    );
    recordSyncs("insertTemplateSheet (no rule set to embed)", syncs);
    expect(syncs).toBe(2);
    expect(result).toBe("说明(2)");
    expect(wb.sheets.map((s) => s.name)).toEqual(["说明", "说明(2)"]);
  });

  test("print set-up is skipped before ExcelApi 1.9 and validations before 1.8", async () => {
    const at18 = setup([NOTES], { api: "1.8" });
    await at18.host.insertTemplateSheet(sheetOf());
    const ws18 = at18.wb.sheet("项目1");
    expect(ws18.validations.size).toBeGreaterThan(0);
    expect(ws18.pageLayout).toEqual({});
    expect(at18.wb.writes.some((w) => w.kind.startsWith("pageLayout."))).toBe(false);
    expect(at18.host.lastTemplate).toMatchObject({ pageLayout: false });

    const at17 = setup([NOTES], { api: "1.7" });
    const { syncs } = await counted(at17.wb, () => at17.host.insertTemplateSheet(sheetOf()));
    expect(syncs).toBe(2);
    const ws17 = at17.wb.sheet("项目1");
    expect(ws17.validations.size).toBe(0);
    expect(ws17.pageLayout).toEqual({});
    expect(ws17.merges).toHaveLength(sheetOf().merges.length);
    expect(ws17.protected).toBe(true);
    expect(at17.host.lastTemplate).toMatchObject({ validations: 0, pageLayout: false });
  });

  test("an unprotected layout is not protected", async () => {
    const layout = buildTemplateLayout({
      variant: "beijing",
      projects: 1,
      year: 2024,
      protect: false,
    });
    const { wb, host } = setup([NOTES]);
    await host.insertTemplateSheet(layout.sheets[0]);
    expect(wb.sheet("项目1").protected).toBe(false);
    expect(wb.writes.some((w) => w.kind === "protect")).toBe(false);
  });

  test("activate: false leaves the active sheet", async () => {
    const { wb, host } = setup([NOTES]);
    await host.insertTemplateSheet(sheetOf(), { activate: false });
    expect(wb.active).toBe("说明");
  });

  test("the new sheet reads back as one table whose findings are the blank required fields", async () => {
    for (const layout of [beijing, hunan]) {
      const { wb, host } = setup([NOTES]);
      const name = await host.insertTemplateSheet(sheetOf(layout), { rules: layout.rules });
      // The fake does not calculate: give the formula cells the results Excel would show.
      for (const c of sheetOf(layout).cells) {
        if (c.formula === undefined) continue;
        const cell = wb.sheet(name).cell(c.row, c.col)!;
        cell.value = c.result === undefined || c.result === "" ? "" : c.result;
      }
      const [snapshot] = await host.readSheets([name]);
      expect(snapshot.merges.length).toBe(sheetOf(layout).merges.length);
      const report = analyzeGrid(new Grid(snapshot), resolveSettings(layout.rules));
      expect(report.tables).toHaveLength(1);
      expect(report.tables[0].table.range.address).toBe(sheetOf(layout).anchors.range);
      const codes = report.tables[0].findings.map((f) => f.code);
      expect(codes.length).toBeGreaterThan(0);
      expect(new Set(codes)).toEqual(new Set(["MISSING_FIELD"]));
    }
  });

  test("a failure is a HostError with a readable message", async () => {
    const { wb, host } = setup([NOTES]);
    const excel = (host as unknown as { excelNs: { run: unknown } }).excelNs;
    const original = excel.run;
    excel.run = () => Promise.reject(Object.assign(new Error("denied"), { code: "AccessDenied" }));
    await expect(host.insertTemplateSheet(sheetOf())).rejects.toMatchObject({
      name: "HostError",
      kind: "protected",
    });
    excel.run = original;
    expect(wb.sheets.map((s) => s.name)).toEqual(["说明"]);
  });
});

describe("text that Excel would read as something else", () => {
  test("is recognised", () => {
    for (const t of ["=A1", "+1", "-", "@x", "10", "2024-1", "1/2", "10:30", "96%", "TRUE", "#N/A"])
      expect(needsTextWrite(t)).toBe(true);
    for (const t of ["项目名称", "（2024年度）", "—", "备注：1.“执行率”", "等级：", "Total"])
      expect(needsTextWrite(t)).toBe(false);
  });

  test("goes in under the Text format and keeps its own format after (Hunan title, footnotes)", async () => {
    const { wb, host } = setup([NOTES]);
    await host.insertTemplateSheet(sheetOf(hunan));
    const footnotes = sheetOf(hunan).cells.filter(
      (c) => typeof c.value === "string" && /^\d/.test(c.value)
    );
    expect(footnotes.length).toBeGreaterThan(0);
    for (const c of footnotes) {
      const writes = wb.writes.filter(
        (w) => w.sheet === "项目1" && w.address === c.address && !w.kind.startsWith("format.")
      );
      expect(writes.map((w) => w.kind)).toEqual(["numberFormat", "values", "numberFormat"]);
      expect(writes[0].value).toEqual([["@"]]);
      expect(wb.cellState("项目1", c.address)).toMatchObject({
        value: c.value,
        numberFormat: c.style.numFmt ?? "General",
      });
    }
  });
});

describe("validationRule", () => {
  test("list, decimal (≥ and between) and custom rules", () => {
    const base = { address: "A1", showErrorMessage: true, errorStyle: "stop" as const };
    expect(validationRule({ ...base, type: "list", items: ["a", "b", "c"] })).toEqual({
      list: { inCellDropDown: true, source: "a,b,c" },
    });
    expect(
      validationRule({ ...base, type: "decimal", operator: "between", formulae: [0, 10] })
    ).toEqual({ decimal: { formula1: 0, formula2: 10, operator: "Between" } });
    expect(validationRule({ ...base, type: "custom", formula: "A1>0" })).toEqual({
      custom: { formula: "=A1>0" },
    });
  });
});

describe("uniqueSheetName", () => {
  test.each([
    ["项目1", [], "项目1"],
    ["项目1", ["项目1"], "项目2"],
    ["项目1", ["项目1", "项目2", "项目3"], "项目4"],
    ["自评表", ["自评表"], "自评表(2)"],
    ["自评表", ["自评表", "自评表(2)"], "自评表(3)"],
    ["Sheet", ["sheet"], "Sheet(2)"],
    ["a/b:c", [], "a_b_c"],
    ["", [], "自评表"],
    ["_selfeval", [], "_selfeval(2)"],
    [
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
      [],
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
    ],
  ])("%p with %p taken is %p", (wanted, taken, expected) => {
    expect(uniqueSheetName(wanted, taken)).toBe(expected);
  });

  test("a long name keeps to 31 characters with its suffix", () => {
    const long = "甲".repeat(31);
    const next = uniqueSheetName(long, [long]);
    expect(next).toBe(`${"甲".repeat(28)}(2)`);
    expect(next.length).toBe(31);
  });
});
