import { defineRule } from "./rule";
import { scoredBelowWeight } from "../compute/deviation";
import { numberOf } from "../compute/numbers";
import { isEmptyExplanation } from "../text";
import { indicatorName } from "./helpers";

export const deviationUnexplained = defineRule({
  code: "DEVIATION_UNEXPLAINED",
  severity: "error",
  description_zh: "指标得分低于分值（存在偏差），但未填写偏差原因分析及改进措施",
  description_en:
    "An indicator scores below its weight (a deviation) but its deviation cause and corrective action are not given",
  meta: {
    needs: ["indicators.explanation"],
    highlight: true,
    messages: {
      unexplained: {
        zh: "指标“{name}”得分 {score}，低于分值 {weight}，但未填写偏差原因分析及改进措施",
        en: 'Indicator "{name}" scores {score} of {weight} but gives no deviation cause or corrective action',
      },
    },
  },
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
        messageId: "unexplained",
        data: { name, score: s, weight: w },
        expected: "偏差原因分析及改进措施",
        actual: r.explanation && typeof r.explanation.value === "string" ? r.explanation.value : "",
      });
    }
  },
});
