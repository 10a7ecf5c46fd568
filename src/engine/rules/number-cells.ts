import { AssessmentTable, Located } from "../model/table";
import { oncePerTable } from "./once-per-table";
import {
  fundingRowName,
  FUNDING_COLUMN_EN,
  FUNDING_COLUMN_ZH,
  FundingColumnKey,
  indicatorName,
} from "./helpers";
import { Bilingual } from "./render-message";

/** A cell that must hold a number, with how to name it in a message. */
export interface NumberCell {
  cell: Located;
  /**
   * How a message names the cell, in the middle of a sentence ("the weight (分值) of …"); worked
   * out only for a cell that has a finding (most have none, and every table has hundreds).
   */
  what(): Bilingual;
  /** True for a 执行率 cell. */
  rate: boolean;
}

const FUNDING_KEYS: FundingColumnKey[] = [
  "initialBudget",
  "budget",
  "adjustedBudget",
  "executed",
  "weight",
  "rate",
  "score",
];

/** Every cell of a table where a number belongs: funding amounts, 分值, 执行率, 得分; indicator 分值/得分; 总分. */
export const numberCells: (table: AssessmentTable) => readonly NumberCell[] =
  oncePerTable(listNumberCells);

function listNumberCells(table: AssessmentTable): NumberCell[] {
  const out: NumberCell[] = [];
  for (const r of table.funding?.rows ?? []) {
    for (const k of FUNDING_KEYS) {
      const cell = r[k];
      // A lone 调整后预算数 column is the budget column too: one finding per cell.
      if (k === "adjustedBudget" && cell && cell.address === r.budget?.address) continue;
      if (cell)
        out.push({
          cell,
          what: () => {
            const name = fundingRowName(r);
            return {
              zh: `${name}的${FUNDING_COLUMN_ZH[k]}`,
              en: `the ${FUNDING_COLUMN_EN[k]} of "${name}"`,
            };
          },
          rate: k === "rate",
        });
    }
  }
  for (const r of table.indicators?.rows ?? []) {
    if (r.weight)
      out.push({
        cell: r.weight,
        what: () => {
          const name = indicatorName(r);
          return { zh: `指标“${name}”的分值`, en: `the weight (分值) of indicator "${name}"` };
        },
        rate: false,
      });
    if (r.score)
      out.push({
        cell: r.score,
        what: () => {
          const name = indicatorName(r);
          return { zh: `指标“${name}”的得分`, en: `the score (得分) of indicator "${name}"` };
        },
        rate: false,
      });
  }
  if (table.total?.weight)
    out.push({
      cell: table.total.weight,
      what: () => ({ zh: "总分行的分值", en: "the total row's weight" }),
      rate: false,
    });
  if (table.total?.score)
    out.push({
      cell: table.total.score,
      what: () => ({ zh: "总分行的得分", en: "the total row's score" }),
      rate: false,
    });
  return out;
}

/** The same name at the start of a sentence ("The weight (分值) of …"). */
export function sentenceStart(what: Bilingual): Bilingual {
  return { zh: what.zh, en: `${what.en[0].toUpperCase()}${what.en.slice(1)}` };
}
