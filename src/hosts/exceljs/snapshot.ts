import type ExcelJS from "exceljs";
import { RangePos } from "../../engine/grid/a1";
import { CellValue, GridSnapshot } from "../../engine/grid/snapshot";

/**
 * The file-system-free part of the ExcelJS host's reader (it runs in Node and in the browser
 * preview): workbook bytes → ExcelJS workbook, and an ExcelJS worksheet → GridSnapshot.
 * read-workbook.ts adds reading from a file path and re-exports everything here.
 *
 * Speed matters (a 500-table workbook must check in little more than ExcelJS's own load time), so
 * the snapshot is built in one pass over ExcelJS's row and cell arrays, reading each cell's
 * internal value model instead of the public getters (which copy objects for formulas and
 * hyperlinks), and only non-empty cells are visited.
 */

/** ExcelJS, loaded on first use: `check` reads with xlsx-fast.ts and usually never needs it. */
let excelJsLib: typeof import("exceljs") | null = null;
function exceljs(): typeof import("exceljs") {
  excelJsLib ??= require("exceljs") as typeof import("exceljs");
  return excelJsLib;
}

/** Our own state sheet: never analysed. */
export const STATE_SHEET_NAME = "_selfeval";

export type WorkbookReadErrorKind =
  | "notFound"
  | "notAFile"
  | "notZip"
  | "legacyOrEncrypted"
  | "notWorkbook"
  | "noSuchSheet"
  | "overLimit"
  | "unreadable";

/** A file that cannot be read as a workbook, with a one-line reason in both languages. */
export class WorkbookReadError extends Error {
  readonly kind: WorkbookReadErrorKind;
  readonly reason_zh: string;
  readonly reason_en: string;

  constructor(kind: WorkbookReadErrorKind, reason_zh: string, reason_en: string) {
    super(reason_zh);
    this.name = "WorkbookReadError";
    this.kind = kind;
    this.reason_zh = reason_zh;
    this.reason_en = reason_en;
  }

  reason(lang: "zh" | "en"): string {
    return lang === "en" ? this.reason_en : this.reason_zh;
  }
}

/** First line of an error message, trimmed to a reasonable length. */
export function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = (msg.split(/\r?\n/).find((l) => l.trim() !== "") ?? "").trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

export interface LoadOptions {
  /**
   * Skip worksheet parts the analysis never reads (data validations, conditional formats, page
   * setup …). Only for reading: a workbook loaded this way must not be written back.
   */
  readOnly?: boolean;
}

/** Worksheet XML nodes the analysis does not need; ExcelJS skips them when asked. */
const READ_ONLY_IGNORED_NODES = [
  "dataValidations",
  "conditionalFormatting",
  "extLst",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "printOptions",
  "rowBreaks",
  "sheetProtection",
  "autoFilter",
  "picture",
  "drawing",
  "tableParts",
  "hyperlinks",
];

/** The first bytes tell a zip from a lock file, a legacy .xls or an encrypted workbook. */
export function checkSignature(data: Uint8Array): void {
  // OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password.
  if (
    data.length >= 4 &&
    data[0] === 0xd0 &&
    data[1] === 0xcf &&
    data[2] === 0x11 &&
    data[3] === 0xe0
  ) {
    throw new WorkbookReadError(
      "legacyOrEncrypted",
      "不是有效的 .xlsx 文件（旧版 .xls 或已加密的工作簿，请在 Excel 中另存为未加密的 .xlsx）",
      "not a valid .xlsx file (a legacy .xls or a password-protected workbook; save it as an unencrypted .xlsx in Excel)"
    );
  }
  // Every zip starts with a local file header "PK\x03\x04" (or an empty archive's "PK\x05\x06").
  if (
    data.length < 4 ||
    data[0] !== 0x50 ||
    data[1] !== 0x4b ||
    !((data[2] === 3 && data[3] === 4) || (data[2] === 5 && data[3] === 6))
  ) {
    throw new WorkbookReadError(
      "notZip",
      "不是有效的 .xlsx 文件（无法解压）",
      "not a valid .xlsx file (cannot unzip)"
    );
  }
}

export async function loadWorkbookBuffer(
  data: Uint8Array,
  options: LoadOptions = {}
): Promise<ExcelJS.Workbook> {
  checkSignature(data);
  const wb = new (exceljs().Workbook)();
  patchXlsxReader(wb, !!options.readOnly);
  try {
    await wb.xlsx.load(
      data as unknown as Parameters<ExcelJS.Xlsx["load"]>[0],
      options.readOnly ? { ignoreNodes: READ_ONLY_IGNORED_NODES } : {}
    );
  } catch (e) {
    const msg = oneLine(e);
    if (/zip|central directory|end of data|corrupt/i.test(msg)) {
      throw new WorkbookReadError(
        "notZip",
        "不是有效的 .xlsx 文件（无法解压）",
        "not a valid .xlsx file (cannot unzip)"
      );
    }
    throw new WorkbookReadError(
      "unreadable",
      `无法读取工作簿（${msg}）`,
      `cannot read the workbook (${msg})`
    );
  }
  // A zip that is not a spreadsheet (a .docx renamed, say) loads as a workbook without sheets.
  if (wb.worksheets.length === 0) {
    throw new WorkbookReadError(
      "notWorkbook",
      "不是 Excel 工作簿（其中没有工作表）",
      "not an Excel workbook (it has no worksheets)"
    );
  }
  return wb;
}

/** The parts of ExcelJS's reader patched below (internal, stable across ExcelJS 4.x). */
interface XlsxInternals {
  _processDrawingEntry(
    entry: unknown,
    model: { drawings: Record<string, unknown> },
    name: string
  ): Promise<void>;
  _processMediaEntry(entry: unknown, model: unknown, filename: string): Promise<void>;
}

/**
 * Two reader fixes on this workbook's own XLSX instance:
 * - a drawing part that holds only a chart parses to undefined, and ExcelJS then fails the whole
 *   load with "Cannot read properties of undefined (reading 'anchors')" (a real budget workbook
 *   in the negative corpus does this): such a drawing becomes one without anchors;
 * - when reading only, images and drawings are not decoded at all (the analysis reads cells).
 */
function patchXlsxReader(wb: ExcelJS.Workbook, readOnly: boolean): void {
  const xlsx = wb.xlsx as unknown as XlsxInternals;
  if (
    typeof xlsx._processDrawingEntry !== "function" ||
    typeof xlsx._processMediaEntry !== "function"
  )
    return;
  if (readOnly) {
    xlsx._processDrawingEntry = async (_entry, model, name) => {
      model.drawings[name] = { anchors: [] };
    };
    xlsx._processMediaEntry = async () => undefined;
    return;
  }
  const original = xlsx._processDrawingEntry;
  xlsx._processDrawingEntry = async function (this: XlsxInternals, entry, model, name) {
    await original.call(this, entry, model, name);
    if (!model.drawings[name]) model.drawings[name] = { anchors: [] };
  };
}

export interface SnapshotOptions {
  /** Only this sheet (exact name). */
  sheet?: string;
}

export function noSuchSheet(name: string): WorkbookReadError {
  return new WorkbookReadError(
    "noSuchSheet",
    `没有名为“${name}”的工作表`,
    `no sheet named "${name}"`
  );
}

/** One snapshot per worksheet, in workbook order; our state sheet is skipped. */
export function snapshotsFromWorkbook(
  wb: ExcelJS.Workbook,
  opts: SnapshotOptions = {}
): GridSnapshot[] {
  const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  const out: GridSnapshot[] = [];
  if (opts.sheet !== undefined) {
    const ws = wb.worksheets.find((w) => w.name === opts.sheet);
    if (!ws) throw noSuchSheet(opts.sheet);
    out.push(snapshotOfWorksheet(ws, date1904));
    return out;
  }
  for (const ws of wb.worksheets) {
    if (ws.name === STATE_SHEET_NAME) continue;
    out.push(snapshotOfWorksheet(ws, date1904));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ExcelJS internals read directly (stable across ExcelJS 4.x): Worksheet._rows, Row._cells,
// Cell._value.model, Worksheet._merges. Types 0..10 are ExcelJS.ValueType.

interface InternalValueModel {
  value?: unknown;
  text?: unknown;
  result?: unknown;
  formula?: string;
}
interface InternalValue {
  model: InternalValueModel;
}
interface InternalCell {
  type: number;
  style?: { numFmt?: string };
  _value: InternalValue;
  formula?: string;
}
interface InternalRow {
  _cells: (InternalCell | undefined)[];
}
interface InternalWorksheet {
  _rows: (InternalRow | undefined)[];
  _merges: Record<string, { top: number; left: number; bottom: number; right: number }>;
}

const T_NULL = 0;
const T_MERGE = 1;
const T_NUMBER = 2;
const T_STRING = 3;
const T_DATE = 4;
const T_HYPERLINK = 5;
const T_FORMULA = 6;
const T_SHARED_STRING = 7;
const T_RICH_TEXT = 8;
const T_BOOLEAN = 9;
const T_ERROR = 10;

/** Excel serial number of a date ExcelJS decoded from a date-formatted number (1900 or 1904 system). */
export function dateToSerial(d: Date, date1904: boolean): number {
  const serial = d.getTime() / 86400000 + 25569 - (date1904 ? 1462 : 0);
  return Math.round(serial * 1e8) / 1e8;
}

/** Plain value of anything ExcelJS may hold as a value, a formula (its cached result) or a formula's result. */
export function plainValue(v: unknown, date1904 = false): CellValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "string":
    case "number":
    case "boolean":
      return v;
    case "object": {
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToSerial(v, date1904);
      const o = v as {
        richText?: { text?: string }[];
        error?: string;
        text?: unknown;
        result?: unknown;
        formula?: unknown;
        sharedFormula?: unknown;
      };
      if (Array.isArray(o.richText))
        return o.richText.map((r) => (r && typeof r.text === "string" ? r.text : "")).join("");
      if (typeof o.error === "string") return o.error;
      if (o.formula !== undefined || o.sharedFormula !== undefined)
        return plainValue(o.result, date1904);
      if (o.text !== undefined) return plainValue(o.text, date1904);
      return null;
    }
    default:
      return String(v);
  }
}

/** The snapshot of one worksheet's used range (the bounding box of its non-empty and merged cells). */
export function snapshotOfWorksheet(worksheet: ExcelJS.Worksheet, date1904 = false): GridSnapshot {
  const ws = worksheet as unknown as InternalWorksheet;
  const rows = ws._rows ?? [];

  // Used range: the non-empty cells and the merged areas (xlsx-fast.ts computes the same). Rows are
  // 1-based in ExcelJS (_rows[0] is row 1), cells likewise (_cells[0] is column A). Merge-type cells
  // are left to the merges: ExcelJS also gives that type to a <c/> with neither value nor style.
  let top = -1;
  let bottom = -1;
  let left = Number.MAX_SAFE_INTEGER;
  let right = -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const cells = row._cells;
    let first = -1;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell && cell.type !== T_NULL && cell.type !== T_MERGE) {
        first = c;
        break;
      }
    }
    if (first < 0) continue;
    if (top < 0) top = r;
    bottom = r;
    if (first < left) left = first;
    for (let c = cells.length - 1; c > right; c--) {
      const cell = cells[c];
      if (cell && cell.type !== T_NULL && cell.type !== T_MERGE) {
        right = c;
        break;
      }
    }
  }

  const merges: RangePos[] = [];
  for (const key in ws._merges) {
    const m = ws._merges[key];
    const mp = { top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 };
    merges.push(mp);
    if (top < 0 || mp.top < top) top = mp.top;
    if (mp.bottom > bottom) bottom = mp.bottom;
    if (mp.left < left) left = mp.left;
    if (mp.right > right) right = mp.right;
  }

  if (top < 0) {
    return { sheetName: worksheet.name, origin: { row: 0, col: 0 }, values: [], merges };
  }

  const height = bottom - top + 1;
  const values: CellValue[][] = new Array(height);
  let formulas: (string | null)[][] | undefined;
  let numberFormats: (string | null)[][] | undefined;

  for (let i = 0; i < height; i++) {
    const row = rows[top + i];
    const vals: CellValue[] = [];
    values[i] = vals;
    if (!row) continue;
    const cells = row._cells;
    for (let c = left; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      const type = cell.type;
      if (type === T_NULL || type === T_MERGE) continue;
      const model = cell._value.model;
      let v: CellValue;
      switch (type) {
        case T_NUMBER:
        case T_STRING:
        case T_BOOLEAN:
        case T_SHARED_STRING:
          v = plainValue(model.value, date1904);
          break;
        case T_DATE:
          v =
            model.value instanceof Date
              ? dateToSerial(model.value, date1904)
              : plainValue(model.value, date1904);
          break;
        case T_RICH_TEXT:
          v = plainValue(model.value, date1904);
          break;
        case T_HYPERLINK:
          v = plainValue(model.text, date1904);
          break;
        case T_ERROR:
          v = plainValue(model.value, date1904);
          break;
        case T_FORMULA: {
          v = plainValue(model.result, date1904);
          // The public getter resolves a shared formula from its master cell.
          const f = model.formula || cell.formula;
          if (f) {
            formulas ??= [];
            (formulas[i] ??= [])[c - left] = f.startsWith("=") ? f : `=${f}`;
          }
          break;
        }
        default:
          v = plainValue(model.value, date1904);
      }
      if (v !== null) vals[c - left] = v;
      const fmt = cell.style?.numFmt;
      if (fmt && fmt !== "General") {
        numberFormats ??= [];
        (numberFormats[i] ??= [])[c - left] = fmt;
      }
    }
  }

  // Rows are ragged; the first one spans the whole used range so that merges past the last value count.
  if (values[0].length < right - left + 1) values[0].length = right - left + 1;
  const snap: GridSnapshot = {
    sheetName: worksheet.name,
    origin: { row: top, col: left },
    values,
    merges,
  };
  if (formulas) snap.formulas = formulas;
  if (numberFormats) snap.numberFormats = numberFormats;
  return snap;
}
