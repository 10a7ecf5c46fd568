/** What `check` found in one file, before it is printed as text or JSON. */
import { SheetReport } from "../engine/analyze";
import { summarizeTable, TableSummary } from "../engine/compute/summary";
import { Finding, Severity } from "../engine/model/finding";
import { AssessmentTable } from "../engine/model/table";
import { EngineSettings } from "../engine/settings";

export interface CheckedTable {
  kind: AssessmentTable["kind"];
  variant: AssessmentTable["variant"];
  summary: TableSummary;
  findings: Finding[];
}

export interface CheckedSheet {
  name: string;
  /** Sheet-level findings (TABLE_NOT_FOUND). */
  findings: Finding[];
  tables: CheckedTable[];
}

export interface CheckedFile {
  file: string;
  /** Set when the file could not be read; sheets is then empty. */
  error?: { zh: string; en: string };
  sheets: CheckedSheet[];
}

export function checkedSheets(
  reports: readonly SheetReport[],
  settings: EngineSettings
): CheckedSheet[] {
  return reports.map((r) => ({
    name: r.sheet,
    findings: r.findings,
    tables: r.tables.map((t) => ({
      kind: t.table.kind,
      variant: t.table.variant,
      summary: summarizeTable(t.table, settings),
      findings: t.findings,
    })),
  }));
}

export interface Counts {
  tables: number;
  error: number;
  warning: number;
  info: number;
}

export function emptyCounts(): Counts {
  return { tables: 0, error: 0, warning: 0, info: 0 };
}

function countFindings(c: Counts, findings: readonly Finding[]): void {
  for (const f of findings) c[f.severity as Severity]++;
}

/** Tables and findings by severity; TABLE_NOT_FOUND (a sheet without a table) is not counted as a finding. */
export function countFile(f: CheckedFile, into: Counts = emptyCounts()): Counts {
  for (const s of f.sheets) {
    countFindings(
      into,
      s.findings.filter((x) => x.code !== "TABLE_NOT_FOUND")
    );
    into.tables += s.tables.length;
    for (const t of s.tables) countFindings(into, t.findings);
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
