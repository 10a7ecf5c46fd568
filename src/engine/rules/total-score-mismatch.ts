import { Rule } from "./rule";
import { clean, fundingFigures } from "../compute/funding";
import { num, numberOf } from "../compute/numbers";
import { indicatorSum } from "../compute/totals";
import { countedIndicatorScore, indicatorsOnFullBasis } from "./score-basis";

export const totalScoreMismatch: Rule = {
  code: "TOTAL_SCORE_MISMATCH",
  severity: "error",
  description_zh: "总分行的得分与“资金得分 + 各指标得分之和”不符",
  description_en:
    "The total score differs from the funding score plus the sum of the indicator scores",
  meta: { settledBy: ["totalScore"] },
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
    const fundingZh =
      funding === null
        ? ""
        : `资金得分 ${num(funding)}${f.statedScore === null ? "（按执行率计算）" : ""} + `;
    const fundingEn =
      funding === null
        ? ""
        : `funding score ${num(funding)}${f.statedScore === null ? " (computed from the rate)" : ""} + `;
    ctx.report({
      at: cell,
      message_zh: `总分应为 ${num(expected)}（${fundingZh}各指标得分之和 ${num(ind.score)}${counted.factor !== null ? "，按百分制折算" : ""}），表中填写为 ${num(stated)}`,
      message_en: `The total should be ${num(expected)} (${fundingEn}indicator scores ${num(ind.score)}${counted.factor !== null ? ", converted to the indicators' share" : ""}), but the table states ${num(stated)}`,
      expected,
      actual: stated,
    });
  },
};
