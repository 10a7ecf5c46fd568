/**
 * `fill` on a legacy workbook (.xls, WPS .et as BIFF8): the input is read with the legacy reader
 * and rebuilt as a fresh .xlsx (ExcelJS) holding its values, formulas with their cached results,
 * number formats, merges and the "_selfeval" state; that workbook then goes through the normal
 * fill, and the output is a new .xlsx. Formatting (fonts, fills, borders, widths) is not carried
 * over: the legacy reader is asked for none of it (see read-legacy.ts), and the CLI says so.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import type { CellValue, GridSnapshot } from "../../engine/grid/snapshot";
import { STATE_SHEET_NAME } from "../exceljs/snapshot";
import { isOle2, LegacyRead, readLegacyWorkbookFile } from "./read-legacy";

const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);

function cellValue(v: CellValue, formula: string | null): ExcelJS.CellValue {
  if (formula) {
    const result =
      typeof v === "string" && ERRORS.has(v)
        ? ({ error: v } as ExcelJS.CellErrorValue)
        : (v ?? undefined);
    return { formula: formula.slice(1), result } as ExcelJS.CellFormulaValue;
  }
  return v;
}

function addSnapshot(wb: ExcelJS.Workbook, snap: GridSnapshot): void {
  const ws = wb.addWorksheet(snap.sheetName);
  const { row: top, col: left } = snap.origin;
  let bottom = top - 1;
  let right = left - 1;
  snap.values.forEach((row, r) => {
    row.forEach((v, c) => {
      const f = snap.formulas?.[r]?.[c] ?? null;
      const z = snap.numberFormats?.[r]?.[c] ?? null;
      if (v === null && !f && !z) return;
      const cell = ws.getCell(top + r + 1, left + c + 1);
      cell.value = cellValue(v, f);
      if (z) cell.numFmt = z;
      bottom = Math.max(bottom, top + r);
      right = Math.max(right, left + c);
    });
  });
  // Merges are clipped to the cells the sheet uses: the part beyond holds nothing, and a merge
  // over a whole column would otherwise make ExcelJS create every cell it covers.
  for (const m of snap.merges) {
    const t = Math.max(m.top, top);
    const l = Math.max(m.left, left);
    const b = Math.min(m.bottom, bottom);
    const rr = Math.min(m.right, right);
    if (b < t || rr < l || (b === t && rr === l)) continue;
    ws.mergeCells(t + 1, l + 1, b + 1, rr + 1);
  }
}

/** A legacy read as a new ExcelJS workbook. */
export function workbookFromLegacy(read: LegacyRead): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const snap of read.snapshots) addSnapshot(wb, snap);
  if (read.stateColumn) {
    const ws = wb.addWorksheet(STATE_SHEET_NAME, { state: "veryHidden" });
    read.stateColumn.forEach((v, i) => {
      if (v !== null) ws.getCell(i + 1, 1).value = v;
    });
  }
  return wb;
}

export interface ConvertedLegacy {
  /** The temporary .xlsx (same base name as the input). */
  path: string;
  /** Removes the temporary file and its folder. */
  dispose(): Promise<void>;
}

/**
 * When `file` is a legacy (OLE2) workbook: its conversion to a temporary .xlsx, else null.
 * Unreadable legacy files throw the reader's WorkbookReadError.
 */
export async function legacyAsXlsx(file: string): Promise<ConvertedLegacy | null> {
  let head = new Uint8Array(0);
  try {
    const fh = await fs.open(file, "r");
    try {
      head = new Uint8Array(8);
      const { bytesRead } = await fh.read(head, 0, 8, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return null; // the normal read reports a missing or unreadable file
  }
  if (!isOle2(head)) return null;
  const wb = workbookFromLegacy(await readLegacyWorkbookFile(file));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-legacy-"));
  const out = path.join(dir, `${path.basename(file, path.extname(file))}.xlsx`);
  const dispose = () => fs.rm(dir, { recursive: true, force: true });
  try {
    await wb.xlsx.writeFile(out);
  } catch (e) {
    await dispose();
    throw e;
  }
  return { path: out, dispose };
}
