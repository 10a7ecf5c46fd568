import { CellValue } from "../grid/snapshot";

/** Why the plan writes a cell; hosts show it and tests select by it. */
export type WritePurpose =
  | "rate"
  | "fundingScore"
  | "totalScore"
  | "totalWeight"
  | "grade"
  | "convertNumber"
  /** A policy score written into an indicator's 得分 (planSuggestedScores; only on the user's request). */
  | "suggestedScore";

/**
 * One cell the host should write. Exactly one of formula / value is set. Formulas use en-US
 * function names and separators with a leading "=", as Office.js `range.formulas` and ExcelJS expect.
 */
export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  address: string;
  purpose: WritePurpose;
  formula?: string;
  /** What the formula evaluates to when the plan is made (hosts that cannot recalculate cache it). */
  result?: number | string;
  value?: number | string;
  numberFormat?: string;
  /** What the cell held when the plan was made. */
  before: { value: CellValue; formula: string | null; numberFormat: string | null };
}

/** A cell to colour and annotate (an unexplained deviation's explanation cell). */
export interface Highlight {
  sheet: string;
  row: number;
  col: number;
  address: string;
  /** ARGB, e.g. "FFFFE699". */
  fillArgb: string;
  note_zh: string;
  note_en: string;
}

export interface WritePlan {
  writes: CellWrite[];
  highlights: Highlight[];
}

/** Why fill leaves a formula out (the cell keeps what it holds). */
export type FillSkipReason =
  /** The weights do not add up to the rule set's total (the 110-point tables): a SUM would show it. */
  | "weightsInconsistent"
  /** The scores add up past the table's maximum: a 总分 formula would show an impossible figure. */
  | "exceedsMaximum"
  /** 执行率 typed where the budget is 0: the formula would blank it. */
  | "rateUncomputable";

/** A formula fill left out on purpose, with the reason in both languages. */
export interface FillSkip {
  sheet: string;
  address: string;
  purpose: WritePurpose;
  reason: FillSkipReason;
  message_zh: string;
  message_en: string;
}
