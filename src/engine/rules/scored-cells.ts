import { AssessmentTable, Located } from "../model/table";
import { oncePerTable } from "./once-per-table";
import { Bilingual } from "./render-message";
import { fundingRowName, indicatorName } from "./helpers";

/** A 得分 cell with its 分值 cell and how to name the pair in a message. */
export interface ScoredCell {
  score: Located;
  weight: Located | null;
  /** How messages name the pair; worked out only for a pair that has a finding. */
  what(): Bilingual;
}

/** Every 得分 of a table: funding rows, indicator rows, the 总分 row. */
export const scoredCells: (table: AssessmentTable) => readonly ScoredCell[] =
  oncePerTable(listScoredCells);

function listScoredCells(table: AssessmentTable): ScoredCell[] {
  const out: ScoredCell[] = [];
  for (const r of table.funding?.rows ?? []) {
    if (r.score)
      out.push({
        score: r.score,
        weight: r.weight,
        what: () => ({
          zh: `${fundingRowName(r)}（资金）`,
          en: `funding row "${fundingRowName(r)}"`,
        }),
      });
  }
  for (const r of table.indicators?.rows ?? []) {
    if (r.score)
      out.push({
        score: r.score,
        weight: r.weight,
        what: () => ({ zh: `指标“${indicatorName(r)}”`, en: `indicator "${indicatorName(r)}"` }),
      });
  }
  if (table.total?.score)
    out.push({
      score: table.total.score,
      weight: table.total.weight,
      what: () => ({ zh: "总分行", en: "the total row" }),
    });
  return out;
}
