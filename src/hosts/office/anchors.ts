import { GridSnapshot } from "../../engine/grid/snapshot";
import { CellAnchor } from "../../engine/state/schema";
import { SheetIdentity } from "../anchor-resolve";
import { CellNow } from "./cell-io";

/**
 * The Office host's side of anchoring (src/hosts/anchor-resolve.ts does the rest): the snapshots of
 * the last read, kept so a fill right after the pane's read anchors its cells without reading the
 * sheets again, and the sheets' ids (worksheet.id, ExcelApi 1.1: stays when a sheet is renamed).
 */

/** The snapshots the last readSheets returned, by sheet name; dropped by every write of ours. */
export class SnapshotCache {
  private readonly snapshots = new Map<string, GridSnapshot>();

  remember(snapshots: readonly GridSnapshot[]): void {
    this.snapshots.clear();
    for (const s of snapshots) this.snapshots.set(s.sheetName, s);
  }

  get(sheet: string): GridSnapshot | undefined {
    return this.snapshots.get(sheet);
  }

  clear(): void {
    this.snapshots.clear();
  }
}

/**
 * Whether a snapshot still shows what the touched cells hold now (read just before the write): a
 * sheet changed since it was read (rows inserted, cells typed) is not anchored from it.
 */
export function snapshotAgrees(
  snapshot: GridSnapshot,
  cells: readonly { row: number; col: number; now: CellNow }[]
): boolean {
  for (const { row, col, now } of cells) {
    const r = row - snapshot.origin.row;
    const c = col - snapshot.origin.col;
    const value = snapshot.values[r]?.[c] ?? null;
    const formula = snapshot.formulas?.[r]?.[c] ?? null;
    if ((formula ?? null) !== (now.formula ?? null)) return false;
    if (!now.formula && !sameValue(value, now.value)) return false;
  }
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === "";
  if (blank(a) && blank(b)) return true;
  return a === b;
}

/** Queues the id of each named sheet; read the identities after the sync. */
export function queueSheetIds(
  wsOf: (sheet: string) => Excel.Worksheet,
  sheets: readonly string[]
): () => SheetIdentity[] {
  const loaded = sheets.map((name) => {
    const ws = wsOf(name);
    ws.load("id");
    return { name, ws };
  });
  return () => loaded.map(({ name, ws }) => ({ name, id: ws.id }));
}

/** Whether any of these cells or marks carries an anchor (older states have none). */
export function anyAnchored(cells: readonly { anchor?: CellAnchor }[]): boolean {
  return cells.some((c) => c.anchor !== undefined);
}
