/** What `check` found in one file, before it is printed as text or JSON. */
import { SheetReport } from "../engine/analyze";
import { summarizeTable, TableSummary } from "../engine/compute/summary";
import { Finding, Severity } from "../engine/model/finding";
import { AssessmentTable } from "../engine/model/table";
import { EngineSettings } from "../engine/settings";
import { splitSuppressed, Suppression } from "../engine/state";
import type { ActiveRules } from "./rules";
import { tableFacts, TableFacts } from "./report-facts";

/** A finding a reviewer ignored in the workbook, with the reason they gave. */
export interface IgnoredFinding {
  finding: Finding;
  reason: string;
}

export interface CheckedTable {
  kind: AssessmentTable["kind"];
  variant: AssessmentTable["variant"];
  /** The table family that read it, and the unit of its amounts. */
  family: string;
  unit: AssessmentTable["unit"];
  summary: TableSummary;
  /** 主管部门, 实施单位 and 等级 for the reviewer's formats (report-facts.ts). */
  facts: TableFacts;
  /** The findings in force (ignored ones left out). */
  findings: Finding[];
  /** Findings ignored in the workbook's "_selfeval" state: not counted, listed apart. */
  ignored: IgnoredFinding[];
}

export interface CheckedSheet {
  name: string;
  /** Set when the sheet's part could not be read (findings and tables are then empty). */
  error?: { zh: string; en: string };
  /** Sheet-level findings (TABLE_NOT_FOUND). */
  findings: Finding[];
  tables: CheckedTable[];
}

export interface CheckedFile {
  file: string;
  /** Set when the file could not be read; sheets is then empty. */
  error?: { zh: string; en: string };
  /** The rule set the file was checked with (absent for an unreadable file). */
  rules?: ActiveRules;
  sheets: CheckedSheet[];
}

export function checkedSheets(
  reports: readonly SheetReport[],
  settings: EngineSettings,
  suppressions: readonly Suppression[] = []
): CheckedSheet[] {
  return reports.map((r) => ({
    name: r.sheet,
    findings: r.findings,
    tables: r.tables.map((t) => {
      const split = splitSuppressed(r.sheet, t.findings, suppressions, {
        tables: r.tables.map((x) => x.table),
      });
      return {
        kind: t.table.kind,
        variant: t.table.variant,
        family: t.table.family,
        unit: t.table.unit,
        summary: summarizeTable(t.table, settings),
        facts: tableFacts(t.table, settings),
        findings: split.active,
        ignored: split.ignored.map((x) => ({ finding: x.finding, reason: x.suppression.reason })),
      };
    }),
  }));
}

export interface Counts {
  tables: number;
  error: number;
  warning: number;
  info: number;
  /** Ignored findings (not in the three counts above). */
  ignored: number;
}

export function emptyCounts(): Counts {
  return { tables: 0, error: 0, warning: 0, info: 0, ignored: 0 };
}

function countFindings(c: Counts, findings: readonly Finding[]): void {
  for (const f of findings) c[f.severity as Severity]++;
}

/** Tables and findings in force by severity, and ignored findings; TABLE_NOT_FOUND (a sheet without a table) is not counted as a finding. */
export function countFile(f: CheckedFile, into: Counts = emptyCounts()): Counts {
  for (const s of f.sheets) {
    countFindings(
      into,
      s.findings.filter((x) => x.code !== "TABLE_NOT_FOUND")
    );
    into.tables += s.tables.length;
    for (const t of s.tables) {
      countFindings(into, t.findings);
      into.ignored += t.ignored.length;
    }
  }
  return into;
}

export function hasErrorFinding(f: CheckedFile): boolean {
  return f.sheets.some(
    (s) =>
      s.findings.some((x) => x.severity === "error") ||
      s.tables.some((t) => t.findings.some((x) => x.severity === "error"))
  );
}
