import { EngineSettings } from "../settings";
import { AssessmentTable } from "../model/table";
import { fundingFigures, clean } from "./funding";
import { numberOf } from "./numbers";

export interface IndicatorSum {
  /** Σ 分值 of the indicator rows that hold a number. */
  weight: number;
  /** Σ 得分 of the indicator rows that hold a number. */
  score: number;
  /** How many rows hold a number under 分值 / 得分. */
  weightCount: number;
  scoreCount: number;
}

export function indicatorSum(table: AssessmentTable): IndicatorSum {
  let weight = 0;
  let score = 0;
  let weightCount = 0;
  let scoreCount = 0;
  for (const r of table.indicators?.rows ?? []) {
    const w = numberOf(r.weight);
    const s = numberOf(r.score);
    if (w !== null) {
      weight += w;
      weightCount++;
    }
    if (s !== null) {
      score += s;
      scoreCount++;
    }
  }
  return { weight: clean(weight), score: clean(score), weightCount, scoreCount };
}

/**
 * 总分 得分 as the rows give it: the computed funding score (the stated one when it cannot be
 * computed) plus Σ indicator 得分. Null when there is neither a funding score nor an indicator score.
 */
export function computedTotal(table: AssessmentTable, settings: EngineSettings): number | null {
  const f = fundingFigures(table, settings);
  const funding = f.score ?? f.statedScore;
  const ind = indicatorSum(table);
  if (funding === null && ind.scoreCount === 0) return null;
  return clean((funding ?? 0) + ind.score);
}

/** The grade of a total per settings.gradeBands (highest band whose min the total reaches), else settings.lowestGrade. */
export function gradeFor(total: number, settings: EngineSettings): string {
  const bands = [...settings.gradeBands].sort((a, b) => b.min - a.min);
  for (const b of bands) if (total + 1e-9 >= b.min) return b.label;
  return settings.lowestGrade;
}
