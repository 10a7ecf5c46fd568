import { Rule } from "./rule";
import { achievementRatio } from "../compute/deviation";
import { num, pct } from "../compute/numbers";
import { isEmptyExplanation } from "../text";
import { indicatorName, shown } from "./helpers";

export const overachievementUnexplained: Rule = {
  code: "OVERACHIEVEMENT_UNEXPLAINED",
  severity: "warning",
  description_zh:
    "规则集设定了超额完成阈值时：实际完成值超出年度指标值达到阈值（如 120%；成本类、“≤”类指标以低于指标值计），却未说明原因",
  description_en:
    "With an over-achievement threshold set: the actual exceeds the target by the threshold or more (e.g. 120%; for cost and at-most targets, falls below it by as much), yet no explanation is given",
  meta: { needs: ["indicators.actual", "indicators.explanation"], highlight: true },
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
      const t = shown(r.target);
      const a = shown(r.actual);
      const reverse = over.direction === "reverse";
      ctx.report({
        at: r.explanation ?? r.actual!,
        message_zh: reverse
          ? `指标“${name}”实际完成值${a.zh}仅为年度指标值${t.zh}的 ${pct(1 / over.ratio)}（指标值为实际值的 ${pct(over.ratio)}，达到超额阈值 ${pct(threshold)}），但未说明原因`
          : `指标“${name}”实际完成值${a.zh}为年度指标值${t.zh}的 ${pct(over.ratio)}，超额完成达到阈值 ${pct(threshold)}，但未说明原因`,
        message_en: reverse
          ? `Indicator "${name}": the actual ${a.en} is only ${pct(1 / over.ratio)} of the at-most target ${t.en} (target/actual ${num(over.ratio)} ≥ threshold ${num(threshold)}), yet no explanation is given`
          : `Indicator "${name}": the actual ${a.en} is ${pct(over.ratio)} of the target ${t.en}, at or above the over-achievement threshold of ${pct(threshold)}, yet no explanation is given`,
        expected: "偏差原因分析及改进措施",
        actual: r.explanation && typeof r.explanation.value === "string" ? r.explanation.value : "",
      });
    }
  },
};
