import { RangePos } from "../../engine/grid/a1";

/**
 * Cutting work into rectangles: the cells a plan writes into contiguous blocks (one Office.js
 * call per block), and large used ranges into row blocks that stay within Office's limits.
 */

export interface GridCell<T> {
  row: number;
  col: number;
  payload: T;
}

export interface Block<T> extends RangePos {
  /** payloads[r][c] belongs to the cell (top + r, left + c); every cell of the block is a plan cell. */
  payloads: T[][];
}

/**
 * Groups cells (of one sheet) into rectangles that hold only these cells. Cells whose `key`
 * differs never share a block (e.g. different fill colours); a cell with `isolate` true always
 * gets a block of its own (a merged area's top-left cell). Vertical runs of one column are built
 * first (the plans' natural shape: a column of 执行率 or 得分 cells), then runs with the same
 * rows in neighbouring columns are joined.
 */
export function groupIntoBlocks<T>(
  cells: readonly GridCell<T>[],
  key: (payload: T) => string = () => "",
  isolate: (cell: GridCell<T>) => boolean = () => false
): Block<T>[] {
  const seen = new Set<string>();
  const single: Block<T>[] = [];
  const rest: GridCell<T>[] = [];
  for (const c of cells) {
    const id = `${c.row},${c.col}`;
    if (seen.has(id)) continue; // the first write of a cell wins; duplicates never widen a block
    seen.add(id);
    if (isolate(c))
      single.push({
        top: c.row,
        left: c.col,
        bottom: c.row,
        right: c.col,
        payloads: [[c.payload]],
      });
    else rest.push(c);
  }
  rest.sort((a, b) => a.col - b.col || a.row - b.row);

  // Vertical runs.
  interface Run {
    top: number;
    bottom: number;
    col: number;
    key: string;
    payloads: T[];
  }
  const runs: Run[] = [];
  for (const c of rest) {
    const k = key(c.payload);
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.bottom === c.row - 1 && last.key === k) {
      last.bottom = c.row;
      last.payloads.push(c.payload);
    } else {
      runs.push({ top: c.row, bottom: c.row, col: c.col, key: k, payloads: [c.payload] });
    }
  }

  // Join runs with the same rows and key in adjacent columns (runs are in column order).
  const open = new Map<string, Block<T>>();
  const blocks: Block<T>[] = [];
  for (const r of runs) {
    const id = `${r.top}:${r.bottom}:${r.key}`;
    const b = open.get(id);
    if (b && b.right === r.col - 1) {
      b.right = r.col;
      r.payloads.forEach((p, i) => b.payloads[i].push(p));
    } else {
      const nb: Block<T> = {
        top: r.top,
        left: r.col,
        bottom: r.bottom,
        right: r.col,
        payloads: r.payloads.map((p) => [p]),
      };
      open.set(id, nb);
      blocks.push(nb);
    }
  }
  return [...blocks, ...single].sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Row blocks of a range, each at most `maxCells` cells (at least one row). */
export function rowBlocks(r: RangePos, maxCells: number): RangePos[] {
  const cols = r.right - r.left + 1;
  const rowsPer = Math.max(1, Math.floor(maxCells / cols));
  const out: RangePos[] = [];
  for (let top = r.top; top <= r.bottom; top += rowsPer) {
    out.push({ top, left: r.left, bottom: Math.min(r.bottom, top + rowsPer - 1), right: r.right });
  }
  return out;
}

/**
 * Pieces of a range on which Range.getMergedAreasOrNullObject cannot exceed `limit` areas.
 * Merged areas are disjoint and hold at least two cells, so a piece of R×W cells meets at most
 * R·W/2 areas lying inside it plus one per boundary cell for areas reaching in from outside
 * (2W + 2R); pieces are sized so that bound stays within the limit. Worst-case safe, which keeps
 * a read from failing on a sheet dense with merges.
 */
export function mergeBlocks(r: RangePos, limit = 512): RangePos[] {
  const cols = r.right - r.left + 1;
  // Widest piece for which even a single row is safe: W/2 + 2W + 2 <= limit.
  const maxW = Math.max(1, Math.floor((limit - 2) / 2.5));
  const width = Math.min(cols, maxW);
  const rowsPer = Math.max(1, Math.floor((limit - 2 * width) / (width / 2 + 2)));
  const out: RangePos[] = [];
  for (let top = r.top; top <= r.bottom; top += rowsPer) {
    const bottom = Math.min(r.bottom, top + rowsPer - 1);
    for (let left = r.left; left <= r.right; left += width) {
      out.push({ top, left, bottom, right: Math.min(r.right, left + width - 1) });
    }
  }
  return out;
}

export function cellCount(r: RangePos): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}
