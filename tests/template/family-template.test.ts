/**
 * The standard blank table of a family that lays itself out as data (the family's `template`):
 * 四川 预算管理一体化 (0013zp) and 云南 公开14表. Each written workbook is read back by the real
 * detection as that family with its unit, a blank table raises only MISSING_FIELD for what a person
 * must type in, a fill plans nothing (blank or filled in), the cells sit where the real published
 * forms have them, and a table filled in by hand computes right in HyperFormula. The presets stay
 * reachable as the national and hunan families' tables.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeWorkbook, SheetReport } from "../../src/engine/analyze";
import { planFill } from "../../src/engine/fill";
import { YUNNAN_PUBLIC } from "../../src/engine/families/yunnan-public";
import { resolveSettings } from "../../src/engine/settings";
import {
  buildTemplateLayout,
  TemplateError,
  TemplateLayout,
  TemplateSheet,
} from "../../src/engine/template";
import { loadWorkbook, readWorkbookFile } from "../../src/hosts/exceljs/read-workbook";
import { createTemplateFile } from "../../src/hosts/exceljs/write-template";
import { evaluateWorkbook } from "../helpers/evaluate";
import { excelRound, recalc } from "./helpers";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-family-template-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
let counter = 0;
const tmpFile = (name: string) => path.join(dir, `${++counter}-${name}.xlsx`);

interface FamilyCase {
  family: string;
  unit: string;
  /** Where the real published form has them (tests/fixtures/national, tests/helpers/family-tables.ts). */
  range: string;
  rate: string;
  fundingScore: string;
  totalWeight: string;
  totalScore: string;
  grade: string | null;
  /** [年初, budget, executed] of the total row; the sub-rows get the same numbers or zeros. */
  amounts: [number, number, number];
}

const CASES: FamilyCase[] = [
  {
    family: "sichuan-yitihua",
    unit: "万元",
    // The real form: 合计 in row 17 after 2 indicator rows; here 7 skeleton rows push it to 22.
    range: "A2:K22",
    rate: "F9",
    fundingScore: "H9",
    totalWeight: "I22",
    totalScore: "J22",
    grade: null,
    amounts: [238.93, 251.89, 239.2955],
  },
  {
    family: "yunnan-public",
    unit: "元",
    range: "A1:J23",
    rate: "H7",
    fundingScore: "I7",
    totalWeight: "H23",
    totalScore: "I23",
    grade: "J23",
    amounts: [500000, 480000, 456000],
  },
];

/** Scores typed into the 7 skeleton rows (分值 15, 15, 10, 10, 15, 15, 10). */
const SCORES = [15, 13, 10, 10, 15, 15, 9];

/** Types a project into a sheet of the blank table, the way a person would. */
function typeIn(ws: ExcelJS.Worksheet, s: TemplateSheet, c: FamilyCase, scores = SCORES): void {
  const a = s.anchors;
  for (const [key, address] of Object.entries(a.header))
    if (address) ws.getCell(address).value = `${key} 的内容`;
  a.funding.forEach((f, i) => {
    const [initial, budget, executed] = i <= 1 ? c.amounts : [0, 0, 0];
    ws.getCell(f.initialBudget).value = initial;
    ws.getCell(f.budget).value = budget;
    ws.getCell(f.executed).value = executed;
  });
  ws.getCell(a.goal.expected).value = "完成年度任务。";
  ws.getCell(a.goal.actual).value = "已完成。";
  a.indicators.forEach((x, i) => {
    ws.getCell(x.level3).value = `指标${i + 1}`;
    ws.getCell(x.target).value = 100;
    ws.getCell(x.actual).value = scores[i] < x.defaultWeight ? 90 : 100;
    ws.getCell(x.score).value = scores[i];
    if (scores[i] < x.defaultWeight) ws.getCell(x.explanation).value = "未达标；下年度改进。";
  });
}

describe.each(CASES)("template --family $family", (c) => {
  let layout: TemplateLayout;
  let file: string;
  let reports: SheetReport[];

  beforeAll(async () => {
    file = tmpFile(c.family);
    const created = await createTemplateFile(file, {
      variant: "beijing",
      family: c.family,
      projects: 2,
      year: 2024,
    });
    layout = created.layout;
    reports = analyzeWorkbook(await readWorkbookFile(file));
  });

  it("is laid out where the real form has its cells", () => {
    expect(layout.family).toBe(c.family);
    const a = layout.sheets[0].anchors;
    expect(a.range).toBe(c.range);
    expect(a.funding[0].rate).toBe(c.rate);
    expect(a.funding[0].score).toBe(c.fundingScore);
    expect(a.total).toEqual({ weight: c.totalWeight, score: c.totalScore });
    expect(a.grade).toBe(c.grade);
  });

  it("is read back as one table of its family per sheet, with its unit and range", () => {
    const tables = reports.flatMap((r) => r.tables);
    expect(tables).toHaveLength(2);
    for (const { table } of tables) {
      expect(table.family).toBe(c.family);
      expect(table.unit).toBe(c.unit);
      expect(table.range.address).toBe(c.range);
      expect(table.indicators?.rows).toHaveLength(7);
    }
  });

  it("raises only MISSING_FIELD, on cells a person must type into", () => {
    const sheet = layout.sheets[0];
    const open = new Set(
      sheet.cells.filter((x) => x.role === "input" || x.role === "formula").map((x) => x.address)
    );
    const total = sheet.anchors.funding[0];
    for (const r of reports) {
      const [{ findings }] = r.tables;
      expect(findings.map((f) => f.code).filter((code) => code !== "MISSING_FIELD")).toEqual([]);
      for (const f of findings) expect(open.has(f.cell!)).toBe(true);
      // The funding total's amounts and 得分 are among them (the 得分 shows "" until they are typed).
      const cells = findings.map((f) => f.cell);
      for (const x of [total.budget, total.executed, total.score]) expect(cells).toContain(x);
    }
  });

  it("plans nothing when filled: its formulas are the ones fill writes", () => {
    for (const r of reports) expect(planFill(r.tables[0].table, layout.rules)).toEqual([]);
  });

  it("computes 执行率, funding 得分, 总分 and 等级 right in HyperFormula once filled in", async () => {
    const wb = await loadWorkbook(file);
    const s = layout.sheets[1];
    typeIn(wb.getWorksheet(s.name)!, s, c);
    const ev = evaluateWorkbook(wb);
    try {
      const [, budget, executed] = c.amounts;
      const rate = executed / budget;
      expect(ev.valueAt(s.name, c.rate)).toBeCloseTo(rate, 12);
      const fundingScore = excelRound(Math.min(rate, 1) * 10, 2);
      expect(ev.valueAt(s.name, c.fundingScore)).toBeCloseTo(fundingScore, 10);
      // A sub-row whose budget is 0 shows no rate.
      expect(ev.valueAt(s.name, s.anchors.funding[2].rate)).toBe("");
      const total = fundingScore + SCORES.reduce((x, y) => x + y, 0);
      expect(ev.valueAt(s.name, c.totalScore)).toBeCloseTo(total, 10);
      expect(ev.valueAt(s.name, c.totalWeight)).toBe(100);
      if (c.grade) expect(ev.valueAt(s.name, c.grade)).toBe(total >= 90 ? "优" : "良");
      // The other sheet stays blank.
      expect(ev.valueAt(layout.sheets[0].name, c.totalScore)).toBe(0);
    } finally {
      ev.destroy();
    }
  });

  it("after Excel's recalculation, has no finding and a fill still plans nothing", async () => {
    const wb = await loadWorkbook(file);
    for (const s of layout.sheets)
      typeIn(wb.getWorksheet(s.name)!, s, c, [15, 15, 10, 10, 15, 15, 10]);
    recalc(wb);
    const out = tmpFile(`${c.family}-filled`);
    await wb.xlsx.writeFile(out);
    const after = analyzeWorkbook(await readWorkbookFile(out));
    for (const r of after) {
      const [{ table, findings }] = r.tables;
      expect(table.family).toBe(c.family);
      expect(findings.map((f) => `${f.code}@${f.cell}`)).toEqual([]);
      expect(planFill(table, layout.rules)).toEqual([]);
    }
  });

  it("says the amounts' unit in its input checks", () => {
    const v = layout.sheets[0].validations.find(
      (x) => x.address === layout.sheets[0].anchors.funding[0].budget
    );
    expect(v?.error).toContain(`单位为${c.unit}`);
  });
});

describe("families and presets", () => {
  it("the national and hunan families' tables are the Beijing and Hunan presets", () => {
    for (const [family, variant] of [
      ["national", "beijing"],
      ["hunan", "hunan"],
    ] as const) {
      const byFamily = buildTemplateLayout({ variant: "beijing", family, projects: 1, year: 2024 });
      const byVariant = buildTemplateLayout({ variant, projects: 1, year: 2024 });
      expect(byFamily).toEqual(byVariant);
      expect(byVariant.family).toBe(family);
    }
  });

  it("refuses an unknown family, one without a blank table, and one that only inherits a preset", () => {
    const reason = (family: string, settings?: object) => {
      try {
        buildTemplateLayout({ variant: "beijing", family, projects: 1, year: 2024, settings });
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateError);
        expect((e as TemplateError).kind).toBe("badFamily");
        return (e as TemplateError).reason_zh;
      }
      throw new Error("no error");
    };
    expect(reason("nope")).toMatch(/“nope”未知.*sichuan-yitihua.*yunnan-public/);
    expect(reason("weighted")).toContain("没有标准空白表");
    const taught = resolveSettings({ families: [{ id: "taught", extends: "national" }] });
    expect(reason("taught", taught)).toContain("没有自己的标准空白表");
  });

  it("refuses, in one line, a layout that does not fit its own columns or rows", () => {
    const layoutOf = (template: Record<string, unknown>) => () =>
      buildTemplateLayout({
        variant: "beijing",
        family: "yunnan-public",
        projects: 1,
        year: 2024,
        settings: resolveSettings({ families: [{ id: "yunnan-public", template }] }),
      });
    const base = buildYunnanTemplate();
    expect(layoutOf({ ...base, header: [[{ text: "项目名称", span: 11 }]] })).toThrow(
      /表头第 1 行超出 10 列/
    );
    expect(
      layoutOf({
        ...base,
        trailing: [
          [
            { text: "评价结论", down: 2 },
            { input: "text", span: 9 },
          ],
        ],
      })
    ).toThrow(/表后行第 1 行的单元格向下合并超出表后行/);
    expect(layoutOf({ ...base, widths: [10, 10, 10] })).toThrow(/至少需要 4 列/);
    const noScore = {
      ...base,
      indicators: {
        columns: (base.indicators as { columns: { key: string }[] }).columns.filter(
          (c) => c.key !== "score"
        ),
      },
    };
    expect(layoutOf(noScore)).toThrow(TemplateError);
  });

  it("renders a rule set's family from its layout data, and says so when the layout does not read as it", () => {
    // 云南's layout under the province's own title: still read as 云南.
    const retitled = resolveSettings({
      families: [
        {
          id: "yunnan-public",
          template: {
            ...buildYunnanTemplate(),
            title: "云南省{year}年度项目支出绩效自评表",
          },
        },
      ],
    });
    const layout = buildTemplateLayout({
      variant: "beijing",
      family: "yunnan-public",
      projects: 1,
      year: 2030,
      settings: retitled,
    });
    expect(layout.sheets[0].cells.find((x) => x.role === "title")?.value).toBe(
      "云南省2030年度项目支出绩效自评表"
    );
    // The same layout given to a family that reads differently is refused in one line.
    const other = resolveSettings({
      families: [{ id: "copy", extends: "national", template: buildYunnanTemplate() }],
    });
    expect(() =>
      buildTemplateLayout({
        variant: "beijing",
        family: "copy",
        projects: 1,
        year: 2030,
        settings: other,
      })
    ).toThrow(/空白表未被识别为该表格式/);
  });
});

/** The built-in 云南 layout data, as a rule set would carry it. */
function buildYunnanTemplate() {
  return JSON.parse(JSON.stringify(YUNNAN_PUBLIC.template)) as Record<string, unknown>;
}
