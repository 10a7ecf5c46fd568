/**
 * Test helpers for the standard blank table: filling a generated workbook in by hand, and
 * "recalculating" it with HyperFormula the way Excel would on open (cached results set).
 */
import ExcelJS from "exceljs";
import { TemplateAnchors } from "../../src/engine/template";
import { STATE_SHEET_NAME } from "../../src/hosts/exceljs/read-workbook";
import { evaluateWorkbook } from "../helpers/evaluate";

export interface IndicatorEntry {
  level3: string;
  target: string | number;
  actual: string | number;
  score: number;
  explanation?: string;
}

export interface HandFilled {
  header: Record<string, string | number>;
  /** [年初预算数, 全年预算数, 全年执行数] per funding row (total, fiscal, carry-over, other). */
  funding: [number, number, number][];
  goal: [string, string];
  indicators: IndicatorEntry[];
}

/** A project as a person would type it in: the brief's 11.5178 / 11.41, two explained deviations. */
export const PROJECT_A: HandFilled = {
  header: {
    projectName: "2023 年基层党组织党建活动经费",
    department: "机关党委",
    unit: "机关党委",
    owner: "张三",
    phone: "63258228",
    deptName: "株洲市石峰区人力资源和社会保障局",
    totalInvestment: 11.5178,
    subProject: "党建活动",
    fiscalFunding: 11.5178,
    period: "1年",
  },
  funding: [
    [4.49, 11.5178, 11.41],
    [4.49, 11.5178, 11.41],
    [0, 0, 0],
    [0, 0, 0],
  ],
  goal: ["完成全年党建工作，开展主题党日活动。", "完成全年党建工作，开展主题党日活动 12 次。"],
  indicators: [
    { level3: "举办活动次数", target: "≥3次", actual: "3次", score: 15 },
    {
      level3: "活动质量",
      target: "优",
      actual: "良",
      score: 13,
      explanation: "部分活动筹备仓促；下年度提前一个月制定方案。",
    },
    { level3: "完成时间", target: "12月底前", actual: "12月底前", score: 10 },
    { level3: "成本控制", target: "≤11.5178万元", actual: "11.41万元", score: 10 },
    { level3: "党员参与率", target: "≥95%", actual: "96%", score: 15 },
    { level3: "长效机制", target: "健全", actual: "健全", score: 15 },
    {
      level3: "党员满意度",
      target: "≥90%",
      actual: "达成年度指标",
      score: 9,
      explanation: "个别党员对活动时间安排不满意；下年度改在周末举办。",
    },
  ],
};

/** A weaker year: 执行率 45%, scores well below their 分值 (total in the 中 band), every deviation explained. */
export const PROJECT_B: HandFilled = {
  ...PROJECT_A,
  funding: [
    [20, 20, 9],
    [15, 15, 9],
    [5, 5, 0],
    [0, 0, 0],
  ],
  indicators: PROJECT_A.indicators.map((x, i) => ({
    ...x,
    score: [10, 10, 8, 8, 12, 10, 8][i],
    explanation: "进度滞后；下年度按季度督办。",
  })),
};

/** Writes the entries into the input cells the anchors name. */
export function fillIn(ws: ExcelJS.Worksheet, a: TemplateAnchors, data: HandFilled): void {
  for (const [key, address] of Object.entries(a.header)) {
    const v = data.header[key];
    if (v !== undefined && address) ws.getCell(address).value = v;
  }
  a.funding.forEach((f, i) => {
    const [initial, budget, executed] = data.funding[i];
    ws.getCell(f.initialBudget).value = initial;
    ws.getCell(f.budget).value = budget;
    ws.getCell(f.executed).value = executed;
  });
  ws.getCell(a.goal.expected).value = data.goal[0];
  ws.getCell(a.goal.actual).value = data.goal[1];
  a.indicators.forEach((x, i) => {
    const d = data.indicators[i];
    ws.getCell(x.level3).value = d.level3;
    ws.getCell(x.target).value = d.target;
    ws.getCell(x.actual).value = d.actual;
    ws.getCell(x.score).value = d.score;
    if (d.explanation) ws.getCell(x.explanation).value = d.explanation;
  });
}

/** Evaluates the workbook with HyperFormula and stores each formula's result as its cached value, as Excel does on save. */
export function recalc(wb: ExcelJS.Workbook): void {
  const ev = evaluateWorkbook(wb);
  try {
    for (const ws of wb.worksheets) {
      if (ws.name === STATE_SHEET_NAME) continue;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          const result = ev.valueAt(ws.name, cell.address);
          cell.value = {
            formula: cell.formula,
            result: result === null ? "" : result,
          } as ExcelJS.CellFormulaValue;
        })
      );
    }
  } finally {
    ev.destroy();
  }
}

/** ROUND half away from zero at `d` places, computed on decimal digits (Excel's ROUND for positive values). */
export function excelRound(x: number, d: number): number {
  const s = x.toFixed(12);
  const [int, frac = ""] = s.split(".");
  const keep = frac.slice(0, d);
  const next = Number(frac[d] ?? "0");
  const base = Number(`${int}.${keep || "0"}`);
  return next >= 5 ? Number((base + Math.pow(10, -d)).toFixed(d)) : Number(base.toFixed(d));
}

export function excelFloor(x: number, d: number): number {
  const s = x.toFixed(12);
  const [int, frac = ""] = s.split(".");
  return Number(`${int}.${frac.slice(0, d) || "0"}`);
}
