/**
 * Renders one transcribed self-evaluation table (SeedTable) onto an ExcelJS worksheet the way
 * real Excel templates lay it out: merged title, header pairs, funding block, goal block,
 * indicator block with vertically merged 一级/二级 groups, total row (and the Hunan grade row and
 * footnotes), thin borders on every cell of the table.
 *
 * Coordinates in this file follow ExcelJS: rows and columns are 1-based. The returned
 * PlacedTable uses A1 row numbers and column letters, so it can go straight into seeds/seed-index.json.
 *
 * The table is laid out on 9 logical columns 0..8 (0 = the block-label column L). With
 * `extraEmptyColumn` an empty physical column is inserted before logical column 4 (between
 * 三级指标 and 年度指标值, and between 年初预算数 and 全年预算数 in the funding block); merges that
 * cross it span it, every other cell in it stays empty.
 */
import type ExcelJS from "exceljs";
import { columnName } from "../src/engine/grid/a1";
import type { SeedTable } from "./seed-model";

export interface PlacedColumns {
  /** 全年预算数 */
  budget: string;
  /** 全年执行数 */
  executed: string;
  /** 执行率 */
  rateCol: string;
  /** Funding 得分 */
  fundingScore: string;
  /** Indicator 分值 (also the funding 分值 and the 总分 weight) */
  indicatorWeight: string;
  /** Indicator 得分 (also the 总分 score) */
  indicatorScore: string;
  /** 偏差原因分析及改进措施 */
  explanation: string;
}

export interface PlacedTable {
  id: string;
  sheet: string;
  /** A1 range of the table block, from the title row to the total row (Beijing) or grade row (Hunan), footnotes excluded. */
  range: string;
  titleRow: number;
  /** The value of 项目名称 (Beijing) / 专项名称 (Hunan); null for a department table. */
  projectName: string | null;
  kind: SeedTable["kind"];
  variant: SeedTable["variant"];
  /** Row of the first funding row (年度资金总额 / 合计). */
  fundingTotalRow: number;
  /** First and last indicator data row (the indicator header row excluded). */
  indicatorRows: [number, number];
  totalRow: number;
  gradeRow: number | null;
  /** Letter of the inserted empty column, or null. */
  extraEmptyColumn: string | null;
  columns: PlacedColumns;
  /** First and last footnote row, or null when the table has none. */
  footnoteRows: [number, number] | null;
  /** A1 range of everything renderTable wrote (title to last footnote); stack the next table below it. */
  occupied: string;
}

export interface RenderOptions {
  extraEmptyColumn?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Cell values

export type SeedCellValue =
  | { kind: "number"; value: number; numFmt: string }
  | { kind: "text"; value: string }
  | { kind: "blank" };

function decimalsFormat(intPattern: string, decimals: string | undefined): string {
  return decimals ? `${intPattern}.${"0".repeat(decimals.length)}` : intPattern;
}

/**
 * How a published value string becomes a cell: a plain number, a number with thousands
 * separators or a plain percentage becomes numeric (with a number format that shows it as
 * published); "" is blank; everything else is text exactly as written.
 */
export function seedCellValue(s: string): SeedCellValue {
  if (s === "") return { kind: "blank" };
  // No leading "+" and no leading zeros ("007"): those would not show as written once numeric.
  let m = /^(-?(?:0|[1-9]\d*))(?:\.(\d+))?$/.exec(s);
  if (m) return { kind: "number", value: Number(s), numFmt: decimalsFormat("0", m[2]) };
  m = /^(-?[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d+))?$/.exec(s);
  if (m)
    return {
      kind: "number",
      value: Number(s.replace(/,/g, "")),
      numFmt: decimalsFormat("#,##0", m[2]),
    };
  m = /^(-?(?:0|[1-9]\d*)(?:\.(\d+))?)%$/.exec(s);
  if (m)
    return { kind: "number", value: Number(`${m[1]}e-2`), numFmt: `${decimalsFormat("0", m[2])}%` };
  return { kind: "text", value: s };
}

// ---------------------------------------------------------------------------------------------
// Styles

const FONT_NAME = "宋体";
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Column widths (characters) per logical column 0..8. */
const WIDTHS = [11, 12, 13, 20, 17, 17, 8, 9.5, 24];
const EXTRA_COL_WIDTH = 2.5;

type Role = "title" | "subtitle" | "label" | "value" | "text" | "number" | "footnote";

function styleFor(role: Role, align: "center" | "left" | "right"): Partial<ExcelJS.Style> {
  const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 10 };
  if (role === "title") Object.assign(font, { size: 16, bold: true });
  if (role === "subtitle") Object.assign(font, { size: 11 });
  if (role === "label") Object.assign(font, { bold: true });
  return {
    font,
    alignment: { horizontal: align, vertical: "middle", wrapText: true },
  };
}

// ---------------------------------------------------------------------------------------------
// Layout

const norm = (s: string): string => s.replace(/\s+/g, "");

interface Span {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  text: string;
}

class Painter {
  readonly spans: Span[] = [];
  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly left: number,
    private readonly extra: boolean
  ) {}

  /** Physical column of logical column i. */
  col(i: number): number {
    return this.left + i + (this.extra && i >= 4 ? 1 : 0);
  }

  get rightCol(): number {
    return this.col(8);
  }

  /**
   * Writes `raw` into the rectangle rows r0..r1 × logical columns a..b (merged when larger than
   * one cell). `numeric` lets plain numbers / percentages become numeric cells.
   */
  put(
    r0: number,
    r1: number,
    a: number,
    b: number,
    raw: string,
    role: Role,
    numeric = false,
    align?: "center" | "left" | "right"
  ): void {
    const c0 = this.col(a);
    const c1 = this.col(b);
    const v = numeric
      ? seedCellValue(raw)
      : raw === ""
        ? ({ kind: "blank" } as const)
        : ({ kind: "text", value: raw } as const);
    const horizontal =
      align ??
      (v.kind === "number" ? "center" : role === "text" && raw.length > 14 ? "left" : "center");
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) this.ws.getCell(r, c).style = styleFor(role, horizontal);
    }
    if (r1 > r0 || c1 > c0) this.ws.mergeCellsWithoutStyle(r0, c0, r1, c1);
    const master = this.ws.getCell(r0, c0);
    if (v.kind === "number") {
      master.value = v.value;
      master.numFmt = v.numFmt;
    } else if (v.kind === "text") {
      master.value = v.value;
    }
    this.spans.push({ r0, c0, r1, c1, text: raw });
  }

  border(r0: number, r1: number): void {
    for (let r = r0; r <= r1; r++) {
      for (let c = this.col(0); c <= this.rightCol; c++) {
        const cell = this.ws.getCell(r, c);
        if (!cell.font) cell.style = styleFor("value", "center");
        cell.border = BORDER;
      }
    }
  }
}

function setWidths(ws: ExcelJS.Worksheet, p: Painter, extra: boolean): void {
  const want = new Map<number, number>();
  WIDTHS.forEach((w, i) => want.set(p.col(i), w));
  if (extra) want.set(p.col(3) + 1, EXTRA_COL_WIDTH);
  for (const [c, w] of want) {
    const column = ws.getColumn(c);
    // A narrow inserted column stays narrow only if nothing wider was asked for it before.
    if (column.width === undefined || column.width < w) column.width = w;
  }
}

/** Rough display width of a text in Excel character units (CJK ≈ 2). */
function textUnits(s: string): number {
  let u = 0;
  for (const ch of s) u += ch.codePointAt(0)! > 0x2e80 ? 2 : 1.1;
  return u;
}

function linesNeeded(text: string, widthUnits: number): number {
  const usable = Math.max(1, widthUnits - 1);
  let n = 0;
  for (const line of text.split("\n")) n += Math.max(1, Math.ceil(textUnits(line) / usable));
  return n;
}

/** Sets row heights so wrapped text shows (Excel does not autofit merged cells). */
function setHeights(
  ws: ExcelJS.Worksheet,
  spans: Span[],
  firstRow: number,
  lastRow: number,
  fixed: Map<number, number>
): void {
  const LINE = 13.5;
  const height = new Map<number, number>();
  for (let r = firstRow; r <= lastRow; r++) height.set(r, fixed.get(r) ?? 15);
  const widthOf = (s: Span): number => {
    let w = 0;
    for (let c = s.c0; c <= s.c1; c++) w += ws.getColumn(c).width ?? 9;
    return w;
  };
  const need = (s: Span): number =>
    s.text === "" ? 0 : linesNeeded(s.text, widthOf(s)) * LINE + 4;
  for (const s of spans) {
    if (s.r0 !== s.r1 || fixed.has(s.r0)) continue;
    height.set(s.r0, Math.max(height.get(s.r0)!, need(s)));
  }
  for (const s of spans) {
    if (s.r0 === s.r1) continue;
    let have = 0;
    for (let r = s.r0; r <= s.r1; r++) have += height.get(r)!;
    const missing = need(s) - have;
    if (missing > 0) {
      const add = missing / (s.r1 - s.r0 + 1);
      for (let r = s.r0; r <= s.r1; r++) if (!fixed.has(r)) height.set(r, height.get(r)! + add);
    }
  }
  for (const [r, h] of height) ws.getRow(r).height = Math.min(409, Math.round(h * 4) / 4);
}

/** Header label/value pairs laid out into rows. */
function renderHeader(
  p: Painter,
  t: SeedTable,
  startRow: number
): { nextRow: number; projectName: string | null } {
  const pairs = t.header;
  let row = startRow;
  let projectName: string | null = null;
  const isFullRow = (label: string): boolean => /^(项目名称|部门名称|单位名称)$/.test(norm(label));
  let i = 0;
  while (i < pairs.length) {
    const [label, value] = pairs[i];
    const key = norm(label);
    if (key === "项目名称" || key === "专项名称") projectName = value;
    if (isFullRow(label)) {
      p.put(row, row, 0, 0, label, "label");
      p.put(row, row, 1, 8, value, "value");
      row++;
      i++;
      continue;
    }
    // Hunan two-level label: ['项目支\n出名称', ''] followed by its sub-label pairs (专项名称 …).
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
        !isFullRow(pairs[j][0]) &&
        !/^项目总实施期/.test(norm(pairs[j][0]))
      ) {
        members.push(pairs[j]);
        j++;
      }
      const rows = Math.ceil(members.length / 2);
      p.put(row, row + rows - 1, 0, 0, label, "label");
      for (let k = 0; k < members.length; k++) {
        const r = row + Math.floor(k / 2);
        const [ml, mv] = members[k];
        if (norm(ml) === "专项名称") projectName = mv;
        if (k % 2 === 0) {
          p.put(r, r, 1, 1, ml, "label");
          p.put(r, r, 2, k + 1 < members.length ? 4 : 8, mv, "value");
        } else {
          p.put(r, r, 5, 6, ml, "label");
          p.put(r, r, 7, 8, mv, "value");
        }
      }
      row += rows;
      i = j;
      continue;
    }
    // Ordinary pairs, two per row.
    const second = i + 1 < pairs.length && !isFullRow(pairs[i + 1][0]) ? pairs[i + 1] : null;
    if (t.variant === "hunan") {
      p.put(row, row, 0, 1, label, "label");
      p.put(row, row, 2, 4, value, "value");
      if (second) {
        p.put(row, row, 5, 6, second[0], "label");
        p.put(row, row, 7, 8, second[1], "value");
      } else {
        p.put(row, row, 5, 8, "", "value");
      }
    } else {
      p.put(row, row, 0, 0, label, "label");
      if (second) {
        p.put(row, row, 1, 4, value, "value");
        p.put(row, row, 5, 5, second[0], "label");
        p.put(row, row, 6, 8, second[1], "value");
      } else {
        p.put(row, row, 1, 8, value, "value");
      }
    }
    if (second && (norm(second[0]) === "项目名称" || norm(second[0]) === "专项名称"))
      projectName = second[1];
    row++;
    i += second ? 2 : 1;
  }
  return { nextRow: row, projectName };
}

/**
 * Renders `table` with its title at `at` (1-based row and column, ExcelJS convention) and
 * returns where everything went. Throws if it would overlap a merge already on the sheet.
 */
export function renderTable(
  ws: ExcelJS.Worksheet,
  table: SeedTable,
  at: { row: number; col: number },
  opts: RenderOptions = {}
): PlacedTable {
  const extra = !!opts.extraEmptyColumn;
  const p = new Painter(ws, at.col, extra);
  setWidths(ws, p, extra);
  const fixedHeights = new Map<number, number>();
  let row = at.row;

  // Title (and subtitle): merged across the table, not bordered (as in real templates).
  const titleRow = row;
  p.put(row, row, 0, 8, table.title, "title");
  fixedHeights.set(row, 30);
  row++;
  if (table.subtitle !== undefined) {
    p.put(row, row, 0, 8, table.subtitle, "subtitle");
    fixedHeights.set(row, 18);
    row++;
  }
  const borderTop = row;

  // Header pairs.
  const header = renderHeader(p, table, row);
  row = header.nextRow;

  // Funding block.
  const f = table.funding;
  const fundingHeaderRow = row;
  const fundingLast = fundingHeaderRow + f.rows.length;
  p.put(fundingHeaderRow, fundingLast, 0, 0, f.label, "label");
  p.put(fundingHeaderRow, fundingHeaderRow, 1, 2, f.columns[0] ?? "", "label");
  for (let k = 1; k < f.columns.length && k + 2 <= 8; k++)
    p.put(fundingHeaderRow, fundingHeaderRow, k + 2, k + 2, f.columns[k], "label");
  for (let k = f.columns.length; k + 2 <= 8; k++)
    p.put(fundingHeaderRow, fundingHeaderRow, k + 2, k + 2, "", "label");
  f.rows.forEach((cells, j) => {
    const r = fundingHeaderRow + 1 + j;
    p.put(r, r, 1, 2, cells[0] ?? "", "label", false, "left");
    for (let k = 1; k + 2 <= 8; k++) p.put(r, r, k + 2, k + 2, cells[k] ?? "", "number", true);
  });
  const fundingTotalRow = fundingHeaderRow + 1;
  row = fundingLast + 1;

  // Goal block.
  if (table.goal) {
    const g = table.goal;
    p.put(row, row + 1, 0, 0, g.label, "label");
    p.put(row, row, 1, 4, g.columns[0], "label");
    p.put(row, row, 5, 8, g.columns[1], "label");
    p.put(row + 1, row + 1, 1, 4, g.values[0], "text", false, "left");
    p.put(row + 1, row + 1, 5, 8, g.values[1], "text", false, "left");
    row += 2;
  }

  // Indicator block.
  const ind = table.indicators;
  const indHeaderRow = row;
  const indFirst = indHeaderRow + 1;
  const indLast = indHeaderRow + Math.max(ind.rows.length, 1);
  p.put(indHeaderRow, indLast, 0, 0, ind.label, "label");
  for (let k = 0; k < 8; k++)
    p.put(indHeaderRow, indHeaderRow, k + 1, k + 1, ind.columns[k] ?? "", "label");
  // Group extents for 一级 (level 1) and 二级 (level 2): a non-empty cell opens a group that the
  // following "" cells continue; a new 一级 group also ends the 二级 group.
  const n = ind.rows.length;
  const groupEnd = (level: 0 | 1, start: number): number => {
    let e = start;
    while (e + 1 < n && ind.rows[e + 1][level] === "" && (level === 0 || ind.rows[e + 1][0] === ""))
      e++;
    return e;
  };
  for (let j = 0; j < n; j++) {
    const cells = ind.rows[j];
    const r = indFirst + j;
    for (const level of [0, 1] as const) {
      const v = cells[level] ?? "";
      const continues = v === "" && j > 0 && (level === 0 || cells[0] === "");
      if (continues) continue; // covered by the merge opened above
      const e = groupEnd(level, j);
      p.put(r, indFirst + e, level + 1, level + 1, v, "label");
    }
    p.put(r, r, 3, 3, cells[2] ?? "", "text");
    for (let k = 3; k <= 6; k++) p.put(r, r, k + 1, k + 1, cells[k] ?? "", "text", true);
    p.put(r, r, 8, 8, cells[7] ?? "", "text", false, "left");
  }
  if (n === 0) for (let k = 1; k <= 8; k++) p.put(indFirst, indFirst, k, k, "", "value");
  row = indLast + 1;

  // Total row.
  const totalRow = row;
  p.put(totalRow, totalRow, 0, 5, table.total.label, "label");
  p.put(totalRow, totalRow, 6, 6, table.total.weight, "number", true);
  p.put(totalRow, totalRow, 7, 7, table.total.score, "number", true);
  p.put(totalRow, totalRow, 8, 8, "", "value");
  row++;

  // Grade row (Hunan).
  let gradeRow: number | null = null;
  if (table.grade) {
    gradeRow = row;
    p.put(row, row, 0, 8, table.grade.text, "label", false, "left");
    row++;
  }
  const blockBottom = row - 1;
  p.border(borderTop, blockBottom);

  // Footnotes, below the table and outside the border.
  let footnoteRows: [number, number] | null = null;
  if (table.footnotes && table.footnotes.length > 0) {
    const first = row;
    for (const line of table.footnotes) {
      p.put(row, row, 0, 8, line, "footnote", false, "left");
      row++;
    }
    footnoteRows = [first, row - 1];
  }
  const lastRow = row - 1;

  setHeights(ws, p.spans, titleRow, lastRow, fixedHeights);

  const L = (i: number): string => columnName(p.col(i) - 1);
  const a1 = (r: number, c: number): string => `${columnName(c - 1)}${r}`;
  return {
    id: table.id,
    sheet: ws.name,
    range: `${a1(titleRow, p.col(0))}:${a1(blockBottom, p.rightCol)}`,
    titleRow,
    projectName: table.kind === "department" ? null : header.projectName,
    kind: table.kind,
    variant: table.variant,
    fundingTotalRow,
    indicatorRows: [indFirst, indLast],
    totalRow,
    gradeRow,
    // The inserted column is the physical column right after logical column 3 (columnName is 0-based).
    extraEmptyColumn: extra ? columnName(p.col(3) + 1 - 1) : null,
    columns: {
      budget: L(4),
      executed: L(5),
      rateCol: L(7),
      fundingScore: L(8),
      indicatorWeight: L(6),
      indicatorScore: L(7),
      explanation: L(8),
    },
    footnoteRows,
    occupied: `${a1(titleRow, p.col(0))}:${a1(lastRow, p.rightCol)}`,
  };
}
