import type ExcelJS from "exceljs";
import { columnName, toA1 } from "../engine/grid/a1";
import type { CellValue } from "../engine/grid/snapshot";
import {
  cellFillHex,
  cellFormula,
  cellNote,
  cellNumberFormat,
  cellValue,
  MERGE_TYPE,
} from "../hosts/preview/cells";
import type { FormulaStatus } from "../hosts/preview/preview-host";
import { formatCellValue } from "./format";

/**
 * What the preview grid draws for one worksheet, taken from the ExcelJS sheet: the cells of the
 * used range (a window of it for very long sheets) with their shown text, formula, fill, note and
 * merge spans. Pure, so it is tested without a browser.
 */

export interface GridCellView {
  /** 0-based sheet coordinates. */
  row: number;
  col: number;
  address: string;
  value: CellValue;
  /** The text Excel would show (number format applied). */
  text: string;
  /** "=…" or null. */
  formula: string | null;
  /** How the value of a formula is known (ours and live, saved in the file, …); null without a formula or a status source. */
  formulaStatus: FormulaStatus | null;
  numberFormat: string | null;
  /** "#RRGGBB" or null. */
  fill: string | null;
  note: string | null;
  rowSpan: number;
  colSpan: number;
  bold: boolean;
  align: "left" | "center" | "right";
}

export interface SheetView {
  name: string;
  /** First and last sheet row drawn (0-based, inclusive). */
  firstRow: number;
  lastRow: number;
  /** Columns 0 … lastCol are drawn. */
  lastCol: number;
  columnNames: string[];
  /** Column widths in CSS pixels. */
  columnWidths: number[];
  /**
   * rows[i][c] is the cell at (firstRow + i, c): a view, or null where a merged area covers the
   * position and its top-left cell is drawn instead (spanning it).
   */
  rows: (GridCellView | null)[][];
  /** Rows the sheet uses in all (the window may show fewer). */
  usedRows: number;
}

export interface SheetViewOptions {
  /** A row to keep inside the window (the selection). */
  focusRow?: number;
  /** At most this many rows are drawn (default 1000). */
  maxRows?: number;
  /** At most this many columns are drawn (default 64). */
  maxCols?: number;
  date1904?: boolean;
  /** The status of the formula in a cell (by A1 address): PreviewHost.formulaStatus. */
  formulaStatus?: (address: string) => FormulaStatus | null;
}

interface InternalWorksheet {
  _merges?: Record<
    string,
    {
      top: number;
      left: number;
      bottom: number;
      right: number;
      model?: { top: number; left: number; bottom: number; right: number };
    }
  >;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The sheet's merged areas, 0-based. */
export function mergesOf(ws: ExcelJS.Worksheet): Merge[] {
  const merges = (ws as unknown as InternalWorksheet)._merges ?? {};
  const out: Merge[] = [];
  for (const key of Object.keys(merges)) {
    const m = merges[key].model ?? merges[key];
    out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  return out;
}

/** Excel's column width (characters of the default font) in pixels. */
function widthPx(width: number | undefined): number {
  const chars = width && width > 0 ? width : 8.43;
  return Math.max(24, Math.round(chars * 7 + 5));
}

export function sheetView(ws: ExcelJS.Worksheet, options: SheetViewOptions = {}): SheetView {
  const maxRows = options.maxRows ?? 1000;
  const maxCols = options.maxCols ?? 64;
  const date1904 = !!options.date1904;
  const merges = mergesOf(ws);

  let usedRows = ws.rowCount;
  let usedCols = ws.columnCount;
  for (const m of merges) {
    usedRows = Math.max(usedRows, m.bottom + 1);
    usedCols = Math.max(usedCols, m.right + 1);
  }
  // A little room to type into beyond the used range, as a spreadsheet has.
  const rowsShown = Math.max(usedRows + 2, 20, (options.focusRow ?? 0) + 3);
  const lastCol = Math.min(Math.max(usedCols, 8) + 1, maxCols) - 1;

  let firstRow = 0;
  let lastRow = rowsShown - 1;
  if (rowsShown > maxRows) {
    const focus = options.focusRow ?? 0;
    firstRow = Math.max(0, Math.min(focus - Math.floor(maxRows / 2), rowsShown - maxRows));
    lastRow = firstRow + maxRows - 1;
  }

  const masterOf = new Map<number, Merge>();
  for (const m of merges) {
    for (let r = Math.max(m.top, firstRow); r <= Math.min(m.bottom, lastRow); r++) {
      for (let c = m.left; c <= Math.min(m.right, lastCol); c++) masterOf.set(r * 16384 + c, m);
    }
  }

  const columnNames: string[] = [];
  const columnWidths: number[] = [];
  for (let c = 0; c <= lastCol; c++) {
    columnNames.push(columnName(c));
    columnWidths.push(widthPx(ws.getColumn(c + 1).width));
  }

  const rows: (GridCellView | null)[][] = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const line: (GridCellView | null)[] = [];
    const row = r < ws.rowCount ? ws.findRow(r + 1) : undefined;
    for (let c = 0; c <= lastCol; c++) {
      const m = masterOf.get(r * 16384 + c);
      // A merged area is drawn by its top-left cell, or by its first cell inside the window.
      const drawnAt = m ? { row: Math.max(m.top, firstRow), col: m.left } : null;
      if (m && drawnAt && (drawnAt.row !== r || drawnAt.col !== c)) {
        line.push(null);
        continue;
      }
      const source = m ? ws.findCell(m.top + 1, m.left + 1) : row?.findCell(c + 1);
      const view = cellView(source, r, c, date1904);
      if (m) {
        view.address = toA1(m.top, m.left);
        view.row = m.top;
        view.rowSpan = Math.min(m.bottom, lastRow) - Math.max(m.top, firstRow) + 1;
        view.colSpan = Math.min(m.right, lastCol) - m.left + 1;
      }
      if (view.formula && options.formulaStatus)
        view.formulaStatus = options.formulaStatus(view.address);
      line.push(view);
    }
    rows.push(line);
  }

  return { name: ws.name, firstRow, lastRow, lastCol, columnNames, columnWidths, rows, usedRows };
}

function cellView(
  cell: ExcelJS.Cell | undefined,
  row: number,
  col: number,
  date1904: boolean
): GridCellView {
  const address = toA1(row, col);
  if (!cell || cell.type === MERGE_TYPE) {
    return {
      row,
      col,
      address,
      value: null,
      text: "",
      formula: null,
      formulaStatus: null,
      numberFormat: null,
      fill: null,
      note: null,
      rowSpan: 1,
      colSpan: 1,
      bold: false,
      align: "left",
    };
  }
  const value = cellValue(cell, date1904);
  const numberFormat = cellNumberFormat(cell);
  const horizontal = cell.alignment?.horizontal;
  const align: GridCellView["align"] =
    horizontal === "center" || horizontal === "centerContinuous" || horizontal === "distributed"
      ? "center"
      : horizontal === "right"
        ? "right"
        : horizontal === "left" || horizontal === "justify" || horizontal === "fill"
          ? "left"
          : typeof value === "number"
            ? "right"
            : typeof value === "boolean"
              ? "center"
              : "left";
  return {
    row,
    col,
    address,
    value,
    text: formatCellValue(value, numberFormat),
    formula: cellFormula(cell),
    formulaStatus: null,
    numberFormat,
    fill: cellFillHex(cell),
    note: cellNote(cell),
    rowSpan: 1,
    colSpan: 1,
    bold: !!cell.font?.bold,
    align,
  };
}

/** What the tooltip says about each formula status (PreviewStrings carries them). */
export type FormulaStatusWords = Readonly<Record<FormulaStatus, string>>;

/** The tooltip of a cell: its formula (with how its value is known, given the words) and its note. */
export function cellTitle(
  cell: Pick<GridCellView, "formula" | "note"> & Partial<Pick<GridCellView, "formulaStatus">>,
  words?: FormulaStatusWords
): string | undefined {
  const parts: string[] = [];
  if (cell.formula) {
    const status = cell.formulaStatus && words ? words[cell.formulaStatus] : null;
    parts.push(status ? `${cell.formula}\n${status}` : cell.formula);
  }
  if (cell.note) parts.push(cell.note);
  return parts.length ? parts.join("\n\n") : undefined;
}
