import {
  computedTotal,
  fundingFigures,
  gradeFor,
  indicatorSum,
  isDeviation,
  lowerIsBetter,
  numberOf,
  statedRateOf,
  summarizeTable,
  targetOutcome,
} from "../../src/engine/compute";
import { Located } from "../../src/engine/model/table";
import { DEFAULT_SETTINGS, resolveSettings } from "../../src/engine/settings";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, detectSeed, edited } from "../helpers/table-builder";

const cell = (value: Located["value"], numberFormat: string | null = null): Located => ({
  row: 0,
  col: 0,
  address: "A1",
  value,
  formula: null,
  numberFormat,
});

describe("numberOf", () => {
  it.each<[Located | null, number | null]>([
    [null, null],
    [cell(null), null],
    [cell(7.8), 7.8],
    [cell("96 万"), 96],
    [cell("10"), 10],
    [cell("53.85%"), 0.5385],
    [cell(0.5385, "0.00%"), 0.5385],
    [cell("—"), null],
    [cell("无"), null],
    [cell("约5"), null],
  ])("%j → %j", (c, n) => {
    expect(numberOf(c)).toBe(n);
  });
});

describe("statedRateOf", () => {
  it("reads percentages, fractions and percentage points with their shown decimals", () => {
    expect(statedRateOf(cell("97.83%"))).toEqual({
      value: 0.9783,
      percentDecimals: 2,
      shownPercent: 97.83,
    });
    expect(statedRateOf(cell(0.996, "0%"))).toEqual({
      value: 0.996,
      percentDecimals: 0,
      shownPercent: 99.6,
    });
    expect(statedRateOf(cell(0.9906))).toEqual({
      value: 0.9906,
      percentDecimals: 2,
      shownPercent: 99.06,
    });
    expect(statedRateOf(cell("99.06"))).toEqual({
      value: 0.9906,
      percentDecimals: 2,
      shownPercent: 99.06,
    });
    expect(statedRateOf(cell(""))).toBeNull();
  });
});

describe("fundingFigures", () => {
  it("000-01: 4.2 of 7.8, 53.85% stated, 5.4 stated, 5.38 computed", () => {
    const { table } = detectSeed(seedTable("000-01"));
    const f = fundingFigures(table, DEFAULT_SETTINGS);
    expect(f).toEqual({
      budget: 7.8,
      executed: 4.2,
      rate: 4.2 / 7.8,
      statedRate: 0.5385,
      weight: 10,
      score: 5.38,
      statedScore: 5.4,
    });
  });

  it("rounds per settings: floor at 1 decimal", () => {
    const { table } = detectSeed(seedTable("000-13"));
    expect(fundingFigures(table, DEFAULT_SETTINGS).score).toBe(10);
    expect(fundingFigures(table, resolveSettings({ fundingScoreRounding: "floor" })).score).toBe(
      9.99
    );
    expect(
      fundingFigures(
        table,
        resolveSettings({ fundingScoreRounding: "floor", fundingScoreDecimals: 1 })
      ).score
    ).toBe(9.9);
  });

  it("caps the rate at settings.fundingRateCap", () => {
    const { table } = detectSeed(
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][3] = "8.58"))
    );
    const f = fundingFigures(table, DEFAULT_SETTINGS);
    expect(f.rate).toBeCloseTo(1.1, 10);
    expect(f.score).toBe(10);
  });

  it("has no rate when 全年预算数 is blank or 0, and scores the stated rate then", () => {
    const { table } = detectSeed(edited(seedTable("000-01"), (t) => (t.funding.rows[0][2] = "0")));
    const f = fundingFigures(table, DEFAULT_SETTINGS);
    expect(f.rate).toBeNull();
    expect(f.score).toBe(5.39); // 53.85% × 10
  });

  it("is null when the weight is missing", () => {
    const { table } = detectSeed(edited(seedTable("000-01"), (t) => (t.funding.rows[0][4] = "")));
    expect(fundingFigures(table, DEFAULT_SETTINGS)).toMatchObject({ weight: null, score: null });
  });
});

describe("indicatorSum / computedTotal / gradeFor", () => {
  it("000-01: 90 points of 90; 5.38 + 90 = 95.38", () => {
    const { table } = detectSeed(seedTable("000-01"));
    expect(indicatorSum(table)).toEqual({ weight: 90, score: 90, weightCount: 4, scoreCount: 4 });
    expect(computedTotal(table, DEFAULT_SETTINGS)).toBe(95.38);
  });

  it("001-19: 100 weight, 96 points; 10 + 96 = 106", () => {
    const { table } = detectSeed(seedTable("001-19"));
    expect(indicatorSum(table)).toMatchObject({ weight: 100, score: 96 });
    expect(computedTotal(table, DEFAULT_SETTINGS)).toBe(106);
  });

  it("adds 2.5-point rows without binary noise (000-05)", () => {
    const { table } = detectSeed(seedTable("000-05"));
    expect(indicatorSum(table)).toMatchObject({ weight: 90, score: 90 });
    expect(computedTotal(table, DEFAULT_SETTINGS)).toBe(99.99);
  });

  it.each<[number, string]>([
    [100, "优"],
    [90, "优"],
    [89.99, "良"],
    [80, "良"],
    [60, "中"],
    [59.99, "差"],
    [0, "差"],
  ])("gradeFor(%d) = %s", (total, grade) => {
    expect(gradeFor(total, DEFAULT_SETTINGS)).toBe(grade);
  });
});

describe("deviations", () => {
  it("001-15: 领取人数 under 成本指标 is a count, not a cost: 25 → 20 is missed", () => {
    const { table } = detectSeed(seedTable("001-15"));
    const row = table.indicators!.rows[3];
    expect(lowerIsBetter(row)).toBe(false);
    expect(targetOutcome(row).outcome).toBe("missed");
    expect(isDeviation(row, DEFAULT_SETTINGS)).toBe(true);
  });

  it("001-04: 成本 全年支出金额 36 → 25 is met; 举办高研班数量 3 → 2 at 7 of 10 is a deviation", () => {
    const { table } = detectSeed(seedTable("001-04"));
    const rows = table.indicators!.rows;
    expect(lowerIsBetter(rows[5])).toBe(true);
    expect(targetOutcome(rows[5]).outcome).toBe("met");
    expect(rows.map((r) => isDeviation(r, DEFAULT_SETTINGS))).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("001-19: the four rows at 9 of 10 are deviations", () => {
    const { table } = detectSeed(seedTable("001-19"));
    expect(table.indicators!.rows.map((r) => isDeviation(r, DEFAULT_SETTINGS))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
  });
});

describe("summarizeTable", () => {
  it("gives the CLI's JSON shape for the builder table", () => {
    const { table } = detectSeed(beijingSeed());
    const s = summarizeTable(table, DEFAULT_SETTINGS);
    expect(s).toEqual({
      range: "A1:I21",
      projectName: "测试项目经费",
      funding: {
        budget: 11.5178,
        executed: 11.41,
        rate: 0.9906,
        statedRate: 0.9906,
        weight: 10,
        score: 9.91,
        statedScore: 9.91,
      },
      indicators: [
        {
          row: 14,
          level1: "产出指标",
          level2: "数量指标",
          level3: "举办培训班数量",
          target: "3",
          actual: "2",
          weight: 10,
          score: 7,
          explanation: "一期培训因场地原因未能举办，下年度提前落实场地",
          deviation: true,
        },
        {
          row: 15,
          level1: "产出指标",
          level2: "数量指标",
          level3: "培训人数",
          target: "≥100人",
          actual: "120人",
          weight: 10,
          score: 10,
          explanation: null,
          deviation: false,
        },
        {
          row: 16,
          level1: "产出指标",
          level2: "质量指标",
          level3: "培训合格率",
          target: "≥95%",
          actual: "98%",
          weight: 10,
          score: 10,
          explanation: null,
          deviation: false,
        },
        {
          row: 17,
          level1: "产出指标",
          level2: "时效指标",
          level3: "完成时间",
          target: "12月底前完成",
          actual: "按时完成",
          weight: 10,
          score: 10,
          explanation: "无",
          deviation: false,
        },
        {
          row: 18,
          level1: "产出指标",
          level2: "成本指标",
          level3: "全年支出金额",
          target: "11.5178万元",
          actual: "11.41万元",
          weight: 10,
          score: 10,
          explanation: null,
          deviation: false,
        },
        {
          row: 19,
          level1: "效益指标",
          level2: "社会效益指标",
          level3: "提升服务能力",
          target: "优良中低差",
          actual: "优",
          weight: 30,
          score: 30,
          explanation: null,
          deviation: false,
        },
        {
          row: 20,
          level1: "满意度指标",
          level2: "服务对象满意度指标",
          level3: "参训人员满意度",
          target: "≥90%",
          actual: "95%",
          weight: 10,
          score: 10,
          explanation: null,
          deviation: false,
        },
      ],
      total: { weight: 100, statedScore: 96.91, computedScore: 96.91 },
    });
  });

  it("000-13: unlabelled 总分 row, rate 0.9999, labels without their line breaks", () => {
    const { table } = detectSeed(seedTable("000-13"));
    const s = summarizeTable(table, DEFAULT_SETTINGS);
    expect(s.projectName).toBe("数字化档案加工升级");
    expect(s.funding).toEqual({
      budget: 61,
      executed: 60.9933,
      rate: 0.9999,
      statedRate: 0.9999,
      weight: 10,
      score: 10,
      statedScore: 9.99,
    });
    expect(s.total).toEqual({ weight: 100, statedScore: 99.99, computedScore: 100 });
    expect(s.indicators.map((r) => r.level1)).toEqual([
      "决策",
      "决策",
      "过程",
      "过程",
      "过程",
      "效益",
    ]);
  });

  it("004-02 (Hunan): project name from 专项名称, level-1 labels keep their declared weight", () => {
    const { table } = detectSeed(seedTable("004-02"));
    const s = summarizeTable(table, DEFAULT_SETTINGS);
    expect(s.projectName).toBe("2020年度区机关干部职工福利费项目");
    expect(s.indicators[0]).toMatchObject({
      level1: "产出指标(50分)",
      level2: "数量指标",
      weight: 30,
      score: 30,
      deviation: false,
    });
    expect(s.total).toEqual({ weight: 100, statedScore: 100, computedScore: 110 });
  });

  it("is plain JSON", () => {
    const { table } = detectSeed(seedTable("001-19"));
    const s = summarizeTable(table, DEFAULT_SETTINGS);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
