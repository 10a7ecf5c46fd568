import { toA1 } from "../grid/a1";
import { AssessmentTable, FundingRow, IndicatorRow, Located } from "../model/table";
import { Report } from "./rule";
import { num, pct, shownText } from "../compute/numbers";
import { cellText, removeSpaces } from "../text";

/** Where a finding about the whole table goes: the table's top-left cell. */
export function tableAnchor(table: AssessmentTable): Report["at"] {
  return { address: toA1(table.range.top, table.range.left), row: table.range.top };
}

/** A cell position that is not a Located (a header row, a label column). */
export function at(row: number, col: number): Report["at"] {
  return { address: toA1(row, col), row };
}

/** Short label text for messages: no line breaks or wrap spaces, at most `max` characters. */
export function shortText(s: string, max = 24): string {
  const t = removeSpaces(s);
  return t.length > max ? t.slice(0, max) + "…" : t;
}

/** The funding row's label as written, e.g. "年度资金总额", "其中：当年财政拨款". */
export function fundingRowName(row: FundingRow): string {
  const t = shortText(cellText(row.label.value), 20);
  if (t) return t;
  return row.kind === "total" ? "年度资金总额" : "资金行";
}

/** The indicator's name for messages: its 三级指标, else its 二级指标. */
export function indicatorName(row: IndicatorRow): string {
  const l3 = row.level3 ? shortText(cellText(row.level3.value), 24) : "";
  return l3 || shortText(row.level2, 24) || shortText(row.level1, 24) || `第${row.row + 1}行指标`;
}

/** A cell's content for messages: what it shows, or "空白"/"blank". */
export function shown(cell: Located | null | undefined): { zh: string; en: string } {
  const t = shownText(cell);
  if (t === null) return { zh: "空白", en: "blank" };
  const s = shortText(t, 30);
  return { zh: `“${s}”`, en: `"${s}"` };
}

export const FUNDING_COLUMN_ZH = {
  initialBudget: "年初预算数",
  budget: "全年预算数",
  adjustedBudget: "调整后预算数",
  executed: "全年执行数",
  weight: "分值",
  rate: "执行率",
  score: "得分",
} as const;

export const FUNDING_COLUMN_EN = {
  initialBudget: "initial budget (年初预算数)",
  budget: "full-year budget (全年预算数)",
  adjustedBudget: "adjusted budget (调整后预算数)",
  executed: "full-year spending (全年执行数)",
  weight: "weight (分值)",
  rate: "execution rate (执行率)",
  score: "score (得分)",
} as const;

export type FundingColumnKey = keyof typeof FUNDING_COLUMN_ZH;

export { num, pct };
