/**
 * The indicator scoring policy, branch by branch, with the numbers of the real seed tables
 * (seeds/source/*.json) where a seed row shows the case, and free-standing rows where none does.
 */
import { analyzeSheet } from "../../src/engine/analyze";
import { suggestScore, tierOf } from "../../src/engine/policy/score";
import { gridFromRows } from "../helpers/table-builder";
import { resolveSettings } from "../../src/engine/settings";
import { indicator, rowNamed, seedWith } from "./helpers";

const ON = resolveSettings({ indicatorScoring: { enabled: true } });
const RATIO = resolveSettings({ indicatorScoring: { enabled: true, reverseFormula: "ratio" } });

describe("正向 (at least)", () => {
  it("001-04 举办高研班数量: target 3, actual 2, 分值 10 → ROUND(2 / 3 × 10, 2) = 6.67", () => {
    const s = suggestScore(rowNamed(seedWith("001-04"), "举办高研班数量"), ON);
    expect(s).toMatchObject({ score: 6.67, method: "forward" });
    expect(s!.explanation_zh).toBe(
      "正向指标：实际完成值 2 未达到年度指标值 3，得分 = 2 ÷ 3 × 10 = 6.67"
    );
    expect(s!.explanation_en).toMatch(
      /^At-least \(正向\) indicator: the actual 2 misses the target 3: score = 2 ÷ 3 × 10 = 6.67$/
    );
  });

  it("full marks when the actual reaches the target (001-04 资助博士后人才数量 2 → 7)", () => {
    expect(suggestScore(rowNamed(seedWith("001-04"), "资助博士后人才数量"), ON)).toMatchObject({
      score: 10,
      method: "forward",
    });
  });

  it("001-15 人均发放金额 9000 → 8722 at 分值 20 gives 19.38; 领取人数 25 → 20 (a count under 成本) gives 16", () => {
    const t = seedWith("001-15");
    expect(suggestScore(rowNamed(t, "2023 年区属离休干部生活补贴人均发放金额"), ON)?.score).toBe(
      19.38
    );
    expect(suggestScore(rowNamed(t, "2023 年区属离休干部生活补贴领取人数"), ON)).toMatchObject({
      score: 16,
      method: "forward",
    });
  });

  it("percentages: 000-05's 1869份 of 3750份 and a 96% of ≥98% target", () => {
    expect(
      suggestScore(rowNamed(seedWith("000-05"), "剩余部分在合同规定时间内全部完成"), ON)?.score
    ).toBe(4.98);
    const r = indicator({ target: "≥98%", actual: "96%", weight: 10, score: 10 });
    expect(suggestScore(r, ON)).toMatchObject({ score: 9.8, method: "forward" });
  });

  it("rounds half up at indicatorScoring.decimals", () => {
    const r = indicator({ target: 3, actual: 2, weight: 10, score: 7 });
    expect(suggestScore(r, resolveSettings({ indicatorScoring: { decimals: 1 } }))?.score).toBe(
      6.7
    );
    expect(suggestScore(r, resolveSettings({ indicatorScoring: { decimals: 0 } }))?.score).toBe(7);
    const half = indicator({ target: 8, actual: 1, weight: 10, score: 1 }); // 1.25
    expect(suggestScore(half, resolveSettings({ indicatorScoring: { decimals: 1 } }))?.score).toBe(
      1.3
    );
  });
});

describe("反向 (at most: cost rows in money, ≤ words)", () => {
  it("001-04 全年支出金额 36 → 25 under 成本指标 is met: full marks", () => {
    const s = suggestScore(rowNamed(seedWith("001-04"), "全年支出金额"), ON);
    expect(s).toMatchObject({ score: 10, method: "reverse" });
    expect(s!.explanation_zh).toBe("反向指标：实际完成值 25 未超过年度指标值 36，得满分 10");
  });

  it("000-14 不超过预算控制数 430.49万元 → 360.82万元 is met although 8.4 was typed", () => {
    expect(suggestScore(rowNamed(seedWith("000-14"), "不超过预算控制数"), ON)).toMatchObject({
      score: 10,
      method: "reverse",
    });
  });

  it("between 1× and 2× the target: ROUND((1 − (actual − target) / target) × 分值, 2)", () => {
    const t = seedWith("001-04", { 全年支出金额: { actual: "45" } });
    const s = suggestScore(rowNamed(t, "全年支出金额"), ON);
    expect(s).toMatchObject({ score: 7.5, method: "reverse" }); // (1 − 9/36) × 10
    expect(s!.explanation_zh).toBe(
      "反向指标：实际完成值 45 超过年度指标值 36，得分 = (1 − (45 − 36) ÷ 36) × 10 = 7.5"
    );
    const odd = seedWith("001-04", { 全年支出金额: { actual: "50" } });
    expect(suggestScore(rowNamed(odd, "全年支出金额"), ON)?.score).toBe(6.11); // (1 − 14/36) × 10 = 6.111…
  });

  it("at 2× the target or more: 0", () => {
    for (const actual of ["72", "80", "360"]) {
      const t = seedWith("001-04", { 全年支出金额: { actual } });
      expect(suggestScore(rowNamed(t, "全年支出金额"), ON)).toMatchObject({
        score: 0,
        method: "reverse",
      });
    }
  });

  it("a ≤ target on a rate: 004-01 城镇调查失业率 ≤4.5% → 5.4% at 分值 20 gives 16", () => {
    const t = seedWith("004-01", { 城镇调查失业率: { actual: "5.4%" } });
    expect(suggestScore(rowNamed(t, "城镇调查失业率"), ON)).toMatchObject({
      score: 16,
      method: "reverse",
    });
    expect(suggestScore(rowNamed(seedWith("004-01"), "城镇调查失业率"), ON)).toMatchObject({
      score: 20,
      method: "reverse",
    });
  });

  it("the ratio setting: ROUND(target / actual × 分值, 2), never 0 at 2×", () => {
    const t45 = seedWith("001-04", { 全年支出金额: { actual: "45" } });
    const s = suggestScore(rowNamed(t45, "全年支出金额"), RATIO);
    expect(s).toMatchObject({ score: 8, method: "reverse" }); // 36 / 45 × 10
    expect(s!.explanation_zh).toBe(
      "反向指标：实际完成值 45 超过年度指标值 36，得分 = 36 ÷ 45 × 10 = 8"
    );
    const t80 = seedWith("001-04", { 全年支出金额: { actual: "80" } });
    expect(suggestScore(rowNamed(t80, "全年支出金额"), RATIO)?.score).toBe(4.5);
    // Met stays met under either formula.
    expect(suggestScore(rowNamed(seedWith("001-04"), "全年支出金额"), RATIO)?.score).toBe(10);
  });
});

describe("等于 (an = target)", () => {
  it("full marks when equal, below as 正向, above mirrored", () => {
    const at = (actual: string) =>
      suggestScore(
        rowNamed(
          seedWith("001-04", { 举办高研班数量: { target: "=3", actual } }),
          "举办高研班数量"
        ),
        ON
      );
    expect(at("3")).toMatchObject({ score: 10, method: "equal" });
    expect(at("2")).toMatchObject({ score: 6.67, method: "equal" });
    expect(at("4")).toMatchObject({ score: 7.5, method: "equal" });
    expect(at("4")!.explanation_zh).toBe(
      "等于型指标：实际完成值 4 超过年度指标值 3，得分 = 3 ÷ 4 × 10 = 7.5"
    );
  });
});

describe("定性 (qualitative tiers)", () => {
  const q = (actual: string, score: number | string | null, weight = 10) =>
    suggestScore(indicator({ target: "按计划推进", actual, weight, score }), ON);

  it("reads the tier words, most specific first", () => {
    const c = (v: string) => ({
      row: 0,
      col: 0,
      address: "A1",
      value: v,
      formula: null,
      numberFormat: null,
    });
    expect(tierOf(c("达成年度指标"))).toBe("achieved");
    expect(tierOf(c("部分达成年度指标并具有一定效果"))).toBe("partial");
    expect(tierOf(c("未达成年度指标且效果较差"))).toBe("missed");
    expect(tierOf(c("部分 达成"))).toBe("partial");
    expect(tierOf(c("已完成"))).toBeNull();
  });

  it("达成年度指标: [80%, 100%] of 分值", () => {
    expect(q("达成年度指标", 10)).toMatchObject({
      score: 10,
      method: "qualitative",
      band: { min: 8, max: 10, maxInclusive: true },
    });
    expect(q("达成年度指标", 8)?.score).toBe(8);
    expect(q("达成年度指标", 7)?.score).toBe(8); // below the band: its lower edge
  });

  it("部分达成年度指标: [60%, 80%); a typed score outside gets the nearest score inside", () => {
    expect(q("部分达成年度指标", 7)).toMatchObject({
      score: 7,
      band: { min: 6, max: 8, maxInclusive: false },
    });
    expect(q("部分达成年度指标", 7)!.explanation_zh).toBe(
      "定性指标：实际完成情况为“部分达成年度指标”，得分区间为 [6, 8)（分值 10）；得分 7 在区间内"
    );
    const high = q("部分达成年度指标", 9);
    expect(high?.score).toBe(7.99);
    expect(high!.explanation_zh).toMatch(/得分 9 不在区间内，建议 7\.99$/);
    expect(q("部分达成年度指标", 8)?.score).toBe(7.99); // 8 belongs to 达成
    expect(q("部分达成年度指标", 5)?.score).toBe(6);
    expect(q("部分达成年度指标", 12, 20)).toMatchObject({ score: 12, band: { min: 12, max: 16 } });
  });

  it("未达成年度指标: [0, 60%)", () => {
    expect(q("未达成年度指标", 10)?.score).toBe(5.99);
    expect(q("未达成年度指标", 3)?.score).toBe(3);
    expect(q("未达成年度指标", 6)?.score).toBe(5.99);
  });

  it("a tier column (完成档次) wins over the 实际完成值", () => {
    const r = indicator({ target: 3, actual: 2, weight: 10, score: 9, tier: "部分达成年度指标" });
    expect(suggestScore(r, ON)).toMatchObject({ score: 7.99, method: "qualitative" });
  });

  it("detection reads a 完成档次 column, and the policy takes the tier from it", () => {
    const snap = gridFromRows([
      ["项目支出绩效自评表"],
      ["项目名称", "测试项目"],
      ["主管部门", "某局", null, "实施单位", "某科"],
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
      [null, "年度资金总额", null, 10, 10, 10, 10, 1, 10],
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
        "完成档次",
      ],
      [
        null,
        "产出指标",
        "质量指标",
        "培训质量",
        "较好",
        "一般",
        50,
        45,
        "部分课程安排偏紧，下年度调整",
        "部分达成年度指标",
      ],
      [
        null,
        "满意度指标",
        "服务对象满意度指标",
        "满意度",
        "≥90%",
        "95%",
        40,
        40,
        null,
        "达成年度指标",
      ],
      ["总分", null, null, null, null, null, 100, 95, null],
    ]);
    const [t] = analyzeSheet(snap, { settings: ON }).tables;
    expect(t.table.indicators?.columns.tier).toBe(9);
    const [quality, satisfaction] = t.table.indicators!.rows;
    expect(quality.tier?.value).toBe("部分达成年度指标");
    expect(suggestScore(quality, ON)).toMatchObject({
      score: 39.99,
      method: "qualitative",
      band: { min: 30, max: 40 },
    });
    expect(suggestScore(satisfaction, ON)).toMatchObject({ score: 40, method: "qualitative" });
    expect(t.findings.map((f) => `${f.code}@${f.cell}:${f.expected}`)).toEqual([
      "SCORE_POLICY_MISMATCH@H7:39.99",
    ]);
  });

  it("no typed score: the band is the policy, no single score is suggested", () => {
    expect(q("部分达成年度指标", null)).toBeNull();
  });

  it("a qualitative scale gives the tier: met → 达成, one level short → 部分达成, the lowest level → 未达成", () => {
    // 001-12 成本指标: target 是/否, actual 是, 10 of 10.
    const met = suggestScore(
      rowNamed(seedWith("001-12"), "累计发放企业办赛补贴及奖励奖金不超过 128 万元整"),
      ON
    );
    expect(met).toMatchObject({
      score: 10,
      method: "qualitative",
      band: { tier: "achieved", source: "scale" },
    });
    const s = (target: string, actual: string, score: number) =>
      suggestScore(indicator({ target, actual, weight: 10, score }), ON);
    expect(s("是", "否", 10)).toMatchObject({ score: 5.99, band: { tier: "missed" } });
    expect(s("优", "良", 10)).toMatchObject({ score: 7.99, band: { tier: "partial" } });
    expect(s("优", "中", 7)).toMatchObject({ score: 5.99, band: { tier: "missed" } });
    expect(s("完成", "基本完成", 7)).toMatchObject({ score: 7, band: { tier: "partial" } });
  });
});

describe("no suggestion", () => {
  it.each([
    ["free text", { target: "全面贯彻落实", actual: "已落实", weight: 10, score: 10 }],
    ["units that differ", { target: "3个", actual: "2次", weight: 10, score: 7 }],
    ["a percentage against a plain number", { target: "95%", actual: 90, weight: 10, score: 9 }],
    ["分值 0 (不涉及)", { target: 3, actual: 2, weight: 0, score: 0 }],
    ["分值 blank", { target: 3, actual: 2, weight: null, score: 7 }],
    ["target 0", { target: 0, actual: -1, weight: 10, score: 0 }],
  ])("%s", (_why, spec) => {
    expect(suggestScore(indicator(spec), ON)).toBeNull();
  });

  it("001-01 支出情况: a sentence against a sentence gives nothing", () => {
    const t = seedWith("001-01");
    expect(suggestScore(rowNamed(t, "支出情况"), ON)).toBeNull();
  });
});
