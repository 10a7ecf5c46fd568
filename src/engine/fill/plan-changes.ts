import { shownText } from "../compute/numbers";
import { rateShowsAsStated } from "../compute/rounding";
import { CellValue } from "../grid/snapshot";
import { AssessmentTable, Located } from "../model/table";
import {
  formatDecimals,
  formatIsPercent,
  formatNumber,
  normalizeLabel,
  parseNumber,
  roundHalfUp,
} from "../text";
import { fieldName } from "./field-names";
import { CellWrite, WritePurpose } from "./plan-types";

/** A table's part of a plan: the table and the writes planned for it. */
export interface TableWrites {
  table: AssessmentTable;
  writes: readonly CellWrite[];
}

/**
 * A value a person typed that the plan would replace with a different figure: what the pane shows
 * before it writes, and what `selfeval fill` lists. `before` / `after` are as the cell shows them
 * ("" for blank).
 */
export interface TypedChange {
  sheet: string;
  address: string;
  purpose: WritePurpose;
  /** The table's range (A1:I22) and its 项目名称, to say which table the cell belongs to. */
  tableRange: string;
  projectName: string | null;
  field_zh: string;
  field_en: string;
  before: string;
  after: string;
}

/**
 * Every typed value the plan would overwrite with a different figure, in plan order. A formula that
 * shows the figure the cell already shows (the 执行率 53.85% the table states, a 总分 of 100 that
 * stays 100) is not a change; a cell that held a formula is not a typed value. Text that only
 * looks like a formula ("=SUM(G14:G21)", "+1+1", "@SUM(1)") held as a value IS a typed value.
 */
export function planChanges(plan: readonly TableWrites[]): TypedChange[] {
  const out: TypedChange[] = [];
  for (const { table, writes } of plan) {
    const projectName = shownText(table.header.projectName?.value ?? null);
    for (const w of writes) {
      if (!changesTypedValue(w)) continue;
      const field = fieldName(w.purpose);
      out.push({
        sheet: w.sheet,
        address: w.address,
        purpose: w.purpose,
        tableRange: table.range.address,
        projectName,
        field_zh: field.zh,
        field_en: field.en,
        before: shownValue(w.before.value, w.before.numberFormat),
        after: shownValue(
          w.formula !== undefined ? (w.result ?? "") : (w.value ?? ""),
          w.numberFormat ?? w.before.numberFormat
        ),
      });
    }
  }
  return out;
}

/** True when the cell holds a constant a person typed: no formula and not blank. */
export function isTypedValue(before: CellWrite["before"]): boolean {
  if (before.formula) return false;
  const v = before.value;
  if (v === null) return false;
  return typeof v !== "string" || v.trim() !== "";
}

/** Whether the write replaces a typed value with a different figure. */
export function changesTypedValue(w: CellWrite): boolean {
  if (!isTypedValue(w.before)) return false;
  const after = w.formula !== undefined ? (w.result ?? "") : (w.value ?? "");
  return !showsSameFigure(w, after);
}

function showsSameFigure(w: CellWrite, after: number | string): boolean {
  const before = w.before;
  if (typeof after === "number") {
    if (w.purpose === "rate") return rateShowsAsStated(after, asLocated(w));
    const p = parseNumber(before.value, before.numberFormat);
    if (p.kind !== "number" || p.value === null || p.comparator) return false;
    if (Math.abs(p.value - after) >= 1e-9) return false;
    // "10" → 10 keeps the figure; "96 万" → 96 drops the unit, which the person should see.
    return typeof before.value === "number" || p.unit === null;
  }
  if (typeof before.value !== "string") return false;
  return normalizeLabel(before.value) === normalizeLabel(after);
}

function asLocated(w: CellWrite): Located {
  return {
    row: w.row,
    col: w.col,
    address: w.address,
    value: w.before.value,
    formula: w.before.formula,
    numberFormat: w.before.numberFormat,
  };
}

/**
 * A value as its number format shows it (0.5385 in 0.00% → "53.85%", 5.4 in 0.0 → "5.4"); a score
 * the format would round (9.6 in "0") is printed whole, so a change never reads "10 → 10".
 */
export function shownValue(v: CellValue, numberFormat: string | null | undefined): string {
  if (v === null) return "";
  if (typeof v === "number") {
    const d = formatDecimals(numberFormat);
    if (formatIsPercent(numberFormat)) return formatNumber(v, d, { percent: true });
    const plain = Number(v.toFixed(10));
    if (d === null || Math.abs(roundHalfUp(plain, d) - plain) > 1e-12) return formatNumber(plain);
    return formatNumber(v, d);
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}
