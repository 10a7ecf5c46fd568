import { numberAsText } from "../../src/engine/rules/number-as-text";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import {
  beijingSeed,
  codesAt,
  detect,
  edited,
  findings,
  gridFromRows,
} from "../helpers/table-builder";
import { runRules } from "../../src/engine/rules/rule";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";

describe("NUMBER_AS_TEXT", () => {
  it.each<[string, SeedTable]>([
    ["001-13 (numbers stored as numbers)", seedTable("001-13")],
    ["000-03", seedTable("000-03")],
    ["the Beijing builder table", beijingSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(numberAsText, seed)).toEqual([]);
  });

  it("reports 001-12's amounts written with a unit (“96 万”, “114.4 万”) on 年度资金总额 and 当年财政拨款", () => {
    const fs = findings(numberAsText, seedTable("001-12"));
    expect(codesAt(fs)).toEqual([
      "NUMBER_AS_TEXT@D7",
      "NUMBER_AS_TEXT@E7",
      "NUMBER_AS_TEXT@F7",
      "NUMBER_AS_TEXT@D8",
      "NUMBER_AS_TEXT@E8",
      "NUMBER_AS_TEXT@F8",
    ]);
    expect(fs.every((f) => f.severity === "warning")).toBe(true);
    expect(fs[0].message_zh).toBe(
      "年度资金总额的年初预算数“96万”是文本（带单位“万”），应存为数字 96"
    );
    expect(fs[1]).toMatchObject({ expected: 114.4, actual: "114.4 万" });
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "000-01 with 分值 typed as the text “10 分”",
      edited(seedTable("000-01"), (t) => (t.indicators.rows[3][5] = "10 分")),
      ["NUMBER_AS_TEXT@G16"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    expect(codesAt(findings(numberAsText, seed))).toEqual(expected);
  });

  it("reports a number stored as text without a unit (the string “10”) and a text percentage", () => {
    const snap = gridFromRows([
      ["项目名称", "测试"],
      [
        "项目资金（万元）",
        null,
        null,
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
      ],
      [null, "年度资金总额", null, 5, 5, 5, "10", "100%", 10],
      [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
      ],
      [null, "产出指标", "数量指标", "人数", "3", "3", 90, 90, null],
      ["总分", null, null, null, null, null, 100, 100],
    ]);
    const [table] = detect(snap);
    const fs = runRules([numberAsText], table, DEFAULT_SETTINGS);
    expect(codesAt(fs)).toEqual(["NUMBER_AS_TEXT@G3", "NUMBER_AS_TEXT@H3"]);
    expect(fs[1].message_zh).toBe("年度资金总额的执行率“100%”是文本，应存为数字 100%");
  });
});
