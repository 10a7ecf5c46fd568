import type { WritePurpose } from "../fill/plan-types";
import type { FindingCode } from "../model/finding";
import { Rule } from "./rule";
import { missingField } from "./missing-field";
import { notANumber } from "./not-a-number";
import { numberAsText } from "./number-as-text";
import { rateUncomputable } from "./rate-uncomputable";
import { rateMismatch } from "./rate-mismatch";
import { fundingScoreMismatch } from "./funding-score-mismatch";
import { overspent } from "./overspent";
import { breakdownMismatch } from "./breakdown-mismatch";
import { scoreNegative } from "./score-negative";
import { scoreExceedsWeight } from "./score-exceeds-weight";
import { sectionWeightMismatch } from "./section-weight-mismatch";
import { weightTotalMismatch } from "./weight-total-mismatch";
import { scoreBasisMismatch } from "./score-basis";
import { totalScoreMismatch } from "./total-score-mismatch";
import { gradeMismatch } from "./grade-mismatch";
import { deviationUnexplained } from "./deviation-unexplained";
import { targetMissedFullScore } from "./target-missed-full-score";
import { overachievementUnexplained } from "./overachievement-unexplained";
import { scorePolicyMismatch } from "./score-policy-mismatch";

export { runRules } from "./rule";
export type { FamilyNeed, Rule, RuleContext, RuleMeta, Report, ReportFacts } from "./rule";
export { defineRule, familyHas, ruleApplies } from "./rule";
export type {
  Bilingual,
  MessageData,
  MessageFragment,
  MessageSet,
  MessageTemplate,
  MessageValue,
} from "./render-message";
export { placeholdersOf, renderMessage } from "./render-message";
export {
  missingField,
  notANumber,
  numberAsText,
  rateUncomputable,
  rateMismatch,
  fundingScoreMismatch,
  overspent,
  breakdownMismatch,
  scoreNegative,
  scoreExceedsWeight,
  sectionWeightMismatch,
  scoreBasisMismatch,
  weightTotalMismatch,
  totalScoreMismatch,
  gradeMismatch,
  deviationUnexplained,
  targetMissedFullScore,
  overachievementUnexplained,
  scorePolicyMismatch,
};

/**
 * Every table-level rule, in the order a reviewer reads a table: completeness and number
 * hygiene, then the funding block top to bottom, the scores, the weights, the total and grade,
 * the indicator rows' deviations, and last the template owner's opt-in checks (over-achievement
 * threshold, scoring policy), which report nothing under the default rule set.
 */
export const ALL_RULES: readonly Rule[] = [
  missingField,
  notANumber,
  numberAsText,
  rateUncomputable,
  rateMismatch,
  fundingScoreMismatch,
  overspent,
  breakdownMismatch,
  scoreNegative,
  scoreExceedsWeight,
  sectionWeightMismatch,
  scoreBasisMismatch,
  weightTotalMismatch,
  totalScoreMismatch,
  gradeMismatch,
  deviationUnexplained,
  targetMissedFullScore,
  overachievementUnexplained,
  scorePolicyMismatch,
];

/** The writes that settle a finding of this code (from the rule's meta); empty when none does. */
export function settlingWrites(code: FindingCode): readonly WritePurpose[] {
  return ALL_RULES.find((r) => r.code === code)?.meta?.settledBy ?? [];
}

/** Whether a finding of this code marks its indicator's explanation cell (from the rule's meta). */
export function isHighlighted(code: FindingCode): boolean {
  return ALL_RULES.find((r) => r.code === code)?.meta?.highlight === true;
}
