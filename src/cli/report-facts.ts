/**
 * The flat rows the reviewer's formats (summary, xlsx, html, csv) are made of: one per file, one
 * per table, one per finding. Each format only lays these out, so they all say the same thing.
 */
import type { Lang } from "./args";
import { computedTotal, gradeFor } from "../engine/compute/totals";
import { shownText } from "../engine/compute/numbers";
import type { Finding, Severity } from "../engine/model/finding";
import type { AssessmentTable } from "../engine/model/table";
import type { EngineSettings } from "../engine/settings";
import { CheckedFile, countFile } from "./model";

/** What the reviewer's formats need from a table beyond its JSON summary. */
export interface TableFacts {
  department: string | null;
  implementer: string | null;
  /** 等级 as written in the table (null when the table has no 等级 or it is blank). */
  grade: string | null;
  /** The grade the computed 总分 earns under the rule set (null when there is no total). */
  computedGrade: string | null;
}

export function tableFacts(table: AssessmentTable, settings: EngineSettings): TableFacts {
  const total = computedTotal(table, settings);
  return {
    department: shownText(table.header.department?.value),
    implementer: shownText(table.header.unit?.value),
    grade: table.grade?.value ?? null,
    computedGrade: total === null ? null : gradeFor(total, settings),
  };
}

export interface FileRow {
  file: string;
  /** The one-line reason when the file could not be read. */
  unreadable: string | null;
  tables: number;
  error: number;
  warning: number;
  info: number;
  ignored: number;
}

export interface TableRow extends TableFacts {
  file: string;
  sheet: string;
  range: string;
  projectName: string | null;
  kind: "project" | "department";
  budget: number | null;
  executed: number | null;
  /** Computed 执行率 (fraction) and the one the table states. */
  rate: number | null;
  statedRate: number | null;
  totalStated: number | null;
  totalComputed: number | null;
  error: number;
  warning: number;
  info: number;
  ignored: number;
  /** The codes found most often in the table, most frequent first (at most three). */
  mainCodes: string[];
  /** The most severe finding (first of its severity), for "worst finding" views. */
  worst: Finding | null;
}

export interface FindingRow {
  file: string;
  sheet: string;
  /** The table's project name and range; null for a sheet-level finding. */
  projectName: string | null;
  range: string | null;
  cell: string | null;
  code: string;
  severity: Severity;
  message: string;
}

export interface ReportRows {
  files: FileRow[];
  tables: TableRow[];
  findings: FindingRow[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function mainCodes(findings: readonly Finding[]): string[] {
  const n = new Map<string, number>();
  for (const f of findings) n.set(f.code, (n.get(f.code) ?? 0) + 1);
  return [...n.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([c]) => c);
}

function worstOf(findings: readonly Finding[]): Finding | null {
  let w: Finding | null = null;
  for (const f of findings) if (!w || RANK[f.severity] < RANK[w.severity]) w = f;
  return w;
}

/** Sheets without a table are not findings a reviewer acts on (the text report names them). */
function reported(f: Finding): boolean {
  return f.code !== "TABLE_NOT_FOUND";
}

export function reportRows(files: readonly CheckedFile[], lang: Lang): ReportRows {
  const out: ReportRows = { files: [], tables: [], findings: [] };
  const message = (f: Finding) => (lang === "en" ? f.message_en : f.message_zh);
  for (const cf of files) {
    const c = countFile(cf);
    out.files.push({
      file: cf.file,
      unreadable: cf.error ? (lang === "en" ? cf.error.en : cf.error.zh) : null,
      tables: c.tables,
      error: c.error,
      warning: c.warning,
      info: c.info,
      ignored: c.ignored,
    });
    for (const s of cf.sheets) {
      for (const f of s.findings.filter(reported))
        out.findings.push({
          file: cf.file,
          sheet: s.name,
          projectName: null,
          range: null,
          cell: f.cell,
          code: f.code,
          severity: f.severity,
          message: message(f),
        });
      for (const t of s.tables) {
        const sum = t.summary;
        const count = { error: 0, warning: 0, info: 0 };
        for (const f of t.findings) count[f.severity]++;
        out.tables.push({
          file: cf.file,
          sheet: s.name,
          range: sum.range,
          projectName: sum.projectName,
          kind: t.kind,
          ...t.facts,
          budget: sum.funding.budget,
          executed: sum.funding.executed,
          rate: sum.funding.rate,
          statedRate: sum.funding.statedRate,
          totalStated: sum.total.statedScore,
          totalComputed: sum.total.computedScore,
          ...count,
          ignored: t.ignored.length,
          mainCodes: mainCodes(t.findings),
          worst: worstOf(t.findings),
        });
        for (const f of t.findings)
          out.findings.push({
            file: cf.file,
            sheet: s.name,
            projectName: sum.projectName,
            range: sum.range,
            cell: f.cell,
            code: f.code,
            severity: f.severity,
            message: message(f),
          });
      }
    }
  }
  return out;
}

/** Findings per code, most frequent first, with the count by severity. */
export function countsByCode(
  findings: readonly FindingRow[]
): { code: string; count: number; severity: Severity }[] {
  const by = new Map<string, { code: string; count: number; severity: Severity }>();
  for (const f of findings) {
    const e = by.get(f.code);
    if (e) {
      e.count++;
      if (RANK[f.severity] < RANK[e.severity]) e.severity = f.severity;
    } else by.set(f.code, { code: f.code, count: 1, severity: f.severity });
  }
  return [...by.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
}
