/**
 * Test helper: builds tables the way a host hands them to the engine (a GridSnapshot) and runs
 * the real detection on them, so rule tests exercise the whole path from cells to findings.
 *
 * - `gridFromRows` turns a plain row array into a snapshot (a cell may carry a number format);
 * - `beijingSeed` / `hunanSeed` give a small correct table in the transcription format, to edit;
 * - `detectSeed` lays a SeedTable out (seed-grid.ts) and detects it: exactly one table expected;
 * - `findings` runs rules on a SeedTable and returns what they report.
 */
import { detectTables } from "../../src/engine/detect/detect";
import { CellValue, Grid, GridSnapshot } from "../../src/engine/grid/snapshot";
import { familiesFor } from "../../src/engine/analyze";
import { Finding } from "../../src/engine/model/finding";
import { AssessmentTable } from "../../src/engine/model/table";
import { Rule, runRules } from "../../src/engine/rules/rule";
import {
  DEFAULT_SETTINGS,
  EngineSettings,
  EngineSettingsInput,
  resolveSettings,
} from "../../src/engine/settings";
import type { SeedTable } from "../../scripts/seed-model";
import { seedGrid, SeedLayout } from "./seed-grid";

export const MATCHER = familiesFor(DEFAULT_SETTINGS);

export type CellSpec = CellValue | { v: CellValue; fmt: string };

/** A snapshot from rows of cells; `{ v, fmt }` gives a cell a number format. */
export function gridFromRows(
  rows: CellSpec[][],
  opts: { sheetName?: string; origin?: { row: number; col: number } } = {}
): GridSnapshot {
  const values = rows.map((r) => r.map((c) => (c !== null && typeof c === "object" ? c.v : c)));
  const numberFormats = rows.map((r) =>
    r.map((c) => (c !== null && typeof c === "object" ? c.fmt : null))
  );
  return {
    sheetName: opts.sheetName ?? "Sheet1",
    origin: opts.origin ?? { row: 0, col: 0 },
    values,
    numberFormats,
    merges: [],
  };
}

export function detect(snapshot: GridSnapshot): AssessmentTable[] {
  return detectTables(new Grid(snapshot), MATCHER);
}

export interface DetectedSeed {
  table: AssessmentTable;
  layout: SeedLayout;
}

/** Lays the seed out and detects it; throws unless exactly one table comes back. */
export function detectSeed(seed: SeedTable): DetectedSeed {
  const { snapshot, layouts } = seedGrid(seed);
  const tables = detect(snapshot);
  if (tables.length !== 1)
    throw new Error(`${seed.id}: expected 1 table, detected ${tables.length}`);
  return { table: tables[0], layout: layouts[0] };
}

export function settingsOf(input?: EngineSettingsInput): EngineSettings {
  return input ? resolveSettings(input) : DEFAULT_SETTINGS;
}

/** Findings of `rules` on the seed table, laid out and detected. */
export function findings(
  rules: Rule | readonly Rule[],
  seed: SeedTable,
  settings?: EngineSettingsInput
): Finding[] {
  const { table } = detectSeed(seed);
  return runRules(Array.isArray(rules) ? rules : [rules as Rule], table, settingsOf(settings));
}

/** "CODE@cell" per finding, for compact exact assertions. */
export function codesAt(fs: Finding[]): string[] {
  return fs.map((f) => `${f.code}@${f.cell}`);
}

/** Deep copy of a seed, edited by `edit`. */
export function edited(seed: SeedTable, edit: (t: SeedTable) => void): SeedTable {
  const copy = JSON.parse(JSON.stringify(seed)) as SeedTable;
  edit(copy);
  return copy;
}

/**
 * A small correct Beijing project table: 11.41 of 11.5178 spent (99.06%, funding score 9.91),
 * indicators 50 + 30 + 10 = 90 at full marks but one (3 → 2, 7 of 10, explained), 总分 96.91.
 */
export function beijingSeed(): SeedTable {
  return {
    id: "T-BJ",
    kind: "project",
    variant: "beijing",
    title: "项目支出绩效自评表",
    subtitle: "(2023 年度)",
    header: [
      ["项目名称", "测试项目经费"],
      ["主管部门", "某区人力资源和社会保障局"],
      ["实施单位", "某中心"],
      ["项目负责人", "张三"],
      ["联系电话", "12345678"],
    ],
    funding: {
      label: "项目资金（万元）",
      columns: ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      rows: [
        ["年度资金总额", "4.49", "11.5178", "11.41", "10", "99.06%", "9.91"],
        ["其中：当年财政拨款", "4.49", "11.5178", "11.41", "—", "99.06%", "—"],
        ["上年结转资金", "0", "0", "0", "—", "", "—"],
        ["其他资金", "0", "0", "0", "—", "", "—"],
      ],
    },
    goal: {
      label: "年度总体目标",
      columns: ["预期目标", "实际完成情况"],
      values: ["完成全年工作", "已完成全年工作"],
    },
    indicators: {
      label: "绩效指标",
      columns: [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
      ],
      rows: [
        [
          "产出指标",
          "数量指标",
          "举办培训班数量",
          "3",
          "2",
          "10",
          "7",
          "一期培训因场地原因未能举办，下年度提前落实场地",
        ],
        ["", "", "培训人数", "≥100人", "120人", "10", "10", ""],
        ["", "质量指标", "培训合格率", "≥95%", "98%", "10", "10", ""],
        ["", "时效指标", "完成时间", "12月底前完成", "按时完成", "10", "10", "无"],
        ["", "成本指标", "全年支出金额", "11.5178万元", "11.41万元", "10", "10", ""],
        ["效益指标", "社会效益指标", "提升服务能力", "优良中低差", "优", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", "95%", "10", "10", ""],
      ],
    },
    total: { label: "总分", weight: "100", score: "96.91" },
  };
}

/**
 * A small correct Hunan project table: 合计 row, declared section weights (50/30/10), grade 优.
 * 32.2 of 32.2 spent (100%, 10), indicators 90 at full marks, 总分 100.
 */
export function hunanSeed(): SeedTable {
  return {
    id: "T-HN",
    kind: "project",
    variant: "hunan",
    title: "2020年度项目支出绩效自评表",
    header: [
      ["部门名称", "某区人力资源和社会保障局"],
      ["项目支\n出名称", ""],
      ["专项名称", "测试专项"],
      ["项目总投资（万元）", "32.2"],
      ["支出方向名称（子项目）", "测试子项目"],
      ["其中：财政拨款", "32.2"],
      ["项目总实施期：1年", "……"],
    ],
    funding: {
      label: "年度项目资金\n（万元）",
      columns: [
        "年度资金总额",
        "年初预算数",
        "全年预算数",
        "全年\n执行数",
        "分值",
        "执行率",
        "得分（分值×执行率）",
      ],
      rows: [
        ["合计", "0", "32.2", "32.2", "10", "100%", "10"],
        ["其中：当年财政拨款", "0", "32.2", "", "", "", ""],
        ["上年结转资金", "", "", "", "", "", ""],
        ["其他资金", "", "", "", "", "", ""],
      ],
    },
    goal: {
      label: "年度总\n体目标",
      columns: ["预期目标", "实际完成情况"],
      values: ["按时按标准发放", "完成"],
    },
    indicators: {
      label: "绩\n效\n指\n标",
      columns: [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度\n指标值",
        "实际\n完成值",
        "分值",
        "得分",
        "偏差原因\n分析及\n改进措施",
      ],
      rows: [
        ["产出\n指标\n(50分)", "数量指标", "补助人数", "37", "37", "30", "30", ""],
        ["", "质量指标", "发放准确率", "100%", "100%", "10", "10", ""],
        ["", "时效指标", "支付时限", "2020年底前", "2020年底前", "10", "10", ""],
        [
          "效益\n指标\n（30分）",
          "社会效益指标",
          "保障对象生活水平",
          "提高",
          "提高",
          "20",
          "20",
          "",
        ],
        ["", "可持续影响\n指标", "长效管理制度健全性", "≥90%", "≥90%", "10", "10", ""],
        [
          "满意度\n指标\n（10分）",
          "服务对象满意度指标",
          "受众办理满意度",
          "≧95%",
          "96%",
          "10",
          "10",
          "",
        ],
      ],
    },
    total: { label: "总分", weight: "100", score: "100" },
    grade: { label: "等级", value: "优", text: "等级：优" },
    footnotes: ["备注：1.“执行率”=“全年执行数”/“全年预算数”；"],
  };
}
