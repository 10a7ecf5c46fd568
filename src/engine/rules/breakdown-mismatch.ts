import { defineRule } from "./rule";
import { clean, fundingSubRows, fundingTotalRow } from "../compute/funding";
import { num, numberOf, parsedCell } from "../compute/numbers";
import { FUNDING_COLUMN_EN, FUNDING_COLUMN_ZH, fundingRowName } from "./helpers";

const TOLERANCE = 0.00005;
const AMOUNT_KEYS = ["initialBudget", "budget", "adjustedBudget", "executed"] as const;

export const breakdownMismatch = defineRule({
  code: "BREAKDOWN_MISMATCH",
  severity: "error",
  description_zh:
    "“其中”各行（当年财政拨款、上年结转资金、其他资金）之和与年度资金总额不符（按列比较）",
  description_en:
    "The 其中 rows (current-year appropriation, carry-over, other) do not add up to the annual total, column by column",
  meta: {
    needs: ["funding"],
    messages: {
      breakdown: {
        zh: "{name}的{column} {total} 与其中各项之和 {sum}（{terms}）不符",
        en: 'The {column} of "{name}" ({total}) differs from the sum of its parts, {sum} ({terms})',
      },
    },
  },
  check(ctx) {
    const total = fundingTotalRow(ctx.table);
    const subs = fundingSubRows(ctx.table);
    if (!total || subs.length === 0) return;
    for (const key of AMOUNT_KEYS) {
      const cell = total[key];
      const t = numberOf(cell);
      if (!cell || t === null) continue;
      // A lone 调整后预算数 column is the budget column too: checked once.
      if (key === "adjustedBudget" && cell.address === total.budget?.address) continue;
      // Sub-rows count only when at least one holds a number; blanks and placeholders then count as 0.
      const parts = subs.map((r) => ({ row: r, p: parsedCell(r[key]) }));
      if (parts.some((x) => x.p.kind === "text")) continue; // NOT_A_NUMBER
      if (!parts.some((x) => x.p.kind === "number")) continue;
      const sum = clean(parts.reduce((s, x) => s + (x.p.kind === "number" ? x.p.value! : 0), 0));
      if (Math.abs(sum - t) <= TOLERANCE + 1e-12) continue;
      const terms = parts.map(
        (x) =>
          `${fundingRowName(x.row).replace(/^其中[:：]\s*/, "")} ${x.p.kind === "number" ? num(x.p.value!) : "0"}`
      );
      const name = fundingRowName(total);
      ctx.report({
        at: cell,
        messageId: "breakdown",
        data: {
          name,
          column: { zh: FUNDING_COLUMN_ZH[key], en: FUNDING_COLUMN_EN[key] },
          total: t,
          sum,
          terms: terms.join(" + "),
        },
        expected: sum,
        actual: t,
      });
    }
  },
});
