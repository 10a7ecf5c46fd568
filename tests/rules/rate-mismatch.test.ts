import { rateMismatch } from "../../src/engine/rules/rate-mismatch";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, detect, edited, findings, gridFromRows } from "../helpers/table-builder";
import { ruleTester } from "./rule-tester";
import { runRules } from "../../src/engine/rules/rule";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";

const sev = (seed: SeedTable) =>
  findings(rateMismatch, seed).map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("RATE_MISMATCH", () => {
  it.each<[string, SeedTable]>([
    ["000-01: 53.85% = 4.2 ÷ 7.8", seedTable("000-01")],
    ["000-07: 61.6% = 9.88 ÷ 16.04 at 1 decimal", seedTable("000-07")],
    ["001-10: 99.99% = 146.991 ÷ 147, also on 当年财政拨款", seedTable("001-10")],
    ["000-13: 99.99% = 60.9933 ÷ 61", seedTable("000-13")],
    [
      "001-01: sub-rows 0 / 0 with rate 0 (not computable, nothing to compare)",
      seedTable("001-01"),
    ],
    ["the builder table: 99.06% = 11.41 ÷ 11.5178", beijingSeed()],
    [
      "100% stated with 0 decimals vs 99.6% computed (rounds to 100%)",
      edited(beijingSeed(), (t) => {
        t.funding.rows[0][3] = "11.4717";
        t.funding.rows[0][5] = "100%";
        t.funding.rows[1][3] = "11.4717";
        t.funding.rows[1][5] = "100%";
      }),
    ],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(rateMismatch, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "000-03: 97.83% stated, 13.14 ÷ 13.44 = 97.77%",
      seedTable("000-03"),
      ["error:RATE_MISMATCH@H6"],
    ],
    [
      "000-06: 86.31% stated, 4.71 ÷ 5.46 = 86.26%",
      seedTable("000-06"),
      ["error:RATE_MISMATCH@H6"],
    ],
    [
      "000-08: sub-row 其他资金 51.91% stated, 13.51 ÷ 26.03 = 51.90%",
      seedTable("000-08"),
      ["error:RATE_MISMATCH@H9"],
    ],
    ["000-09: 98.03% is 98.0354% truncated (info)", seedTable("000-09"), ["info:RATE_MISMATCH@H6"]],
    ["000-12: 99.86% is 99.8677% truncated (info)", seedTable("000-12"), ["info:RATE_MISMATCH@H6"]],
    [
      "the builder table stating 100% for 99.06% (0 decimals: 99% ≠ 100%), on both rows",
      edited(beijingSeed(), (t) => {
        t.funding.rows[0][5] = "100%";
        t.funding.rows[1][5] = "100%";
      }),
      ["error:RATE_MISMATCH@H7", "error:RATE_MISMATCH@H8"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    expect(sev(seed)).toEqual(expected);
  });

  it("names the figures, the expected and the stated rate", () => {
    const [f] = findings(rateMismatch, seedTable("000-03"));
    expect(f.message_zh).toBe(
      "年度资金总额的执行率应为 97.77%（全年执行数 13.14 ÷ 全年预算数 13.44），表中填写为 97.83%"
    );
    expect(f.message_en).toBe(
      'The execution rate of "年度资金总额" should be 97.77% (spending 13.14 ÷ budget 13.44), but the table states 97.83%'
    );
    expect(f).toMatchObject({ expected: "97.77%", actual: "97.83%" });
    const [g] = findings(
      rateMismatch,
      edited(beijingSeed(), (t) => (t.funding.rows[0][5] = "100%"))
    );
    expect(g.message_zh).toBe(
      "年度资金总额的执行率应为 99.06%（全年执行数 11.41 ÷ 全年预算数 11.5178），表中填写为 100%"
    );
  });

  it("reads a stored fraction shown through a % format, and a text percentage", () => {
    const rows = (rate: { v: number; fmt: string } | string) => [
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
      [null, "年度资金总额", null, 10, 10, 9.96, 10, rate, 9.96],
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
      [null, "产出指标", "数量指标", "人数", 3, 3, 90, 90, null],
      ["总分", null, null, null, null, null, 100, 99.96],
    ];
    const run = (rate: { v: number; fmt: string } | string) =>
      runRules([rateMismatch], detect(gridFromRows(rows(rate)))[0], DEFAULT_SETTINGS);
    expect(run({ v: 0.996, fmt: "0%" })).toEqual([]);
    expect(run({ v: 0.996, fmt: "0.00%" })).toEqual([]);
    expect(run("99.6%")).toEqual([]);
    expect(run({ v: 0.995, fmt: "0.0%" }).map((f) => f.cell)).toEqual(["H2"]);
    expect(run("99.5%").map((f) => f.cell)).toEqual(["H2"]);
  });
});

ruleTester(rateMismatch, {
  valid: [{ name: "000-01: 53.85% = 4.2 ÷ 7.8", seed: seedTable("000-01") }],
  invalid: [
    {
      name: "000-03: 97.83% stated, 13.14 ÷ 13.44 gives 97.77%",
      seed: seedTable("000-03"),
      errors: [
        {
          messageId: "mismatch",
          cell: "H6",
          severity: "error",
          data: { budget: 13.44, executed: 13.14, expected: "97.77%", stated: "97.83%" },
        },
      ],
    },
    {
      name: "000-09: 98.03% is 98.0354% truncated (info)",
      seed: seedTable("000-09"),
      errors: [
        {
          messageId: "truncated",
          severity: "info",
          data: {
            stated: "98.03%",
            expected: "98.04%",
            budgetName: { zh: "全年预算数", en: "budget" },
          },
        },
      ],
    },
  ],
});
