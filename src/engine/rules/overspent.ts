import { Rule } from "./rule";
import { num, numberOf } from "../compute/numbers";
import { fundingRowName } from "./helpers";
import { budgetCellOf, budgetNameOf } from "../compute/funding";

export const overspent: Rule = {
  code: "OVERSPENT",
  severity: "warning",
  description_zh: "全年执行数超过全年预算数",
  description_en: "Full-year spending exceeds the full-year budget",
  meta: { needs: ["funding"] },
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
        message_zh: `${name}的全年执行数 ${num(executed)} 超过${bn.zh} ${num(budget)}`,
        message_en: `Spending of "${name}" (${num(executed)}) exceeds its ${bn.en} (${num(budget)})`,
        expected: `<= ${num(budget)}`,
        actual: executed,
      });
    }
  },
};
