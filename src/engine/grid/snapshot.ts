import { CellPos, RangePos, toA1 } from "./a1";
import { MergeIndex } from "./merge-index";

/** What a cell can hold as a value, independent of the host. Dates arrive as numbers or text. */
export type CellValue = string | number | boolean | null;

/** The last row and column a sheet can have (XFD1048576), 0-based. */
export const MAX_ROW = 1048575;
export const MAX_COL = 16383;

/**
 * What a host hands the engine for one sheet: a rectangular block of the sheet
 * starting at `origin`, with its values, formulas and number formats, and the merged areas
 * that intersect it. All coordinates are absolute (0-based) sheet coordinates.
 */
export interface GridSnapshot {
  sheetName: string;
  /** The host's stable id of the worksheet (Office worksheet.id), kept when it is renamed. */
  sheetId?: string;
  origin: CellPos;
  /** values[r][c] is the cell at (origin.row + r, origin.col + c). Rows may be ragged. */
  values: CellValue[][];
  /** Formula text with its leading "=", or null/"" where the cell holds a constant. */
  formulas?: (string | null)[][];
  numberFormats?: (string | null)[][];
  merges: RangePos[];
}

/** One cell of a sparse snapshot (absolute 0-based coordinates). */
export interface SnapshotCell {
  row: number;
  col: number;
  value: CellValue;
  /** Formula text with its leading "=". */
  formula?: string | null;
  numberFormat?: string | null;
}

/**
 * The same content as a GridSnapshot, as the list of cells that hold something: what a reader
 * hands over when a sheet's used range is far larger than its content (one value at XFD1048576
 * costs one cell here, not a billion).
 */
export interface SparseGridSnapshot {
  sheetName: string;
  /** In any order; a later cell at the same position replaces an earlier one. */
  cells: SnapshotCell[];
  merges: RangePos[];
}

/** Either form; Grid reads both the same way. */
export type SheetSnapshot = GridSnapshot | SparseGridSnapshot;

export function isSparseSnapshot(s: SheetSnapshot): s is SparseGridSnapshot {
  return (s as SparseGridSnapshot).cells !== undefined;
}

/** Cells past the last value (and before the first) that a merge may reach before it is clipped. */
export const MERGE_MARGIN_ROWS = 1024;
export const MERGE_MARGIN_COLS = 256;

interface CellStore {
  value(row: number, col: number): CellValue;
  formula(row: number, col: number): string | null;
  numberFormat(row: number, col: number): string | null;
  /** Rows holding a value or a formula, ascending. */
  rows(): readonly number[];
  /** Columns of `row` holding a value or a formula, ascending. */
  cols(row: number): readonly number[];
  /** Every cell holding a value, in row then column order. */
  eachValue(fn: (row: number, col: number, value: string | number | boolean) => void): void;
}

/** The dense form, read in place (no copy). */
class DenseStore implements CellStore {
  private rowList: number[] | null = null;
  private readonly colLists = new Map<number, number[]>();

  constructor(private readonly snap: GridSnapshot) {}

  value(row: number, col: number): CellValue {
    const r = this.snap.values[row - this.snap.origin.row];
    if (!r) return null;
    const v = r[col - this.snap.origin.col];
    return v === undefined ? null : v;
  }

  formula(row: number, col: number): string | null {
    const f = this.snap.formulas?.[row - this.snap.origin.row]?.[col - this.snap.origin.col];
    return f && f.startsWith("=") ? f : null;
  }

  numberFormat(row: number, col: number): string | null {
    return (
      this.snap.numberFormats?.[row - this.snap.origin.row]?.[col - this.snap.origin.col] ?? null
    );
  }

  rows(): readonly number[] {
    if (this.rowList) return this.rowList;
    const out: number[] = [];
    const { values, formulas, origin } = this.snap;
    const n = Math.max(values.length, formulas?.length ?? 0);
    for (let i = 0; i < n; i++) {
      const cols = this.scanRow(i);
      if (cols.length > 0) {
        out.push(origin.row + i);
        this.colLists.set(origin.row + i, cols);
      }
    }
    this.rowList = out;
    return out;
  }

  cols(row: number): readonly number[] {
    this.rows();
    return this.colLists.get(row) ?? [];
  }

  eachValue(fn: (row: number, col: number, value: string | number | boolean) => void): void {
    const { values, origin } = this.snap;
    for (let i = 0; i < values.length; i++) {
      const vals = values[i];
      if (!vals) continue;
      for (let c = 0; c < vals.length; c++) {
        const v = vals[c];
        if (v !== undefined && v !== null) fn(origin.row + i, origin.col + c, v);
      }
    }
  }

  private scanRow(i: number): number[] {
    const { values, formulas, origin } = this.snap;
    const vals = values[i] ?? [];
    const fs = formulas?.[i] ?? [];
    const out: number[] = [];
    const width = Math.max(vals.length, fs.length);
    // forEach-free index loop: holes read as undefined, so a ragged or holey row costs its length.
    for (let c = 0; c < width; c++) {
      const v = vals[c];
      const f = fs[c];
      if ((v !== undefined && v !== null) || (f && f.startsWith("="))) out.push(origin.col + c);
    }
    return out;
  }
}

/**
 * The sparse form: the cells sorted by row, then column, with each row's slice found through one
 * map, so a cell costs the same wherever it lies and a lookup is a map read and a binary search.
 */
class SparseStore implements CellStore {
  private readonly cells: SnapshotCell[];
  /** cellCols[i] = cells[i].col, for the binary search. */
  private readonly cellCols: number[];
  private readonly rowList: number[] = [];
  /** Row → index into rowList; row k's cells are cells[rowStart[k] … rowStart[k + 1]). */
  private readonly rowIndex = new Map<number, number>();
  private readonly rowStart: number[] = [];
  /** Per row, the columns that hold a value or a formula (empty cells with only a format are left out). */
  private readonly presentCols: number[][] = [];
  private readonly presentRows: number[];

  constructor(input: readonly SnapshotCell[]) {
    this.cells = inPositionOrder(input);
    const cells = this.cells;
    this.cellCols = cells.map((c) => c.col);
    let present: number[] = [];
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (i === 0 || cells[i - 1].row !== c.row) {
        this.rowIndex.set(c.row, this.rowList.length);
        this.rowList.push(c.row);
        this.rowStart.push(i);
        present = [];
        this.presentCols.push(present);
      }
      if (isPresent(c)) present.push(c.col);
    }
    this.rowStart.push(cells.length);
    this.presentRows = this.rowList.filter((_r, k) => this.presentCols[k].length > 0);
  }

  /** The last cell looked up: value, formula and number format of one cell are asked in a row. */
  private lastRow = -1;
  private lastCol = -1;
  private lastEntry: SnapshotCell | undefined = undefined;

  private entry(row: number, col: number): SnapshotCell | undefined {
    if (row === this.lastRow && col === this.lastCol) return this.lastEntry;
    const e = this.search(row, col);
    this.lastRow = row;
    this.lastCol = col;
    this.lastEntry = e;
    return e;
  }

  private search(row: number, col: number): SnapshotCell | undefined {
    const k = this.rowIndex.get(row);
    if (k === undefined) return undefined;
    let lo = this.rowStart[k];
    let hi = this.rowStart[k + 1] - 1;
    const cols = this.cellCols;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cols[mid];
      if (c === col) return this.cells[mid];
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  value(row: number, col: number): CellValue {
    return this.entry(row, col)?.value ?? null;
  }

  formula(row: number, col: number): string | null {
    const f = this.entry(row, col)?.formula;
    return f && f.startsWith("=") ? f : null;
  }

  numberFormat(row: number, col: number): string | null {
    return this.entry(row, col)?.numberFormat ?? null;
  }

  rows(): readonly number[] {
    return this.presentRows;
  }

  cols(row: number): readonly number[] {
    const k = this.rowIndex.get(row);
    return k === undefined ? [] : this.presentCols[k];
  }

  eachValue(fn: (row: number, col: number, value: string | number | boolean) => void): void {
    for (const c of this.cells)
      if (c.value !== null && c.value !== undefined) fn(c.row, c.col, c.value);
  }
}

/** The cells sorted by row, then column (readers hand them over sorted: then no sort at all); of two at one position the later wins. */
function inPositionOrder(input: readonly SnapshotCell[]): SnapshotCell[] {
  let sorted = true;
  for (let i = 1; i < input.length && sorted; i++) {
    const a = input[i - 1];
    const b = input[i];
    sorted = a.row < b.row || (a.row === b.row && a.col < b.col);
  }
  if (sorted) return input as SnapshotCell[];
  const order = input.map((_c, i) => i);
  order.sort((a, b) => input[a].row - input[b].row || input[a].col - input[b].col || a - b);
  const out: SnapshotCell[] = [];
  for (let k = 0; k < order.length; k++) {
    const c = input[order[k]];
    const next = k + 1 < order.length ? input[order[k + 1]] : null;
    if (next && next.row === c.row && next.col === c.col) continue;
    out.push(c);
  }
  return out;
}

function isPresent(c: SnapshotCell): boolean {
  return (c.value !== null && c.value !== undefined) || !!(c.formula && c.formula.startsWith("="));
}

/** A cell as the engine models it (the shape of the model's Located): where, what, and how shown. */
export interface CellRecord {
  row: number;
  col: number;
  address: string;
  value: CellValue;
  formula: string | null;
  numberFormat: string | null;
}

/** Columns per row in a cell key (Excel's 16,384 columns). */
const KEY_COLS = MAX_COL + 1;

/**
 * The grid built last, kept until the next one, with its snapshot: V8 drops the hidden classes of
 * grids, cells and merges at a full GC once none is left, and with them the optimised code of the
 * whole of detection (deopt reason "weak objects"), which then runs unoptimised again for the next
 * sheet or workbook (a folder check, the task pane). See LabelIndex's `retained` for the figures.
 * Costs one sheet, which the caller usually holds anyway.
 */
const retained: { lastBuilt: unknown } = { lastBuilt: null };

/**
 * Random access to a snapshot by absolute coordinates, with merged-area awareness.
 *
 * Cost follows what the sheet holds, not its used range: iteration goes over the rows and cells
 * that hold something (rows(), cols()), merges are kept as rectangles (MergeIndex), and a merge
 * is clipped to MERGE_MARGIN_ROWS / MERGE_MARGIN_COLS past the last value, so a merge down to
 * row 1048576 cannot make a scan run a million rows. The extent (top … right) is the box of the
 * cells holding a value or formula and of the (clipped) merges.
 */
export class Grid {
  readonly sheetName: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly store: CellStore;
  private readonly merges: MergeIndex;
  /** cell()'s records, filed under the cell asked for and under its merge's top-left cell. */
  private readonly records = new Map<number, CellRecord>();

  constructor(snap: SheetSnapshot) {
    this.sheetName = snap.sheetName;
    this.store = isSparseSnapshot(snap) ? new SparseStore(snap.cells) : new DenseStore(snap);
    let top = Infinity;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    const rows = this.store.rows();
    if (rows.length > 0) {
      top = rows[0];
      bottom = rows[rows.length - 1];
      for (const r of rows) {
        const cols = this.store.cols(r);
        if (cols[0] < left) left = cols[0];
        if (cols[cols.length - 1] > right) right = cols[cols.length - 1];
      }
    }
    // Merges reach at most a margin past the content (or past A1 on a sheet without values).
    const maxRow = Math.min(MAX_ROW, (bottom < 0 ? 0 : bottom) + MERGE_MARGIN_ROWS);
    const maxCol = Math.min(MAX_COL, (right < 0 ? 0 : right) + MERGE_MARGIN_COLS);
    const clipped: RangePos[] = [];
    for (const m of snap.merges) {
      if (m.top > maxRow || m.left > maxCol || m.top < 0 || m.left < 0) continue;
      const c =
        m.bottom > maxRow || m.right > maxCol
          ? { ...m, bottom: Math.min(m.bottom, maxRow), right: Math.min(m.right, maxCol) }
          : m;
      clipped.push(c);
      if (c.top < top) top = c.top;
      if (c.bottom > bottom) bottom = c.bottom;
      if (c.left < left) left = c.left;
      if (c.right > right) right = c.right;
    }
    this.merges = new MergeIndex(clipped);
    if (bottom < 0) {
      // Nothing at all: an empty extent at A1 (isEmpty).
      top = 0;
      left = 0;
      bottom = -1;
      right = -1;
    }
    this.top = top;
    this.left = left;
    this.bottom = bottom;
    this.right = right;
    retained.lastBuilt = this;
  }

  get isEmpty(): boolean {
    return this.bottom < this.top || this.right < this.left;
  }

  /** Rows holding a value or a formula, ascending (merged areas add none). */
  rows(): readonly number[] {
    return this.store.rows();
  }

  /** Columns of a row holding a value or a formula, ascending. */
  cols(row: number): readonly number[] {
    return this.store.cols(row);
  }

  /**
   * Calls fn for every cell holding a value, in row then column order: one pass over what the
   * sheet holds, without a look-up per cell.
   */
  eachValue(fn: (row: number, col: number, value: string | number | boolean) => void): void {
    this.store.eachValue(fn);
  }

  /** The value stored in the cell itself (a merged area's value lives only in its top-left cell). */
  value(row: number, col: number): CellValue {
    return this.store.value(row, col);
  }

  formula(row: number, col: number): string | null {
    return this.store.formula(row, col);
  }

  numberFormat(row: number, col: number): string | null {
    return this.store.numberFormat(row, col);
  }

  merge(row: number, col: number): RangePos | undefined {
    return this.merges.at(row, col);
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

  /**
   * The cell at (row, col) as the engine models it, a merged area resolving to its top-left cell.
   * One record per cell and grid, never modified once made: detection tries several families over
   * the same cells and every rule reads them again, so sharing it saves allocations and a repeated
   * look-up is one map read. Bounded by the cells asked for.
   */
  cell(row: number, col: number): CellRecord {
    const asked = row * KEY_COLS + col;
    const known = this.records.get(asked);
    if (known) return known;
    const m = this.merges.at(row, col);
    const r = m ? m.top : row;
    const c = m ? m.left : col;
    const key = r * KEY_COLS + c;
    let rec = key === asked ? undefined : this.records.get(key);
    if (!rec) {
      rec = {
        row: r,
        col: c,
        address: toA1(r, c),
        value: this.store.value(r, c),
        formula: this.store.formula(r, c),
        numberFormat: this.store.numberFormat(r, c),
      };
      this.records.set(key, rec);
    }
    if (key !== asked) this.records.set(asked, rec);
    return rec;
  }
}

/** A sparse snapshot as a dense one (for callers that index `values`); throws past `maxArea` cells. */
export function toDenseSnapshot(snap: SheetSnapshot, maxArea = 20_000_000): GridSnapshot {
  if (!isSparseSnapshot(snap)) return snap;
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  const grow = (t: number, l: number, b: number, r: number) => {
    top = Math.min(top, t);
    left = Math.min(left, l);
    bottom = Math.max(bottom, b);
    right = Math.max(right, r);
  };
  for (const c of snap.cells) grow(c.row, c.col, c.row, c.col);
  for (const m of snap.merges) grow(m.top, m.left, m.bottom, m.right);
  if (bottom < 0)
    return {
      sheetName: snap.sheetName,
      origin: { row: 0, col: 0 },
      values: [],
      merges: snap.merges,
    };
  const height = bottom - top + 1;
  const width = right - left + 1;
  if (height * width > maxArea)
    throw new RangeError(`sheet "${snap.sheetName}" spans ${height} × ${width} cells`);
  const values: CellValue[][] = Array.from({ length: height }, () => []);
  let formulas: (string | null)[][] | undefined;
  let numberFormats: (string | null)[][] | undefined;
  for (const c of snap.cells) {
    const r = c.row - top;
    const k = c.col - left;
    if (c.value !== null && c.value !== undefined) values[r][k] = c.value;
    if (c.formula) ((formulas ??= [])[r] ??= [])[k] = c.formula;
    if (c.numberFormat) ((numberFormats ??= [])[r] ??= [])[k] = c.numberFormat;
  }
  // As the readers do: the first row spans the whole width so that merges past the last value count.
  if (values[0].length < width) values[0].length = width;
  const out: GridSnapshot = {
    sheetName: snap.sheetName,
    origin: { row: top, col: left },
    values,
    merges: snap.merges,
  };
  if (formulas) out.formulas = formulas;
  if (numberFormats) out.numberFormats = numberFormats;
  return out;
}
