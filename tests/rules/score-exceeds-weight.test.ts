import { scoreExceedsWeight } from "../../src/engine/rules/score-exceeds-weight";
import type { SeedTable } from "../../scripts/seed-model";
import { allSeedTables, seedTable } from "../helpers/seed-grid";
import { codesAt, edited, findings } from "../helpers/table-builder";

describe("SCORE_EXCEEDS_WEIGHT", () => {
  it.each<[string, SeedTable]>([
    ["001-04: 7 of 10 and full marks elsewhere", seedTable("001-04")],
    ["001-15: sub-row 当年财政拨款 10 of 10", seedTable("001-15")],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(scoreExceedsWeight, seed)).toEqual([]);
  });

  it("finds nothing in any seed table", () => {
    for (const seed of allSeedTables())
      expect([seed.id, findings(scoreExceedsWeight, seed)]).toEqual([seed.id, []]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "001-04 with 资助博士后人才数量 scoring 12 of 10",
      edited(seedTable("001-04"), (t) => (t.indicators.rows[1][6] = "12")),
      ["SCORE_EXCEEDS_WEIGHT@H15"],
    ],
    [
      "000-01 with the funding 得分 10.5 of 10",
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][6] = "10.5")),
      ["SCORE_EXCEEDS_WEIGHT@I6"],
    ],
    [
      "001-14 with 总分 得分 100.5 of 100",
      edited(seedTable("001-14"), (t) => (t.total.score = "100.5")),
      ["SCORE_EXCEEDS_WEIGHT@H24"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(scoreExceedsWeight, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs[0].severity).toBe("error");
  });

  it("names the indicator, its score and weight", () => {
    const [f] = findings(
      scoreExceedsWeight,
      edited(seedTable("001-04"), (t) => (t.indicators.rows[1][6] = "12"))
    );
    expect(f.message_zh).toBe("指标“资助博士后人才数量”的得分 12 超过分值 10");
    expect(f).toMatchObject({ expected: "<= 10", actual: 12 });
  });
});
