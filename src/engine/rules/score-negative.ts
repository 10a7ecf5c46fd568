import { Rule } from "./rule";
import { num, numberOf } from "../compute/numbers";
import { scoredCells } from "./scored-cells";

export const scoreNegative: Rule = {
  code: "SCORE_NEGATIVE",
  severity: "error",
  description_zh: "得分为负数",
  description_en: "A score is negative",
  check(ctx) {
    for (const { score, zh, en } of scoredCells(ctx.table)) {
      const s = numberOf(score);
      if (s === null || s >= 0) continue;
      ctx.report({
        at: score,
        message_zh: `${zh}的得分 ${num(s)} 为负数，得分应在 0 与分值之间`,
        message_en: `The score of ${en} is negative (${num(s)}); a score lies between 0 and its weight`,
        expected: ">= 0",
        actual: s,
      });
    }
  },
};
