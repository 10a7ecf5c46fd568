/**
 * The pieces every standard blank table is built from: the cell builder (labels, inputs, formula
 * slots, merges), the styles per role and the data validations of amounts and drop-downs. Shared by
 * the preset layouts (layout.ts) and the layouts a family describes as data (family-sheet.ts).
 * Pure: no ExcelJS.
 */
import { WritePurpose } from "../fill/plan-types";
import { RangePos, toA1 } from "../grid/a1";
import type { TemplateCell, TemplateCellRole, TemplateStyle, TemplateValidation } from "./layout";
import { TemplateError } from "./errors";

/** 万元 amounts: at least 2 decimals, up to 6 (11.5178 shows as 11.5178, 4.5 as 4.50). */
export const AMOUNT_FORMAT = "#,##0.00####";
export const PERCENT_FORMAT = "0.00%";
export const SCORE_FORMAT = "0.00";
/** Fill of computed (formula) cells, so a reader sees at a glance what not to type into. */
export const FORMULA_FILL = "FFF2F2F2";

/** 二级指标 offered under each standard 一级指标. */
export const LEVEL2_OPTIONS: Record<string, string[]> = {
  产出指标: ["数量指标", "质量指标", "时效指标", "成本指标"],
  效益指标: ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
  满意度指标: ["服务对象满意度指标"],
};

/**
 * The qualitative tiers offered under 实际完成值 (the wording of the national evaluation rules for
 * qualitative indicators). The drop-down is a suggestion only: numbers with units ("2", "96%",
 * "83.26万元") are what most rows hold, so any entry is accepted without an error box.
 */
export const ACTUAL_TIERS = ["达成年度指标", "部分达成年度指标", "未达成年度指标"];

export const STYLE: Record<TemplateCellRole, TemplateStyle> = {
  title: { bold: true, size: 16, horizontal: "center", vertical: "middle", wrap: true },
  label: {
    bold: true,
    size: 10,
    horizontal: "center",
    vertical: "middle",
    wrap: true,
    border: true,
  },
  input: { size: 10, horizontal: "center", vertical: "middle", wrap: true, border: true },
  constant: { size: 10, horizontal: "center", vertical: "middle", wrap: true, border: true },
  formula: {
    size: 10,
    horizontal: "center",
    vertical: "middle",
    wrap: true,
    border: true,
    fill: FORMULA_FILL,
  },
  note: { size: 9, horizontal: "left", vertical: "middle", wrap: true },
};

/** A formula cell waiting for the plan: which purpose the plan must give it. */
export interface Slot {
  address: string;
  purpose: WritePurpose;
}

export class SheetBuilder {
  private readonly cells = new Map<string, TemplateCell>();
  readonly merges: RangePos[] = [];
  readonly validations: TemplateValidation[] = [];
  readonly slots: Slot[] = [];

  /** Puts a cell (merged over r0..r1 × c0..c1 when larger than one cell) and returns its address. */
  put(
    r0: number,
    c0: number,
    r1: number,
    c1: number,
    role: TemplateCellRole,
    value: string | number | null,
    style: TemplateStyle = {}
  ): string {
    const address = toA1(r0, c0);
    const merge = r1 > r0 || c1 > c0 ? { top: r0, left: c0, bottom: r1, right: c1 } : undefined;
    if (merge) this.merges.push(merge);
    const cell: TemplateCell = {
      row: r0,
      col: c0,
      address,
      role,
      value,
      locked: role !== "input",
      style: { ...STYLE[role], ...style },
      ...(merge ? { merge } : {}),
    };
    this.cells.set(address, cell);
    return address;
  }

  label(
    r0: number,
    c0: number,
    r1: number,
    c1: number,
    text: string,
    style: TemplateStyle = {}
  ): string {
    return this.put(r0, c0, r1, c1, "label", text, style);
  }

  input(
    r0: number,
    c0: number,
    r1: number,
    c1: number,
    style: TemplateStyle = {},
    value: string | number | null = null
  ): string {
    return this.put(r0, c0, r1, c1, "input", value, style);
  }

  slot(r: number, c: number, purpose: WritePurpose, style: TemplateStyle = {}, c1 = c): string {
    const address = this.put(r, c, r, c1, "formula", null, style);
    this.slots.push({ address, purpose });
    return address;
  }

  cell(address: string): TemplateCell {
    const c = this.cells.get(address);
    if (!c) throw new Error(`template layout: no cell at ${address}`);
    return c;
  }

  all(): TemplateCell[] {
    return [...this.cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  }
}

export const AMOUNT_STYLE: TemplateStyle = { numFmt: AMOUNT_FORMAT, horizontal: "right" };
export const TEXT_INPUT: TemplateStyle = { horizontal: "left" };

/**
 * An amount cell: a number ≥ 0. The message names the row, so no two funding rows carry the same
 * validation: ExcelJS, when it re-saves a workbook (as `fill` does), squeezes equal validations of
 * a column into ranges and gets ranges across row 9/10 wrong (overlapping sqrefs).
 */
export function amountValidation(
  address: string,
  what: string,
  unit: "万元" | "元" = "万元"
): TemplateValidation {
  return {
    address,
    type: "decimal",
    operator: "greaterThanOrEqual",
    formulae: [0],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: `金额（${unit}）`,
    error: `${what}：请输入不小于 0 的数字，单位为${unit}，不要带“${unit}”等文字。`,
  };
}

/**
 * An indicator row's checks: 分值 a number ≥ 0, 得分 a number between 0 and that row's 分值. The
 * 得分 check is a formula rather than a decimal between 0 and the 分值 cell: ExcelJS reads decimal
 * bounds as numbers, so a cell reference there would not survive a re-save by `fill`.
 */
export function weightAndScoreValidations(weight: string, score: string): TemplateValidation[] {
  return [
    {
      address: weight,
      type: "decimal",
      operator: "greaterThanOrEqual",
      formulae: [0],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "分值",
      error: "分值应为不小于 0 的数字。",
    },
    {
      address: score,
      type: "custom",
      formula: `AND(ISNUMBER(${score}),${score}>=0,${score}<=${weight})`,
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "得分",
      error: "得分应为数字，在 0 与本行分值之间；低于分值时请填写偏差原因分析及改进措施。",
    },
  ];
}

function listFormulaLength(items: string[]): number {
  return items.join(",").length + 2;
}

export function listValidation(
  address: string,
  items: string[],
  strict: boolean,
  promptTitle: string,
  prompt: string
): TemplateValidation {
  if (listFormulaLength(items) > 255) {
    throw new TemplateError(
      "badSkeleton",
      `下拉列表过长（${promptTitle}）：Excel 限 255 个字符`,
      `a drop-down list is too long (${promptTitle}): Excel allows 255 characters`
    );
  }
  return {
    address,
    type: "list",
    items,
    showErrorMessage: strict,
    errorStyle: "warning",
    promptTitle,
    prompt,
    ...(strict ? { errorTitle: promptTitle, error: "不在下拉列表中。确实要使用其他名称吗？" } : {}),
  };
}
