import { Rule, RuleContext } from "./rule";
import { clean, fundingTotalRow } from "../compute/funding";
import { num, numberOf } from "../compute/numbers";
import { indicatorSum } from "../compute/totals";
import { tableAnchor } from "./helpers";
import { indicatorsOnFullBasis } from "./score-basis";

export const weightTotalMismatch: Rule = {
  code: "WEIGHT_TOTAL_MISMATCH",
  severity: "error",
  description_zh: "资金分值与各指标分值之和不等于总分值（默认 100），或总分行的分值不是 100",
  description_en:
    "The funding weight plus all indicator weights does not equal the expected total (100 by default), or the total row's weight is not 100",
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
        const zh =
          fundingWeight !== null
            ? `资金分值 ${num(fundingWeight)} + 各指标分值 ${num(ind.weight)} = ${num(sum)}`
            : `各指标分值之和为 ${num(sum)}`;
        const en =
          fundingWeight !== null
            ? `funding weight ${num(fundingWeight)} + indicator weights ${num(ind.weight)} = ${num(sum)}`
            : `the indicator weights add up to ${num(sum)}`;
        reportedSum = sum;
        ctx.report({
          at: where,
          message_zh: `分值合计应为 ${num(expected)}，实际${zh}`,
          message_en: `Weights should add up to ${num(expected)}, but ${en}`,
          expected,
          actual: sum,
        });
      }
    }

    checkStatedTotal(ctx, reportedSum);
  },
};

/** The total row's 分值 against the expected total. */
function checkStatedTotal(ctx: RuleContext, reportedSum: number | null): void {
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
      message_zh: `总分行的分值应为 ${num(expected)}，表中填写为 ${num(stated)}`,
      message_en: `The total row's weight should be ${num(expected)}, but the table states ${num(stated)}`,
      expected,
      actual: stated,
    });
  }
}
