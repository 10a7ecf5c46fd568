import type ExcelJS from "exceljs";
import { CellWrite, Highlight, WritePlan } from "../../engine/fill/plan-types";

/**
 * The ExcelJS host's write side: applies a WritePlan to a loaded workbook. Only the cells the
 * plan names are touched; formulas go in with the result the plan computed as their cached value, and the
 * workbook is marked for a full recalculation on open, so Excel computes them itself.
 */

export type Lang = "zh" | "en";

export interface ApplyOptions {
  /** Language of the notes attached to highlighted cells (default zh). */
  lang?: Lang;
}

export interface SkippedCell {
  sheet: string;
  address: string;
  reason_zh: string;
  reason_en: string;
}

export interface ApplyResult {
  written: CellWrite[];
  highlighted: Highlight[];
  skipped: SkippedCell[];
}

const MERGE_TYPE = 1; // ExcelJS.ValueType.Merge
const FORMULA_TYPE = 6; // ExcelJS.ValueType.Formula

interface FormulaModel {
  formula?: string;
  sharedFormula?: string;
  shareType?: string;
  ref?: string;
  result?: unknown;
}

function noteText(h: Highlight, lang: Lang): string {
  return lang === "en" ? h.note_en : h.note_zh;
}

/** The plain text of a cell note as ExcelJS returns it (a string, or { texts: [{ text }] }). */
export function cellNoteText(cell: ExcelJS.Cell): string {
  const n = cell.note as unknown;
  if (!n) return "";
  if (typeof n === "string") return n;
  const texts = (n as { texts?: { text?: string }[] }).texts;
  return Array.isArray(texts) ? texts.map((t) => t.text ?? "").join("") : "";
}

function solidFillArgb(cell: ExcelJS.Cell): string | null {
  const fill = cell.style?.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  return fill.fgColor?.argb ?? null;
}

/** True when the cell already carries this highlight (same fill colour and the note text), so applying it changes nothing. */
export function isHighlightApplied(wb: ExcelJS.Workbook, h: Highlight, lang: Lang = "zh"): boolean {
  const ws = wb.getWorksheet(h.sheet);
  if (!ws) return false;
  const cell = ws.getCell(h.row + 1, h.col + 1);
  const argb = solidFillArgb(cell);
  return (
    !!argb &&
    argb.toUpperCase() === h.fillArgb.toUpperCase() &&
    cellNoteText(cell).includes(noteText(h, lang))
  );
}

/**
 * A shared formula's master is about to be overwritten: the cells that borrow its formula get
 * their own (translated) copy first, so they keep computing what they computed before.
 */
function detachSharedFormulaDependents(ws: ExcelJS.Worksheet, master: ExcelJS.Cell): void {
  const masterModel = (master as unknown as { _value: { model: FormulaModel } })._value.model;
  if (masterModel.shareType !== "shared" || !masterModel.ref) return;
  const address = master.address;
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.type !== FORMULA_TYPE || cell === master) return;
      const model = (cell as unknown as { _value: { model: FormulaModel } })._value.model;
      if (model.sharedFormula !== address) return;
      const formula = cell.formula; // translated from the master while it is still there
      const result = model.result;
      cell.value =
        result === undefined
          ? ({ formula } as ExcelJS.CellFormulaValue)
          : ({ formula, result } as ExcelJS.CellFormulaValue);
    });
  });
}

function targetCell(
  wb: ExcelJS.Workbook,
  sheet: string,
  row: number,
  col: number
): { ws: ExcelJS.Worksheet; cell: ExcelJS.Cell } | null {
  const ws = wb.getWorksheet(sheet);
  if (!ws) return null;
  return { ws, cell: ws.getCell(row + 1, col + 1) };
}

export function applyPlan(
  wb: ExcelJS.Workbook,
  plan: WritePlan,
  options: ApplyOptions = {}
): ApplyResult {
  const lang = options.lang ?? "zh";
  const result: ApplyResult = { written: [], highlighted: [], skipped: [] };

  for (const w of plan.writes) {
    const t = targetCell(wb, w.sheet, w.row, w.col);
    if (!t) {
      result.skipped.push({
        sheet: w.sheet,
        address: w.address,
        reason_zh: "工作表不存在",
        reason_en: "no such sheet",
      });
      continue;
    }
    const { ws, cell } = t;
    if (cell.type === MERGE_TYPE) {
      // Writing to a covered cell of a merge would write its top-left cell instead.
      result.skipped.push({
        sheet: w.sheet,
        address: w.address,
        reason_zh: "单元格位于合并区域内（非左上角）",
        reason_en: "the cell is inside a merged area (not its top-left cell)",
      });
      continue;
    }
    if (cell.type === FORMULA_TYPE) detachSharedFormulaDependents(ws, cell);
    if (w.formula !== undefined) {
      const formula = w.formula.startsWith("=") ? w.formula.slice(1) : w.formula;
      // The plan's result is cached so tools that do not recalculate (and our own check) read the
      // right value; Excel recomputes it on open anyway (fullCalcOnLoad below).
      cell.value = (
        w.result === undefined ? { formula } : { formula, result: w.result }
      ) as ExcelJS.CellFormulaValue;
    } else if (w.value !== undefined) {
      cell.value = w.value;
    }
    if (w.numberFormat !== undefined) {
      // Styles loaded from a file are shared between cells: replace, never mutate.
      cell.style = { ...cell.style, numFmt: w.numberFormat };
    }
    result.written.push(w);
  }

  for (const h of plan.highlights) {
    const t = targetCell(wb, h.sheet, h.row, h.col);
    if (!t) {
      result.skipped.push({
        sheet: h.sheet,
        address: h.address,
        reason_zh: "工作表不存在",
        reason_en: "no such sheet",
      });
      continue;
    }
    const { cell } = t;
    if (cell.type === MERGE_TYPE) {
      result.skipped.push({
        sheet: h.sheet,
        address: h.address,
        reason_zh: "单元格位于合并区域内（非左上角）",
        reason_en: "the cell is inside a merged area (not its top-left cell)",
      });
      continue;
    }
    if (isHighlightApplied(wb, h, lang)) continue;
    cell.style = {
      ...cell.style,
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: h.fillArgb } },
    };
    const text = noteText(h, lang);
    const existing = cellNoteText(cell);
    if (!existing.includes(text)) cell.note = existing ? `${existing}\n\n${text}` : text;
    result.highlighted.push(h);
  }

  // New formulas have no cached result, and changed values change other formulas' results.
  if (result.written.length > 0) {
    wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  }
  return result;
}
