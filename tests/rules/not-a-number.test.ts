import { notANumber } from "../../src/engine/rules/not-a-number";
import type { SeedTable } from "../../scripts/seed-model";
import { allSeedTables, seedTable } from "../helpers/seed-grid";
import { beijingSeed, codesAt, edited, findings } from "../helpers/table-builder";

describe("NOT_A_NUMBER", () => {
  it.each<[string, SeedTable]>([
    ["001-12: 其他资金 “无” is a placeholder, “96 万” is a number as text", seedTable("001-12")],
    ["000-01: — on the sub-rows' 分值/得分", seedTable("000-01")],
    ["001-08: 不涉及 rows with blank 分值/得分", seedTable("001-08")],
    ["the Beijing builder table", beijingSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(notANumber, seed)).toEqual([]);
  });

  it("finds nothing in any seed table", () => {
    for (const seed of allSeedTables())
      expect([seed.id, findings(notANumber, seed)]).toEqual([seed.id, []]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "000-01 with 全年执行数 “约4.2万”",
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][3] = "约4.2万")),
      ["NOT_A_NUMBER@F6"],
    ],
    [
      "000-01 with 执行率 “过半”",
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][5] = "过半")),
      ["NOT_A_NUMBER@H6"],
    ],
    [
      "000-01 with an indicator 得分 “满分”",
      edited(seedTable("000-01"), (t) => (t.indicators.rows[1][6] = "满分")),
      ["NOT_A_NUMBER@H14"],
    ],
    [
      "000-01 with an indicator 分值 “≥20”",
      edited(seedTable("000-01"), (t) => (t.indicators.rows[1][5] = "≥20")),
      ["NOT_A_NUMBER@G14"],
    ],
    [
      "000-01 with 总分 得分 “九十五”",
      edited(seedTable("000-01"), (t) => (t.total.score = "九十五")),
      ["NOT_A_NUMBER@H17"],
    ],
    [
      "000-01 with a sub-row 年初预算数 “见附表”",
      edited(seedTable("000-01"), (t) => (t.funding.rows[1][1] = "见附表")),
      ["NOT_A_NUMBER@D7"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(notANumber, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs.every((f) => f.severity === "error")).toBe(true);
  });

  it("says what the cell holds", () => {
    const [f] = findings(
      notANumber,
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][3] = "约4.2万"))
    );
    expect(f.message_zh).toBe("年度资金总额的全年执行数应为数字，表中填写为“约4.2万”");
    expect(f.actual).toBe("约4.2万");
  });

  it("leaves #DIV/0! in a 执行率 cell over a blank budget to RATE_UNCOMPUTABLE", () => {
    const seed = edited(seedTable("000-01"), (t) => {
      t.funding.rows[1][2] = "";
      t.funding.rows[1][5] = "#DIV/0!";
    });
    expect(findings(notANumber, seed)).toEqual([]);
  });
});
