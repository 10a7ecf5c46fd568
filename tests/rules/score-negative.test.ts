import { scoreNegative } from "../../src/engine/rules/score-negative";
import type { SeedTable } from "../../scripts/seed-model";
import { allSeedTables, seedTable } from "../helpers/seed-grid";
import { codesAt, edited, findings } from "../helpers/table-builder";

describe("SCORE_NEGATIVE", () => {
  it.each<[string, SeedTable]>([
    ["001-19: scores of 9 and 10", seedTable("001-19")],
    [
      "001-04 with a score of 0",
      edited(seedTable("001-04"), (t) => (t.indicators.rows[0][6] = "0")),
    ],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(scoreNegative, seed)).toEqual([]);
  });

  it("finds nothing in any seed table", () => {
    for (const seed of allSeedTables())
      expect([seed.id, findings(scoreNegative, seed)]).toEqual([seed.id, []]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "001-04 with 举办高研班数量 scoring -3 (a deduction typed as a score)",
      edited(seedTable("001-04"), (t) => (t.indicators.rows[0][6] = "-3")),
      ["SCORE_NEGATIVE@H14"],
    ],
    [
      "000-01 with the funding 得分 -1",
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][6] = "-1")),
      ["SCORE_NEGATIVE@I6"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(scoreNegative, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs[0].severity).toBe("error");
  });

  it("says a score lies between 0 and its weight", () => {
    const [f] = findings(
      scoreNegative,
      edited(seedTable("001-04"), (t) => (t.indicators.rows[0][6] = "-3"))
    );
    expect(f.message_zh).toBe("指标“举办高研班数量”的得分 -3 为负数，得分应在 0 与分值之间");
  });
});
