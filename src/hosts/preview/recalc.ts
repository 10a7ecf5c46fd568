import ExcelJS from "exceljs";
import { HyperFormula, RawCellContent } from "hyperformula";
import { dateToSerial, FORMULA_TYPE, MERGE_TYPE } from "./cells";

/**
 * Nothing recalculates an ExcelJS workbook, and the preview must show what the formulas it writes
 * compute: HyperFormula mirrors the workbook and, after each change, the formula cells whose value
 * changed get the new value as their cached result (what Excel would store). Formula results the
 * file brought are left alone until something they depend on changes.
 */

/** Excel's error values; HyperFormula's own (#CYCLE!, #ERROR!, #LIC! …) are stored as #VALUE!. */
const EXCEL_ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#SPILL!",
  "#CALC!",
]);

export interface CellRef {
  sheet: string;
  row: number; // 0-based
  col: number; // 0-based
}

const key = (sheet: string, row: number, col: number) => `${sheet}\u0000${row}\u0000${col}`;

/** What HyperFormula should see for a cell: "=formula", a constant, or null. Text never turns into a number. */
function contentOf(cell: ExcelJS.Cell | undefined, date1904: boolean): RawCellContent {
  if (!cell || cell.type === MERGE_TYPE) return null;
  if (cell.type === FORMULA_TYPE) {
    const f = cell.formula;
    return f ? (f.startsWith("=") ? f : `=${f}`) : null;
  }
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return `'${v}`;
  if (v instanceof Date) return dateToSerial(v, date1904);
  const o = v as { richText?: { text?: string }[]; error?: string; text?: unknown };
  if (Array.isArray(o.richText)) return `'${o.richText.map((r) => r.text ?? "").join("")}`;
  if (typeof o.error === "string") return o.error;
  if (typeof o.text === "string") return `'${o.text}`;
  return null;
}

export class Recalculator {
  /** undefined: not built yet; null: HyperFormula could not take this workbook (values then stay as they are). */
  private hf: HyperFormula | null | undefined;

  constructor(
    private readonly wb: ExcelJS.Workbook,
    private readonly include: (ws: ExcelJS.Worksheet) => boolean,
    private readonly date1904 = false
  ) {}

  private engine(): HyperFormula | null {
    if (this.hf !== undefined) return this.hf;
    try {
      const sheets: Record<string, RawCellContent[][]> = {};
      for (const ws of this.wb.worksheets) {
        if (!this.include(ws)) continue;
        const rows: RawCellContent[][] = [];
        ws.eachRow({ includeEmpty: false }, (row, r) => {
          const cells: RawCellContent[] = [];
          row.eachCell({ includeEmpty: false }, (cell, c) => {
            cells[c - 1] = contentOf(cell, this.date1904);
          });
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          rows[r - 1] = cells;
        });
        for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
        sheets[ws.name] = rows;
      }
      this.hf = HyperFormula.buildFromSheets(sheets, {
        licenseKey: "gpl-v3",
        evaluateNullToZero: true,
      });
    } catch (e) {
      console.warn("selfeval preview: formulas will not be recalculated:", e);
      this.hf = null;
    }
    return this.hf;
  }

  /**
   * Tells the engine what the given cells now hold and stores the recomputed value of every formula
   * cell that changed as a result — except the cells in `keep`, whose cached result was just put back
   * exactly (an undo). Returns the cells whose cached result was updated.
   */
  update(cells: readonly CellRef[], keep: readonly CellRef[] = []): CellRef[] {
    const hf = this.engine();
    if (!hf || cells.length === 0) return [];
    const kept = new Set(keep.map((c) => key(c.sheet, c.row, c.col)));
    let changes: ReturnType<HyperFormula["setCellContents"]>;
    try {
      changes = hf.batch(() => {
        for (const c of cells) {
          const sheetId = hf.getSheetId(c.sheet);
          if (sheetId === undefined) continue;
          const ws = this.wb.getWorksheet(c.sheet);
          const cell = ws?.findCell(c.row + 1, c.col + 1);
          hf.setCellContents({ sheet: sheetId, row: c.row, col: c.col }, [
            [contentOf(cell, this.date1904)],
          ]);
        }
      });
    } catch (e) {
      console.warn("selfeval preview: recalculation failed:", e);
      return [];
    }
    const updated: CellRef[] = [];
    for (const change of changes) {
      if (
        !("address" in change) ||
        !change.address ||
        typeof (change.address as { row?: unknown }).row !== "number"
      )
        continue;
      const {
        sheet: sheetId,
        row,
        col,
      } = change.address as { sheet: number; row: number; col: number };
      const sheet = hf.getSheetName(sheetId);
      if (sheet === undefined || kept.has(key(sheet, row, col))) continue;
      const cell = this.wb.getWorksheet(sheet)?.findCell(row + 1, col + 1);
      if (!cell || cell.type !== FORMULA_TYPE) continue;
      const model = (cell as unknown as { _value: { model: { result?: unknown } } })._value.model;
      model.result = toResult(change.newValue);
      updated.push({ sheet, row, col });
    }
    return updated;
  }

  destroy(): void {
    if (this.hf) this.hf.destroy();
    this.hf = null;
  }
}

function toResult(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  const err = (v as { value?: unknown }).value;
  if (typeof err === "string") return { error: EXCEL_ERRORS.has(err) ? err : "#VALUE!" };
  return undefined;
}
