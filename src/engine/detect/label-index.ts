import { Grid } from "../grid/snapshot";
import { LabelMatcher } from "../labels/matcher";

export interface LabelHit<K extends string = string> {
  row: number;
  col: number;
  keys: K[];
}

/** A short text cell of the sheet: the only cells that can be labels. */
export interface TextCell {
  row: number;
  col: number;
  text: string;
}

/** Labels are short; a cell of more than this many characters is text, never a label. */
const MAX_LABEL_CELL = 200;

const textCellCache = new WeakMap<Grid, TextCell[]>();

/**
 * Every short text cell of the sheet, in row order; read once per grid and shared by every
 * family's index (the cell scan is the costly part, matching a text is a map look-up).
 */
export function textCells(grid: Grid): TextCell[] {
  const known = textCellCache.get(grid);
  if (known) return known;
  const out: TextCell[] = [];
  // Only the cells that hold something: cost follows the content, not the used range.
  grid.eachValue((row, col, v) => {
    if (typeof v !== "string" || v.length > MAX_LABEL_CELL) return;
    if (grid.isMergeContinuation(row, col)) return;
    out.push({ row, col, text: v });
  });
  textCellCache.set(grid, out);
  return out;
}

const byRowCache = new WeakMap<Grid, Map<number, TextCell[]>>();

/** The short text cells of the sheet by row. */
export function textCellsByRow(grid: Grid): Map<number, TextCell[]> {
  let m = byRowCache.get(grid);
  if (m) return m;
  m = new Map();
  for (const c of textCells(grid)) {
    let list = m.get(c.row);
    if (!list) m.set(c.row, (list = []));
    list.push(c);
  }
  byRowCache.set(grid, m);
  return m;
}

const NO_HITS: readonly LabelHit<never>[] = Object.freeze([]);

/**
 * The index built last, kept until the next one. V8 drops the hidden classes of an index and its
 * hits at a full GC once no index is left, and with them the optimised code of the whole of
 * detection (deopt reason "weak objects"), which then runs unoptimised again for the next
 * workbook (a folder check, the task pane). Measured on the 500-table bench workbook (same
 * snapshots each pass, so only this index's classes died): a detection pass right after a full GC
 * took 167–293 ms without it and 77–96 ms with it, as fast as the passes that follow. It must be
 * a real, current index: an exemplar built at start-up keeps hidden classes that later use has
 * already replaced (tried: no effect). Costs one sheet's label hits.
 */
const retained: { lastBuilt: unknown } = { lastBuilt: null };

/**
 * The sheet's labels under one matcher: every short text cell that matches a spelling, grouped by
 * row. Everything after this looks labels up here instead of re-reading cells.
 *
 * Detection asks "which column of this row holds key K (within these bounds)" thousands of times
 * per sheet. A row holds a handful of labels, each with the matcher's shared list of keys, so a
 * look-up is one map read and a short walk along the row: nothing is allocated, and building the
 * index costs one hit per label.
 */
export class LabelIndex<K extends string = string> {
  private readonly byRow = new Map<number, LabelHit<K>[]>();
  private sortedRows: number[] | null = null;

  constructor(cells: readonly TextCell[], matcher: LabelMatcher<K>) {
    for (const cell of cells) {
      const keys = matcher.keysOf(cell.text);
      if (keys.length === 0) continue;
      const hit = { row: cell.row, col: cell.col, keys };
      const row = this.byRow.get(cell.row);
      if (!row) this.byRow.set(cell.row, [hit]);
      else row.push(hit);
    }
    retained.lastBuilt = this;
  }

  /** The hits of a row within [left, right], in column order. Callers must not modify the list. */
  hitsIn(row: number, left = -Infinity, right = Infinity): readonly LabelHit<K>[] {
    const hits = this.byRow.get(row);
    if (!hits) return NO_HITS;
    // Most rows lie wholly inside the bounds asked for: then the row's own list, not a copy.
    if (hits[0].col >= left && hits[hits.length - 1].col <= right) return hits;
    return hits.filter((h) => h.col >= left && h.col <= right);
  }

  /** The hit at one cell, if that cell is a label. */
  hitAt(row: number, col: number): LabelHit<K> | undefined {
    const hits = this.byRow.get(row);
    if (!hits) return undefined;
    for (const h of hits) if (h.col === col) return h;
    return undefined;
  }

  /** First column in the row (within bounds) holding a label of this key. */
  colOf(row: number, key: K, left = -Infinity, right = Infinity): number | null {
    const hits = this.byRow.get(row);
    if (!hits) return null;
    for (const h of hits) {
      if (h.col > right) return null;
      if (h.col >= left && h.keys.includes(key)) return h.col;
    }
    return null;
  }

  has(row: number, key: K, left = -Infinity, right = Infinity): boolean {
    return this.colOf(row, key, left, right) !== null;
  }

  /** Rows holding at least one label, ascending. Callers must not modify the list. */
  rows(): readonly number[] {
    return (this.sortedRows ??= [...this.byRow.keys()].sort((a, b) => a - b));
  }
}
