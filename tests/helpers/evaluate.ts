/**
 * Test helper: loads an .xlsx with ExcelJS and evaluates it with HyperFormula, so tests can check
 * that the formulas `fill` writes compute the right numbers (ExcelJS itself computes nothing).
 */
import ExcelJS from "exceljs";
import { HyperFormula, RawCellContent } from "hyperformula";
import { parseA1 } from "../../src/engine/grid/a1";

export type Evaluated = number | string | boolean | null;

export interface EvaluatedWorkbook {
  /** The computed value at an A1 address ("H8"); an error value comes back as its text ("#DIV/0!"). */
  valueAt(sheet: string, address: string): Evaluated;
  sheetNames: string[];
  destroy(): void;
}

function plain(v: unknown): RawCellContent {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  const o = v as {
    richText?: { text: string }[];
    error?: string;
    text?: unknown;
    formula?: string;
    sharedFormula?: string;
    result?: unknown;
  };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
  if (typeof o.error === "string") return o.error;
  if (o.text !== undefined) return plain(o.text);
  return null;
}

/** Sheet values for HyperFormula: constants as they are, formula cells as "=…" (shared formulas resolved). */
export function sheetsOf(wb: ExcelJS.Workbook): Record<string, RawCellContent[][]> {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: RawCellContent[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: RawCellContent[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        if (cell.type === ExcelJS.ValueType.Formula) {
          cells[colNumber - 1] = `=${cell.formula}`;
        } else {
          cells[colNumber - 1] = plain(cell.value);
        }
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
    sheets[ws.name] = rows;
  }
  return sheets;
}

export function evaluateWorkbook(wb: ExcelJS.Workbook): EvaluatedWorkbook {
  const hf = HyperFormula.buildFromSheets(sheetsOf(wb), {
    licenseKey: "gpl-v3",
    smartRounding: false,
  });
  return {
    sheetNames: wb.worksheets.map((w) => w.name),
    valueAt(sheet: string, address: string): Evaluated {
      const id = hf.getSheetId(sheet);
      if (id === undefined) throw new Error(`no sheet ${sheet}`);
      const { row, col } = parseA1(address);
      const v = hf.getCellValue({ sheet: id, row, col });
      if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean")
        return v;
      return (v as { value: string }).value; // DetailedCellError
    },
    destroy: () => hf.destroy(),
  };
}

/** Loads and evaluates a file. */
export async function evaluateFile(path: string): Promise<EvaluatedWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return evaluateWorkbook(wb);
}
