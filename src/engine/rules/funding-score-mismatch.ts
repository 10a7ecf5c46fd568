import { defineRule } from "./rule";
import {
  acceptsFundingScore,
  rateOf,
  rawFundingScore,
  roundFundingScore,
} from "../compute/funding";
import { isBlankCell, numberOf, parsedCell, pct, statedRateOf } from "../compute/numbers";
import { fundingRowName } from "./helpers";
import { roundHalfUp } from "../text";

export const fundingScoreMismatch = defineRule({
  code: "FUNDING_SCORE_MISMATCH",
  severity: "error",
  description_zh:
    "资金得分与“MIN(执行率, 上限) × 分值”不符（四舍五入或截尾到所填小数位均可接受）；得分空白而可计算时提示可由公式填充",
  description_en:
    "The funding score differs from MIN(rate, cap) × weight (rounded half-up or truncated at the stated decimals is accepted); a blank score that can be computed is noted as fillable",
  meta: {
    needs: ["funding", "funding.score"],
    settledBy: ["fundingScore"],
    messages: {
      blank: {
        zh: "{name}的得分未填写，可由公式填充：{basis} = {expected}",
        en: 'The score of "{name}" is blank; a formula can fill it: {basis} = {expected}',
      },
      mismatch: {
        zh: "{name}的得分应为 {expected}（{basis} = {raw}，保留 {decimals} 位小数），表中填写为 {stated}",
        en: 'The score of "{name}" should be {expected} ({basis} = {raw}, {decimals} decimals), but the table states {stated}',
      },
      // The computation in the messages above, and its parts.
      basis: {
        zh: "{rateKind} {rate}{cap} × 分值 {weight}",
        en: "{rateKind} {rate}{cap} × weight {weight}",
      },
      computedRate: { zh: "执行率", en: "rate" },
      statedRate: { zh: "填写的执行率", en: "stated rate" },
      capped: { zh: "（上限 {cap}）", en: " (capped at {cap})" },
    },
  },
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
      const basis = {
        messageId: "basis",
        data: {
          rateKind: { messageId: computedRate === null ? "statedRate" : "computedRate" },
          rate: pct(rate),
          cap: capped
            ? ({ messageId: "capped", data: { cap: pct(settings.fundingRateCap) } } as const)
            : "",
          weight,
        },
      } as const;
      const p = parsedCell(row.score);
      if (isBlankCell(row.score)) {
        if (row.kind !== "total") continue;
        ctx.report({
          at: row.score,
          severity: "info",
          messageId: "blank",
          data: { name, basis, expected },
          expected,
        });
        continue;
      }
      if (p.kind !== "number" || p.value === null) continue; // NOT_A_NUMBER
      if (acceptsFundingScore(p.value, p.decimals, raw, settings)) continue;
      ctx.report({
        at: row.score,
        messageId: "mismatch",
        data: {
          name,
          expected,
          basis,
          raw: roundHalfUp(raw, 4),
          decimals: settings.fundingScoreDecimals,
          stated: p.value,
        },
        expected,
        actual: p.value,
      });
    }
  },
});
