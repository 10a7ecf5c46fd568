import { defineRule } from "./rule";
import { numberOf } from "../compute/numbers";
import { scoredCells } from "./scored-cells";

export const scoreNegative = defineRule({
  code: "SCORE_NEGATIVE",
  severity: "error",
  description_zh: "得分为负数",
  description_en: "A score is negative",
  meta: {
    messages: {
      negative: {
        zh: "{what}的得分 {score} 为负数，得分应在 0 与分值之间",
        en: "The score of {what} is negative ({score}); a score lies between 0 and its weight",
      },
    },
  },
  check(ctx) {
    for (const { score, what } of scoredCells(ctx.table)) {
      const s = numberOf(score);
      if (s === null || s >= 0) continue;
      ctx.report({
        at: score,
        messageId: "negative",
        data: { what: what(), score: s },
        expected: ">= 0",
        actual: s,
      });
    }
  },
});
