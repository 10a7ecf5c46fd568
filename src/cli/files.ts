/** Expands the operands of `check`: files as given, folders walked recursively for *.xlsx. */
import { promises as fs } from "fs";
import * as path from "path";

export interface Expanded {
  /** Files to check, in order: operands in the order given, each folder's files sorted by path. */
  files: string[];
  /** Folders that hold no .xlsx file. */
  emptyFolders: string[];
}

const XLSX = /\.xlsx$/i;

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      // Hidden folders (.git …) are not where a user keeps workbooks.
      if (!e.name.startsWith(".")) await walk(p, out);
    } else if ((e.isFile() || e.isSymbolicLink()) && XLSX.test(e.name)) {
      out.push(p);
    }
  }
}

/**
 * A missing path stays in the list as a file, so that reading it reports "file not found" in
 * its place. Lock files (~$x.xlsx) are kept too: the user pointed at them, and they fail with a reason.
 */
export async function expandInputs(operands: readonly string[]): Promise<Expanded> {
  const files: string[] = [];
  const emptyFolders: string[] = [];
  for (const op of operands) {
    let isDir = false;
    try {
      isDir = (await fs.stat(op)).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      files.push(op);
      continue;
    }
    const found: string[] = [];
    await walk(op, found);
    found.sort(byPath);
    if (found.length === 0) emptyFolders.push(op);
    files.push(...found);
  }
  return { files, emptyFolders };
}
