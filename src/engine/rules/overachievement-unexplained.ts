import { defineRule } from "./rule";
import { achievementRatio } from "../compute/deviation";
import { num, pct } from "../compute/numbers";
import { isEmptyExplanation } from "../text";
import { indicatorName, shown } from "./helpers";

export const overachievementUnexplained = defineRule({
  code: "OVERACHIEVEMENT_UNEXPLAINED",
  severity: "warning",
  description_zh:
    "规则集设定了超额完成阈值时：实际完成值超出年度指标值达到阈值（如 120%；成本类、“≤”类指标以低于指标值计），却未说明原因",
  description_en:
    "With an over-achievement threshold set: the actual exceeds the target by the threshold or more (e.g. 120%; for cost and at-most targets, falls below it by as much), yet no explanation is given",
  meta: {
    needs: ["indicators.actual", "indicators.explanation"],
    highlight: true,
    messages: {
      over: {
        zh: "指标“{name}”实际完成值{actual}为年度指标值{target}的 {ratio}，超额完成达到阈值 {threshold}，但未说明原因",
        en: 'Indicator "{name}": the actual {actual} is {ratio} of the target {target}, at or above the over-achievement threshold of {threshold}, yet no explanation is given',
      },
      under: {
        zh: "指标“{name}”实际完成值{actual}仅为年度指标值{target}的 {share}（指标值为实际值的 {ratio}，达到超额阈值 {threshold}），但未说明原因",
        en: 'Indicator "{name}": the actual {actual} is only {share} of the at-most target {target} (target/actual {ratio} ≥ threshold {threshold}), yet no explanation is given',
      },
    },
  },
  check(ctx) {
    const threshold = ctx.settings.overachievementThreshold;
    if (threshold === null) return;
    for (const r of ctx.table.indicators?.rows ?? []) {
      if (
        r.explanation &&
        !isEmptyExplanation(r.explanation.value, ctx.settings.emptyExplanationWords)
      )
        continue;
      const over = achievementRatio(r);
      if (!over || over.ratio < threshold - 1e-9) continue;
      const name = indicatorName(r);
      const data = { name, actual: shown(r.actual), target: shown(r.target) };
      ctx.report({
        at: r.explanation ?? r.actual!,
        ...(over.direction === "reverse"
          ? {
              messageId: "under",
              data: {
                ...data,
                share: pct(1 / over.ratio),
                // The English states the ratio itself, the Chinese it as a percentage.
                ratio: { zh: pct(over.ratio), en: num(over.ratio) },
                threshold: { zh: pct(threshold), en: num(threshold) },
              },
            }
          : {
              messageId: "over",
              data: { ...data, ratio: pct(over.ratio), threshold: pct(threshold) },
            }),
        expected: "偏差原因分析及改进措施",
        actual: r.explanation && typeof r.explanation.value === "string" ? r.explanation.value : "",
      });
    }
  },
});
