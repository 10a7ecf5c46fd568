import { deviationUnexplained } from "../../src/engine/rules/deviation-unexplained";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, codesAt, edited, findings } from "../helpers/table-builder";

describe("DEVIATION_UNEXPLAINED", () => {
  it.each<[string, SeedTable]>([
    ["001-04 博士后、高研班: 3 → 2, 7 of 10, explained", seedTable("001-04")],
    ["000-11 宣传活动费: 成本指标 8.9 of 10, explained", seedTable("000-11")],
    ["000-15: 部分完成, 8 of 10, explained", seedTable("000-15")],
    ["001-05: “无” beside full marks is fine", seedTable("001-05")],
    ["the builder table", beijingSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(deviationUnexplained, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "001-19 部门运转工作经费: four rows 9 of 10 with an empty explanation",
      seedTable("001-19"),
      [
        "DEVIATION_UNEXPLAINED@I20",
        "DEVIATION_UNEXPLAINED@I21",
        "DEVIATION_UNEXPLAINED@I22",
        "DEVIATION_UNEXPLAINED@I23",
      ],
    ],
    [
      "000-09: 成本指标 9.8 of 10, explanation empty",
      seedTable("000-09"),
      ["DEVIATION_UNEXPLAINED@I19"],
    ],
    [
      "000-14: 成本指标 8.4 of 10, explanation empty",
      seedTable("000-14"),
      ["DEVIATION_UNEXPLAINED@I17"],
    ],
    [
      "004-05: 办公网络稳定性 9 of 10, explanation empty",
      seedTable("004-05"),
      ["DEVIATION_UNEXPLAINED@I21"],
    ],
    [
      "001-04 with the explanation replaced by “无”",
      edited(seedTable("001-04"), (t) => (t.indicators.rows[0][7] = "无")),
      ["DEVIATION_UNEXPLAINED@I14"],
    ],
    [
      "001-04 with the explanation replaced by “—”",
      edited(seedTable("001-04"), (t) => (t.indicators.rows[0][7] = "—")),
      ["DEVIATION_UNEXPLAINED@I14"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(deviationUnexplained, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs.every((f) => f.severity === "error")).toBe(true);
  });

  it("names the indicator and its score", () => {
    const [f] = findings(deviationUnexplained, seedTable("000-09"));
    expect(f.message_zh).toBe(
      "指标“不超过预算控制数”得分 9.8，低于分值 10，但未填写偏差原因分析及改进措施"
    );
    expect(f.message_en).toBe(
      'Indicator "不超过预算控制数" scores 9.8 of 10 but gives no deviation cause or corrective action'
    );
    expect(f.row).toBe(19);
  });

  it("counts the template's extra words as empty", () => {
    const seed = edited(seedTable("001-04"), (t) => (t.indicators.rows[0][7] = "见说明"));
    expect(findings(deviationUnexplained, seed)).toEqual([]);
    expect(
      codesAt(findings(deviationUnexplained, seed, { emptyExplanationWords: ["见说明"] }))
    ).toEqual(["DEVIATION_UNEXPLAINED@I14"]);
  });
});
