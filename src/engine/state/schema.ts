import { z } from "zod";
import { CellValueSchema } from "../model/table";
import { FindingCodeSchema } from "../model/finding";

/**
 * Workbook-level state kept in the very hidden worksheet "_selfeval", so every host (the task
 * pane, the CLI, the browser preview) sees the same journal, ignored findings and rule set.
 */
export const STATE_SHEET = "_selfeval";
export const STATE_VERSION = 1;

/** How a cell looked before we wrote to it: enough to put it back exactly. */
export const CellBeforeSchema = z.object({
  sheet: z.string(),
  address: z.string(),
  value: CellValueSchema,
  formula: z.string().nullable(),
  numberFormat: z.string().nullable(),
  /** Fill colour as "#RRGGBB", or null for no fill. */
  fill: z.string().nullable(),
  /** The cell's note/comment text, or null for none. */
  note: z.string().nullable(),
});
export type CellBefore = z.infer<typeof CellBeforeSchema>;

export const JournalEntrySchema = z.object({
  id: z.string(),
  /** ISO time. */
  at: z.string(),
  action: z.enum([
    "fill",
    "highlight",
    "clearHighlights",
    "applySuggestedScores",
    "insertTemplate",
    "convertNumbers",
  ]),
  cells: z.array(CellBeforeSchema),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** A finding a reviewer accepted, with the reason; matched by code, sheet and cell. */
export const SuppressionSchema = z.object({
  code: FindingCodeSchema,
  sheet: z.string(),
  cell: z.string().nullable(),
  reason: z.string().min(1),
  at: z.string(),
  by: z.string().optional(),
});
export type Suppression = z.infer<typeof SuppressionSchema>;

/** A cell we coloured and annotated, with what it had before, so 清除标记 can put it back. */
export const MarkSchema = z.object({
  sheet: z.string(),
  address: z.string(),
  fill: z.string().nullable(),
  note: z.string().nullable(),
});
export type Mark = z.infer<typeof MarkSchema>;

export const WorkbookStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  journal: z.array(JournalEntrySchema).default([]),
  suppressions: z.array(SuppressionSchema).default([]),
  marks: z.array(MarkSchema).default([]),
  /** The template owner's rule set (validated by its own schema where it is used). */
  rules: z.unknown().optional(),
});
export type WorkbookState = z.infer<typeof WorkbookStateSchema>;

export function emptyState(): WorkbookState {
  return { version: STATE_VERSION, journal: [], suppressions: [], marks: [] };
}

/** Journal entries kept; older ones are dropped so the state sheet stays small. */
export const MAX_JOURNAL_ENTRIES = 20;
