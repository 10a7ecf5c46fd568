import { clean } from "../compute/funding";
import { quantityPair, targetOutcome } from "../compute/deviation";
import { num, numberOf } from "../compute/numbers";
import { IndicatorRow, Located } from "../model/table";
import { EngineSettings } from "../settings";
import {
  cellText,
  formatNumber,
  normalizeLabel,
  parseMeasure,
  QuantityMeasure,
  roundHalfUp,
} from "../text";

/**
 * The indicator scoring policy: what an indicator's 得分 should be given its 年度指标值, its
 * 实际完成值 and its 分值. Suggestions only: the engine never changes a typed score by itself
 * (SCORE_POLICY_MISMATCH reports a difference; planSuggestedScores writes only when asked).
 *
 * - 正向 (at least): full marks if actual ≥ target, else ROUND(actual / target × 分值, 2).
 * - 反向 (at most; cost rows measured in money, ≤ / 不超过 / 以内 targets): full marks if actual ≤
 *   target; between 1× and 2× the target ROUND((1 − (actual − target) / target) × 分值, 2); from 2×, 0.
 *   With indicatorScoring.reverseFormula "ratio": ROUND(target / actual × 分值, 2).
 * - 等于 (an "=" target): full marks when equal; below the target as 正向; above it the mirror
 *   image, ROUND(target / actual × 分值, 2), since an "=" target is missed both ways.
 * - 定性 (qualitative): the tier 达成年度指标 / 部分达成年度指标 / 未达成年度指标, read from the tier
 *   column (完成档次 …) or the 实际完成值, gives the band [80%, 100%] / [60%, 80%) / [0, 60%) of
 *   分值. A typed score inside its band stands; outside it, the nearest score inside the band is
 *   suggested. A comparison on a qualitative scale (是/否, 优良中低差, 完成 …) gives the tier too:
 *   met → 达成; one level short → 部分达成; two or more short, or the scale's lowest level → 未达成.
 */

export type ScoreMethod = "forward" | "reverse" | "equal" | "qualitative";
export type QualitativeTier = "achieved" | "partial" | "missed";

export interface TierBand {
  tier: QualitativeTier;
  /** Points, not fractions: [min, max] or [min, max) of the row's 分值. */
  min: number;
  max: number;
  maxInclusive: boolean;
  /** Where the tier came from: tier words in a cell, or a comparison on a qualitative scale. */
  source: "words" | "scale";
}

export interface SuggestedScore {
  score: number;
  method: ScoreMethod;
  explanation_zh: string;
  explanation_en: string;
  /** Qualitative rows: the tier and its band. */
  band?: TierBand;
}

export const METHOD_ZH: Record<ScoreMethod, string> = {
  forward: "正向指标",
  reverse: "反向指标",
  equal: "等于型指标",
  qualitative: "定性指标",
};
export const METHOD_EN: Record<ScoreMethod, string> = {
  forward: "at-least (正向) indicator",
  reverse: "at-most (反向) indicator",
  equal: "equal-to (等于) indicator",
  qualitative: "qualitative (定性) indicator",
};

const TIER_ZH: Record<QualitativeTier, string> = {
  achieved: "达成年度指标",
  partial: "部分达成年度指标",
  missed: "未达成年度指标",
};
const TIER_EN: Record<QualitativeTier, string> = {
  achieved: "target achieved",
  partial: "target partly achieved",
  missed: "target not achieved",
};

/** Tier words, most specific first (部分达成年度指标 and 未达成年度指标 contain 达成年度指标). */
const TIER_WORDS: [RegExp, QualitativeTier][] = [
  [/未达成年度指标|^未达成$/, "missed"],
  [/部分达成年度指标|^部分达成$/, "partial"],
  [/达成年度指标|^达成$/, "achieved"],
];

/** The tier a cell names, if any. */
export function tierOf(cell: Located | null | undefined): QualitativeTier | null {
  if (!cell || typeof cell.value !== "string") return null;
  const t = normalizeLabel(cell.value).replace(/[。.，,；;！!]+$/, "");
  for (const [re, tier] of TIER_WORDS) if (re.test(t)) return tier;
  return null;
}

/** Shares of 分值 per tier: [80%, 100%], [60%, 80%), [0, 60%). */
const TIER_SHARE: Record<QualitativeTier, [number, number, boolean]> = {
  achieved: [0.8, 1, true],
  partial: [0.6, 0.8, false],
  missed: [0, 0.6, false],
};

function bandOf(tier: QualitativeTier, weight: number, source: TierBand["source"]): TierBand {
  const [lo, hi, inclusive] = TIER_SHARE[tier];
  return {
    tier,
    min: clean(lo * weight),
    max: clean(hi * weight),
    maxInclusive: inclusive,
    source,
  };
}

function showBand(b: TierBand): string {
  return `[${num(b.min)}, ${num(b.max)}${b.maxInclusive ? "]" : ")"}`;
}

function showQ(q: QuantityMeasure): string {
  const sign =
    q.comparator === null || q.comparator === "="
      ? ""
      : q.comparator.replace(">=", "≥").replace("<=", "≤");
  return (
    sign +
    (q.percent ? formatNumber(q.value, null, { percent: true }) : `${num(q.value)}${q.unit ?? ""}`)
  );
}

function shownValue(cell: Located | null): string {
  return cell ? cellText(cell.value).trim() : "";
}

/** The qualitative tier of a row on a scale comparison (是/否, 优良中低差 …), or null. */
function scaleTier(row: IndicatorRow): QualitativeTier | null {
  if (!row.target || !row.actual) return null;
  const cmp = targetOutcome(row);
  if (cmp.outcome === "unknown") return null;
  const t = parseMeasure(row.target.value, row.target.numberFormat);
  const a = parseMeasure(row.actual.value, row.actual.numberFormat);
  if (t.kind !== "qualitative" || a.kind !== "qualitative") return null;
  if (cmp.outcome === "met") return "achieved";
  // The two words were compared on a scale that holds both; their own first scales may differ.
  if (t.scale !== a.scale) return null;
  if (a.level === 0) return "missed";
  return t.level - a.level === 1 ? "partial" : "missed";
}

function qualitative(
  row: IndicatorRow,
  weight: number,
  settings: EngineSettings
): SuggestedScore | null {
  const fromWords = tierOf(row.tier) ?? tierOf(row.actual);
  const tier = fromWords ?? scaleTier(row);
  if (!tier) return null;
  const band = bandOf(tier, weight, fromWords ? "words" : "scale");
  const typed = numberOf(row.score);
  // No typed score: the band is the policy; which point in it is the reviewer's call.
  if (typed === null) return null;
  const d = settings.indicatorScoring.decimals;
  const step = Math.pow(10, -d);
  const top = band.maxInclusive ? band.max : clean(band.max - step);
  const inBand =
    typed >= band.min - 1e-9 &&
    (band.maxInclusive ? typed <= band.max + 1e-9 : typed < band.max - 1e-9);
  const score = inBand ? typed : typed > top ? roundHalfUp(top, d) : roundHalfUp(band.min, d);
  const whyZh =
    band.source === "words"
      ? `实际完成情况为“${TIER_ZH[tier]}”`
      : `实际完成值“${shownValue(row.actual)}”对年度指标值“${shownValue(row.target)}”为“${TIER_ZH[tier]}”`;
  const whyEn =
    band.source === "words"
      ? `the row states "${TIER_ZH[tier]}" (${TIER_EN[tier]})`
      : `the actual "${shownValue(row.actual)}" against the target "${shownValue(row.target)}" is ${TIER_EN[tier]}`;
  return {
    score,
    method: "qualitative",
    band,
    explanation_zh: `定性指标：${whyZh}，得分区间为 ${showBand(band)}（分值 ${num(weight)}）；${
      inBand ? `得分 ${num(typed)} 在区间内` : `得分 ${num(typed)} 不在区间内，建议 ${num(score)}`
    }`,
    explanation_en: `Qualitative indicator: ${whyEn}, so the score lies in ${showBand(band)} (weight ${num(weight)}); ${
      inBand ? `${num(typed)} is inside it` : `${num(typed)} is outside it, suggested ${num(score)}`
    }`,
  };
}

/**
 * The policy score of an indicator row, or null when it has no positive 分值 or its target and
 * actual cannot be compared (free text, different units, a percentage against a plain number).
 * Works whether or not the policy is on; the rule and planSuggestedScores check that.
 */
export function suggestScore(row: IndicatorRow, settings: EngineSettings): SuggestedScore | null {
  const w = numberOf(row.weight);
  if (w === null || !(w > 0)) return null;
  const d = settings.indicatorScoring.decimals;
  const round = (x: number) => Math.max(0, Math.min(w, roundHalfUp(clean(x), d)));

  // Tier words decide first: the row says itself how far it got.
  if (tierOf(row.tier) ?? tierOf(row.actual)) return qualitative(row, w, settings);

  const pair = quantityPair(row);
  if (!pair) return qualitative(row, w, settings);
  const { target, actual, direction, comparison } = pair;
  const t = target.value;
  const a = actual.value;
  const ts = showQ(target);
  const as = showQ(actual);
  const W = num(w);
  const full = (): SuggestedScore => ({
    score: w,
    method: direction,
    explanation_zh: `${METHOD_ZH[direction]}：实际完成值 ${as} ${direction === "reverse" ? "未超过" : direction === "equal" ? "等于" : "达到"}年度指标值 ${ts}，得满分 ${W}`,
    explanation_en: `${cap(METHOD_EN[direction])}: the actual ${as} ${direction === "reverse" ? "stays within" : direction === "equal" ? "equals" : "meets"} the target ${ts}: full marks, ${W}`,
  });
  if (comparison.outcome === "met") return full();

  if (direction === "forward" || (direction === "equal" && a < t)) {
    if (!(t > 0)) return null;
    const score = round((a / t) * w);
    return {
      score,
      method: direction,
      explanation_zh: `${METHOD_ZH[direction]}：实际完成值 ${as} 未达到年度指标值 ${ts}，得分 = ${num(a)} ÷ ${num(t)} × ${W} = ${num(score)}`,
      explanation_en: `${cap(METHOD_EN[direction])}: the actual ${as} misses the target ${ts}: score = ${num(a)} ÷ ${num(t)} × ${W} = ${num(score)}`,
    };
  }
  if (direction === "equal") {
    if (!(a > 0)) return null;
    const score = round((t / a) * w);
    return {
      score,
      method: "equal",
      explanation_zh: `等于型指标：实际完成值 ${as} 超过年度指标值 ${ts}，得分 = ${num(t)} ÷ ${num(a)} × ${W} = ${num(score)}`,
      explanation_en: `Equal-to (等于) indicator: the actual ${as} overshoots the target ${ts}: score = ${num(t)} ÷ ${num(a)} × ${W} = ${num(score)}`,
    };
  }
  // reverse, above the target
  if (!(t > 0)) return null;
  if (settings.indicatorScoring.reverseFormula === "ratio") {
    const score = round((t / a) * w);
    return {
      score,
      method: "reverse",
      explanation_zh: `反向指标：实际完成值 ${as} 超过年度指标值 ${ts}，得分 = ${num(t)} ÷ ${num(a)} × ${W} = ${num(score)}`,
      explanation_en: `At-most (反向) indicator: the actual ${as} exceeds the target ${ts}: score = ${num(t)} ÷ ${num(a)} × ${W} = ${num(score)}`,
    };
  }
  if (a >= 2 * t - 1e-12) {
    return {
      score: 0,
      method: "reverse",
      explanation_zh: `反向指标：实际完成值 ${as} 达到年度指标值 ${ts} 的 2 倍及以上，得 0 分`,
      explanation_en: `At-most (反向) indicator: the actual ${as} is at least twice the target ${ts}: 0 points`,
    };
  }
  const score = round((1 - (a - t) / t) * w);
  return {
    score,
    method: "reverse",
    explanation_zh: `反向指标：实际完成值 ${as} 超过年度指标值 ${ts}，得分 = (1 − (${num(a)} − ${num(t)}) ÷ ${num(t)}) × ${W} = ${num(score)}`,
    explanation_en: `At-most (反向) indicator: the actual ${as} exceeds the target ${ts}: score = (1 − (${num(a)} − ${num(t)}) ÷ ${num(t)}) × ${W} = ${num(score)}`,
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whether the rule set turns the scoring policy on (SCORE_POLICY_MISMATCH, suggested scores). */
export function scoringPolicyEnabled(settings: EngineSettings): boolean {
  return settings.indicatorScoring.enabled;
}

/**
 * The policy's verdict on one row: the suggestion and whether the typed 得分 differs from it by
 * more than indicatorScoring.tolerance. `typed` is null for a blank or non-numeric 得分.
 */
export function scoreCheck(
  row: IndicatorRow,
  settings: EngineSettings
): { suggestion: SuggestedScore; typed: number | null; differs: boolean } | null {
  const suggestion = suggestScore(row, settings);
  if (!suggestion) return null;
  const typed = numberOf(row.score);
  const differs =
    typed === null ||
    Math.abs(typed - suggestion.score) > settings.indicatorScoring.tolerance + 1e-9;
  return { suggestion, typed, differs };
}
