import { EngineSettings } from "../settings";
import { AssessmentTable } from "../model/table";
import { clean, fundingFigures } from "../compute/funding";
import { numberOf } from "../compute/numbers";
import { indicatorSum } from "../compute/totals";
import { defineRule } from "./rule";
import { tableAnchor } from "./helpers";

/**
 * The 110-point table (seeds 001, 004): the indicators carry the whole expected total (100) and
 * the funding block another 分值 (10) on top, while 总分 is stated on 100. One root cause: the
 * indicators were scored on a 100-point basis. WEIGHT_TOTAL_MISMATCH and TOTAL_SCORE_MISMATCH
 * leave such a table to SCORE_BASIS_MISMATCH (or, with hundredPointConversion, to the converted
 * total) instead of each repeating it.
 */
const onFullBasis = new WeakMap<AssessmentTable, WeakMap<EngineSettings, boolean>>();

export function indicatorsOnFullBasis(t: AssessmentTable, settings: EngineSettings): boolean {
  let bySettings = onFullBasis.get(t);
  if (!bySettings) onFullBasis.set(t, (bySettings = new WeakMap()));
  let known = bySettings.get(settings);
  if (known === undefined) bySettings.set(settings, (known = computeFullBasis(t, settings)));
  return known;
}

function computeFullBasis(t: AssessmentTable, settings: EngineSettings): boolean {
  const ind = indicatorSum(t);
  if (ind.weightCount === 0) return false;
  const fundingWeight = fundingFigures(t, settings).weight;
  if (fundingWeight === null || fundingWeight <= 0) return false;
  const expected = settings.expectedTotalWeight;
  if (Math.abs(ind.weight - expected) > 1e-9) return false;
  const stated = numberOf(t.total?.weight);
  return stated === null || Math.abs(stated - expected) <= 1e-9;
}

/**
 * Σ indicator 得分 as it counts towards 总分: as typed, or with hundredPointConversion converted to
 * the indicators' share (expectedTotalWeight − funding 分值) of their own Σ 分值.
 * Null when conversion is on but cannot be made (no funding 分值 or no indicator 分值).
 */
export function countedIndicatorScore(
  t: AssessmentTable,
  settings: EngineSettings
): { score: number; factor: number | null } | null {
  const ind = indicatorSum(t);
  if (!settings.hundredPointConversion) return { score: ind.score, factor: null };
  const fundingWeight = t.funding ? fundingFigures(t, settings).weight : 0;
  if (fundingWeight === null || ind.weight <= 0) return null;
  const share = settings.expectedTotalWeight - fundingWeight;
  const factor = share / ind.weight;
  return { score: clean(ind.score * factor), factor };
}

export const scoreBasisMismatch = defineRule({
  code: "SCORE_BASIS_MISMATCH",
  severity: "error",
  description_zh:
    "指标分值合计已达总分值（100），另计资金分值，总分口径不一致（未开启按百分制折算时）",
  description_en:
    "The indicator weights alone reach the total (100) with the funding weight on top, so the total is on a different basis (unless 按百分制折算 is on)",
  meta: {
    needs: ["funding"],
    messages: {
      basis: {
        zh: "指标分值合计 {indicators}，另计资金分值 {funding}，总分口径不一致（分值共 {sum}，总分按 {expected} 计{detail}）。若按百分制折算，请在规则集中开启 hundredPointConversion",
        en: "The indicator weights add up to {indicators} with a funding weight of {funding} on top: the total is on a different basis ({sum} points in all, the total counts {expected}{detail}). If indicators are converted to a 100-point basis, turn on hundredPointConversion in the rule set",
      },
      // Clauses of basis: what the stated total counts.
      onlyIndicators: {
        zh: "；总分得分 {stated} 只计了指标得分{fundingLeftOut}",
        en: "; the total score {stated} counts the indicators only{fundingLeftOut}",
      },
      fundingLeftOut: { zh: "，未计资金得分 {score}", en: ", not the funding score {score}" },
    },
  },
  check(ctx) {
    const t = ctx.table;
    if (ctx.settings.hundredPointConversion || !indicatorsOnFullBasis(t, ctx.settings)) return;
    const ind = indicatorSum(t);
    const f = fundingFigures(t, ctx.settings);
    const fw = f.weight!;
    const expected = ctx.settings.expectedTotalWeight;
    const stated = numberOf(t.total?.score);
    const fundingScore = f.statedScore ?? f.score;
    // What the stated total shows: often the indicator scores alone, the funding score left out.
    const onlyIndicators =
      stated !== null && Math.abs(stated - ind.score) <= ctx.settings.totalTolerance + 1e-9;
    ctx.report({
      at: t.total?.weight ?? t.total?.label ?? tableAnchor(t),
      messageId: "basis",
      data: {
        indicators: ind.weight,
        funding: fw,
        sum: clean(ind.weight + fw),
        expected,
        detail: onlyIndicators
          ? {
              messageId: "onlyIndicators",
              data: {
                stated: stated!,
                fundingLeftOut:
                  fundingScore !== null
                    ? { messageId: "fundingLeftOut", data: { score: fundingScore } }
                    : "",
              },
            }
          : "",
      },
      expected,
      actual: clean(ind.weight + fw),
    });
  },
});
