import { z } from "zod";

export const SeveritySchema = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingCodeSchema = z.enum([
  "TABLE_NOT_FOUND",
  "MISSING_FIELD",
  "NOT_A_NUMBER",
  "NUMBER_AS_TEXT",
  "RATE_MISMATCH",
  "RATE_UNCOMPUTABLE",
  "FUNDING_SCORE_MISMATCH",
  "OVERSPENT",
  "BREAKDOWN_MISMATCH",
  "SCORE_EXCEEDS_WEIGHT",
  "SCORE_NEGATIVE",
  "SCORE_BASIS_MISMATCH",
  "WEIGHT_TOTAL_MISMATCH",
  "SECTION_WEIGHT_MISMATCH",
  "TOTAL_SCORE_MISMATCH",
  "GRADE_MISMATCH",
  "DEVIATION_UNEXPLAINED",
  "TARGET_MISSED_FULL_SCORE",
  "OVERACHIEVEMENT_UNEXPLAINED",
  "SCORE_POLICY_MISMATCH",
]);
export type FindingCode = z.infer<typeof FindingCodeSchema>;

/**
 * A placeholder value of a finding's message: a string or number (the same in both languages), a
 * word that differs by language (`{ zh, en }`), or another message of the same rule rendered in
 * place (`{ messageId, data }`).
 */
export type FindingDataValue =
  | string
  | number
  | { zh: string; en: string }
  | { messageId: string; data?: { [name: string]: FindingDataValue } };

export const FindingDataValueSchema: z.ZodType<FindingDataValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.object({ zh: z.string(), en: z.string() }).strict(),
    z
      .object({
        messageId: z.string(),
        data: z.record(z.string(), FindingDataValueSchema).optional(),
      })
      .strict(),
  ])
);

export const FindingSchema = z.object({
  code: FindingCodeSchema,
  severity: SeveritySchema,
  /** A1 address of the cell the finding is about (null for a sheet-level finding). */
  cell: z.string().nullable(),
  /** 1-based sheet row number, as a person reads it (null for a sheet-level finding). */
  row: z.number().int().nullable(),
  message_zh: z.string(),
  message_en: z.string(),
  /** The message's id among its rule's messages (TABLE_NOT_FOUND: "notFound"); message_zh/en are it rendered. */
  messageId: z.string(),
  /** The values of the message's placeholders, by name. */
  data: z.record(z.string(), FindingDataValueSchema),
  expected: z.union([z.string(), z.number()]).optional(),
  actual: z.union([z.string(), z.number()]).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
