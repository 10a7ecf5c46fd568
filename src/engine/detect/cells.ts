import { Grid } from "../grid/snapshot";
import { Located } from "../model/table";
import { cellText } from "../text/normalize";

/**
 * One Located per cell and grid: detection tries several families over the same cells and every
 * rule reads them again, so sharing the object saves allocations (and lets parsedCell's per-cell
 * memo hit). Bounded by the cells detection looks at; freed with the grid. Located cells are
 * never modified once made.
 */
const locatedByGrid = new WeakMap<Grid, Map<number, Located>>();
/** Columns per row in the cache key (Excel's 16,384 columns). */
const KEY_COLS = 16_384;

/** The cell at (row, col) as the engine models it; a merged area resolves to its top-left cell. */
export function locate(grid: Grid, row: number, col: number): Located {
  let cache = locatedByGrid.get(grid);
  if (!cache) locatedByGrid.set(grid, (cache = new Map()));
  // Filed under the cell asked for as well as under its merge's top-left cell, so a repeated
  // look-up is one map read (no merge search).
  const asked = row * KEY_COLS + col;
  const known = cache.get(asked);
  if (known) return known;
  const m = grid.merge(row, col);
  const r = m ? m.top : row;
  const c = m ? m.left : col;
  const key = r * KEY_COLS + c;
  let cell = key === asked ? undefined : cache.get(key);
  if (!cell) {
    cell = {
      row: r,
      col: c,
      address: grid.address(r, c),
      value: grid.value(r, c),
      formula: grid.formula(r, c),
      numberFormat: grid.numberFormat(r, c),
    };
    cache.set(key, cell);
  }
  if (key !== asked) cache.set(asked, cell);
  return cell;
}

/** Text shown at a cell (merges show their top-left value), trimmed. */
export function shownText(grid: Grid, row: number, col: number): string {
  return cellText(grid.displayValue(row, col)).trim();
}

/** The last column a cell occupies (its merge's right edge, or itself). */
export function rightEdge(grid: Grid, row: number, col: number): number {
  const m = grid.merge(row, col);
  return m ? m.right : col;
}

export function isBlankValue(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}
