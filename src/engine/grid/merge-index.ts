import { RangePos } from "./a1";

/**
 * Merged areas as rectangles, found by position in about O(log n): merges are filed under the
 * row bands they cross and, within a band, sorted by left edge with a running maximum of right
 * edges, so a lookup is a binary search and a short walk back. Short merges (the usual ones: a
 * title across a row, a label down a few rows) are filed per row; tall ones per band of rows,
 * with bands wide enough that the index never holds more than TALL_ENTRY_BUDGET entries.
 * Memory is O(merges), never O(cells covered): A1:XFD1048576 is one rectangle.
 *
 * Overlapping merges (Excel refuses them; a crafted file may have them): a cell covered by two
 * belongs to the one that starts further right (of a short and a tall one, the one listed last).
 */
export class MergeIndex {
  private readonly short: Bands;
  private readonly tall: Bands;
  readonly size: number;

  constructor(merges: readonly RangePos[]) {
    this.size = merges.length;
    const shortOnes: Ranked[] = [];
    const tallOnes: Ranked[] = [];
    let tallRows = 0;
    // Sorted once by left edge (then position), so every band's list comes out in that order
    // without a sort per band (a sheet has thousands of one-row bands).
    const ranked = merges.map((m, order) => ({ m, order }));
    ranked.sort((p, q) => p.m.left - q.m.left || p.order - q.order);
    for (const x of ranked) {
      const h = x.m.bottom - x.m.top + 1;
      if (h <= SHORT_ROWS) shortOnes.push(x);
      else {
        tallOnes.push(x);
        tallRows += h;
      }
    }
    this.short = new Bands(shortOnes, 1);
    // A band size that keeps the tall entries under budget (each tall merge crosses ≤ rows/band + 1 bands).
    const perBand = Math.max(
      SHORT_ROWS,
      Math.ceil(tallRows / Math.max(1, TALL_ENTRY_BUDGET - tallOnes.length))
    );
    this.tall = new Bands(tallOnes, perBand);
  }

  /** The merge covering (row, col), if any. */
  at(row: number, col: number): RangePos | undefined {
    const a = this.short.at(row, col);
    if (this.tall.isEmpty) return a?.m;
    const b = this.tall.at(row, col);
    if (!a) return b?.m;
    if (!b) return a.m;
    return a.order > b.order ? a.m : b.m;
  }
}

/** Merges at most this many rows high are filed under each row they cross. */
const SHORT_ROWS = 64;
const TALL_ENTRY_BUDGET = 262_144;

interface Ranked {
  m: RangePos;
  /** Position in the sheet's list of merges. */
  order: number;
}

interface Band {
  /** Sorted by left edge. */
  list: Ranked[];
  /** maxRight[i]: the largest right edge among list[0..i]. */
  maxRight: number[];
}

class Bands {
  private readonly bands = new Map<number, Band>();
  readonly isEmpty: boolean;

  /** `merges` sorted by left edge, then position in the sheet's list. */
  constructor(
    merges: readonly Ranked[],
    private readonly rowsPerBand: number
  ) {
    this.isEmpty = merges.length === 0;
    // One pass: merges arrive in left-edge order, so each band's list and running maximum of
    // right edges grow in order as they are filed.
    for (const x of merges) {
      const first = Math.floor(x.m.top / rowsPerBand);
      const last = Math.floor(x.m.bottom / rowsPerBand);
      for (let b = first; b <= last; b++) {
        const band = this.bands.get(b);
        if (!band) this.bands.set(b, { list: [x], maxRight: [x.m.right] });
        else {
          const prev = band.maxRight[band.maxRight.length - 1];
          band.list.push(x);
          band.maxRight.push(prev > x.m.right ? prev : x.m.right);
        }
      }
    }
  }

  at(row: number, col: number): Ranked | undefined {
    const band = this.bands.get(Math.floor(row / this.rowsPerBand));
    if (!band) return undefined;
    const { list, maxRight } = band;
    // Last index with left <= col.
    let lo = 0;
    let hi = list.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].m.left <= col) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (; i >= 0 && maxRight[i] >= col; i--) {
      const x = list[i];
      if (x.m.right >= col && x.m.top <= row && x.m.bottom >= row) return x;
    }
    return undefined;
  }
}
