import { z } from "zod";
import { LabelKeySchema } from "./labels/dictionary";
import { FamilyPatchSchema } from "./families/schema";
import { HeaderFieldKeySchema } from "./model/table";
import { deepMerge, isPlainObject } from "./policy/merge";
import { RULE_PRESETS } from "./policy/presets";

/**
 * The rule set: everything the engine assumes about wording, weights and scoring, as one
 * validated, versioned document. Defaults reproduce the national method as the seed documents
 * show it (and exactly what the engine did before rule sets existed); a template owner overrides
 * any part of it, embedded in the workbook's "_selfeval" state (state.rules) or with the CLI's
 * `--rules rules.json`. Parse, merge and preset helpers live in src/engine/policy.
 *
 * Every object is strict: a misspelt key is an error with its path, not a silently ignored wish.
 */
export const RULES_VERSION = 1;

export const GradeBandSchema = z.strictObject({ min: z.number(), label: z.string().min(1) });
export type GradeBand = z.infer<typeof GradeBandSchema>;

export const RulePresetNameSchema = z.enum(["beijing", "hunan"]);
export type RulePresetName = z.infer<typeof RulePresetNameSchema>;

/** Header fields a table must fill, by table layout: Beijing project, Hunan project, 部门整体 table. */
export const RequiredHeaderFieldsSchema = z.strictObject({
  beijing: z.array(HeaderFieldKeySchema).default(["projectName", "department", "unit"]),
  hunan: z.array(HeaderFieldKeySchema).default(["deptName", "projectName"]),
  /** The 部门整体支出绩效自评表 may leave 部门名称 blank (seed 004). */
  department: z.array(HeaderFieldKeySchema).default([]),
});

/** The 一级 split of the indicator weights; the national default is 产出 50 / 效益 30 / 满意度 10. */
export const SectionWeightsSchema = z.strictObject({
  /**
   * Off: only a 一级 label that declares its weight (产出指标(50分)) is checked against its rows.
   * On: rows under a 一级 label without a declared weight are checked against `split` too, and the
   * funding block's 分值 against `fundingWeight`.
   */
  enforce: z.boolean().default(false),
  /**
   * Weight per 一级 label. Keys match a label without its "指标" ending and declared weight,
   * after label normalisation: "产出指标" matches 产出指标, "产出指\n标", 产出(50分).
   */
  split: z
    .record(z.string().min(1), z.number().nonnegative())
    .default({ 产出指标: 50, 效益指标: 30, 满意度指标: 10 }),
});

/** Suggested indicator scores (src/engine/policy/score.ts). Off by default: outputs stay as they were. */
export const IndicatorScoringSchema = z.strictObject({
  /** On: SCORE_POLICY_MISMATCH reports typed 得分 that differ from the policy, and suggestions can be applied. */
  enabled: z.boolean().default(false),
  /**
   * 反向 (at most) indicators above their target: "linear" gives (1 − (actual − target) / target) × 分值
   * between 1× and 2× the target and 0 from 2×; "ratio" gives target / actual × 分值.
   */
  reverseFormula: z.enum(["linear", "ratio"]).default("linear"),
  /** Decimals of a suggested score (ROUND half-up). */
  decimals: z.number().int().min(0).max(6).default(2),
  /** A typed 得分 may differ from the suggestion by this much before it is a finding. */
  tolerance: z.number().nonnegative().default(0.01),
});

export const RuleSetSchema = z
  .strictObject({
    version: z.literal(RULES_VERSION).default(RULES_VERSION),
    /** Informational: the preset this rule set was based on (parseRuleSet applies it). */
    preset: RulePresetNameSchema.optional(),

    // ---- labels and required fields
    /** Extra label spellings, by label key, added to the built-in dictionary. */
    labelSynonyms: z.partialRecord(LabelKeySchema, z.array(z.string().min(1))).default({}),
    requiredHeaderFields: RequiredHeaderFieldsSchema.prefault({}),
    /**
     * Table families taught by the template owner (src/engine/families): an entry whose id is a
     * built-in family's adds spellings to it; a new id adds a family, starting from `extends`.
     */
    families: z.array(FamilyPatchSchema).default([]),

    // ---- weights
    /** 分值 of the funding block (执行率). Checked when sectionWeights.enforce is on. */
    fundingWeight: z.number().nonnegative().default(10),
    sectionWeights: SectionWeightsSchema.prefault({}),
    expectedTotalWeight: z.number().positive().default(100),
    /**
     * 按百分制折算: indicators scored on their own basis (often 100, beside 10 for funding) are
     * converted to the indicators' share of the total: 总分 = funding score + Σ indicator 得分 ×
     * ((expectedTotalWeight − funding 分值) ÷ Σ indicator 分值). Off: 总分 = funding score + Σ 得分,
     * and indicators weighted 100 beside a funding 分值 are one SCORE_BASIS_MISMATCH.
     */
    hundredPointConversion: z.boolean().default(false),

    // ---- 执行率 and the funding score
    /**
     * The 执行率 denominator: "budget" is 全年预算数; "adjustedBudget" is 调整后预算数 where the
     * template has such a column (else 全年预算数).
     */
    rateDenominator: z.enum(["budget", "adjustedBudget"]).default("budget"),
    /** The funding score is MIN(rate, cap) × 分值; 1 caps it at 分值. */
    fundingRateCap: z.number().positive().default(1),
    fundingScoreDecimals: z.number().int().min(0).max(6).default(2),
    fundingScoreRounding: z.enum(["round", "floor"]).default("round"),

    // ---- totals and grades
    /** Stated vs computed 总分 may differ by this much before it is a finding. */
    totalTolerance: z.number().nonnegative().default(0.005),
    /** Descending thresholds; a total below the last one gets `lowestGrade`. */
    gradeBands: z
      .array(GradeBandSchema)
      .min(1)
      .default([
        { min: 90, label: "优" },
        { min: 80, label: "良" },
        { min: 60, label: "中" },
      ]),
    lowestGrade: z.string().min(1).default("差"),

    // ---- explanations
    /** Extra words that count as an empty 偏差原因分析 besides blanks and placeholders. */
    emptyExplanationWords: z.array(z.string()).default([]),
    /**
     * actual / target (target / actual for at-most and cost indicators) at or above which an
     * over-achieved indicator needs an explanation too (OVERACHIEVEMENT_UNEXPLAINED); null is off.
     */
    overachievementThreshold: z.number().gt(1).nullable().default(null),

    // ---- indicator scoring policy
    indicatorScoring: IndicatorScoringSchema.prefault({}),

    /** ARGB fill for an unexplained deviation's explanation cell. */
    highlightArgb: z
      .string()
      .regex(/^[0-9A-Fa-f]{8}$/)
      .default("FFFFE699"),
  })
  .superRefine((r, ctx) => {
    const bands = r.gradeBands.map((b) => b.min);
    if (new Set(bands).size !== bands.length) {
      ctx.addIssue({
        code: "custom",
        path: ["gradeBands"],
        message: "two grade bands share a threshold",
      });
    }
    if (r.sectionWeights.enforce) {
      const sum =
        Object.values(r.sectionWeights.split).reduce((s, w) => s + w, 0) + r.fundingWeight;
      if (Math.abs(sum - r.expectedTotalWeight) > 1e-9) {
        ctx.addIssue({
          code: "custom",
          path: ["sectionWeights", "split"],
          message: `fundingWeight + split add up to ${sum}, not expectedTotalWeight ${r.expectedTotalWeight}`,
        });
      }
    }
  });

export type RuleSet = z.infer<typeof RuleSetSchema>;
export type RuleSetInput = z.input<typeof RuleSetSchema>;

/** The rule set under its earlier name: existing imports keep working. */
export const EngineSettingsSchema = RuleSetSchema;
export type EngineSettings = RuleSet;
export type EngineSettingsInput = RuleSetInput;

/** Rule sets this module parsed, so resolving one again is free (and keeps per-settings caches warm). */
const resolved = new WeakSet<object>();

function remember(r: RuleSet): RuleSet {
  resolved.add(r);
  return r;
}

export const DEFAULT_SETTINGS: EngineSettings = remember(RuleSetSchema.parse({}));
export const DEFAULT_RULES: RuleSet = DEFAULT_SETTINGS;

/**
 * A rule-set document with its preset applied: `{ preset: "hunan", … }` reads as the Hunan preset
 * with the document's own keys on top. Anything else comes back unchanged.
 */
export function withPreset(input: unknown): unknown {
  if (!isPlainObject(input) || typeof input.preset !== "string") return input;
  const preset = RULE_PRESETS[input.preset as RulePresetName] as unknown;
  return preset === undefined ? input : deepMerge(preset, input);
}

/**
 * Settings for the engine: a parsed rule set is returned as is; anything else is parsed, its preset
 * applied (throws on a malformed input; parseRuleSet in src/engine/policy gives the error with its path).
 */
export function resolveSettings(input?: EngineSettingsInput | EngineSettings): EngineSettings {
  if (input === undefined) return DEFAULT_SETTINGS;
  if (resolved.has(input)) return input as EngineSettings;
  return remember(RuleSetSchema.parse(withPreset(input)));
}

/** Marks a rule set built outside resolveSettings as parsed (the policy module's parser uses it). */
export function markResolved(r: RuleSet): RuleSet {
  return remember(r);
}
