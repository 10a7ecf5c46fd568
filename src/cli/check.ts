/** `selfeval check`: read, analyse and report each file; unreadable files are reported and skipped. */
import { promises as fs } from "fs";
import * as path from "path";
import { analyzeWorkbook } from "../engine/analyze";
import { WorkbookReadError } from "../hosts/exceljs/read-workbook";
import type { ParsedArgs } from "./args";
import { expandInputs, readWorkbookForCheck } from "./files";
import { messages } from "./messages";
import {
  CheckedFile,
  CheckedSheet,
  checkedSheets,
  countFile,
  emptyCounts,
  hasErrorFinding,
} from "./model";
import { formatReport, isStreamed, renderFileReport, writeReportFile } from "./report-format";
import { Progress } from "./report-progress";
import { ANSI, colorWanted, PLAIN } from "./report-style";
import type { RulesResolver } from "./rules";
import type { Io } from "./main";

export function readErrorOf(e: unknown): { zh: string; en: string } {
  if (e instanceof WorkbookReadError) return { zh: e.reason_zh, en: e.reason_en };
  const msg = (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0];
  return { zh: `无法读取（${msg}）`, en: `cannot read (${msg})` };
}

/**
 * Reads, analyses and splits off the ignored findings of one file, with the rule set the resolver
 * gives for it (the embedded one, --rules over it, or the defaults; warnings go to the resolver).
 */
export async function checkFile(
  file: string,
  resolver: RulesResolver,
  sheet: string | null
): Promise<CheckedFile> {
  try {
    const read = await readWorkbookForCheck(file, sheet !== null ? { sheet } : {});
    const { active, suppressions } = resolver.forWorkbook(file, read.stateColumn);
    const reports = analyzeWorkbook(read.snapshots, { settings: active.rules });
    const sheets = checkedSheets(reports, active.rules, suppressions);
    // Damaged sheets keep their place in workbook order, with the reason instead of a report.
    for (const u of read.unreadable) {
      const entry: CheckedSheet = {
        name: u.name,
        error: { zh: u.reason_zh, en: u.reason_en },
        findings: [],
        tables: [],
      };
      sheets.splice(Math.min(u.position, sheets.length), 0, entry);
    }
    return { file, rules: active, sheets };
  } catch (e) {
    return { file, error: readErrorOf(e), sheets: [] };
  }
}

/** --quiet: the file with its error-severity findings only (eslint's meaning). */
function errorsOnly(f: CheckedFile): CheckedFile {
  return {
    ...f,
    sheets: f.sheets.map((s) => ({
      ...s,
      findings: s.findings.filter((x) => x.severity === "error" || x.code === "TABLE_NOT_FOUND"),
      tables: s.tables.map((t) => ({
        ...t,
        findings: t.findings.filter((x) => x.severity === "error"),
      })),
    })),
  };
}

export async function runCheck(args: ParsedArgs, resolver: RulesResolver, io: Io): Promise<number> {
  const m = messages(args.lang);
  const progress = Progress.forStderr(m.progress);
  const err = (line: string) => {
    progress.clear();
    io.err(line);
  };
  const { files, emptyFolders, unsupported, others } = await expandInputs(args.operands);
  let exit = 0;
  for (const dir of emptyFolders) {
    err(m.noXlsxInFolder(dir));
    exit = 2;
  }
  // An unsupported spreadsheet counts as a file that could not be read, in the exit code and the total.
  for (const u of unsupported) {
    err(m.unsupportedFile(u.file, u.ext));
    exit = 2;
  }
  for (const o of others) err(m.notWorkbooks(o.dir, o.count, o.names));
  if (args.output !== null && (await isOneOf(args.output, files))) {
    err(m.reportIsInput(args.output));
    return 2;
  }

  const format = args.format;
  const toFile = args.output !== null;
  const style = !toFile && colorWanted(process.stdout) ? ANSI : PLAIN;
  // Streamed formats print each file as it is done (memory stays flat over many files); the
  // others keep only the reports (never the workbooks) until the end.
  const chunks: string[] = [];
  const emit = (text: string) => {
    if (toFile) chunks.push(text);
    else {
      progress.clear();
      io.out(text);
    }
  };
  const results: CheckedFile[] = [];
  const total = emptyCounts();
  let unreadable = unsupported.length;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    progress.update(i, files.length, file);
    const r = await checkFile(file, resolver, args.sheet);
    if (r.error) {
      unreadable++;
      err(m.cannotRead(file, args.lang === "en" ? r.error.en : r.error.zh));
      exit = 2;
    } else {
      const damaged = r.sheets.filter((s) => s.error);
      if (damaged.length > 0) {
        // A sheet that could not be read is a file not fully checked: exit 2, one line, the rest reported.
        const list = damaged.map((s) => ({
          name: s.name,
          reason: args.lang === "en" ? s.error!.en : s.error!.zh,
        }));
        err(m.cannotReadSheets(file, list));
        exit = 2;
      }
      if (hasErrorFinding(r) && exit === 0) exit = 1;
      countFile(r, total);
    }
    const shown = args.quiet ? errorsOnly(r) : r;
    if (isStreamed(format)) {
      const text = renderFileReport(format, shown, args.lang, style);
      if (text) emit(text);
    } else results.push(shown);
  }
  progress.clear();
  if (args.maxWarnings !== null && total.warning > args.maxWarnings) {
    err(m.maxWarningsExceeded(total.warning, args.maxWarnings));
    if (exit === 0) exit = 1;
  }
  const grand =
    m.grandSummary(
      files.length + unsupported.length,
      total.tables,
      total.error,
      total.warning,
      total.info,
      unreadable,
      total.ignored
    ) + "\n";
  if (isStreamed(format)) {
    if (files.length > 1) emit(grand);
  } else {
    const body = await formatReport(format, results, args.lang);
    if (toFile) {
      await writeReportFile(args.output!, body);
      io.out(`${m.reportWritten(args.output!, format)}\n`);
      return exit;
    }
    io.out(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
  }
  if (toFile) {
    await writeReportFile(args.output!, chunks.join(""));
    io.out(`${m.reportWritten(args.output!, format)}\n`);
  }
  return exit;
}

/** True when `file` names one of the inputs (same path, or the same file through a link). */
async function isOneOf(file: string, inputs: readonly string[]): Promise<boolean> {
  const target = path.resolve(file);
  let st: { dev: number; ino: number } | null = null;
  try {
    st = await fs.stat(file);
  } catch {
    st = null;
  }
  for (const i of inputs) {
    if (path.resolve(i) === target) return true;
    if (st) {
      try {
        const si = await fs.stat(i);
        if (si.dev === st.dev && si.ino === st.ino) return true;
      } catch {
        /* a missing input is reported when it is read */
      }
    }
  }
  return false;
}
