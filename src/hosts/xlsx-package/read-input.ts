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
import { openZip, ZipFormatError, ZipLimitError, ZipLimits } from "./zip";

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

/**
 * The sizes the archive declares, against the limits, before anything is inflated: a package that
 * says it inflates past a cap is refused at once (one that lies is stopped by the bounded inflate).
 */
export function checkDeclaredSizes(data: Buffer, limits: Partial<ZipLimits> = {}): void {
  const zip = openZip(data, limits);
  let total = 0;
  for (const e of zip.entries) {
    if (e.uncompressedSize > zip.limits.maxEntryBytes)
      throw new ZipLimitError(
        "entry-size",
        zip.limits.maxEntryBytes,
        `entry ${e.name} declares ${e.uncompressedSize} bytes`,
        e.name
      );
    total += e.uncompressedSize;
    if (total > zip.limits.maxTotalBytes)
      throw new ZipLimitError("total-size", zip.limits.maxTotalBytes, "declared total too large");
  }
}

/** Snapshots of a workbook's bytes: the fast reader, else an ExcelJS read-only load (as check reads). */
export async function snapshotsOfBytes(data: Buffer): Promise<InputSnapshots> {
  checkDeclaredSizes(data);
  try {
    const r = readXlsxFast(data, { skip: [STATE_SHEET_NAME], stateSheet: STATE_SHEET_NAME });
    return { snapshots: r.snapshots, stateColumn: r.stateColumn };
  } catch (e) {
    // A cap reached or a damaged archive is the answer: no second, unbounded read.
    if (e instanceof ZipLimitError || e instanceof ZipFormatError) throw e;
    // anything else unusual: ExcelJS reads it, or says why it cannot
  }
  const wb = await loadWorkbookBuffer(data, { readOnly: true });
  return {
    snapshots: snapshotsFromWorkbook(wb).filter((s) => s.sheetName !== STATE_SHEET_NAME),
    stateColumn: stateColumnFromWorkbook(wb),
  };
}
