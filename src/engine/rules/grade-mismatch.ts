import { defineRule } from "./rule";
import { numberOf } from "../compute/numbers";
import { computedTotal, gradeFor } from "../compute/totals";
import { normalizeLabel } from "../text";

export const gradeMismatch = defineRule({
  code: "GRADE_MISMATCH",
  severity: "error",
  description_zh:
    "填写的等级与总分对应的等级不符（默认 90 分及以上优、80 分及以上良、60 分及以上中、60 分以下差）",
  description_en:
    "The stated grade does not match the total's grade band (default: ≥90 优, ≥80 良, ≥60 中, below 60 差)",
  meta: {
    needs: ["grade"],
    settledBy: ["grade"],
    messages: {
      mismatch: {
        zh: "总分 {total} 对应等级为“{expected}”，表中填写为“{stated}”",
        en: 'A total {total} grades as "{expected}", but the table states "{stated}"',
      },
      mismatchComputed: {
        zh: "按各项计算的总分 {total} 对应等级为“{expected}”，表中填写为“{stated}”",
        en: 'A computed total {total} grades as "{expected}", but the table states "{stated}"',
      },
    },
  },
  check(ctx) {
    const g = ctx.table.grade;
    if (!g || g.value === null) return;
    const stated = numberOf(ctx.table.total?.score);
    const total = stated ?? computedTotal(ctx.table, ctx.settings);
    if (total === null) return;
    const expected = gradeFor(total, ctx.settings);
    const have = normalizeLabel(g.value);
    if (have === normalizeLabel(expected) || have.startsWith(normalizeLabel(expected))) return;
    ctx.report({
      at: g.valueCell,
      messageId: stated !== null ? "mismatch" : "mismatchComputed",
      data: { total, expected, stated: g.value },
      expected,
      actual: g.value,
    });
  },
});
