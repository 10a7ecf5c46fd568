import { rangeToA1 } from "../grid/a1";
import { Grid } from "../grid/snapshot";
import { LabelKey } from "../labels/dictionary";
import { LabelMatcher } from "../labels/matcher";
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
import { LabelIndex } from "./label-index";

/**
 * Finds every assessment table on a sheet by its labels.
 *
 * Anchors are the two header rows every variant has: the indicator header
 * (一级/二级/三级指标 … 分值 得分) and the funding header (全年预算数 全年执行数 …).
 * A table is an indicator header with the nearest funding header above it; its top is the
 * highest header-field or title row above that, its bottom the 总分 row (or the 等级 row under it).
 * Position, merges and label spelling do not matter: columns are taken from the header labels.
 */
export function detectTables(grid: Grid, matcher: LabelMatcher): AssessmentTable[] {
  if (grid.isEmpty) return [];
  const index = new LabelIndex(grid, matcher);
  const indicatorHeaders: HeaderRow<IndicatorColumns>[] = [];
  const fundingHeaders: HeaderRow<FundingColumns>[] = [];
  for (const row of index.rows()) {
    const ind = readIndicatorHeader(index, row);
    if (ind) indicatorHeaders.push(ind);
    const fund = readFundingHeader(index, row);
    if (fund) fundingHeaders.push(fund);
  }

  const tables: AssessmentTable[] = [];
  let floor = grid.top - 1; // last row used by the previous table
  const usedFunding = new Set<number>();
  for (let i = 0; i < indicatorHeaders.length; i++) {
    const ind = indicatorHeaders[i];
    if (ind.row <= floor) continue;
    const nextAnchor = Math.min(
      indicatorHeaders[i + 1]?.row ?? Infinity,
      ...fundingHeaders.filter((f) => f.row > ind.row).map((f) => f.row)
    );
    const fund = [...fundingHeaders]
      .reverse()
      .find((f) => f.row < ind.row && f.row > floor && !usedFunding.has(f.row) && overlaps(f, ind));
    if (fund) usedFunding.add(fund.row);
    const table = buildTable(grid, index, ind, fund ?? null, floor, nextAnchor);
    tables.push(table);
    floor = table.range.bottom;
  }
  return tables;
}

interface HeaderRow<C> {
  row: number;
  columns: C;
  left: number;
  right: number;
}

function overlaps(a: { left: number; right: number }, b: { left: number; right: number }): boolean {
  return a.left <= b.right + 2 && b.left <= a.right + 2;
}

function readIndicatorHeader(index: LabelIndex, row: number): HeaderRow<IndicatorColumns> | null {
  const col = (k: LabelKey) => index.colOf(row, k);
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
  const tier = col("tier");
  if (tier !== null) columns.tier = tier;
  const levels = [
    columns.level1,
    columns.level2,
    columns.level3,
    columns.target,
    columns.actual,
  ].filter((c) => c !== null).length;
  if (columns.weight === null || columns.score === null || levels < 3) return null;
  return withSpan(row, columns);
}

function readFundingHeader(index: LabelIndex, row: number): HeaderRow<FundingColumns> | null {
  const col = (k: LabelKey) => index.colOf(row, k);
  // 全年预算数 before a column that is (also) 调整后预算数; that one when it is the only budget column.
  const adjusted = col("adjustedBudget");
  const plainBudget =
    index.hitsIn(row).find((h) => h.keys.includes("budget") && !h.keys.includes("adjustedBudget"))
      ?.col ?? null;
  const columns: FundingColumns = {
    initialBudget: col("initialBudget"),
    budget: plainBudget ?? col("budget") ?? adjusted,
    executed: col("executed"),
    weight: col("weight"),
    rate: col("rate"),
    score: col("score"),
  };
  if (adjusted !== null) columns.adjustedBudget = adjusted;
  if (columns.budget === null || columns.executed === null) return null;
  if (columns.rate === null && columns.score === null && columns.initialBudget === null)
    return null;
  return withSpan(row, columns);
}

function withSpan<C extends object>(row: number, columns: C): HeaderRow<C> {
  const cols = Object.values(columns).filter((c): c is number => typeof c === "number");
  return { row, columns, left: Math.min(...cols), right: Math.max(...cols) };
}

const HEADER_KEYS: readonly HeaderFieldKey[] = HeaderFieldKeySchema.options;

/** How far above the funding header a table's own header rows may start. */
const MAX_HEADER_ROWS = 14;
/** Empty rows that end an indicator block that has no 总分 row. */
const MAX_EMPTY_RUN = 3;

function buildTable(
  grid: Grid,
  index: LabelIndex,
  ind: HeaderRow<IndicatorColumns>,
  fund: HeaderRow<FundingColumns> | null,
  floor: number,
  nextAnchor: number
): AssessmentTable {
  const spanLeft = Math.min(ind.left, fund?.left ?? Infinity);
  const spanRight = Math.max(ind.right, fund?.right ?? -Infinity);
  // Row labels and block labels sit left of the header columns; allow a few columns for them.
  const scanLeft = Math.max(grid.left, spanLeft - 4);
  const scanRight = spanRight + 2;

  // --- top: the highest title / header-field row above the funding header (or indicator header).
  const firstAnchor = fund?.row ?? ind.row;
  let top = firstAnchor;
  let title: Located | null = null;
  const header: Partial<Record<HeaderFieldKey, HeaderField>> = {};
  for (let r = firstAnchor - 1; r > floor && r >= firstAnchor - MAX_HEADER_ROWS; r--) {
    const hits = index.hitsIn(r, scanLeft, scanRight);
    if (
      hits.some(
        (h) => h.keys.includes("indicatorBlock") && h.keys.length === 1 && r < firstAnchor - 1
      )
    )
      break;
    let useful = false;
    for (const h of hits) {
      if (h.keys.includes("title")) {
        title = locate(grid, h.row, h.col);
        useful = true;
      }
      for (const key of HEADER_KEYS) {
        if (!h.keys.includes(key) || header[key]) continue;
        // 其中：财政拨款 is a header field in the Hunan header but also a funding row label; above the
        // funding header it is the header field.
        header[key] = {
          label: locate(grid, h.row, h.col),
          value: headerValue(grid, index, h.row, h.col, scanRight),
        };
        useful = true;
      }
      if (h.keys.includes("fundingBlock")) useful = true;
    }
    if (useful) top = r;
    if (title) break;
  }

  // --- funding block
  const funding = fund ? readFunding(grid, index, fund, scanLeft, ind.row) : null;

  // --- goal block: between funding and indicators
  const goal = readGoal(grid, index, (fund?.row ?? top) + 1, ind.row, scanLeft, scanRight);

  // --- indicators and the 总分 row
  const {
    block: indicators,
    total,
    lastRow,
  } = readIndicators(grid, index, ind, scanLeft, scanRight, nextAnchor);
  let bottom = lastRow;
  const grade = readGrade(grid, index, total?.row ?? lastRow, scanLeft, scanRight, nextAnchor);
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
  const variant = classifyVariant(funding, grade, header);
  return {
    sheet: grid.sheetName,
    kind,
    variant,
    range: { top, left, bottom, right, address: rangeToA1({ top, left, bottom, right }) },
    title,
    header,
    funding,
    goal,
    indicators,
    total,
    grade,
  };
}

/** The value of a header field: the first cell right of the label that is not itself a header label. */
function headerValue(
  grid: Grid,
  index: LabelIndex,
  row: number,
  col: number,
  scanRight: number
): Located | null {
  let c = rightEdge(grid, row, col) + 1;
  while (c <= scanRight) {
    const hit = index.hitsIn(row, c, c)[0];
    const isHeaderLabel = hit && HEADER_KEYS.some((k) => hit.keys.includes(k));
    if (!isHeaderLabel) return locate(grid, row, c);
    // A second label right after the first (项目支出名称 | 专项名称 | value) names the same field.
    c = rightEdge(grid, row, c) + 1;
  }
  return null;
}

const FUNDING_ROW_KINDS: [LabelKey, FundingRowKind][] = [
  ["fundingTotal", "total"],
  ["fundingFiscal", "fiscal"],
  ["fundingCarryover", "carryover"],
  ["fundingOther", "other"],
];

function readFunding(
  grid: Grid,
  index: LabelIndex,
  head: HeaderRow<FundingColumns>,
  scanLeft: number,
  stopRow: number
): FundingBlock {
  const firstAmount = head.left;
  const blockLabelCol = findBlockLabelCol(
    grid,
    index,
    head.row,
    scanLeft,
    firstAmount,
    "fundingBlock"
  );
  const rows: FundingBlock["rows"] = [];
  let blank = 0;
  for (let r = head.row + 1; r < stopRow; r++) {
    if (stopsBlock(index, r, scanLeft)) break;
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
    const at = (c: number | null) => (c === null ? null : locate(grid, r, c));
    const cells = [head.columns.budget, head.columns.executed, head.columns.initialBudget].map(at);
    const hasAmounts = cells.some((l) => l && !isBlankValue(l.value));
    if (!label && !hasAmounts) {
      if (++blank >= 2) break;
      continue;
    }
    blank = 0;
    const labelText = label ? String(label.value) : "";
    const kind =
      FUNDING_ROW_KINDS.find(
        ([k]) => index.has(r, k, scanLeft, firstAmount - 1) || matchesKey(index, labelText, k)
      )?.[1] ?? "unknown";
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
    });
  }
  return { headerRow: head.row, columns: head.columns, rows };
}

function matchesKey(index: LabelIndex, text: string, key: LabelKey): boolean {
  // Row labels that are long (e.g. "其中：当年财政拨款（含追加）") still count by their start.
  const n = normalizeLabel(text);
  if (!n) return false;
  const starts: Record<string, string[]> = {
    fundingTotal: ["年度资金总额", "合计"],
    fundingFiscal: ["其中:当年财政拨款", "当年财政拨款", "其中:财政拨款", "财政拨款"],
    fundingCarryover: ["上年结转"],
    fundingOther: ["其他资金"],
  };
  void index;
  return (starts[key] ?? []).some((s) => n.startsWith(s));
}

/** A column left of the amounts whose cell at the header row is a block label (项目资金（万元）, 绩效指标). */
function findBlockLabelCol(
  grid: Grid,
  index: LabelIndex,
  row: number,
  scanLeft: number,
  firstAmount: number,
  key: LabelKey
): number | null {
  for (let r = row; r >= row - 2; r--) {
    for (let c = scanLeft; c < firstAmount; c++) {
      const m = grid.merge(r, c);
      const top = m ? m.top : r;
      const leftCol = m ? m.left : c;
      if (index.has(top, key, leftCol, leftCol)) return leftCol;
    }
  }
  return null;
}

/** Rows that begin the next block end a funding block. */
function stopsBlock(index: LabelIndex, row: number, scanLeft: number): boolean {
  const hits = index.hitsIn(row, scanLeft);
  return hits.some((h) =>
    h.keys.some(
      (k) =>
        k === "goal" ||
        k === "goalExpected" ||
        k === "indicatorBlock" ||
        k === "level1" ||
        k === "total"
    )
  );
}

function readGoal(
  grid: Grid,
  index: LabelIndex,
  from: number,
  to: number,
  scanLeft: number,
  scanRight: number
): AssessmentTable["goal"] {
  for (let r = from; r < to; r++) {
    const e = index.colOf(r, "goalExpected", scanLeft, scanRight);
    const a = index.colOf(r, "goalActual", scanLeft, scanRight);
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
  index: LabelIndex,
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
      index.has(r, "projectName", scanLeft, scanRight)
    )
      break;
    const at = (c: number | null) => (c === null ? null : locate(grid, r, c));
    const row = {
      level3: at(cols.level3),
      target: at(cols.target),
      actual: at(cols.actual),
      weight: at(cols.weight),
      score: at(cols.score),
      explanation: at(cols.explanation),
      ...(cols.tier != null ? { tier: at(cols.tier) } : {}),
    };
    const l1 = cols.level1 === null ? "" : shownText(grid, r, cols.level1);
    const l2 = cols.level2 === null ? "" : shownText(grid, r, cols.level2);
    const content = [row.level3, row.target, row.actual, row.weight, row.score].some(
      (l) => l && !isBlankValue(l.value)
    );
    if (!content && !l1 && !l2) {
      if (++empty >= MAX_EMPTY_RUN) break;
      continue;
    }
    empty = 0;
    // A row that writes its own 一级 or 二级 name (not the continuation of a merged group) is an
    // indicator row even when 三级/指标值/完成值 are still blank (a blank template with default 分值).
    const ownLevelName = [cols.level1, cols.level2].some(
      (c) => c !== null && !grid.isMergeContinuation(r, c) && !isBlankValue(grid.value(r, c))
    );
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
    if (!content) {
      // A template row left unused (only its 二级 name, e.g. 生态效益指标 with nothing else) is no indicator,
      // but it may open a new 一级 group.
      if (l1 && l1 !== level1) {
        level1 = l1;
        level1Address = cols.level1 === null ? null : locate(grid, r, cols.level1).address;
        level2 = "";
      }
      if (l2) level2 = l2;
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
    const declared = DECLARED_WEIGHT.exec(normalizeLabel(level1));
    rows.push({
      row: r,
      level1,
      level1DeclaredWeight: declared ? Number(declared[1]) : null,
      level1Address,
      level2,
      ...row,
    });
    lastRow = r;
  }
  return { block: { headerRow: head.row, columns: cols, rows }, total, lastRow };
}

type RowCells = Pick<
  IndicatorBlock["rows"][number],
  "level3" | "target" | "actual" | "weight" | "score"
>;

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

const GRADE_INLINE = /^等级[:：]\s*(.+)$/;

function readGrade(
  grid: Grid,
  index: LabelIndex,
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

function classifyVariant(
  funding: FundingBlock | null,
  grade: Grade | null,
  header: Partial<Record<HeaderFieldKey, HeaderField>>
): AssessmentTable["variant"] {
  const hunanFunding =
    funding?.rows[0] && normalizeLabel(String(funding.rows[0].label.value ?? "")) === "合计";
  // Declared section weights (产出指标(50分)) appear in both variants, so they don't decide it.
  if (hunanFunding || grade || header.deptName || header.totalInvestment) return "hunan";
  return "beijing";
}
