import { defineRule } from "./rule";
import { isBlankCell, numberOf, parsedCell, statedRateOf } from "../compute/numbers";
import { fundingRowName } from "./helpers";
import { budgetCellOf, budgetNameOf } from "../compute/funding";
import { DIV0 } from "./not-a-number";

export const rateUncomputable = defineRule({
  code: "RATE_UNCOMPUTABLE",
  severity: "warning",
  description_zh:
    "全年预算数为空或为 0，但填写了执行数或执行率：执行率无法计算（不应出现 #DIV/0!）",
  description_en:
    "The full-year budget is blank or 0 while spending or a rate is given: the rate cannot be computed (and must not show #DIV/0!)",
  meta: {
    needs: ["funding"],
    messages: {
      spent: {
        zh: "{name}的{budgetName}{budgetState}，全年执行数为 {executed}：执行率无法计算，请补全预算数或注明无法计算",
        en: 'The {budgetName} of "{name}" is {budgetState} while spending is {executed}: the rate cannot be computed; fill in the budget or state that it cannot be computed',
      },
      rated: {
        zh: "{name}的{budgetName}{budgetState}，执行率填写为“{rate}”：执行率无法计算，请补全预算数或注明无法计算",
        en: 'The {budgetName} of "{name}" is {budgetState} while the rate reads "{rate}": the rate cannot be computed; fill in the budget or state that it cannot be computed',
      },
      spentAndRated: {
        zh: "{name}的{budgetName}{budgetState}，全年执行数为 {executed}，执行率填写为“{rate}”：执行率无法计算，请补全预算数或注明无法计算",
        en: 'The {budgetName} of "{name}" is {budgetState} while spending is {executed} and the rate reads "{rate}": the rate cannot be computed; fill in the budget or state that it cannot be computed',
      },
      // The budget's state in the messages above.
      budgetBlank: { zh: "未填写", en: "blank" },
      budgetZero: { zh: "为 0", en: "0" },
    },
  },
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
      const data = {
        name,
        budgetName: { zh: bn.zh, en: bn.en },
        budgetState: { messageId: budget === null ? "budgetBlank" : "budgetZero" },
      } as const;
      const rateText = rated || div0 ? String(row.rate!.value).trim() : null;
      const target =
        div0 || rated
          ? row.rate!
          : budgetCell && !isBlankCell(budgetCell)
            ? budgetCell
            : (budgetCell ?? row.label);
      ctx.report({
        at: target,
        severity: row.kind === "total" ? "warning" : "info",
        ...(rateText === null
          ? { messageId: "spent", data: { ...data, executed: executed! } }
          : spent
            ? { messageId: "spentAndRated", data: { ...data, executed: executed!, rate: rateText } }
            : { messageId: "rated", data: { ...data, rate: rateText } }),
      });
    }
  },
});
