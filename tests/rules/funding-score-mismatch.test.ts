import type { FindingDataValue } from "../../src/engine/model/finding";
import { fundingScoreMismatch } from "../../src/engine/rules/funding-score-mismatch";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, edited, findings } from "../helpers/table-builder";
import { ruleTester } from "./rule-tester";

const sev = (seed: SeedTable, settings?: Parameters<typeof findings>[2]) =>
  findings(fundingScoreMismatch, seed, settings).map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("FUNDING_SCORE_MISMATCH", () => {
  it.each<[string, SeedTable]>([
    ["000-01: 53.85% → 5.4 (1 decimal, half-up)", seedTable("000-01")],
    ["000-03: 97.77% → 9.78", seedTable("000-03")],
    ["000-02: 93.04% → 9.3", seedTable("000-02")],
    ["000-13: 99.989% → 9.99 (floored at 2 decimals)", seedTable("000-13")],
    ["001-10: 99.99% → 10 (0 decimals)", seedTable("001-10")],
    ["001-18: 19.95% → 2", seedTable("001-18")],
    ["001-15: 当年财政拨款 sub-row carrying 分值 10 / 得分 10", seedTable("001-15")],
    ["the builder table: 99.06% → 9.91", beijingSeed()],
    [
      "the builder table stating 99.06% → 9",
      edited(beijingSeed(), (t) => (t.funding.rows[0][6] = "9")),
    ],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(fundingScoreMismatch, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "000-12: 9.86 stated, 99.87% × 10 = 9.99",
      seedTable("000-12"),
      ["error:FUNDING_SCORE_MISMATCH@I6"],
    ],
    [
      "001-02: 得分 blank, computable → info",
      seedTable("001-02"),
      ["info:FUNDING_SCORE_MISMATCH@I7"],
    ],
    [
      "001-06: 得分 blank, computable → info",
      seedTable("001-06"),
      ["info:FUNDING_SCORE_MISMATCH@I7"],
    ],
    [
      "000-10 stating full marks 10 for 94.39%",
      edited(seedTable("000-10"), (t) => (t.funding.rows[0][6] = "10")),
      ["error:FUNDING_SCORE_MISMATCH@I6"],
    ],
    [
      "the builder table stating 9.9 for 9.906 (1 decimal rounds to 9.9: accepted) vs 9.8",
      edited(beijingSeed(), (t) => (t.funding.rows[0][6] = "9.8")),
      ["error:FUNDING_SCORE_MISMATCH@I7"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    expect(sev(seed)).toEqual(expected);
  });

  it("names the computation", () => {
    const [f] = findings(fundingScoreMismatch, seedTable("000-12"));
    expect(f.message_zh).toBe(
      "年度资金总额的得分应为 9.99（执行率 99.87% × 分值 10 = 9.9868，保留 2 位小数），表中填写为 9.86"
    );
    expect(f).toMatchObject({ expected: 9.99, actual: 9.86 });
    const [g] = findings(fundingScoreMismatch, seedTable("001-02"));
    expect(g.message_zh).toBe("年度资金总额的得分未填写，可由公式填充：执行率 100% × 分值 10 = 10");
  });

  it("caps the rate: 105% spent still scores at most 分值", () => {
    const seed = edited(seedTable("000-01"), (t) => {
      t.funding.rows[0][3] = "8.19";
      t.funding.rows[0][5] = "105%";
      t.funding.rows[0][6] = "10.5";
    });
    const [f] = findings(fundingScoreMismatch, seed);
    expect(f).toMatchObject({ cell: "I6", expected: 10, actual: 10.5 });
  });

  it("follows the template's rounding settings", () => {
    // 99.87% × 10 = 9.9868: floored at 1 decimal 9.9; 9.86 is neither rounding of 9.9868.
    expect(
      sev(seedTable("000-12"), { fundingScoreRounding: "floor", fundingScoreDecimals: 1 })
    ).toEqual(["error:FUNDING_SCORE_MISMATCH@I6"]);
    const [f] = findings(fundingScoreMismatch, seedTable("000-12"), {
      fundingScoreRounding: "floor",
      fundingScoreDecimals: 1,
    });
    expect(f.expected).toBe(9.9);
  });
});

const basis = (rate: string, cap: FindingDataValue = ""): FindingDataValue => ({
  messageId: "basis",
  data: { rateKind: { messageId: "computedRate" }, rate, cap, weight: 10 },
});

ruleTester(fundingScoreMismatch, {
  valid: [{ name: "000-03: 97.77% → 9.78", seed: seedTable("000-03") }],
  invalid: [
    {
      name: "000-12: 9.86 stated, 99.87% × 10 gives 9.99",
      seed: seedTable("000-12"),
      errors: [
        {
          messageId: "mismatch",
          cell: "I6",
          severity: "error",
          data: { expected: 9.99, basis: basis("99.87%"), raw: 9.9868, decimals: 2, stated: 9.86 },
        },
      ],
    },
    {
      name: "001-02: a blank score a formula can fill (info)",
      seed: seedTable("001-02"),
      errors: [
        {
          messageId: "blank",
          cell: "I7",
          severity: "info",
          data: { basis: basis("100%"), expected: 10 },
        },
      ],
    },
    {
      name: "000-01 with 105% spent and 9 stated: the rate is capped",
      seed: edited(seedTable("000-01"), (t) => {
        t.funding.rows[0][3] = "8.19";
        t.funding.rows[0][6] = "9";
      }),
      errors: [
        {
          messageId: "mismatch",
          data: {
            basis: basis("105%", { messageId: "capped", data: { cap: "100%" } }),
            expected: 10,
          },
          message_en:
            'The score of "年度资金总额" should be 10 (rate 105% (capped at 100%) × weight 10 = 10, 2 decimals), but the table states 9',
        },
      ],
    },
  ],
});
