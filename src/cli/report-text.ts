/** `selfeval check` as text: file → sheet → table, then the findings, then a summary line per file. */
import type { Lang } from "./args";
import type { Finding } from "../engine/model/finding";
import { formatNumber } from "../engine/text/numbers";
import { messages } from "./messages";
import { CheckedFile, CheckedTable, countFile } from "./model";
import { PLAIN, Style } from "./report-style";
import { visible } from "./sanitize";

function num(n: number | null, m: ReturnType<typeof messages>): string {
  return n === null ? m.blank : formatNumber(n);
}

function pct(n: number | null, m: ReturnType<typeof messages>): string {
  return n === null ? m.blank : formatNumber(n, 2, { percent: true });
}

function shown(v: string | number | undefined): string | null {
  if (v === undefined || v === "") return null;
  return typeof v === "number" ? formatNumber(v) : v;
}

/** One finding on one line; cell text in the message is shown with its control characters escaped. */
export function findingLine(f: Finding, lang: Lang, style: Style = PLAIN): string {
  const m = messages(lang);
  const where = f.cell ? `${f.cell}  ` : "";
  const msg = lang === "en" ? f.message_en : f.message_zh;
  // Most messages already name both figures; repeat them only when the message does not.
  const e = shown(f.expected);
  const a = shown(f.actual);
  const said = (v: string | null) => v === null || msg.includes(v);
  const suffix = said(e) && said(a) ? "" : m.expectedActual(e, a);
  const mark = style.severity(
    f.severity,
    `${m.severityIcon[f.severity]} ${m.severityWord[f.severity]}`
  );
  return `${mark}  ${visible(`${where}${msg}${suffix}`)}`;
}

function tableLines(t: CheckedTable, lang: Lang, indent: string, style: Style): string[] {
  const m = messages(lang);
  const s = t.summary;
  const lines: string[] = [];
  const heading = visible(m.tableHeading(s.range, s.projectName));
  lines.push(`${indent}${heading}${t.kind === "department" ? ` ${m.departmentTable}` : ""}`);
  const inner = `${indent}  `;
  const fu = s.funding;
  if (
    fu.budget !== null ||
    fu.executed !== null ||
    fu.weight !== null ||
    fu.statedScore !== null ||
    fu.statedRate !== null
  ) {
    const parts = [
      `${m.budget} ${num(fu.budget, m)}`,
      `${m.executed} ${num(fu.executed, m)}`,
      `${m.rate} ${fu.rate === null ? m.rateUncomputable : pct(fu.rate, m)}${fu.statedRate !== null ? m.stated(pct(fu.statedRate, m)) : ""}`,
      `${m.weight} ${num(fu.weight, m)}`,
      `${m.score} ${num(fu.score, m)}${fu.statedScore !== null ? m.stated(num(fu.statedScore, m)) : ""}`,
    ];
    lines.push(`${inner}${m.funding(parts)}`);
  }
  if (s.indicators.length > 0) lines.push(`${inner}${m.indicatorsCount(s.indicators.length)}`);
  lines.push(
    `${inner}${m.total(num(s.total.weight, m), num(s.total.statedScore, m), num(s.total.computedScore, m))}`
  );
  if (t.findings.length === 0 && t.ignored.length === 0) lines.push(`${inner}${m.noFindings}`);
  for (const f of t.findings) lines.push(`${inner}${findingLine(f, lang, style)}`);
  if (t.ignored.length > 0) {
    lines.push(`${inner}${m.ignoredHeading(t.ignored.length)}`);
    for (const { finding, reason } of t.ignored)
      lines.push(`${inner}  ${findingLine(finding, lang)}${visible(m.ignoredReason(reason))}`);
  }
  return lines;
}

/**
 * The report for one readable file (an unreadable one is reported on stderr by the caller).
 * Names and cell text are escaped where they are put in (visible), so the style's colours are
 * the only escape sequences.
 */
export function renderFileText(f: CheckedFile, lang: Lang, style: Style = PLAIN): string {
  const m = messages(lang);
  const lines: string[] = [style.bold(visible(m.file(f.file)))];
  if (f.rules) lines.push(`  ${visible(m.rulesLine(f.rules))}`);
  for (const s of f.sheets) {
    if (s.error) {
      lines.push(`  ${m.sheetUnreadable(s.name, lang === "en" ? s.error.en : s.error.zh)}`);
      continue;
    }
    const others = s.findings.filter((x) => x.code !== "TABLE_NOT_FOUND");
    if (s.tables.length === 0 && others.length === 0) {
      lines.push(`  ${visible(m.sheetNoTable(s.name))}`);
      continue;
    }
    lines.push(`  ${visible(m.sheet(s.name))}`);
    for (const x of others) lines.push(`    ${findingLine(x, lang, style)}`);
    for (const t of s.tables) lines.push(...tableLines(t, lang, "    ", style));
  }
  const c = countFile(f);
  lines.push(`  ${m.fileSummary(c.tables, c.error, c.warning, c.info, c.ignored)}`);
  return `${lines.join("\n")}\n`;
}
