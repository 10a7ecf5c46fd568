export { planFill, planNumberConversions, planTableFill } from "./plan-fill";
export type { FillOptions, TableFillPlan } from "./plan-fill";
export { planHighlights } from "./plan-highlights";
export { planSuggestedScores } from "./plan-suggested-scores";
export { changesTypedValue, isTypedValue, planChanges, shownValue } from "./plan-changes";
export type { TableWrites, TypedChange } from "./plan-changes";
export { fieldName } from "./field-names";
export type {
  CellWrite,
  FillSkip,
  FillSkipReason,
  Highlight,
  WritePlan,
  WritePurpose,
} from "./plan-types";
