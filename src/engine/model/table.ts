import { z } from "zod";

/**
 * The typed result of detection. The zod schemas are the single source of the types:
 * hosts and the CLI can validate what they pass around, and every field knows its cell.
 */

export const CellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A cell of the sheet with what it holds. Blank cells are located too (value null), so plans can write to them. */
export const LocatedSchema = z.object({
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  address: z.string(),
  value: CellValueSchema,
  formula: z.string().nullable(),
  numberFormat: z.string().nullable(),
});
export type Located = z.infer<typeof LocatedSchema>;

export const RangeSchema = z.object({
  top: z.number().int(),
  left: z.number().int(),
  bottom: z.number().int(),
  right: z.number().int(),
  address: z.string(),
});
export type TableRange = z.infer<typeof RangeSchema>;

export const HeaderFieldKeySchema = z.enum([
  "projectName",
  "department",
  "unit",
  "owner",
  "phone",
  "deptName",
  "totalInvestment",
  "subProject",
  "fiscalFunding",
  "period",
]);
export type HeaderFieldKey = z.infer<typeof HeaderFieldKeySchema>;

export const HeaderFieldSchema = z.object({
  label: LocatedSchema,
  /** The cell holding the value: the first cell right of the label outside the label's merge. */
  value: LocatedSchema.nullable(),
});
export type HeaderField = z.infer<typeof HeaderFieldSchema>;

export const FundingRowKindSchema = z.enum(["total", "fiscal", "carryover", "other", "unknown"]);
export type FundingRowKind = z.infer<typeof FundingRowKindSchema>;

export const FundingColumnsSchema = z.object({
  initialBudget: z.number().int().nullable(),
  budget: z.number().int().nullable(),
  /** 调整后预算数, present only when the header has such a column (it may be the budget column itself). */
  adjustedBudget: z.number().int().nullable().optional(),
  executed: z.number().int().nullable(),
  weight: z.number().int().nullable(),
  rate: z.number().int().nullable(),
  score: z.number().int().nullable(),
  /** 原因, present only when the family's funding block has such a column. */
  reason: z.number().int().nullable().optional(),
});
export type FundingColumns = z.infer<typeof FundingColumnsSchema>;

export const FundingRowSchema = z.object({
  row: z.number().int(),
  kind: FundingRowKindSchema,
  label: LocatedSchema,
  initialBudget: LocatedSchema.nullable(),
  budget: LocatedSchema.nullable(),
  /** Present only when the funding header has a 调整后预算数 column. */
  adjustedBudget: LocatedSchema.nullable().optional(),
  executed: LocatedSchema.nullable(),
  weight: LocatedSchema.nullable(),
  rate: LocatedSchema.nullable(),
  score: LocatedSchema.nullable(),
  /** Present only when the funding header has a 原因 column. */
  reason: LocatedSchema.nullable().optional(),
});
export type FundingRow = z.infer<typeof FundingRowSchema>;

export const FundingBlockSchema = z.object({
  headerRow: z.number().int(),
  columns: FundingColumnsSchema,
  rows: z.array(FundingRowSchema),
});
export type FundingBlock = z.infer<typeof FundingBlockSchema>;

export const IndicatorColumnsSchema = z.object({
  level1: z.number().int().nullable(),
  level2: z.number().int().nullable(),
  level3: z.number().int().nullable(),
  target: z.number().int().nullable(),
  actual: z.number().int().nullable(),
  weight: z.number().int().nullable(),
  score: z.number().int().nullable(),
  explanation: z.number().int().nullable(),
  /** A tier column (完成档次 …), present only when the header has one. */
  tier: z.number().int().nullable().optional(),
  /** 指标性质 (=, ≥, ≤, >, <, 定性), present only when the header has one. */
  nature: z.number().int().nullable().optional(),
  /** 度量单位, present only when the header has one. */
  measureUnit: z.number().int().nullable().optional(),
});
export type IndicatorColumns = z.infer<typeof IndicatorColumnsSchema>;

export const IndicatorRowSchema = z.object({
  row: z.number().int(),
  /** 一级/二级 as shown, carried down from the group's first row (merged or left blank). */
  level1: z.string(),
  /** Weight declared by the 一级 label, e.g. 产出指标(50分) → 50. */
  level1DeclaredWeight: z.number().nullable(),
  /** Address of the cell that holds the 一级 label of this row's group. */
  level1Address: z.string().nullable(),
  level2: z.string(),
  level3: LocatedSchema.nullable(),
  target: LocatedSchema.nullable(),
  actual: LocatedSchema.nullable(),
  weight: LocatedSchema.nullable(),
  score: LocatedSchema.nullable(),
  explanation: LocatedSchema.nullable(),
  /** The row's cell in the tier column (完成档次 …), present only when the header has one. */
  tier: LocatedSchema.nullable().optional(),
  /** The row's 指标性质 cell, present only when the header has that column. */
  nature: LocatedSchema.nullable().optional(),
  /** The row's 度量单位 cell, present only when the header has that column. */
  measureUnit: LocatedSchema.nullable().optional(),
});
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

export const IndicatorBlockSchema = z.object({
  headerRow: z.number().int(),
  columns: IndicatorColumnsSchema,
  rows: z.array(IndicatorRowSchema),
});
export type IndicatorBlock = z.infer<typeof IndicatorBlockSchema>;

export const TotalRowSchema = z.object({
  row: z.number().int(),
  label: LocatedSchema,
  weight: LocatedSchema.nullable(),
  score: LocatedSchema.nullable(),
});
export type TotalRow = z.infer<typeof TotalRowSchema>;

export const GradeSchema = z.object({
  row: z.number().int(),
  label: LocatedSchema,
  /** The cell holding the grade: the label cell itself for "等级：优", else the cell right of it. */
  valueCell: LocatedSchema,
  /** The grade as written (优/良/中/差 …), or null when none is written. */
  value: z.string().nullable(),
});
export type Grade = z.infer<typeof GradeSchema>;

export const AssessmentTableSchema = z.object({
  sheet: z.string(),
  kind: z.enum(["project", "department"]),
  /** The template preset the table follows for its required header fields (its family's). */
  variant: z.enum(["beijing", "hunan"]),
  /** The id of the table family that read it (src/engine/families). */
  family: z.string(),
  /** The unit of its amounts, from the funding block's label, else the family's. */
  unit: z.enum(["万元", "元"]),
  range: RangeSchema,
  title: LocatedSchema.nullable(),
  header: z.partialRecord(HeaderFieldKeySchema, HeaderFieldSchema),
  funding: FundingBlockSchema.nullable(),
  goal: z
    .object({
      row: z.number().int(),
      expected: LocatedSchema.nullable(),
      actual: LocatedSchema.nullable(),
    })
    .nullable(),
  indicators: IndicatorBlockSchema.nullable(),
  total: TotalRowSchema.nullable(),
  grade: GradeSchema.nullable(),
});
export type AssessmentTable = z.infer<typeof AssessmentTableSchema>;
