export { planFill, planNumberConversions } from "./plan-fill";
export type { FillOptions } from "./plan-fill";
export { planHighlights } from "./plan-highlights";
export { planSuggestedScores } from "./plan-suggested-scores";
export type { CellWrite, Highlight, WritePlan, WritePurpose } from "./plan-types";
