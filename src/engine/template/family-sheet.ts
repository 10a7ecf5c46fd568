/**
 * The standard blank table of a family that describes its layout as data (the family's `template`,
 * families/schema.ts FamilyTemplateSchema): 四川's 预算管理一体化 form, 云南's 公开14表 and any family a
 * rule set adds. It yields the same sheet model as the Beijing and Hunan presets (layout.ts), whose
 * formulas are then planned by the real detection and fill, exactly as for the presets.
 *
 * Rows, top to bottom: preface (outside the table), title, subtitle, header rows, the funding block,
 * the goal rows, the indicator block (one or two header rows), note rows, the total row (with the
 * grade in its last cell where the family puts it there), trailing rows (part of the form, not of the
 * scored table). Coordinates are 0-based.
 */
import { num } from "../compute/numbers";
import { FamilyTemplate, TableFamily, TemplateCellSpec } from "../families/schema";
import { EngineSettings } from "../settings";
import { rangeToA1 } from "../grid/a1";
import { CellValue } from "../grid/snapshot";
import { HeaderFieldKey } from "../model/table";
import { roundHalfUp } from "../text";
import { TemplateError } from "./errors";
import type { IndicatorGroupSpec, TemplateAnchors } from "./layout";
import {
  ACTUAL_TIERS,
  AMOUNT_STYLE,
  amountValidation,
  LEVEL2_OPTIONS,
  listValidation,
  PERCENT_FORMAT,
  SCORE_FORMAT,
  SheetBuilder,
  TEXT_INPUT,
  weightAndScoreValidations,
} from "./sheet-builder";

/** What the layout builder needs from a sheet, whichever way it was built. */
export interface BuiltSheet {
  builder: SheetBuilder;
  anchors: TemplateAnchors;
  lastRow: number;
  borderTop: number;
  borderBottom: number;
  /** Rows repeated at the top of every printed page (the preface and title rows). */
  titleRows: number;
  /** Planning-only placeholder values (never written to the output). */
  placeholders: Map<string, CellValue>;
  columns: number;
  widths: number[];
  /** Rows with a fixed height (the title and subtitle). */
  fixedHeights: Map<number, number>;
  /** The table's range as detection must find it. */
  range: string;
}

export interface FamilySheetOptions {
  family: TableFamily;
  spec: FamilyTemplate;
  year: number;
  settings: EngineSettings;
  skeleton: IndicatorGroupSpec[];
  fundingWeight: number;
}

/** 指标性质 as the published forms write it; a suggestion, any sign is accepted. */
const NATURE_OPTIONS = ["=", "≥", "≤", ">", "<", "定性"];

/** The free-form parts of a layout, for messages. */
const PART_NAMES = {
  preface: ["表前行", "rows above the title"],
  header: ["表头", "header"],
  goal: ["目标行", "goal rows"],
  trailing: ["表后行", "rows after the total"],
} as const;

function bad(zh: string, en: string): never {
  throw new TemplateError(
    "badFamily",
    `表格式的空白表定义无效：${zh}`,
    `invalid blank-table layout: ${en}`
  );
}

function groupWeight(group: IndicatorGroupSpec): number {
  return roundHalfUp(
    group.rows.reduce((s, r) => s + r.weight, 0),
    6
  );
}

/**
 * Builds the sheet of a data-described layout. Throws TemplateError "badFamily" when the layout
 * does not fit its own width (a row wider than its columns, a block without the columns fill needs).
 */
export function buildFamilySheet(o: FamilySheetOptions): BuiltSheet {
  const { spec, family } = o;
  const columns = spec.widths.length;
  const last = columns - 1;
  if (columns < 4) bad("至少需要 4 列宽度（widths）", "give at least 4 column widths");
  if (!spec.indicators) bad("缺少指标块（indicators）", "the indicator block is missing");
  const unit = family.unit;
  const indicatorWeight = roundHalfUp(
    o.skeleton.reduce((s, g) => s + groupWeight(g), 0),
    6
  );
  const words = (text: string) =>
    text
      .replace(/\{year\}/g, String(o.year))
      .replace(/\{fundingWeight\}/g, num(o.fundingWeight))
      .replace(/\{indicatorWeight\}/g, num(indicatorWeight));

  const b = new SheetBuilder();
  const placeholders = new Map<string, CellValue>();
  const header: TemplateAnchors["header"] = {};
  const goal = { expected: "", actual: "" };
  const fixedHeights = new Map<number, number>();
  let r = 0;

  /**
   * Free-form rows: each cell placed at the next column not taken by the row's earlier cells or by
   * a cell merged down from a row above. Returns the row after the last one.
   */
  const freeRows = (
    rows: TemplateCellSpec[][],
    from: number,
    where: keyof typeof PART_NAMES,
    outside = false
  ): number => {
    const taken = new Set<string>();
    const [zh, en] = PART_NAMES[where];
    rows.forEach((cells, i) => {
      const row = from + i;
      let col = 0;
      for (const c of cells) {
        while (taken.has(`${row},${col}`)) col++;
        const right = col + c.span - 1;
        if (right > last)
          bad(
            `${zh}第 ${i + 1} 行超出 ${columns} 列`,
            `row ${i + 1} of the ${en} is wider than ${columns} columns`
          );
        const bottom = row + c.down - 1;
        // A cell merged down past its own rows would overlap the next block.
        if (bottom >= from + rows.length)
          bad(
            `${zh}第 ${i + 1} 行的单元格向下合并超出${zh}`,
            `a cell in row ${i + 1} of the ${en} spans rows below it`
          );
        for (let y = row; y <= bottom; y++)
          for (let x = col; x <= right; x++) taken.add(`${y},${x}`);
        const style = c.plain ? { horizontal: "left" as const, bold: false } : {};
        if (c.input) {
          const amount = c.input === "totalInvestment" || c.input === "fiscalFunding";
          const address = b.input(row, col, bottom, right, amount ? AMOUNT_STYLE : TEXT_INPUT);
          if (amount)
            b.validations.push(
              amountValidation(
                address,
                c.input === "totalInvestment" ? "项目总投资" : "其中：财政拨款",
                unit
              )
            );
          if (c.input === "goalExpected") goal.expected = address;
          else if (c.input === "goalActual") goal.actual = address;
          else if (c.input !== "text") header[c.input as HeaderFieldKey] = address;
        } else if (outside) b.put(row, col, bottom, right, "note", words(c.text ?? ""));
        else if (c.text !== undefined) b.label(row, col, bottom, right, words(c.text), style);
        else b.put(row, col, bottom, right, "constant", null);
        col = right + 1;
      }
      // The rest of the row, when its cells do not reach the last column: blank, bordered.
      if (!outside)
        for (let x = 0; x <= last; x++)
          if (!taken.has(`${row},${x}`)) {
            let end = x;
            while (end < last && !taken.has(`${row},${end + 1}`)) end++;
            b.put(row, x, row, end, "constant", null);
            for (let k = x; k <= end; k++) taken.add(`${row},${k}`);
          }
    });
    return from + rows.length;
  };

  // --- preface (outside the table) and title
  r = freeRows(spec.preface, r, "preface", true);
  const titleRow = r;
  const title = b.put(r, 0, r, last, "title", words(spec.title));
  fixedHeights.set(r, 30);
  r++;
  if (spec.subtitle !== undefined) {
    b.put(r, 0, r, last, "title", words(spec.subtitle), { bold: false, size: 11 });
    fixedHeights.set(r, 20);
    r++;
  }
  const titleRows = r;
  const borderTop = r;

  // --- header rows
  r = freeRows(spec.header, r, "header");

  // --- goal rows, here or after the funding block
  if (spec.goalFirst) r = freeRows(spec.goal, r, "goal");

  // --- funding block
  const funding: TemplateAnchors["funding"] = [];
  if (spec.funding) {
    const f = spec.funding;
    const fh = r;
    const rows = f.rows.length;
    if (f.rows[0].kind !== "total")
      bad("资金块的第一行应为合计行", "the funding block must open with its total row");
    b.label(fh, 0, fh + rows, 0, words(f.label));
    b.label(fh, 1, fh, f.rowLabelSpan, words(f.head));
    let col = 1 + f.rowLabelSpan;
    const at: Partial<Record<string, { col: number; right: number }>> = {};
    for (const c of f.columns) {
      at[c.key] = { col, right: col + c.span - 1 };
      b.label(fh, col, fh, col + c.span - 1, words(c.heading));
      col += c.span;
    }
    if (col - 1 > last)
      bad(`资金块超出 ${columns} 列`, `the funding block is wider than ${columns} columns`);
    for (const key of ["budget", "executed"] as const)
      if (!at[key]) bad(`资金块缺少 ${key} 列`, `the funding block has no ${key} column`);
    if (col - 1 < last) b.put(fh, col, fh, last, "constant", null);
    f.rows.forEach((row, i) => {
      const fr = fh + 1 + i;
      const total = row.kind === "total";
      const label = b.label(fr, 1, fr, f.rowLabelSpan, row.label, {
        horizontal: "left",
        bold: false,
      });
      const cell = (key: string): string => {
        const p = at[key];
        if (!p) return "";
        switch (key) {
          case "initialBudget":
          case "adjustedBudget":
          case "budget":
          case "executed": {
            const a = b.input(fr, p.col, fr, p.right, AMOUNT_STYLE);
            b.validations.push(amountValidation(a, row.label, unit));
            return a;
          }
          case "rate":
            return b.slot(fr, p.col, "rate", { numFmt: PERCENT_FORMAT }, p.right);
          case "weight":
            return b.put(
              fr,
              p.col,
              fr,
              p.right,
              "constant",
              total ? o.fundingWeight : f.subRowMark || null
            );
          case "score":
            return total
              ? b.slot(fr, p.col, "fundingScore", { numFmt: SCORE_FORMAT }, p.right)
              : b.put(fr, p.col, fr, p.right, "constant", f.subRowMark || null);
          case "reason":
            // One free-text area down the whole block, as the form has it.
            return i === 0
              ? b.input(fr, p.col, fh + rows, p.right, { ...TEXT_INPUT, vertical: "top" })
              : "";
          default:
            return "";
        }
      };
      const anchors = {
        kind: row.kind,
        label,
        initialBudget: cell("initialBudget"),
        budget: cell("budget"),
        executed: cell("executed"),
        weight: cell("weight"),
        rate: cell("rate"),
        score: cell("score"),
      };
      cell("reason");
      if (col - 1 < last) b.put(fr, col, fr, last, "constant", null);
      funding.push(anchors);
      // Planning only: numbers in the amounts, so planFill plans every row's 执行率 and the 得分.
      placeholders.set(anchors.budget, 1);
      placeholders.set(anchors.executed, 1);
    });
    r = fh + rows + 1;
  }

  if (!spec.goalFirst) r = freeRows(spec.goal, r, "goal");

  // --- indicator block
  const ind = spec.indicators!;
  const twoRows = ind.columns.some((c) => c.over !== undefined);
  const ih = r;
  const headRows = twoRows ? 2 : 1;
  const rowCount = o.skeleton.reduce((s, g) => s + g.rows.length, 0);
  let col = 0;
  if (ind.label !== undefined) {
    b.label(ih, 0, ih + headRows - 1 + rowCount, 0, words(ind.label));
    col = 1;
  }
  const at: Partial<Record<string, { col: number; right: number }>> = {};
  for (let k = 0; k < ind.columns.length; k++) {
    const c = ind.columns[k];
    const right = col + c.span - 1;
    at[c.key] = { col, right };
    if (!twoRows) b.label(ih, col, ih, right, words(c.heading));
    else if (c.over === undefined) b.label(ih, col, ih + 1, right, words(c.heading));
    else {
      // The upper heading once over the run of columns that share it.
      if (k === 0 || ind.columns[k - 1].over !== c.over) {
        let end = right;
        for (let j = k + 1; j < ind.columns.length && ind.columns[j].over === c.over; j++)
          end += ind.columns[j].span;
        b.label(ih, col, ih, end, words(c.over));
      }
      b.label(ih + 1, col, ih + 1, right, words(c.heading));
    }
    col = right + 1;
  }
  if (col - 1 !== last)
    bad(`指标块应占满 ${columns} 列`, `the indicator block must span all ${columns} columns`);
  for (const key of ["level3", "weight", "score"] as const)
    if (!at[key]) bad(`指标块缺少 ${key} 列`, `the indicator block has no ${key} column`);
  const level1Text = (g: IndicatorGroupSpec) =>
    ind.level1Weights ? `${g.level1}（${num(groupWeight(g))}分）` : g.level1;
  const level1Items = o.skeleton.map(level1Text);
  const indicators: TemplateAnchors["indicators"] = [];
  let ir = ih + headRows;
  const span = (key: string, row: number, value: string | number | null = null, style = {}) => {
    const p = at[key];
    return p ? b.input(row, p.col, row, p.right, style, value) : "";
  };
  for (const g of o.skeleton) {
    const first = ir;
    const lastRow = ir + g.rows.length - 1;
    const p1 = at.level1;
    const level1 = p1
      ? b.input(first, p1.col, lastRow, p1.right, { bold: true }, level1Text(g))
      : "";
    if (level1)
      b.validations.push(
        listValidation(
          level1,
          level1Items,
          true,
          "一级指标",
          "从下拉列表选择一级指标；确有需要也可输入其他名称。"
        )
      );
    const listed = g.level2Options?.length
      ? g.level2Options
      : (LEVEL2_OPTIONS[g.level1.trim()] ?? []);
    const options = [...new Set([...listed, ...g.rows.map((x) => x.level2)])];
    for (const row of g.rows) {
      const level2 = span("level2", ir, row.level2);
      if (level2)
        b.validations.push(
          listValidation(
            level2,
            options,
            true,
            "二级指标",
            `“${g.level1}”下的二级指标；确有需要也可输入其他名称。`
          )
        );
      const level3 = span("level3", ir, null, TEXT_INPUT);
      const nature = span("nature", ir);
      if (nature)
        b.validations.push(
          listValidation(nature, NATURE_OPTIONS, false, "指标性质", "=、≥、≤、>、< 或 定性。")
        );
      const target = span("target", ir);
      span("measureUnit", ir);
      const actual = span("actual", ir);
      if (actual)
        b.validations.push(
          listValidation(
            actual,
            ACTUAL_TIERS,
            false,
            "实际完成值",
            "填写实际完成的数值（带单位），或从下拉列表选择完成程度。"
          )
        );
      const weight = span("weight", ir, row.weight);
      const score = span("score", ir, null, { numFmt: SCORE_FORMAT });
      const explanation = span("explanation", ir, null, TEXT_INPUT);
      span("tier", ir);
      b.validations.push(...weightAndScoreValidations(weight, score));
      // Planning only: a 三级指标, so the planning copy reads as a table in use.
      placeholders.set(level3, "三级指标");
      indicators.push({
        row: ir,
        level1,
        level2,
        level3,
        target,
        actual,
        weight,
        score,
        explanation,
        defaultWeight: row.weight,
      });
      ir++;
    }
  }
  r = ir;

  // --- note rows (其他需要说明事项): the label, then one input across
  for (const n of spec.notes) {
    if (n.span >= columns) bad("说明行的标签过宽", "a note row's label is too wide");
    b.label(r, 0, r, n.span - 1, words(n.label));
    b.input(r, n.span, r, last, TEXT_INPUT);
    r++;
  }

  // --- total row: the label up to the 分值 column, 分值 and 得分 formulas, then the grade or blanks
  const pw = at.weight!;
  const ps = at.score!;
  if (pw.col < 1 || ps.col !== pw.right + 1)
    bad("得分列应紧接分值列", "the score column must follow the weight column");
  b.label(r, 0, r, pw.col - 1, words(spec.totalLabel));
  const total = {
    weight: b.slot(r, pw.col, "totalWeight", {}, pw.right),
    score: b.slot(r, ps.col, "totalScore", { numFmt: SCORE_FORMAT }, ps.right),
  };
  let grade: string | null = null;
  if (ps.right < last) {
    if (family.total.gradeInLastCell) {
      // Detection reads the grade in the 偏差原因 column of the 总分 row (its last cell).
      const ge = at.explanation ?? { col: last, right: last };
      if (ge.col > ps.right + 1) b.put(r, ps.right + 1, r, ge.col - 1, "constant", null);
      grade = b.slot(r, ge.col, "grade", { bold: true }, last);
    } else b.put(r, ps.right + 1, r, last, "constant", null);
  }
  const tableBottom = r;
  r++;

  // --- trailing rows: part of the form, inside its border, outside the scored table
  r = freeRows(spec.trailing, r, "trailing");
  const borderBottom = r - 1;

  const range = rangeToA1({ top: titleRow, left: 0, bottom: tableBottom, right: last });
  return {
    builder: b,
    anchors: {
      range,
      title,
      header,
      funding,
      goal,
      indicators,
      total,
      grade,
      footnotes: [],
    },
    lastRow: r - 1,
    borderTop,
    borderBottom,
    titleRows,
    placeholders,
    columns,
    widths: [...spec.widths],
    fixedHeights,
    range,
  };
}
