import { defineRule } from "./rule";
import { num, numberOf } from "../compute/numbers";
import { scoredCells } from "./scored-cells";

export const scoreExceedsWeight = defineRule({
  code: "SCORE_EXCEEDS_WEIGHT",
  severity: "error",
  description_zh: "得分超过分值",
  description_en: "A score exceeds its weight",
  meta: {
    messages: {
      exceeds: {
        zh: "{what}的得分 {score} 超过分值 {weight}",
        en: "The score of {what} ({score}) exceeds its weight ({weight})",
      },
    },
  },
  check(ctx) {
    for (const { score, weight, what } of scoredCells(ctx.table)) {
      const s = numberOf(score);
      const w = numberOf(weight);
      if (s === null || w === null || s <= w + 1e-9) continue;
      ctx.report({
        at: score,
        messageId: "exceeds",
        data: { what: what(), score: s, weight: w },
        expected: `<= ${num(w)}`,
        actual: s,
      });
    }
  },
});
