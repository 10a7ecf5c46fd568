import { weightTotalMismatch } from "../../src/engine/rules/weight-total-mismatch";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, codesAt, edited, findings, hunanSeed } from "../helpers/table-builder";

describe("WEIGHT_TOTAL_MISMATCH", () => {
  it.each<[string, SeedTable]>([
    ["000-05: 10 + 90 (2.5-point rows)", seedTable("000-05")],
    ["000-13: 决策/过程/效益 framework, 10 + 90", seedTable("000-13")],
    ["001-04", seedTable("001-04")],
    ["001-08: 不涉及 rows without 分值", seedTable("001-08")],
    ["the builder tables", beijingSeed()],
    ["the Hunan builder table", hunanSeed()],
    // 10 + 100 = 110 with 总分 on 100: one root cause, SCORE_BASIS_MISMATCH's (score-basis.test.ts).
    ["004-02 福利费: 10 + 100 = 110", seedTable("004-02")],
    ["001-19: 10 + 100 = 110", seedTable("001-19")],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(weightTotalMismatch, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    ["001-01: 10 + 80 = 90 (no 满意度 row)", seedTable("001-01"), ["WEIGHT_TOTAL_MISMATCH@G22"]],
    [
      "001-04 with 总分 分值 90: the stated total weight is wrong, the rows add up",
      edited(seedTable("001-04"), (t) => (t.total.weight = "90")),
      ["WEIGHT_TOTAL_MISMATCH@G22"],
    ],
    [
      "004-02 with 总分 分值 110: the stated total repeats the wrong sum, one fault",
      edited(seedTable("004-02"), (t) => (t.total.weight = "110")),
      ["WEIGHT_TOTAL_MISMATCH@G23"],
    ],
    [
      "004-02 with 总分 分值 105: rows and stated total both off 100, differently",
      edited(seedTable("004-02"), (t) => (t.total.weight = "105")),
      ["WEIGHT_TOTAL_MISMATCH@G23", "WEIGHT_TOTAL_MISMATCH@G23"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(weightTotalMismatch, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs.every((f) => f.severity === "error")).toBe(true);
  });

  it("shows the sum", () => {
    const [f] = findings(weightTotalMismatch, seedTable("001-01"));
    expect(f.message_zh).toBe("分值合计应为 100，实际资金分值 10 + 各指标分值 80 = 90");
    expect(f).toMatchObject({ expected: 100, actual: 90 });
    const [g] = findings(
      weightTotalMismatch,
      edited(seedTable("001-04"), (t) => (t.total.weight = "90"))
    );
    expect(g.message_zh).toBe("总分行的分值应为 100，表中填写为 90");
  });

  it("follows settings.expectedTotalWeight", () => {
    expect(
      codesAt(findings(weightTotalMismatch, seedTable("004-02"), { expectedTotalWeight: 110 }))
    ).toEqual([
      "WEIGHT_TOTAL_MISMATCH@G23", // the stated 100 is now the odd one
    ]);
  });
});
