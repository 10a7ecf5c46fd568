/** Every string the CLI prints, in Chinese and English. */
import { visible } from "./sanitize";
import type { Lang, UsageErrorKey } from "./args";
import type { Severity } from "../engine/model/finding";
import type { WritePurpose } from "../engine/fill/plan-types";
import type { ActiveRules } from "./rules";
import { WorkbookReadError } from "../hosts/exceljs/snapshot";
import { PackageError } from "../hosts/xlsx-package/errors";
import { ZipFormatError, ZipLimitError } from "../hosts/xlsx-package/zip";

export const VERSION = "0.1.0";

const USAGE_ZH = `selfeval — 绩效自评表助手（命令行）

用法：
  selfeval check <文件.xlsx|文件夹>... [--format text|json|summary|xlsx|html|csv] [-o 报告文件] [--quiet]
                [--max-warnings N] [--json] [--lang zh|en] [--sheet 工作表名] [--rules 规则集.json]
  selfeval fill <输入.xlsx> -o <输出.xlsx> [--convert-numbers] [--no-highlight] [--apply-suggested-scores]
                [--rules 规则集.json] [--force] [--lang zh|en]
  selfeval fill <输入.xlsx> --dry-run [--json] [其余 fill 选项]
  selfeval template -o <空白表.xlsx> [--variant beijing|hunan] [--family 表格式] [--projects N] [--year 年度]
                [--rules 规则集.json] [--force] [--lang zh|en]
  selfeval strip <输入.xlsx> -o <输出.xlsx> [--keep-rules] [--force] [--lang zh|en]
  selfeval family infer <文件.xlsx> -o <表格式.json> [--sheet 工作表名] [--range A1:K30] [--force]
  selfeval --help | --version

check     查找并校验工作簿中的项目支出绩效自评表。文件夹会递归查找其中的 .xlsx、.xlsm、.xls、.et 文件
          （按路径排序），其余文件逐一说明未检查的原因。旧版 .xls 和 WPS .et（BIFF8）只读检查。
          工作簿中已忽略的问题（任务窗格“忽略”并填写理由）不计入问题数和退出码，单独列在“已忽略”下。
          --format 格式   text（默认）、json、summary（每表一行）、xlsx（汇总表）、html（离线报告）、csv
          -o, --output-file 文件  把报告写入文件（xlsx 格式必须指定）
          --json          即 --format json（"version": 1，字段说明见 src/cli/report-json.ts）
          --quiet         只报告错误级问题
          --max-warnings N  警告多于 N 条时退出码为 1
          --sheet 名称    只检查该工作表
fill      在新文件中补齐执行率、资金得分、总分（及等级）公式，并标注未说明的偏差（已忽略的除外）；
          输入文件不会被修改。
          -o, --output    输出文件（必填，不能与输入相同）
          --convert-numbers  把以文本存储的金额、分值、得分转换为数字
          --no-highlight  不标注未说明偏差的单元格
          --apply-suggested-scores  按评分规则把建议得分写入各指标得分（规则集须开启 indicatorScoring）
          -f, --force     输出文件已存在时覆盖
          --dry-run       只列出将写入的单元格、改动的填写值和未填的公式，不写任何文件（可加 --json）
          摘要列出每一处被改动的填写值（表、单元格、字段：原值 → 新值）。
          没有找到自评表或没有需要写入的内容时，不生成输出文件（退出码 0）。
strip     在新文件中删除助手数据（非常隐藏的 _selfeval 状态表：操作记录、已忽略的问题、标记、规则集），
          其余内容原样保留；输入文件不会被修改。
          --keep-rules    保留状态表，但其中只留规则集
template  生成标准空白自评表（每个项目一张工作表，含公式、下拉选项和工作表保护）。
          -o, --output    输出文件（必填）
          --variant       beijing（默认）或 hunan
          --family 表格式  按该表格式的标准空白表生成（national、hunan、sichuan-yitihua、yunnan-public）
          --projects N    项目数（默认 1）
          --year 年度     年度（默认今年）
          --rules 文件    嵌入该规则集（默认嵌入所选格式的预设规则集）
          -f, --force     输出文件已存在时覆盖
family infer  为现有表格式无法识别的表格草拟表格式（表头按字义归入字段，未能归类的表头列出），
          写成规则集 JSON（{"families": [...]}），之后用 --rules 该文件即可识别此表。
          -o, --output    输出文件（必填）；--sheet 工作表（默认第一张）；--range 表格所在区域
通用      --rules 文件    规则集 JSON（check、fill：覆盖工作簿内嵌的规则集；有误时给出警告并沿用原规则集）
          --lang zh|en    输出语言（默认中文）

退出码：check 0 无错误级问题，1 发现错误级问题，2 用法错误或有文件无法读取（其余文件照常检查，2 优先于 1）；
        fill、template、strip 0 已写入（或无需写入），2 用法错误、拒绝覆盖或无法读取/写入。`;

const USAGE_EN = `selfeval — performance self-evaluation table assistant (command line)

Usage:
  selfeval check <file.xlsx|folder>... [--format text|json|summary|xlsx|html|csv] [-o REPORT] [--quiet]
                [--max-warnings N] [--json] [--lang zh|en] [--sheet NAME] [--rules rules.json]
  selfeval fill <in.xlsx> -o <out.xlsx> [--convert-numbers] [--no-highlight] [--apply-suggested-scores]
                [--rules rules.json] [--force] [--lang zh|en]
  selfeval fill <in.xlsx> --dry-run [--json] [other fill options]
  selfeval template -o <blank.xlsx> [--variant beijing|hunan] [--family ID] [--projects N] [--year YEAR]
                [--rules rules.json] [--force] [--lang zh|en]
  selfeval strip <in.xlsx> -o <out.xlsx> [--keep-rules] [--force] [--lang zh|en]
  selfeval family infer <file.xlsx> -o <family.json> [--sheet NAME] [--range A1:K30] [--force]
  selfeval --help | --version

check     Finds and validates the 项目支出绩效自评表 tables in workbooks. Folders are searched
          recursively for .xlsx, .xlsm, .xls and .et files (sorted by path); every other file is
          named with the reason it was not checked. Legacy .xls and WPS .et (BIFF8) are read too.
          Findings ignored in the workbook (with a reason, in the task pane) are left out of the
          counts and the exit code and listed apart.
          --format FORMAT text (default), json, summary (a line per table), xlsx (a summary
                          workbook), html (an offline report), csv
          -o, --output-file FILE  write the report to FILE (required for xlsx)
          --json          same as --format json ("version": 1; fields in src/cli/report-json.ts)
          --quiet         report error-severity findings only
          --max-warnings N  exit code 1 when there are more than N warnings
          --sheet NAME    check only this sheet
fill      Writes the 执行率, funding score and 总分 (and grade) formulas into a NEW file and marks
          unexplained deviations (except ignored ones); the input file is never modified.
          -o, --output    output file (required; must differ from the input)
          --convert-numbers  turn amounts, weights and scores stored as text into numbers
          --no-highlight  do not mark unexplained deviations
          --apply-suggested-scores  write the scoring policy's suggested indicator scores (the rule
                          set must turn indicatorScoring on)
          -f, --force     overwrite the output file if it exists
          --dry-run       list the cells it would write, the typed values it would change and the
                          formulas it leaves out, and write nothing (--json for JSON)
          The summary lists every typed value changed (table, cell, field: before → after).
          When no table is found or nothing needs writing, no output file is created (exit code 0).
strip     Writes a copy without the assistant's data (the very hidden _selfeval state sheet:
          journal, ignored findings, marks, rule set); everything else is kept as it is. The
          input file is never modified.
          --keep-rules    keep the state sheet, holding the rule set only
template  Writes a standard blank workbook (one sheet per project, with formulas, drop-downs and
          sheet protection).
          -o, --output    output file (required)
          --variant       beijing (default) or hunan
          --family ID     the blank table of that table family (national, hunan, sichuan-yitihua, yunnan-public)
          --projects N    number of projects (default 1)
          --year YEAR     the year (default: this year)
          --rules FILE    embed this rule set (default: the variant's preset)
          -f, --force     overwrite the output file if it exists
family infer  Drafts a table family for a table no known layout reads (headings sorted into fields
          by their words; headings it cannot place are listed) and writes it as a rule set JSON
          ({"families": [...]}): check with --rules that file then finds the table.
          -o, --output    output file (required); --sheet the sheet (default: the first);
          --range         where the table is
Common    --rules FILE    a rule set JSON (check, fill: over the workbook's embedded rule set; a
                          malformed one is a warning and the rule set in force stays)
          --lang zh|en    output language (default Chinese)

Exit codes: check 0 no error-severity finding, 1 an error-severity finding, 2 a usage error or an
unreadable file (the other files are still checked; 2 wins over 1); fill, template, strip 0 written
(or nothing to write), 2 a usage error, a refused overwrite, or a file that could not be read or written.`;

export interface Messages {
  usage: string;
  usageHint: string;
  usageError: Record<UsageErrorKey, (arg: string) => string>;
  severityWord: Record<Severity, string>;
  severityIcon: Record<Severity, string>;
  file: (f: string) => string;
  cannotRead: (file: string, reason: string) => string;
  /** Worksheets that could not be read (damaged parts), on one stderr line; the rest was checked. */
  cannotReadSheets: (file: string, sheets: { name: string; reason: string }[]) => string;
  /** A worksheet that could not be read, in the report. */
  sheetUnreadable: (name: string, reason: string) => string;
  noXlsxInFolder: (dir: string) => string;
  // folders, formats and reports (check)
  unsupportedFile: (file: string, ext: string) => string;
  notWorkbooks: (dir: string, count: number, names: readonly string[]) => string;
  maxWarningsExceeded: (warnings: number, max: number) => string;
  reportWritten: (file: string, format: string) => string;
  reportIsInput: (file: string) => string;
  progress: (done: number, total: number) => string;
  legacyFill: (input: string) => string;
  report: ReportLabels;
  sheet: (name: string) => string;
  sheetNoTable: (name: string) => string;
  tableHeading: (range: string, projectName: string | null) => string;
  departmentTable: string;
  funding: (parts: string[]) => string;
  budget: string;
  executed: string;
  rate: string;
  weight: string;
  score: string;
  stated: (v: string) => string;
  rateUncomputable: string;
  total: (weight: string, stated: string, computed: string) => string;
  indicatorsCount: (n: number) => string;
  noFindings: string;
  expectedActual: (expected: string | null, actual: string | null) => string;
  fileSummary: (tables: number, e: number, w: number, i: number, ignored: number) => string;
  grandSummary: (
    files: number,
    tables: number,
    e: number,
    w: number,
    i: number,
    unreadable: number,
    ignored: number
  ) => string;
  ignoredHeading: (n: number) => string;
  ignoredReason: (reason: string) => string;
  // rule sets and state
  colon: string;
  warning: (text: string) => string;
  rulesLine: (active: ActiveRules) => string;
  stateUnreadable: (error: string) => string;
  policyOff: (active: ActiveRules) => string;
  // template
  templateWrote: (
    file: string,
    sheets: readonly string[],
    /** beijing, hunan, or a family's name in the output language. */
    variant: string,
    year: number,
    rules: string
  ) => string;
  templatePreset: (variant: string) => string;
  templateRulesFile: (file: string) => string;
  templateRulesRejected: (file: string, detail: string) => string;
  // fill
  fillSameFile: (out: string) => string;
  fillOutExists: (out: string) => string;
  fillNoTable: (file: string) => string;
  fillNothingToWrite: (tables: number) => string;
  fillWrote: (out: string, cells: number, highlights: number) => string;
  purpose: Record<WritePurpose, string>;
  highlightsLine: (n: number) => string;
  skipped: (sheet: string, address: string, reason: string) => string;
  remaining: (e: number, w: number, i: number) => string;
  remainingNone: string;
  writeFailed: (out: string, reason: string) => string;
  blank: string;
  // fill: tables refused by the write guard; strip
  fillRefused: (
    sheet: string,
    range: string,
    cell: string,
    holds: string,
    isLabel: boolean
  ) => string;
  stripWrote: (out: string, removed: readonly StripRemoved[]) => string;
  stripNothing: (file: string) => string;
  stripUndecodable: (file: string, error: string) => string;
  macroNeedsXlsm: (out: string) => string;
}

/** What strip removed from the state sheet (counts of entries, or the whole sheet). */
export type StripRemoved =
  | { what: "sheet" }
  | { what: "journal" | "suppressions" | "marks" | "unknown"; count: number }
  | { what: "rules" };
/** Column headings and captions of the reviewer's formats (summary, xlsx, html, csv). */
export interface ReportLabels {
  title: string;
  generated: (when: string) => string;
  file: string;
  sheet: string;
  range: string;
  projectName: string;
  department: string;
  implementer: string;
  kind: string;
  kindDepartment: string;
  kindProject: string;
  budget: string;
  executed: string;
  rate: string;
  statedRate: string;
  totalStated: string;
  totalComputed: string;
  totalShort: string;
  grade: string;
  computedGrade: string;
  errors: string;
  warnings: string;
  infos: string;
  ignored: string;
  mainCodes: string;
  cell: string;
  code: string;
  severity: string;
  message: string;
  count: string;
  status: string;
  statusOk: string;
  statusUnreadable: (reason: string) => string;
  noFindings: string;
  sheetSummary: string;
  sheetFindings: string;
  sheetByCode: string;
  sheetFiles: string;
  fileTotals: (tables: number, e: number, w: number, i: number) => string;
  chartRate: string;
  chartTotal: string;
  chartCodes: string;
  chartUnits: string;
  chartTables: string;
  worstFinding: string;
  filterAll: string;
  filterPlaceholder: string;
  shown: (n: number, total: number) => string;
  overview: (
    files: number,
    tables: number,
    e: number,
    w: number,
    i: number,
    unreadable: number
  ) => string;
  codeMeaning: string;
}

/** Sheet names for a one-line summary: all of them up to 10, else the first three … the last. */
function sheetList(sheets: readonly string[], sep: string): string {
  if (sheets.length <= 10) return sheets.join(sep);
  return `${sheets.slice(0, 3).join(sep)}${sep}…${sep}${sheets[sheets.length - 1]}`;
}

function rulesNameZh(a: ActiveRules): string {
  return a.source === "default"
    ? "默认规则集"
    : a.source === "embedded"
      ? "工作簿内嵌的规则集"
      : `规则集文件 ${a.file}`;
}

function rulesNameEn(a: ActiveRules): string {
  return a.source === "default"
    ? "the default rule set"
    : a.source === "embedded"
      ? "the rule set embedded in the workbook"
      : `the rule set file ${a.file}`;
}

const ZH: Messages = {
  usage: USAGE_ZH,
  usageHint: "运行 selfeval --help 查看用法。",
  usageError: {
    noCommand: () => "缺少命令（check、fill、template 或 strip）",
    unknownCommand: (a) => `未知命令：${a}`,
    unknownOption: (a) => `未知选项：${a}`,
    missingValue: (a) => `选项 ${a} 需要一个值`,
    badLang: (a) => `--lang 只能是 zh 或 en（收到 ${a}）`,
    optionNotForCommand: (a) => `选项 ${a} 不适用于此命令`,
    noInput: () => "缺少要处理的文件或文件夹",
    fillOneInput: (a) => `fill 只接受一个输入文件（多余：${a}）`,
    fillNoOutput: () => "fill 需要用 -o 指定输出文件",
    templateOperand: (a) => `template 不接受文件参数，请用 -o 指定输出文件（多余：${a}）`,
    templateNoOutput: () => "template 需要用 -o 指定输出文件",
    rulesUnreadable: (a) => `无法读取规则集文件 ${a}`,
    stripOneInput: (a) => `strip 只接受一个输入文件（多余：${a}）`,
    stripNoOutput: () => "strip 需要用 -o 指定输出文件",
    familySubcommand: (a) => `family 后应为 infer${a ? `（收到 ${a}）` : ""}`,
    familyOneInput: (a) => `family infer 只接受一个输入文件${a ? `（多余：${a}）` : ""}`,
    familyNoOutput: () => "family infer 需要用 -o 指定输出文件",
    badRange: (a) => `--range 应为 A1:K30 形式的区域（收到 ${a}）`,
    badFormat: (a) => `--format 只能是 text、json、summary、xlsx、html 或 csv（收到 ${a}）`,
    formatConflict: (a) => `--json 与 --format ${a} 不能同时使用`,
    formatNeedsOutput: (a) => `--format ${a} 需要用 -o 指定报告文件`,
    badMaxWarnings: (a) => `--max-warnings 需要一个非负整数（收到 ${a}）`,
  },
  severityWord: { error: "错误", warning: "警告", info: "提示" },
  severityIcon: { error: "✖", warning: "⚠", info: "ℹ" },
  file: (f) => `文件：${f}`,
  cannotRead: (file, reason) => `${file}：无法读取：${reason}`,
  cannotReadSheets: (file, sheets) =>
    `${file}：无法读取工作表：${sheets.map((x) => `“${x.name}”（${x.reason}）`).join("；")}；其余工作表已检查`,
  sheetUnreadable: (name, reason) => `工作表“${name}”：无法读取：${reason}`,
  noXlsxInFolder: (dir) => `文件夹中没有 .xlsx、.xlsm、.xls 或 .et 文件：${dir}`,
  unsupportedFile: (file, ext) =>
    `${file}：不支持的文件类型（${ext}），未检查；请在 Excel 或 WPS 中另存为 .xlsx`,
  notWorkbooks: (dir, n, names) =>
    `文件夹 ${dir}：另有 ${n} 个文件不是工作簿，未检查（${names.join("、")}${n > names.length ? "……" : ""}）`,
  maxWarningsExceeded: (w, max) => `警告 ${w} 条，超过 --max-warnings ${max}`,
  reportWritten: (file, format) => `已写入 ${format} 报告：${file}`,
  reportIsInput: (file) => `报告文件不能是被检查的工作簿：${file}`,
  progress: (d, t) => `检查中 ${d}/${t}`,
  legacyFill: (input) =>
    `${input} 是旧版格式（.xls/.et），输出将是新的 .xlsx 工作簿（保留数值、公式和合并单元格，不保留格式）`,
  report: {
    title: "绩效自评表检查报告",
    generated: (w) => `生成时间：${w}`,
    file: "文件",
    sheet: "工作表",
    range: "表格范围",
    projectName: "项目名称",
    department: "主管部门",
    implementer: "实施单位",
    kind: "类型",
    kindDepartment: "部门整体",
    kindProject: "项目",
    budget: "全年预算数",
    executed: "全年执行数",
    rate: "执行率",
    statedRate: "表中执行率",
    totalStated: "总分（表中）",
    totalComputed: "总分（计算）",
    totalShort: "总分（表中/计算）",
    grade: "等级（表中）",
    computedGrade: "等级（计算）",
    errors: "错误",
    warnings: "警告",
    infos: "提示",
    ignored: "已忽略",
    mainCodes: "主要问题",
    cell: "单元格",
    code: "问题代码",
    severity: "级别",
    message: "说明",
    count: "数量",
    status: "状态",
    statusOk: "已检查",
    statusUnreadable: (r) => `无法读取：${r}`,
    noFindings: "未发现问题",
    sheetSummary: "汇总",
    sheetFindings: "问题清单",
    sheetByCode: "按问题类型",
    sheetFiles: "文件",
    fileTotals: (t, e, w, i) => `小计：${t} 张自评表；错误 ${e}，警告 ${w}，提示 ${i}`,
    chartRate: "执行率分布",
    chartTotal: "总分分布（计算）",
    chartCodes: "各类问题数量",
    chartUnits: "各实施单位的自评表及最严重问题",
    chartTables: "自评表数",
    worstFinding: "最严重问题",
    filterAll: "全部",
    filterPlaceholder: "筛选：文件、项目、代码或说明",
    shown: (n, t) => `显示 ${n} / ${t} 条`,
    overview: (f, t, e, w, i, u) =>
      `${f} 个文件，${t} 张自评表；错误 ${e}，警告 ${w}，提示 ${i}${u ? `；${u} 个文件无法读取` : ""}`,
    codeMeaning: "含义见 README 的问题代码表",
  },
  sheet: (name) => `工作表“${name}”`,
  sheetNoTable: (name) => `工作表“${name}”：未找到自评表`,
  tableHeading: (range, pn) => `自评表 ${range}\u3000项目名称：${pn ?? "（无）"}`,
  departmentTable: "（部门整体支出绩效自评表）",
  funding: (parts) => `资金：${parts.join("，")}`,
  budget: "全年预算数",
  executed: "全年执行数",
  rate: "执行率",
  weight: "分值",
  score: "得分",
  stated: (v) => `（表中填写 ${v}）`,
  rateUncomputable: "无法计算",
  total: (w, s, c) => `总分：分值 ${w}，表中得分 ${s}，计算得分 ${c}`,
  indicatorsCount: (n) => `绩效指标 ${n} 行`,
  noFindings: "未发现问题",
  expectedActual: (e, a) => {
    const parts: string[] = [];
    if (e !== null) parts.push(`应为 ${e}`);
    if (a !== null) parts.push(`实为 ${a}`);
    return parts.length ? `（${parts.join("，")}）` : "";
  },
  fileSummary: (t, e, w, i, g) =>
    `小结：${t} 张自评表；错误 ${e}，警告 ${w}，提示 ${i}${g ? `；已忽略 ${g}` : ""}`,
  grandSummary: (f, t, e, w, i, u, g) =>
    `合计：${f} 个文件，${t} 张自评表；错误 ${e}，警告 ${w}，提示 ${i}${g ? `；已忽略 ${g}` : ""}${u ? `；${u} 个文件无法读取` : ""}`,
  ignoredHeading: (n) => `已忽略 ${n} 条：`,
  ignoredReason: (r) => `（忽略理由：${r}）`,
  colon: "：",
  warning: (t) => `警告：${t}`,
  rulesLine: (a) =>
    a.source === "default"
      ? "规则集：默认"
      : a.source === "embedded"
        ? "规则集：工作簿内嵌"
        : a.source === "file"
          ? `规则集：文件 ${a.file}`
          : `规则集：文件 ${a.file}（叠加于工作簿内嵌规则集之上）`,
  stateUnreadable: (e) => `工作簿状态表 _selfeval 无法解读，其中的忽略记录和规则集未被采用（${e}）`,
  policyOff: (a) =>
    `未写入建议得分：评分规则未开启（${rulesNameZh(a)}的 indicatorScoring.enabled 为 false）。` +
    `开启方法：在规则集文件中写 {"indicatorScoring": {"enabled": true}}，再加 --rules 该文件运行 fill。`,
  templateWrote: (f, sh, v, y, r) =>
    `已生成 ${f}：${v === "hunan" ? "湖南" : v === "beijing" ? "北京" : v}格式，${y} 年度，${sh.length} 张工作表（${sheetList(sh, "、")}）；嵌入${r}`,
  templatePreset: (v) => `${v === "hunan" ? "湖南" : "北京"}预设规则集`,
  templateRulesFile: (f) => `规则集文件 ${f}`,
  templateRulesRejected: (f, d) => `规则集文件 ${f} 有误，未生成模板：${d}`,
  fillSameFile: (out) => `输出文件与输入文件相同，拒绝覆盖输入：${out}`,
  fillOutExists: (out) => `输出文件已存在：${out}（如需覆盖请加 --force）`,
  fillNoTable: (file) => `${file}：未找到项目支出绩效自评表，未生成输出文件。`,
  fillNothingToWrite: (t) => `找到 ${t} 张自评表，无需写入任何内容，未生成输出文件。`,
  fillWrote: (out, n, h) => `已写入 ${out}：${n} 个单元格${h ? `，标注 ${h} 个单元格` : ""}`,
  purpose: {
    rate: "执行率",
    fundingScore: "资金得分",
    totalScore: "总分得分",
    totalWeight: "总分分值",
    grade: "等级",
    convertNumber: "文本转数字",
    suggestedScore: "建议得分",
  },
  highlightsLine: (n) => `未说明的偏差（已标注并加批注）：${n}`,
  skipped: (s, a, r) => `跳过 ${s}!${a}：${r}`,
  remaining: (e, w, i) => `仍需人工处理的问题：错误 ${e}，警告 ${w}，提示 ${i}`,
  remainingNone: "没有仍需人工处理的问题。",
  writeFailed: (out, r) => `无法写入 ${out}：${r}`,
  blank: "空",
  fillRefused: (s, range, cell, holds, isLabel) =>
    `未填充 工作表“${s}”的自评表 ${range}：公式将写入 ${cell}，该单元格${isLabel ? "是表格的标签" : "填有非本栏数值的文字"}“${visible(holds)}”，表头无法一致读取，请核对表格后再填充`,
  stripWrote: (out, removed) =>
    `已写入 ${out}：${removed
      .map((r) =>
        r.what === "sheet"
          ? "删除状态表 _selfeval（操作记录、已忽略的问题、标记和规则集）"
          : r.what === "rules"
            ? "保留规则集"
            : `删除${{ journal: "操作记录", suppressions: "已忽略的问题", marks: "标记记录", unknown: "其他状态" }[r.what]} ${r.count} 条`
      )
      .join("，")}`,
  stripNothing: (file) => `${file}：没有助手数据（_selfeval 状态表），未生成输出文件。`,
  stripUndecodable: (file, e) =>
    `${file}：状态表 _selfeval 无法解读（${visible(e)}），无法只保留规则集；未生成输出文件（不加 --keep-rules 可整体删除）`,
  macroNeedsXlsm: (out) =>
    `输入是启用宏的工作簿（含 VBA），输出文件须以 .xlsm 结尾，否则 Excel 无法打开：${out}`,
};

const EN: Messages = {
  usage: USAGE_EN,
  usageHint: "Run selfeval --help for usage.",
  usageError: {
    noCommand: () => "missing command (check, fill, template or strip)",
    unknownCommand: (a) => `unknown command: ${a}`,
    unknownOption: (a) => `unknown option: ${a}`,
    missingValue: (a) => `option ${a} needs a value`,
    badLang: (a) => `--lang must be zh or en (got ${a})`,
    optionNotForCommand: (a) => `option ${a} does not apply to this command`,
    noInput: () => "no file or folder given",
    fillOneInput: (a) => `fill takes exactly one input file (extra: ${a})`,
    fillNoOutput: () => "fill needs an output file: -o <out.xlsx>",
    templateOperand: (a) => `template takes no file operand; name the output with -o (extra: ${a})`,
    templateNoOutput: () => "template needs an output file: -o <blank.xlsx>",
    rulesUnreadable: (a) => `cannot read the rule set file ${a}`,
    stripOneInput: (a) => `strip takes exactly one input file (extra: ${a})`,
    stripNoOutput: () => "strip needs an output file: -o <out.xlsx>",
    familySubcommand: (a) => `family must be followed by infer${a ? ` (got ${a})` : ""}`,
    familyOneInput: (a) => `family infer takes exactly one input file${a ? ` (extra: ${a})` : ""}`,
    familyNoOutput: () => "family infer needs an output file: -o <family.json>",
    badRange: (a) => `--range must be a range such as A1:K30 (got ${a})`,
    badFormat: (a) => `--format must be text, json, summary, xlsx, html or csv (got ${a})`,
    formatConflict: (a) => `--json and --format ${a} cannot be used together`,
    formatNeedsOutput: (a) => `--format ${a} needs a report file: -o FILE`,
    badMaxWarnings: (a) => `--max-warnings needs a whole number ≥ 0 (got ${a})`,
  },
  severityWord: { error: "error", warning: "warning", info: "info" },
  severityIcon: { error: "✖", warning: "⚠", info: "ℹ" },
  file: (f) => `File: ${f}`,
  cannotRead: (file, reason) => `${file}: cannot read: ${reason}`,
  cannotReadSheets: (file, sheets) =>
    `${file}: cannot read sheet${sheets.length > 1 ? "s" : ""} ${sheets.map((x) => `"${x.name}" (${x.reason})`).join("; ")}; the other sheets were checked`,
  sheetUnreadable: (name, reason) => `Sheet "${name}": cannot be read: ${reason}`,
  noXlsxInFolder: (dir) => `no .xlsx, .xlsm, .xls or .et file in folder: ${dir}`,
  unsupportedFile: (file, ext) =>
    `${file}: unsupported file type (${ext}), not checked; save it as .xlsx in Excel or WPS`,
  notWorkbooks: (dir, n, names) =>
    `folder ${dir}: ${n} other file${n === 1 ? " is" : "s are"} not a workbook, not checked (${names.join(", ")}${n > names.length ? ", …" : ""})`,
  maxWarningsExceeded: (w, max) => `${w} warnings, more than --max-warnings ${max}`,
  reportWritten: (file, format) => `wrote the ${format} report: ${file}`,
  reportIsInput: (file) => `the report file may not be a workbook being checked: ${file}`,
  progress: (d, t) => `checking ${d}/${t}`,
  legacyFill: (input) =>
    `${input} is a legacy workbook (.xls/.et): the output is a new .xlsx workbook (values, formulas and merges kept, formatting not)`,
  report: {
    title: "Self-evaluation table check report",
    generated: (w) => `Generated ${w}`,
    file: "File",
    sheet: "Sheet",
    range: "Range",
    projectName: "Project (项目名称)",
    department: "Department (主管部门)",
    implementer: "Unit (实施单位)",
    kind: "Kind",
    kindDepartment: "department",
    kindProject: "project",
    budget: "Budget",
    executed: "Spent",
    rate: "Execution rate",
    statedRate: "Stated rate",
    totalStated: "Total (stated)",
    totalComputed: "Total (computed)",
    totalShort: "Total (stated/computed)",
    grade: "Grade (stated)",
    computedGrade: "Grade (computed)",
    errors: "Errors",
    warnings: "Warnings",
    infos: "Info",
    ignored: "Ignored",
    mainCodes: "Main codes",
    cell: "Cell",
    code: "Code",
    severity: "Severity",
    message: "Message",
    count: "Count",
    status: "Status",
    statusOk: "checked",
    statusUnreadable: (r) => `cannot read: ${r}`,
    noFindings: "no findings",
    sheetSummary: "Summary",
    sheetFindings: "Findings",
    sheetByCode: "By code",
    sheetFiles: "Files",
    fileTotals: (t, e, w, i) =>
      `Subtotal: ${t} table${t === 1 ? "" : "s"}; ${e} errors, ${w} warnings, ${i} info`,
    chartRate: "Execution rate distribution",
    chartTotal: "Total score distribution (computed)",
    chartCodes: "Findings by code",
    chartUnits: "Tables by unit, with their worst finding",
    chartTables: "Tables",
    worstFinding: "Worst finding",
    filterAll: "All",
    filterPlaceholder: "Filter: file, project, code or message",
    shown: (n, t) => `showing ${n} of ${t}`,
    overview: (f, t, e, w, i, u) =>
      `${f} file${f === 1 ? "" : "s"}, ${t} table${t === 1 ? "" : "s"}; ${e} errors, ${w} warnings, ${i} info${u ? `; ${u} unreadable` : ""}`,
    codeMeaning: "codes are explained in the README's table of finding codes",
  },
  sheet: (name) => `Sheet "${name}"`,
  sheetNoTable: (name) => `Sheet "${name}": no self-evaluation table found`,
  tableHeading: (range, pn) => `Table ${range}  project: ${pn ?? "(none)"}`,
  departmentTable: "(whole-department table)",
  funding: (parts) => `Funding: ${parts.join(", ")}`,
  budget: "budget",
  executed: "spent",
  rate: "execution rate",
  weight: "weight",
  score: "score",
  stated: (v) => ` (stated ${v})`,
  rateUncomputable: "cannot be computed",
  total: (w, s, c) => `Total: weight ${w}, stated score ${s}, computed score ${c}`,
  indicatorsCount: (n) => `${n} indicator rows`,
  noFindings: "no findings",
  expectedActual: (e, a) => {
    const parts: string[] = [];
    if (e !== null) parts.push(`expected ${e}`);
    if (a !== null) parts.push(`actual ${a}`);
    return parts.length ? ` (${parts.join(", ")})` : "";
  },
  fileSummary: (t, e, w, i, g) =>
    `Summary: ${t} table${t === 1 ? "" : "s"}; ${e} errors, ${w} warnings, ${i} info${g ? `; ${g} ignored` : ""}`,
  grandSummary: (f, t, e, w, i, u, g) =>
    `Total: ${f} file${f === 1 ? "" : "s"}, ${t} table${t === 1 ? "" : "s"}; ${e} errors, ${w} warnings, ${i} info${g ? `; ${g} ignored` : ""}${u ? `; ${u} unreadable` : ""}`,
  ignoredHeading: (n) => `Ignored (${n}):`,
  ignoredReason: (r) => ` (reason: ${r})`,
  colon: ": ",
  warning: (t) => `warning: ${t}`,
  rulesLine: (a) =>
    a.source === "default"
      ? "Rule set: defaults"
      : a.source === "embedded"
        ? "Rule set: embedded in the workbook"
        : a.source === "file"
          ? `Rule set: file ${a.file}`
          : `Rule set: file ${a.file} (over the one embedded in the workbook)`,
  stateUnreadable: (e) =>
    `the workbook's _selfeval state sheet cannot be decoded; its ignored findings and rule set are not used (${e})`,
  policyOff: (a) =>
    `no suggested scores written: the scoring policy is off (indicatorScoring.enabled is false in ${rulesNameEn(a)}). ` +
    `To turn it on, put {"indicatorScoring": {"enabled": true}} in a rule set file and run fill with --rules FILE.`,
  templateWrote: (f, sh, v, y, r) =>
    `Wrote ${f}: ${v === "hunan" ? "Hunan" : v === "beijing" ? "Beijing" : v} layout, year ${y}, ${sh.length} sheet${sh.length === 1 ? "" : "s"} (${sheetList(sh, ", ")}); embedded ${r}`,
  templatePreset: (v) => `the ${v} preset rule set`,
  templateRulesFile: (f) => `the rule set file ${f}`,
  templateRulesRejected: (f, d) => `rule set file ${f} rejected, no template written: ${d}`,
  fillSameFile: (out) =>
    `the output file is the input file; refusing to overwrite the input: ${out}`,
  fillOutExists: (out) => `the output file exists: ${out} (add --force to overwrite it)`,
  fillNoTable: (file) => `${file}: no 项目支出绩效自评表 found; no output file written.`,
  fillNothingToWrite: (t) =>
    `${t} table${t === 1 ? "" : "s"} found, nothing to write; no output file written.`,
  fillWrote: (out, n, h) =>
    `Wrote ${out}: ${n} cell${n === 1 ? "" : "s"}${h ? `, ${h} cell${h === 1 ? "" : "s"} marked` : ""}`,
  purpose: {
    rate: "execution rate",
    fundingScore: "funding score",
    totalScore: "total score",
    totalWeight: "total weight",
    grade: "grade",
    convertNumber: "text → number",
    suggestedScore: "suggested score",
  },
  highlightsLine: (n) => `unexplained deviations (marked, with a note): ${n}`,
  skipped: (s, a, r) => `skipped ${s}!${a}: ${r}`,
  remaining: (e, w, i) => `Left for a person to fix: ${e} errors, ${w} warnings, ${i} info`,
  remainingNone: "Nothing left for a person to fix.",
  writeFailed: (out, r) => `cannot write ${out}: ${r}`,
  blank: "blank",
  fillRefused: (s, range, cell, holds, isLabel) =>
    `not filled: table ${range} on sheet "${s}": a formula would go into ${cell}, which holds ${isLabel ? "a label of the table" : "text that is not a value of its field"} "${visible(holds)}"; the header cannot be read consistently, check the table and fill again`,
  stripWrote: (out, removed) =>
    `Wrote ${out}: ${removed
      .map((r) =>
        r.what === "sheet"
          ? "removed the _selfeval state sheet (journal, ignored findings, marks and rule set)"
          : r.what === "rules"
            ? "kept the rule set"
            : `removed ${r.count} ${{ journal: "journal entries", suppressions: "ignored findings", marks: "marks", unknown: "other state entries" }[r.what]}`
      )
      .join(", ")}`,
  stripNothing: (file) =>
    `${file}: no assistant data (no _selfeval state sheet); no output file written.`,
  stripUndecodable: (file, e) =>
    `${file}: the _selfeval state sheet cannot be decoded (${visible(e)}), so its rule set cannot be kept alone; no output file written (without --keep-rules the whole sheet is removed)`,
  macroNeedsXlsm: (out) =>
    `the input is a macro-enabled workbook (with VBA); the output must end in .xlsm or Excel will not open it: ${out}`,
};

export function messages(lang: Lang): Messages {
  return lang === "en" ? EN : ZH;
}

// ---------------------------------------------------------------------------------------------
// Reading and writing packages (fill, strip): every failure as one line in the user's language,
// never a library's own message.

export { visible };

/** The first line of an error's message, control characters made visible. */
export function oneLineOf(e: unknown): string {
  return visible((e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0]);
}

function mib(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MiB`;
}

const ZIP_FORMAT_ZH: Record<ZipFormatError["code"], string> = {
  "not-a-zip": "不是有效的 .xlsx 文件（无法解压）",
  truncated: "文件不完整（压缩包被截断或损坏）",
  zip64: "不支持 ZIP64 格式的压缩包，请在 Excel 中另存为 .xlsx",
  encrypted: "压缩包内容已加密，无法读取",
  "multi-disk": "不支持分卷压缩包",
  "unsupported-method": "压缩包使用了不支持的压缩方式",
  "duplicate-entry": "压缩包中有重名的部件",
  "no-such-entry": "压缩包中缺少所需的部件",
  "bad-local-header": "压缩包已损坏（文件头无效）",
  "corrupt-data": "压缩数据已损坏",
  "size-mismatch": "压缩数据已损坏（解压后的大小与声明不符）",
  "crc-mismatch": "压缩数据已损坏（CRC 校验失败）",
};

const ZIP_FORMAT_EN: Record<ZipFormatError["code"], string> = {
  "not-a-zip": "not a valid .xlsx file (cannot unzip)",
  truncated: "the file is incomplete (the archive is truncated or damaged)",
  zip64: "ZIP64 archives are not supported; save it as .xlsx in Excel",
  encrypted: "the archive's contents are encrypted",
  "multi-disk": "split (multi-disk) archives are not supported",
  "unsupported-method": "the archive uses an unsupported compression method",
  "duplicate-entry": "the archive holds two parts with the same name",
  "no-such-entry": "a required part is missing from the archive",
  "bad-local-header": "the archive is damaged (bad entry header)",
  "corrupt-data": "the compressed data is corrupt",
  "size-mismatch": "the compressed data is corrupt (its size differs from the declared one)",
  "crc-mismatch": "the compressed data is corrupt (CRC check failed)",
};

const PACKAGE_ZH: Record<PackageError["code"], string> = {
  "no-workbook": "不是 Excel 工作簿（缺少工作簿部件）",
  "malformed-part": "工作簿的部件格式异常，无法安全修改",
  "no-sheet-data": "工作表部件中没有单元格数据（sheetData），无法写入",
};

const PACKAGE_EN: Record<PackageError["code"], string> = {
  "no-workbook": "not an Excel workbook (no workbook part)",
  "malformed-part": "a part of the workbook is malformed and cannot be changed safely",
  "no-sheet-data": "a worksheet part has no cell data (sheetData) to write into",
};

/** Why a workbook could not be read or patched, as one line (without the file name). */
export function readFailure(e: unknown, lang: Lang): string {
  const en = lang === "en";
  if (e instanceof WorkbookReadError) return visible(en ? e.reason_en : e.reason_zh);
  if (e instanceof ZipLimitError) {
    const part = e.entry ? visible(e.entry) : "";
    if (e.code === "entries")
      return en
        ? `the archive has more than ${e.limit} parts (limit)`
        : `压缩包中的部件超过 ${e.limit} 个（上限）`;
    if (e.code === "entry-size")
      return en
        ? `part ${part} inflates to more than ${mib(e.limit)} (limit)`
        : `部件 ${part} 解压后超过 ${mib(e.limit)}（上限）`;
    return en
      ? `the workbook inflates to more than ${mib(e.limit)} in total (limit)`
      : `工作簿解压后总计超过 ${mib(e.limit)}（上限）`;
  }
  if (e instanceof ZipFormatError) {
    const text = (en ? ZIP_FORMAT_EN : ZIP_FORMAT_ZH)[e.code];
    return e.entry ? `${text}${en ? ": " : "："}${visible(e.entry)}` : text;
  }
  if (e instanceof PackageError) {
    const text = (en ? PACKAGE_EN : PACKAGE_ZH)[e.code];
    return e.part ? `${text}${en ? ": " : "："}${visible(e.part)}` : text;
  }
  return en ? `cannot read (${oneLineOf(e)})` : `无法读取（${oneLineOf(e)}）`;
}

/** What `selfeval family infer` prints. */
export interface FamilyMessages {
  wrote: (out: string, id: string, mapped: number) => string;
  found: (sheet: string, range: string) => string;
  notFound: string;
  unmapped: (list: string) => string;
  allMapped: string;
  cannotInfer: (file: string, reason: string) => string;
  outExists: (out: string) => string;
  noSheet: (file: string) => string;
  useIt: (out: string, file: string) => string;
}

const FAMILY_ZH: FamilyMessages = {
  wrote: (out, id, n) => `已写入 ${out}：表格式“${id}”（归类表头 ${n} 个）`,
  found: (sheet, range) => `用此表格式可在工作表“${sheet}”的 ${range} 识别出自评表`,
  notFound: "用此表格式仍未能识别出完整的自评表，请检查并补充 JSON 中的写法",
  unmapped: (list) => `未能归类的表头：${list}`,
  allMapped: "所有表头均已归类",
  cannotInfer: (file, reason) => `${file}：无法草拟表格式：${reason}`,
  outExists: (out) => `输出文件已存在：${out}（加 --force 覆盖）`,
  noSheet: (file) => `${file}：没有工作表`,
  useIt: (out, file) => `校验：selfeval check ${file} --rules ${out}`,
};

const FAMILY_EN: FamilyMessages = {
  wrote: (out, id, n) => `wrote ${out}: family "${id}" (${n} headings mapped)`,
  found: (sheet, range) => `with it, sheet "${sheet}" reads a table at ${range}`,
  notFound: "with it, no complete table is read yet: check and complete the spellings in the JSON",
  unmapped: (list) => `headings not mapped: ${list}`,
  allMapped: "every heading is mapped",
  cannotInfer: (file, reason) => `${file}: cannot draft a family: ${reason}`,
  outExists: (out) => `the output file exists: ${out} (add --force to overwrite it)`,
  noSheet: (file) => `${file}: no worksheet`,
  useIt: (out, file) => `check it: selfeval check ${file} --rules ${out}`,
};

export function familyMessages(lang: Lang): FamilyMessages {
  return lang === "en" ? FAMILY_EN : FAMILY_ZH;
}
