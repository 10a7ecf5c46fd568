import { z } from "zod";
import { HeaderFieldKeySchema } from "../model/table";

/**
 * A table family: one published layout of the 项目支出绩效自评表 described as data. The generic
 * reader (src/engine/detect) reads a sheet with every family in the catalog and keeps, for each
 * table, the family that explains it best. Spellings are scoped to their block, so 合计 may be the
 * funding-total row in one block and the total row in another, and 权重 is 分值 only where a family
 * says so. Spellings are compared after normalizeLabel; "x*" matches a label starting with x,
 * "*x" one ending with x.
 */

const Spellings = z.array(z.string().min(1));

export const FundingColumnKeySchema = z.enum([
  "initialBudget",
  "budget",
  "adjustedBudget",
  "executed",
  "weight",
  "rate",
  "score",
  /** 原因: a free-text column of the funding block (may hold the form's printed instructions). */
  "reason",
]);
export type FundingColumnKey = z.infer<typeof FundingColumnKeySchema>;

export const IndicatorColumnKeySchema = z.enum([
  "level1",
  "level2",
  "level3",
  /** 指标性质: =, ≥, ≤, >, < or 定性; when given it decides the direction of the target comparison. */
  "nature",
  "target",
  /** 度量单位: with 指标性质 and 指标值 it makes the target (≥ 98 %). */
  "measureUnit",
  "actual",
  "weight",
  "score",
  "explanation",
  "tier",
]);
export type IndicatorColumnKey = z.infer<typeof IndicatorColumnKeySchema>;

export const FundingRowKeySchema = z.enum(["total", "fiscal", "carryover", "other"]);
export type FundingRowKey = z.infer<typeof FundingRowKeySchema>;

export const AmountUnitSchema = z.enum(["万元", "元"]);
export type AmountUnit = z.infer<typeof AmountUnitSchema>;

/** A regular expression given as text; checked when the family is parsed. */
const Pattern = z.string().refine((s) => {
  try {
    new RegExp(s, "u");
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

export const FamilyFundingSchema = z.strictObject({
  /** The block label left of the funding header (项目资金（万元）); its (万元)/(元) gives the unit. */
  labels: Spellings.default([]),
  /** Column headings of the funding header row, by column. */
  columns: z.partialRecord(FundingColumnKeySchema, Spellings).default({}),
  /** Row labels (matched at their start: 其中：当年财政拨款（含追加） is fiscal). */
  rows: z.partialRecord(FundingRowKeySchema, Spellings).default({}),
  /** Whether the block carries a 分值 and 得分 of its own (FUNDING_SCORE_MISMATCH applies). */
  scored: z.boolean().default(true),
});
export type FamilyFunding = z.infer<typeof FamilyFundingSchema>;

export const FamilyIndicatorsSchema = z.strictObject({
  /** The block label left of the indicator header (绩效指标, 绩效指标(90分)). */
  labels: Spellings.default([]),
  columns: z.partialRecord(IndicatorColumnKeySchema, Spellings).default({}),
  /**
   * 2: the header may span two rows (绩效指标 over 一级/二级/三级); a heading merged down over
   * both rows counts for the lower one.
   */
  headerRows: z.union([z.literal(1), z.literal(2)]).default(1),
  /**
   * A row whose 三级指标 matches one of these patterns and whose 分值 and 得分 are blank is a
   * template placeholder (指标2, ……): neither an indicator nor a missing field.
   */
  placeholders: z.array(Pattern).default([]),
  /** Rows between the last indicator and 总分 that belong to no indicator (其他需要说明事项). */
  notes: Spellings.default([]),
});
export type FamilyIndicators = z.infer<typeof FamilyIndicatorsSchema>;

/**
 * Which formulas fill writes into a table of this family (src/engine/fill/plan-fill.ts reads it;
 * every default is the national behaviour). What the formulas compute stays in the rule set, which
 * check reads too, so the two always agree: the 执行率 denominator (rateDenominator: 全年预算数, or
 * 调整后预算数 where the table has both; a family whose only budget column is 调整后预算数, as
 * 四川's, lists that heading under `funding.columns.budget`), the cap and rounding of the funding
 * 得分, the maximum 总分 and the grade bands. Where the grade goes is the family's
 * `total.gradeInLastCell` (the 总分 row's last cell) or its `grade` labels (a row of its own).
 */
export const FamilyFillSchema = z.strictObject({
  /** 执行率 = executed / budget on every funding row whose two amounts are numbers. */
  rate: z.boolean().default(true),
  /** The funding 得分 on the total row: MIN(执行率, cap) × 分值, rounded the table's way. */
  fundingScore: z.boolean().default(true),
  /** 总分 分值 and 得分: the funding cell plus Σ of the indicator column. */
  total: z.boolean().default(true),
  /** 等级 from the 总分 得分 cell, in the grade cell the table has (its own row, or the 总分 row's last cell). */
  grade: z.boolean().default(true),
});
export type FamilyFill = z.infer<typeof FamilyFillSchema>;

// ---------------------------------------------------------------------------------------------
// The standard blank table of a family (src/engine/template/family-sheet.ts renders it).

/** What an input cell of a free-form template row is for. */
export const TemplateInputSchema = z.union([
  HeaderFieldKeySchema,
  z.enum(["goalExpected", "goalActual", "text"]),
]);
export type TemplateInput = z.infer<typeof TemplateInputSchema>;

/**
 * One cell of a free-form row of the blank table, placed left to right after the cells of the row
 * and those merged down from rows above: a label (`text`), an input (`input`), or a blank.
 * `{year}`, `{fundingWeight}` and `{indicatorWeight}` in a text are replaced from the rule set.
 */
export const TemplateCellSpecSchema = z.strictObject({
  text: z.string().optional(),
  input: TemplateInputSchema.optional(),
  /** Columns the cell spans. */
  span: z.number().int().min(1).max(30).default(1),
  /** Rows the cell spans. */
  down: z.number().int().min(1).max(10).default(1),
  /** Left-aligned, not bold (a signature line, a form number). */
  plain: z.boolean().default(false),
});
export type TemplateCellSpec = z.infer<typeof TemplateCellSpecSchema>;

const TemplateRows = z.array(z.array(TemplateCellSpecSchema).max(30)).max(20).default([]);

export const FamilyTemplateSchema = z.strictObject({
  /** Laid out as a built-in preset (the Beijing or Hunan table); everything else here is then unused. */
  preset: z.enum(["beijing", "hunan"]).optional(),
  /** Column widths in characters, column A first: the table's width. */
  widths: z.array(z.number().positive().max(100)).max(30).default([]),
  /** Rows above the title, outside the table (报表编号). */
  preface: TemplateRows,
  title: z.string().default("{year}年度项目支出绩效自评表"),
  /** A line under the title (（2024年度）). */
  subtitle: z.string().optional(),
  /** Header rows (项目名称, 主管部门, 实施单位 …), with inputs keyed by header field. */
  header: TemplateRows,
  /** The funding block; null: none. */
  funding: z
    .strictObject({
      /** The block label in column A, merged down over the block (项目资金\n（万元）). */
      label: z.string(),
      /** The header row's text above the row labels ("", 年度预算数(万元)). */
      head: z.string().default(""),
      /** Columns the row labels span (B:C is 2). */
      rowLabelSpan: z.number().int().min(1).max(5).default(2),
      /** The columns after the row labels, in order; a `reason` column is one input down the block. */
      columns: z
        .array(
          z.strictObject({
            key: FundingColumnKeySchema,
            heading: z.string().min(1),
            span: z.number().int().min(1).max(10).default(1),
          })
        )
        .min(1),
      /** The rows, the total first. */
      rows: z.array(z.strictObject({ kind: FundingRowKeySchema, label: z.string().min(1) })).min(1),
      /** What a sub-row shows under 分值 and 得分 (—, /; "" leaves them blank). */
      subRowMark: z.string().default("—"),
    })
    .nullable()
    .default(null),
  /** The goal rows (年度总体目标 / 预期目标 / 实际完成情况), inputs goalExpected and goalActual. */
  goal: TemplateRows,
  /** The goal rows come before the funding block (四川's 项目基本情况), not after it. */
  goalFirst: z.boolean().default(false),
  indicators: z
    .strictObject({
      /** The block label in column A, merged down over the block; absent: the columns start in A. */
      label: z.string().optional(),
      /**
       * The columns in order. Consecutive columns with the same `over` get it as a merged upper
       * heading (a two-row header, as 云南's); with any `over`, a heading without one spans both rows.
       */
      columns: z
        .array(
          z.strictObject({
            key: IndicatorColumnKeySchema,
            heading: z.string().min(1),
            over: z.string().optional(),
            span: z.number().int().min(1).max(10).default(1),
          })
        )
        .min(1),
      /** 一级 labels carry their group's weight: 产出指标（50分）. */
      level1Weights: z.boolean().default(false),
    })
    .optional(),
  /** Rows between the indicators and the total (其他需要说明事项): a label, then one input across. */
  notes: z
    .array(z.strictObject({ label: z.string().min(1), span: z.number().int().min(1).default(1) }))
    .default([]),
  /** The total row's label (总分, 合计), merged from column A up to the 分值 column. */
  totalLabel: z.string().default("总分"),
  /** Rows after the total (评价结论 …, signatures): part of the form, not of the scored table. */
  trailing: TemplateRows,
});
export type FamilyTemplate = z.infer<typeof FamilyTemplateSchema>;

export const TableFamilySchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and -"),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  /** Where the layout is used (for the family table in the README and the pane). */
  region: z.string().default(""),
  /** What differs from the national layout, one line. */
  differs: z.string().default(""),
  /** In a rule set: the built-in family this one starts from (its spellings are kept, these added). */
  extends: z.string().optional(),
  /** The template preset whose required header fields apply when `header.required` is not given. */
  variant: z.enum(["beijing", "hunan"]).default("beijing"),
  /**
   * Labels that distinguish this family from the national one. Each found inside a table adds to
   * the family's score; a family with markers is only tried on a sheet where one occurs.
   */
  markers: Spellings.default([]),
  title: Spellings.default([]),
  header: z
    .strictObject({
      fields: z.partialRecord(HeaderFieldKeySchema, Spellings).default({}),
      /** Header fields that must be filled; absent: the rule set's requiredHeaderFields[variant]. */
      required: z.array(HeaderFieldKeySchema).optional(),
    })
    .prefault({}),
  goal: z
    .strictObject({
      /** The block label (年度总体目标); a row with it ends the funding block. */
      labels: Spellings.default([]),
      expected: Spellings.default([]),
      actual: Spellings.default([]),
    })
    .prefault({}),
  /** null: the family has no funding block at all. */
  funding: FamilyFundingSchema.nullable().prefault({}),
  indicators: FamilyIndicatorsSchema.prefault({}),
  total: z
    .strictObject({
      labels: Spellings.default([]),
      /** The grade (优/良/中/差) stands, unlabelled, in the last cell of the 总分 row. */
      gradeInLastCell: z.boolean().default(false),
    })
    .prefault({}),
  grade: z.strictObject({ labels: Spellings.default([]) }).prefault({}),
  /** Rows after the total that belong to the form but not to the scored table (评价结论, 存在问题 …). */
  trailing: Spellings.default([]),
  /** The amount unit when no block label names one. */
  unit: AmountUnitSchema.default("万元"),
  /** The formulas fill may write into a table of this family. */
  fill: FamilyFillSchema.prefault({}),
  /** How the family's standard blank table is laid out (`selfeval template --family`); absent: it has none. */
  template: FamilyTemplateSchema.optional(),
});
export type TableFamily = z.infer<typeof TableFamilySchema>;
export type TableFamilyInput = z.input<typeof TableFamilySchema>;

/**
 * A family as a rule set carries it: either a complete new family, or `{ id: <built-in id>, … }`
 * / `{ id: "new", extends: <built-in id>, … }` adding spellings to a built-in one. Everything but
 * the id is optional here; resolveFamilies (families/catalog.ts) completes it.
 */
export const FamilyPatchSchema = z.strictObject({
  id: TableFamilySchema.shape.id,
  name_zh: z.string().min(1).optional(),
  name_en: z.string().min(1).optional(),
  region: z.string().optional(),
  differs: z.string().optional(),
  extends: z.string().optional(),
  variant: z.enum(["beijing", "hunan"]).optional(),
  markers: Spellings.optional(),
  title: Spellings.optional(),
  header: z
    .strictObject({
      fields: z.partialRecord(HeaderFieldKeySchema, Spellings).optional(),
      required: z.array(HeaderFieldKeySchema).optional(),
    })
    .optional(),
  goal: z
    .strictObject({
      labels: Spellings.optional(),
      expected: Spellings.optional(),
      actual: Spellings.optional(),
    })
    .optional(),
  funding: z
    .strictObject({
      labels: Spellings.optional(),
      columns: z.partialRecord(FundingColumnKeySchema, Spellings).optional(),
      rows: z.partialRecord(FundingRowKeySchema, Spellings).optional(),
      scored: z.boolean().optional(),
    })
    .nullable()
    .optional(),
  indicators: z
    .strictObject({
      labels: Spellings.optional(),
      columns: z.partialRecord(IndicatorColumnKeySchema, Spellings).optional(),
      headerRows: z.union([z.literal(1), z.literal(2)]).optional(),
      placeholders: z.array(Pattern).optional(),
      notes: Spellings.optional(),
    })
    .optional(),
  total: z
    .strictObject({ labels: Spellings.optional(), gradeInLastCell: z.boolean().optional() })
    .optional(),
  grade: z.strictObject({ labels: Spellings.optional() }).optional(),
  trailing: Spellings.optional(),
  unit: AmountUnitSchema.optional(),
  fill: FamilyFillSchema.partial().optional(),
  /** Replaces the base family's blank-table layout; null removes it. */
  template: FamilyTemplateSchema.nullable().optional(),
  /** A drafted family's headings that were not mapped ("B5 权数说明"), for the template owner; not read. */
  unmapped: z.array(z.string()).optional(),
});
export type FamilyPatch = z.infer<typeof FamilyPatchSchema>;
