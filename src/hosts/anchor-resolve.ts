import { detectTables } from "../engine/detect/detect";
import { familiesFor } from "../engine/families/catalog";
import { Grid, GridSnapshot } from "../engine/grid/snapshot";
import { anchorOf, Locate, resolveAnchor } from "../engine/journal";
import { AssessmentTable } from "../engine/model/table";
import { ruleSetFromState } from "../engine/policy/ruleset";
import { EngineSettings } from "../engine/settings";
import { CellAnchor, WorkbookState } from "../engine/state/schema";

/**
 * What every host does to anchor journal entries and marks (src/engine/journal/anchor.ts): detect
 * the tables of the sheets it writes or undoes, name each cell by its table and field plus the
 * sheet's stable id, and on undo / 清除标记 find each cell again — the sheet by its id (its name may
 * have changed), the cell by its anchor in the sheet's current detection.
 */

/** A worksheet as a host knows it: its name now and its stable id (Office worksheet.id). */
export interface SheetIdentity {
  name: string;
  id?: string;
}

/** The rules a host detects with for anchors: the workbook's embedded rule set, as the pane uses. */
export function anchorSettings(state: WorkbookState): EngineSettings {
  return ruleSetFromState(state).rules;
}

/** The tables of one sheet as detected now (none when detection fails: nothing then resolves). */
export function tablesOf(snapshot: GridSnapshot, settings: EngineSettings): AssessmentTable[] {
  try {
    return detectTables(new Grid(snapshot), familiesFor(settings));
  } catch {
    return [];
  }
}

/** The detections and ids of the sheets an operation touches. */
export class SheetAnchors {
  private readonly tables = new Map<string, AssessmentTable[]>();
  private readonly ids = new Map<string, string>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly settings: EngineSettings,
    sheets: readonly SheetIdentity[] = []
  ) {
    for (const s of sheets) this.identify(s);
  }

  /** Records a sheet's name and id (every sheet of the workbook, so ids can be looked up). */
  identify(sheet: SheetIdentity): void {
    if (!sheet.id) return;
    this.ids.set(sheet.name, sheet.id);
    this.names.set(sheet.id, sheet.name);
  }

  /** Detects the tables of a sheet from its snapshot. */
  detect(snapshot: GridSnapshot): void {
    this.tables.set(snapshot.sheetName, tablesOf(snapshot, this.settings));
  }

  has(sheet: string): boolean {
    return this.tables.has(sheet);
  }

  /** The anchor of a cell (its table, field and the sheet's id), or null outside every table. */
  anchorOf = (sheet: string, address: string): CellAnchor | null => {
    const tables = this.tables.get(sheet);
    if (!tables) return null;
    return anchorOf(tables, address, this.ids.get(sheet));
  };

  /**
   * The sheets a journalled cell may be on now, best first: the one with the anchor's sheet id (its
   * name may have changed), then the one with the name recorded (a host without ids, or a workbook
   * whose ids changed since, e.g. reopened). Undo writes only where a cell still holds what the
   * action wrote, so a same-named other sheet is never written into.
   */
  sheetsOf(cell: { sheet: string; anchor?: CellAnchor }): string[] {
    const id = cell.anchor?.sheetId;
    const byId = id ? this.names.get(id) : undefined;
    return byId && byId !== cell.sheet ? [byId, cell.sheet] : [cell.sheet];
  }

  /**
   * Where a journalled cell or mark is now: an anchored one is resolved in its sheet's current
   * detection (null when it no longer resolves: its row was deleted, its table is gone); one
   * without an anchor (an older state) stays where it was recorded.
   */
  locate: Locate = (cell) => {
    if (!cell.anchor) return { sheet: cell.sheet, address: cell.address };
    for (const sheet of this.sheetsOf(cell)) {
      const tables = this.tables.get(sheet);
      const address = tables ? resolveAnchor(cell.anchor, tables) : null;
      if (address !== null) return { sheet, address };
    }
    return null;
  };
}

/** The sheets (by their current names) that anchored cells or marks are on now. */
export function sheetsToDetect(
  cells: readonly { sheet: string; anchor?: CellAnchor }[],
  anchors: SheetAnchors
): string[] {
  const out = new Set<string>();
  for (const c of cells) {
    if (c.anchor) for (const s of anchors.sheetsOf(c)) out.add(s);
  }
  return [...out];
}
