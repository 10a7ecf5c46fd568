import { z } from "zod";

/**
 * The flat label keys a rule set's `labelSynonyms` speaks (`{"budget": ["预算数"]}`): one key per
 * label the tables carry. The spellings themselves live in the table families (families/*.ts, the
 * national one for the reference layout); resolveFamilies (families/catalog.ts) adds a rule set's
 * synonyms to the block of every family that has it. Spellings are compared after normalizeLabel,
 * and one ending in "*" matches any label that starts with it.
 */
export const LabelKeySchema = z.enum([
  "title",
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
  "fundingBlock",
  "initialBudget",
  "budget",
  "adjustedBudget",
  "executed",
  "weight",
  "rate",
  "score",
  "fundingTotal",
  "fundingFiscal",
  "fundingCarryover",
  "fundingOther",
  "goal",
  "goalExpected",
  "goalActual",
  "indicatorBlock",
  "level1",
  "level2",
  "level3",
  "target",
  "actual",
  "explanation",
  "tier",
  "total",
  "grade",
]);
export type LabelKey = z.infer<typeof LabelKeySchema>;
