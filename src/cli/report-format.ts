/**
 * `check --format`: which renderer writes the report. text and summary are printed file by file
 * as the check goes; json, csv, html and xlsx are made once at the end from the reports kept.
 * The html and xlsx renderers (ECharts, ExcelJS) are loaded only when asked for.
 */
import { promises as fs } from "fs";
import * as path from "path";
import type { Lang, ReportFormat } from "./args";
import type { CheckedFile } from "./model";
import { renderCsv } from "./report-csv";
import { renderJson } from "./report-json";
import type { Style } from "./report-style";
import { renderFileSummary } from "./report-summary";
import { renderFileText } from "./report-text";

export function isStreamed(format: ReportFormat): boolean {
  return format === "text" || format === "summary";
}

/** The streamed formats' part for one file (text leaves an unreadable file to stderr). */
export function renderFileReport(
  format: ReportFormat,
  f: CheckedFile,
  lang: Lang,
  style: Style
): string | null {
  if (format === "summary") return renderFileSummary(f, lang, style);
  return f.error ? null : renderFileText(f, lang, style);
}

/** The whole report of a non-streamed format. */
export async function formatReport(
  format: ReportFormat,
  files: readonly CheckedFile[],
  lang: Lang
): Promise<string | Uint8Array> {
  switch (format) {
    case "json":
      return renderJson(files, lang);
    case "csv":
      return renderCsv(files, lang);
    case "html":
      return (await import("./report-html")).renderHtml(files, lang);
    case "xlsx":
      return (await import("./report-xlsx")).renderXlsx(files, lang);
    default:
      throw new Error(`${format} is a streamed format`);
  }
}

/** Writes next to the target and renames, so a failed write never leaves half a report under its name. */
export async function writeReportFile(file: string, body: string | Uint8Array): Promise<void> {
  const tmp = path.join(
    path.dirname(path.resolve(file)),
    `.${path.basename(file)}.${process.pid}.tmp`
  );
  try {
    await fs.writeFile(tmp, body);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
