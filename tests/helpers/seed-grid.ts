/**
 * Test helper: lays a transcribed seed table (scripts/seed-model.ts) out as a GridSnapshot the
 * way the Beijing and Hunan templates arrange it, on 9 columns and without merges (一级/二级 are
 * blank on the rows that continue a group). Plain numbers and percentages become numeric cells
 * with the number format they are published with, as in the seed workbooks.
 *
 *   col 0      1            2     3           4          5          6     7       8
 *   title
 *   项目名称 | value
 *   主管部门 | value      |      |           |          | 实施单位 | value
 *   项目资金 | (年度资金总额)|   | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
 *            | 年度资金总额 |     | 4.49      | 11.5178   | …
 *   年度总体目标 | 预期目标 |    |           |          | 实际完成情况
 *   绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
 *   总分     |            |      |           |          |           | 100  | 94
 */
import * as fs from "fs";
import * as path from "path";
import { toA1 } from "../../src/engine/grid/a1";
import { CellValue, GridSnapshot } from "../../src/engine/grid/snapshot";
import { seedCellValue } from "../../scripts/seed-layout";
import type { SeedDocument, SeedTable } from "../../scripts/seed-model";

const SEED_DIR = path.join(__dirname, "..", "..", "seeds", "source");

let cache: SeedTable[] | null = null;

/** Every transcribed table of seeds/source/*.json, in document order. */
export function allSeedTables(): SeedTable[] {
  if (!cache) {
    cache = [];
    for (const f of fs
      .readdirSync(SEED_DIR)
      .filter((n) => n.endsWith(".json"))
      .sort()) {
      const doc = JSON.parse(fs.readFileSync(path.join(SEED_DIR, f), "utf8")) as SeedDocument;
      cache.push(...doc.tables);
    }
  }
  return cache;
}

/** A deep copy of one seed table by id ("001-19"), safe to edit. */
export function seedTable(id: string): SeedTable {
  const t = allSeedTables().find((x) => x.id === id);
  if (!t) throw new Error(`no seed table ${id}`);
  return JSON.parse(JSON.stringify(t)) as SeedTable;
}

/** Row numbers (0-based, absolute) where the parts of a laid-out table went. */
export interface SeedLayout {
  titleRow: number;
  fundingHeaderRow: number;
  /** fundingRows[i] is the row of funding.rows[i]. */
  fundingRows: number[];
  indicatorHeaderRow: number;
  /** indicatorRows[i] is the row of indicators.rows[i]. */
  indicatorRows: number[];
  totalRow: number;
  gradeRow: number | null;
  /** The first row after the table (footnotes included). */
  nextRow: number;
  left: number;
}

/** Column offsets inside a laid-out table. */
export const COL = {
  label: 0,
  fundingLabel: 1,
  initialBudget: 3,
  budget: 4,
  executed: 5,
  fundingWeight: 6,
  rate: 7,
  fundingScore: 8,
  level1: 1,
  level2: 2,
  level3: 3,
  target: 4,
  actual: 5,
  weight: 6,
  score: 7,
  explanation: 8,
} as const;

interface Sheet {
  values: CellValue[][];
  formats: (string | null)[][];
}

function put(s: Sheet, row: number, col: number, v: CellValue, fmt: string | null = null): void {
  while (s.values.length <= row) {
    s.values.push([]);
    s.formats.push([]);
  }
  const r = s.values[row];
  const f = s.formats[row];
  while (r.length <= col) {
    r.push(null);
    f.push(null);
  }
  r[col] = v;
  f[col] = fmt;
}

/** Writes a published string: numbers (and percentages) numeric when `numeric`, "" blank. */
function putSeed(s: Sheet, row: number, col: number, raw: string, numeric: boolean): void {
  if (raw === "") return;
  if (!numeric) return put(s, row, col, raw);
  const v = seedCellValue(raw);
  if (v.kind === "number") put(s, row, col, v.value, v.numFmt);
  else if (v.kind === "text") put(s, row, col, v.value);
}

const norm = (s: string): string => s.replace(/\s+/g, "");

function layHeader(s: Sheet, t: SeedTable, start: number, left: number): number {
  const pairs = t.header;
  const full = (label: string) => /^(项目名称|部门名称|单位名称)$/.test(norm(label));
  let row = start;
  let i = 0;
  while (i < pairs.length) {
    const [label, value] = pairs[i];
    if (full(label)) {
      put(s, row, left, label);
      putSeed(s, row, left + 1, value, false);
      row++;
      i++;
      continue;
    }
    // Hunan two-level label (项目支出名称 over 专项名称 / 支出方向名称 …): members two per row after it.
    if (
      t.variant === "hunan" &&
      value === "" &&
      i + 1 < pairs.length &&
      norm(pairs[i + 1][0]) === "专项名称"
    ) {
      const members: [string, string][] = [];
      let j = i + 1;
      while (
        j < pairs.length &&
        members.length < 4 &&
        !full(pairs[j][0]) &&
        !/^项目总实施期/.test(norm(pairs[j][0]))
      ) {
        members.push(pairs[j]);
        j++;
      }
      put(s, row, left, label);
      members.forEach(([ml, mv], k) => {
        const r = row + Math.floor(k / 2);
        const c = k % 2 === 0 ? 1 : 5;
        put(s, r, left + c, ml);
        putSeed(s, r, left + c + 1, mv, false);
      });
      row += Math.ceil(members.length / 2);
      i = j;
      continue;
    }
    const second = i + 1 < pairs.length && !full(pairs[i + 1][0]) ? pairs[i + 1] : null;
    put(s, row, left, label);
    putSeed(s, row, left + 1, value, false);
    if (second) {
      put(s, row, left + 5, second[0]);
      putSeed(s, row, left + 6, second[1], false);
    }
    row++;
    i += second ? 2 : 1;
  }
  return row;
}

/** Lays one table out from `top` (0-based row) at column `left`. */
function layTable(s: Sheet, t: SeedTable, top: number, left: number): SeedLayout {
  let row = top;
  const titleRow = row;
  put(s, row++, left, t.title);
  if (t.subtitle !== undefined) put(s, row++, left, t.subtitle);
  row = layHeader(s, t, row, left);

  const f = t.funding;
  const fundingHeaderRow = row;
  put(s, row, left, f.label);
  if (f.columns[0]) put(s, row, left + 1, f.columns[0]);
  for (let k = 1; k < f.columns.length && k + 2 <= 8; k++) put(s, row, left + k + 2, f.columns[k]);
  row++;
  const fundingRows: number[] = [];
  for (const cells of f.rows) {
    fundingRows.push(row);
    putSeed(s, row, left + 1, cells[0] ?? "", false);
    for (let k = 1; k + 2 <= 8; k++) putSeed(s, row, left + k + 2, cells[k] ?? "", true);
    row++;
  }

  if (t.goal) {
    put(s, row, left, t.goal.label);
    put(s, row, left + 1, t.goal.columns[0]);
    put(s, row, left + 5, t.goal.columns[1]);
    row++;
    putSeed(s, row, left + 1, t.goal.values[0], false);
    putSeed(s, row, left + 5, t.goal.values[1], false);
    row++;
  }

  const ind = t.indicators;
  const indicatorHeaderRow = row;
  if (ind.label) put(s, row, left, ind.label);
  ind.columns.forEach((c, k) => put(s, row, left + k + 1, c));
  row++;
  const indicatorRows: number[] = [];
  for (const cells of ind.rows) {
    indicatorRows.push(row);
    for (let k = 0; k < 8; k++) putSeed(s, row, left + k + 1, cells[k] ?? "", k >= 3 && k <= 6);
    row++;
  }

  const totalRow = row;
  if (t.total.label) put(s, row, left, t.total.label);
  putSeed(s, row, left + COL.weight, t.total.weight, true);
  putSeed(s, row, left + COL.score, t.total.score, true);
  row++;
  let gradeRow: number | null = null;
  if (t.grade) {
    gradeRow = row;
    put(s, row++, left, t.grade.text);
  }
  for (const line of t.footnotes ?? []) put(s, row++, left, line);
  return {
    titleRow,
    fundingHeaderRow,
    fundingRows,
    indicatorHeaderRow,
    indicatorRows,
    totalRow,
    gradeRow,
    nextRow: row,
    left,
  };
}

export interface SeedSheet {
  snapshot: GridSnapshot;
  layouts: SeedLayout[];
}

/** Stacks tables on one sheet, `gap` blank rows apart, the first at (origin.row, origin.col). */
export function seedSheet(
  tables: SeedTable[],
  opts: { sheetName?: string; origin?: { row: number; col: number }; gap?: number } = {}
): SeedSheet {
  const origin = opts.origin ?? { row: 0, col: 0 };
  const s: Sheet = { values: [], formats: [] };
  const layouts: SeedLayout[] = [];
  let row = 0;
  for (const t of tables) {
    const l = layTable(s, t, row, 0);
    layouts.push(l);
    row = l.nextRow + (opts.gap ?? 2);
  }
  // Shift to the origin: the snapshot starts there, so absolute rows/cols move by it.
  const shifted = layouts.map((l) => ({
    ...l,
    titleRow: l.titleRow + origin.row,
    fundingHeaderRow: l.fundingHeaderRow + origin.row,
    fundingRows: l.fundingRows.map((r) => r + origin.row),
    indicatorHeaderRow: l.indicatorHeaderRow + origin.row,
    indicatorRows: l.indicatorRows.map((r) => r + origin.row),
    totalRow: l.totalRow + origin.row,
    gradeRow: l.gradeRow === null ? null : l.gradeRow + origin.row,
    nextRow: l.nextRow + origin.row,
    left: l.left + origin.col,
  }));
  return {
    snapshot: {
      sheetName: opts.sheetName ?? "Sheet1",
      origin,
      values: s.values,
      numberFormats: s.formats,
      merges: [],
    },
    layouts: shifted,
  };
}

/** One table on its own sheet. */
export function seedGrid(
  t: SeedTable,
  opts: { sheetName?: string; origin?: { row: number; col: number } } = {}
): SeedSheet {
  return seedSheet([t], opts);
}

/** A1 address of a cell in a laid-out table: `cell(layout, layout.totalRow, COL.score)`. */
export function cellAt(layout: SeedLayout, row: number, colOffset: number): string {
  return toA1(row, layout.left + colOffset);
}
