import { defineRule } from "./rule";
import { num, numberOf } from "../compute/numbers";
import { fundingRowName } from "./helpers";
import { budgetCellOf, budgetNameOf } from "../compute/funding";

export const overspent = defineRule({
  code: "OVERSPENT",
  severity: "warning",
  description_zh: "全年执行数超过全年预算数",
  description_en: "Full-year spending exceeds the full-year budget",
  meta: {
    needs: ["funding"],
    messages: {
      overspent: {
        zh: "{name}的全年执行数 {executed} 超过{budgetName} {budget}",
        en: 'Spending of "{name}" ({executed}) exceeds its {budgetName} ({budget})',
      },
    },
  },
  check(ctx) {
    for (const row of ctx.table.funding?.rows ?? []) {
      const budget = numberOf(budgetCellOf(row, ctx.settings));
      const executed = numberOf(row.executed);
      if (budget === null || executed === null || budget === 0 || !row.executed) continue;
      if (executed <= budget + 1e-9) continue;
      const name = fundingRowName(row);
      const bn = budgetNameOf(row, ctx.settings);
      ctx.report({
        at: row.executed,
        messageId: "overspent",
        data: { name, executed, budgetName: { zh: bn.zh, en: bn.en }, budget },
        expected: `<= ${num(budget)}`,
        actual: executed,
      });
    }
  },
});
