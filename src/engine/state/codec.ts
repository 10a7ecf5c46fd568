import { emptyState, MAX_JOURNAL_ENTRIES, WorkbookState, WorkbookStateSchema } from "./schema";

/**
 * The state is stored as JSON text split over the cells of column A of the state sheet
 * (A1 holds a marker and the version). Excel caps a cell at 32,767 characters.
 */
export const STATE_MARKER = "selfeval-state";
const CHUNK = 30000;

export function encodeState(state: WorkbookState): string[][] {
  const trimmed: WorkbookState = { ...state, journal: state.journal.slice(-MAX_JOURNAL_ENTRIES) };
  const json = JSON.stringify(trimmed);
  const rows: string[][] = [[`${STATE_MARKER} v${trimmed.version}`]];
  for (let i = 0; i < json.length; i += CHUNK) rows.push([json.slice(i, i + CHUNK)]);
  return rows;
}

export type DecodeResult =
  { ok: true; state: WorkbookState } | { ok: false; state: WorkbookState; error: string };

/** Reads the state back from column A's values; anything unreadable gives an empty state and says why. */
export function decodeState(columnA: readonly unknown[]): DecodeResult {
  if (
    columnA.length === 0 ||
    columnA[0] === null ||
    columnA[0] === undefined ||
    columnA[0] === ""
  ) {
    return { ok: true, state: emptyState() };
  }
  if (typeof columnA[0] !== "string" || !columnA[0].startsWith(STATE_MARKER)) {
    return {
      ok: false,
      state: emptyState(),
      error: "state sheet A1 is not a selfeval state marker",
    };
  }
  const json = columnA
    .slice(1)
    .filter((v): v is string => typeof v === "string")
    .join("");
  try {
    const parsed = WorkbookStateSchema.safeParse(JSON.parse(json));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, state: emptyState(), error: `${issue.path.join(".")}: ${issue.message}` };
    }
    return { ok: true, state: parsed.data };
  } catch (e) {
    return { ok: false, state: emptyState(), error: e instanceof Error ? e.message : String(e) };
  }
}
