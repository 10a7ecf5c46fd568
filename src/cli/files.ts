/**
 * The operands of `check`: files as given, folders walked recursively. Every file a folder holds
 * is accounted for: a workbook is checked, a spreadsheet in a format we do not read is named with
 * its reason (and makes the exit code 2), and the other files are counted in one line per folder.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { readWorkbookFileWithState, WorkbookFileRead } from "../hosts/exceljs/read-workbook";
import { isOle2 } from "../hosts/legacy/ole2";

export interface Expanded {
  /** Files to check, in order: operands in the order given, each folder's files sorted by path. */
  files: string[];
  /** Folders that hold no workbook and no unsupported spreadsheet. */
  emptyFolders: string[];
  /** Spreadsheets in a format `check` does not read (.xlsb, .ods …), found in folders. */
  unsupported: { file: string; ext: string }[];
  /** Per folder, the files that are not workbooks (hidden entries included), never checked. */
  others: { dir: string; count: number; names: string[] }[];
}

/** What `check` reads: Office Open XML (.xlsx, .xlsm) and BIFF8 (.xls, WPS .et). */
export const WORKBOOK = /\.(xlsx|xlsm|xls|et)$/i;
/** Spreadsheet formats a reviewer may receive that `check` cannot read; each gets its own line. */
const UNSUPPORTED = /\.(xlsb|xltx|xltm|xlt|xlam|xla|ods|fods|numbers|ett|wps|dbf|wk[134s]|123)$/i;
/** Names listed in a folder's "not a workbook" line. */
const NAMES_SHOWN = 3;

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Walk {
  found: string[];
  unsupported: { file: string; ext: string }[];
  others: Map<string, string[]>;
}

function other(w: Walk, dir: string, name: string): void {
  let list = w.others.get(dir);
  if (!list) w.others.set(dir, (list = []));
  list.push(name);
}

async function walk(dir: string, w: Walk): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => byPath(a.name, b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      // Hidden folders (.git …) are not where a user keeps workbooks; they are counted, not walked.
      if (e.name.startsWith(".")) other(w, dir, `${e.name}/`);
      else await walk(p, w);
    } else if ((e.isFile() || e.isSymbolicLink()) && WORKBOOK.test(e.name)) {
      w.found.push(p);
    } else if (UNSUPPORTED.test(e.name)) {
      w.unsupported.push({ file: p, ext: path.extname(e.name).toLowerCase() });
    } else {
      other(w, dir, e.name);
    }
  }
}

/**
 * A missing path stays in the list as a file, so that reading it reports "file not found" in
 * its place. Lock files (~$x.xlsx) are kept too: the user pointed at them, and they fail with a reason.
 * A file named on the command line is read whatever its name: its first bytes decide.
 */
export async function expandInputs(operands: readonly string[]): Promise<Expanded> {
  const out: Expanded = { files: [], emptyFolders: [], unsupported: [], others: [] };
  for (const op of operands) {
    let isDir = false;
    try {
      isDir = (await fs.stat(op)).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      out.files.push(op);
      continue;
    }
    const w: Walk = { found: [], unsupported: [], others: new Map() };
    await walk(op, w);
    w.found.sort(byPath);
    if (w.found.length === 0 && w.unsupported.length === 0) out.emptyFolders.push(op);
    out.files.push(...w.found);
    out.unsupported.push(...w.unsupported);
    for (const [dir, names] of w.others)
      out.others.push({ dir, count: names.length, names: names.slice(0, NAMES_SHOWN) });
  }
  return out;
}

/** The first bytes of a file (fewer when it is shorter; none when it cannot be opened). */
async function head(file: string, n: number): Promise<Uint8Array> {
  let fh: fs.FileHandle | null = null;
  try {
    fh = await fs.open(file, "r");
    const buf = new Uint8Array(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return new Uint8Array(0);
  } finally {
    await fh?.close();
  }
}

/** True when the file's first bytes are an OLE2 container (.xls, .et, an encrypted .xlsx). */
export async function isLegacyFile(file: string): Promise<boolean> {
  return isOle2(await head(file, 8));
}

/**
 * Reads any workbook `check` supports into snapshots: an OLE2 file through the legacy (BIFF8)
 * reader, everything else through the .xlsx reader (which says why a file is not one).
 */
export async function readWorkbookForCheck(
  file: string,
  opts: { sheet?: string } = {}
): Promise<WorkbookFileRead> {
  if (await isLegacyFile(file)) {
    // Loaded only for legacy files: most runs never pay for the BIFF library.
    const { readLegacyWorkbookFile } = await import("../hosts/legacy/read-legacy");
    return { ...(await readLegacyWorkbookFile(file, opts)), unreadable: [] };
  }
  return readWorkbookFileWithState(file, opts);
}
