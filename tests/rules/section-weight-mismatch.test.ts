import { sectionWeightMismatch } from "../../src/engine/rules/section-weight-mismatch";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { codesAt, edited, findings, hunanSeed } from "../helpers/table-builder";

describe("SECTION_WEIGHT_MISMATCH", () => {
  it.each<[string, SeedTable]>([
    ["000-05: 产出指标（50分）/效益指标（30分）/满意度指标（10分） add up", seedTable("000-05")],
    ["000-07: declared 50/30/10 add up", seedTable("000-07")],
    ["001-04: no declared weights", seedTable("001-04")],
    ["the Hunan builder table", hunanSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(sectionWeightMismatch, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "004-02 福利费: 产出 30 + 30 + 20 = 80 ≠ 50, 效益 10 ≠ 30",
      seedTable("004-02"),
      ["SECTION_WEIGHT_MISMATCH@B14", "SECTION_WEIGHT_MISMATCH@B18"],
    ],
    [
      "004-03: 产出 90 ≠ 50, 效益 5 ≠ 30, 满意度 5 ≠ 10",
      seedTable("004-03"),
      ["SECTION_WEIGHT_MISMATCH@B14", "SECTION_WEIGHT_MISMATCH@B21", "SECTION_WEIGHT_MISMATCH@B25"],
    ],
    [
      "000-05 with one 产出 row at 15 instead of 10",
      edited(seedTable("000-05"), (t) => (t.indicators.rows[0][5] = "15")),
      ["SECTION_WEIGHT_MISMATCH@B13"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(sectionWeightMismatch, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs.every((f) => f.severity === "error")).toBe(true);
  });

  it("names the label, the declared weight and the rows' sum", () => {
    const [f] = findings(sectionWeightMismatch, seedTable("004-02"));
    expect(f.message_zh).toBe("“产出指标(50分)”标注 50 分，其下各行分值之和为 80（30 + 30 + 20）");
    expect(f).toMatchObject({ expected: 50, actual: 80, row: 14 });
  });
});
