/** Every string the CLI prints, in Chinese and English. */
import type { Lang, UsageErrorKey } from "./args";
import type { Severity } from "../engine/model/finding";
import type { WritePurpose } from "../engine/fill/plan-types";
import type { ActiveRules } from "./rules";

export const VERSION = "0.1.0";

const USAGE_ZH = `selfeval — 绩效自评表助手（命令行）

用法：
  selfeval check <文件.xlsx|文件夹>... [--json] [--lang zh|en] [--sheet 工作表名] [--rules 规则集.json]
  selfeval fill <输入.xlsx> -o <输出.xlsx> [--convert-numbers] [--no-highlight] [--apply-suggested-scores]
                [--rules 规则集.json] [--force] [--lang zh|en]
  selfeval fill <输入.xlsx> --dry-run [--json] [其余 fill 选项]
  selfeval template -o <空白表.xlsx> [--variant beijing|hunan] [--projects N] [--year 年度]
                [--rules 规则集.json] [--force] [--lang zh|en]
  selfeval --help | --version

check     查找并校验工作簿中的项目支出绩效自评表。文件夹会递归查找其中的 .xlsx 文件（按路径排序）。
          工作簿中已忽略的问题（任务窗格“忽略”并填写理由）不计入问题数和退出码，单独列在“已忽略”下。
          --json          以 JSON 输出（"version": 1，字段说明见 src/cli/report-json.ts）
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
template  生成标准空白自评表（每个项目一张工作表，含公式、下拉选项和工作表保护）。
          -o, --output    输出文件（必填）
          --variant       beijing（默认）或 hunan
          --projects N    项目数（默认 1）
          --year 年度     年度（默认今年）
          --rules 文件    嵌入该规则集（默认嵌入所选格式的预设规则集）
          -f, --force     输出文件已存在时覆盖
通用      --rules 文件    规则集 JSON（check、fill：覆盖工作簿内嵌的规则集；有误时给出警告并沿用原规则集）
          --lang zh|en    输出语言（默认中文）

退出码：check 0 无错误级问题，1 发现错误级问题，2 用法错误或有文件无法读取（其余文件照常检查，2 优先于 1）；
        fill、template 0 已写入（或无需写入），2 用法错误、拒绝覆盖或无法读取/写入。`;

const USAGE_EN = `selfeval — performance self-evaluation table assistant (command line)

Usage:
  selfeval check <file.xlsx|folder>... [--json] [--lang zh|en] [--sheet NAME] [--rules rules.json]
  selfeval fill <in.xlsx> -o <out.xlsx> [--convert-numbers] [--no-highlight] [--apply-suggested-scores]
                [--rules rules.json] [--force] [--lang zh|en]
  selfeval fill <in.xlsx> --dry-run [--json] [other fill options]
  selfeval template -o <blank.xlsx> [--variant beijing|hunan] [--projects N] [--year YEAR]
                [--rules rules.json] [--force] [--lang zh|en]
  selfeval --help | --version

check     Finds and validates the 项目支出绩效自评表 tables in workbooks. Folders are searched
          recursively for .xlsx files (sorted by path). Findings ignored in the workbook (with a
          reason, in the task pane) are left out of the counts and the exit code and listed apart.
          --json          print JSON ("version": 1; fields documented in src/cli/report-json.ts)
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
template  Writes a standard blank workbook (one sheet per project, with formulas, drop-downs and
          sheet protection).
          -o, --output    output file (required)
          --variant       beijing (default) or hunan
          --projects N    number of projects (default 1)
          --year YEAR     the year (default: this year)
          --rules FILE    embed this rule set (default: the variant's preset)
          -f, --force     overwrite the output file if it exists
Common    --rules FILE    a rule set JSON (check, fill: over the workbook's embedded rule set; a
                          malformed one is a warning and the rule set in force stays)
          --lang zh|en    output language (default Chinese)

Exit codes: check 0 no error-severity finding, 1 an error-severity finding, 2 a usage error or an
unreadable file (the other files are still checked; 2 wins over 1); fill, template 0 written (or
nothing to write), 2 a usage error, a refused overwrite, or a file that could not be read or written.`;

export interface Messages {
  usage: string;
  usageHint: string;
  usageError: Record<UsageErrorKey, (arg: string) => string>;
  severityWord: Record<Severity, string>;
  severityIcon: Record<Severity, string>;
  file: (f: string) => string;
  cannotRead: (file: string, reason: string) => string;
  noXlsxInFolder: (dir: string) => string;
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
    noCommand: () => "缺少命令（check、fill 或 template）",
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
  },
  severityWord: { error: "错误", warning: "警告", info: "提示" },
  severityIcon: { error: "✖", warning: "⚠", info: "ℹ" },
  file: (f) => `文件：${f}`,
  cannotRead: (file, reason) => `${file}：无法读取：${reason}`,
  noXlsxInFolder: (dir) => `文件夹中没有 .xlsx 文件：${dir}`,
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
    `已生成 ${f}：${v === "hunan" ? "湖南" : "北京"}格式，${y} 年度，${sh.length} 张工作表（${sheetList(sh, "、")}）；嵌入${r}`,
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
};

const EN: Messages = {
  usage: USAGE_EN,
  usageHint: "Run selfeval --help for usage.",
  usageError: {
    noCommand: () => "missing command (check, fill or template)",
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
  },
  severityWord: { error: "error", warning: "warning", info: "info" },
  severityIcon: { error: "✖", warning: "⚠", info: "ℹ" },
  file: (f) => `File: ${f}`,
  cannotRead: (file, reason) => `${file}: cannot read: ${reason}`,
  noXlsxInFolder: (dir) => `no .xlsx file in folder: ${dir}`,
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
    `Wrote ${f}: ${v === "hunan" ? "Hunan" : "Beijing"} layout, year ${y}, ${sh.length} sheet${sh.length === 1 ? "" : "s"} (${sheetList(sh, ", ")}); embedded ${r}`,
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
};

export function messages(lang: Lang): Messages {
  return lang === "en" ? EN : ZH;
}
