import { EngineSettings } from "../settings";
import { AssessmentTable, Located } from "../model/table";
import { removeSpaces, roundHalfUp } from "../text";
import { isDeviation } from "./deviation";
import { fundingFigures } from "./funding";
import { numberOf, shownText } from "./numbers";
import { computedTotal } from "./totals";

/** One table as the CLI's --json prints it. */
export interface TableSummary {
  range: string;
  projectName: string | null;
  funding: {
    budget: number | null;
    executed: number | null;
    /** Fraction, 4 decimals (0.9906 for 99.06%). */
    rate: number | null;
    statedRate: number | null;
    weight: number | null;
    score: number | null;
    statedScore: number | null;
  };
  indicators: {
    /** 1-based sheet row. */
    row: number;
    level1: string | null;
    level2: string | null;
    level3: string | null;
    target: string | null;
    actual: string | null;
    weight: number | null;
    score: number | null;
    explanation: string | null;
    deviation: boolean;
  }[];
  total: { weight: number | null; statedScore: number | null; computedScore: number | null };
}

/** Labels lose the line breaks and spaces they were wrapped with ("产出\n指标" → "产出指标"). */
function label(s: string): string | null {
  const t = removeSpaces(s);
  return t === "" ? null : t;
}

function text(cell: Located | null): string | null {
  return shownText(cell);
}

export function summarizeTable(table: AssessmentTable, settings: EngineSettings): TableSummary {
  const f = fundingFigures(table, settings);
  const name = table.header.projectName?.value ?? null;
  return {
    range: table.range.address,
    projectName: text(name),
    funding: {
      budget: f.budget,
      executed: f.executed,
      rate: f.rate === null ? null : roundHalfUp(f.rate, 4),
      statedRate: f.statedRate,
      weight: f.weight,
      score: f.score,
      statedScore: f.statedScore,
    },
    indicators: (table.indicators?.rows ?? []).map((r) => ({
      row: r.row + 1,
      level1: label(r.level1),
      level2: label(r.level2),
      level3: text(r.level3),
      target: text(r.target),
      actual: text(r.actual),
      weight: numberOf(r.weight),
      score: numberOf(r.score),
      explanation: text(r.explanation),
      deviation: isDeviation(r, settings),
    })),
    total: {
      weight: numberOf(table.total?.weight),
      statedScore: numberOf(table.total?.score),
      computedScore: computedTotal(table, settings),
    },
  };
}
