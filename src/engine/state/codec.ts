import { z } from "zod";
import {
  emptyState,
  JournalEntry,
  JournalEntrySchema,
  KeptSchema,
  Mark,
  MarkSchema,
  MAX_JOURNAL_ENTRIES,
  MAX_STATE_BYTES,
  STATE_VERSION,
  Suppression,
  SuppressionSchema,
  WorkbookState,
} from "./schema";

/**
 * The state is stored as JSON text split over the cells of column A of the state sheet
 * (A1 holds a marker and the version). Excel caps a cell at 32,767 characters.
 */
export const STATE_MARKER = "selfeval-state";
const CHUNK = 30000;

/** UTF-8 length of a string, without an encoder (the engine runs in Node and browsers alike). */
function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * The journal as stored: the newest `maxCount` entries, and fewer while the whole state would pass
 * `maxBytes` (oldest first). What else the state holds is never dropped.
 */
export function capJournal(
  state: WorkbookState,
  maxCount = MAX_JOURNAL_ENTRIES,
  maxBytes = MAX_STATE_BYTES
): JournalEntry[] {
  let journal = state.journal.slice(-maxCount);
  const rest = utf8Bytes(JSON.stringify({ ...state, journal: [] }));
  const sizes = journal.map((e) => utf8Bytes(JSON.stringify(e)) + 1);
  let total = rest + sizes.reduce((a, b) => a + b, 0);
  let drop = 0;
  while (drop < journal.length && total > maxBytes) total -= sizes[drop++];
  journal = journal.slice(drop);
  return journal;
}

/**
 * The JSON document of a state: kept entries go back into their lists, unknown keys stay. Journal
 * entries the cap drops are counted in `journalDropped` (so a host can say why undo stops early).
 */
function documentOf(state: WorkbookState): Record<string, unknown> {
  const { kept, ...rest } = state;
  const journal = capJournal(state);
  const dropped = state.journal.length - journal.length;
  const before = typeof state.journalDropped === "number" ? state.journalDropped : 0;
  const doc: Record<string, unknown> = {
    ...rest,
    ...(dropped > 0 ? { journalDropped: before + dropped } : {}),
    version: Math.max(state.version, STATE_VERSION),
    journal: [...(kept?.journal ?? []), ...journal],
    suppressions: [...(kept?.suppressions ?? []), ...state.suppressions],
    marks: [...(kept?.marks ?? []), ...state.marks],
  };
  return doc;
}

export function encodeState(state: WorkbookState): string[][] {
  const doc = documentOf(state);
  const json = JSON.stringify(doc);
  const rows: string[][] = [[`${STATE_MARKER} v${doc.version as number}`]];
  for (let i = 0; i < json.length; i += CHUNK) rows.push([json.slice(i, i + CHUNK)]);
  return rows;
}

export type DecodeResult =
  | { ok: true; state: WorkbookState }
  /**
   * The state could not be decoded at all. `state` is empty for reading; hosts must not write a
   * state over it (StateUnreadable) until the user chooses to reset it.
   */
  | { ok: false; state: WorkbookState; error: string };

/** Reads a list entry by entry: what fits the schema is typed, the rest is kept as it was. */
function readList<T>(
  raw: unknown,
  schema: z.ZodType<T>
): { items: T[]; kept: unknown[]; error: string | null } {
  if (raw === undefined || raw === null) return { items: [], kept: [], error: null };
  if (!Array.isArray(raw)) return { items: [], kept: [], error: "not a list" };
  const items: T[] = [];
  const kept: unknown[] = [];
  for (const e of raw) {
    const p = schema.safeParse(e);
    if (p.success) items.push(p.data);
    else kept.push(e);
  }
  return { items, kept, error: null };
}

const TopSchema = z.looseObject({ version: z.number().int().positive() });

/** Reads the state back from column A's values; a state that cannot be decoded says why. */
export function decodeState(columnA: readonly unknown[]): DecodeResult {
  if (
    columnA.length === 0 ||
    columnA[0] === null ||
    columnA[0] === undefined ||
    columnA[0] === ""
  ) {
    return { ok: true, state: emptyState() };
  }
  const fail = (error: string): DecodeResult => ({ ok: false, state: emptyState(), error });
  if (typeof columnA[0] !== "string" || !columnA[0].startsWith(STATE_MARKER))
    return fail("state sheet A1 is not a selfeval state marker");
  const json = columnA
    .slice(1)
    .filter((v): v is string => typeof v === "string")
    .join("");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const top = TopSchema.safeParse(parsed);
  if (!top.success) {
    const issue = top.error.issues[0];
    return fail(`${issue.path.join(".") || "state"}: ${issue.message}`);
  }
  const doc = top.data as Record<string, unknown>;
  const journal = readList<JournalEntry>(doc.journal, JournalEntrySchema);
  const suppressions = readList<Suppression>(doc.suppressions, SuppressionSchema);
  const marks = readList<Mark>(doc.marks, MarkSchema);
  for (const [name, l] of [
    ["journal", journal],
    ["suppressions", suppressions],
    ["marks", marks],
  ] as const) {
    if (l.error) return fail(`${name}: ${l.error}`);
  }
  const kept = KeptSchema.parse({
    ...(journal.kept.length ? { journal: journal.kept } : {}),
    ...(suppressions.kept.length ? { suppressions: suppressions.kept } : {}),
    ...(marks.kept.length ? { marks: marks.kept } : {}),
  });
  const state: WorkbookState = {
    ...doc,
    version: top.data.version,
    journal: journal.items,
    suppressions: suppressions.items,
    marks: marks.items,
  };
  delete state.kept;
  if (Object.keys(kept).length > 0) state.kept = kept;
  return { ok: true, state };
}
