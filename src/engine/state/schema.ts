import { z } from "zod";
import { CellValueSchema } from "../model/table";

/**
 * Workbook-level state kept in the very hidden worksheet "_selfeval", so every host (the task
 * pane, the CLI, the browser preview) sees the same journal, ignored findings and rule set.
 *
 * Forward compatible: finding codes and journal actions are open strings (a newer version may add
 * some; an entry with one we do not know is kept and matches nothing), every object keeps the keys
 * it does not know, and an entry this version cannot read at all is kept apart (`kept`) and written
 * back untouched (codec.ts). A state that cannot be decoded at all is never overwritten: hosts get
 * its error and refuse to write the state until the user chooses to reset it.
 */
export const STATE_SHEET = "_selfeval";
/** The format this version writes: 2 added anchors, `after` looks, open codes and `kept`. */
export const STATE_VERSION = 2;

/**
 * Where a cell is, by what it is rather than its address: the table (its 项目名称, or its title, and
 * its order among the tables of that name on the sheet), the field (a fill purpose, a funding row's
 * column, an indicator's column) and, for an indicator, its 三级指标 and order. Re-resolved against
 * the current detection (journal/anchor.ts), it survives inserted or deleted rows; `sheetId` (the
 * worksheet's stable id where the host has one: Office's worksheet.id) survives a renamed sheet.
 */
export const CellAnchorSchema = z.looseObject({
  sheetId: z.string().optional(),
  table: z.string(),
  field: z.string(),
});
export type CellAnchor = z.infer<typeof CellAnchorSchema>;

/** How a cell looks: value, formula, number format, fill ("#RRGGBB" or null) and note. */
export interface CellLook {
  value: z.infer<typeof CellValueSchema>;
  formula: string | null;
  numberFormat: string | null;
  fill: string | null;
  note: string | null;
}

/** How a cell looked before we wrote to it (enough to put it back exactly), and what we wrote. */
export const CellBeforeSchema = z.looseObject({
  sheet: z.string(),
  address: z.string(),
  value: CellValueSchema,
  formula: z.string().nullable(),
  numberFormat: z.string().nullable(),
  /** Fill colour as "#RRGGBB", or null for no fill. */
  fill: z.string().nullable(),
  /** The cell's note/comment text, or null for none. */
  note: z.string().nullable(),
  /**
   * What the action left in the cell (the parts it wrote). Undo restores a cell only while it still
   * holds this; entries written before version 2 have none and are restored as before.
   */
  after: z
    .looseObject({
      value: CellValueSchema.optional(),
      formula: z.string().nullable().optional(),
      fill: z.string().nullable().optional(),
      note: z.string().nullable().optional(),
    })
    .optional(),
  anchor: CellAnchorSchema.optional(),
});
export type CellBefore = z.infer<typeof CellBeforeSchema>;

/** Actions this version writes; the journal accepts any string (a newer version's actions). */
export const KNOWN_ACTIONS = [
  "fill",
  "highlight",
  "clearHighlights",
  "applySuggestedScores",
  "insertTemplate",
  "convertNumbers",
] as const;
export type KnownAction = (typeof KNOWN_ACTIONS)[number];
/** A journal action: one of ours, or one a newer version wrote (kept as it is). */
export type JournalAction = KnownAction | (string & {});

export const JournalEntrySchema = z.looseObject({
  id: z.string(),
  /** ISO time. */
  at: z.string(),
  action: z.string() as z.ZodType<JournalAction>,
  cells: z.array(CellBeforeSchema),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** A finding a reviewer accepted, with the reason; matched by code, sheet and cell (or its anchor). */
export const SuppressionSchema = z.looseObject({
  /** A finding code; one this version does not know is kept and matches nothing. */
  code: z.string().min(1),
  sheet: z.string(),
  cell: z.string().nullable(),
  reason: z.string().min(1),
  at: z.string(),
  by: z.string().optional(),
  anchor: CellAnchorSchema.optional(),
});
export type Suppression = z.infer<typeof SuppressionSchema>;

/** A cell we coloured and annotated, with what it had before, so 清除标记 can put it back. */
export const MarkSchema = z.looseObject({
  sheet: z.string(),
  address: z.string(),
  fill: z.string().nullable(),
  note: z.string().nullable(),
  anchor: CellAnchorSchema.optional(),
});
export type Mark = z.infer<typeof MarkSchema>;

/** Entries of a list this version could not read, kept as they were and written back. */
export const KeptSchema = z.looseObject({
  journal: z.array(z.unknown()).optional(),
  suppressions: z.array(z.unknown()).optional(),
  marks: z.array(z.unknown()).optional(),
});

export interface WorkbookState {
  /** The format the state was read in (written back as STATE_VERSION or the newer one read). */
  version: number;
  journal: JournalEntry[];
  suppressions: Suppression[];
  marks: Mark[];
  /** The template owner's rule set (validated by its own schema where it is used). */
  rules?: unknown;
  /**
   * How many journal entries the caps (MAX_JOURNAL_ENTRIES, MAX_STATE_BYTES) have dropped so far,
   * oldest first; absent when none. Those actions can no longer be undone.
   */
  journalDropped?: number;
  /** Entries this version could not read, written back as they were. */
  kept?: { journal?: unknown[]; suppressions?: unknown[]; marks?: unknown[] };
  /** Top-level keys of a newer version, written back as they were. */
  [key: string]: unknown;
}

export function emptyState(): WorkbookState {
  return { version: STATE_VERSION, journal: [], suppressions: [], marks: [] };
}

/** Journal entries kept at most; older ones are dropped (codec.ts also caps the state's size). */
export const MAX_JOURNAL_ENTRIES = 20;
/**
 * The encoded state's size cap in bytes (UTF-8). Excel on the web rejects requests over 5 MB, and a
 * write carries the state with the cells: 1 MB leaves room for both. The oldest journal entries go
 * first; ignored findings, marks and the rule set are never dropped.
 */
export const MAX_STATE_BYTES = 1_000_000;
