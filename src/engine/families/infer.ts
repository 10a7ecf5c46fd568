import { RangePos, toA1 } from "../grid/a1";
import { Grid } from "../grid/snapshot";
import { HeaderFieldKey } from "../model/table";
import { normalizeLabel } from "../text/normalize";
import {
  BUILTIN_FAMILIES,
  FamilyCatalog,
  resolveFamilies,
  ScopedKey,
  scopedDictionary,
} from "./catalog";
import { LabelMatcher } from "../labels/matcher";
import {
  FamilyPatch,
  FamilyPatchSchema,
  FundingColumnKey,
  FundingRowKey,
  IndicatorColumnKey,
} from "./schema";
import { detectTables } from "../detect/detect";
import { AssessmentTable } from "../model/table";

/**
 * Drafting a family for a table no family reads: the headings of the table are sorted into fields
 * by what their words say (分值/权重/权数 is a weight, 得分/评分 a score, 原因/说明 the explanation …),
 * and the draft family carries the table's own spellings, so reading the sheet with it finds the
 * table. Headings no word explains are listed for the template owner to map.
 *
 * The search is bounded: at most MAX_ROWS rows and MAX_COLS columns of the sheet (or of the range).
 */
const MAX_ROWS = 400;
const MAX_COLS = 60;
const MAX_HEADING = 40;

type Classifier<K extends string> = [RegExp, K][];

/** Indicator headings, first match wins (未完成原因分析 is an explanation before it is 完成). */
const INDICATOR_WORDS: Classifier<IndicatorColumnKey> = [
  [/一级/, "level1"],
  [/二级/, "level2"],
  [/三级/, "level3"],
  [/性质/, "nature"],
  [/^(度量|计量)?单位$/, "measureUnit"],
  [/原因|说明|偏差|改进|备注/, "explanation"],
  [/得分|评分|^分数$/, "score"],
  [/分值|权重|权数|满分|标准分/, "weight"],
  [/档次/, "tier"],
  [/完成|实际|实现/, "actual"],
  [/指标值|目标值|目标|指标内容/, "target"],
];

const FUNDING_WORDS: Classifier<FundingColumnKey> = [
  [/率|比例/, "rate"],
  [/年初/, "initialBudget"],
  [/执行数|执行金额|支出数|实际支出|执行$|支出$/, "executed"],
  [/预算|调整后|全年|批复/, "budget"],
  [/分值|权重|权数/, "weight"],
  [/得分|评分/, "score"],
  [/原因|说明/, "reason"],
];

const HEADER_WORDS: Classifier<HeaderFieldKey> = [
  [/项目名称|项目$/, "projectName"],
  [/主管部门|主管单位/, "department"],
  [/实施单位|执行单位|承担单位/, "unit"],
  [/负责人/, "owner"],
  [/电话/, "phone"],
  [/部门名称|单位名称/, "deptName"],
];

const TOTAL_WORDS = /^(总分|合计|总计|得分合计|合计得分|总得分|综合得分)/;
const TITLE_WORDS = /自评表|评价表/;

function classify<K extends string>(words: Classifier<K>, text: string): K | null {
  for (const [re, k] of words) if (re.test(text)) return k;
  return null;
}

export interface HeadingCell {
  cell: string;
  text: string;
}

/** The header a heading stands in: the funding header row or the indicator header (one or two rows). */
export type HeadingBlock = "funding" | "indicators";

export interface InferredFamily {
  /**
   * A rule-set family entry carrying the table's spellings; it `extends` the built-in family that
   * already knows most of the table's headings (the national one on a tie).
   */
  family: FamilyPatch;
  /**
   * Headings the draft maps, with the field each went to: `funding.<column>`, `funding.label`,
   * `funding.rows.<row>`, `indicators.<column>`, `indicators.label`, `total`, `title`, `header.<field>`.
   */
  mapped: (HeadingCell & { field: string })[];
  /** Headings of the table's header rows that no word explains, with the header they stand in. */
  unmapped: (HeadingCell & { block: HeadingBlock })[];
  /** The table as the sheet reads with the draft in the catalog, or null if it still is not found. */
  table: AssessmentTable | null;
}

export class InferError extends Error {
  constructor(
    readonly reason_zh: string,
    readonly reason_en: string
  ) {
    super(reason_en);
    this.name = "InferError";
  }
}

interface Heading {
  row: number;
  col: number;
  text: string;
  norm: string;
}

/** The short text cells of one row inside the bounds (a merged area counted once, at its top-left). */
function headingsOf(grid: Grid, row: number, left: number, right: number): Heading[] {
  const out: Heading[] = [];
  for (let c = left; c <= right; c++) {
    if (grid.isMergeContinuation(row, c)) continue;
    const v = grid.value(row, c);
    if (typeof v !== "string") continue;
    const norm = normalizeLabel(v);
    if (!norm || norm.length > MAX_HEADING) continue;
    out.push({ row, col: c, text: v, norm });
  }
  return out;
}

/**
 * The lower row of a two-row indicator header under `row`, as field → heading, or null: the row
 * below must name an indicator level (一级/二级/三级) the header row does not, and no weight or
 * score (a data row or a second table would).
 */
function twoRowHeader(
  grid: Grid,
  row: number,
  bottom: number,
  left: number,
  right: number
): Map<IndicatorColumnKey, Heading> | null {
  if (row + 1 > bottom) return null;
  const upper = new Set(
    headingsOf(grid, row, left, right).map((h) => classify(INDICATOR_WORDS, h.norm))
  );
  const cols = new Map<IndicatorColumnKey, Heading>();
  for (const h of headingsOf(grid, row + 1, left, right)) {
    const k = classify(INDICATOR_WORDS, h.norm);
    if (k && !cols.has(k)) cols.set(k, h);
  }
  if (cols.has("weight") || cols.has("score")) return null;
  const levels = (["level1", "level2", "level3"] as const).filter(
    (k) => cols.has(k) && !upper.has(k)
  );
  return levels.length ? cols : null;
}

/**
 * Where a drafted field's spellings go in a family, as the reader's scoped key (null: the field is
 * not one a family spells, e.g. a field id from elsewhere).
 */
export function scopedKeyOf(field: string): ScopedKey | null {
  if (field === "total" || field === "title") return field;
  if (field === "funding.label") return "funding.block";
  if (field === "indicators.label") return "indicator.block";
  const m = /^(funding\.rows|funding|indicators|header)\.([A-Za-z0-9]+)$/.exec(field);
  if (!m) return null;
  const prefix = {
    "funding.rows": "funding.row",
    funding: "funding.col",
    indicators: "indicator.col",
    header: "header",
  }[m[1]];
  return `${prefix}.${m[2]}` as ScopedKey;
}

/** A built-in family's spellings, compiled once per process (built-in families never change). */
let builtinMatchers: { id: string; matcher: LabelMatcher<ScopedKey> }[] | null = null;

export function builtinMatcher(id: string): LabelMatcher<ScopedKey> | null {
  builtinMatchers ??= BUILTIN_FAMILIES.map((f) => ({
    id: f.id,
    matcher: new LabelMatcher<ScopedKey>(scopedDictionary(f)),
  }));
  return builtinMatchers.find((b) => b.id === id)?.matcher ?? null;
}

/**
 * The built-in family the draft extends, so it inherits that layout's other words: of the national
 * family and those whose markers occur among the headings (what tells a layout apart), the one
 * that already reads most of the drafted headings as the draft does; the national one on a tie.
 */
function closestBuiltin(mapped: readonly (HeadingCell & { field: string })[]): {
  id: string;
  matcher: LabelMatcher<ScopedKey>;
} {
  let best: { id: string; matcher: LabelMatcher<ScopedKey>; n: number } | null = null;
  for (const f of BUILTIN_FAMILIES) {
    if (f.markers.length) {
      const marks = new LabelMatcher<string>({ marker: f.markers });
      if (!mapped.some((m) => marks.keysOf(m.text).length > 0)) continue;
    }
    const matcher = builtinMatcher(f.id)!;
    const n = mapped.filter((m) => {
      const key = scopedKeyOf(m.field);
      return key !== null && matcher.keysOf(m.text).includes(key);
    }).length;
    if (!best || n > best.n) best = { id: f.id, matcher, n };
  }
  return best!;
}

/** Drafts a family for the table in `range` (or the first table-like block of the sheet). */
export function inferFamily(
  grid: Grid,
  opts: { range?: RangePos; id?: string } = {}
): InferredFamily {
  const top = Math.max(grid.top, opts.range?.top ?? grid.top);
  const bottom = Math.min(grid.bottom, opts.range?.bottom ?? grid.bottom, top + MAX_ROWS - 1);
  const left = Math.max(grid.left, opts.range?.left ?? grid.left);
  const right = Math.min(grid.right, opts.range?.right ?? grid.right, left + MAX_COLS - 1);
  if (grid.isEmpty || top > bottom || left > right)
    throw new InferError("所选区域为空", "the range is empty");

  // --- the indicator header: the row with a weight and a score heading and the most other headings
  let best: { row: number; cols: Map<IndicatorColumnKey, Heading>; n: number } | null = null;
  for (let r = top; r <= bottom; r++) {
    const cols = new Map<IndicatorColumnKey, Heading>();
    for (const h of headingsOf(grid, r, left, right)) {
      const k = classify(INDICATOR_WORDS, h.norm);
      if (k && !cols.has(k)) cols.set(k, h);
    }
    const levels = ["level1", "level2", "level3", "target", "actual"].filter((k) =>
      cols.has(k as IndicatorColumnKey)
    ).length;
    if (!cols.has("weight") || !cols.has("score") || levels < 2) continue;
    if (!best || cols.size > best.n) best = { row: r, cols, n: cols.size };
  }
  if (!best)
    throw new InferError(
      "未找到指标表头（需有分值/权重与得分两列及指标名称、指标值或完成值列）",
      "no indicator header found (it needs a weight and a score heading and indicator, target or actual headings)"
    );
  const ind = best;
  // A two-row header (绩效指标 over 一级/二级/三级, 年度指标值 over 指标性质/指标值/度量单位, the
  // other headings merged down over both rows): the row below names the indicator levels. Its
  // headings take their fields; an upper heading whose field the lower row names is a group label.
  const lower = twoRowHeader(grid, ind.row, bottom, left, right);
  if (lower) for (const [k, h] of lower) ind.cols.set(k, h);
  const headerRows = lower ? [ind.row, ind.row + 1] : [ind.row];

  // --- the funding header: nearest row above with a budget and a spending heading
  let fund: { row: number; cols: Map<FundingColumnKey, Heading> } | null = null;
  for (let r = ind.row - 1; r >= Math.max(top, ind.row - 15) && !fund; r--) {
    const cols = new Map<FundingColumnKey, Heading>();
    for (const h of headingsOf(grid, r, left, right)) {
      const k = classify(FUNDING_WORDS, h.norm);
      if (k && !cols.has(k)) cols.set(k, h);
    }
    if (cols.has("budget") && cols.has("executed")) fund = { row: r, cols };
  }

  const mapped: InferredFamily["mapped"] = [];
  const unmapped: InferredFamily["unmapped"] = [];
  const cellOf = (h: Heading) => toA1(h.row, h.col);
  const indicatorColumns: Partial<Record<IndicatorColumnKey, string[]>> = {};
  const used = new Set<string>();
  for (const [k, h] of ind.cols) {
    indicatorColumns[k] = [h.text];
    mapped.push({ cell: cellOf(h), text: h.text, field: `indicators.${k}` });
    used.add(cellOf(h));
  }
  const firstIndicatorCol = Math.min(...[...ind.cols.values()].map((h) => h.col));
  // The block label: left of the headings, or (two rows) the upper heading over the first column.
  let indicatorLabel: Heading | undefined = headerRows
    .flatMap((r) => headingsOf(grid, r, left, firstIndicatorCol - 1))
    .at(0);
  if (!indicatorLabel && lower) {
    const over = headingsOf(grid, ind.row, firstIndicatorCol, firstIndicatorCol)[0];
    if (over && !used.has(cellOf(over)) && !classify(INDICATOR_WORDS, over.norm))
      indicatorLabel = over;
  }
  for (const r of headerRows)
    for (const h of headingsOf(grid, r, left, right)) {
      if (used.has(cellOf(h))) continue;
      if (indicatorLabel && cellOf(h) === cellOf(indicatorLabel)) continue;
      if (h.col < firstIndicatorCol) continue; // the block label left of the headings
      unmapped.push({ cell: cellOf(h), text: h.text, block: "indicators" });
    }
  if (indicatorLabel)
    mapped.push({
      cell: cellOf(indicatorLabel),
      text: indicatorLabel.text,
      field: "indicators.label",
    });

  let funding: FamilyPatch["funding"];
  if (fund) {
    const columns: Partial<Record<FundingColumnKey, string[]>> = {};
    for (const [k, h] of fund.cols) {
      columns[k] = [h.text];
      mapped.push({ cell: cellOf(h), text: h.text, field: `funding.${k}` });
      used.add(cellOf(h));
    }
    const firstAmount = Math.min(...[...fund.cols.values()].map((h) => h.col));
    const before = headingsOf(grid, fund.row, left, firstAmount - 1);
    for (const h of headingsOf(grid, fund.row, firstAmount, right))
      if (!used.has(cellOf(h))) unmapped.push({ cell: cellOf(h), text: h.text, block: "funding" });
    // The block label: the left-most heading of the funding header row (项目资金（万元）).
    const labels = before.length ? [before[0].text] : [];
    if (before.length)
      mapped.push({ cell: cellOf(before[0]), text: before[0].text, field: "funding.label" });
    // Row labels: the first text cell left of the amounts in each row until the indicators.
    const rows: Partial<Record<FundingRowKey, string[]>> = {};
    let first = true;
    for (let r = fund.row + 1; r < ind.row; r++) {
      const h = headingsOf(grid, r, left, firstAmount - 1).find(
        (x) => !before[0] || x.col !== before[0].col || !grid.isMergeContinuation(r, x.col)
      );
      if (!h) continue;
      if (/目标/.test(h.norm)) break;
      const kind: FundingRowKey = first
        ? "total"
        : /财政/.test(h.norm)
          ? "fiscal"
          : /结转/.test(h.norm)
            ? "carryover"
            : "other";
      first = false;
      (rows[kind] ??= []).push(h.text);
      mapped.push({ cell: cellOf(h), text: h.text, field: `funding.rows.${kind}` });
    }
    funding = { labels, columns, rows };
  }

  // --- the total row: the first row below the header whose first heading reads like a total
  let total: string | null = null;
  for (let r = ind.row + 1; r <= bottom && total === null; r++) {
    const h = headingsOf(grid, r, left, right)[0];
    if (h && TOTAL_WORDS.test(h.norm)) {
      total = h.text;
      mapped.push({ cell: cellOf(h), text: h.text, field: "total" });
    }
  }

  // --- title and header fields above the blocks
  const title: string[] = [];
  const fields: Partial<Record<HeaderFieldKey, string[]>> = {};
  const headerTop = Math.max(top, (fund?.row ?? ind.row) - 15);
  for (let r = (fund?.row ?? ind.row) - 1; r >= headerTop; r--) {
    for (const h of headingsOf(grid, r, left, right)) {
      if (TITLE_WORDS.test(h.norm) && title.length === 0) {
        title.push(h.text);
        mapped.push({ cell: cellOf(h), text: h.text, field: "title" });
        continue;
      }
      const k = classify(HEADER_WORDS, h.norm);
      if (k && !fields[k]) {
        fields[k] = [h.text];
        mapped.push({ cell: cellOf(h), text: h.text, field: `header.${k}` });
      }
    }
    if (title.length) break;
  }

  // Markers: the draft's spellings its base family does not know, so the draft is tried where they occur.
  const base = closestBuiltin(mapped);
  const markers = [
    ...new Set(mapped.map((m) => m.text).filter((t) => base.matcher.keysOf(t).length === 0)),
  ];

  const family = FamilyPatchSchema.parse({
    id: opts.id ?? "taught",
    extends: base.id,
    name_zh: "自定义表格式",
    name_en: "Taught layout",
    markers,
    title,
    header: { fields },
    ...(funding ? { funding } : {}),
    indicators: {
      ...(indicatorLabel ? { labels: [indicatorLabel.text] } : {}),
      columns: indicatorColumns,
      ...(lower ? { headerRows: 2 } : {}),
    },
    ...(total ? { total: { labels: [total] } } : {}),
    unmapped: unmapped.map((u) => `${u.cell} ${u.text}`),
  });

  // Read the sheet with the draft in the catalog: the table it finds is the round trip.
  const catalog = new FamilyCatalog(resolveFamilies({ labelSynonyms: {}, families: [family] }));
  const table =
    detectTables(grid, catalog).find(
      (t) => t.family === family.id && t.range.top <= ind.row && t.range.bottom >= ind.row
    ) ?? null;
  return { family, mapped, unmapped, table };
}
