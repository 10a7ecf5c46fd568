import { GridSnapshot } from "../engine/grid/snapshot";
import { WritePlan } from "../engine/fill/plan-types";
import type { RuleSet } from "../engine/settings";
import { JournalEntry, STATE_SHEET, WorkbookState } from "../engine/state/schema";
import type { TemplateSheet } from "../engine/template/layout";

/** One sheet of buildTemplateLayout(…).sheets: everything a host needs to render a standard blank table. */
export type TemplateSheetLayout = TemplateSheet;

export interface InsertTemplateOptions {
  /** The new sheet's name (made unique); the layout's name (项目1) by default. */
  name?: string;
  /**
   * The rule set the layout was planned with. Embedded in the workbook's state (state.rules) when
   * the workbook carries none; a workbook that has its own rule set keeps it.
   */
  rules?: RuleSet;
  /** Activate the new sheet (default true). */
  activate?: boolean;
}

/** Which sheets a read takes in. */
export interface SheetSelection {
  /**
   * Include hidden (not very hidden) sheets. Off by default: hidden sheets are neither validated nor
   * written unless the user asks for them, and `hiddenSheetsSkipped` says how many were left out.
   */
  includeHidden?: boolean;
}

/** An undone journal entry, with the cells left alone because they changed since the action. */
export interface UndoneEntry extends JournalEntry {
  conflicts: { sheet: string; address: string }[];
}

/**
 * What the task pane needs from a spreadsheet, implemented by the Office.js adapter (inside Excel)
 * and by the browser preview (an .xlsx opened locally with ExcelJS). The pane and its controller
 * talk only to this interface, so neither depends on Office.js.
 */
export interface WorkbookHost {
  readonly kind: "office" | "preview";

  /** Visible worksheet names in order (the state sheet is never listed); hidden ones too when asked. */
  sheetNames(selection?: SheetSelection): Promise<string[]>;
  activeSheetName(): Promise<string>;

  /**
   * Snapshots of the named sheets (all visible sheets when omitted), read in as few round trips as
   * the host allows; `onProgress` is told each sheet as it is taken in.
   */
  readSheets(
    names?: string[],
    onProgress?: (sheet: string, done: number, total: number) => void,
    selection?: SheetSelection
  ): Promise<GridSnapshot[]>;

  /** Hidden sheets the last whole-workbook read left out (0 when it included them). */
  readonly hiddenSheetsSkipped: number;

  /**
   * Writes a plan in one batch after journalling what every touched cell held, and returns the
   * journal entry. Nothing is written, and a HostError says why, when the plan touches:
   * - a protected sheet that is not one of our own templates (own-protection.ts: recorded in the
   *   state, no password) — HostError("protected") naming it. Our templates are unprotected,
   *   written and protected again with the same options in the same batch; the entry lists them
   *   in `reprotected`, and undo and clearing the marks do the same;
   * - a hidden sheet no read took in (a whole-workbook read without includeHidden skips hidden
   *   sheets, so a fill planned from it never writes into one) — HostError("failed");
   * - while "_selfeval" does not exist yet and the workbook's structure is protected, so it cannot
   *   be added — HostError("protected"), as writeState does.
   */
  applyPlan(plan: WritePlan, action: JournalEntry["action"]): Promise<JournalEntry>;

  /**
   * Undoes the newest journal entry (planUndo in src/engine/journal): a cell is put back exactly only
   * while it still holds what the action wrote; cells changed since are left alone and listed in
   * `conflicts`. Null when the journal is empty.
   */
  undoLast(): Promise<UndoneEntry | null>;

  /** Removes the fills and notes our highlights added, restoring what the cells had. Returns how many. */
  clearHighlights(): Promise<number>;

  /** Selects a cell (and activates its sheet) so a person sees it. */
  selectCell(sheet: string, address: string): Promise<void>;

  readState(): Promise<WorkbookState>;
  /**
   * Writes the state. Throws HostError("stateUnreadable") while the stored state cannot be decoded,
   * unless `reset` says the user chose to replace it (清除助手数据).
   */
  writeState(state: WorkbookState, options?: { reset?: boolean }): Promise<void>;
  /** Why the stored state cannot be decoded (then nothing overwrites it), or null. */
  stateProblem(): Promise<string | null>;

  /**
   * Adds a worksheet holding one standard blank table (values, formulas, number formats, merges,
   * borders, fonts, column widths and row heights, drop-downs and number checks, unlocked input
   * cells, sheet protection when the layout asks for it, print set-up) and returns its name: the
   * layout's name, or the next free one (项目1 → 项目2 …, 自评表 → 自评表(2)). Not journalled: to
   * take it back, delete the sheet.
   */
  insertTemplateSheet(
    layout: TemplateSheetLayout,
    options?: InsertTemplateOptions
  ): Promise<string>;

  /**
   * Calls back (debounced by the caller) when a person edits cells on a sheet; returns an
   * unsubscribe function. Hosts without change events return a no-op.
   */
  onCellsChanged(listener: (sheet: string, address: string) => void): Promise<() => void>;
}

/** Characters Excel does not allow in a sheet name. */
const BAD_SHEET_CHARS = /[\\/?*[\]:]/g;
const MAX_SHEET_NAME = 31;

/**
 * A sheet name not yet taken (compared without case, as Excel does): `wanted` itself, else with its
 * trailing number counted up (项目1 → 项目2 → 项目3 …), else with "(2)", "(3)" … appended
 * (自评表 → 自评表(2)). Characters Excel refuses become "_" and the name is kept to 31 characters.
 */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken, STATE_SHEET, "History"].map((n) => n.toLowerCase()));
  const free = (n: string) => !used.has(n.toLowerCase());
  let base = wanted
    .replace(BAD_SHEET_CHARS, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  if (base === "") base = "自评表";
  const fit = (stem: string, tail: string) =>
    stem.slice(0, Math.max(1, MAX_SHEET_NAME - tail.length)) + tail;
  base = fit(base, "");
  if (free(base)) return base;
  const numbered = /^(.*?)(\d+)$/.exec(base);
  if (numbered && !/\(\d+\)$/.test(base)) {
    for (let i = Number(numbered[2]) + 1; i < Number(numbered[2]) + 10_000; i++) {
      const name = fit(numbered[1], String(i));
      if (free(name)) return name;
    }
  }
  const stem = base.replace(/\(\d+\)$/, "");
  for (let i = 2; ; i++) {
    const name = fit(stem, `(${i})`);
    if (free(name)) return name;
  }
}

export type HostErrorKind =
  | "protected"
  | "tooLarge"
  | "unsupported"
  | "noWorkbook"
  | "failed"
  /** The "_selfeval" state cannot be decoded: it is never overwritten until the user resets it. */
  | "stateUnreadable";

/** The message of a state that cannot be decoded (hosts refuse to write over it). */
export function stateUnreadableError(error: string): HostError {
  return new HostError(
    "stateUnreadable",
    `工作簿中的助手数据（隐藏工作表“${STATE_SHEET}”）无法读取，为免丢失其中的规则集、忽略记录和操作记录，助手不会覆盖它；可以继续校验，但忽略、撤销等需要保存的操作暂不可用。如需重新开始，请选择“清除助手数据”。（原因：${error}）`,
    `The assistant's data in this workbook (the hidden sheet "${STATE_SHEET}") cannot be read; so as not to lose the rule set, ignores and journal it holds, it is not overwritten. Checking still works; ignoring and undo need saving and are unavailable until you choose "Clear assistant data". (Reason: ${error})`
  );
}

/** A failure a person can act on; the pane shows `message_zh`/`message_en`, never a stack. */
export class HostError extends Error {
  constructor(
    readonly kind: HostErrorKind,
    readonly message_zh: string,
    readonly message_en: string
  ) {
    super(message_en);
    this.name = "HostError";
  }
}

/**
 * The workbook's structure is protected (审阅 › 保护工作簿), so no sheet can be added: not the state
 * sheet "_selfeval" (the first 忽略, fill or mark needs it) and not a new table.
 */
export function structureProtectedError(action: "state" | "insert"): HostError {
  if (action === "insert") {
    return new HostError(
      "protected",
      "工作簿结构受保护，无法插入新的工作表，未做任何更改。请先在“审阅 › 保护工作簿”中撤销工作簿保护。",
      "The workbook's structure is protected, so no sheet can be added; nothing was changed. Unprotect the workbook (Review › Protect Workbook) first."
    );
  }
  return new HostError(
    "protected",
    `工作簿结构受保护，助手无法添加保存记录的隐藏工作表“${STATE_SHEET}”，未做任何更改。请先在“审阅 › 保护工作簿”中撤销工作簿保护。`,
    `The workbook's structure is protected, so the assistant cannot add its hidden sheet "${STATE_SHEET}" to keep its records; nothing was changed. Unprotect the workbook (Review › Protect Workbook) first.`
  );
}

/** A write into a hidden sheet the last check left out (hidden sheets are skipped unless included). */
export function hiddenSheetError(sheet: string): HostError {
  return new HostError(
    "failed",
    `工作表“${sheet}”是隐藏工作表，未参与校验，助手不会写入它，未做任何更改。如需处理，请选择包括隐藏工作表后重新校验。`,
    `Sheet "${sheet}" is hidden and was not checked, so the assistant does not write to it; nothing was changed. To work on it, include hidden sheets and check again.`
  );
}

/** A protected sheet that is not one of our own templates (or has a password): nothing is written. */
export function foreignProtectedError(sheet: string): HostError {
  return new HostError(
    "protected",
    `工作表“${sheet}”受保护，未写入任何内容。请先在 Excel 中撤销该工作表的保护（审阅 › 撤销工作表保护）。`,
    `Sheet "${sheet}" is protected; nothing was written. Unprotect the sheet in Excel first (Review › Unprotect Sheet).`
  );
}
