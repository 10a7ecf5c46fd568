import { breakdownMismatch } from "../../src/engine/rules/breakdown-mismatch";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, codesAt, edited, findings, hunanSeed } from "../helpers/table-builder";

describe("BREAKDOWN_MISMATCH", () => {
  it.each<[string, SeedTable]>([
    [
      "000-04: 当年财政拨款 全年预算数 blank and no other sub-row has one (column skipped)",
      seedTable("000-04"),
    ],
    [
      "000-13: 当年财政拨款 0 + 其他资金 61 = 61; 全年执行数 blank counts 0 beside 60.9933",
      seedTable("000-13"),
    ],
    ["001-12: “无” counts 0, “114.4 万” is 114.4", seedTable("001-12")],
    ["004-02: Hunan sub-rows with only 预算数", seedTable("004-02")],
    ["000-07: 7 + 9.04 = 16.04, 7 + 2.88 = 9.88", seedTable("000-07")],
    ["the builder tables", beijingSeed()],
    ["the Hunan builder table", hunanSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(breakdownMismatch, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "001-18: 年初预算数 1098.0558 vs 当年财政拨款 1098.055",
      seedTable("001-18"),
      ["BREAKDOWN_MISMATCH@D7"],
    ],
    [
      "000-07 with 其他资金 全年执行数 2.8 (7 + 2.8 ≠ 9.88)",
      edited(seedTable("000-07"), (t) => (t.funding.rows[3][3] = "2.8")),
      ["BREAKDOWN_MISMATCH@F6"],
    ],
    [
      "000-02 with 当年财政拨款 filled as well as 其他资金 (double counted)",
      edited(seedTable("000-02"), (t) => {
        t.funding.rows[1][2] = "65.84";
        t.funding.rows[1][3] = "61.26";
      }),
      ["BREAKDOWN_MISMATCH@E6", "BREAKDOWN_MISMATCH@F6"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(breakdownMismatch, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs.every((f) => f.severity === "error")).toBe(true);
  });

  it("shows the sum and its terms", () => {
    const [f] = findings(breakdownMismatch, seedTable("001-18"));
    expect(f.message_zh).toBe(
      "年度资金总额的年初预算数 1098.0558 与其中各项之和 1098.055（当年财政拨款 1098.055 + 上年结转资金 0 + 其他资金 0）不符"
    );
    expect(f).toMatchObject({ expected: 1098.055, actual: 1098.0558 });
  });

  it("tolerates 0.00005", () => {
    const seed = edited(seedTable("001-18"), (t) => (t.funding.rows[0][1] = "1098.05504"));
    expect(findings(breakdownMismatch, seed)).toEqual([]);
  });
});
