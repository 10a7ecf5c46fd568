import { Grid } from "../grid/snapshot";
import { LabelKey } from "../labels/dictionary";
import { LabelMatcher } from "../labels/matcher";

export interface LabelHit {
  row: number;
  col: number;
  keys: LabelKey[];
}

/**
 * One pass over the sheet: every short text cell that matches a dictionary spelling,
 * grouped by row. Everything after this looks labels up here instead of re-reading cells.
 */
export class LabelIndex {
  readonly byRow = new Map<number, LabelHit[]>();

  constructor(grid: Grid, matcher: LabelMatcher) {
    // Only the cells that hold something: cost follows the content, not the used range.
    for (const r of grid.rows()) {
      let hits: LabelHit[] | undefined;
      for (const c of grid.cols(r)) {
        const v = grid.value(r, c);
        if (typeof v !== "string" || v.length > 200) continue;
        if (grid.isMergeContinuation(r, c)) continue;
        const keys = matcher.keysOf(v);
        if (keys.length === 0) continue;
        (hits ??= []).push({ row: r, col: c, keys });
      }
      if (hits) this.byRow.set(r, hits);
    }
  }

  hitsIn(row: number, left = -Infinity, right = Infinity): LabelHit[] {
    return (this.byRow.get(row) ?? []).filter((h) => h.col >= left && h.col <= right);
  }

  /** First column in the row (within bounds) holding a label of this key. */
  colOf(row: number, key: LabelKey, left = -Infinity, right = Infinity): number | null {
    for (const h of this.hitsIn(row, left, right)) if (h.keys.includes(key)) return h.col;
    return null;
  }

  has(row: number, key: LabelKey, left = -Infinity, right = Infinity): boolean {
    return this.colOf(row, key, left, right) !== null;
  }

  rows(): number[] {
    return [...this.byRow.keys()].sort((a, b) => a - b);
  }
}
