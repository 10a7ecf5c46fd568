import { GridSnapshot } from "../engine/grid/snapshot";
import { WritePlan } from "../engine/fill/plan-types";
import { JournalEntry, WorkbookState } from "../engine/state/schema";

/**
 * What the task pane needs from a spreadsheet, implemented by the Office.js adapter (inside Excel)
 * and by the browser preview (an .xlsx opened locally with ExcelJS). The pane and its controller
 * talk only to this interface, so neither depends on Office.js.
 */
export interface WorkbookHost {
  readonly kind: "office" | "preview";

  /** Visible worksheet names in order (the state sheet is never listed). */
  sheetNames(): Promise<string[]>;
  activeSheetName(): Promise<string>;

  /**
   * Snapshots of the named sheets (all visible sheets when omitted), read in as few round trips as
   * the host allows; `onProgress` is told each sheet as it is taken in.
   */
  readSheets(names?: string[], onProgress?: (sheet: string, done: number, total: number) => void): Promise<GridSnapshot[]>;

  /**
   * Writes a plan in one batch after journalling what every touched cell held, and returns the
   * journal entry. Throws HostError("protected") for a protected sheet without writing anything.
   */
  applyPlan(plan: WritePlan, action: JournalEntry["action"]): Promise<JournalEntry>;

  /** Puts back the cells of the newest journal entry exactly; null when the journal is empty. */
  undoLast(): Promise<JournalEntry | null>;

  /** Removes the fills and notes our highlights added, restoring what the cells had. Returns how many. */
  clearHighlights(): Promise<number>;

  /** Selects a cell (and activates its sheet) so a person sees it. */
  selectCell(sheet: string, address: string): Promise<void>;

  readState(): Promise<WorkbookState>;
  writeState(state: WorkbookState): Promise<void>;

  /**
   * Calls back (debounced by the caller) when a person edits cells on a sheet; returns an
   * unsubscribe function. Hosts without change events return a no-op.
   */
  onCellsChanged(listener: (sheet: string, address: string) => void): Promise<() => void>;
}

export type HostErrorKind = "protected" | "tooLarge" | "unsupported" | "noWorkbook" | "failed";

/** A failure a person can act on; the pane shows `message_zh`/`message_en`, never a stack. */
export class HostError extends Error {
  constructor(
    readonly kind: HostErrorKind,
    readonly message_zh: string,
    readonly message_en: string,
  ) {
    super(message_en);
    this.name = "HostError";
  }
}
