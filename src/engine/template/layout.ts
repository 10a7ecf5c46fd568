/**
 * A standard blank 项目支出绩效自评表, as data: one sheet per project, laid out the way the real
 * Beijing and Hunan templates are (see the real tables in seeds/source/ and scripts/seed-layout.ts), with
 * input cells, formula cells, data-validation lists, print set-up and the indicator skeleton.
 *
 * Pure: no ExcelJS. src/hosts/exceljs/write-template.ts renders a TemplateLayout to a workbook.
 *
 * The formulas are not written here by hand. Each sheet's labels are turned into a GridSnapshot,
 * the real detection (detectTables) finds the table in it and the real fill (planFill) plans its
 * formulas; those go into the layout. So the template computes exactly what `selfeval fill`
 * writes, and filling the template (blank or filled in) plans nothing.
 *
 * To make planFill plan every formula, the planning copy of the sheet (never the output) holds
 * placeholders: 1 in every 全年预算数/全年执行数 (planFill writes 执行率 only where both are numbers),
 * a 三级指标 text in every indicator row, and "等级：差" in the Hunan grade line (so detection reads it
 * as the inline 等级 cell, as in the real "等级：优" line). The output's amounts stay blank.
 *
 * Choices a template owner would expect:
 * - Layout: 9 columns A–I as in the published tables; Beijing: title + （年度） line, 项目名称 /
 *   主管部门 / 实施单位 / 项目负责人 / 联系电话; Hunan: "<年>年度项目支出绩效自评表", 部门名称,
 *   项目支出名称 › 专项名称 / 支出方向名称（子项目）, 项目总投资（万元）, 其中：财政拨款, 项目总实施期,
 *   funding rows 合计…, 得分（分值×执行率）, 一级 labels with their weights (产出指标（50分）), the
 *   等级 line and the 备注 lines (worded from the rule set).
 * - Inputs (unlocked): header values, the three amounts of each funding row, the two goal texts and
 *   every indicator cell (一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差原因). Locked: labels, the
 *   funding 分值, "—", and the formula cells (执行率, funding 得分, 总分 分值/得分, 等级), shaded grey.
 * - Drop-downs: 一级 (产出/效益/满意度指标) and 二级 (the list of its group's 一级: 数量/质量/时效/成本,
 *   经济效益/社会效益/生态效益/可持续影响, 服务对象满意度) warn on another name but accept it (real
 *   tables use others); 实际完成值 offers 达成/部分达成/未达成年度指标 silently, beside the numbers
 *   with units most rows hold (the tiers are read from that cell by the scoring policy). No extra tier
 *   column: it would break the 9-column anatomy readers and reviewers know.
 * - Number checks: amounts ≥ 0 (no "万元" typed in), 分值 ≥ 0, 得分 between 0 and the row's 分值.
 *
 * Coordinates are 0-based (A1 is row 0, col 0), as everywhere in the engine.
 */
import { detectTables } from "../detect/detect";
import { matcherFor } from "../analyze";
import { num } from "../compute/numbers";
import { gradeFor } from "../compute/totals";
import { planFill } from "../fill/plan-fill";
import { WritePurpose } from "../fill/plan-types";
import { RangePos, parseRange, rangeToA1, toA1 } from "../grid/a1";
import { CellValue, Grid, GridSnapshot } from "../grid/snapshot";
import { AssessmentTable, FundingRowKind, HeaderFieldKey, Located } from "../model/table";
import { EngineSettings, EngineSettingsInput, resolveSettings } from "../settings";
import { roundHalfUp } from "../text";
import { TemplateError } from "./errors";
import { familiesFor } from "../families/catalog";
import { FamilyTemplate, TableFamily } from "../families/schema";
import { BuiltSheet, buildFamilySheet } from "./family-sheet";
import {
  ACTUAL_TIERS,
  AMOUNT_STYLE,
  amountValidation,
  listValidation,
  PERCENT_FORMAT,
  SCORE_FORMAT,
  SheetBuilder,
  LEVEL2_OPTIONS,
  TEXT_INPUT,
  weightAndScoreValidations,
} from "./sheet-builder";

export {
  ACTUAL_TIERS,
  AMOUNT_FORMAT,
  FORMULA_FILL,
  LEVEL2_OPTIONS,
  PERCENT_FORMAT,
  SCORE_FORMAT,
} from "./sheet-builder";

// ---------------------------------------------------------------------------------------------
// Public types

export type TemplateVariant = "beijing" | "hunan";

/** One 一级指标 group of the skeleton: its rows (one per 二级指标) with their default 分值. */
export interface IndicatorGroupSpec {
  /** 产出指标 / 效益指标 / 满意度指标 (the Hunan label adds the group's weight: 产出指标（50分）). */
  level1: string;
  rows: { level2: string; weight: number }[];
  /** What the 二级指标 drop-down offers in this group (default: LEVEL2_OPTIONS of its 一级, else the rows' 二级 names). */
  level2Options?: string[];
}

export interface TemplateOptions {
  /** The Beijing or Hunan preset; ignored when `family` is given. */
  variant: TemplateVariant;
  /**
   * A table family (its id, built-in or from the rule set's `families`) whose standard blank table
   * to lay out, as its `template` describes it; the national and hunan families give the presets.
   */
  family?: string;
  /** Number of project tables, one per sheet (项目1, 项目2 …): 1 to MAX_TEMPLATE_PROJECTS; a string of digits is accepted. */
  projects: number | string;
  /** The assessment year (年度), 1990–2100; a string of digits is accepted. */
  year: number | string;
  /** The rule set: grade bands, rounding … (defaults apply where omitted). Embedded in the workbook. */
  settings?: EngineSettings | EngineSettingsInput;
  /** The indicator skeleton; defaults to STANDARD_SKELETON scaled to settings.expectedTotalWeight. */
  skeleton?: IndicatorGroupSpec[];
  /** Sheet protection (locked labels and formulas, unlocked inputs); default true. */
  protect?: boolean;
}

/** How a cell is used: labels and formulas are locked, inputs unlocked. */
export type TemplateCellRole = "title" | "label" | "input" | "constant" | "formula" | "note";

/** Style hints; the renderer maps them to its own style model (font 宋体 throughout). */
export interface TemplateStyle {
  bold?: boolean;
  /** Font size in points (default 10). */
  size?: number;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle";
  wrap?: boolean;
  /** Thin border on every side (on every cell of a merged area). */
  border?: boolean;
  /** Number format; none means General. */
  numFmt?: string;
  /** Solid fill, ARGB. */
  fill?: string;
}

export interface TemplateCell {
  row: number;
  col: number;
  address: string;
  role: TemplateCellRole;
  /** Label text (with the line breaks real templates use), a constant, an input's default, or null. */
  value: string | number | null;
  /** For role "formula": the formula as planFill writes it, with its leading "=". */
  formula?: string;
  purpose?: WritePurpose;
  /** For role "formula": what the formula computes on the blank template (the cached result). */
  result?: string | number;
  locked: boolean;
  style: TemplateStyle;
  /** When the cell anchors a merged area: that area. */
  merge?: RangePos;
}

export type ValidationErrorStyle = "stop" | "warning" | "information";

export interface TemplateValidation {
  /** A1 address of the cell (the top-left cell of a merged area). */
  address: string;
  /** list: a drop-down; decimal: a number within bounds; custom: a formula that must be TRUE. */
  type: "list" | "decimal" | "custom";
  /** For a list: the items offered. */
  items?: string[];
  /** For a decimal: the bounds, as numbers. */
  operator?: "between" | "greaterThanOrEqual";
  formulae?: number[];
  /** For a custom check: the formula (no "="), written for this cell. */
  formula?: string;
  /** False: the list is a suggestion and any entry is accepted silently. */
  showErrorMessage: boolean;
  errorStyle: ValidationErrorStyle;
  promptTitle?: string;
  prompt?: string;
  errorTitle?: string;
  error?: string;
}

export interface TemplatePrintSetup {
  /** 9 = A4. */
  paperSize: 9;
  orientation: "portrait";
  fitToWidth: 1;
  /** 0 = as many pages tall as needed. */
  fitToHeight: 0;
  /** Rows repeated at the top of every printed page, as "1:2" (1-based). */
  printTitlesRow: string;
  printArea: string;
}

/** Where the parts of the table are, as A1 addresses (for hosts, tests and the CLI's report). */
export interface TemplateAnchors {
  range: string;
  title: string;
  /** Value cells of the header fields. */
  header: Partial<Record<HeaderFieldKey, string>>;
  funding: {
    kind: FundingRowKind;
    label: string;
    initialBudget: string;
    budget: string;
    executed: string;
    weight: string;
    rate: string;
    score: string;
  }[];
  goal: { expected: string; actual: string };
  indicators: {
    /** 0-based sheet row. */
    row: number;
    /** The 一级 cell of the row's group (its merged area's top-left cell). */
    level1: string;
    level2: string;
    level3: string;
    target: string;
    actual: string;
    weight: string;
    score: string;
    explanation: string;
    /** The default 分值 the skeleton puts in. */
    defaultWeight: number;
  }[];
  total: { weight: string; score: string };
  /** The 等级 cell (Hunan), else null. */
  grade: string | null;
  footnotes: string[];
}

export interface TemplateSheet {
  name: string;
  /** Every written cell, row by row; a merged area appears once, as its top-left cell. */
  cells: TemplateCell[];
  merges: RangePos[];
  /** The bordered box of the table (title rows and footnotes outside it). */
  borderBox: RangePos;
  validations: TemplateValidation[];
  /** Widths in characters, column A first. */
  columnWidths: number[];
  /** Row heights in points by 0-based row. */
  rowHeights: Record<number, number>;
  print: TemplatePrintSetup;
  protect: boolean;
  anchors: TemplateAnchors;
}

export interface TemplateLayout {
  variant: TemplateVariant;
  /** The family the blank table is of (national for the Beijing preset, hunan for the Hunan one). */
  family: string;
  year: number;
  projects: number;
  /** The resolved rule set the formulas were planned with; the renderer embeds it. */
  rules: EngineSettings;
  skeleton: IndicatorGroupSpec[];
  sheets: TemplateSheet[];
}

// ---------------------------------------------------------------------------------------------
// Constants

export const MAX_TEMPLATE_PROJECTS = 500;
export const MIN_TEMPLATE_YEAR = 1990;
export const MAX_TEMPLATE_YEAR = 2100;

/** The funding 分值 of the national method (执行率 10 of 100). */
export const FUNDING_WEIGHT = 10;

/**
 * The standard skeleton for a total of 100: 产出 50 (数量 15, 质量 15, 时效 10, 成本 10),
 * 效益 30 (社会效益 15, 可持续影响 15), 满意度 10 (服务对象满意度 10); with the funding 10 that is 100.
 */
export const STANDARD_SKELETON: readonly IndicatorGroupSpec[] = [
  {
    level1: "产出指标",
    rows: [
      { level2: "数量指标", weight: 15 },
      { level2: "质量指标", weight: 15 },
      { level2: "时效指标", weight: 10 },
      { level2: "成本指标", weight: 10 },
    ],
    level2Options: LEVEL2_OPTIONS["产出指标"],
  },
  {
    level1: "效益指标",
    rows: [
      { level2: "社会效益指标", weight: 15 },
      { level2: "可持续影响指标", weight: 15 },
    ],
    level2Options: LEVEL2_OPTIONS["效益指标"],
  },
  {
    level1: "满意度指标",
    rows: [{ level2: "服务对象满意度指标", weight: 10 }],
    level2Options: LEVEL2_OPTIONS["满意度指标"],
  },
];

const GRADE_PREFIX = "等级：";
const COLUMNS = 9;
/** Column widths in characters (A … I): label, 一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差原因. */
const WIDTHS = [11, 12, 14, 20, 16, 16, 8, 10, 24];

// ---------------------------------------------------------------------------------------------
// Options

interface ResolvedOptions {
  variant: TemplateVariant;
  family: TableFamily;
  /** The family's own layout; null: the variant's preset. */
  spec: FamilyTemplate | null;
  projects: number;
  year: number;
  settings: EngineSettings;
  skeleton: IndicatorGroupSpec[];
  protect: boolean;
}

function parseYear(year: unknown): number {
  const text = typeof year === "string" ? year.trim() : year;
  const n =
    typeof text === "number"
      ? text
      : typeof text === "string" && /^\d{4}$/.test(text)
        ? Number(text)
        : NaN;
  if (!Number.isInteger(n) || n < MIN_TEMPLATE_YEAR || n > MAX_TEMPLATE_YEAR) {
    const shown =
      year === undefined || year === null || (typeof year === "string" && year.trim() === "")
        ? "空白"
        : `“${String(year)}”`;
    const shownEn = shown === "空白" ? "blank" : `"${String(year)}"`;
    throw new TemplateError(
      "badYear",
      `年度${shown}无效：应为 ${MIN_TEMPLATE_YEAR}–${MAX_TEMPLATE_YEAR} 之间的四位年份，如 2024`,
      `invalid year ${shownEn}: give a four-digit year between ${MIN_TEMPLATE_YEAR} and ${MAX_TEMPLATE_YEAR}, e.g. 2024`
    );
  }
  return n;
}

function parseProjects(projects: unknown): number {
  const n =
    typeof projects === "string" && /^\s*\d+\s*$/.test(projects) ? Number(projects) : projects;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_TEMPLATE_PROJECTS) {
    throw new TemplateError(
      "badProjects",
      `项目数“${String(projects)}”无效：应为 1–${MAX_TEMPLATE_PROJECTS} 之间的整数（每个项目一张工作表）`,
      `invalid number of projects "${String(projects)}": give a whole number from 1 to ${MAX_TEMPLATE_PROJECTS} (one sheet per project)`
    );
  }
  return n;
}

/**
 * Parts of the rule set that newer rule sets carry (the funding 分值 and the 一级 split); a rule set
 * without them gets the national 10 and 50/30/10, scaled to its expected total.
 */
interface WeightRules {
  fundingWeight?: unknown;
  sectionWeights?: { split?: unknown };
}

/** The funding 分值 the template writes: the rule set's fundingWeight, else 10 of 100 scaled to the expected total. */
export function fundingWeightOf(settings: EngineSettings): number {
  const w = (settings as WeightRules).fundingWeight;
  return typeof w === "number" && Number.isFinite(w)
    ? w
    : roundHalfUp((FUNDING_WEIGHT * settings.expectedTotalWeight) / 100, 2);
}

/** Splits `total` by `shares` at 2 decimals; the rounding remainder goes to the first part, so the parts add up. */
function apportion(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const parts = shares.map((x) => (sum > 0 ? roundHalfUp((total * x) / sum, 2) : 0));
  if (parts.length > 0)
    parts[0] = roundHalfUp(parts[0] + total - parts.reduce((a, b) => a + b, 0), 2);
  return parts;
}

/**
 * The standard skeleton for a rule set: 一级 weights from its section split (national 50/30/10),
 * scaled when the funding 分值 and the split do not add up to the expected total; rows within a group
 * keep the standard proportions (数量 15, 质量 15, 时效 10, 成本 10 of 50 …).
 */
export function standardSkeleton(
  settings: EngineSettings = resolveSettings()
): IndicatorGroupSpec[] {
  const rawSplit = (settings as WeightRules).sectionWeights?.split;
  const split =
    rawSplit && typeof rawSplit === "object" ? (rawSplit as Record<string, unknown>) : {};
  const groupWeights = STANDARD_SKELETON.map((g) => {
    const w = split[g.level1];
    return typeof w === "number" && Number.isFinite(w)
      ? w
      : g.rows.reduce((t, r) => t + r.weight, 0);
  });
  const indicatorTotal = roundHalfUp(settings.expectedTotalWeight - fundingWeightOf(settings), 6);
  const have = groupWeights.reduce((a, b) => a + b, 0);
  const groups =
    Math.abs(have - indicatorTotal) < 1e-9 ? groupWeights : apportion(indicatorTotal, groupWeights);
  return STANDARD_SKELETON.map((g, i) => {
    const weights = apportion(
      groups[i],
      g.rows.map((r) => r.weight)
    );
    return {
      level1: g.level1,
      rows: g.rows.map((r, k) => ({ level2: r.level2, weight: weights[k] })),
      level2Options: [...(g.level2Options ?? [])],
    };
  });
}

const LIST_ITEM = /^[^,"\n\r]+$/;

function checkSkeleton(skeleton: IndicatorGroupSpec[]): IndicatorGroupSpec[] {
  const bad = (zh: string, en: string): never => {
    throw new TemplateError(
      "badSkeleton",
      `指标框架无效：${zh}`,
      `invalid indicator skeleton: ${en}`
    );
  };
  if (!Array.isArray(skeleton) || skeleton.length === 0)
    bad("至少需要一个一级指标", "at least one level-1 group is needed");
  for (const g of skeleton) {
    if (!g || typeof g.level1 !== "string" || !LIST_ITEM.test(g.level1.trim()))
      bad(
        "一级指标名称不能为空，也不能含逗号或引号",
        "a level-1 name is empty or holds a comma or quote"
      );
    if (!Array.isArray(g.rows) || g.rows.length === 0)
      bad(`“${g.level1}”下至少需要一行`, `"${g.level1}" needs at least one row`);
    for (const r of g.rows) {
      if (typeof r.level2 !== "string" || !LIST_ITEM.test(r.level2.trim()))
        bad(
          "二级指标名称不能为空，也不能含逗号或引号",
          "a level-2 name is empty or holds a comma or quote"
        );
      if (typeof r.weight !== "number" || !Number.isFinite(r.weight) || r.weight < 0)
        bad(
          `“${r.level2}”的分值应为不小于 0 的数字`,
          `the weight of "${r.level2}" must be a number ≥ 0`
        );
    }
    for (const o of g.level2Options ?? [])
      if (!LIST_ITEM.test(o))
        bad("二级指标选项不能含逗号或引号", "a level-2 option holds a comma or quote");
  }
  return skeleton;
}

function resolveOptions(opts: TemplateOptions): ResolvedOptions {
  if (opts.family === undefined && opts.variant !== "beijing" && opts.variant !== "hunan") {
    throw new TemplateError(
      "badVariant",
      `样式“${String(opts.variant)}”无效：应为 beijing（北京样式）或 hunan（湖南样式）`,
      `invalid variant "${String(opts.variant)}": use beijing or hunan`
    );
  }
  const projects = parseProjects(opts.projects);
  const year = parseYear(opts.year);
  let settings: EngineSettings;
  try {
    settings = resolveSettings(opts.settings as EngineSettingsInput | undefined);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split(/\r?\n/)[0] : String(e);
    throw new TemplateError(
      "badSettings",
      `规则设置无效（${msg}）`,
      `invalid rule settings (${msg})`
    );
  }
  const { family, spec, variant } = resolveFamily(opts, settings);
  const skeleton = checkSkeleton(
    opts.skeleton
      ? opts.skeleton.map((g) => ({ ...g, rows: g.rows.map((r) => ({ ...r })) }))
      : standardSkeleton(settings)
  );
  return {
    variant,
    family,
    spec,
    projects,
    year,
    settings,
    skeleton,
    protect: opts.protect ?? true,
  };
}

/**
 * The family the template is of and how it is laid out: a preset (the national family's Beijing
 * table, the hunan family's Hunan one) or the family's own layout data.
 */
function resolveFamily(
  opts: TemplateOptions,
  settings: EngineSettings
): { family: TableFamily; spec: FamilyTemplate | null; variant: TemplateVariant } {
  const catalog = familiesFor(settings);
  if (opts.family === undefined) {
    // The presets are the national and hunan families' tables.
    const id = opts.variant === "hunan" ? "hunan" : "national";
    return { family: catalog.byId(id) ?? catalog.families[0], spec: null, variant: opts.variant };
  }
  const family = catalog.byId(String(opts.family));
  const known = catalog.families.filter((f) => f.template).map((f) => f.id);
  if (!family || !family.template) {
    const what = family ? "没有标准空白表" : "未知";
    const whatEn = family ? "has no standard blank table" : "is unknown";
    throw new TemplateError(
      "badFamily",
      `表格式“${String(opts.family)}”${what}：可用 ${known.join("、")}`,
      `the table family "${String(opts.family)}" ${whatEn}: use ${known.join(", ")}`
    );
  }
  const t = family.template;
  if (t.preset) {
    // A preset is the national or hunan family's own table; a family extending one reads it as that family.
    if (family.id !== (t.preset === "hunan" ? "hunan" : "national"))
      throw new TemplateError(
        "badFamily",
        `表格式“${family.id}”没有自己的标准空白表（沿用的 ${t.preset} 预设会被识别为其他表格式）`,
        `the table family "${family.id}" has no blank table of its own (the ${t.preset} preset it inherits reads as another family)`
      );
    return { family, spec: null, variant: t.preset };
  }
  return { family, spec: t, variant: family.variant };
}

// ---------------------------------------------------------------------------------------------
// Building one sheet

/** The 一级 label as the variant writes it: Hunan adds the group's weight, 产出指标（50分）. */
export function level1Label(group: IndicatorGroupSpec, variant: TemplateVariant): string {
  if (variant !== "hunan") return group.level1;
  return `${group.level1}（${num(groupWeight(group))}分）`;
}

function groupWeight(group: IndicatorGroupSpec): number {
  return roundHalfUp(
    group.rows.reduce((s, r) => s + r.weight, 0),
    6
  );
}

/** The Hunan 备注 lines, worded from the rule set (grade bands, funding cap and rounding). */
export function footnoteLines(settings: EngineSettings): string[] {
  const bands = [...settings.gradeBands].sort((a, b) => b.min - a.min);
  const parts: string[] = [];
  let upper = settings.expectedTotalWeight;
  for (const b of bands) {
    parts.push(`${num(b.min)}分（含）—${num(upper)}分为${b.label}`);
    upper = b.min;
  }
  parts.push(`${num(upper)}分以下为${settings.lowestGrade}`);
  const cap = settings.fundingRateCap;
  const capText = `执行率超过${num(roundHalfUp(cap * 100, 4))}%的按${num(roundHalfUp(cap * 100, 4))}%计`;
  const rounding = settings.fundingScoreRounding === "floor" ? "截尾" : "四舍五入";
  return [
    "备注：1.“执行率”=“全年执行数”/“全年预算数”；",
    `2.总分设置为${num(settings.expectedTotalWeight)}分，等级划分为：${parts.join("，")}。`,
    `3.资金得分=分值×执行率（${capText}），${rounding}保留${settings.fundingScoreDecimals}位小数。`,
  ];
}

type Built = BuiltSheet;

function buildSheet(o: ResolvedOptions): Built {
  if (o.spec)
    return buildFamilySheet({
      family: o.family,
      spec: o.spec,
      year: o.year,
      settings: o.settings,
      skeleton: o.skeleton,
      fundingWeight: fundingWeightOf(o.settings),
    });
  return buildPresetSheet(o);
}

function buildPresetSheet(o: ResolvedOptions): Built {
  const b = new SheetBuilder();
  const hunan = o.variant === "hunan";
  const placeholders = new Map<string, CellValue>();
  const header: TemplateAnchors["header"] = {};
  let r = 0;

  // --- title (and the Beijing year line), merged across, outside the border.
  const title = b.put(
    r,
    0,
    r,
    8,
    "title",
    hunan ? `${o.year}年度项目支出绩效自评表` : "项目支出绩效自评表"
  );
  r++;
  if (!hunan) {
    b.put(r, 0, r, 8, "title", `（${o.year}年度）`, { bold: false, size: 11 });
    r++;
  }
  const titleRows = r;
  const borderTop = r;

  // --- header fields
  if (hunan) {
    b.label(r, 0, r, 0, "部门名称");
    header.deptName = b.input(r, 1, r, 8, TEXT_INPUT);
    r++;
    b.label(r, 0, r + 1, 0, "项目支\n出名称");
    b.label(r, 1, r, 1, "专项名称");
    header.projectName = b.input(r, 2, r, 4, TEXT_INPUT);
    b.label(r, 5, r, 6, "项目总投资\n（万元）");
    header.totalInvestment = b.input(r, 7, r, 8, AMOUNT_STYLE);
    r++;
    b.label(r, 1, r, 1, "支出方向名称\n（子项目）");
    header.subProject = b.input(r, 2, r, 4, TEXT_INPUT);
    b.label(r, 5, r, 6, "其中：财政拨款");
    header.fiscalFunding = b.input(r, 7, r, 8, AMOUNT_STYLE);
    r++;
    b.label(r, 0, r, 1, "项目总实施期");
    header.period = b.input(r, 2, r, 4, TEXT_INPUT);
    b.put(r, 5, r, 8, "constant", null);
    r++;
    b.validations.push(
      amountValidation(header.totalInvestment, "项目总投资"),
      amountValidation(header.fiscalFunding, "其中：财政拨款")
    );
  } else {
    b.label(r, 0, r, 0, "项目名称");
    header.projectName = b.input(r, 1, r, 8, TEXT_INPUT);
    r++;
    b.label(r, 0, r, 0, "主管部门");
    header.department = b.input(r, 1, r, 4, TEXT_INPUT);
    b.label(r, 5, r, 5, "实施单位");
    header.unit = b.input(r, 6, r, 8, TEXT_INPUT);
    r++;
    b.label(r, 0, r, 0, "项目负责人");
    header.owner = b.input(r, 1, r, 4, TEXT_INPUT);
    b.label(r, 5, r, 5, "联系电话");
    header.phone = b.input(r, 6, r, 8, TEXT_INPUT);
    r++;
  }

  // --- funding block: header row and four rows (年度资金总额/合计, 其中：当年财政拨款, 上年结转资金, 其他资金)
  const fundingWeight = fundingWeightOf(o.settings);
  const fh = r;
  b.label(fh, 0, fh + 4, 0, hunan ? "年度项目资金\n（万元）" : "项目资金\n（万元）");
  b.label(fh, 1, fh, 2, hunan ? "年度资金总额" : "");
  b.label(fh, 3, fh, 3, "年初\n预算数");
  b.label(fh, 4, fh, 4, "全年\n预算数");
  b.label(fh, 5, fh, 5, "全年\n执行数");
  b.label(fh, 6, fh, 6, "分值");
  b.label(fh, 7, fh, 7, "执行率");
  b.label(fh, 8, fh, 8, hunan ? "得分\n（分值×执行率）" : "得分");
  const rowDefs: [FundingRowKind, string][] = [
    ["total", hunan ? "合计" : "年度资金总额"],
    ["fiscal", "其中：当年财政拨款"],
    ["carryover", "上年结转资金"],
    ["other", "其他资金"],
  ];
  const funding: TemplateAnchors["funding"] = [];
  rowDefs.forEach(([kind, text], i) => {
    const fr = fh + 1 + i;
    const label = b.label(fr, 1, fr, 2, text, { horizontal: "left", bold: false });
    const initialBudget = b.input(fr, 3, fr, 3, AMOUNT_STYLE);
    const budget = b.input(fr, 4, fr, 4, AMOUNT_STYLE);
    const executed = b.input(fr, 5, fr, 5, AMOUNT_STYLE);
    for (const a of [initialBudget, budget, executed])
      b.validations.push(amountValidation(a, text));
    // The sub-rows carry no 分值/得分: Beijing tables show "—", Hunan tables leave them blank.
    const weight = b.put(
      fr,
      6,
      fr,
      6,
      "constant",
      kind === "total" ? fundingWeight : hunan ? null : "—"
    );
    const rate = b.slot(fr, 7, "rate", { numFmt: PERCENT_FORMAT });
    const score =
      kind === "total"
        ? b.slot(fr, 8, "fundingScore", { numFmt: SCORE_FORMAT })
        : b.put(fr, 8, fr, 8, "constant", hunan ? null : "—");
    funding.push({ kind, label, initialBudget, budget, executed, weight, rate, score });
    // Planning only: numbers in the amounts, so planFill writes the 执行率 of every row (it writes
    // a rate only where budget and spending are numbers) and the funding 得分.
    placeholders.set(budget, 1);
    placeholders.set(executed, 1);
  });
  r = fh + 5;

  // --- goal block
  b.label(r, 0, r + 1, 0, hunan ? "年度总\n体目标" : "年度\n总体\n目标");
  b.label(r, 1, r, 4, "预期目标");
  b.label(r, 5, r, 8, "实际完成情况");
  const goal = {
    expected: b.input(r + 1, 1, r + 1, 4, { horizontal: "left", vertical: "top" }),
    actual: b.input(r + 1, 5, r + 1, 8, { horizontal: "left", vertical: "top" }),
  };
  r += 2;

  // --- indicator block
  const ih = r;
  const rowCount = o.skeleton.reduce((s, g) => s + g.rows.length, 0);
  b.label(ih, 0, ih + rowCount, 0, hunan ? "绩\n效\n指\n标" : "绩效\n指标");
  const heads = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度\n指标值",
    "实际\n完成值",
    "分值",
    "得分",
    "偏差原因分析\n及改进措施",
  ];
  heads.forEach((h, k) => b.label(ih, k + 1, ih, k + 1, h));
  const level1Items = o.skeleton.map((g) => level1Label(g, o.variant));
  const indicators: TemplateAnchors["indicators"] = [];
  let ir = ih + 1;
  for (const g of o.skeleton) {
    const first = ir;
    const last = ir + g.rows.length - 1;
    const level1 = b.input(first, 1, last, 1, { bold: true }, level1Label(g, o.variant));
    b.validations.push(
      listValidation(
        level1,
        level1Items,
        true,
        "一级指标",
        "从下拉列表选择一级指标；确有需要也可输入其他名称。"
      )
    );
    // The group's own list, else the standard one of its 一级, else its rows' names (plus any row
    // name the list lacks, so the default never fails its own drop-down).
    const listed =
      g.level2Options && g.level2Options.length
        ? g.level2Options
        : (LEVEL2_OPTIONS[g.level1.trim()] ?? []);
    const options = [...new Set([...listed, ...g.rows.map((x) => x.level2)])];
    for (const row of g.rows) {
      const level2 = b.input(ir, 2, ir, 2, {}, row.level2);
      b.validations.push(
        listValidation(
          level2,
          options,
          true,
          "二级指标",
          `“${g.level1}”下的二级指标；确有需要也可输入其他名称。`
        )
      );
      const level3 = b.input(ir, 3, ir, 3, TEXT_INPUT);
      const target = b.input(ir, 4, ir, 4);
      const actual = b.input(ir, 5, ir, 5);
      b.validations.push(
        listValidation(
          actual,
          ACTUAL_TIERS,
          false,
          "实际完成值",
          "填写实际完成的数值（带单位），或从下拉列表选择完成程度。"
        )
      );
      const weight = b.input(ir, 6, ir, 6, {}, row.weight);
      const score = b.input(ir, 7, ir, 7, { numFmt: SCORE_FORMAT });
      const explanation = b.input(ir, 8, ir, 8, TEXT_INPUT);
      b.validations.push(...weightAndScoreValidations(weight, score));
      // Planning only: a 三级指标, so the planning copy reads as a table in use.
      placeholders.set(level3, "三级指标");
      indicators.push({
        row: ir,
        level1,
        level2,
        level3,
        target,
        actual,
        weight,
        score,
        explanation,
        defaultWeight: row.weight,
      });
      ir++;
    }
  }
  r = ir;

  // --- 总分 row
  b.label(r, 0, r, 5, "总分");
  const total = {
    weight: b.slot(r, 6, "totalWeight"),
    score: b.slot(r, 7, "totalScore", { numFmt: SCORE_FORMAT }),
  };
  b.put(r, 8, r, 8, "constant", null);
  r++;

  // --- 等级 line (Hunan): one cell across, "等级：优" as the real tables write it.
  let grade: string | null = null;
  if (hunan) {
    grade = b.slot(r, 0, "grade", { horizontal: "left", bold: true }, 8);
    // Planning only: an inline grade, so detection reads this cell as the 等级 cell itself.
    placeholders.set(grade, `${GRADE_PREFIX}${o.settings.lowestGrade}`);
    r++;
  }
  const borderBottom = r - 1;

  // --- 备注 (Hunan), under the table and outside the border.
  const footnotes: string[] = [];
  if (hunan) {
    for (const line of footnoteLines(o.settings)) {
      footnotes.push(b.put(r, 0, r, 8, "note", line));
      r++;
    }
  }

  const range = rangeToA1({ top: 0, left: 0, bottom: borderBottom, right: COLUMNS - 1 });
  const anchors: TemplateAnchors = {
    range,
    title,
    header,
    funding,
    goal,
    indicators,
    total,
    grade,
    footnotes,
  };
  const fixedHeights = new Map<number, number>([[0, 30]]);
  if (!hunan) fixedHeights.set(1, 20);
  return {
    builder: b,
    anchors,
    lastRow: r - 1,
    borderTop,
    borderBottom,
    titleRows,
    placeholders,
    columns: COLUMNS,
    widths: WIDTHS,
    fixedHeights,
    range,
  };
}

// ---------------------------------------------------------------------------------------------
// Planning the formulas with the real detection and fill

function planningSnapshot(
  name: string,
  cells: TemplateCell[],
  merges: RangePos[],
  lastRow: number,
  placeholders: Map<string, CellValue>,
  columns: number
): GridSnapshot {
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (let i = 0; i <= lastRow; i++) {
    values.push(new Array<CellValue>(columns).fill(null));
    numberFormats.push(new Array<string | null>(columns).fill(null));
  }
  for (const c of cells) {
    values[c.row][c.col] = placeholders.has(c.address) ? placeholders.get(c.address)! : c.value;
    numberFormats[c.row][c.col] = c.style.numFmt ?? null;
  }
  return { sheetName: name, origin: { row: 0, col: 0 }, values, numberFormats, merges };
}

function designError(sheet: string, what: string): Error {
  return new Error(`template layout of sheet "${sheet}" is not detected as designed: ${what}`);
}

/** Detection must see the table exactly where the layout put it; anything else is a bug here. */
function checkDetected(table: AssessmentTable, a: TemplateAnchors, o: ResolvedOptions): void {
  const fail = (what: string) => {
    throw designError(table.sheet, what);
  };
  const same = (cell: Located | null | undefined, address: string | null, what: string) => {
    // "" is a column the layout does not have.
    if (address === "") address = null;
    if ((cell?.address ?? null) !== address)
      fail(`${what} at ${cell?.address ?? "none"}, expected ${address ?? "none"}`);
  };
  if (table.variant !== o.variant) fail(`variant ${table.variant}`);
  if (table.family !== o.family.id) fail(`family ${table.family}, expected ${o.family.id}`);
  if (o.spec && table.unit !== o.family.unit) fail(`unit ${table.unit}, expected ${o.family.unit}`);
  if (table.kind !== "project") fail(`kind ${table.kind}`);
  if (table.range.address !== a.range) fail(`range ${table.range.address}, expected ${a.range}`);
  for (const [key, address] of Object.entries(a.header) as [HeaderFieldKey, string][])
    same(table.header[key]?.value, address, `header ${key}`);
  const rows = table.funding?.rows ?? [];
  if (rows.length !== a.funding.length) fail(`${rows.length} funding rows`);
  a.funding.forEach((f, i) => {
    const d = rows[i];
    if (d.kind !== f.kind) fail(`funding row ${i} kind ${d.kind}`);
    same(d.budget, f.budget, "budget");
    same(d.executed, f.executed, "executed");
    same(d.weight, f.weight, "funding weight");
    same(d.rate, f.rate, "rate");
    same(d.score, f.score, "funding score");
  });
  same(table.goal?.expected, a.goal.expected, "goal");
  const ind = table.indicators?.rows ?? [];
  if (ind.length !== a.indicators.length)
    fail(`${ind.length} indicator rows, expected ${a.indicators.length}`);
  a.indicators.forEach((x, i) => {
    same(ind[i].weight, x.weight, "indicator weight");
    same(ind[i].score, x.score, "indicator score");
    same(ind[i].explanation, x.explanation, "explanation");
  });
  same(table.total?.weight, a.total.weight, "total weight");
  same(table.total?.score, a.total.score, "total score");
  same(table.grade?.valueCell, a.grade, "grade");
}

const SUM_FORMULA = /^=(?:N\(([A-Z]+\d+)\)\+)?SUM\(([A-Z]+\d+):([A-Z]+\d+)\)$/;
const INLINE_GRADE = /^="((?:[^"]|"")*)"&/;

/**
 * What a planned formula computes on the blank template (its cached result). Every amount input
 * is blank there, and the planned 执行率 and funding 得分 formulas guard on ISNUMBER, so they give "";
 * 总分 sums the constants in its range; 等级 grades that sum. The tests check each against
 * HyperFormula's evaluation of the written workbook.
 */
function blankResult(
  purpose: WritePurpose,
  formula: string,
  cells: Map<string, TemplateCell>,
  results: Map<string, string | number>,
  settings: EngineSettings
): string | number {
  switch (purpose) {
    case "rate":
    case "fundingScore":
      return "";
    case "totalWeight":
    case "totalScore": {
      const m = SUM_FORMULA.exec(formula.replace(/\$/g, ""));
      if (!m) throw new Error(`template layout: unexpected 总分 formula ${formula}`);
      const valueAt = (address: string): number => {
        const v = results.has(address) ? results.get(address) : cells.get(address)?.value;
        return typeof v === "number" ? v : 0;
      };
      let sum = m[1] ? valueAt(m[1]) : 0;
      const from = parseRange(`${m[2]}:${m[3]}`);
      for (let row = from.top; row <= from.bottom; row++)
        for (let col = from.left; col <= from.right; col++) sum += valueAt(toA1(row, col));
      return roundHalfUp(sum, 10);
    }
    case "grade": {
      const ref = /ISNUMBER\(([A-Z]+\d+)\)/.exec(formula)?.[1];
      const t = ref ? results.get(ref) : undefined;
      const g = typeof t === "number" ? gradeFor(t, settings) : "";
      const inline = INLINE_GRADE.exec(formula);
      return inline ? inline[1].replace(/""/g, '"') + g : g;
    }
    default:
      throw new Error(`template layout: unexpected write ${purpose}`);
  }
}

const PURPOSE_ORDER: WritePurpose[] = [
  "rate",
  "fundingScore",
  "totalWeight",
  "totalScore",
  "grade",
];

function planFormulas(name: string, built: Built, o: ResolvedOptions): TemplateCell[] {
  const b = built.builder;
  const cells = b.all();
  const snap = planningSnapshot(
    name,
    cells,
    b.merges,
    built.lastRow,
    built.placeholders,
    built.columns
  );
  const tables = detectTables(new Grid(snap), matcherFor(o.settings));
  if (tables.length !== 1) throw designError(name, `${tables.length} tables found`);
  checkDetected(tables[0], built.anchors, o);

  const writes = planFill(tables[0], o.settings);
  const bySlot = new Map(b.slots.map((s) => [s.address, s]));
  for (const w of writes) {
    const slot = bySlot.get(w.address);
    if (!slot || slot.purpose !== w.purpose || w.formula === undefined)
      throw designError(name, `unplanned write ${w.purpose} at ${w.address}`);
    const cell = b.cell(w.address);
    cell.formula = w.formula;
    cell.purpose = w.purpose;
    if (w.numberFormat) cell.style = { ...cell.style, numFmt: w.numberFormat };
    bySlot.delete(w.address);
  }
  if (bySlot.size > 0)
    throw designError(name, `no formula planned for ${[...bySlot.keys()].join(", ")}`);

  // Cached results, in dependency order (rates before scores, 总分 before 等级).
  const byAddress = new Map(cells.map((c) => [c.address, c]));
  const results = new Map<string, string | number>();
  const formulaCells = cells
    .filter((c) => c.role === "formula")
    .sort((x, y) => PURPOSE_ORDER.indexOf(x.purpose!) - PURPOSE_ORDER.indexOf(y.purpose!));
  for (const c of formulaCells) {
    c.result = blankResult(c.purpose!, c.formula!, byAddress, results, o.settings);
    results.set(c.address, c.result);
  }
  return cells;
}

/**
 * planFormulas; for a layout a family gives as data (possibly a rule set's), a layout that detection
 * does not read as designed is the family's error, said in one line, not a bug here.
 */
function planFormulasChecked(name: string, built: Built, o: ResolvedOptions): TemplateCell[] {
  if (!o.spec) return planFormulas(name, built, o);
  try {
    return planFormulas(name, built, o);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0];
    throw new TemplateError(
      "badFamily",
      `表格式“${o.family.id}”的空白表未被识别为该表格式（${msg}）`,
      `the blank table of family "${o.family.id}" does not read as that family (${msg})`
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Row heights (Excel does not autofit merged or custom-height rows)

function textUnits(s: string): number {
  let u = 0;
  for (const ch of s) u += ch.codePointAt(0)! > 0x2e80 ? 2 : 1.1;
  return u;
}

function linesNeeded(text: string, widthUnits: number): number {
  const usable = Math.max(1, widthUnits - 1);
  let n = 0;
  for (const line of text.split("\n")) n += Math.max(1, Math.ceil(textUnits(line) / usable));
  return n;
}

function rowHeights(
  cells: TemplateCell[],
  widths: number[],
  lastRow: number,
  fixed: Map<number, number>,
  minimum: Map<number, number>
): Record<number, number> {
  const LINE = 13.5;
  const h = new Map<number, number>();
  for (let i = 0; i <= lastRow; i++) h.set(i, fixed.get(i) ?? minimum.get(i) ?? 20);
  const width = (c: TemplateCell) => {
    const m = c.merge ?? { left: c.col, right: c.col };
    let w = 0;
    for (let k = m.left; k <= m.right; k++) w += widths[k];
    return w;
  };
  const need = (c: TemplateCell) => {
    const text = typeof c.value === "string" ? c.value : "";
    const size = c.style.size ?? 10;
    return text === "" ? 0 : (linesNeeded(text, (width(c) * 10) / size) * LINE * size) / 10 + 5;
  };
  for (const c of cells) {
    const bottom = c.merge?.bottom ?? c.row;
    if (fixed.has(c.row)) continue;
    if (bottom === c.row) {
      h.set(c.row, Math.max(h.get(c.row)!, need(c)));
      continue;
    }
    let have = 0;
    for (let i = c.row; i <= bottom; i++) have += h.get(i)!;
    const missing = need(c) - have;
    if (missing > 0)
      for (let i = c.row; i <= bottom; i++)
        if (!fixed.has(i)) h.set(i, h.get(i)! + missing / (bottom - c.row + 1));
  }
  const out: Record<number, number> = {};
  for (const [i, v] of h) out[i] = Math.min(409, Math.round(v * 4) / 4);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** The sheet name of project i (1-based). */
export function templateSheetName(i: number): string {
  return `项目${i}`;
}

/**
 * The layout of a standard blank workbook: `projects` sheets named 项目1 … 项目N, one table each.
 * Throws TemplateError (zh/en reason) on a bad variant, year, project count, rule set or skeleton.
 */
export function buildTemplateLayout(options: TemplateOptions): TemplateLayout {
  const o = resolveOptions(options);
  // Every sheet has the same layout (only its name differs): plan once, copy per sheet.
  const built = buildSheet(o);
  const cells = planFormulasChecked(templateSheetName(1), built, o);

  const fixed = built.fixedHeights;
  const minimum = new Map<number, number>();
  const goalTextRow = parseRange(built.anchors.goal.expected).top;
  minimum.set(goalTextRow, 60);
  for (const x of built.anchors.indicators) minimum.set(x.row, 30);
  const heights = rowHeights(cells, built.widths, built.lastRow, fixed, minimum);

  const sheets: TemplateSheet[] = [];
  for (let i = 1; i <= o.projects; i++) {
    const name = templateSheetName(i);
    sheets.push({
      name,
      cells: cells.map((c) => ({ ...c, style: { ...c.style } })),
      merges: built.builder.merges.map((m) => ({ ...m })),
      borderBox: {
        top: built.borderTop,
        left: 0,
        bottom: built.borderBottom,
        right: built.columns - 1,
      },
      validations: built.builder.validations.map((v) => ({ ...v })),
      columnWidths: [...built.widths],
      rowHeights: { ...heights },
      print: {
        paperSize: 9,
        orientation: "portrait",
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `1:${built.titleRows}`,
        printArea: rangeToA1({
          top: 0,
          left: 0,
          bottom: built.lastRow,
          right: built.columns - 1,
        }),
      },
      protect: o.protect,
      anchors: JSON.parse(JSON.stringify(built.anchors)) as TemplateAnchors,
    });
  }
  return {
    variant: o.variant,
    family: o.family.id,
    year: o.year,
    projects: o.projects,
    rules: o.settings,
    skeleton: o.skeleton,
    sheets,
  };
}
