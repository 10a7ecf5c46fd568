/** Every string the CLI prints, in Chinese and English. */
import type { Lang, UsageErrorKey } from "./args";
import type { Severity } from "../engine/model/finding";
import type { WritePurpose } from "../engine/fill/plan-types";

export const VERSION = "0.1.0";

const USAGE_ZH = `selfeval — 绩效自评表助手（命令行）

用法：
  selfeval check <文件.xlsx|文件夹>... [--json] [--lang zh|en] [--sheet 工作表名]
  selfeval fill <输入.xlsx> -o <输出.xlsx> [--convert-numbers] [--no-highlight] [--force] [--lang zh|en]
  selfeval --help | --version

check  查找并校验工作簿中的项目支出绩效自评表。文件夹会递归查找其中的 .xlsx 文件（按路径排序）。
       --json          以 JSON 输出（"version": 1，字段说明见 src/cli/report-json.ts）
       --sheet 名称    只检查该工作表
fill   在新文件中补齐执行率、资金得分、总分（及等级）公式，并标注未说明的偏差；输入文件不会被修改。
       -o, --output    输出文件（必填，不能与输入相同）
       --convert-numbers  把以文本存储的金额、分值、得分转换为数字
       --no-highlight  不标注未说明偏差的单元格
       -f, --force     输出文件已存在时覆盖
       没有找到自评表或没有需要写入的内容时，不生成输出文件（退出码 0）。
通用   --lang zh|en    输出语言（默认中文）

退出码：check 0 无错误级问题，1 发现错误级问题，2 用法错误或有文件无法读取（其余文件照常检查，2 优先于 1）；
        fill 0 已写入或无需写入，2 用法错误、拒绝覆盖或无法读取/写入。`;

const USAGE_EN = `selfeval — performance self-evaluation table assistant (command line)

Usage:
  selfeval check <file.xlsx|folder>... [--json] [--lang zh|en] [--sheet NAME]
  selfeval fill <in.xlsx> -o <out.xlsx> [--convert-numbers] [--no-highlight] [--force] [--lang zh|en]
  selfeval --help | --version

check  Finds and validates the 项目支出绩效自评表 tables in workbooks. Folders are searched
       recursively for .xlsx files (sorted by path).
       --json          print JSON ("version": 1; fields documented in src/cli/report-json.ts)
       --sheet NAME    check only this sheet
fill   Writes the 执行率, funding score and 总分 (and grade) formulas into a NEW file and marks
       unexplained deviations; the input file is never modified.
       -o, --output    output file (required; must differ from the input)
       --convert-numbers  turn amounts, weights and scores stored as text into numbers
       --no-highlight  do not mark unexplained deviations
       -f, --force     overwrite the output file if it exists
       When no table is found or nothing needs writing, no output file is created (exit code 0).
Common --lang zh|en    output language (default Chinese)

Exit codes: check 0 no error-severity finding, 1 an error-severity finding, 2 a usage error or an
unreadable file (the other files are still checked; 2 wins over 1); fill 0 written or nothing to
write, 2 a usage error, a refused overwrite, or a file that could not be read or written.`;

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
  fileSummary: (tables: number, e: number, w: number, i: number) => string;
  grandSummary: (
    files: number,
    tables: number,
    e: number,
    w: number,
    i: number,
    unreadable: number
  ) => string;
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

const ZH: Messages = {
  usage: USAGE_ZH,
  usageHint: "运行 selfeval --help 查看用法。",
  usageError: {
    noCommand: () => "缺少命令（check 或 fill）",
    unknownCommand: (a) => `未知命令：${a}`,
    unknownOption: (a) => `未知选项：${a}`,
    missingValue: (a) => `选项 ${a} 需要一个值`,
    badLang: (a) => `--lang 只能是 zh 或 en（收到 ${a}）`,
    optionNotForCommand: (a) => `选项 ${a} 不适用于此命令`,
    noInput: () => "缺少要处理的文件或文件夹",
    fillOneInput: (a) => `fill 只接受一个输入文件（多余：${a}）`,
    fillNoOutput: () => "fill 需要用 -o 指定输出文件",
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
  fileSummary: (t, e, w, i) => `小结：${t} 张自评表；错误 ${e}，警告 ${w}，提示 ${i}`,
  grandSummary: (f, t, e, w, i, u) =>
    `合计：${f} 个文件，${t} 张自评表；错误 ${e}，警告 ${w}，提示 ${i}${u ? `；${u} 个文件无法读取` : ""}`,
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
    noCommand: () => "missing command (check or fill)",
    unknownCommand: (a) => `unknown command: ${a}`,
    unknownOption: (a) => `unknown option: ${a}`,
    missingValue: (a) => `option ${a} needs a value`,
    badLang: (a) => `--lang must be zh or en (got ${a})`,
    optionNotForCommand: (a) => `option ${a} does not apply to this command`,
    noInput: () => "no file or folder given",
    fillOneInput: (a) => `fill takes exactly one input file (extra: ${a})`,
    fillNoOutput: () => "fill needs an output file: -o <out.xlsx>",
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
  fileSummary: (t, e, w, i) =>
    `Summary: ${t} table${t === 1 ? "" : "s"}; ${e} errors, ${w} warnings, ${i} info`,
  grandSummary: (f, t, e, w, i, u) =>
    `Total: ${f} file${f === 1 ? "" : "s"}, ${t} table${t === 1 ? "" : "s"}; ${e} errors, ${w} warnings, ${i} info${u ? `; ${u} unreadable` : ""}`,
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
