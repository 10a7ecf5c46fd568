import { defineRule } from "./rule";
import { METHOD_EN, METHOD_ZH, scoreCheck } from "../policy/score";
import { indicatorName } from "./helpers";

export const scorePolicyMismatch = defineRule({
  code: "SCORE_POLICY_MISMATCH",
  severity: "warning",
  description_zh:
    "启用指标评分规则时：填写的得分与按规则计算的建议得分相差超过 0.01（正向、反向、等于型按完成比例计分，定性指标按达成档次区间）",
  description_en:
    "With the indicator scoring policy on: the typed score differs from the policy score by more than 0.01 (at-least, at-most and equal-to indicators by ratio, qualitative ones by tier band)",
  meta: {
    settledBy: ["suggestedScore"],
    messages: {
      policy: {
        zh: "指标“{name}”得分 {typed}，按{method}评分规则应为 {score}（{explanation}）",
        en: 'Indicator "{name}" scores {typed}; the {method} scoring policy gives {score} ({explanation})',
      },
    },
  },
  check(ctx) {
    if (!ctx.settings.indicatorScoring.enabled) return;
    for (const r of ctx.table.indicators?.rows ?? []) {
      if (!r.score) continue;
      const c = scoreCheck(r, ctx.settings);
      // A blank or non-numeric 得分 is MISSING_FIELD's / NOT_A_NUMBER's.
      if (!c || c.typed === null || !c.differs) continue;
      const s = c.suggestion;
      const name = indicatorName(r);
      ctx.report({
        at: r.score,
        messageId: "policy",
        data: {
          name,
          typed: c.typed,
          method: { zh: METHOD_ZH[s.method], en: METHOD_EN[s.method] },
          score: s.score,
          explanation: { zh: s.explanation_zh, en: s.explanation_en },
        },
        expected: s.score,
        actual: c.typed,
      });
    }
  },
});
