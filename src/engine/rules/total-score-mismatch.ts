import { defineRule } from "./rule";
import { clean, fundingFigures } from "../compute/funding";
import { numberOf } from "../compute/numbers";
import { indicatorSum } from "../compute/totals";
import { countedIndicatorScore, indicatorsOnFullBasis } from "./score-basis";

export const totalScoreMismatch = defineRule({
  code: "TOTAL_SCORE_MISMATCH",
  severity: "error",
  description_zh: "总分行的得分与“资金得分 + 各指标得分之和”不符",
  description_en:
    "The total score differs from the funding score plus the sum of the indicator scores",
  meta: {
    settledBy: ["totalScore"],
    messages: {
      mismatch: {
        zh: "总分应为 {expected}（{funding}各指标得分之和 {indicators}{conversion}），表中填写为 {stated}",
        en: "The total should be {expected} ({funding}indicator scores {indicators}{conversion}), but the table states {stated}",
      },
      // Clauses of mismatch.
      fundingStated: { zh: "资金得分 {score} + ", en: "funding score {score} + " },
      fundingComputed: {
        zh: "资金得分 {score}（按执行率计算） + ",
        en: "funding score {score} (computed from the rate) + ",
      },
      converted: { zh: "，按百分制折算", en: ", converted to the indicators' share" },
    },
  },
  check(ctx) {
    const t = ctx.table;
    const cell = t.total?.score;
    const stated = numberOf(cell);
    if (!cell || stated === null) return;
    // The 110-point table's total is SCORE_BASIS_MISMATCH's, unless scores are converted (按百分制折算).
    if (!ctx.settings.hundredPointConversion && indicatorsOnFullBasis(t, ctx.settings)) return;
    const f = fundingFigures(t, ctx.settings);
    const counted = countedIndicatorScore(t, ctx.settings);
    if (!counted) return;
    const ind = { score: counted.score, scoreCount: indicatorSum(t).scoreCount };
    const funding = f.statedScore ?? f.score;
    if (funding === null && ind.scoreCount === 0) return;
    const expected = clean((funding ?? 0) + ind.score);
    if (Math.abs(expected - stated) <= ctx.settings.totalTolerance + 1e-9) return;
    ctx.report({
      at: cell,
      messageId: "mismatch",
      data: {
        expected,
        funding:
          funding === null
            ? ""
            : {
                messageId: f.statedScore === null ? "fundingComputed" : "fundingStated",
                data: { score: funding },
              },
        indicators: ind.score,
        conversion: counted.factor !== null ? { messageId: "converted" } : "",
        stated,
      },
      expected,
      actual: stated,
    });
  },
});
