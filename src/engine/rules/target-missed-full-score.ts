import { defineRule } from "./rule";
import { targetOutcome } from "../compute/deviation";
import { numberOf } from "../compute/numbers";
import { isEmptyExplanation } from "../text";
import { indicatorName, shown } from "./helpers";

export const targetMissedFullScore = defineRule({
  code: "TARGET_MISSED_FULL_SCORE",
  severity: "warning",
  description_zh:
    "实际完成值未达到年度指标值（成本类、“≤”类指标以不超过为达标），却得满分且未说明原因",
  description_en:
    "The actual misses the target (cost and at-most targets are met by a lower actual), yet the row has full marks and no explanation",
  meta: {
    needs: ["indicators.actual"],
    highlight: true,
    messages: {
      missedFullScore: {
        zh: "指标“{name}”实际完成值{actual}未达到年度指标值{target}，却得满分 {score}，且未说明偏差原因",
        en: 'Indicator "{name}": the actual {actual} misses the target {target}, yet it has full marks ({score}) and no explanation',
      },
    },
  },
  check(ctx) {
    for (const r of ctx.table.indicators?.rows ?? []) {
      const w = numberOf(r.weight);
      const s = numberOf(r.score);
      if (w === null || s === null || Math.abs(w - s) > 1e-9 || !r.actual) continue;
      if (
        r.explanation &&
        !isEmptyExplanation(r.explanation.value, ctx.settings.emptyExplanationWords)
      )
        continue;
      const cmp = targetOutcome(r);
      if (cmp.outcome !== "missed") continue;
      const name = indicatorName(r);
      ctx.report({
        at: r.actual,
        messageId: "missedFullScore",
        data: { name, actual: shown(r.actual), target: shown(r.target), score: s },
        expected:
          typeof r.target?.value === "string" || typeof r.target?.value === "number"
            ? r.target.value
            : undefined,
        actual:
          typeof r.actual.value === "string" || typeof r.actual.value === "number"
            ? r.actual.value
            : undefined,
      });
    }
  },
});
