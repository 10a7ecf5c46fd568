import { Rule } from "./rule";
import { scoredBelowWeight } from "../compute/deviation";
import { num, numberOf } from "../compute/numbers";
import { isEmptyExplanation } from "../text";
import { indicatorName } from "./helpers";

export const deviationUnexplained: Rule = {
  code: "DEVIATION_UNEXPLAINED",
  severity: "error",
  description_zh: "指标得分低于分值（存在偏差），但未填写偏差原因分析及改进措施",
  description_en:
    "An indicator scores below its weight (a deviation) but its deviation cause and corrective action are not given",
  meta: { needs: ["indicators.explanation"], highlight: true },
  check(ctx) {
    for (const r of ctx.table.indicators?.rows ?? []) {
      if (!scoredBelowWeight(r)) continue;
      if (
        r.explanation &&
        !isEmptyExplanation(r.explanation.value, ctx.settings.emptyExplanationWords)
      )
        continue;
      const w = numberOf(r.weight)!;
      const s = numberOf(r.score)!;
      const name = indicatorName(r);
      ctx.report({
        at: r.explanation ?? r.score!,
        message_zh: `指标“${name}”得分 ${num(s)}，低于分值 ${num(w)}，但未填写偏差原因分析及改进措施`,
        message_en: `Indicator "${name}" scores ${num(s)} of ${num(w)} but gives no deviation cause or corrective action`,
        expected: "偏差原因分析及改进措施",
        actual: r.explanation && typeof r.explanation.value === "string" ? r.explanation.value : "",
      });
    }
  },
};
