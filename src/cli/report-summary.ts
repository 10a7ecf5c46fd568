/**
 * `check --format summary`: one line per table — file, sheet, range, 项目名称, 执行率, 总分
 * (stated/computed), errors, warnings — then a subtotal line per file. Every line starts with the
 * file, so the output sorts and greps by file. Names and cell text are escaped (sanitize.ts).
 */
import type { Lang } from "./args";
import { formatNumber } from "../engine/text/numbers";
import { messages } from "./messages";
import type { CheckedFile } from "./model";
import { reportRows } from "./report-facts";
import { PLAIN, Style } from "./report-style";
import { visible } from "./sanitize";

function num(n: number | null, blank: string): string {
  return n === null ? blank : formatNumber(n);
}

export function renderFileSummary(f: CheckedFile, lang: Lang, style: Style = PLAIN): string {
  const m = messages(lang);
  const r = m.report;
  const rows = reportRows([f], lang);
  const file = visible(f.file);
  const info = rows.files[0];
  if (info.unreadable !== null)
    return `${file}  ${style.severity("error", visible(r.statusUnreadable(info.unreadable)))}\n`;
  const lines: string[] = [];
  for (const t of rows.tables) {
    const rate = t.rate === null ? m.blank : formatNumber(t.rate, 2, { percent: true });
    const counts = [
      t.error ? style.severity("error", `${r.errors} ${t.error}`) : `${r.errors} 0`,
      t.warning ? style.severity("warning", `${r.warnings} ${t.warning}`) : `${r.warnings} 0`,
    ].join("  ");
    lines.push(
      [
        file,
        visible(t.sheet),
        t.range,
        visible(t.projectName ?? "—"),
        `${r.rate} ${rate}`,
        `${r.totalShort} ${num(t.totalStated, m.blank)}/${num(t.totalComputed, m.blank)}`,
        counts,
      ].join("  ")
    );
  }
  lines.push(`${file}  ${r.fileTotals(info.tables, info.error, info.warning, info.info)}`);
  return `${lines.join("\n")}\n`;
}
