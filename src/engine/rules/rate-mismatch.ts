import { defineRule } from "./rule";
import { budgetCellOf, budgetNameOf, clean, rateOf } from "../compute/funding";
import { numberOf, statedRateOf } from "../compute/numbers";
import { floorTo, formatNumber, roundHalfUp, shiftDecimal } from "../text";
import { fundingRowName } from "./helpers";
import { rateShowsAsStated } from "../compute/rounding";

export const rateMismatch = defineRule({
  code: "RATE_MISMATCH",
  severity: "error",
  description_zh: "填写的执行率与“全年执行数 ÷ 全年预算数”不符（按填写值的小数位比较）",
  description_en:
    "The stated execution rate differs from full-year spending ÷ full-year budget (compared at the stated value's decimals)",
  meta: {
    needs: ["funding", "funding.rate"],
    settledBy: ["rate"],
    messages: {
      truncated: {
        zh: "{name}的执行率 {stated} 为截尾取值；四舍五入应为 {expected}（全年执行数 {executed} ÷ {budgetName} {budget}）",
        en: 'The execution rate of "{name}" ({stated}) is truncated; rounded it is {expected} (spending {executed} ÷ {budgetName} {budget})',
      },
      mismatch: {
        zh: "{name}的执行率应为 {expected}（全年执行数 {executed} ÷ {budgetName} {budget}），表中填写为 {stated}",
        en: 'The execution rate of "{name}" should be {expected} (spending {executed} ÷ {budgetName} {budget}), but the table states {stated}',
      },
    },
  },
  check(ctx) {
    for (const row of ctx.table.funding?.rows ?? []) {
      const rate = rateOf(row, ctx.settings);
      const stated = statedRateOf(row.rate);
      if (rate === null || stated === null || !row.rate) continue;
      if (rateShowsAsStated(rate, row.rate)) continue;
      const d = stated.percentDecimals;
      const computedPct = clean(shiftDecimal(rate, 2));
      const shownStated = roundHalfUp(stated.shownPercent, d);
      const name = fundingRowName(row);
      const budget = numberOf(budgetCellOf(row, ctx.settings))!;
      const bn = budgetNameOf(row, ctx.settings);
      const budgetName = { zh: bn.zh, en: bn.zh === "全年预算数" ? "budget" : bn.en };
      const executed = numberOf(row.executed)!;
      const data = { name, budgetName, budget, executed };
      // The expected rate shows at least 2 decimals, so "应为 99.06%" says more than "应为 99%".
      const wd = Math.max(d, 2);
      const want = `${formatNumber(roundHalfUp(computedPct, wd), wd)}%`;
      const have = `${formatNumber(shownStated, d)}%`;
      const truncated = Math.abs(shownStated - floorTo(computedPct, d)) < 1e-9;
      if (truncated) {
        ctx.report({
          at: row.rate,
          severity: "info",
          messageId: "truncated",
          data: { ...data, stated: have, expected: want },
          expected: want,
          actual: have,
        });
        continue;
      }
      ctx.report({
        at: row.rate,
        messageId: "mismatch",
        data: { ...data, expected: want, stated: have },
        expected: want,
        actual: have,
      });
    }
  },
});
