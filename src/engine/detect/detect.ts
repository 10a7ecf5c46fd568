import { rangeToA1 } from "../grid/a1";
import { Grid } from "../grid/snapshot";
import { CompiledFamily, FamilyCatalog, ScopedKey } from "../families/catalog";
import {
  AmountUnit,
  FundingRowKey,
  IndicatorColumnKeySchema,
  TableFamily,
} from "../families/schema";
import {
  AssessmentTable,
  FundingBlock,
  FundingColumns,
  FundingRowKind,
  Grade,
  HeaderField,
  HeaderFieldKey,
  HeaderFieldKeySchema,
  IndicatorBlock,
  IndicatorColumns,
  Located,
  TotalRow,
} from "../model/table";
import { normalizeLabel } from "../text/normalize";
import { isBlankValue, locate, rightEdge, shownText } from "./cells";
import { LabelIndex, TextCell, textCells } from "./label-index";

type Index = LabelIndex<ScopedKey>;

/**
 * Finds every assessment table on a sheet: one generic reader, driven by the table families.
 *
 * Each family the sheet may hold (see FamilyCatalog.markers) reads the sheet with its own, block-
 * scoped spellings. Anchors are the two header rows every family has: the indicator header
 * (一级/二级/三级指标 … 分值 得分, over one or two rows) and the funding header (预算数, 执行数 …).
 * A table is an indicator header with the nearest funding header above it; its top is the highest
 * header-field or title row above that, its bottom the total row (or the grade row under it).
 * Where families read the same cells, the table is the reading that explains most of it
 * (columns, fields and row kinds mapped, the family's markers found); ties go to the earlier family.
 */
export function detectTables(grid: Grid, catalog: FamilyCatalog): AssessmentTable[] {
  if (grid.isEmpty) return [];
  const cells = textCells(grid);
  const marks = markerCells(catalog, cells);
  const tried = familiesToTry(catalog, marks);
  const found: Scored[] = [];
  let groupsRead = 0;
  for (const group of catalog.groups) {
    const members = group.filter((c) => tried.has(c.order));
    if (members.length === 0) continue;
    groupsRead++;
    // Every member reads alike: read once, with the group's first family (same spellings as all).
    const reader = members[0];
    const index = new LabelIndex<ScopedKey>(cells, reader.matcher);
    for (const t of readFamily(grid, index, reader)) found.push(assignMember(marks, t, members));
  }
  // One reading: its tables do not overlap. Several: keep the best reading of each stretch of rows.
  if (groupsRead <= 1) return found.map((s) => s.table);
  return pickBest(found);
}

/** A text cell that carries family markers (keys: family positions as strings). */
interface MarkerCell {
  row: number;
  col: number;
  keys: string[];
}

/** The sheet's cells that carry a family's marker: matched once, then counted per table. */
function markerCells(catalog: FamilyCatalog, cells: readonly TextCell[]): MarkerCell[] {
  const out: MarkerCell[] = [];
  if (!catalog.compiled.some((c) => c.family.markers.length > 0)) return out;
  for (const cell of cells) {
    const keys = catalog.markers.keysOf(cell.text);
    if (keys.length > 0) out.push({ row: cell.row, col: cell.col, keys });
  }
  return out;
}

/** Families without markers always; the others only where one of their markers is on the sheet. */
function familiesToTry(catalog: FamilyCatalog, marks: readonly MarkerCell[]): Set<number> {
  const seen = new Set<string>();
  for (const m of marks) for (const k of m.keys) seen.add(k);
  return new Set(
    catalog.compiled
      .filter((c) => c.family.markers.length === 0 || seen.has(String(c.order)))
      .map((c) => c.order)
  );
}

/** The member of a reading group whose markers the table carries most (ties: the earlier family). */
function assignMember(
  marks: readonly MarkerCell[],
  read: Omit<Scored, "order">,
  members: CompiledFamily[]
): Scored {
  const counts = markersInRange(marks, read.table.range);
  let best = members[0];
  let bestMarks = counts.get(String(best.order)) ?? 0;
  for (const m of members.slice(1)) {
    const n = counts.get(String(m.order)) ?? 0;
    if (n > bestMarks) [best, bestMarks] = [m, n];
  }
  const table = { ...read.table, family: best.family.id, variant: best.family.variant };
  return { table, score: read.score + 2 * bestMarks, order: best.order };
}

/** How many cells inside the range carry each family's markers (by family position). */
function markersInRange(
  marks: readonly MarkerCell[],
  r: AssessmentTable["range"]
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of marks) {
    if (m.row < r.top || m.row > r.bottom || m.col < r.left || m.col > r.right) continue;
    for (const k of m.keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

interface Scored {
  table: AssessmentTable;
  score: number;
  order: number;
}

/** The best reading of each stretch of rows: higher score first, then the earlier family. */
function pickBest(found: Scored[]): AssessmentTable[] {
  const ranked = [...found].sort((a, b) => b.score - a.score || a.order - b.order);
  const kept: AssessmentTable[] = [];
  for (const s of ranked) {
    const r = s.table.range;
    const clash = kept.some(
      (k) =>
        r.top <= k.range.bottom &&
        k.range.top <= r.bottom &&
        r.left <= k.range.right &&
        k.range.left <= r.right
    );
    if (!clash) kept.push(s.table);
  }
  return kept.sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
}

function readFamily(grid: Grid, index: Index, cf: CompiledFamily): Omit<Scored, "order">[] {
  const family = cf.family;
  const indicatorHeaders: HeaderRow<IndicatorColumns>[] = [];
  const fundingHeaders: HeaderRow<FundingColumns>[] = [];
  const rows = index.rows();
  const twoRows = family.indicators.headerRows === 2;
  for (const row of rows) {
    const ind = readIndicatorHeader(grid, index, row, false);
    if (ind) indicatorHeaders.push(ind);
    const fund = family.funding ? readFundingHeader(index, row) : null;
    if (fund) fundingHeaders.push(fund);
  }
  if (twoRows) {
    // The lower row of a two-row header: its own labels plus the headings merged down into it.
    for (const row of rows) {
      const below = row + 1;
      if (indicatorHeaders.some((h) => h.row === below || h.row === row)) continue;
      const ind = readIndicatorHeader(grid, index, below, true);
      if (ind) indicatorHeaders.push(ind);
    }
    indicatorHeaders.sort((a, b) => a.row - b.row);
  }

  const tables: Omit<Scored, "order">[] = [];
  let floor = grid.top - 1; // last row used by the previous table
  const usedFunding = new Set<number>();
  for (let i = 0; i < indicatorHeaders.length; i++) {
    const ind = indicatorHeaders[i];
    if (ind.row <= floor) continue;
    const nextAnchor = Math.min(
      indicatorHeaders[i + 1]?.firstRow ?? Infinity,
      ...fundingHeaders.filter((f) => f.row > ind.row).map((f) => f.row)
    );
    const fund = [...fundingHeaders]
      .reverse()
      .find(
        (f) => f.row < ind.firstRow && f.row > floor && !usedFunding.has(f.row) && overlaps(f, ind)
      );
    if (fund) usedFunding.add(fund.row);
    const read = buildTable(grid, index, cf, ind, fund ?? null, floor, nextAnchor);
    tables.push(read);
    floor = read.table.range.bottom;
  }
  return tables;
}

interface HeaderRow<C> {
  row: number;
  /** The header's first row (the row above `row` for a two-row header). */
  firstRow: number;
  columns: C;
  left: number;
  right: number;
}

function overlaps(a: { left: number; right: number }, b: { left: number; right: number }): boolean {
  return a.left <= b.right + 2 && b.left <= a.right + 2;
}

/** The scoped keys detection asks for, built once (not a new string per look-up). */
const INDICATOR_COL_KEYS = Object.fromEntries(
  IndicatorColumnKeySchema.options.map((k) => [k, `indicator.col.${k}` as ScopedKey])
) as Record<string, ScopedKey>;
const FUNDING_COL_KEYS: Record<string, ScopedKey> = {};
const fundingColKey = (k: string): ScopedKey =>
  (FUNDING_COL_KEYS[k] ??= `funding.col.${k}` as ScopedKey);
const FUNDING_EXECUTED: ScopedKey = "funding.col.executed";

function readIndicatorHeader(
  grid: Grid,
  index: Index,
  row: number,
  twoRows: boolean
): HeaderRow<IndicatorColumns> | null {
  // A one-row header has its own 分值 and 得分 headings: most labelled rows are ruled out here.
  if (
    !twoRows &&
    (!index.has(row, INDICATOR_COL_KEYS.weight) || !index.has(row, INDICATOR_COL_KEYS.score))
  )
    return null;
  const own = (k: string) => index.colOf(row, INDICATOR_COL_KEYS[k]);
  // A heading in the row above counts when it is merged down into this row (or stands over a blank).
  const above = (k: string): number | null => {
    if (!twoRows) return null;
    for (const h of index.hitsIn(row - 1)) {
      if (!h.keys.includes(INDICATOR_COL_KEYS[k])) continue;
      const m = grid.merge(row - 1, h.col);
      if ((m && m.bottom >= row) || isBlankValue(grid.value(row, h.col))) return h.col;
    }
    return null;
  };
  const found: Partial<Record<string, number>> = {};
  let usedAbove = false;
  for (const k of IndicatorColumnKeySchema.options) {
    let c = own(k);
    if (c === null) {
      c = above(k);
      if (c !== null) usedAbove = true;
    }
    if (c !== null) found[k] = c;
  }
  const col = (k: string) => found[k] ?? null;
  const columns: IndicatorColumns = {
    level1: col("level1"),
    level2: col("level2"),
    level3: col("level3"),
    target: col("target"),
    actual: col("actual"),
    weight: col("weight"),
    score: col("score"),
    explanation: col("explanation"),
  };
  if (col("tier") !== null) columns.tier = col("tier");
  if (col("nature") !== null) columns.nature = col("nature");
  if (col("measureUnit") !== null) columns.measureUnit = col("measureUnit");
  const levels = [
    columns.level1,
    columns.level2,
    columns.level3,
    columns.target,
    columns.actual,
  ].filter((c) => c !== null).length;
  if (columns.weight === null || columns.score === null || levels < 3) return null;
  if (twoRows && !usedAbove) return null;
  return withSpan(row, twoRows ? row - 1 : row, columns);
}

function readFundingHeader(index: Index, row: number): HeaderRow<FundingColumns> | null {
  // Every funding header has a 执行数 heading: most labelled rows are ruled out here.
  if (!index.has(row, FUNDING_EXECUTED)) return null;
  const col = (k: string) => index.colOf(row, fundingColKey(k));
  // 全年预算数 before a column that is (also) 调整后预算数; that one when it is the only budget column.
  const adjusted = col("adjustedBudget");
  const plainBudget =
    index
      .hitsIn(row)
      .find(
        (h) =>
          h.keys.includes("funding.col.budget") && !h.keys.includes("funding.col.adjustedBudget")
      )?.col ?? null;
  const columns: FundingColumns = {
    initialBudget: col("initialBudget"),
    budget: plainBudget ?? col("budget") ?? adjusted,
    executed: col("executed"),
    weight: col("weight"),
    rate: col("rate"),
    score: col("score"),
  };
  if (adjusted !== null) columns.adjustedBudget = adjusted;
  const reason = col("reason");
  if (reason !== null) columns.reason = reason;
  if (columns.budget === null || columns.executed === null) return null;
  if (columns.rate === null && columns.score === null && columns.initialBudget === null)
    return null;
  return withSpan(row, row, columns);
}

function withSpan<C extends object>(row: number, firstRow: number, columns: C): HeaderRow<C> {
  const cols = Object.values(columns).filter((c): c is number => typeof c === "number");
  return { row, firstRow, columns, left: Math.min(...cols), right: Math.max(...cols) };
}

const HEADER_KEYS: readonly HeaderFieldKey[] = HeaderFieldKeySchema.options;
const HEADER_SCOPED: readonly ScopedKey[] = HEADER_KEYS.map((k) => `header.${k}` as ScopedKey);
/** Scoped header key → its position in HEADER_KEYS. */
const HEADER_POSITION = new Map<string, number>(HEADER_SCOPED.map((k, i) => [k, i]));

/** Positions (in HEADER_KEYS order) of the header fields a label names. */
function headerPositions(keys: readonly string[]): number[] {
  let out: number[] | null = null;
  for (const k of keys) {
    const i = HEADER_POSITION.get(k);
    if (i !== undefined) (out ??= []).push(i);
  }
  if (!out) return NONE;
  if (out.length > 1) out.sort((a, b) => a - b);
  return out;
}
const NONE: number[] = [];

/** How far above the funding header a table's own header rows may start. */
const MAX_HEADER_ROWS = 14;
/** Empty rows that end an indicator block that has no 总分 row. */
const MAX_EMPTY_RUN = 3;

function buildTable(
  grid: Grid,
  index: Index,
  cf: CompiledFamily,
  ind: HeaderRow<IndicatorColumns>,
  fund: HeaderRow<FundingColumns> | null,
  floor: number,
  nextAnchor: number
): { table: AssessmentTable; score: number } {
  const family = cf.family;
  const spanLeft = Math.min(ind.left, fund?.left ?? Infinity);
  const spanRight = Math.max(ind.right, fund?.right ?? -Infinity);
  // Row labels and block labels sit left of the header columns; allow a few columns for them.
  const scanLeft = Math.max(grid.left, spanLeft - 4);
  const scanRight = spanRight + 2;

  // --- top: the highest title / header-field row above the funding header (or indicator header).
  const firstAnchor = fund?.row ?? ind.firstRow;
  let top = firstAnchor;
  let title: Located | null = null;
  const header: Partial<Record<HeaderFieldKey, HeaderField>> = {};
  for (let r = firstAnchor - 1; r > floor && r >= firstAnchor - MAX_HEADER_ROWS; r--) {
    const hits = index.hitsIn(r, scanLeft, scanRight);
    if (
      hits.some(
        (h) => h.keys.includes("indicator.block") && h.keys.length === 1 && r < firstAnchor - 1
      )
    )
      break;
    let useful = false;
    for (const h of hits) {
      if (h.keys.includes("title")) {
        title = locate(grid, h.row, h.col);
        useful = true;
      }
      for (const i of headerPositions(h.keys)) {
        const key = HEADER_KEYS[i];
        if (header[key]) continue;
        // 其中：财政拨款 is a header field in the Hunan header but also a funding row label; above the
        // funding header it is the header field.
        header[key] = {
          label: locate(grid, h.row, h.col),
          value: headerValue(grid, index, h.row, h.col, scanRight),
        };
        useful = true;
      }
      if (h.keys.includes("funding.block")) useful = true;
    }
    if (useful) top = r;
    if (title) break;
  }

  // --- funding block
  const funding = fund ? readFunding(grid, index, cf, fund, scanLeft, ind.firstRow) : null;

  // --- goal block: between funding and indicators, else between the header and the funding block
  const goal =
    readGoal(grid, index, (fund?.row ?? top) + 1, ind.firstRow, scanLeft, scanRight) ??
    (fund ? readGoal(grid, index, top + 1, fund.row, scanLeft, scanRight) : null);

  // --- indicators and the total row
  const {
    block: indicators,
    total,
    lastRow,
  } = readIndicators(grid, index, cf, ind, scanLeft, scanRight, nextAnchor);
  let bottom = lastRow;
  let grade = readGrade(grid, index, total?.row ?? lastRow, scanLeft, scanRight, nextAnchor);
  if (!grade && total && family.total.gradeInLastCell)
    grade = gradeInTotalRow(grid, total, ind.columns, spanRight);
  if (grade) bottom = Math.max(bottom, grade.row);

  // --- horizontal extent: every labelled cell and every merge that starts inside the table's rows
  let left = spanLeft;
  let right = spanRight;
  for (let r = top; r <= bottom; r++) {
    for (const h of index.hitsIn(r, scanLeft, scanRight)) {
      left = Math.min(left, h.col);
      right = Math.max(right, rightEdge(grid, h.row, h.col));
    }
  }
  for (const f of Object.values(header))
    if (f?.value) right = Math.max(right, rightEdge(grid, f.value.row, f.value.col));

  const kind = classifyKind(title, header);
  const unit = fund ? amountUnit(grid, fund, scanLeft, family) : family.unit;
  const table: AssessmentTable = {
    sheet: grid.sheetName,
    kind,
    variant: family.variant,
    family: family.id,
    unit,
    range: { top, left, bottom, right, address: rangeToA1({ top, left, bottom, right }) },
    title,
    header,
    funding,
    goal,
    indicators,
    total,
    grade,
  };
  return { table, score: explained(table) };
}

/** How much of a table a reading explains: columns, header fields and funding rows it mapped. */
function explained(t: AssessmentTable): number {
  let n = 0;
  const count = (o: object | undefined) => {
    for (const v of Object.values(o ?? {})) if (typeof v === "number") n++;
  };
  count(t.indicators?.columns);
  count(t.funding?.columns);
  n += Object.keys(t.header).length;
  n += t.funding?.rows.filter((r) => r.kind !== "unknown").length ?? 0;
  if (t.total) n += 2;
  if (t.grade) n += 1;
  if (t.title) n += 1;
  return n;
}

const UNIT_IN_LABEL = /\((万元|元)\)/;

/** The amount unit: (万元) or (元) in the funding block label or a funding heading, else the family's. */
function amountUnit(
  grid: Grid,
  fund: HeaderRow<FundingColumns>,
  scanLeft: number,
  family: TableFamily
): AmountUnit {
  for (let r = fund.row; r >= fund.row - 1; r--) {
    for (let c = scanLeft; c <= fund.right; c++) {
      if (grid.isMergeContinuation(r, c)) continue;
      const v = grid.value(r, c);
      if (typeof v !== "string" || v.length > 40) continue;
      const m = UNIT_IN_LABEL.exec(normalizeLabel(v));
      if (m) return m[1] as AmountUnit;
    }
  }
  return family.unit;
}

/** The value of a header field: the first cell right of the label that is not itself a header label. */
function headerValue(
  grid: Grid,
  index: Index,
  row: number,
  col: number,
  scanRight: number
): Located | null {
  let c = rightEdge(grid, row, col) + 1;
  while (c <= scanRight) {
    const hit = index.hitAt(row, c);
    const isHeaderLabel = hit && hit.keys.some((k) => HEADER_POSITION.has(k));
    if (!isHeaderLabel) return locate(grid, row, c);
    // A second label right after the first (项目支出名称 | 专项名称 | value) names the same field.
    c = rightEdge(grid, row, c) + 1;
  }
  return null;
}

const FUNDING_ROW_KINDS: [FundingRowKey, FundingRowKind, ScopedKey][] = [
  ["total", "total", "funding.row.total"],
  ["fiscal", "fiscal", "funding.row.fiscal"],
  ["carryover", "carryover", "funding.row.carryover"],
  ["other", "other", "funding.row.other"],
];

function readFunding(
  grid: Grid,
  index: Index,
  cf: CompiledFamily,
  head: HeaderRow<FundingColumns>,
  scanLeft: number,
  stopRow: number
): FundingBlock {
  const firstAmount = head.left;
  const blockLabelCol = findBlockLabelCol(grid, index, head.row, scanLeft, firstAmount);
  const rows: FundingBlock["rows"] = [];
  let blank = 0;
  for (let r = head.row + 1; r < stopRow; r++) {
    // The row label: the first text cell left of the amounts, skipping the block label's merged column.
    let label: Located | null = null;
    for (let c = scanLeft; c < firstAmount; c++) {
      if (blockLabelCol !== null && c === blockLabelCol) continue;
      if (grid.isMergeContinuation(r, c)) continue;
      const v = grid.value(r, c);
      if (!isBlankValue(v)) {
        label = locate(grid, r, c);
        break;
      }
    }
    const labelNorm = label ? normalizeLabel(String(label.value)) : "";
    const kind =
      FUNDING_ROW_KINDS.find(
        ([k, , scoped]) =>
          index.has(r, scoped, scanLeft, firstAmount - 1) || startsWithRowLabel(cf, labelNorm, k)
      )?.[1] ?? "unknown";
    // A row of the funding block's own kinds is a funding row even if another block uses its label.
    if (kind === "unknown" && stopsBlock(index, r, scanLeft)) break;
    const at = (c: number | null | undefined) => cellAt(grid, r, c);
    const hasAmounts =
      filled(at(head.columns.budget)) ||
      filled(at(head.columns.executed)) ||
      filled(at(head.columns.initialBudget));
    if (!label && !hasAmounts) {
      if (++blank >= 2) break;
      continue;
    }
    blank = 0;
    rows.push({
      row: r,
      kind,
      label: label ?? locate(grid, r, Math.max(scanLeft, firstAmount - 1)),
      initialBudget: at(head.columns.initialBudget),
      budget: at(head.columns.budget),
      ...(head.columns.adjustedBudget != null
        ? { adjustedBudget: at(head.columns.adjustedBudget) }
        : {}),
      executed: at(head.columns.executed),
      weight: at(head.columns.weight),
      rate: at(head.columns.rate),
      score: at(head.columns.score),
      ...(head.columns.reason != null ? { reason: at(head.columns.reason) } : {}),
    });
  }
  return { headerRow: head.row, columns: head.columns, rows };
}

/** Long row labels ("其中：当年财政拨款（含追加）") count by their start (n: the label normalised). */
function startsWithRowLabel(cf: CompiledFamily, n: string, key: FundingRowKey): boolean {
  if (!n) return false;
  return cf.rowStarts[key].some((s) => n.startsWith(s));
}

/** A column left of the amounts whose cell at the header row is the funding block label (项目资金（万元）). */
function findBlockLabelCol(
  grid: Grid,
  index: Index,
  row: number,
  scanLeft: number,
  firstAmount: number
): number | null {
  for (let r = row; r >= row - 2; r--) {
    for (let c = scanLeft; c < firstAmount; c++) {
      const m = grid.merge(r, c);
      const top = m ? m.top : r;
      const leftCol = m ? m.left : c;
      if (index.has(top, "funding.block", leftCol, leftCol)) return leftCol;
    }
  }
  return null;
}

/** Rows that begin the next block end a funding block. */
function stopsBlock(index: Index, row: number, scanLeft: number): boolean {
  const hits = index.hitsIn(row, scanLeft);
  return hits.some((h) =>
    h.keys.some(
      (k) =>
        k === "goal.block" ||
        k === "goal.expected" ||
        k === "indicator.block" ||
        k === "indicator.col.level1" ||
        k === "total"
    )
  );
}

function readGoal(
  grid: Grid,
  index: Index,
  from: number,
  to: number,
  scanLeft: number,
  scanRight: number
): AssessmentTable["goal"] {
  for (let r = from; r < to; r++) {
    const e = index.colOf(r, "goal.expected", scanLeft, scanRight);
    const a = index.colOf(r, "goal.actual", scanLeft, scanRight);
    if (e === null && a === null) continue;
    const valueRow = r + 1 < to ? r + 1 : null;
    return {
      row: r,
      expected: e !== null && valueRow !== null ? locate(grid, valueRow, e) : null,
      actual: a !== null && valueRow !== null ? locate(grid, valueRow, a) : null,
    };
  }
  return null;
}

const DECLARED_WEIGHT = /\((\d+(?:\.\d+)?)分\)/;

function readIndicators(
  grid: Grid,
  index: Index,
  cf: CompiledFamily,
  head: HeaderRow<IndicatorColumns>,
  scanLeft: number,
  scanRight: number,
  nextAnchor: number
): { block: IndicatorBlock; total: TotalRow | null; lastRow: number } {
  const cols = head.columns;
  const rows: IndicatorBlock["rows"] = [];
  let level1 = "";
  let level1Address: string | null = null;
  let level2 = "";
  let total: TotalRow | null = null;
  let lastRow = head.row;
  let empty = 0;
  // The weight a 一级 label declares, read once per label.
  let declaredFor: string | null = null;
  let declaredWeight: number | null = null;
  const stop = Math.min(grid.bottom, nextAnchor - 1);
  for (let r = head.row + 1; r <= stop; r++) {
    const totalCol = index.colOf(r, "total", scanLeft, scanRight);
    if (totalCol !== null) {
      total = readTotal(grid, r, totalCol, cols, scanRight);
      lastRow = r;
      break;
    }
    if (
      index.has(r, "title", scanLeft, scanRight) ||
      index.has(r, "header.projectName", scanLeft, scanRight) ||
      index.has(r, "trailing", scanLeft, scanRight)
    )
      break;
    if (index.has(r, "indicator.note", scanLeft, scanRight)) {
      lastRow = r;
      continue;
    }
    const row = {
      level3: cellAt(grid, r, cols.level3),
      target: cellAt(grid, r, cols.target),
      actual: cellAt(grid, r, cols.actual),
      weight: cellAt(grid, r, cols.weight),
      score: cellAt(grid, r, cols.score),
      explanation: cellAt(grid, r, cols.explanation),
      ...(cols.tier != null ? { tier: cellAt(grid, r, cols.tier) } : {}),
      ...(cols.nature != null ? { nature: cellAt(grid, r, cols.nature) } : {}),
      ...(cols.measureUnit != null ? { measureUnit: cellAt(grid, r, cols.measureUnit) } : {}),
    };
    const l1 = cols.level1 === null ? "" : shownText(grid, r, cols.level1);
    const l2 = cols.level2 === null ? "" : shownText(grid, r, cols.level2);
    const content =
      filled(row.level3) ||
      filled(row.target) ||
      filled(row.actual) ||
      filled(row.weight) ||
      filled(row.score);
    if (!content && !l1 && !l2) {
      if (++empty >= MAX_EMPTY_RUN) break;
      continue;
    }
    empty = 0;
    // A row that writes its own 一级 or 二级 name (not the continuation of a merged group) is an
    // indicator row even when 三级/指标值/完成值 are still blank (a blank template with default 分值).
    const ownLevelName = ownName(grid, r, cols.level1) || ownName(grid, r, cols.level2);
    if (!ownLevelName && isUnlabelledTotal(row, rows.length)) {
      // A 总分 row whose label cell was left blank (seen in real tables): numbers only under 分值/得分.
      total = {
        row: r,
        label: locate(grid, r, cols.level1 ?? scanLeft),
        weight: row.weight,
        score: row.score,
      };
      lastRow = r;
      break;
    }
    const placeholder = isPlaceholder(cf, row);
    if (!content || placeholder) {
      // A template row left unused (only its 二级 name, e.g. 生态效益指标 with nothing else, or a
      // placeholder 指标2 / …… with blank 分值 and 得分) is no indicator, but it may open a new 一级 group.
      if (l1 && l1 !== level1) {
        level1 = l1;
        level1Address = cols.level1 === null ? null : locate(grid, r, cols.level1).address;
        level2 = "";
      }
      if (l2) level2 = l2;
      if (placeholder) lastRow = r;
      continue;
    }
    if (l1) {
      if (l1 !== level1 || (cols.level1 !== null && !grid.isMergeContinuation(r, cols.level1))) {
        level1 = l1;
        level1Address = cols.level1 === null ? null : locate(grid, r, cols.level1).address;
        level2 = "";
      }
    }
    if (l2) level2 = l2;
    if (level1 !== declaredFor) {
      const declared = DECLARED_WEIGHT.exec(normalizeLabel(level1));
      declaredWeight = declared ? Number(declared[1]) : null;
      declaredFor = level1;
    }
    rows.push({
      row: r,
      level1,
      level1DeclaredWeight: declaredWeight,
      level1Address,
      level2,
      ...row,
    });
    lastRow = r;
  }
  return { block: { headerRow: head.row, columns: cols, rows }, total, lastRow };
}

/** The cell at (row, col), or null where the layout has no such column. */
function cellAt(grid: Grid, row: number, col: number | null | undefined): Located | null {
  return col == null ? null : locate(grid, row, col);
}

function filled(cell: Located | null): boolean {
  return cell !== null && !isBlankValue(cell.value);
}

/** A 一级/二级 name written in this row itself (not the continuation of a merged group). */
function ownName(grid: Grid, row: number, col: number | null): boolean {
  return col !== null && !grid.isMergeContinuation(row, col) && !isBlankValue(grid.value(row, col));
}

type RowCells = Pick<
  IndicatorBlock["rows"][number],
  "level3" | "target" | "actual" | "weight" | "score"
>;

/** A template placeholder (指标2, ……): the family's pattern in 三级指标, 分值 and 得分 blank. */
function isPlaceholder(cf: CompiledFamily, row: RowCells): boolean {
  if (cf.placeholders.length === 0) return false;
  const blank = (l: Located | null) => !l || isBlankValue(l.value);
  if (!blank(row.weight) || !blank(row.score)) return false;
  const name =
    row.level3 && typeof row.level3.value === "string" ? normalizeLabel(row.level3.value) : "";
  if (!name) return false;
  return cf.placeholders.some((p) => p.test(name));
}

/** Nothing under 三级指标/指标值/完成值 but a number under 分值: a 总分 row that lost its label. */
function isUnlabelledTotal(row: RowCells, rowsSoFar: number): boolean {
  const blank = (l: Located | null) => !l || isBlankValue(l.value);
  return (
    rowsSoFar > 0 &&
    blank(row.level3) &&
    blank(row.target) &&
    blank(row.actual) &&
    !!row.weight &&
    typeof row.weight.value === "number"
  );
}

function readTotal(
  grid: Grid,
  row: number,
  labelCol: number,
  cols: IndicatorColumns,
  scanRight: number
): TotalRow {
  const label = locate(grid, row, labelCol);
  let weight = cols.weight === null ? null : locate(grid, row, cols.weight);
  let score = cols.score === null ? null : locate(grid, row, cols.score);
  if ((!weight || isBlankValue(weight.value)) && (!score || isBlankValue(score.value))) {
    // Some tables put the two numbers straight after the label instead of under 分值/得分.
    const numbers: Located[] = [];
    for (let c = rightEdge(grid, row, labelCol) + 1; c <= scanRight && numbers.length < 2; c++) {
      if (grid.isMergeContinuation(row, c)) continue;
      if (!isBlankValue(grid.value(row, c))) numbers.push(locate(grid, row, c));
    }
    if (numbers.length === 2) [weight, score] = numbers;
  }
  return { row, label, weight, score };
}

/** The grade written, unlabelled, in the last cell of the 总分 row (云南). */
function gradeInTotalRow(
  grid: Grid,
  total: TotalRow,
  cols: IndicatorColumns,
  spanRight: number
): Grade | null {
  const used = [cols.weight, cols.score, total.weight?.col, total.score?.col].filter(
    (c): c is number => typeof c === "number"
  );
  const lastUsed = Math.max(...used, total.label.col);
  const col = cols.explanation ?? spanRight;
  if (col <= lastUsed) return null;
  const valueCell = locate(grid, total.row, col);
  const v = isBlankValue(valueCell.value) ? null : String(valueCell.value).trim();
  return { row: total.row, label: total.label, valueCell, value: v };
}

const GRADE_INLINE = /^等级[:：]\s*(.+)$/;

function readGrade(
  grid: Grid,
  index: Index,
  fromRow: number,
  scanLeft: number,
  scanRight: number,
  nextAnchor: number
): Grade | null {
  for (let r = fromRow; r <= Math.min(fromRow + 2, nextAnchor - 1, grid.bottom); r++) {
    const col = index.colOf(r, "grade", scanLeft, scanRight);
    if (col === null) continue;
    const label = locate(grid, r, col);
    const text = normalizeLabel(String(label.value ?? ""));
    const inline = GRADE_INLINE.exec(text);
    if (inline) return { row: r, label, valueCell: label, value: inline[1] };
    const valueCell = locate(grid, r, rightEdge(grid, r, col) + 1);
    const v = isBlankValue(valueCell.value) ? null : String(valueCell.value).trim();
    return { row: r, label, valueCell, value: v };
  }
  return null;
}

function classifyKind(
  title: Located | null,
  header: Partial<Record<HeaderFieldKey, HeaderField>>
): AssessmentTable["kind"] {
  const t = title ? normalizeLabel(String(title.value ?? "")) : "";
  if (t.includes("部门整体")) return "department";
  if (!header.projectName && header.deptName) return "department";
  return "project";
}
