/**
 * The input of a command that writes a workbook (fill, strip): its bytes, read once, and the
 * snapshots the plan is made from — so the plan and the patch see the same file.
 */
import { CellValue, SheetSnapshot } from "../../engine/grid/snapshot";
import { readFileChecked, STATE_SHEET_NAME, WorkbookReadError } from "../exceljs/read-workbook";
import { FastReadError, readXlsxFast, ReadLimitError, UnreadableSheet } from "../exceljs/xlsx-fast";
import { openZip, ZipLimitError, ZipLimits } from "./zip";

/** The file's bytes, after checking it is a file under the size cap and looks like a zip. */
export const readInputBytes = readFileChecked;

export interface InputSnapshots {
  /** One snapshot per worksheet (sparse), the state sheet and damaged sheets left out. */
  snapshots: SheetSnapshot[];
  /** The worksheets that could not be read, and why. */
  unreadable: UnreadableSheet[];
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

/** Snapshots of a workbook's bytes, read as check reads them: bounded, damaged sheets listed apart. */
export async function snapshotsOfBytes(data: Buffer): Promise<InputSnapshots> {
  checkDeclaredSizes(data);
  try {
    const r = readXlsxFast(data, { skip: [STATE_SHEET_NAME], stateSheet: STATE_SHEET_NAME });
    return { snapshots: r.snapshots, stateColumn: r.stateColumn, unreadable: r.unreadable };
  } catch (e) {
    // A cap reached or a damaged archive is the answer: there is no second, unbounded read.
    if (e instanceof ReadLimitError)
      throw new WorkbookReadError("overLimit", e.reason_zh, e.reason_en);
    if (e instanceof FastReadError) throw new WorkbookReadError(e.kind, e.reason_zh, e.reason_en);
    throw e;
  }
}
