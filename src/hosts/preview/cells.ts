import ExcelJS from "exceljs";
import { CellValue } from "../../engine/grid/snapshot";
import { CellBefore } from "../../engine/state/schema";
import { cellNoteText } from "../exceljs/apply-plan";
import { plainValue } from "../exceljs/snapshot";

/**
 * How one ExcelJS cell looks in the terms of the journal (value, formula, number format, fill,
 * note), and putting a journalled look back. Shared by the preview host and its grid view.
 */

export const MERGE_TYPE = 1; // ExcelJS.ValueType.Merge
export const FORMULA_TYPE = 6; // ExcelJS.ValueType.Formula

/**
 * An ExcelJS cell by A1 address or 1-based row and column, created when missing. (A plain helper
 * rather than ws.getCell at each call site: the Office.js lint rules take any `getCell` result for
 * an Office.js proxy that needs load() and sync().)
 */
export function cellAt(
  ws: ExcelJS.Worksheet,
  addressOrRow: string | number,
  col?: number
): ExcelJS.Cell {
  return typeof addressOrRow === "string"
    ? ws.getCell(addressOrRow)
    : ws.getCell(addressOrRow, col!);
}

// One reading of ExcelJS values for every host built on it.
export { dateToSerial, plainValue } from "../exceljs/snapshot";

/** A formula cell's model: its cached result is `result` (shared formulas keep their link to the master). */
export function formulaModel(cell: ExcelJS.Cell): { result?: unknown } {
  return (cell as unknown as { _value: { model: { result?: unknown } } })._value.model;
}

/**
 * The value a cell shows: its constant, or its formula's cached result (read from the model:
 * ExcelJS's `cell.value` leaves out a result of 0 or "").
 */
export function cellValue(cell: ExcelJS.Cell, date1904 = false): CellValue {
  if (cell.type === MERGE_TYPE) return null;
  if (cell.type === FORMULA_TYPE) return plainValue(formulaModel(cell).result, date1904);
  return plainValue(cell.value, date1904);
}

/** The cell's formula with its leading "=", or null (shared formulas resolved from their master). */
export function cellFormula(cell: ExcelJS.Cell): string | null {
  if (cell.type !== FORMULA_TYPE) return null;
  const f = cell.formula;
  if (!f) return null;
  return f.startsWith("=") ? f : `=${f}`;
}

export function cellNumberFormat(cell: ExcelJS.Cell): string | null {
  return cell.style?.numFmt ?? null;
}

/** A solid fill's colour as "#RRGGBB"; null for no fill (or one without an RGB colour, like a theme colour). */
export function cellFillHex(cell: ExcelJS.Cell): string | null {
  const fill = cell.style?.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  const argb = fill.fgColor?.argb;
  if (!argb || !/^[0-9A-Fa-f]{6,8}$/.test(argb)) return null;
  return `#${argb.slice(-6).toUpperCase()}`;
}

export function cellNote(cell: ExcelJS.Cell): string | null {
  const text = cellNoteText(cell);
  return text === "" ? null : text;
}

/** What the journal records about a cell before it is written. */
export function captureCell(sheet: string, cell: ExcelJS.Cell, date1904 = false): CellBefore {
  return {
    sheet,
    address: cell.address,
    value: cellValue(cell, date1904),
    formula: cellFormula(cell),
    numberFormat: cellNumberFormat(cell),
    fill: cellFillHex(cell),
    note: cellNote(cell),
  };
}

/** Replaces a cell's style (styles loaded from a file are shared between cells: never mutate one). */
function restyle(cell: ExcelJS.Cell, change: (style: Partial<ExcelJS.Style>) => void): void {
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  change(style);
  cell.style = style;
}

export function setFill(cell: ExcelJS.Cell, hex: string | null): void {
  restyle(cell, (s) => {
    if (hex === null) delete s.fill;
    else
      s.fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: { argb: `FF${hex.replace(/^#/, "").toUpperCase()}` },
      };
  });
}

export function setNote(cell: ExcelJS.Cell, note: string | null): void {
  if (note === null) (cell as unknown as { _comment?: unknown })._comment = undefined;
  else cell.note = note;
}

export interface RestoreResult {
  /** The value or formula was put back (formulas may need recomputing). */
  contentChanged: boolean;
}

/**
 * Puts a cell back the way the journal recorded it. Only what differs is touched, so whatever the
 * journal cannot express (rich-text runs, a theme fill, a note's shape) survives when it was never
 * changed. With `content: false` only the fill and the note are put back (value, formula and
 * number format are left as they are).
 */
export function restoreCell(
  cell: ExcelJS.Cell,
  before: CellBefore,
  date1904 = false,
  options: { content?: boolean } = {}
): RestoreResult {
  let contentChanged = false;
  const content = options.content ?? true;
  if (
    content &&
    (cellFormula(cell) !== before.formula || !Object.is(cellValue(cell, date1904), before.value))
  ) {
    if (before.formula) {
      const formula = before.formula.slice(1);
      cell.value = (
        before.value === null ? { formula } : { formula, result: before.value }
      ) as ExcelJS.CellFormulaValue;
    } else {
      cell.value = before.value;
    }
    contentChanged = true;
  }
  if (content && cellNumberFormat(cell) !== before.numberFormat) {
    restyle(cell, (s) => {
      if (before.numberFormat === null) delete s.numFmt;
      else s.numFmt = before.numberFormat;
    });
  }
  if (cellFillHex(cell) !== before.fill) setFill(cell, before.fill);
  if (cellNote(cell) !== before.note) setNote(cell, before.note);
  return { contentChanged };
}
