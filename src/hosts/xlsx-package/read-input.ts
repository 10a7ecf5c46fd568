/**
 * The input of a command that writes a workbook (fill, strip): its bytes, read once, and the
 * snapshots the plan is made from — so the plan and the patch see the same file.
 */
import { promises as fs } from "fs";
import { CellValue, GridSnapshot } from "../../engine/grid/snapshot";
import {
  checkSignature,
  loadWorkbookBuffer,
  oneLine,
  snapshotsFromWorkbook,
  STATE_SHEET_NAME,
  stateColumnFromWorkbook,
  WorkbookReadError,
} from "../exceljs/read-workbook";
import { readXlsxFast } from "../exceljs/xlsx-fast";

/** The file's bytes, after checking it is a file and looks like a zip. */
export async function readInputBytes(path: string): Promise<Buffer> {
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

export interface InputSnapshots {
  /** One snapshot per worksheet, the state sheet left out. */
  snapshots: GridSnapshot[];
  /** Column A of the state sheet (for decodeState); null when there is none. */
  stateColumn: CellValue[] | null;
}

/** Snapshots of a workbook's bytes: the fast reader, else an ExcelJS read-only load (as check reads). */
export async function snapshotsOfBytes(data: Buffer): Promise<InputSnapshots> {
  try {
    const r = readXlsxFast(data, { skip: [STATE_SHEET_NAME], stateSheet: STATE_SHEET_NAME });
    return { snapshots: r.snapshots, stateColumn: r.stateColumn };
  } catch {
    // anything unusual: ExcelJS reads it, or says why it cannot
  }
  const wb = await loadWorkbookBuffer(data, { readOnly: true });
  return {
    snapshots: snapshotsFromWorkbook(wb).filter((s) => s.sheetName !== STATE_SHEET_NAME),
    stateColumn: stateColumnFromWorkbook(wb),
  };
}
