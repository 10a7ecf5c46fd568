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
  for (const r of grid.rows()) {
    for (const c of grid.cols(r)) {
      const v = grid.value(r, c);
      if (typeof v !== "string" || v.length > MAX_LABEL_CELL) continue;
      if (grid.isMergeContinuation(r, c)) continue;
      out.push({ row: r, col: c, text: v });
    }
  }
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

/**
 * The sheet's labels under one matcher: every short text cell that matches a spelling, grouped by
 * row. Everything after this looks labels up here instead of re-reading cells.
 */
export class LabelIndex<K extends string = string> {
  readonly byRow = new Map<number, LabelHit<K>[]>();

  constructor(cells: readonly TextCell[], matcher: LabelMatcher<K>) {
    for (const cell of cells) {
      const keys = matcher.keysOf(cell.text);
      if (keys.length === 0) continue;
      let hits = this.byRow.get(cell.row);
      if (!hits) this.byRow.set(cell.row, (hits = []));
      hits.push({ row: cell.row, col: cell.col, keys });
    }
  }

  hitsIn(row: number, left = -Infinity, right = Infinity): LabelHit<K>[] {
    const hits = this.byRow.get(row);
    if (!hits) return [];
    if (left === -Infinity && right === Infinity) return hits;
    return hits.filter((h) => h.col >= left && h.col <= right);
  }

  /** First column in the row (within bounds) holding a label of this key. */
  colOf(row: number, key: K, left = -Infinity, right = Infinity): number | null {
    const hits = this.byRow.get(row);
    if (!hits) return null;
    for (const h of hits) if (h.col >= left && h.col <= right && h.keys.includes(key)) return h.col;
    return null;
  }

  has(row: number, key: K, left = -Infinity, right = Infinity): boolean {
    return this.colOf(row, key, left, right) !== null;
  }

  rows(): number[] {
    return [...this.byRow.keys()].sort((a, b) => a - b);
  }
}
