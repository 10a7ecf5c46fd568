import { defineRule, RuleContext } from "./rule";
import { clean, fundingTotalRow } from "../compute/funding";
import { numberOf } from "../compute/numbers";
import { indicatorSum } from "../compute/totals";
import { tableAnchor } from "./helpers";
import { indicatorsOnFullBasis } from "./score-basis";

const WEIGHT_TOTAL_MESSAGES = {
  sumWithFunding: {
    zh: "分值合计应为 {expected}，实际资金分值 {funding} + 各指标分值 {indicators} = {sum}",
    en: "Weights should add up to {expected}, but funding weight {funding} + indicator weights {indicators} = {sum}",
  },
  sum: {
    zh: "分值合计应为 {expected}，实际各指标分值之和为 {sum}",
    en: "Weights should add up to {expected}, but the indicator weights add up to {sum}",
  },
  statedTotal: {
    zh: "总分行的分值应为 {expected}，表中填写为 {stated}",
    en: "The total row's weight should be {expected}, but the table states {stated}",
  },
} as const;

export const weightTotalMismatch = defineRule({
  code: "WEIGHT_TOTAL_MISMATCH",
  severity: "error",
  description_zh: "资金分值与各指标分值之和不等于总分值（默认 100），或总分行的分值不是 100",
  description_en:
    "The funding weight plus all indicator weights does not equal the expected total (100 by default), or the total row's weight is not 100",
  meta: { messages: WEIGHT_TOTAL_MESSAGES },
  check(ctx) {
    const t = ctx.table;
    const expected = ctx.settings.expectedTotalWeight;
    const ind = indicatorSum(t);
    const fundingRow = fundingTotalRow(t);
    const fundingWeight = numberOf(fundingRow?.weight);
    const where = t.total?.weight ?? t.total?.label ?? tableAnchor(t);

    // Funding blocks that lack their 分值 are MISSING_FIELD's; the sum would only repeat it.
    const fundingKnown = !t.funding || fundingWeight !== null;
    // Indicators on a 100-point basis are SCORE_BASIS_MISMATCH's; converted (按百分制折算), any sum is fine.
    if (ctx.settings.hundredPointConversion || indicatorsOnFullBasis(t, ctx.settings)) {
      checkStatedTotal(ctx, null);
      return;
    }
    let reportedSum: number | null = null;
    if (ind.weightCount > 0 && fundingKnown) {
      const sum = clean((fundingWeight ?? 0) + ind.weight);
      if (Math.abs(sum - expected) > 1e-9) {
        reportedSum = sum;
        ctx.report({
          at: where,
          ...(fundingWeight !== null
            ? {
                messageId: "sumWithFunding",
                data: { expected, funding: fundingWeight, indicators: ind.weight, sum },
              }
            : { messageId: "sum", data: { expected, sum } }),
          expected,
          actual: sum,
        });
      }
    }

    checkStatedTotal(ctx, reportedSum);
  },
});

/** The total row's 分值 against the expected total. */
function checkStatedTotal(
  ctx: RuleContext<typeof WEIGHT_TOTAL_MESSAGES>,
  reportedSum: number | null
): void {
  const t = ctx.table;
  const expected = ctx.settings.expectedTotalWeight;
  // A stated total that merely repeats the wrong sum reported above (e.g. our own SUM formula) is
  // the same fault, not a second one.
  const stated = numberOf(t.total?.weight);
  const repeatsSum =
    reportedSum !== null && stated !== null && Math.abs(stated - reportedSum) <= 1e-9;
  if (stated !== null && Math.abs(stated - expected) > 1e-9 && !repeatsSum) {
    ctx.report({
      at: t.total!.weight!,
      messageId: "statedTotal",
      data: { expected, stated },
      expected,
      actual: stated,
    });
  }
}
