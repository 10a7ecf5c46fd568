import { promises as fs } from "fs";
import type ExcelJS from "exceljs";
import {
  CellValue,
  GridSnapshot,
  SheetSnapshot,
  toDenseSnapshot,
} from "../../engine/grid/snapshot";
import {
  checkSignature,
  LoadOptions,
  loadWorkbookBuffer,
  noSuchSheet,
  oneLine,
  snapshotOfWorksheet,
  snapshotsFromWorkbook,
  SnapshotOptions,
  STATE_SHEET_NAME,
  WorkbookReadError,
} from "./snapshot";
import {
  DEFAULT_READ_LIMITS,
  FastReadError,
  readXlsxFast,
  ReadLimitError,
  UnreadableSheet,
  verifyPackage,
} from "./xlsx-fast";

/**
 * The ExcelJS host's read side: a workbook file → one GridSnapshot per worksheet.
 *
 * Everything that does not touch the file system (loading workbook bytes, the snapshot of a
 * worksheet, the error type) lives in ./snapshot so the browser preview can use it; it is
 * re-exported here, so importing from this module works as before.
 *
 * Speed and bounds: readWorkbookFileWithState (what `check` uses) reads the zip directly with
 * xlsx-fast.ts, under its caps (DEFAULT_READ_LIMITS), and never builds ExcelJS's object model,
 * nor even loads ExcelJS. Over a cap it stops there: there is no second read by another reader.
 * SELFEVAL_READER=exceljs reads through ExcelJS instead (to compare the two readers, which give
 * the same content: tests/hosts); the package is checked against the same caps first.
 */

/** The largest file read at all (the zip's own caps bound what it inflates to). */
export const MAX_FILE_BYTES = 2 * DEFAULT_READ_LIMITS.maxTotalBytes;

export * from "./snapshot";

export async function readFileChecked(path: string): Promise<Buffer> {
  let data: Buffer;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new WorkbookReadError("notAFile", "不是文件", "not a file");
    if (st.size > MAX_FILE_BYTES)
      throw new WorkbookReadError(
        "overLimit",
        `超出读取上限：文件大于 ${Math.round(MAX_FILE_BYTES / 1048576)} MB`,
        `over a reading limit: the file is larger than ${Math.round(MAX_FILE_BYTES / 1048576)} MB`
      );
    data = await fs.readFile(path);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new WorkbookReadError("notFound", "文件不存在", "file not found");
    throw new WorkbookReadError(
      "unreadable",
      `无法读取文件（${oneLine(e)}）`,
      `cannot read the file (${oneLine(e)})`
    );
  }
  checkSignature(data);
  return data;
}

/**
 * Loads a workbook with ExcelJS, turning every way a file can fail to be an .xlsx into a
 * WorkbookReadError with a one-line reason (the file's first bytes are checked before ExcelJS sees it).
 */
export async function loadWorkbook(
  path: string,
  options: LoadOptions = {}
): Promise<ExcelJS.Workbook> {
  return loadWorkbookBuffer(await readFileChecked(path), options);
}

/** What readWorkbookFileWithState gives: the snapshots and the state sheet's column A. */
export interface WorkbookFileRead {
  /** One snapshot per worksheet (or the one asked for), the state sheet and unreadable sheets left out. */
  snapshots: SheetSnapshot[];
  /** Column A of the "_selfeval" state sheet from A1 down (for decodeState); null when there is none. */
  stateColumn: CellValue[] | null;
  /** Worksheets whose part is damaged, with their position among the sheets read and the reason. */
  unreadable: UnreadableSheet[];
}

/** Column A of a loaded workbook's "_selfeval" state sheet (for decodeState); null when there is none. */
export function stateColumnFromWorkbook(wb: ExcelJS.Workbook): CellValue[] | null {
  const ws = wb.worksheets.find((w) => w.name === STATE_SHEET_NAME);
  return ws ? denseColumnA(snapshotOfWorksheet(ws)) : null;
}

function denseColumnA(snap: GridSnapshot): CellValue[] {
  if (snap.origin.col > 0) return [];
  const out: CellValue[] = new Array<CellValue>(snap.origin.row).fill(null);
  for (const row of snap.values) out.push(row[0] ?? null);
  return out;
}

/** The fast reader's own errors as the host's one-line read errors. */
function asReadError(e: unknown): unknown {
  if (e instanceof ReadLimitError)
    return new WorkbookReadError("overLimit", e.reason_zh, e.reason_en);
  if (e instanceof FastReadError) return new WorkbookReadError(e.kind, e.reason_zh, e.reason_en);
  return e;
}

/**
 * Reads a file into dense snapshots (for callers that index `values`); a damaged sheet is an
 * error here. `check` uses readWorkbookFileWithState, which keeps sparse snapshots and reports
 * damaged sheets one by one.
 */
export async function readWorkbookFile(
  path: string,
  opts: SnapshotOptions = {}
): Promise<GridSnapshot[]> {
  const read = await readWorkbookFileWithState(path, opts);
  const bad = read.unreadable[0];
  if (bad)
    throw new WorkbookReadError(
      "unreadable",
      `工作表“${bad.name}”无法读取：${bad.reason_zh}`,
      `sheet "${bad.name}" cannot be read: ${bad.reason_en}`
    );
  return read.snapshots.map((s) => toDenseSnapshot(s));
}

/** Snapshots (sparse), the state sheet's column A and the sheets that could not be read. */
export async function readWorkbookFileWithState(
  path: string,
  opts: SnapshotOptions = {}
): Promise<WorkbookFileRead> {
  const data = await readFileChecked(path);
  try {
    if (process.env.SELFEVAL_READER === "exceljs") {
      verifyPackage(data);
      const wb = await loadWorkbookBuffer(data, { readOnly: true });
      return {
        snapshots: snapshotsFromWorkbook(wb, opts),
        stateColumn: stateColumnFromWorkbook(wb),
        unreadable: [],
      };
    }
    const r = readXlsxFast(data, {
      ...(opts.sheet !== undefined ? { sheet: opts.sheet } : { skip: [STATE_SHEET_NAME] }),
      stateSheet: STATE_SHEET_NAME,
    });
    if (opts.sheet !== undefined && r.snapshots.length === 0 && r.unreadable.length === 0)
      throw noSuchSheet(opts.sheet);
    return { snapshots: r.snapshots, stateColumn: r.stateColumn, unreadable: r.unreadable };
  } catch (e) {
    throw asReadError(e);
  }
}
