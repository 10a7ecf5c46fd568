import { EngineSettings } from "../settings";
import { AssessmentTable, FundingRow } from "../model/table";
import { roundHalfUp } from "../text";
import { numberOf, parsedCell, statedRateOf } from "./numbers";
import { applyRounding, ruleSetFundingRounding, statedFundingRounding } from "./rounding";

/** Binary noise off a computed value before it is rounded for display (9.724999999999999 → 9.725). */
export function clean(n: number): number {
  return roundHalfUp(n, 10);
}

/** The funding row that carries the table's figures: 年度资金总额 (Beijing) / 合计 (Hunan). */
export function fundingTotalRow(table: AssessmentTable): FundingRow | null {
  return table.funding?.rows.find((r) => r.kind === "total") ?? null;
}

/** Sub-rows of the funding block (其中：当年财政拨款, 上年结转资金, 其他资金). */
export function fundingSubRows(table: AssessmentTable): FundingRow[] {
  return (
    table.funding?.rows.filter(
      (r) => r.kind === "fiscal" || r.kind === "carryover" || r.kind === "other"
    ) ?? []
  );
}

/** Whether the rule set takes 执行率 over 调整后预算数 and this row has that column. */
function usesAdjustedBudget(row: FundingRow, settings?: EngineSettings): boolean {
  return settings?.rateDenominator === "adjustedBudget" && !!row.adjustedBudget;
}

/**
 * The cell 执行率 divides by: 全年预算数, or 调整后预算数 where the rule set says so
 * (rateDenominator "adjustedBudget") and the template has that column.
 */
export function budgetCellOf(row: FundingRow, settings?: EngineSettings): FundingRow["budget"] {
  return usesAdjustedBudget(row, settings) ? row.adjustedBudget! : row.budget;
}

/** The denominator's column name for messages: "全年预算数" / "full-year budget" / "full-year budget (全年预算数)". */
export function budgetNameOf(
  row: FundingRow,
  settings?: EngineSettings
): { zh: string; en: string; enLabel: string } {
  return usesAdjustedBudget(row, settings)
    ? { zh: "调整后预算数", en: "adjusted budget", enLabel: "adjusted budget (调整后预算数)" }
    : { zh: "全年预算数", en: "full-year budget", enLabel: "full-year budget (全年预算数)" };
}

/**
 * 执行率 of a funding row as a fraction, or null when the denominator (全年预算数, or 调整后预算数
 * per settings.rateDenominator) is blank, 0 or not a number, or 全年执行数 is not a number.
 */
export function rateOf(row: FundingRow, settings?: EngineSettings): number | null {
  const budget = numberOf(budgetCellOf(row, settings));
  const executed = numberOf(row.executed);
  if (budget === null || budget === 0 || executed === null) return null;
  return executed / budget;
}

/** MIN(rate, cap) × weight, unrounded. */
export function rawFundingScore(rate: number, weight: number, settings: EngineSettings): number {
  return clean(Math.min(rate, settings.fundingRateCap) * weight);
}

/** Rounds a funding score the template's way (settings.fundingScoreRounding at settings.fundingScoreDecimals). */
export function roundFundingScore(raw: number, settings: EngineSettings): number {
  return applyRounding(raw, ruleSetFundingRounding(settings));
}

/**
 * Whether a stated funding score fits the raw score: equal to it rounded half-up or floored at
 * the stated value's own decimals, or at the template's decimals. Real tables round 53.85% → 5.4,
 * 97.83% → 9.78, 99.99% → 9.99 (floored), 99.06% → 9.
 */
export function acceptsFundingScore(
  stated: number,
  statedDecimals: number | null,
  raw: number,
  settings: EngineSettings
): boolean {
  return statedFundingRounding(stated, statedDecimals, raw, settings) !== null;
}

export interface FundingFigures {
  /** The 执行率 denominator: 全年预算数, or 调整后预算数 per settings.rateDenominator. */
  budget: number | null;
  executed: number | null;
  /** executed / budget as a fraction; null when budget is blank, 0 or not a number. */
  rate: number | null;
  /** The stated 执行率 as a fraction, or null. */
  statedRate: number | null;
  /** The 分值 of the total row, or null when missing. */
  weight: number | null;
  /** MIN(rate, cap) × weight rounded per settings; from the stated rate when the rate cannot be computed. */
  score: number | null;
  statedScore: number | null;
}

/** The figures of the funding total row (年度资金总额 / 合计); all null when the table has none. */
export function fundingFigures(table: AssessmentTable, settings: EngineSettings): FundingFigures {
  const row = fundingTotalRow(table);
  if (!row) {
    return {
      budget: null,
      executed: null,
      rate: null,
      statedRate: null,
      weight: null,
      score: null,
      statedScore: null,
    };
  }
  const rate = rateOf(row, settings);
  const statedRate = statedRateOf(row.rate)?.value ?? null;
  const weight = numberOf(row.weight);
  const basis = rate ?? statedRate;
  const score =
    basis !== null && weight !== null
      ? roundFundingScore(rawFundingScore(basis, weight, settings), settings)
      : null;
  const stated = parsedCell(row.score);
  return {
    budget: numberOf(budgetCellOf(row, settings)),
    executed: numberOf(row.executed),
    rate,
    statedRate,
    weight,
    score,
    statedScore: stated.kind === "number" ? stated.value : null,
  };
}
