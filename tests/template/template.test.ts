/**
 * The standard blank table (selfeval template): for both variants and for 1 and 3 projects, the
 * written workbook is found by the real detection (one table per sheet), a blank table raises
 * only MISSING_FIELD for what a person has to type in, its formulas are exactly what `fill` plans
 * (so a fill plans nothing, blank or filled in), and a table filled in by hand computes right in
 * HyperFormula. Validations, protection, print set-up and the embedded rule set survive a
 * write and re-read with ExcelJS.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyzeWorkbook, SheetReport } from "../../src/engine/analyze";
import { planFill, planHighlights } from "../../src/engine/fill";
import { parseRange, toA1 } from "../../src/engine/grid/a1";
import { Finding } from "../../src/engine/model/finding";
import { HeaderFieldKey } from "../../src/engine/model/table";
import {
  DEFAULT_SETTINGS,
  EngineSettings,
  EngineSettingsInput,
  resolveSettings,
} from "../../src/engine/settings";
import { decodeState } from "../../src/engine/state/codec";
import {
  ACTUAL_TIERS,
  AMOUNT_FORMAT,
  buildTemplateLayout,
  LEVEL2_OPTIONS,
  PERCENT_FORMAT,
  SCORE_FORMAT,
  TemplateLayout,
  TemplateVariant,
} from "../../src/engine/template";
import {
  loadWorkbook,
  readWorkbookFile,
  snapshotsFromWorkbook,
  STATE_SHEET_NAME,
} from "../../src/hosts/exceljs/read-workbook";
import { createTemplateFile, TEMPLATE_PROTECTION } from "../../src/hosts/exceljs/write-template";
import { evaluateWorkbook } from "../helpers/evaluate";
import {
  excelFloor,
  excelRound,
  fillIn,
  HandFilled,
  PROJECT_A,
  PROJECT_B,
  recalc,
} from "./helpers";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-template-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The <dataValidation> elements of the first sheet of a file, with their sqref. */
async function validationsInFile(file: string): Promise<{ sqref: string; xml: string }[]> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  return [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*>.*?<\/dataValidation>/g)].map(
    (m) => ({ sqref: m[1], xml: m[0] })
  );
}

let counter = 0;
function tmpFile(name: string): string {
  counter++;
  return path.join(dir, `${counter}-${name}.xlsx`);
}

async function saveAndReread(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const file = tmpFile(name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The MISSING_FIELD cells a blank table must report: the required header values and the funding total's budget, spending and score. */
function expectedBlankFindings(layout: TemplateLayout): string[] {
  const a = layout.sheets[0].anchors;
  // Newer rule sets name the required header fields per variant; older ones imply these defaults.
  const required = (
    layout.rules as { requiredHeaderFields?: Record<TemplateVariant, HeaderFieldKey[]> }
  ).requiredHeaderFields;
  const keys: HeaderFieldKey[] =
    required?.[layout.variant] ??
    (layout.variant === "hunan"
      ? ["deptName", "projectName"]
      : ["projectName", "department", "unit"]);
  const header = keys.map((k) => a.header[k]!);
  const total = a.funding[0];
  return [...header, total.budget, total.executed, total.score].sort();
}

/**
 * Findings a blank template may carry, and why:
 * - MISSING_FIELD: the required header values (项目名称/主管部门/实施单位, Hunan 部门名称/专项名称) and
 *   the funding total's 全年预算数 and 全年执行数 are blank; its 得分 is a formula that shows "" until
 *   they are typed in, and MISSING_FIELD reports a blank 得分 that cannot yet be computed.
 * Nothing else: RATE_UNCOMPUTABLE needs spending or a stated rate next to the blank budget (there is
 * neither); the 分值 add up (10 + 50 + 30 + 10, and every Hunan 一级 label's declared weight); 总分 0
 * and 等级 差 agree with the blank 得分; no indicator row has a 三级指标 yet, so no row's 得分 is required.
 */
const ACCEPTED_ON_BLANK = new Set<Finding["code"]>(["MISSING_FIELD"]);

const VARIANTS: TemplateVariant[] = ["beijing", "hunan"];

describe.each(VARIANTS)("%s template", (variant) => {
  describe.each([1, 3])("%i project(s)", (projects) => {
    let layout: TemplateLayout;
    let file: string;
    let reports: SheetReport[];

    beforeAll(async () => {
      file = tmpFile(`${variant}-${projects}`);
      const created = await createTemplateFile(file, { variant, projects, year: 2024 });
      layout = created.layout;
      reports = analyzeWorkbook(await readWorkbookFile(file));
    });

    it("has one sheet per project, 项目1 … 项目N, and the hidden state sheet", async () => {
      const wb = await loadWorkbook(file);
      const names = Array.from({ length: projects }, (_, i) => `项目${i + 1}`);
      expect(wb.worksheets.map((w) => w.name)).toEqual([...names, STATE_SHEET_NAME]);
      expect(reports.map((r) => r.sheet)).toEqual(names);
    });

    it("is found by the real detection: exactly one table per sheet, of its variant", () => {
      for (const r of reports) {
        expect(r.findings).toEqual([]); // no TABLE_NOT_FOUND
        expect(r.tables).toHaveLength(1);
        const t = r.tables[0].table;
        expect(t.variant).toBe(variant);
        expect(t.kind).toBe("project");
        expect(t.range.address).toBe(layout.sheets[0].anchors.range);
        expect(t.funding?.rows.map((x) => x.kind)).toEqual([
          "total",
          "fiscal",
          "carryover",
          "other",
        ]);
        expect(t.indicators?.rows).toHaveLength(7);
        expect(t.indicators?.rows.map((x) => x.level2)).toEqual([
          "数量指标",
          "质量指标",
          "时效指标",
          "成本指标",
          "社会效益指标",
          "可持续影响指标",
          "服务对象满意度指标",
        ]);
        expect(t.total?.row).toBe(parseRange(layout.sheets[0].anchors.total.score).top);
        expect(t.grade !== null).toBe(variant === "hunan");
      }
    });

    it("raises only MISSING_FIELD for the fields a person must type in", () => {
      for (const r of reports) {
        const findings = r.tables[0].findings;
        for (const f of findings) expect(ACCEPTED_ON_BLANK.has(f.code)).toBe(true);
        expect(findings.map((f) => f.cell).sort()).toEqual(expectedBlankFindings(layout));
      }
    });

    it("plans nothing when filled (its formulas are the ones fill writes)", () => {
      for (const r of reports) {
        expect(planFill(r.tables[0].table, DEFAULT_SETTINGS)).toEqual([]);
        expect(planFill(r.tables[0].table, DEFAULT_SETTINGS, { convertNumbers: true })).toEqual([]);
        expect(planHighlights(r.tables[0], DEFAULT_SETTINGS)).toEqual([]);
      }
    });

    it("caches, for every formula, what Excel computes on the blank table", async () => {
      const wb = await loadWorkbook(file);
      const ev = evaluateWorkbook(wb);
      try {
        const formulas = layout.sheets[0].cells.filter((c) => c.formula);
        expect(formulas.map((c) => c.purpose).sort()).toEqual(
          [
            ...(variant === "hunan" ? ["grade"] : []),
            "fundingScore",
            "rate",
            "rate",
            "rate",
            "rate",
            "totalScore",
            "totalWeight",
          ].sort()
        );
        for (const s of layout.sheets) {
          const ws = wb.getWorksheet(s.name)!;
          for (const c of formulas) {
            const { type, formula, result } = ws.getCell(c.address);
            expect(type).toBe(ExcelJS.ValueType.Formula);
            expect(`=${formula}`).toBe(c.formula);
            expect(result ?? "").toEqual(c.result);
            expect(ev.valueAt(s.name, c.address) ?? "").toEqual(c.result);
          }
          expect(ev.valueAt(s.name, s.anchors.total.weight)).toBe(100);
          expect(ev.valueAt(s.name, s.anchors.total.score)).toBe(0);
        }
      } finally {
        ev.destroy();
      }
    });
  });

  describe("filled in by hand", () => {
    const cases: [string, HandFilled][] = [
      ["project A (11.41 of 11.5178)", PROJECT_A],
      ["project B (9 of 20)", PROJECT_B],
    ];

    it.each(cases)(
      "%s computes 执行率, funding 得分, 总分 and 等级 right in HyperFormula",
      async (_name, data) => {
        const file = tmpFile(`${variant}-blank`);
        const { layout } = await createTemplateFile(file, { variant, projects: 3, year: 2024 });
        const wb = await loadWorkbook(file);
        const s = layout.sheets[1];
        fillIn(wb.getWorksheet(s.name)!, s.anchors, data);
        const ev = evaluateWorkbook(wb);
        try {
          const a = s.anchors;
          const [, budget, executed] = data.funding[0];
          const rate = executed / budget;
          expect(ev.valueAt(s.name, a.funding[0].rate)).toBeCloseTo(rate, 12);
          data.funding.slice(1).forEach(([, b, e], i) => {
            expect(ev.valueAt(s.name, a.funding[i + 1].rate)).toEqual(b === 0 ? "" : e / b);
          });
          const fundingScore = excelRound(Math.min(rate, 1) * 10, 2);
          expect(ev.valueAt(s.name, a.funding[0].score)).toBeCloseTo(fundingScore, 10);
          const total = fundingScore + data.indicators.reduce((sum, x) => sum + x.score, 0);
          expect(ev.valueAt(s.name, a.total.score)).toBeCloseTo(total, 10);
          expect(ev.valueAt(s.name, a.total.weight)).toBe(100);
          if (variant === "hunan") {
            const grade = total >= 90 ? "优" : total >= 80 ? "良" : total >= 60 ? "中" : "差";
            expect(ev.valueAt(s.name, a.grade!)).toBe(`等级：${grade}`);
          } else {
            expect(a.grade).toBeNull();
          }
          // The other sheets stay blank.
          expect(ev.valueAt(layout.sheets[0].name, a.total.score)).toBe(0);
        } finally {
          ev.destroy();
        }
      }
    );

    it("with the brief's numbers: 执行率 = 11.41/11.5178, 得分 9.91, 总分 96.91", async () => {
      const file = tmpFile(`${variant}-a`);
      const { layout } = await createTemplateFile(file, { variant, projects: 1, year: 2024 });
      const wb = await loadWorkbook(file);
      const s = layout.sheets[0];
      fillIn(wb.getWorksheet(s.name)!, s.anchors, PROJECT_A);
      const ev = evaluateWorkbook(wb);
      try {
        expect(ev.valueAt(s.name, s.anchors.funding[0].rate)).toBe(11.41 / 11.5178);
        expect(ev.valueAt(s.name, s.anchors.funding[0].score)).toBe(9.91);
        expect(ev.valueAt(s.name, s.anchors.total.score)).toBeCloseTo(96.91, 10);
        if (variant === "hunan") expect(ev.valueAt(s.name, s.anchors.grade!)).toBe("等级：优");
      } finally {
        ev.destroy();
      }
    });

    it("caps the funding 得分 at its 分值 when spending exceeds the budget", async () => {
      const file = tmpFile(`${variant}-over`);
      const { layout } = await createTemplateFile(file, { variant, projects: 1, year: 2024 });
      const wb = await loadWorkbook(file);
      const s = layout.sheets[0];
      fillIn(wb.getWorksheet(s.name)!, s.anchors, {
        ...PROJECT_A,
        funding: [
          [10, 10, 12],
          [10, 10, 12],
          [0, 0, 0],
          [0, 0, 0],
        ],
      });
      const ev = evaluateWorkbook(wb);
      try {
        expect(ev.valueAt(s.name, s.anchors.funding[0].rate)).toBeCloseTo(1.2, 12);
        expect(ev.valueAt(s.name, s.anchors.funding[0].score)).toBe(10);
      } finally {
        ev.destroy();
      }
    });

    it("after Excel's recalculation, has no finding at all and a fill still plans nothing", async () => {
      const file = tmpFile(`${variant}-filled`);
      const { layout } = await createTemplateFile(file, { variant, projects: 3, year: 2024 });
      const wb = await loadWorkbook(file);
      for (const s of layout.sheets) fillIn(wb.getWorksheet(s.name)!, s.anchors, PROJECT_A);
      recalc(wb);
      const saved = await saveAndReread(wb, `${variant}-filled-recalc`);
      const reports = analyzeWorkbook(await readWorkbookFile(saved));
      expect(reports).toHaveLength(3);
      for (const r of reports) {
        expect(r.tables).toHaveLength(1);
        expect(r.tables[0].findings).toEqual([]);
        expect(planFill(r.tables[0].table, DEFAULT_SETTINGS)).toEqual([]);
        expect(planFill(r.tables[0].table, DEFAULT_SETTINGS, { convertNumbers: true })).toEqual([]);
        expect(r.tables[0].table.total?.score?.value).toBeCloseTo(96.91, 10);
      }
    });

    it("holds exactly the formulas fill writes into the same table typed without formulas", async () => {
      const file = tmpFile(`${variant}-plain`);
      const { layout } = await createTemplateFile(file, { variant, projects: 1, year: 2024 });
      const wb = await loadWorkbook(file);
      const s = layout.sheets[0];
      const ws = wb.getWorksheet(s.name)!;
      fillIn(ws, s.anchors, PROJECT_A);
      // The same table as a person would type it: no formulas, a hand-written grade.
      const formulaCells = s.cells.filter((c) => c.formula);
      for (const c of formulaCells)
        ws.getCell(c.address).value = c.purpose === "grade" ? "等级：优" : null;
      const [report] = analyzeWorkbook(snapshotsFromWorkbook(wb));
      const writes = planFill(report.tables[0].table, DEFAULT_SETTINGS);
      expect(writes.map((w) => [w.address, w.formula]).sort()).toEqual(
        formulaCells.map((c) => [c.address, c.formula]).sort()
      );
      for (const w of writes)
        if (w.numberFormat)
          expect(w.numberFormat).toBe(s.cells.find((c) => c.address === w.address)!.style.numFmt);
    });
  });

  describe("written file", () => {
    let layout: TemplateLayout;
    let wb: ExcelJS.Workbook;

    beforeAll(async () => {
      const file = tmpFile(`${variant}-props`);
      layout = (await createTemplateFile(file, { variant, projects: 3, year: 2024 })).layout;
      wb = await loadWorkbook(file);
    });

    it("offers the 一级 / 二级 lists, the qualitative tiers under 实际完成值 and numeric checks", () => {
      for (const s of layout.sheets) {
        const ws = wb.getWorksheet(s.name)!;
        const a = s.anchors;
        const level1Items =
          variant === "hunan"
            ? ["产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"]
            : ["产出指标", "效益指标", "满意度指标"];
        const groups = [...new Set(a.indicators.map((x) => x.level1))];
        expect(groups.map((g) => ws.getCell(g).value)).toEqual(level1Items);
        for (const g of groups) {
          const v = ws.getCell(g).dataValidation;
          expect(v).toMatchObject({
            type: "list",
            formulae: [`"${level1Items.join(",")}"`],
            errorStyle: "warning",
            showErrorMessage: true,
          });
        }
        for (const x of a.indicators) {
          const base = String(ws.getCell(x.level1).value).replace(/（\d+分）$/, "");
          expect(ws.getCell(x.level2).dataValidation).toMatchObject({
            type: "list",
            formulae: [`"${LEVEL2_OPTIONS[base].join(",")}"`],
          });
          const actual = ws.getCell(x.actual).dataValidation;
          expect(actual).toMatchObject({ type: "list", formulae: [`"${ACTUAL_TIERS.join(",")}"`] });
          expect(actual.showErrorMessage).toBeFalsy(); // a suggestion: numbers with units are accepted silently
          expect(ws.getCell(x.weight).dataValidation).toMatchObject({
            type: "decimal",
            operator: "greaterThanOrEqual",
            formulae: [0],
          });
          expect(ws.getCell(x.score).dataValidation).toMatchObject({
            type: "custom",
            formulae: [`AND(ISNUMBER(${x.score}),${x.score}>=0,${x.score}<=${x.weight})`],
            showErrorMessage: true,
            errorStyle: "stop",
          });
          expect(ws.getCell(x.weight).value).toBe(x.defaultWeight);
        }
        for (const f of a.funding) {
          for (const address of [f.initialBudget, f.budget, f.executed]) {
            expect(ws.getCell(address).dataValidation).toMatchObject({
              type: "decimal",
              operator: "greaterThanOrEqual",
              formulae: [0],
            });
          }
        }
      }
    });

    it("writes each validation once, and they survive an ExcelJS re-save (as fill does) intact", async () => {
      const file = tmpFile(`${variant}-resave-src`);
      await createTemplateFile(file, { variant, projects: 1, year: 2024 });
      const original = await validationsInFile(file);
      const again = await loadWorkbook(file);
      const resaved = await saveAndReread(again, `${variant}-resave`);
      const after = await validationsInFile(resaved);
      for (const list of [original, after]) {
        const seen = new Map<string, string>();
        for (const v of list) {
          expect(v.xml).not.toContain("NaN");
          for (const part of v.sqref.split(" ")) {
            const r = parseRange(part);
            for (let row = r.top; row <= r.bottom; row++) {
              for (let col = r.left; col <= r.right; col++) {
                const a = toA1(row, col);
                expect([a, seen.get(a)]).toEqual([a, undefined]); // no cell under two validations
                seen.set(a, v.sqref);
              }
            }
          }
        }
        expect(seen.size).toBe(layout.sheets[0].validations.length);
      }
    });

    it("has the number formats: 万元 amounts, percentages, scores", () => {
      const ws = wb.getWorksheet("项目1")!;
      const a = layout.sheets[0].anchors;
      for (const f of a.funding) {
        for (const address of [f.initialBudget, f.budget, f.executed])
          expect(ws.getCell(address).numFmt).toBe(AMOUNT_FORMAT);
        expect(ws.getCell(f.rate).numFmt).toBe(PERCENT_FORMAT);
      }
      expect(ws.getCell(a.funding[0].score).numFmt).toBe(SCORE_FORMAT);
      expect(ws.getCell(a.total.score).numFmt).toBe(SCORE_FORMAT);
      for (const x of a.indicators) expect(ws.getCell(x.score).numFmt).toBe(SCORE_FORMAT);
      if (variant === "hunan") {
        expect(ws.getCell(a.header.totalInvestment!).numFmt).toBe(AMOUNT_FORMAT);
        expect(ws.getCell(a.header.fiscalFunding!).numFmt).toBe(AMOUNT_FORMAT);
      }
    });

    it("is protected without a password: formulas and labels locked, inputs unlocked", () => {
      for (const s of layout.sheets) {
        const ws = wb.getWorksheet(s.name)!;
        const p = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
        expect(p).toMatchObject({
          sheet: true,
          formatRows: true,
          formatColumns: true,
          insertRows: true,
        });
        expect(p.hashValue).toBeUndefined();
        expect(p.formatCells).toBeFalsy();
        expect(p.deleteRows).toBeFalsy();
        expect(p.selectLockedCells).not.toBe(false);
        expect(p.selectUnlockedCells).not.toBe(false);
        let inputs = 0;
        for (const c of s.cells) {
          const area = c.merge ?? { top: c.row, left: c.col, bottom: c.row, right: c.col };
          for (let r = area.top; r <= area.bottom; r++) {
            for (let k = area.left; k <= area.right; k++) {
              const locked = ws.getCell(r + 1, k + 1).protection?.locked !== false;
              expect([toA1(r, k), locked]).toEqual([toA1(r, k), c.role !== "input"]);
            }
          }
          if (c.role === "input") inputs++;
          if (c.role === "formula") expect(c.locked).toBe(true);
        }
        // Header values, 3 amounts × 4 funding rows, 2 goal texts, 8 cells × 7 indicator rows + 3 一级 groups.
        expect(inputs).toBe((variant === "hunan" ? 6 : 5) + 12 + 2 + 7 * 7 + 3);
      }
    });

    it("prints on A4 portrait, one page wide, repeating the title rows", () => {
      for (const s of layout.sheets) {
        const ps = wb.getWorksheet(s.name)!.pageSetup;
        expect(ps).toMatchObject({
          paperSize: 9,
          orientation: "portrait",
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
        });
        expect(ps.printTitlesRow).toBe(variant === "hunan" ? "1:1" : "1:2");
        expect(ps.printArea).toBe(s.print.printArea);
      }
    });

    it("embeds the rule set in the very hidden _selfeval sheet", () => {
      const st = wb.getWorksheet(STATE_SHEET_NAME)!;
      expect(st.state).toBe("veryHidden");
      const column: unknown[] = [];
      st.getColumn(1).eachCell((c) => column.push(c.value));
      const decoded = decodeState(column);
      expect(decoded.ok).toBe(true);
      expect(decoded.state.rules).toEqual(DEFAULT_SETTINGS);
      expect(decoded.state.journal).toEqual([]);
    });

    it("draws the real template's merges: title across, block labels and 一级 groups vertical, 总分 across", () => {
      const ws = wb.getWorksheet("项目1")!;
      const merges = new Set((ws as unknown as { model: { merges: string[] } }).model.merges);
      const a = layout.sheets[0].anchors;
      const total = parseRange(a.total.score).top + 1;
      const fundingTop = parseRange(a.funding[0].budget).top; // 1-based header row = this
      expect(merges.has("A1:I1")).toBe(true);
      expect(merges.has(`A${fundingTop}:A${fundingTop + 4}`)).toBe(true); // 项目资金（万元）
      expect(merges.has(`A${total}:F${total}`)).toBe(true); // 总分
      expect(merges.has("B14:B17")).toBe(true); // 产出指标
      expect(merges.has("B18:B19")).toBe(true); // 效益指标
      expect(merges.has("A13:A20")).toBe(true); // 绩效指标
      if (variant === "hunan") {
        expect(merges.has(`A${total + 1}:I${total + 1}`)).toBe(true); // 等级
        expect(ws.getCell(`A${total + 2}`).value).toBe(
          "备注：1.“执行率”=“全年执行数”/“全年预算数”；"
        );
        expect(ws.getCell(`A${total + 3}`).value).toBe(
          "2.总分设置为100分，等级划分为：90分（含）—100分为优，80分（含）—90分为良，60分（含）—80分为中，60分以下为差。"
        );
        expect(ws.getCell("I6").value).toBe("得分\n（分值×执行率）");
        expect(ws.getCell("B7").value).toBe("合计");
        expect(ws.getCell("A1").value).toBe("2024年度项目支出绩效自评表");
      } else {
        expect(ws.getCell("A2").value).toBe("（2024年度）");
        expect(ws.getCell("B7").value).toBe("年度资金总额");
        expect(ws.getCell("G8").value).toBe("—");
      }
    });
  });
});

describe("protection password and custom rule sets", () => {
  it("protects every sheet with the same hashed password when one is given", async () => {
    const file = tmpFile("password");
    await createTemplateFile(file, {
      variant: "beijing",
      projects: 3,
      year: 2024,
      protectionPassword: "秘密",
    });
    const wb = await loadWorkbook(file);
    const hashes = wb.worksheets
      .filter((w) => w.name !== STATE_SHEET_NAME)
      .map((w) => (w as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection);
    for (const p of hashes) {
      expect(p).toMatchObject({ sheet: true, algorithmName: "SHA-512", insertRows: true });
      expect(typeof p.hashValue).toBe("string");
    }
    expect(new Set(hashes.map((p) => p.hashValue)).size).toBe(1);
  });

  it("can leave the sheets unprotected", async () => {
    const file = tmpFile("unprotected");
    await createTemplateFile(file, { variant: "hunan", projects: 1, year: 2024, protect: false });
    const wb = await loadWorkbook(file);
    expect(
      (wb.getWorksheet("项目1") as unknown as { sheetProtection: unknown }).sheetProtection ?? null
    ).toBeNull();
  });

  it("plans its formulas with the template owner's rounding, cap and grade bands, and embeds them", async () => {
    const settings: EngineSettings = resolveSettings({
      fundingScoreDecimals: 1,
      fundingScoreRounding: "floor",
      gradeBands: [
        { min: 85, label: "优秀" },
        { min: 70, label: "良好" },
        { min: 60, label: "合格" },
      ],
      lowestGrade: "不合格",
    });
    const file = tmpFile("custom");
    const { layout } = await createTemplateFile(file, {
      variant: "hunan",
      projects: 1,
      year: 2025,
      settings,
    });
    const s = layout.sheets[0];
    expect(s.cells.find((c) => c.purpose === "fundingScore")!.formula).toContain(
      "ROUNDDOWN(MIN(H7,1)*G7,1)"
    );
    expect(s.cells.find((c) => c.purpose === "grade")!.result).toBe("等级：不合格");
    const footnote = s.cells.filter((c) => c.role === "note").map((c) => c.value);
    expect(footnote[1]).toBe(
      "2.总分设置为100分，等级划分为：85分（含）—100分为优秀，70分（含）—85分为良好，60分（含）—70分为合格，60分以下为不合格。"
    );
    expect(footnote[2]).toBe(
      "3.资金得分=分值×执行率（执行率超过100%的按100%计），截尾保留1位小数。"
    );

    const wb = await loadWorkbook(file);
    fillIn(wb.getWorksheet("项目1")!, s.anchors, PROJECT_B);
    const ev = evaluateWorkbook(wb);
    try {
      const rate = 9 / 20;
      const score = excelFloor(rate * 10, 1);
      const total = score + PROJECT_B.indicators.reduce((t, x) => t + x.score, 0);
      expect(ev.valueAt("项目1", s.anchors.funding[0].score)).toBeCloseTo(score, 10);
      expect(ev.valueAt("项目1", s.anchors.total.score)).toBeCloseTo(total, 10);
      expect(ev.valueAt("项目1", s.anchors.grade!)).toBe(
        `等级：${total >= 85 ? "优秀" : total >= 70 ? "良好" : total >= 60 ? "合格" : "不合格"}`
      );
    } finally {
      ev.destroy();
    }

    const st = wb.getWorksheet(STATE_SHEET_NAME)!;
    const column: unknown[] = [];
    st.getColumn(1).eachCell((c) => column.push(c.value));
    expect(decodeState(column).state.rules).toEqual(settings);

    // Analysed with its own rule set, the blank sheets still raise only MISSING_FIELD and plan nothing.
    const fresh = await loadWorkbook(file);
    for (const r of analyzeWorkbook(snapshotsFromWorkbook(fresh), { settings })) {
      expect(new Set(r.tables[0].findings.map((f) => f.code))).toEqual(new Set(["MISSING_FIELD"]));
      expect(planFill(r.tables[0].table, settings)).toEqual([]);
    }
  });

  it("scales the skeleton when the expected total is not 100", () => {
    const layout = buildTemplateLayout({
      variant: "hunan",
      projects: 1,
      year: 2024,
      settings: { expectedTotalWeight: 120 },
    });
    const s = layout.sheets[0];
    const funding = s.cells.find((c) => c.address === s.anchors.funding[0].weight)!.value as number;
    const weights = s.anchors.indicators.map((x) => x.defaultWeight);
    expect(weights.reduce((a, b) => a + b, 0) + funding).toBeCloseTo(120, 10);
    expect(s.cells.find((c) => c.purpose === "totalWeight")!.result).toBe(120);
    // Each Hunan 一级 label declares what its rows add up to.
    for (const g of layout.skeleton) {
      const sum = g.rows.reduce((t, r) => t + r.weight, 0);
      expect(s.cells.some((c) => c.value === `${g.level1}（${Number(sum.toFixed(6))}分）`)).toBe(
        true
      );
    }
    expect(layout.skeleton.map((g) => g.level1)).toEqual(["产出指标", "效益指标", "满意度指标"]);
  });

  // Rule sets with a funding 分值, a 一级 split and presets (the extended rule set).
  const itRuleSet = "fundingWeight" in DEFAULT_SETTINGS ? it : it.skip;

  itRuleSet("takes the funding 分值 and the 一级 split from the rule set", () => {
    const settings = resolveSettings({
      fundingWeight: 20,
      sectionWeights: { split: { 产出指标: 40, 效益指标: 30, 满意度指标: 10 } },
    } as unknown as EngineSettingsInput);
    const layout = buildTemplateLayout({ variant: "hunan", projects: 1, year: 2024, settings });
    const s = layout.sheets[0];
    expect(s.cells.find((c) => c.address === s.anchors.funding[0].weight)!.value).toBe(20);
    expect(s.anchors.indicators.map((x) => x.defaultWeight)).toEqual([12, 12, 8, 8, 15, 15, 10]);
    expect(s.cells.find((c) => c.address === s.anchors.indicators[0].level1)!.value).toBe(
      "产出指标（40分）"
    );
  });

  itRuleSet.each(["beijing", "hunan"] as const)(
    "with the %s preset, a blank table raises only MISSING_FIELD, for the preset's required fields",
    async (variant) => {
      const settings = resolveSettings({ preset: variant } as unknown as EngineSettingsInput);
      const file = tmpFile(`preset-${variant}`);
      const { layout } = await createTemplateFile(file, {
        variant,
        projects: 2,
        year: 2024,
        settings,
      });
      for (const r of analyzeWorkbook(await readWorkbookFile(file), { settings })) {
        expect(r.tables).toHaveLength(1);
        const findings = r.tables[0].findings;
        expect(findings.map((f) => f.code).every((c) => ACCEPTED_ON_BLANK.has(c))).toBe(true);
        expect(findings.map((f) => f.cell).sort()).toEqual(expectedBlankFindings(layout));
        expect(planFill(r.tables[0].table, settings)).toEqual([]);
      }
    }
  );

  it("exposes the protection options the writer uses", () => {
    expect(TEMPLATE_PROTECTION).toMatchObject({
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatCells: false,
    });
  });
});
