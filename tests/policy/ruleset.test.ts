/**
 * The rule set: one validated, versioned document whose defaults are today's behaviour; parsing
 * with the zod path of a fault, presets, the workbook state round trip, and the CLI override merge.
 */
import { analyzeSheet } from "../../src/engine/analyze";
import {
  mergeRuleSets,
  parseRuleSet,
  RULE_PRESETS,
  ruleSetDocument,
  ruleSetFromState,
  rulesPreset,
  stateWithRules,
} from "../../src/engine/policy";
import { ALL_RULES } from "../../src/engine/rules";
import { runRules } from "../../src/engine/rules/rule";
import {
  DEFAULT_SETTINGS,
  EngineSettings,
  EngineSettingsSchema,
  resolveSettings,
  RuleSet,
  RuleSetSchema,
} from "../../src/engine/settings";
import { decodeState, emptyState, encodeState, WorkbookState } from "../../src/engine/state";
import { allSeedTables, seedGrid, seedTable } from "../helpers/seed-grid";
import { detectSeed, edited } from "../helpers/table-builder";

const ok = (json: unknown): RuleSet => {
  const r = parseRuleSet(json);
  if (!r.ok) throw new Error(r.error_en);
  return r.rules;
};

/** Through the state sheet and back: encodeState gives rows of column A, decodeState reads column A's values. */
const roundTrip = (state: WorkbookState) => {
  const d = decodeState(encodeState(state).map((r) => r[0]));
  if (!d.ok) throw new Error(d.error);
  return d.state;
};

const show = (fs: { severity: string; code: string; cell: string | null }[]) =>
  fs.map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("the default rule set", () => {
  it("is version 1 and spells out today's assumptions", () => {
    expect(DEFAULT_SETTINGS).toEqual({
      version: 1,
      labelSynonyms: {},
      requiredHeaderFields: {
        beijing: ["projectName", "department", "unit"],
        hunan: ["deptName", "projectName"],
        department: [],
      },
      families: [],
      fundingWeight: 10,
      sectionWeights: { enforce: false, split: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 } },
      expectedTotalWeight: 100,
      hundredPointConversion: false,
      rateDenominator: "budget",
      fundingRateCap: 1,
      fundingScoreDecimals: 2,
      fundingScoreRounding: "round",
      totalTolerance: 0.005,
      gradeBands: [
        { min: 90, label: "优" },
        { min: 80, label: "良" },
        { min: 60, label: "中" },
      ],
      lowestGrade: "差",
      emptyExplanationWords: [],
      overachievementThreshold: null,
      indicatorScoring: { enabled: false, reverseFormula: "linear", decimals: 2, tolerance: 0.01 },
      highlightArgb: "FFFFE699",
    });
  });

  it("keeps the old names: EngineSettings is the rule set", () => {
    expect(EngineSettingsSchema).toBe(RuleSetSchema);
    const s: EngineSettings = ok({});
    expect(s).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings()).toBe(DEFAULT_SETTINGS);
    expect(resolveSettings({ fundingScoreDecimals: 1 }).fundingScoreDecimals).toBe(1);
  });

  it("resolves a parsed rule set to itself (no second parse)", () => {
    const r = ok({ overachievementThreshold: 1.3 });
    expect(resolveSettings(r)).toBe(r);
  });

  it("reproduces today's findings on all 40 seed tables, however it is obtained", () => {
    const viaState = ruleSetFromState(roundTrip(stateWithRules(emptyState(), ok({})))).rules;
    for (const rules of [
      ok({}),
      ok({ version: 1 }),
      ok("{}"),
      viaState,
      ruleSetFromState(emptyState()).rules,
    ]) {
      for (const seed of allSeedTables()) {
        const { table } = detectSeed(seed);
        expect([seed.id, show(runRules(ALL_RULES, table, rules))]).toEqual([
          seed.id,
          show(runRules(ALL_RULES, table, DEFAULT_SETTINGS)),
        ]);
      }
    }
  });
});

describe("parseRuleSet", () => {
  it("fills in what a document leaves out", () => {
    const r = ok({
      version: 1,
      overachievementThreshold: 1.2,
      indicatorScoring: { enabled: true },
    });
    expect(r.overachievementThreshold).toBe(1.2);
    expect(r.indicatorScoring).toEqual({
      enabled: true,
      reverseFormula: "linear",
      decimals: 2,
      tolerance: 0.01,
    });
    expect(r.gradeBands).toEqual(DEFAULT_SETTINGS.gradeBands);
  });

  it("reads JSON text", () => {
    expect(ok('{"version":1,"rateDenominator":"adjustedBudget"}').rateDenominator).toBe(
      "adjustedBudget"
    );
  });

  it.each<[string, unknown, string, RegExp, RegExp]>([
    [
      "a grade threshold typed as text",
      {
        gradeBands: [
          { min: 90, label: "优" },
          { min: "80", label: "良" },
        ],
      },
      "gradeBands.1.min",
      /gradeBands\.1\.min: expected number, received string$/,
      /gradeBands\.1\.min：应为数字，实际为文本$/,
    ],
    [
      "a misspelt key",
      { gradeBand: [] },
      "gradeBand",
      /gradeBand: unknown key$/,
      /gradeBand：未知的设置项$/,
    ],
    [
      "a misspelt nested key",
      { indicatorScoring: { enable: true } },
      "indicatorScoring.enable",
      /indicatorScoring\.enable: unknown key$/,
      /未知的设置项/,
    ],
    [
      "an unknown denominator",
      { rateDenominator: "adjusted" },
      "rateDenominator",
      /rateDenominator: expected one of "budget", "adjustedBudget", received "adjusted"$/,
      /应为 "budget", "adjustedBudget" 之一/,
    ],
    [
      "another version",
      { version: 2 },
      "version",
      /version: expected one of 1, received 2$/,
      /version/,
    ],
    [
      "an over-achievement threshold of 1",
      { overachievementThreshold: 1 },
      "overachievementThreshold",
      /overachievementThreshold: must be > 1$/,
      /应 > 1$/,
    ],
    [
      "no grade band",
      { gradeBands: [] },
      "gradeBands",
      /gradeBands: must be >= 1 items$/,
      /应 >= 1 项$/,
    ],
    [
      "an unknown label key",
      { labelSynonyms: { budgt: ["预算"] } },
      "labelSynonyms.budgt",
      /labelSynonyms\.budgt/,
      /labelSynonyms\.budgt/,
    ],
    [
      "an unknown header field",
      { requiredHeaderFields: { beijing: ["projectName", "owners"] } },
      "requiredHeaderFields.beijing.1",
      /requiredHeaderFields\.beijing\.1: expected one of/,
      /requiredHeaderFields\.beijing\.1：应为/,
    ],
    [
      "an enforced split that does not add up to 100 with the funding weight",
      { sectionWeights: { enforce: true, split: { 产出指标: 60, 效益指标: 30, 满意度指标: 10 } } },
      "sectionWeights.split",
      /sectionWeights\.split: fundingWeight \+ split add up to 110, not expectedTotalWeight 100$/,
      /sectionWeights\.split/,
    ],
    [
      "a colour that is no ARGB",
      { highlightArgb: "yellow" },
      "highlightArgb",
      /highlightArgb: invalid format/,
      /格式不正确/,
    ],
    ["JSON that does not parse", "{version: 1", "", /not valid JSON/, /不是有效的 JSON/],
    ["a list", [], "", /expected object, received array$/, /应为对象，实际为数组$/],
  ])("rejects %s with the zod path", (_why, json, path, en, zh) => {
    const r = parseRuleSet(json);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.path).toBe(path);
    expect(r.error_en).toMatch(/^Rule set rejected, defaults kept: /);
    expect(r.error_en).toMatch(en);
    expect(r.error_zh).toMatch(/^规则集有误，已沿用原设置：/);
    expect(r.error_zh).toMatch(zh);
  });

  it("rejects exactly as the brief writes it: gradeBands.1.min: expected number", () => {
    const r = parseRuleSet({
      version: 1,
      gradeBands: [
        { min: 90, label: "优" },
        { min: "八十", label: "良" },
      ],
    });
    expect(r).toMatchObject({ ok: false, path: "gradeBands.1.min" });
    expect(!r.ok && r.error_en).toContain("gradeBands.1.min: expected number");
  });
});

describe("presets", () => {
  it("beijing: 项目负责人 and 联系电话 required, 项目负责 read as 项目负责人", () => {
    const b = rulesPreset("beijing");
    expect(b.preset).toBe("beijing");
    expect(b.requiredHeaderFields.beijing).toEqual([
      "projectName",
      "department",
      "unit",
      "owner",
      "phone",
    ]);
    expect(b.requiredHeaderFields.hunan).toEqual(DEFAULT_SETTINGS.requiredHeaderFields.hunan);
    expect(b.labelSynonyms.owner).toEqual(["项目负责"]);
    expect(b.sectionWeights.enforce).toBe(false);
  });

  it("hunan: 部门名称, 项目名称, 项目总投资 required and the 50/30/10 split enforced", () => {
    const h = rulesPreset("hunan");
    expect(h.requiredHeaderFields.hunan).toEqual(["deptName", "projectName", "totalInvestment"]);
    expect(h.sectionWeights).toEqual({
      enforce: true,
      split: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
    });
    expect(h.fundingWeight).toBe(10);
  });

  it("a document naming a preset is read on top of it", () => {
    const r = ok({
      version: 1,
      preset: "hunan",
      overachievementThreshold: 1.3,
      requiredHeaderFields: { department: ["deptName"] },
    });
    expect(r.sectionWeights.enforce).toBe(true);
    expect(r.overachievementThreshold).toBe(1.3);
    expect(r.requiredHeaderFields).toEqual({
      beijing: ["projectName", "department", "unit"],
      hunan: ["deptName", "projectName", "totalInvestment"],
      department: ["deptName"],
    });
    expect(parseRuleSet({ preset: "shanghai" })).toMatchObject({ ok: false, path: "preset" });
  });

  it("beijing on seed 001-11: the misspelt 项目负责 label counts; a blank 联系电话 is a finding", () => {
    const seed = seedTable("001-11");
    const plain = analyzeSheet(seedGrid(seed).snapshot);
    const bj = analyzeSheet(seedGrid(seed).snapshot, { settings: rulesPreset("beijing") });
    expect(plain.tables[0].table.header.owner).toBeUndefined();
    expect(bj.tables[0].table.header.owner?.value?.value).toBe("蔺杰");
    expect(show(bj.tables[0].findings)).toEqual(show(plain.tables[0].findings));

    const noPhone = edited(seed, (t) => (t.header.find((h) => h[0] === "联系电话")![1] = ""));
    const found = analyzeSheet(seedGrid(noPhone).snapshot, { settings: rulesPreset("beijing") })
      .tables[0].findings;
    expect(found.filter((f) => f.code === "MISSING_FIELD").map((f) => f.message_zh)).toEqual([
      "“联系电话”未填写",
    ]);
    const byDefault = analyzeSheet(seedGrid(noPhone).snapshot).tables[0].findings;
    expect(byDefault.filter((f) => f.code === "MISSING_FIELD")).toEqual([]);
  });

  it("hunan on the six 004 tables finds what the defaults find: they follow the preset", () => {
    for (const seed of allSeedTables().filter((s) => s.id.startsWith("004"))) {
      const snap = seedGrid(seed).snapshot;
      expect([
        seed.id,
        show(analyzeSheet(snap, { settings: rulesPreset("hunan") }).tables[0].findings),
      ]).toEqual([seed.id, show(analyzeSheet(snap).tables[0].findings)]);
    }
  });

  it("hunan: a blank 项目总投资 and a funding 分值 other than 10 are findings", () => {
    const seed = edited(seedTable("004-03"), (t) => {
      t.header.find((h) => h[0].startsWith("项目总投资"))![1] = "";
    });
    const fs = analyzeSheet(seedGrid(seed).snapshot, { settings: rulesPreset("hunan") }).tables[0]
      .findings;
    expect(fs.filter((f) => f.code === "MISSING_FIELD").map((f) => f.message_zh)).toEqual([
      "“项目总投资”未填写",
    ]);

    const w15 = edited(seedTable("004-03"), (t) => (t.funding.rows[0][4] = "15"));
    const fw = analyzeSheet(seedGrid(w15).snapshot, { settings: rulesPreset("hunan") }).tables[0]
      .findings;
    const t = analyzeSheet(seedGrid(w15).snapshot).tables[0].table;
    const sw = fw.filter(
      (f) => f.code === "SECTION_WEIGHT_MISMATCH" && f.cell === t.funding?.rows[0].weight?.address
    );
    expect(sw.map((f) => [f.message_zh, f.expected, f.actual])).toEqual([
      ["按规则集的权重划分，资金（执行率）分值应为 10，表中填写为 15", 10, 15],
    ]);
    const byDefault = analyzeSheet(seedGrid(w15).snapshot).tables[0].findings;
    expect(
      byDefault.filter(
        (f) => f.code === "SECTION_WEIGHT_MISMATCH" && f.cell === t.funding?.rows[0].weight?.address
      )
    ).toEqual([]);
  });

  it("accepts the national column headings 全年预算数（A） / 全年执行数（B） / 执行率（B/A）", () => {
    const seed = edited(seedTable("001-04"), (t) => {
      t.funding.columns[2] = "全年预算数（A）";
      t.funding.columns[3] = "全年执行数（B）";
      t.funding.columns[5] = "执行率（B/A）";
    });
    expect(analyzeSheet(seedGrid(seed).snapshot).tables[0].table.funding).toBeNull();
    for (const p of ["beijing", "hunan"] as const) {
      const t = analyzeSheet(seedGrid(seed).snapshot, { settings: rulesPreset(p) }).tables[0].table;
      expect(t.funding?.rows[0].rate?.address).toBe("H7");
    }
  });

  it("every preset parses and names itself", () => {
    for (const name of Object.keys(RULE_PRESETS) as (keyof typeof RULE_PRESETS)[]) {
      expect(rulesPreset(name).preset).toBe(name);
    }
  });
});

describe("the rule set in the workbook state (_selfeval, state.rules)", () => {
  const custom = ok({
    version: 1,
    preset: "hunan",
    overachievementThreshold: 1.2,
    indicatorScoring: { enabled: true, reverseFormula: "ratio" },
    gradeBands: [
      { min: 85, label: "优" },
      { min: 70, label: "良" },
      { min: 60, label: "中" },
    ],
    labelSynonyms: { adjustedBudget: ["调整预算"] },
    emptyExplanationWords: ["见附件"],
  });

  it("round-trips through encodeState / decodeState and parseRuleSet", () => {
    const state = stateWithRules(emptyState(), custom);
    const decoded = roundTrip(state);
    expect(decoded.rules).toEqual(ruleSetDocument(custom));
    const back = ruleSetFromState(decoded);
    expect(back).toEqual({ rules: custom, source: "embedded" });
    expect(ok(decoded.rules)).toEqual(custom);
  });

  it("stores a short document: version, preset and what differs", () => {
    expect(ruleSetDocument(DEFAULT_SETTINGS)).toEqual({ version: 1 });
    expect(ruleSetDocument(rulesPreset("hunan"))).toEqual({ version: 1, preset: "hunan" });
    expect(ruleSetDocument(custom)).toEqual({
      version: 1,
      preset: "hunan",
      overachievementThreshold: 1.2,
      indicatorScoring: { enabled: true, reverseFormula: "ratio" },
      gradeBands: [
        { min: 85, label: "优" },
        { min: 70, label: "良" },
        { min: 60, label: "中" },
      ],
      labelSynonyms: { adjustedBudget: ["调整预算"] },
      emptyExplanationWords: ["见附件"],
    });
    expect(stateWithRules(stateWithRules(emptyState(), custom), null)).toEqual(emptyState());
  });

  it("a full rule set stored as is reads back too", () => {
    const state = { ...emptyState(), rules: custom };
    expect(ruleSetFromState(roundTrip(state)).rules).toEqual(custom);
  });

  it("no rules: the defaults, no error", () => {
    expect(ruleSetFromState(emptyState())).toEqual({ rules: DEFAULT_SETTINGS, source: "default" });
    expect(ruleSetFromState(undefined).rules).toBe(DEFAULT_SETTINGS);
  });

  it("a malformed embedded rule set: the defaults, with the error and its path", () => {
    const state = {
      ...emptyState(),
      rules: {
        version: 1,
        gradeBands: [
          { min: 90, label: "优" },
          { min: "80", label: "良" },
        ],
      },
    };
    const r = ruleSetFromState(roundTrip(state));
    expect(r.rules).toBe(DEFAULT_SETTINGS);
    expect(r.source).toBe("default");
    expect(r.error?.path).toBe("gradeBands.1.min");
    expect(r.error?.error_en).toBe(
      "Embedded rule set rejected, defaults kept: gradeBands.1.min: expected number, received string"
    );
    expect(r.error?.error_zh).toBe(
      "工作簿内嵌的规则集有误，已沿用原设置：gradeBands.1.min：应为数字，实际为文本"
    );
  });
});

describe("mergeRuleSets (the CLI's --rules override)", () => {
  const embedded = {
    version: 1,
    overachievementThreshold: 1.3,
    fundingScoreDecimals: 1,
    indicatorScoring: { reverseFormula: "ratio" },
    labelSynonyms: { owner: ["负责人"], budget: ["预算数"] },
  };

  it("the override wins key by key; lists are replaced whole", () => {
    const r = mergeRuleSets(embedded, {
      version: 1,
      overachievementThreshold: 1.2,
      indicatorScoring: { enabled: true },
      labelSynonyms: { budget: ["全年预算"] },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rules.overachievementThreshold).toBe(1.2);
    expect(r.rules.fundingScoreDecimals).toBe(1);
    expect(r.rules.indicatorScoring).toMatchObject({ enabled: true, reverseFormula: "ratio" });
    expect(r.rules.labelSynonyms).toEqual({ owner: ["负责人"], budget: ["全年预算"] });
  });

  it("merges onto a parsed rule set too (ruleSetFromState's)", () => {
    const base = ok(embedded);
    const r = mergeRuleSets(base, '{"version":1,"gradeBands":[{"min":95,"label":"优"}]}');
    expect(r.ok && r.rules.gradeBands).toEqual([{ min: 95, label: "优" }]);
    expect(r.ok && r.rules.fundingScoreDecimals).toBe(1);
  });

  it("an override naming a preset brings the preset with it", () => {
    const r = mergeRuleSets(embedded, { preset: "hunan" });
    expect(r.ok && r.rules.sectionWeights.enforce).toBe(true);
    expect(r.ok && r.rules.overachievementThreshold).toBe(1.3);
  });

  it("no embedded rule set: the override on the defaults", () => {
    const r = mergeRuleSets(undefined, { indicatorScoring: { enabled: true } });
    expect(r.ok && r.rules).toEqual({
      ...DEFAULT_SETTINGS,
      indicatorScoring: { ...DEFAULT_SETTINGS.indicatorScoring, enabled: true },
    });
  });

  it("a malformed override is rejected with its path (the caller keeps the embedded rules)", () => {
    const r = mergeRuleSets(embedded, {
      version: 1,
      gradeBands: [
        { min: 90, label: "优" },
        { min: "80", label: "良" },
      ],
    });
    expect(r).toMatchObject({ ok: false, path: "gradeBands.1.min" });
    expect(!r.ok && r.error_en).toBe(
      "Rule set file rejected, defaults kept: gradeBands.1.min: expected number, received string"
    );
    expect(!r.ok && r.error_zh).toMatch(/^规则集文件有误/);
  });

  it("a malformed embedded rule set counts as absent", () => {
    const r = mergeRuleSets({ gradeBands: "优良中差" }, { overachievementThreshold: 1.5 });
    expect(r.ok && r.rules).toEqual({ ...DEFAULT_SETTINGS, overachievementThreshold: 1.5 });
  });

  it("a merge that breaks a cross-field check says so", () => {
    const r = mergeRuleSets({ sectionWeights: { enforce: true } }, { fundingWeight: 20 });
    expect(r).toMatchObject({ ok: false, path: "sectionWeights.split" });
    expect(!r.ok && r.error_en).toMatch(/^Merged rule set rejected/);
  });
});
