import { Grid } from "../grid/snapshot";
import { Located } from "../model/table";
import { cellText } from "../text/normalize";

/** The cell at (row, col) as the engine models it; a merged area resolves to its top-left cell. */
export function locate(grid: Grid, row: number, col: number): Located {
  return grid.cell(row, col);
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
