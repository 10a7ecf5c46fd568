/** `selfeval check`: read, analyse and report each file; unreadable files are reported and skipped. */
import { analyzeWorkbook } from "../engine/analyze";
import { readWorkbookFileWithState, WorkbookReadError } from "../hosts/exceljs/read-workbook";
import type { ParsedArgs } from "./args";
import { expandInputs } from "./files";
import { messages } from "./messages";
import {
  CheckedFile,
  CheckedSheet,
  checkedSheets,
  countFile,
  emptyCounts,
  hasErrorFinding,
} from "./model";
import { renderJson } from "./report-json";
import { renderFileText } from "./report-text";
import type { RulesResolver } from "./rules";
import type { Io } from "./main";

/** A message on one line: control characters (a line break in a file or sheet name) shown escaped. */
export function oneLineText(text: string): string {
  const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return text.replace(
    /\p{Cc}/gu,
    (c) => named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`
  );
}

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
    const read = await readWorkbookFileWithState(file, sheet !== null ? { sheet } : {});
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

export async function runCheck(args: ParsedArgs, resolver: RulesResolver, io: Io): Promise<number> {
  const m = messages(args.lang);
  const { files, emptyFolders } = await expandInputs(args.operands);
  let exit = 0;
  for (const dir of emptyFolders) {
    io.err(m.noXlsxInFolder(dir));
    exit = 2;
  }
  const results: CheckedFile[] = [];
  const total = emptyCounts();
  let unreadable = 0;
  for (const file of files) {
    const r = await checkFile(file, resolver, args.sheet);
    if (r.error) {
      unreadable++;
      io.err(oneLineText(m.cannotRead(file, args.lang === "en" ? r.error.en : r.error.zh)));
      exit = 2;
    } else {
      const damaged = r.sheets.filter((s) => s.error);
      if (damaged.length > 0) {
        // A sheet that could not be read is a file not fully checked: exit 2, one line, the rest reported.
        const list = damaged.map((s) => ({
          name: s.name,
          reason: args.lang === "en" ? s.error!.en : s.error!.zh,
        }));
        io.err(oneLineText(m.cannotReadSheets(file, list)));
        exit = 2;
      }
      if (hasErrorFinding(r) && exit === 0) exit = 1;
      countFile(r, total);
      if (!args.json) io.out(renderFileText(r, args.lang));
    }
    // JSON keeps only the report, not the workbook, so memory stays flat over many files.
    if (args.json) results.push(r);
  }
  if (args.json) io.out(renderJson(results, args.lang));
  else if (files.length > 1)
    io.out(
      m.grandSummary(
        files.length,
        total.tables,
        total.error,
        total.warning,
        total.info,
        unreadable,
        total.ignored
      ) + "\n"
    );
  return exit;
}
