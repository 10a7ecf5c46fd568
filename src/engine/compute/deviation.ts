import { EngineSettings } from "../settings";
import { IndicatorRow } from "../model/table";
import { Comparison, compareTargetActual, normalizeLabel } from "../text";
import { numberOf } from "./numbers";

/** Names of counted things: a 成本 row that counts people or items is not met by a lower actual. */
const COUNT_NAME = /(人数|人次|户数|个数|次数|数量|场次|件数)$/;
const MONEY_WORDS = /(元|预算|支出|成本|费|金额|资金|经费|控制数)/;

/**
 * Whether a lower actual meets the target: cost indicators (成本 in the 一级 or 二级 label),
 * unless the row counts people or items (001 区属离休干部生活补助 files 领取人数 under 成本指标),
 * and targets stated as "at most" (≤, 不超过, 以内 …, which compareTargetActual reads itself).
 */
export function lowerIsBetter(row: IndicatorRow): boolean {
  const cost =
    normalizeLabel(row.level1).includes("成本") || normalizeLabel(row.level2).includes("成本");
  if (!cost) return false;
  const name = normalizeLabel(typeof row.level3?.value === "string" ? row.level3.value : "");
  const target = normalizeLabel(typeof row.target?.value === "string" ? row.target.value : "");
  if (COUNT_NAME.test(name) && !MONEY_WORDS.test(target)) return false;
  return true;
}

/** compareTargetActual for an indicator row, direction-aware. */
export function targetOutcome(row: IndicatorRow): Comparison {
  if (!row.target || !row.actual) return { outcome: "unknown", reason: "no target or actual cell" };
  return compareTargetActual(row.target.value, row.actual.value, {
    lowerIsBetter: lowerIsBetter(row),
    targetNumberFormat: row.target.numberFormat,
    actualNumberFormat: row.actual.numberFormat,
  });
}

/** 得分 below 分值 (both numbers). */
export function scoredBelowWeight(row: IndicatorRow): boolean {
  const w = numberOf(row.weight);
  const s = numberOf(row.score);
  return w !== null && s !== null && s < w - 1e-9;
}

/** A deviation: 得分 < 分值, or the actual clearly misses the target. */
export function isDeviation(row: IndicatorRow, settings: EngineSettings): boolean {
  void settings;
  return scoredBelowWeight(row) || targetOutcome(row).outcome === "missed";
}
