import { isBlankCell } from "../compute/numbers";
import { AssessmentTable } from "../model/table";
import { scoreCheck } from "../policy/score";
import { EngineSettings } from "../settings";
import { CellWrite } from "./plan-types";

/**
 * The writes of 采用建议得分 (pane) / `fill --apply-suggested-scores` (CLI): the policy score into
 * every indicator 得分 cell that differs from it — a typed number off by more than the tolerance
 * (what SCORE_POLICY_MISMATCH reports), or a blank 得分 the policy can fill. A 得分 holding text
 * that is not a number is NOT_A_NUMBER's and is left alone, as is a formula.
 * Nothing is planned while indicatorScoring.enabled is off: a score is never changed unless the
 * template owner's rule set turns the policy on and the user asks for it.
 */
export function planSuggestedScores(table: AssessmentTable, settings: EngineSettings): CellWrite[] {
  if (!settings.indicatorScoring.enabled) return [];
  const out: CellWrite[] = [];
  for (const row of table.indicators?.rows ?? []) {
    const cell = row.score;
    if (!cell || cell.formula) continue;
    const check = scoreCheck(row, settings);
    if (!check || !check.differs) continue;
    const blank = isBlankCell(cell);
    if (check.typed === null && !blank) continue; // text that is not a number
    out.push({
      sheet: table.sheet,
      row: cell.row,
      col: cell.col,
      address: cell.address,
      purpose: "suggestedScore",
      value: check.suggestion.score,
      before: { value: cell.value, formula: cell.formula, numberFormat: cell.numberFormat },
    });
  }
  return out;
}
