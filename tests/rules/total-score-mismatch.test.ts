import { totalScoreMismatch } from "../../src/engine/rules/total-score-mismatch";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, codesAt, edited, findings, hunanSeed } from "../helpers/table-builder";
import { ruleTester } from "./rule-tester";

describe("TOTAL_SCORE_MISMATCH", () => {
  it.each<[string, SeedTable]>([
    ["000-01: 5.4 + 30 + 20 + 30 + 10 = 95.4", seedTable("000-01")],
    ["000-09: 9.8 + 89.8 = 99.6", seedTable("000-09")],
    ["000-13: unlabelled 总分 row, 9.99 + 90 = 99.99", seedTable("000-13")],
    ["001-03: funding 得分 blank, computed 10 + 90 = 100", seedTable("001-03")],
    ["the builder tables", beijingSeed()],
    ["the Hunan builder table", hunanSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(totalScoreMismatch, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    ["001-14: 总分 96.7 although 10 + 90 = 100", seedTable("001-14"), ["TOTAL_SCORE_MISMATCH@H24"]],
    ["001-04: 总分 94 although 10 + 87 = 97", seedTable("001-04"), ["TOTAL_SCORE_MISMATCH@H22"]],
    ["001-11: 总分 96 although 10 + 87 = 97", seedTable("001-11"), ["TOTAL_SCORE_MISMATCH@H23"]],
    [
      "000-01 with 总分 95.41 (beyond the 0.005 tolerance)",
      edited(seedTable("000-01"), (t) => (t.total.score = "95.41")),
      ["TOTAL_SCORE_MISMATCH@H17"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(totalScoreMismatch, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs[0].severity).toBe("error");
  });

  it("shows how the total is made up", () => {
    const [f] = findings(totalScoreMismatch, seedTable("001-14"));
    expect(f.message_zh).toBe("总分应为 100（资金得分 10 + 各指标得分之和 90），表中填写为 96.7");
    expect(f).toMatchObject({ expected: 100, actual: 96.7 });
    const [g] = findings(totalScoreMismatch, seedTable("001-04"));
    expect(g.message_zh).toBe("总分应为 97（资金得分 10 + 各指标得分之和 87），表中填写为 94");
    const [h] = findings(
      totalScoreMismatch,
      edited(seedTable("001-03"), (t) => (t.total.score = "99"))
    );
    expect(h.message_zh).toBe(
      "总分应为 100（资金得分 10（按执行率计算） + 各指标得分之和 90），表中填写为 99"
    );
  });

  it("uses the stated funding score, not the computed one (000-12: 9.86 + 90 = 99.86)", () => {
    expect(findings(totalScoreMismatch, seedTable("000-12"))).toEqual([]);
  });

  it("follows settings.totalTolerance", () => {
    const seed = edited(seedTable("000-01"), (t) => (t.total.score = "95.41"));
    expect(findings(totalScoreMismatch, seed, { totalTolerance: 0.02 })).toEqual([]);
  });
});

ruleTester(totalScoreMismatch, {
  valid: [{ name: "000-01: 5.4 + 30 + 20 + 30 + 10 = 95.4", seed: seedTable("000-01") }],
  invalid: [
    {
      name: "001-14: 总分 96.7 although the stated funding score 10 + 90 = 100",
      seed: seedTable("001-14"),
      errors: [
        {
          messageId: "mismatch",
          cell: "H24",
          severity: "error",
          data: {
            expected: 100,
            funding: { messageId: "fundingStated", data: { score: 10 } },
            indicators: 90,
            conversion: "",
            stated: 96.7,
          },
        },
      ],
    },
    {
      name: "001-03 with 总分 99: the funding score computed from the rate",
      seed: edited(seedTable("001-03"), (t) => (t.total.score = "99")),
      errors: [
        {
          messageId: "mismatch",
          data: { funding: { messageId: "fundingComputed", data: { score: 10 } }, stated: 99 },
          message_zh:
            "总分应为 100（资金得分 10（按执行率计算） + 各指标得分之和 90），表中填写为 99",
        },
      ],
    },
    {
      name: "001-04 with hundredPointConversion: the converted share",
      seed: seedTable("001-04"),
      settings: { hundredPointConversion: true },
      errors: [
        {
          messageId: "mismatch",
          data: { expected: 97, conversion: { messageId: "converted" }, stated: 94 },
          message_en:
            "The total should be 97 (funding score 10 + indicator scores 87, converted to the indicators' share), but the table states 94",
        },
      ],
    },
  ],
});
