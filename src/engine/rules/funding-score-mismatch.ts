import { Rule } from "./rule";
import {
  acceptsFundingScore,
  rateOf,
  rawFundingScore,
  roundFundingScore,
} from "../compute/funding";
import { isBlankCell, num, numberOf, parsedCell, pct, statedRateOf } from "../compute/numbers";
import { fundingRowName } from "./helpers";
import { roundHalfUp } from "../text";

export const fundingScoreMismatch: Rule = {
  code: "FUNDING_SCORE_MISMATCH",
  severity: "error",
  description_zh:
    "资金得分与“MIN(执行率, 上限) × 分值”不符（四舍五入或截尾到所填小数位均可接受）；得分空白而可计算时提示可由公式填充",
  description_en:
    "The funding score differs from MIN(rate, cap) × weight (rounded half-up or truncated at the stated decimals is accepted); a blank score that can be computed is noted as fillable",
  meta: { needs: ["funding", "funding.score"], settledBy: ["fundingScore"] },
  check(ctx) {
    const { settings } = ctx;
    for (const row of ctx.table.funding?.rows ?? []) {
      if (!row.score) continue;
      const weight = numberOf(row.weight);
      if (weight === null) continue;
      const computedRate = rateOf(row, settings);
      const rate = computedRate ?? statedRateOf(row.rate)?.value ?? null;
      if (rate === null) continue;
      const raw = rawFundingScore(rate, weight, settings);
      const expected = roundFundingScore(raw, settings);
      const name = fundingRowName(row);
      const capped = rate > settings.fundingRateCap;
      const basisZh = `${computedRate === null ? "填写的执行率" : "执行率"} ${pct(rate)}${capped ? `（上限 ${pct(settings.fundingRateCap)}）` : ""} × 分值 ${num(weight)}`;
      const basisEn = `${computedRate === null ? "stated rate" : "rate"} ${pct(rate)}${capped ? ` (capped at ${pct(settings.fundingRateCap)})` : ""} × weight ${num(weight)}`;
      const p = parsedCell(row.score);
      if (isBlankCell(row.score)) {
        if (row.kind !== "total") continue;
        ctx.report({
          at: row.score,
          severity: "info",
          message_zh: `${name}的得分未填写，可由公式填充：${basisZh} = ${num(expected)}`,
          message_en: `The score of "${name}" is blank; a formula can fill it: ${basisEn} = ${num(expected)}`,
          expected,
        });
        continue;
      }
      if (p.kind !== "number" || p.value === null) continue; // NOT_A_NUMBER
      if (acceptsFundingScore(p.value, p.decimals, raw, settings)) continue;
      ctx.report({
        at: row.score,
        message_zh: `${name}的得分应为 ${num(expected)}（${basisZh} = ${num(roundHalfUp(raw, 4))}，保留 ${settings.fundingScoreDecimals} 位小数），表中填写为 ${num(p.value)}`,
        message_en: `The score of "${name}" should be ${num(expected)} (${basisEn} = ${num(roundHalfUp(raw, 4))}, ${settings.fundingScoreDecimals} decimals), but the table states ${num(p.value)}`,
        expected,
        actual: p.value,
      });
    }
  },
};
