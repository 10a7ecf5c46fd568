/**
 * Legacy workbooks: Excel 97–2003 .xls and WPS .et saved as BIFF8, read into the engine's
 * GridSnapshots (cached formula results as values, formulas with "=", number formats, merges).
 *
 * The reader is SheetJS Community Edition 0.20.3 as republished on the npm registry by
 * @e965/xlsx (the `xlsx` name on npm is frozen at 0.18.5, which has known advisories; 0.20.3
 * fixed them — see the README). It runs on other people's files, so:
 *   - a file over LEGACY_MAX_BYTES is refused before it is parsed;
 *   - the parser is asked for no styles, no HTML, no formatted text, no VBA, no dates objects;
 *   - the cells kept are counted, and a workbook over LEGACY_MAX_CELLS is refused.
 * An OLE2 container that holds no BIFF workbook stream is named for what it is: an encrypted
 * .xlsx, or (for .et) WPS's own format, with the advice to save it as .xlsx.
 */
import { promises as fs } from "fs";
import * as path from "path";
import * as XLSX from "@e965/xlsx";
import type { CellValue, GridSnapshot } from "../../engine/grid/snapshot";
import type { RangePos } from "../../engine/grid/a1";
import { oneLine, STATE_SHEET_NAME, WorkbookReadError } from "../exceljs/snapshot";
import { columnAOf } from "../exceljs/xlsx-fast";

/** Real .xls submissions are well under a few MB; BIFF needs ~10 bytes per cell at least. */
export const LEGACY_MAX_BYTES = 32 * 1024 * 1024;
/** Cells kept over the whole workbook. */
export const LEGACY_MAX_CELLS = 2_000_000;

export { isOle2 } from "./ole2";

/** BIFF error codes → the text a spreadsheet shows (what the .xlsx readers give the engine). */
const BIFF_ERRORS: Record<number, string> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

export interface LegacyRead {
  snapshots: GridSnapshot[];
  /** Column A of the "_selfeval" state sheet (for decodeState); null when there is none. */
  stateColumn: CellValue[] | null;
}

export interface LegacyOptions {
  /** Only this sheet (exact name). */
  sheet?: string;
}

function legacyError(zh: string, en: string): WorkbookReadError {
  return new WorkbookReadError("unreadable", zh, en);
}

/** The streams of an OLE2 container, to say what a file without a workbook stream is. */
function streamNames(data: Uint8Array): string[] {
  try {
    const cfb = XLSX.CFB.read(data, { type: "buffer" }) as { FullPaths?: string[] };
    return (cfb.FullPaths ?? []).map((p) => p.replace(/\/$/, "").split("/").pop() ?? "");
  } catch {
    return [];
  }
}

function notBiff(data: Uint8Array, file: string): WorkbookReadError {
  const names = streamNames(data).map((n) => n.toLowerCase());
  if (names.includes("encryptioninfo") || names.includes("encryptedpackage"))
    return new WorkbookReadError(
      "legacyOrEncrypted",
      "工作簿已加密（设有打开密码），请在 Excel 中取消密码后另存为 .xlsx",
      "the workbook is encrypted (it has an open password); remove the password in Excel and save it as .xlsx"
    );
  if (path.extname(file).toLowerCase() === ".et")
    return legacyError(
      "这是 WPS 表格自有格式的 .et 文件，无法读取；请在 WPS 中“另存为” .xlsx 后再检查",
      "this .et file is in WPS Spreadsheets' own format, which cannot be read; in WPS use 另存为 (Save As) .xlsx and check that"
    );
  return legacyError(
    "不是可读取的 Excel 97–2003 工作簿（没有 BIFF8 工作簿数据）；请另存为 .xlsx",
    "not a readable Excel 97–2003 workbook (no BIFF8 workbook stream); save it as .xlsx"
  );
}

function valueOf(cell: XLSX.CellObject): CellValue {
  switch (cell.t) {
    case "n":
      return typeof cell.v === "number" && Number.isFinite(cell.v) ? cell.v : null;
    case "s":
      return typeof cell.v === "string" ? cell.v : null;
    case "b":
      return Boolean(cell.v);
    case "e":
      return BIFF_ERRORS[Number(cell.v)] ?? "#VALUE!";
    case "d":
      // cellDates is off, so dates arrive as serial numbers; keep this for safety.
      return cell.v instanceof Date ? null : typeof cell.v === "number" ? cell.v : null;
    default:
      return null;
  }
}

/** One worksheet (dense mode) → a snapshot from its first used row/column to its last. */
function snapshotOf(name: string, ws: XLSX.WorkSheet, budget: { cells: number }): GridSnapshot {
  const rows = ((ws as { "!data"?: (XLSX.CellObject | undefined)[][] })["!data"] ?? []) as (
    (XLSX.CellObject | undefined)[] | undefined
  )[];
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || (cell.t === "z" && !cell.f)) continue;
      if (--budget.cells < 0)
        throw legacyError(
          `单元格超过 ${LEGACY_MAX_CELLS} 个，超出读取上限`,
          `more than ${LEGACY_MAX_CELLS} cells, over the reading limit`
        );
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
  }
  const merges: RangePos[] = (ws["!merges"] ?? []).map((m) => ({
    top: m.s.r,
    left: m.s.c,
    bottom: m.e.r,
    right: m.e.c,
  }));
  if (bottom < 0) return { sheetName: name, origin: { row: 0, col: 0 }, values: [], merges };
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row = rows[r];
    const v: CellValue[] = [];
    const f: (string | null)[] = [];
    const z: (string | null)[] = [];
    if (row) {
      for (let c = left; c <= right && c < row.length; c++) {
        const cell = row[c];
        if (!cell) {
          v.push(null);
          f.push(null);
          z.push(null);
          continue;
        }
        v.push(valueOf(cell));
        f.push(cell.f ? `=${cell.f}` : null);
        z.push(typeof cell.z === "string" && cell.z !== "General" ? cell.z : null);
      }
    }
    values.push(v);
    formulas.push(f);
    numberFormats.push(z);
  }
  return {
    sheetName: name,
    origin: { row: top, col: left },
    values,
    formulas,
    numberFormats,
    merges,
  };
}

/** Parses legacy workbook bytes (the caller has checked they are an OLE2 file within the cap). */
export function readLegacyBuffer(
  data: Uint8Array,
  file: string,
  opts: LegacyOptions = {}
): LegacyRead {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(data, {
      type: "buffer",
      dense: true,
      cellFormula: true,
      cellNF: true,
      cellHTML: false,
      cellText: false,
      cellStyles: false,
      cellDates: false,
      sheetStubs: false,
      bookVBA: false,
      bookFiles: false,
      bookDeps: false,
      WTF: false,
    });
  } catch (e) {
    const msg = oneLine(e);
    if (/workbook|find.*stream|unsupported|zip|password|encrypt/i.test(msg))
      throw notBiff(data, file);
    throw legacyError(`无法读取旧版工作簿（${msg}）`, `cannot read the legacy workbook (${msg})`);
  }
  if (!wb.SheetNames || wb.SheetNames.length === 0) throw notBiff(data, file);

  const budget = { cells: LEGACY_MAX_CELLS };
  const snapshots: GridSnapshot[] = [];
  let stateColumn: CellValue[] | null = null;
  if (opts.sheet !== undefined && !wb.SheetNames.includes(opts.sheet))
    throw new WorkbookReadError(
      "noSuchSheet",
      `没有名为“${opts.sheet}”的工作表`,
      `no sheet named "${opts.sheet}"`
    );
  wb.SheetNames.forEach((name) => {
    const ws = wb.Sheets[name];
    // Chart sheets and macro sheets hold no table.
    if (!ws || (ws as { "!type"?: string })["!type"] === "chart") return;
    if (name === STATE_SHEET_NAME) {
      const snap = snapshotOf(name, ws, budget);
      stateColumn = columnAOf(snap);
      return;
    }
    if (opts.sheet !== undefined && name !== opts.sheet) return;
    snapshots.push(snapshotOf(name, ws, budget));
  });
  return { snapshots, stateColumn };
}

/** Reads a legacy workbook file, refusing one over the size cap before parsing it. */
export async function readLegacyWorkbookFile(
  file: string,
  opts: LegacyOptions = {}
): Promise<LegacyRead> {
  let data: Buffer;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new WorkbookReadError("notAFile", "不是文件", "not a file");
    if (st.size > LEGACY_MAX_BYTES)
      throw legacyError(
        `文件大小 ${Math.round(st.size / 1048576)} MB，超过旧版工作簿的读取上限 ${LEGACY_MAX_BYTES / 1048576} MB`,
        `the file is ${Math.round(st.size / 1048576)} MB, over the ${LEGACY_MAX_BYTES / 1048576} MB limit for legacy workbooks`
      );
    data = await fs.readFile(file);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new WorkbookReadError("notFound", "文件不存在", "file not found");
    throw legacyError(`无法读取文件（${oneLine(e)}）`, `cannot read the file (${oneLine(e)})`);
  }
  return readLegacyBuffer(data, file, opts);
}
