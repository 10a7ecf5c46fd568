/**
 * Rules as data and the indicator scoring policy: what the CLI and the task pane call.
 *
 *   parseRuleSet(json)                 validate a rule-set document (object or JSON text)
 *   rulesPreset("beijing" | "hunan")   a preset as a full rule set
 *   ruleSetFromState(state)            the rule set embedded in "_selfeval" (state.rules), or defaults + error
 *   mergeRuleSets(embedded, override)  the CLI's --rules override on top of the embedded rule set
 *   ruleSetDocument(rules)             the short document to store in state.rules
 *   stateWithRules(state, rules)       a state copy carrying that document
 *   suggestScore(row, rules)           the policy score of an indicator row
 *   planSuggestedScores(table, rules)  writes for 采用建议得分 / fill --apply-suggested-scores
 */
export * from "./ruleset";
export * from "./presets";
export * from "./score";
export { deepMerge } from "./merge";
export { planSuggestedScores } from "../fill/plan-suggested-scores";
export {
  DEFAULT_RULES,
  RULES_VERSION,
  RuleSetSchema,
  resolveSettings,
  type RuleSet,
  type RuleSetInput,
  type RulePresetName,
} from "../settings";
