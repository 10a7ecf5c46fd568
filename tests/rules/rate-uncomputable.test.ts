import { rateUncomputable } from "../../src/engine/rules/rate-uncomputable";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, edited, findings } from "../helpers/table-builder";
import { ruleTester } from "./rule-tester";

const sev = (seed: SeedTable) =>
  findings(rateUncomputable, seed).map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("RATE_UNCOMPUTABLE", () => {
  it.each<[string, SeedTable]>([
    ["001-01: sub-rows 0 / 0 / 0 with rate 0", seedTable("001-01")],
    ["001-13: 当年财政拨款 0 / 0 / 0", seedTable("001-13")],
    ["000-01: blank sub-rows", seedTable("000-01")],
    ["the Beijing builder table", beijingSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(rateUncomputable, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "000-04: 其中：当年财政拨款 has 全年执行数 98.01 but no 全年预算数 (info on a sub-row)",
      seedTable("000-04"),
      ["info:RATE_UNCOMPUTABLE@E7"],
    ],
    [
      "000-01 with 全年预算数 0 on 年度资金总额 while 4.2 was spent and 53.85% stated",
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][2] = "0")),
      ["warning:RATE_UNCOMPUTABLE@H6"],
    ],
    [
      "000-01 with #DIV/0! in 执行率 over a blank 全年预算数",
      edited(seedTable("000-01"), (t) => {
        t.funding.rows[0][2] = "";
        t.funding.rows[0][5] = "#DIV/0!";
      }),
      ["warning:RATE_UNCOMPUTABLE@H6"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    expect(sev(seed)).toEqual(expected);
  });

  it("says why the rate cannot be computed", () => {
    const [f] = findings(rateUncomputable, seedTable("000-04"));
    expect(f.message_zh).toBe(
      "其中：当年财政拨款的全年预算数未填写，全年执行数为 98.01：执行率无法计算，请补全预算数或注明无法计算"
    );
  });
});

ruleTester(rateUncomputable, {
  valid: [{ name: "000-01: blank sub-rows", seed: seedTable("000-01") }],
  invalid: [
    {
      name: "000-04: 当年财政拨款 spent 98.01 with a blank budget (info on a sub-row)",
      seed: seedTable("000-04"),
      errors: [
        {
          messageId: "spent",
          cell: "E7",
          severity: "info",
          data: { budgetState: { messageId: "budgetBlank" }, executed: 98.01 },
        },
      ],
    },
    {
      name: "000-01 with a 0 budget: spending and a stated rate",
      seed: edited(seedTable("000-01"), (t) => (t.funding.rows[0][2] = "0")),
      errors: [
        {
          messageId: "spentAndRated",
          cell: "H6",
          severity: "warning",
          data: { budgetState: { messageId: "budgetZero" }, executed: 4.2, rate: "0.5385" },
        },
      ],
    },
  ],
});
