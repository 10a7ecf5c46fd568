import { z } from "zod";
import { LabelKeySchema } from "./labels/dictionary";

/**
 * What the engine assumes about scoring and wording. Defaults reproduce the national
 * method as the seed documents show it; a template owner can override any part.
 */
export const GradeBandSchema = z.object({ min: z.number(), label: z.string().min(1) });

export const EngineSettingsSchema = z.object({
  /** The funding score is MIN(rate, cap) × 分值; 1 caps it at 分值. */
  fundingRateCap: z.number().positive().default(1),
  fundingScoreDecimals: z.number().int().min(0).max(6).default(2),
  fundingScoreRounding: z.enum(["round", "floor"]).default("round"),
  /** Stated vs computed 总分 may differ by this much before it is a finding. */
  totalTolerance: z.number().nonnegative().default(0.005),
  expectedTotalWeight: z.number().positive().default(100),
  /** Descending thresholds; a total below the last one gets `lowestGrade`. */
  gradeBands: z
    .array(GradeBandSchema)
    .min(1)
    .default([
      { min: 90, label: "优" },
      { min: 80, label: "良" },
      { min: 60, label: "中" },
    ]),
  lowestGrade: z.string().default("差"),
  /** Extra words that count as an empty 偏差原因分析 besides blanks and placeholders. */
  emptyExplanationWords: z.array(z.string()).default([]),
  /** Extra label spellings, by label key, added to the built-in dictionary. */
  labelSynonyms: z.partialRecord(LabelKeySchema, z.array(z.string().min(1))).default({}),
  /** ARGB fill for an unexplained deviation's explanation cell. */
  highlightArgb: z.string().regex(/^[0-9A-Fa-f]{8}$/).default("FFFFE699"),
});

export type EngineSettings = z.infer<typeof EngineSettingsSchema>;
export type EngineSettingsInput = z.input<typeof EngineSettingsSchema>;

export const DEFAULT_SETTINGS: EngineSettings = EngineSettingsSchema.parse({});

export function resolveSettings(input?: EngineSettingsInput): EngineSettings {
  return EngineSettingsSchema.parse(input ?? {});
}
