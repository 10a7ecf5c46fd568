import { columnName, toA1 } from "../grid/a1";
import { AssessmentTable, FundingRow, Located } from "../model/table";
import { EngineSettings } from "../settings";
import { floorTo, parseNumber } from "../text/numbers";
import { CellWrite, FillSkip, WritePurpose } from "./plan-types";
import { budgetCellOf, clean } from "../compute/funding";
import { gradeFor } from "../compute/totals";
import { guardWrites } from "./write-guard";
import {
  applyRounding,
  fundingRoundingFor,
  Rounding,
  rateFormatFor,
  truncatedRateDecimals,
} from "../compute/rounding";
import { isBlankCell } from "../compute/numbers";
import { skipOf } from "./skip-reasons";
import { familyOf } from "../families/catalog";

export interface FillOptions {
  /** Turn numbers stored as text ("96 万", "10") in amount/分值/得分 cells into numeric cells. */
  convertNumbers?: boolean;
  /**
   * Also return the writes a cell already holds (same formula and number format), which are
   * otherwise left out: a host that cannot recalculate reads their `result` to refresh the value
   * the cell shows after its inputs changed (the browser preview).
   */
  includeUnchanged?: boolean;
}

/** The writes of a table's fill and the formulas left out on purpose, each with its reason. */
export interface TableFillPlan {
  writes: CellWrite[];
  skipped: FillSkip[];
}

/**
 * The writes that make a table compute itself: 执行率 per funding row, the funding 得分,
 * the 总分 分值 and 得分, and the 等级. Every formula references cells (no constants from the
 * sheet), guards blank/zero/text inputs so it never shows an error value, and a cell that already
 * holds the planned formula is left out, so a second fill plans nothing (unless `includeUnchanged`).
 */
export function planFill(
  table: AssessmentTable,
  settings: EngineSettings,
  options: FillOptions = {}
): CellWrite[] {
  return planTableFill(table, settings, options).writes;
}

/**
 * planFill with what it left out and why. The funding 得分 is rounded the way the table states it
 * (compute/rounding.ts), so a figure check accepts is reproduced, not rewritten. Where the table's
 * own structure is inconsistent (the weights do not add up to the rule set's total, or the scores
 * would add up past it) the stated 总分 分值 / 得分 are left as they are: a formula would only show
 * an impossible figure. A typed 执行率 whose budget is 0 is left too (the formula would blank it).
 */
export function planTableFill(
  table: AssessmentTable,
  settings: EngineSettings,
  options: FillOptions = {}
): TableFillPlan {
  const writes: CellWrite[] = [];
  const skipped: FillSkip[] = [];
  // Which formulas this table's family takes (families/schema.ts FamilyFillSchema).
  const takes = familyOf(settings, table.family).fill;
  /** Records a formula left out, unless the cell already holds it (then nothing would change). */
  const skip = (
    cell: Located,
    purpose: WritePurpose,
    formula: string,
    result: number | string,
    why: FillSkip["reason"],
    detail: Record<string, number>
  ) => {
    // A formula already in place stays (and is reported as unchanged to hosts that recompute).
    if (sameFormula(cell.formula, formula)) {
      if (options.includeUnchanged) add(cell, purpose, formula, result);
      return;
    }
    skipped.push(skipOf(table.sheet, cell, purpose, why, detail));
  };
  // `result` is what the formula evaluates to with the sheet as it is: hosts that cannot recalculate
  // (a file written by ExcelJS and read back by another tool) store it as the cached value.
  const add = (
    cell: Located,
    purpose: WritePurpose,
    formula: string,
    result: number | string,
    numberFormat?: string
  ) => {
    if (
      !options.includeUnchanged &&
      sameFormula(cell.formula, formula) &&
      (!numberFormat || cell.numberFormat === numberFormat)
    )
      return;
    writes.push({
      sheet: table.sheet,
      row: cell.row,
      col: cell.col,
      address: cell.address,
      purpose,
      formula,
      result,
      ...(numberFormat ? { numberFormat } : {}),
      before: { value: cell.value, formula: cell.formula, numberFormat: cell.numberFormat },
    });
  };

  const converted = options.convertNumbers ? planNumberConversions(table) : [];
  writes.push(...converted);
  const numeric = (cell: Located | null): cell is Located =>
    !!cell && (isNumericCell(cell) || converted.some((w) => w.address === cell.address));
  /** The number a cell holds after the conversions, as SUM and ISNUMBER see it (text → null). */
  const numberIn = (cell: Located | null): number | null => {
    if (!cell) return null;
    const c = converted.find((w) => w.address === cell.address);
    if (c && typeof c.value === "number") return c.value;
    return typeof cell.value === "number" ? cell.value : null;
  };

  // 执行率 for every funding row whose budget (the rule set's denominator) and spending are numbers.
  const funding = table.funding;
  const rateRef = new Map<FundingRow, string>();
  const rateValue = new Map<FundingRow, number | string>();
  for (const row of funding?.rows ?? []) {
    const budget = budgetCellOf(row, settings);
    if (!numeric(budget) || !numeric(row.executed)) continue;
    const b = budget.address;
    const e = row.executed.address;
    const bv = numberIn(budget)!;
    const exact = bv === 0 ? null : numberIn(row.executed)! / bv;
    // A stated rate truncated at its decimals is reproduced by truncating (compute/rounding.ts).
    const exprWith = (cut: number | null) =>
      `IF(AND(ISNUMBER(${b}),ISNUMBER(${e}),${b}<>0),${cut === null ? `${e}/${b}` : `ROUNDDOWN(${e}/${b},${cut})`},"")`;
    // A cell holding our truncating formula keeps it (a second fill changes nothing).
    const heldCut = /ROUNDDOWN\([A-Z]+\d+\/[A-Z]+\d+,(\d+)\)/i.exec(row.rate?.formula ?? "");
    const cut =
      heldCut && sameFormula(row.rate!.formula, `=${exprWith(Number(heldCut[1]))}`)
        ? Number(heldCut[1])
        : exact === null
          ? null
          : truncatedRateDecimals(exact, row.rate);
    const rateExpr = exprWith(cut);
    rateValue.set(row, exact === null ? "" : cut === null ? exact : floorTo(clean(exact), cut));
    if (row.rate && bv === 0 && !row.rate.formula && !isBlankCell(row.rate)) {
      // The formula would show a blank where a person typed a rate: keep what they typed.
      skip(row.rate, "rate", `=${rateExpr}`, "", "rateUncomputable", {});
      rateRef.set(row, `(${rateExpr})`);
    } else if (row.rate && takes.rate) {
      add(row.rate, "rate", `=${rateExpr}`, rateValue.get(row)!, rateFormatFor(row.rate));
      rateRef.set(row, row.rate.address);
    } else {
      rateRef.set(row, `(${rateExpr})`);
    }
  }

  // The funding 得分 on the 年度资金总额 / 合计 row: ROUND(MIN(rate, cap) × 分值, decimals).
  const totalRow = funding?.rows.find((r) => r.kind === "total") ?? null;
  const rate = totalRow ? rateRef.get(totalRow) : undefined;
  // The funding 得分 as 总分 will read it: our formula's result, or what the cell holds.
  let fundingScore: number | string | null = numberIn(totalRow?.score ?? null);
  if (
    takes.fundingScore &&
    totalRow &&
    rate &&
    totalRow.score &&
    totalRow.weight &&
    isNumericCell(totalRow.weight)
  ) {
    const w = totalRow.weight.address;
    const r = rateValue.get(totalRow);
    const raw =
      typeof r === "number"
        ? clean(Math.min(r, settings.fundingRateCap) * (totalRow.weight.value as number))
        : null;
    const rateIsCell = !rate.startsWith("(");
    const guard = rateIsCell ? `AND(ISNUMBER(${rate}),ISNUMBER(${w}))` : `ISNUMBER(${w})`;
    const formulaWith = (rounding: Rounding) => {
      const round = rounding.mode === "floor" ? "ROUNDDOWN" : "ROUND";
      const body = `${round}(MIN(${rate},${settings.fundingRateCap})*${w},${rounding.decimals})`;
      return rateIsCell
        ? `=IF(${guard},${body},"")`
        : `=IF(AND(${guard},ISNUMBER${rate}),${body},"")`;
    };
    // A cell holding our formula keeps the rounding it was filled with (a second fill changes nothing).
    const held = roundingInFormula(totalRow.score.formula);
    const rounding =
      held && sameFormula(totalRow.score.formula, formulaWith(held))
        ? held
        : fundingRoundingFor(totalRow.score, raw, settings);
    fundingScore = raw === null ? "" : applyRounding(raw, rounding);
    add(totalRow.score, "fundingScore", formulaWith(rounding), fundingScore);
  }

  // 总分: 分值 and 得分 as the funding cell plus the indicator column. N() reads a blank or "" as 0.
  const rows = table.indicators?.rows ?? [];
  const total = table.total;
  if (total && rows.length > 0 && (takes.total || takes.grade)) {
    const first = rows[0].row;
    const last = rows[rows.length - 1].row;
    const cols = table.indicators!.columns;
    const sum = (col: number | null, fundingCell: Located | null) => {
      if (col === null) return null;
      const range = `${columnName(col)}${first + 1}:${columnName(col)}${last + 1}`;
      return fundingCell ? `=N(${fundingCell.address})+SUM(${range})` : `=SUM(${range})`;
    };
    // N(x) is 0 for text and blanks; SUM skips them: the results follow the same reading.
    const sumOf = (pick: (r: (typeof rows)[number]) => Located | null) =>
      rows.reduce((acc, r) => acc + (numberIn(pick(r)) ?? 0), 0);
    const weightFormula = sum(cols.weight, totalRow?.weight ?? null);
    const weightResult = clean((numberIn(totalRow?.weight ?? null) ?? 0) + sumOf((r) => r.weight));
    const maximum = settings.expectedTotalWeight;
    // The weights are inconsistent when every one the total adds is known and they miss the maximum
    // (WEIGHT_TOTAL_MISMATCH's condition): blank weights of a template still to be filled are not.
    const weightsKnown =
      rows.some((r) => numberIn(r.weight) !== null) &&
      (!funding || numberIn(totalRow?.weight ?? null) !== null);
    const inconsistent = weightsKnown && Math.abs(weightResult - maximum) > 1e-9;
    if (takes.total && total.weight && weightFormula) {
      if (inconsistent)
        skip(total.weight, "totalWeight", weightFormula, weightResult, "weightsInconsistent", {
          sum: weightResult,
          maximum,
        });
      else add(total.weight, "totalWeight", weightFormula, weightResult);
    }
    const scoreFormula = sum(cols.score, totalRow?.score ?? null);
    const scoreResult = clean(
      (typeof fundingScore === "number" ? fundingScore : 0) + sumOf((r) => r.score)
    );
    let totalPlanned = false;
    if (takes.total && total.score && scoreFormula) {
      if (inconsistent)
        skip(total.score, "totalScore", scoreFormula, scoreResult, "weightsInconsistent", {
          sum: weightResult,
          maximum,
        });
      else if (scoreResult > maximum + 1e-9)
        skip(total.score, "totalScore", scoreFormula, scoreResult, "exceedsMaximum", {
          total: scoreResult,
          maximum,
        });
      else {
        add(total.score, "totalScore", scoreFormula, scoreResult);
        totalPlanned = true;
      }
    }

    // 等级 from the 总分 得分 cell, where the table has a grade line.
    if (takes.grade && table.grade && total.score) {
      const t = total.score.address;
      const grade = gradeExpression(t, settings);
      const inline = table.grade.valueCell.address === table.grade.label.address;
      const label = inline ? labelPrefix(table.grade.label.value) : null;
      const formula = inline
        ? `="${label}"&IF(ISNUMBER(${t}),${grade},"")`
        : `=IF(ISNUMBER(${t}),${grade},"")`;
      // With no 总分 formula planned, the grade reads whatever number the 总分 cell holds.
      const totalNow =
        totalPlanned || sameFormula(total.score.formula, scoreFormula ?? "")
          ? scoreResult
          : numberIn(total.score);
      const gradeText = totalNow === null ? "" : gradeFor(totalNow, settings);
      add(table.grade.valueCell, "grade", formula, inline ? `${label}${gradeText}` : gradeText);
    }
  }
  return { writes: guardWrites(table, writes, settings), skipped };
}

/** The rounding of a funding-score formula of ours (…ROUND(MIN(…)*…,1)…), or null. */
function roundingInFormula(formula: string | null): Rounding | null {
  const m = formula
    ? /(ROUNDDOWN|ROUND)\(MIN\([^()]*(?:\([^()]*\)[^()]*)*\)\*[A-Z]+\d+,(\d+)\)/i.exec(formula)
    : null;
  if (!m) return null;
  return { mode: m[1].toUpperCase() === "ROUNDDOWN" ? "floor" : "round", decimals: Number(m[2]) };
}

/** Nested IFs over the grade bands, highest first: IF(T>=90,"优",IF(T>=80,"良",…,"差")). */
function gradeExpression(ref: string, settings: EngineSettings): string {
  const bands = [...settings.gradeBands].sort((a, b) => b.min - a.min);
  let expr = `"${escapeText(settings.lowestGrade)}"`;
  for (let i = bands.length - 1; i >= 0; i--) {
    expr = `IF(${ref}>=${bands[i].min},"${escapeText(bands[i].label)}",${expr})`;
  }
  return expr;
}

/** "等级：优" keeps its label part ("等级：") in front of the computed grade. */
function labelPrefix(v: unknown): string {
  const s = typeof v === "string" ? v : "";
  const m = /^(\s*等\s*级\s*[:：]\s*)/.exec(s);
  return escapeText(m ? m[1] : "等级：");
}

function escapeText(s: string): string {
  return s.replace(/"/g, '""');
}

function isNumericCell(cell: Located): boolean {
  return typeof cell.value === "number" && !cell.formula?.includes("#");
}

/** Whether two formulas are the same text, ignoring whitespace, case and the leading "=". */
export function sameFormula(a: string | null, b: string): boolean {
  if (!a) return false;
  const norm = (s: string) => s.replace(/\s+/g, "").replace(/^=/, "").toUpperCase();
  return norm(a) === norm(b);
}

/** Units a converted amount or score may carry: the table's own (万元) or points. */
const CONVERTIBLE_UNITS = new Set([null, "万", "万元", "元", "分"]);

/**
 * Numbers typed as text in cells the arithmetic reads (amounts, 分值, 得分): each becomes a
 * numeric cell with the same number. Target/actual cells keep their text: their units carry meaning.
 */
export function planNumberConversions(table: AssessmentTable): CellWrite[] {
  const cells: Located[] = [];
  for (const r of table.funding?.rows ?? []) {
    for (const c of [r.initialBudget, r.budget, r.adjustedBudget, r.executed, r.weight, r.score])
      if (c) cells.push(c);
  }
  for (const r of table.indicators?.rows ?? []) {
    for (const c of [r.weight, r.score]) if (c) cells.push(c);
  }
  const out: CellWrite[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    if (typeof cell.value !== "string" || cell.formula || seen.has(cell.address)) continue;
    const p = parseNumber(cell.value, cell.numberFormat);
    if (p.kind !== "number" || p.value === null || p.percent || p.comparator) continue;
    if (!CONVERTIBLE_UNITS.has(p.unit as string | null)) continue;
    seen.add(cell.address);
    out.push({
      sheet: table.sheet,
      row: cell.row,
      col: cell.col,
      address: toA1(cell.row, cell.col),
      purpose: "convertNumber",
      value: p.value,
      before: { value: cell.value, formula: cell.formula, numberFormat: cell.numberFormat },
    });
  }
  return out;
}
