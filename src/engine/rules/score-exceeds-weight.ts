import { Rule } from "./rule";
import { num, numberOf } from "../compute/numbers";
import { scoredCells } from "./scored-cells";

export const scoreExceedsWeight: Rule = {
  code: "SCORE_EXCEEDS_WEIGHT",
  severity: "error",
  description_zh: "得分超过分值",
  description_en: "A score exceeds its weight",
  check(ctx) {
    for (const { score, weight, zh, en } of scoredCells(ctx.table)) {
      const s = numberOf(score);
      const w = numberOf(weight);
      if (s === null || w === null || s <= w + 1e-9) continue;
      ctx.report({
        at: score,
        message_zh: `${zh}的得分 ${num(s)} 超过分值 ${num(w)}`,
        message_en: `The score of ${en} (${num(s)}) exceeds its weight (${num(w)})`,
        expected: `<= ${num(w)}`,
        actual: s,
      });
    }
  },
};
