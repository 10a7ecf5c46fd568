import { promises as fs } from "fs";
import type ExcelJS from "exceljs";
import { CellValue, GridSnapshot } from "../../engine/grid/snapshot";
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
import { columnAOf, readXlsxFast } from "./xlsx-fast";

/**
 * The ExcelJS host's read side: a workbook file → one GridSnapshot per worksheet.
 *
 * Everything that does not touch the file system (loading workbook bytes, the snapshot of a
 * worksheet, the error type) lives in ./snapshot so the browser preview can use it; it is
 * re-exported here, so importing from this module works as before.
 *
 * Speed: readWorkbookFile (what `check` uses) reads the zip directly with xlsx-fast.ts and never
 * builds ExcelJS's object model, nor even loads ExcelJS; it falls back to an ExcelJS read-only load
 * for anything that reader leaves aside. Both give the same snapshots (tests/hosts).
 */

export * from "./snapshot";

async function readFileChecked(path: string): Promise<Buffer> {
  let data: Buffer;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw new WorkbookReadError("notAFile", "不是文件", "not a file");
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
  /** One snapshot per worksheet (or the one asked for), the state sheet left out. */
  snapshots: GridSnapshot[];
  /** Column A of the "_selfeval" state sheet from A1 down (for decodeState); null when there is none. */
  stateColumn: CellValue[] | null;
}

/** Column A of a loaded workbook's "_selfeval" state sheet (for decodeState); null when there is none. */
export function stateColumnFromWorkbook(wb: ExcelJS.Workbook): CellValue[] | null {
  const ws = wb.worksheets.find((w) => w.name === STATE_SHEET_NAME);
  return ws ? columnAOf(snapshotOfWorksheet(ws)) : null;
}

/**
 * Reads a file into snapshots, without ExcelJS when it can (xlsx-fast.ts), else through an ExcelJS
 * read-only load. Use loadWorkbook + snapshotsFromWorkbook for a workbook to write back.
 */
export async function readWorkbookFile(
  path: string,
  opts: SnapshotOptions = {}
): Promise<GridSnapshot[]> {
  return (await readWorkbookFileWithState(path, opts)).snapshots;
}

/** readWorkbookFile, plus column A of the workbook's state sheet (which is never a snapshot). */
export async function readWorkbookFileWithState(
  path: string,
  opts: SnapshotOptions = {}
): Promise<WorkbookFileRead> {
  const data = await readFileChecked(path);
  let fast: WorkbookFileRead | null = null;
  // SELFEVAL_READER=exceljs forces the ExcelJS path (for comparing the two readers).
  if (process.env.SELFEVAL_READER !== "exceljs") {
    try {
      const r = readXlsxFast(data, {
        ...(opts.sheet !== undefined ? { sheet: opts.sheet } : { skip: [STATE_SHEET_NAME] }),
        stateSheet: STATE_SHEET_NAME,
      });
      fast = { snapshots: r.snapshots, stateColumn: r.stateColumn };
    } catch {
      fast = null; // anything unusual: ExcelJS reads it, or says why it cannot
    }
  }
  if (fast) {
    if (opts.sheet !== undefined && fast.snapshots.length === 0) throw noSuchSheet(opts.sheet);
    return fast;
  }
  const wb = await loadWorkbookBuffer(data, { readOnly: true });
  return { snapshots: snapshotsFromWorkbook(wb, opts), stateColumn: stateColumnFromWorkbook(wb) };
}
