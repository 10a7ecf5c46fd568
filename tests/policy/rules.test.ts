/**
 * The rule set at work: the two opt-in rules (SCORE_POLICY_MISMATCH, OVERACHIEVEMENT_UNEXPLAINED),
 * the enforced weight split, the 执行率 denominator, rounding, required header fields, and the
 * suggested-score plan. Every default leaves today's findings as they are.
 */
import { analyzeSheet } from "../../src/engine/analyze";
import {
  fundingFigures,
  rawFundingScore,
  roundFundingScore,
} from "../../src/engine/compute/funding";
import { planFill, planHighlights, planSuggestedScores } from "../../src/engine/fill";
import { Finding } from "../../src/engine/model/finding";
import { AssessmentTable } from "../../src/engine/model/table";
import { scoringPolicyEnabled } from "../../src/engine/policy";
import {
  ALL_RULES,
  overachievementUnexplained,
  scorePolicyMismatch,
  sectionWeightMismatch,
} from "../../src/engine/rules";
import { Rule, runRules } from "../../src/engine/rules/rule";
import {
  DEFAULT_SETTINGS,
  EngineSettings,
  EngineSettingsInput,
  resolveSettings,
} from "../../src/engine/settings";
import { allSeedTables, seedGrid, seedTable } from "../helpers/seed-grid";
import { beijingSeed, detectSeed, edited, gridFromRows } from "../helpers/table-builder";
import { seedWith } from "./helpers";

const S = (input: EngineSettingsInput) => resolveSettings(input);
const POLICY = S({ indicatorScoring: { enabled: true } });
const at = (fs: Finding[]) => fs.map((f) => `${f.severity}:${f.code}@${f.cell}`);

/** Every finding of `rule` over the 40 seed tables, as "id severity:CODE@cell". */
function overSeeds(rule: Rule, settings: EngineSettings): string[] {
  const out: string[] = [];
  for (const seed of allSeedTables()) {
    const { table } = detectSeed(seed);
    for (const f of runRules([rule], table, settings))
      out.push(`${seed.id} ${f.severity}:${f.code}@${f.cell}`);
  }
  return out;
}

describe("SCORE_POLICY_MISMATCH (indicator scoring policy)", () => {
  it("is off by default: nothing on any seed table", () => {
    expect(scoringPolicyEnabled(DEFAULT_SETTINGS)).toBe(false);
    expect(overSeeds(scorePolicyMismatch, DEFAULT_SETTINGS)).toEqual([]);
  });

  it("001-04: 举办高研班数量 typed 7, the policy gives 6.67", () => {
    const fs = runRules([scorePolicyMismatch], seedWith("001-04"), POLICY);
    expect(fs).toEqual([
      {
        code: "SCORE_POLICY_MISMATCH",
        severity: "warning",
        cell: "H14",
        row: 14,
        expected: 6.67,
        actual: 7,
        message_zh:
          "指标“举办高研班数量”得分 7，按正向指标评分规则应为 6.67（正向指标：实际完成值 2 未达到年度指标值 3，得分 = 2 ÷ 3 × 10 = 6.67）",
        message_en:
          'Indicator "举办高研班数量" scores 7; the at-least (正向) indicator scoring policy gives 6.67 (At-least (正向) indicator: the actual 2 misses the target 3: score = 2 ÷ 3 × 10 = 6.67)',
        messageId: "policy",
        data: {
          name: "举办高研班数量",
          typed: 7,
          method: { zh: "正向指标", en: "at-least (正向) indicator" },
          score: 6.67,
          explanation: {
            zh: "正向指标：实际完成值 2 未达到年度指标值 3，得分 = 2 ÷ 3 × 10 = 6.67",
            en: "At-least (正向) indicator: the actual 2 misses the target 3: score = 2 ÷ 3 × 10 = 6.67",
          },
        },
      },
    ]);
  });

  it("on every seed table: the rows whose typed score the policy would not give", () => {
    expect(overSeeds(scorePolicyMismatch, POLICY)).toEqual([
      "000-05 warning:SCORE_POLICY_MISMATCH@H14", // 3750份 → 1869份 typed 10, policy 4.98
      "000-09 warning:SCORE_POLICY_MISMATCH@H19", // cost 254.51 → 249.51 met, typed 9.8
      "000-11 warning:SCORE_POLICY_MISMATCH@H17", // cost 39.61 → 35.1 met, typed 8.9
      "000-14 warning:SCORE_POLICY_MISMATCH@H17", // cost 430.49 → 360.82 met, typed 8.4
      "001-04 warning:SCORE_POLICY_MISMATCH@H14", // 3 → 2 typed 7, policy 6.67
      "001-11 warning:SCORE_POLICY_MISMATCH@H14", // 2133 → 1452 typed 7, policy 6.81
      "001-15 warning:SCORE_POLICY_MISMATCH@H17", // 领取人数 25 → 20 typed 20, policy 16
      "001-15 warning:SCORE_POLICY_MISMATCH@H18", // 9000 → 8722 typed 19, policy 19.38
      "001-19 warning:SCORE_POLICY_MISMATCH@H23", // >90% → 95% met, typed 9
      "004-05 warning:SCORE_POLICY_MISMATCH@H21", // ≥90% → 95% met, typed 9
    ]);
  });

  it("001-04 全年支出金额 36 → 25 under 成本 is met: its full marks stand", () => {
    const t = seedWith("001-04");
    expect(runRules([scorePolicyMismatch], t, POLICY).map((f) => f.cell)).not.toContain("H19");
    const over = seedWith("001-04", { 全年支出金额: { actual: "45" } });
    expect(
      runRules([scorePolicyMismatch], over, POLICY)
        .filter((f) => f.cell === "H19")
        .map((f) => [f.expected, f.actual])
    ).toEqual([[7.5, 10]]);
    const ratio = S({ indicatorScoring: { enabled: true, reverseFormula: "ratio" } });
    expect(
      runRules([scorePolicyMismatch], over, ratio)
        .filter((f) => f.cell === "H19")
        .map((f) => f.expected)
    ).toEqual([8]);
  });

  it("allows 0.01: 6.66 stands, 6.65 does not", () => {
    const typed = (score: string) =>
      runRules(
        [scorePolicyMismatch],
        seedWith("001-04", { 举办高研班数量: { score } }),
        POLICY
      ).map((f) => f.cell);
    expect(typed("6.67")).toEqual([]);
    expect(typed("6.66")).toEqual([]);
    expect(typed("6.68")).toEqual([]);
    expect(typed("6.65")).toEqual(["H14"]);
    const loose = S({ indicatorScoring: { enabled: true, tolerance: 0.5 } });
    expect(runRules([scorePolicyMismatch], seedWith("001-04"), loose)).toEqual([]);
  });

  it("a qualitative tier: a typed score outside its band is flagged with the nearest band edge", () => {
    const t = seedWith("001-04", { 举办高研班数量: { actual: "部分达成年度指标", score: "9" } });
    const [f] = runRules([scorePolicyMismatch], t, POLICY);
    expect(f).toMatchObject({ cell: "H14", expected: 7.99, actual: 9 });
    expect(f.message_zh).toMatch(
      /^指标“举办高研班数量”得分 9，按定性指标评分规则应为 7\.99（定性指标：实际完成情况为“部分达成年度指标”，得分区间为 \[6, 8\)/
    );
    const inside = seedWith("001-04", {
      举办高研班数量: { actual: "部分达成年度指标", score: "7" },
    });
    expect(runRules([scorePolicyMismatch], inside, POLICY)).toEqual([]);
  });

  it("leaves blank and non-numeric scores to MISSING_FIELD / NOT_A_NUMBER", () => {
    for (const score of ["", "七分"]) {
      expect(
        runRules([scorePolicyMismatch], seedWith("001-04", { 举办高研班数量: { score } }), POLICY)
      ).toEqual([]);
    }
  });
});

describe("planSuggestedScores (采用建议得分 / fill --apply-suggested-scores)", () => {
  it("writes the policy score into the 得分 cells that differ, as a value", () => {
    const t = seedWith("001-04");
    const writes = planSuggestedScores(t, POLICY);
    expect(writes).toEqual([
      {
        sheet: "Sheet1",
        row: 13,
        col: 7,
        address: "H14",
        purpose: "suggestedScore",
        value: 6.67,
        before: { value: 7, formula: null, numberFormat: "0" },
      },
    ]);
  });

  it("plans nothing while the policy is off: a score never changes by default", () => {
    expect(planSuggestedScores(seedWith("001-04"), DEFAULT_SETTINGS)).toEqual([]);
    for (const seed of allSeedTables())
      expect(planSuggestedScores(detectSeed(seed).table, DEFAULT_SETTINGS)).toEqual([]);
  });

  it("once applied, nothing is left to suggest or report", () => {
    const applied = seedWith("001-04", { 举办高研班数量: { score: "6.67" } });
    expect(planSuggestedScores(applied, POLICY)).toEqual([]);
    expect(runRules([scorePolicyMismatch], applied, POLICY)).toEqual([]);
  });

  it("fills a blank 得分 it can compute; leaves text and a qualitative blank alone", () => {
    const blank = seedWith("001-04", { 举办高研班数量: { score: "" } });
    expect(
      planSuggestedScores(blank, POLICY).map((w) => [w.address, w.value, w.before.value])
    ).toEqual([["H14", 6.67, null]]);
    expect(
      planSuggestedScores(seedWith("001-04", { 举办高研班数量: { score: "七分" } }), POLICY)
    ).toEqual([]);
    const tier = seedWith("001-04", { 举办高研班数量: { actual: "部分达成年度指标", score: "" } });
    expect(planSuggestedScores(tier, POLICY)).toEqual([]);
    const outside = seedWith("001-04", {
      举办高研班数量: { actual: "部分达成年度指标", score: "9" },
    });
    expect(planSuggestedScores(outside, POLICY).map((w) => [w.address, w.value])).toEqual([
      ["H14", 7.99],
    ]);
  });

  it("leaves a 得分 that holds a formula alone", () => {
    const t = seedWith("001-04");
    const row = t.indicators!.rows[0];
    const withFormula: AssessmentTable = {
      ...t,
      indicators: {
        ...t.indicators!,
        rows: [{ ...row, score: { ...row.score!, formula: "=G14*0.7" } }],
      },
    };
    expect(planSuggestedScores(withFormula, POLICY)).toEqual([]);
  });

  it("on every seed table: one write per SCORE_POLICY_MISMATCH", () => {
    for (const seed of allSeedTables()) {
      const { table } = detectSeed(seed);
      const cells = runRules([scorePolicyMismatch], table, POLICY).map((f) => f.cell);
      expect([seed.id, planSuggestedScores(table, POLICY).map((w) => w.address)]).toEqual([
        seed.id,
        cells,
      ]);
    }
  });
});

describe("OVERACHIEVEMENT_UNEXPLAINED", () => {
  it("is off by default", () => {
    expect(DEFAULT_SETTINGS.overachievementThreshold).toBeNull();
    expect(overSeeds(overachievementUnexplained, DEFAULT_SETTINGS)).toEqual([]);
  });

  it("at 1.2: actual / target ≥ 120% (target / actual for cost rows) without explanation", () => {
    expect(overSeeds(overachievementUnexplained, S({ overachievementThreshold: 1.2 }))).toEqual([
      "000-05 warning:OVERACHIEVEMENT_UNEXPLAINED@I13", // 3750份 → 5631份 (150%)
      "001-04 warning:OVERACHIEVEMENT_UNEXPLAINED@I15", // 资助博士后人才数量 2 → 7 (350%)
      "001-04 warning:OVERACHIEVEMENT_UNEXPLAINED@I19", // 全年支出金额 36 → 25 under 成本 (36 / 25 = 144%)
      "004-01 warning:OVERACHIEVEMENT_UNEXPLAINED@I11", // 37 → 65 (176%)
    ]);
  });

  it("at 1.5: only the rows at 150% or more", () => {
    expect(overSeeds(overachievementUnexplained, S({ overachievementThreshold: 1.5 }))).toEqual([
      "000-05 warning:OVERACHIEVEMENT_UNEXPLAINED@I13",
      "001-04 warning:OVERACHIEVEMENT_UNEXPLAINED@I15",
      "004-01 warning:OVERACHIEVEMENT_UNEXPLAINED@I11",
    ]);
  });

  it("says what was over-achieved, in both languages", () => {
    const fs = runRules(
      [overachievementUnexplained],
      seedWith("001-04"),
      S({ overachievementThreshold: 1.2 })
    );
    expect(fs.map((f) => f.message_zh)).toEqual([
      "指标“资助博士后人才数量”实际完成值“7”为年度指标值“2”的 350%，超额完成达到阈值 120%，但未说明原因",
      "指标“全年支出金额”实际完成值“25”仅为年度指标值“36”的 69.44%（指标值为实际值的 144%，达到超额阈值 120%），但未说明原因",
    ]);
    expect(fs[0].message_en).toBe(
      'Indicator "资助博士后人才数量": the actual "7" is 350% of the target "2", at or above the over-achievement threshold of 120%, yet no explanation is given'
    );
  });

  it("an explanation settles it; a word the rule set counts as empty does not", () => {
    const explained = seedWith("001-04", {
      资助博士后人才数量: { explanation: "新设分站 3 家，在站博士后增加" },
    });
    const t12 = S({ overachievementThreshold: 1.2 });
    expect(runRules([overachievementUnexplained], explained, t12).map((f) => f.cell)).toEqual([
      "I19",
    ]);
    const emptyWord = seedWith("001-04", { 资助博士后人才数量: { explanation: "见附件" } });
    expect(runRules([overachievementUnexplained], emptyWord, t12).map((f) => f.cell)).toEqual([
      "I19",
    ]);
    const strict = S({ overachievementThreshold: 1.2, emptyExplanationWords: ["见附件"] });
    expect(runRules([overachievementUnexplained], emptyWord, strict).map((f) => f.cell)).toEqual([
      "I15",
      "I19",
    ]);
  });

  it("marks the explanation cell like any unexplained deviation", () => {
    const s = S({ overachievementThreshold: 1.2 });
    const table = seedWith("001-04");
    const findings = runRules(ALL_RULES, table, s);
    const hl = planHighlights({ table, findings }, s);
    expect(hl.map((h) => h.address)).toEqual(["I15", "I19"]);
    expect(hl[0].note_zh).toMatch(/^请填写偏差原因分析及改进措施：\n指标“资助博士后人才数量”/);
  });
});

describe("SECTION_WEIGHT_MISMATCH with the split enforced", () => {
  const enforce = S({ sectionWeights: { enforce: true } });

  it("checks 一级 groups that declare no weight against the split (001-04: 产出 75, 满意度 15)", () => {
    expect(runRules([sectionWeightMismatch], seedWith("001-04"), DEFAULT_SETTINGS)).toEqual([]);
    const fs = runRules([sectionWeightMismatch], seedWith("001-04"), enforce);
    expect(fs.map((f) => [f.cell, f.expected, f.actual])).toEqual([
      ["B14", 50, 75],
      ["B21", 10, 15],
    ]);
    expect(fs[0].message_zh).toBe(
      "按规则集的权重划分，“产出指标”应为 50 分，其下各行分值之和为 75（10 + 10 + 10 + 10 + 10 + 10 + 15）"
    );
  });

  it("a declared weight still decides (the Hunan tables find the same)", () => {
    for (const id of ["004-01", "004-02", "004-03", "004-04", "004-05", "004-06"]) {
      const { table } = detectSeed(seedTable(id));
      expect([id, at(runRules([sectionWeightMismatch], table, enforce))]).toEqual([
        id,
        at(runRules([sectionWeightMismatch], table, DEFAULT_SETTINGS)),
      ]);
    }
  });

  it("follows the template's own split", () => {
    const own = S({
      fundingWeight: 10,
      sectionWeights: { enforce: true, split: { 产出指标: 75, 满意度指标: 15 } },
    });
    expect(runRules([sectionWeightMismatch], seedWith("001-04"), own)).toEqual([]);
  });
});

describe("执行率 denominator", () => {
  /** A table with both 调整后预算数 (12) and 全年预算数 (10): 9 spent is 75% of one, 90% of the other. */
  const rows = (adjusted: string | number = 12, withBudget = true) =>
    gridFromRows([
      ["项目支出绩效自评表"],
      ["项目名称", "测试项目"],
      ["主管部门", "某局", null, "实施单位", "某科"],
      [
        "项目资金（万元）",
        null,
        null,
        "年初预算数",
        "调整后预算数",
        withBudget ? "全年预算数" : "备注",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
      ],
      [null, "年度资金总额", null, 10, adjusted, withBudget ? 10 : null, 9, 10, 0.75, 7.5],
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
      [null, "产出指标", "数量指标", "次数", 3, 3, 50, 50, null],
      [null, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 40, 40, null],
      ["总分", null, null, null, null, null, 100, 97.5, null],
    ]);

  it("reads both columns: 全年预算数 is the budget, 调整后预算数 the adjusted budget", () => {
    const t = analyzeSheet(rows()).tables[0].table;
    expect(t.funding?.columns).toMatchObject({ budget: 5, adjustedBudget: 4 });
    expect(t.funding?.rows[0].adjustedBudget?.value).toBe(12);
  });

  it("budget (default): 9 ÷ 10 = 90%, so the stated 75% and 7.5 are wrong", () => {
    const r = analyzeSheet(rows());
    expect(at(r.tables[0].findings)).toEqual([
      "error:RATE_MISMATCH@I5",
      "error:FUNDING_SCORE_MISMATCH@J5",
    ]);
    expect(r.tables[0].findings[0].message_zh).toBe(
      "年度资金总额的执行率应为 90.00%（全年执行数 9 ÷ 全年预算数 10），表中填写为 75%"
    );
  });

  it("adjustedBudget: 9 ÷ 12 = 75%, and the fill formula divides by the 调整后预算数 cell", () => {
    const s = S({ rateDenominator: "adjustedBudget" });
    const r = analyzeSheet(rows(), { settings: s });
    expect(r.tables[0].findings).toEqual([]);
    expect(fundingFigures(r.tables[0].table, s)).toMatchObject({
      budget: 12,
      rate: 0.75,
      score: 7.5,
    });
    const rate = planFill(r.tables[0].table, s).find((w) => w.purpose === "rate");
    expect(rate?.formula).toBe('=IF(AND(ISNUMBER(E5),ISNUMBER(G5),E5<>0),G5/E5,"")');
    const wrong = analyzeSheet(rows(15), { settings: s }).tables[0].findings[0];
    expect(wrong.message_zh).toBe(
      "年度资金总额的执行率应为 60.00%（全年执行数 9 ÷ 调整后预算数 15），表中填写为 75%"
    );
  });

  it("a template whose only budget column is 调整后预算数 reads it either way, one finding per cell", () => {
    for (const s of [DEFAULT_SETTINGS, S({ rateDenominator: "adjustedBudget" })]) {
      const r = analyzeSheet(rows("12 万", false), { settings: s });
      expect(r.tables[0].table.funding?.columns).toMatchObject({ budget: 4, adjustedBudget: 4 });
      expect(at(r.tables[0].findings)).toEqual(["warning:NUMBER_AS_TEXT@E5"]);
    }
  });

  it("a template owner's own spelling of the adjusted budget", () => {
    const snap = rows();
    snap.values[3][4] = "调整预算";
    const plain = analyzeSheet(snap, { settings: S({ rateDenominator: "adjustedBudget" }) })
      .tables[0];
    expect(plain.table.funding?.columns.adjustedBudget).toBeUndefined();
    const own = S({
      rateDenominator: "adjustedBudget",
      labelSynonyms: { adjustedBudget: ["调整预算"] },
    });
    expect(analyzeSheet(snap, { settings: own }).tables[0].findings).toEqual([]);
  });
});

describe("rounding the funding score (decimals, round vs floor)", () => {
  it("real tables do both: 53.85% → 5.4 at 1 decimal, 99.06% → 9 floored at 0", () => {
    const one = S({ fundingScoreDecimals: 1 });
    expect(roundFundingScore(rawFundingScore(0.5385, 10, one), one)).toBe(5.4);
    const floor0 = S({ fundingScoreDecimals: 0, fundingScoreRounding: "floor" });
    expect(roundFundingScore(rawFundingScore(0.9906, 10, floor0), floor0)).toBe(9);
    expect(roundFundingScore(rawFundingScore(0.9906, 10, DEFAULT_SETTINGS), DEFAULT_SETTINGS)).toBe(
      9.91
    );
  });

  it("the fill formula follows: ROUND(…,1) for 000-01, ROUNDDOWN(…,0) for a 99.06% table stating 9", () => {
    const one = S({ fundingScoreDecimals: 1 });
    const t1 = detectSeed(seedTable("000-01")).table;
    expect(fundingFigures(t1, one)).toMatchObject({ score: 5.4, statedScore: 5.4 });
    expect(planFill(t1, one).find((w) => w.purpose === "fundingScore")?.formula).toMatch(
      /ROUND\(MIN\(H6,1\)\*G6,1\)/
    );

    const floor0 = S({ fundingScoreDecimals: 0, fundingScoreRounding: "floor" });
    const t9 = detectSeed(
      edited(beijingSeed(), (t) => {
        t.funding.rows[0][6] = "9";
        t.total.score = "96";
      })
    ).table;
    expect(fundingFigures(t9, floor0)).toMatchObject({ score: 9, statedScore: 9 });
    expect(runRules(ALL_RULES, t9, floor0)).toEqual([]);
    expect(planFill(t9, floor0).find((w) => w.purpose === "fundingScore")?.formula).toMatch(
      /ROUNDDOWN\(MIN\(\w+,1\)\*\w+,0\)/
    );
  });
});

describe("required header fields", () => {
  it("follow the rule set, per layout", () => {
    const seed = edited(
      seedTable("001-04"),
      (t) => (t.header.find((h) => h[0] === "联系电话")![1] = "")
    );
    const s = S({ requiredHeaderFields: { beijing: ["projectName", "phone"] } });
    const fs = analyzeSheet(seedGrid(seed).snapshot, { settings: s }).tables[0].findings.filter(
      (f) => f.code === "MISSING_FIELD"
    );
    expect(fs.map((f) => [f.cell, f.message_zh, f.message_en])).toEqual([
      ["G5", "“联系电话”未填写", "The phone number (联系电话) is blank"],
    ]);
    const none = S({ requiredHeaderFields: { beijing: [] } });
    const blankName = edited(seedTable("001-04"), (t) => (t.header[0][1] = ""));
    expect(
      analyzeSheet(seedGrid(blankName).snapshot, { settings: none }).tables[0].findings.filter(
        (f) => f.code === "MISSING_FIELD"
      )
    ).toEqual([]);
    expect(
      analyzeSheet(seedGrid(blankName).snapshot).tables[0].findings.filter(
        (f) => f.code === "MISSING_FIELD"
      )
    ).toHaveLength(1);
  });
});
