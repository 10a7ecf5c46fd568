import { EngineSettings } from "../settings";
import { IndicatorRow } from "../model/table";
import {
  Comparator,
  Comparison,
  compareTargetActual,
  normalizeLabel,
  parseMeasure,
  QuantityMeasure,
} from "../text";
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

/** 指标性质 as published (≧ ≦ ═ full-width and box-drawing forms too), as the sign the parser reads. */
const NATURE_SIGNS: [RegExp, string][] = [
  [/^(≥|≧|⩾|>=|＞＝)$/, "≥"],
  [/^(≤|≦|⩽|<=|＜＝)$/, "≤"],
  [/^(=|═|＝|==)$/, "="],
  [/^(>|＞)$/, ">"],
  [/^(<|＜)$/, "<"],
];

/** The sign a row's 指标性质 states, or null (blank, 定性, or no such column). */
export function natureSign(row: IndicatorRow): string | null {
  const v = row.nature?.value;
  if (typeof v !== "string") return null;
  const t = v.replace(/\s+/g, "");
  return NATURE_SIGNS.find(([re]) => re.test(t))?.[1] ?? null;
}

/** A figure of a split target with its 度量单位 appended (98 and % → "98%"). */
function withUnit(v: IndicatorRow["target"], row: IndicatorRow): string | number | boolean | null {
  if (!v) return null;
  const unit = typeof row.measureUnit?.value === "string" ? row.measureUnit.value.trim() : "";
  if (!unit) return v.value;
  if (typeof v.value === "number") return `${v.value}${unit}`;
  if (typeof v.value === "string" && /^\s*[+-]?\d+(?:\.\d+)?\s*$/.test(v.value))
    return `${v.value.trim()}${unit}`;
  return v.value;
}

/**
 * The target as the row states it: where the family splits it into 指标性质 / 指标值 / 度量单位
 * (≥ | 98 | %), the three read together; the 指标性质 sign wins over one written in the value.
 */
export function statedTarget(row: IndicatorRow): string | number | boolean | null {
  const value = withUnit(row.target, row);
  const sign = natureSign(row);
  if (sign === null || value === null) return value;
  const text = String(value).replace(/^\s*(≥|≧|⩾|>=|≤|≦|⩽|<=|=|═|>|<)\s*/, "");
  return `${sign}${text}`;
}

/** The actual as the row states it: a bare figure takes the row's 度量单位. */
export function statedActual(row: IndicatorRow): string | number | boolean | null {
  return withUnit(row.actual, row);
}

/**
 * compareTargetActual is pure and the same pairs recur across a workbook's tables (100% / 100%,
 * ≥90% / 95%, 是 / 是): each distinct pair is parsed once. Bounded like the label matcher's memo.
 */
const COMPARE_MEMO_LIMIT = 20000;
const compareMemoMap = new Map<string, Comparison>();

/** One value of the memo's key: its type, and a string's length, make the joined key unambiguous. */
function keyPart(v: string | number | boolean | null): string {
  if (v === null) return "n;";
  if (typeof v === "string") return `s${v.length}:${v}`;
  return typeof v === "number" ? `d${v};` : `b${v ? 1 : 0};`;
}

function compareMemo(
  target: string | number | boolean | null,
  actual: string | number | boolean | null,
  lower: boolean,
  targetFormat: string | null,
  actualFormat: string | null
): Comparison {
  const key = `${keyPart(target)}${keyPart(actual)}${lower ? 1 : 0}${keyPart(targetFormat)}${keyPart(actualFormat)}`;
  const known = compareMemoMap.get(key);
  if (known) return known;
  const result = compareTargetActual(target, actual, {
    lowerIsBetter: lower,
    targetNumberFormat: targetFormat,
    actualNumberFormat: actualFormat,
  });
  if (compareMemoMap.size >= COMPARE_MEMO_LIMIT) compareMemoMap.clear();
  compareMemoMap.set(key, result);
  return result;
}

/** Rows are immutable once detected, so the comparison (the costliest parse) is made once per row. */
const outcomes = new WeakMap<IndicatorRow, Comparison>();

/** compareTargetActual for an indicator row, direction-aware. */
export function targetOutcome(row: IndicatorRow): Comparison {
  const known = outcomes.get(row);
  if (known) return known;
  const result: Comparison =
    !row.target || !row.actual
      ? { outcome: "unknown", reason: "no target or actual cell" }
      : compareMemo(
          statedTarget(row),
          statedActual(row),
          // A stated 指标性质 decides the direction; only without one is it guessed from the text.
          natureSign(row) === null && lowerIsBetter(row),
          row.target.numberFormat,
          row.actual.numberFormat
        );
  outcomes.set(row, result);
  return result;
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

/**
 * How an indicator is scored against its target: "forward" (at least: more is better), "reverse"
 * (at most: cost rows measured in money, ≤ / 不超过 / 以内 targets) or "equal" (an "=" target).
 * The target's own comparator decides; without one, lowerIsBetter(row) does.
 */
export type IndicatorDirection = "forward" | "reverse" | "equal";

export function indicatorDirection(
  row: IndicatorRow,
  comparator: Comparator | null
): IndicatorDirection {
  switch (comparator) {
    case ">=":
    case ">":
      return "forward";
    case "<=":
    case "<":
      return "reverse";
    case "=":
      return "equal";
    default:
      return lowerIsBetter(row) ? "reverse" : "forward";
  }
}

/** Target and actual of a row as two comparable quantities, with the row's direction; else null. */
export interface QuantityPair {
  target: QuantityMeasure;
  actual: QuantityMeasure;
  direction: IndicatorDirection;
  comparison: Comparison;
}

export function quantityPair(row: IndicatorRow): QuantityPair | null {
  if (!row.target || !row.actual) return null;
  const comparison = targetOutcome(row);
  if (comparison.outcome === "unknown") return null; // units, % vs plain, bounds: not comparable
  const target = parseMeasure(statedTarget(row), row.target.numberFormat);
  const actual = parseMeasure(statedActual(row), row.actual.numberFormat);
  if (target.kind !== "quantity" || actual.kind !== "quantity") return null;
  return { target, actual, direction: indicatorDirection(row, target.comparator), comparison };
}

/**
 * How far a met target was exceeded: actual / target for an at-least indicator, target / actual
 * for an at-most (cost) one; null unless both are positive comparable quantities and the target is
 * met (an "=" target has no over-achievement).
 */
export function achievementRatio(
  row: IndicatorRow
): { ratio: number; direction: IndicatorDirection; pair: QuantityPair } | null {
  const pair = quantityPair(row);
  if (!pair || pair.comparison.outcome !== "met" || pair.direction === "equal") return null;
  if (pair.actual.comparator !== null && pair.actual.comparator !== "=") return null; // a bound, not a figure
  const t = pair.target.value;
  const a = pair.actual.value;
  if (!(t > 0) || !(a > 0)) return null;
  return { ratio: pair.direction === "forward" ? a / t : t / a, direction: pair.direction, pair };
}
