import { CellPos, RangePos, toA1 } from "./a1";

/** What a cell can hold as a value, independent of the host. Dates arrive as numbers or text. */
export type CellValue = string | number | boolean | null;

/**
 * What a host hands the engine for one sheet: a rectangular block of the sheet
 * starting at `origin`, with its values, formulas and number formats, and the merged areas
 * that intersect it. All coordinates are absolute (0-based) sheet coordinates.
 */
export interface GridSnapshot {
  sheetName: string;
  origin: CellPos;
  /** values[r][c] is the cell at (origin.row + r, origin.col + c). Rows may be ragged. */
  values: CellValue[][];
  /** Formula text with its leading "=", or null/"" where the cell holds a constant. */
  formulas?: (string | null)[][];
  numberFormats?: (string | null)[][];
  merges: RangePos[];
}

/** Random access to a snapshot by absolute coordinates, with merged-area awareness. */
export class Grid {
  readonly sheetName: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly snap: GridSnapshot;
  /** For every cell covered by a merge, the merge it belongs to. Key: row * 16384 + col. */
  private readonly mergeOf = new Map<number, RangePos>();

  constructor(snap: GridSnapshot) {
    this.snap = snap;
    this.sheetName = snap.sheetName;
    this.top = snap.origin.row;
    this.left = snap.origin.col;
    let width = 0;
    for (const r of snap.values) width = Math.max(width, r.length);
    this.bottom = this.top + snap.values.length - 1;
    this.right = this.left + width - 1;
    for (const m of snap.merges) {
      // Large merges (a whole banner row) are recorded cell by cell only where they fall inside the snapshot.
      const t = Math.max(m.top, this.top);
      const b = Math.min(m.bottom, this.bottom);
      const l = Math.max(m.left, this.left);
      const rr = Math.min(m.right, this.right);
      for (let r = t; r <= b; r++) for (let c = l; c <= rr; c++) this.mergeOf.set(r * 16384 + c, m);
    }
  }

  get isEmpty(): boolean {
    return this.snap.values.length === 0 || this.right < this.left;
  }

  /** The value stored in the cell itself (a merged area's value lives only in its top-left cell). */
  value(row: number, col: number): CellValue {
    const r = this.snap.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined ? null : v;
  }

  formula(row: number, col: number): string | null {
    const f = this.snap.formulas?.[row - this.top]?.[col - this.left];
    return f && f.startsWith("=") ? f : null;
  }

  numberFormat(row: number, col: number): string | null {
    return this.snap.numberFormats?.[row - this.top]?.[col - this.left] ?? null;
  }

  merge(row: number, col: number): RangePos | undefined {
    return this.mergeOf.get(row * 16384 + col);
  }

  /** True when the cell is covered by a merge and is not that merge's top-left cell. */
  isMergeContinuation(row: number, col: number): boolean {
    const m = this.merge(row, col);
    return !!m && (m.top !== row || m.left !== col);
  }

  /** The value shown at a cell: a merged area shows its top-left value in every cell it covers. */
  displayValue(row: number, col: number): CellValue {
    const m = this.merge(row, col);
    return m ? this.value(m.top, m.left) : this.value(row, col);
  }

  address(row: number, col: number): string {
    return toA1(row, col);
  }
}
