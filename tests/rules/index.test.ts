import { FindingCodeSchema } from "../../src/engine/model/finding";
import { ALL_RULES } from "../../src/engine/rules";

describe("ALL_RULES", () => {
  it("has one rule per table-level finding code (TABLE_NOT_FOUND is sheet-level)", () => {
    const codes = ALL_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(
      FindingCodeSchema.options.filter((c) => c !== "TABLE_NOT_FOUND").sort()
    );
  });

  it("reads a table top to bottom: completeness, funding, scores, weights, total, deviations, opt-in policy checks", () => {
    expect(ALL_RULES.map((r) => r.code)).toEqual([
      "MISSING_FIELD",
      "NOT_A_NUMBER",
      "NUMBER_AS_TEXT",
      "RATE_UNCOMPUTABLE",
      "RATE_MISMATCH",
      "FUNDING_SCORE_MISMATCH",
      "OVERSPENT",
      "BREAKDOWN_MISMATCH",
      "SCORE_NEGATIVE",
      "SCORE_EXCEEDS_WEIGHT",
      "SECTION_WEIGHT_MISMATCH",
      "SCORE_BASIS_MISMATCH",
      "WEIGHT_TOTAL_MISMATCH",
      "TOTAL_SCORE_MISMATCH",
      "GRADE_MISMATCH",
      "DEVIATION_UNEXPLAINED",
      "TARGET_MISSED_FULL_SCORE",
      "OVERACHIEVEMENT_UNEXPLAINED",
      "SCORE_POLICY_MISMATCH",
    ]);
  });

  it("gives every rule a default severity and descriptions in both languages", () => {
    const severity = Object.fromEntries(ALL_RULES.map((r) => [r.code, r.severity]));
    expect(severity).toEqual({
      MISSING_FIELD: "warning",
      NOT_A_NUMBER: "error",
      NUMBER_AS_TEXT: "warning",
      RATE_UNCOMPUTABLE: "warning",
      RATE_MISMATCH: "error",
      FUNDING_SCORE_MISMATCH: "error",
      OVERSPENT: "warning",
      BREAKDOWN_MISMATCH: "error",
      SCORE_NEGATIVE: "error",
      SCORE_EXCEEDS_WEIGHT: "error",
      SECTION_WEIGHT_MISMATCH: "error",
      SCORE_BASIS_MISMATCH: "error",
      WEIGHT_TOTAL_MISMATCH: "error",
      TOTAL_SCORE_MISMATCH: "error",
      GRADE_MISMATCH: "error",
      DEVIATION_UNEXPLAINED: "error",
      TARGET_MISSED_FULL_SCORE: "warning",
      OVERACHIEVEMENT_UNEXPLAINED: "warning",
      SCORE_POLICY_MISMATCH: "warning",
    });
    for (const r of ALL_RULES) {
      expect(r.description_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.description_en).toMatch(/^[A-Z]/);
    }
  });
});
