import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { analyzeWorkbook } from "../../src/engine/analyze";
import { RangePos } from "../../src/engine/grid/a1";
import { MergeIndex } from "../../src/engine/grid/merge-index";
import {
  Grid,
  GridSnapshot,
  isSparseSnapshot,
  MAX_COL,
  MAX_ROW,
  MERGE_MARGIN_ROWS,
  SheetSnapshot,
  SnapshotCell,
  SparseGridSnapshot,
  toDenseSnapshot,
} from "../../src/engine/grid/snapshot";
import { readXlsxFast } from "../../src/hosts/exceljs/xlsx-fast";

const SEEDS = path.resolve(__dirname, "../../seeds");

/** The cells of a dense snapshot as a sparse one. */
function toSparse(s: GridSnapshot): SparseGridSnapshot {
  const cells: SnapshotCell[] = [];
  s.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined)
        cells.push({
          row: s.origin.row + r,
          col: s.origin.col + c,
          value: v,
          formula: s.formulas?.[r]?.[c] ?? null,
          numberFormat: s.numberFormats?.[r]?.[c] ?? null,
        });
    })
  );
  s.formulas?.forEach((row, r) =>
    row?.forEach((f, c) => {
      if (f && (s.values[r]?.[c] ?? null) === null)
        cells.push({ row: s.origin.row + r, col: s.origin.col + c, value: null, formula: f });
    })
  );
  return { sheetName: s.sheetName, cells, merges: s.merges };
}

function seedSnapshots(): SheetSnapshot[] {
  const out: SheetSnapshot[] = [];
  for (const n of fs.readdirSync(SEEDS).filter((f) => f.endsWith(".xlsx")))
    out.push(
      ...readXlsxFast(fs.readFileSync(path.join(SEEDS, n)), { skip: ["_selfeval"] }).snapshots
    );
  return out;
}

describe("Grid over a sparse and a dense snapshot", () => {
  it("finds the same tables and findings on every seed sheet in both forms", () => {
    const snaps = seedSnapshots();
    expect(snaps.length).toBeGreaterThan(3);
    const dense = snaps.map((s) => toDenseSnapshot(s));
    const sparse = dense.map(toSparse);
    expect(dense.every((s) => !isSparseSnapshot(s))).toBe(true);
    const a = analyzeWorkbook(dense);
    const b = analyzeWorkbook(sparse);
    expect(JSON.stringify(b)).toEqual(JSON.stringify(a));
    expect(a.reduce((n, r) => n + r.tables.length, 0)).toBeGreaterThan(10);
  });

  it("answers value, formula, format, merge and extent alike", () => {
    const dense: GridSnapshot = {
      sheetName: "s",
      origin: { row: 2, col: 1 },
      values: [[null, "a", 3], [], [true, null, null, "z"]],
      formulas: [[null, null, "=1+2"]],
      numberFormats: [[null, null, "0.00"]],
      merges: [{ top: 2, left: 2, bottom: 3, right: 3 }],
    };
    const g1 = new Grid(dense);
    const g2 = new Grid(toSparse(dense));
    for (const g of [g1, g2]) {
      expect([g.top, g.left, g.bottom, g.right]).toEqual([2, 1, 4, 4]);
      expect(g.value(2, 3)).toBe(3);
      expect(g.formula(2, 3)).toBe("=1+2");
      expect(g.numberFormat(2, 3)).toBe("0.00");
      expect(g.displayValue(3, 3)).toBe("a");
      expect(g.isMergeContinuation(3, 2)).toBe(true);
      expect(g.isMergeContinuation(2, 2)).toBe(false);
      expect(g.rows()).toEqual([2, 4]);
      expect(g.cols(4)).toEqual([1, 4]);
      expect(g.value(1000, 1000)).toBeNull();
    }
  });
});

describe("cost follows the content, not the used range", () => {
  it("one value at XFD1048576 and a whole-sheet merge cost a handful of cells", () => {
    const snap: SparseGridSnapshot = {
      sheetName: "far",
      cells: [
        { row: 0, col: 0, value: "项目名称" },
        { row: MAX_ROW, col: MAX_COL, value: 1 },
      ],
      merges: [
        { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL },
        { top: 0, left: 10, bottom: MAX_ROW, right: 11 },
      ],
    };
    const g = new Grid(snap);
    expect(g.rows()).toEqual([0, MAX_ROW]);
    expect(g.bottom).toBe(MAX_ROW);
    expect(g.displayValue(MAX_ROW - 1, MAX_COL - 1)).toBe("项目名称");
    const [report] = analyzeWorkbook([snap]);
    expect(report.tables).toEqual([]);
    // The dense form refuses to be built past its bound rather than allocate a billion cells.
    expect(() => toDenseSnapshot(snap)).toThrow(RangeError);
  });

  it("clips a merge to a margin past the last value", () => {
    const g = new Grid({
      sheetName: "s",
      cells: [{ row: 5, col: 2, value: "x" }],
      merges: [{ top: 5, left: 2, bottom: MAX_ROW, right: 3 }],
    });
    expect(g.bottom).toBe(5 + MERGE_MARGIN_ROWS);
    expect(g.displayValue(5 + MERGE_MARGIN_ROWS, 3)).toBe("x");
    expect(g.merge(6 + MERGE_MARGIN_ROWS, 3)).toBeUndefined();
  });

  it("an empty sheet is empty in both forms", () => {
    expect(new Grid({ sheetName: "e", cells: [], merges: [] }).isEmpty).toBe(true);
    expect(
      new Grid({ sheetName: "e", origin: { row: 0, col: 0 }, values: [], merges: [] }).isEmpty
    ).toBe(true);
  });
});

describe("MergeIndex", () => {
  /** Non-overlapping rectangles: each one is placed only where no earlier one lies. */
  const rect = fc
    .record({
      top: fc.integer({ min: 0, max: 300 }),
      left: fc.integer({ min: 0, max: 40 }),
      h: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 60, max: 200 })),
      w: fc.integer({ min: 1, max: 6 }),
    })
    .map(({ top, left, h, w }) => ({ top, left, bottom: top + h - 1, right: left + w - 1 }));

  const disjoint = (list: RangePos[]): RangePos[] => {
    const out: RangePos[] = [];
    for (const m of list)
      if (
        !out.some(
          (o) => o.top <= m.bottom && m.top <= o.bottom && o.left <= m.right && m.left <= o.right
        )
      )
        out.push(m);
    return out;
  };

  it("finds the same merge as a scan of every rectangle", () => {
    fc.assert(
      fc.property(
        fc.array(rect, { maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 520 }), fc.integer({ min: 0, max: 50 })), {
          minLength: 1,
          maxLength: 80,
        }),
        (raw, points) => {
          const merges = disjoint(raw);
          const index = new MergeIndex(merges);
          for (const [r, c] of points) {
            const expected = merges.find(
              (m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right
            );
            expect(index.at(r, c)).toBe(expected);
          }
        }
      ),
      { seed: 20261130, numRuns: 300 }
    );
  });

  it("holds a thousand full-height merges without covering cells one by one", () => {
    const merges: RangePos[] = [];
    for (let c = 0; c < 1000; c++)
      merges.push({ top: 0, left: c * 2, bottom: MAX_ROW, right: c * 2 });
    const index = new MergeIndex(merges);
    expect(index.at(123456, 1998)).toBe(merges[999]);
    expect(index.at(MAX_ROW, 1)).toBeUndefined();
  });
});
