/**
 * `check --format csv`: UTF-8 with a byte-order mark (without it Excel opens the file as GBK and
 * shows 乱码), CRLF line ends and RFC 4180 quoting.
 *
 * One row per finding, each with its table's context (file, sheet, 项目名称, range) so the rows
 * sort and filter on their own. So that every table and every file is in the file, a table with
 * no finding gets one row with an empty code and "未发现问题", and an unreadable file one row with
 * severity error, an empty code and the reason. Per-table figures (执行率, 总分 …) are not
 * repeated on every finding: the xlsx format's 汇总 sheet is the per-table view.
 *
 * Text is escaped like every text output (control characters shown as \xHH), and a field that
 * a spreadsheet would take for a formula (= + - @ at the start) gets a leading apostrophe.
 */
import type { Lang } from "./args";
import { messages } from "./messages";
import type { CheckedFile } from "./model";
import { reportRows } from "./report-facts";
import { visible } from "./sanitize";

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  let s = visible(value);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(files: readonly CheckedFile[], lang: Lang): string {
  const m = messages(lang);
  const r = m.report;
  const rows = reportRows(files, lang);
  const out: (string | number | null)[][] = [
    [r.file, r.sheet, r.projectName, r.range, r.cell, r.code, r.severity, r.message],
  ];
  const byTable = new Map<string, typeof rows.findings>();
  const key = (file: string, sheet: string, range: string | null) =>
    `${file}\u0000${sheet}\u0000${range}`;
  for (const f of rows.findings) {
    const k = key(f.file, f.sheet, f.range);
    let list = byTable.get(k);
    if (!list) byTable.set(k, (list = []));
    list.push(f);
  }
  for (const file of rows.files) {
    if (file.unreadable !== null) {
      out.push([
        file.file,
        null,
        null,
        null,
        null,
        null,
        m.severityWord.error,
        r.statusUnreadable(file.unreadable),
      ]);
      continue;
    }
    const sheets = new Set<string>();
    for (const f of rows.findings)
      if (f.file === file.file && f.range === null) sheets.add(f.sheet);
    for (const t of rows.tables.filter((x) => x.file === file.file)) sheets.add(t.sheet);
    for (const sheet of sheets) {
      for (const f of byTable.get(key(file.file, sheet, null)) ?? [])
        out.push([
          f.file,
          f.sheet,
          null,
          null,
          f.cell,
          f.code,
          m.severityWord[f.severity],
          f.message,
        ]);
      for (const t of rows.tables.filter((x) => x.file === file.file && x.sheet === sheet)) {
        const list = byTable.get(key(t.file, t.sheet, t.range)) ?? [];
        if (list.length === 0)
          out.push([t.file, t.sheet, t.projectName, t.range, null, null, null, r.noFindings]);
        for (const f of list)
          out.push([
            f.file,
            f.sheet,
            f.projectName,
            f.range,
            f.cell,
            f.code,
            m.severityWord[f.severity],
            f.message,
          ]);
      }
    }
  }
  return `\ufeff${out.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
