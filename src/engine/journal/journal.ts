import { sameFormula } from "../fill/plan-fill";
import { parseA1 } from "../grid/a1";
import { CellWrite, Highlight, WritePlan } from "../fill/plan-types";
import { CellValue } from "../grid/snapshot";
import {
  CellAnchor,
  CellBefore,
  CellLook,
  JournalAction,
  JournalEntry,
  Mark,
  WorkbookState,
} from "../state/schema";
import { hasReferences, moveFormula, referenceMoves } from "./formula-move";

/**
 * The journal, the marks and undo as pure functions over the state: every host (Office, the browser
 * preview, the pane's test fake) reads the cells, calls these, and writes what they return. So undo
 * behaves the same everywhere: it restores a cell only while the cell still holds what the action
 * wrote, and lists the others as conflicts.
 */

/** A cell's position and how it looks now, as a host reads it. */
export interface CellAt extends CellLook {
  sheet: string;
  address: string;
}

const key = (sheet: string, address: string) => `${sheet}!${address.toUpperCase()}`;

/**
 * The journal entry of a plan about to be written: what every touched cell held (`looks`, read by
 * the host just before the write; cells the host will not write are left out), what the plan
 * leaves there (`after`), and each cell's anchor where the host gives one.
 */
export function journalEntryFor(
  plan: WritePlan,
  looks: readonly CellAt[],
  action: JournalAction,
  options: {
    id: string;
    at: string;
    anchorOf?: (sheet: string, address: string) => CellAnchor | null;
  }
): JournalEntry {
  const writes = new Map<string, CellWrite>();
  for (const w of plan.writes) writes.set(key(w.sheet, w.address), w);
  const highlights = new Map<string, Highlight>();
  for (const h of plan.highlights) highlights.set(key(h.sheet, h.address), h);
  const cells: CellBefore[] = [];
  const seen = new Set<string>();
  for (const l of looks) {
    const k = key(l.sheet, l.address);
    if (seen.has(k)) continue;
    seen.add(k);
    const w = writes.get(k);
    const h = highlights.get(k);
    if (!w && !h) continue;
    const after: NonNullable<CellBefore["after"]> = {};
    if (w) {
      if (w.formula !== undefined) after.formula = w.formula;
      else {
        after.formula = null;
        after.value = w.value ?? null;
      }
    }
    if (h) after.fill = `#${h.fillArgb.slice(-6).toUpperCase()}`;
    const anchor = options.anchorOf?.(l.sheet, l.address) ?? null;
    cells.push({
      sheet: l.sheet,
      address: l.address,
      value: l.value,
      formula: l.formula,
      numberFormat: l.numberFormat,
      fill: l.fill,
      note: l.note,
      after,
      ...(anchor ? { anchor } : {}),
    });
  }
  return { id: options.id, at: options.at, action, cells };
}

/** Adds an entry (one that touched at least one cell) to the journal. */
export function withEntry(state: WorkbookState, entry: JournalEntry): WorkbookState {
  if (entry.cells.length === 0) return state;
  return { ...state, journal: [...state.journal, entry] };
}

/** The marks after highlighting: one per highlighted cell, remembering what it had before. */
export function withMarks(state: WorkbookState, entry: JournalEntry): WorkbookState {
  const marks = [...state.marks];
  for (const c of entry.cells) {
    if (c.after?.fill === undefined) continue;
    if (marks.some((m) => key(m.sheet, m.address) === key(c.sheet, c.address))) continue;
    marks.push({
      sheet: c.sheet,
      address: c.address,
      fill: c.fill,
      note: c.note,
      ...(c.anchor ? { anchor: c.anchor } : {}),
    });
  }
  return { ...state, marks };
}

function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  const blank = (v: CellValue | undefined) => v === null || v === undefined || v === "";
  if (blank(a) && blank(b)) return true;
  return a === b;
}

const sameFill = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? null)?.toUpperCase() === (b ?? null)?.toUpperCase();

/** Whether the cell still holds what the action wrote (entries without `after` always do). */
export function stillAsWritten(cell: CellBefore, now: CellLook): boolean {
  const a = cell.after;
  if (!a) return true;
  if (a.formula !== undefined) {
    if (a.formula === null) {
      if (now.formula) return false;
      if (a.value !== undefined && !sameValue(a.value, now.value)) return false;
    } else if (!sameFormula(now.formula, a.formula)) return false;
  }
  if (a.fill !== undefined && !sameFill(a.fill, now.fill)) return false;
  if (a.note !== undefined && (a.note ?? "").trim() !== (now.note ?? "").trim()) return false;
  return true;
}

/**
 * Where a journalled cell (or a mark) is now: its anchor re-resolved by the host, else where it was;
 * null when the anchor no longer resolves (its row was deleted, its sheet is gone).
 */
export type Locate = (cell: {
  sheet: string;
  address: string;
  anchor?: CellAnchor;
}) => { sheet: string; address: string } | null;

export interface UndoPlan {
  /** The entry undone (popped from the journal), or null when the journal is empty. */
  entry: JournalEntry | null;
  /** The cells to put back, at their current position, as the journal recorded them. */
  restore: CellBefore[];
  /**
   * Cells changed since the action (冲突：这些单元格在填充后又被修改，未撤销) or no longer found:
   * left alone.
   */
  conflicts: { sheet: string; address: string }[];
  /** The state to write: the journal popped, the marks of restored cells gone (or back, for 清除标记). */
  state: WorkbookState;
}

/** The cells of the newest entry, where they are now: what a host reads before planUndo. */
export function cellsToRead(
  state: WorkbookState,
  locate?: Locate
): { sheet: string; address: string }[] {
  const entry = state.journal[state.journal.length - 1];
  if (!entry) return [];
  const out: { sheet: string; address: string }[] = [];
  for (const c of entry.cells) {
    const at = locate ? locate(c) : { sheet: c.sheet, address: c.address };
    if (at) out.push(at);
  }
  return out;
}

function moveOf(from: { address: string }, to: { address: string }): [number, number] | null {
  try {
    const a = parseA1(from.address);
    const b = parseA1(to.address);
    return [b.row - a.row, b.col - a.col];
  } catch {
    return null;
  }
}

/**
 * What to put back into a journalled cell found at `at`, or null when it cannot be put back safely
 * (a conflict). The cell must still hold what the action wrote; a formula we wrote counts as held
 * when only its references moved, by moves the entry's own cells made on that sheet (rows inserted
 * or deleted: Excel rewrote them). A formula the cell held before is moved the same way, and only
 * when that is certain (every reference moved alike); otherwise the cell is left alone.
 */
function restorable(
  c: CellBefore,
  now: CellLook,
  at: { sheet: string; address: string },
  moves: ReadonlySet<string>
): CellBefore | null {
  const placed = { ...c, sheet: at.sheet, address: at.address };
  const formula = c.after?.formula;
  if (typeof formula === "string" && !sameFormula(now.formula, formula)) {
    const refs = referenceMoves(now.formula, formula);
    if (!refs || refs.length === 0) return null;
    if (!refs.every(([r, k]) => moves.has(`${r},${k}`))) return null;
    const withoutFormula = { ...c, after: { ...c.after, formula: undefined } };
    delete withoutFormula.after.formula;
    if (!stillAsWritten(withoutFormula, now)) return null;
    if (c.formula === null || !hasReferences(c.formula)) return placed;
    const [first] = refs;
    if (!refs.every(([r, k]) => r === first[0] && k === first[1])) return null;
    const moved = moveFormula(c.formula, first[0], first[1]);
    return moved === null ? null : { ...placed, formula: moved };
  }
  if (!stillAsWritten(c, now)) return null;
  // A formula we replaced with a value, in a cell that moved: where its references point now is unknown.
  const move = moveOf(c, at);
  if (
    c.after?.formula === null &&
    c.formula !== null &&
    hasReferences(c.formula) &&
    (!move || move[0] !== 0 || move[1] !== 0)
  )
    return null;
  return placed;
}

/**
 * Undo of the newest entry. `look` gives how a cell looks now (undefined for a missing sheet);
 * `locate` (hosts with anchors) says where each journalled cell is now. A cell is put back only
 * while it holds what the action wrote; the rest, and cells no longer found, are conflicts.
 */
export function planUndo(
  state: WorkbookState,
  look: (sheet: string, address: string) => CellLook | undefined,
  locate?: Locate
): UndoPlan {
  const entry = state.journal[state.journal.length - 1] ?? null;
  if (!entry) return { entry: null, restore: [], conflicts: [], state };
  const restore: CellBefore[] = [];
  const conflicts: { sheet: string; address: string }[] = [];
  const readded: Mark[] = [];
  /** Marks of restored cells, by where they were recorded and where they are now. */
  const restored = new Set<string>();
  const located = entry.cells.map((c) => ({
    c,
    at: locate ? locate(c) : { sheet: c.sheet, address: c.address },
  }));
  // How the entry's cells moved, per sheet (rows inserted or deleted since the action).
  const moves = new Map<string, Set<string>>();
  for (const { c, at } of located) {
    if (!at) continue;
    const m = moveOf(c, at);
    if (!m) continue;
    const set = moves.get(at.sheet) ?? new Set<string>();
    set.add(`${m[0]},${m[1]}`);
    moves.set(at.sheet, set);
  }
  for (const { c, at } of located) {
    const now = at ? look(at.sheet, at.address) : undefined;
    if (!at || !now) {
      conflicts.push({ sheet: c.sheet, address: c.address });
      continue;
    }
    const back = restorable(c, now, at, moves.get(at.sheet) ?? new Set());
    if (!back) {
      conflicts.push(at);
      continue;
    }
    restore.push(back);
    if (c.after?.fill !== undefined || !c.after) {
      restored.add(key(c.sheet, c.address));
      restored.add(key(at.sheet, at.address));
    }
    if (entry.action === "clearHighlights")
      readded.push({
        sheet: at.sheet,
        address: at.address,
        fill: now.fill,
        note: now.note,
        ...(c.anchor ? { anchor: c.anchor } : {}),
      });
  }
  let marks = state.marks;
  if (entry.action === "clearHighlights") {
    marks = [...marks];
    for (const m of readded)
      if (!marks.some((x) => key(x.sheet, x.address) === key(m.sheet, m.address))) marks.push(m);
  } else {
    marks = marks.filter((m) => !restored.has(key(m.sheet, m.address)));
  }
  return {
    entry,
    restore,
    conflicts,
    state: { ...state, journal: state.journal.slice(0, -1), marks },
  };
}

/**
 * 清除标记: the marks' cells put back to the fill and note they had, journalled (undoable). A mark
 * whose cell no longer shows our highlight (a person recoloured it) is left as it is.
 */
export function planClearMarks(
  state: WorkbookState,
  look: (sheet: string, address: string) => CellLook | undefined,
  options: { id: string; at: string; highlightFill?: string; locate?: Locate }
): { restore: Mark[]; entry: JournalEntry | null; state: WorkbookState } {
  const restore: Mark[] = [];
  const cells: CellBefore[] = [];
  for (const mark of state.marks) {
    // A mark whose cell is gone (its sheet, or its row) is dropped: there is nothing to put back.
    const at = options.locate ? options.locate(mark) : mark;
    if (!at) continue;
    const m: Mark = { ...mark, sheet: at.sheet, address: at.address };
    const now = look(m.sheet, m.address);
    if (!now) continue;
    if (options.highlightFill && !sameFill(now.fill, options.highlightFill)) continue;
    restore.push(m);
    cells.push({
      sheet: m.sheet,
      address: m.address,
      value: now.value,
      formula: now.formula,
      numberFormat: now.numberFormat,
      fill: now.fill,
      note: now.note,
      after: { fill: m.fill, note: m.note },
      ...(m.anchor ? { anchor: m.anchor } : {}),
    });
  }
  const entry = cells.length
    ? { id: options.id, at: options.at, action: "clearHighlights", cells }
    : null;
  const next: WorkbookState = { ...state, marks: [] };
  return { restore, entry, state: entry ? withEntry(next, entry) : next };
}

/**
 * What 清除助手数据 removes: the journal, the ignored findings and the marks; the rule set only when
 * asked. Entries this version could not read go too (they are of the same kinds).
 */
export function clearedState(state: WorkbookState, options: { rules: boolean }): WorkbookState {
  const next: WorkbookState = { ...state, journal: [], suppressions: [], marks: [] };
  delete next.kept;
  delete next.journalDropped;
  if (options.rules) delete next.rules;
  return next;
}
