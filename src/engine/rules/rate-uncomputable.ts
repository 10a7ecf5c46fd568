import { Rule } from "./rule";
import { isBlankCell, num, numberOf, parsedCell, statedRateOf } from "../compute/numbers";
import { fundingRowName } from "./helpers";
import { budgetCellOf, budgetNameOf } from "../compute/funding";
import { DIV0 } from "./not-a-number";

export const rateUncomputable: Rule = {
  code: "RATE_UNCOMPUTABLE",
  severity: "warning",
  description_zh:
    "全年预算数为空或为 0，但填写了执行数或执行率：执行率无法计算（不应出现 #DIV/0!）",
  description_en:
    "The full-year budget is blank or 0 while spending or a rate is given: the rate cannot be computed (and must not show #DIV/0!)",
  meta: { needs: ["funding"] },
  check(ctx) {
    for (const row of ctx.table.funding?.rows ?? []) {
      const budgetCell = budgetCellOf(row, ctx.settings);
      const bn = budgetNameOf(row, ctx.settings);
      const budgetParsed = parsedCell(budgetCell);
      if (budgetParsed.kind === "text") continue; // NOT_A_NUMBER
      const budget = numberOf(budgetCell);
      if (budget !== null && budget !== 0) continue;
      const executed = numberOf(row.executed);
      const stated = statedRateOf(row.rate);
      const div0 =
        !!row.rate && typeof row.rate.value === "string" && DIV0.test(row.rate.value.trim());
      const spent = executed !== null && executed !== 0;
      const rated = stated !== null && stated.value !== 0;
      if (!spent && !rated && !div0) continue;
      const name = fundingRowName(row);
      const budgetZh = budget === null ? "未填写" : "为 0";
      const budgetEn = budget === null ? "blank" : "0";
      const what: string[] = [];
      const whatEn: string[] = [];
      if (spent) {
        what.push(`全年执行数为 ${num(executed!)}`);
        whatEn.push(`spending is ${num(executed!)}`);
      }
      if (rated || div0) {
        what.push(`执行率填写为“${String(row.rate!.value).trim()}”`);
        whatEn.push(`the rate reads "${String(row.rate!.value).trim()}"`);
      }
      const target =
        div0 || rated
          ? row.rate!
          : budgetCell && !isBlankCell(budgetCell)
            ? budgetCell
            : (budgetCell ?? row.label);
      ctx.report({
        at: target,
        severity: row.kind === "total" ? "warning" : "info",
        message_zh: `${name}的${bn.zh}${budgetZh}，${what.join("，")}：执行率无法计算，请补全预算数或注明无法计算`,
        message_en: `The ${bn.en} of "${name}" is ${budgetEn} while ${whatEn.join(" and ")}: the rate cannot be computed; fill in the budget or state that it cannot be computed`,
      });
    }
  },
};
