/**
 * `selfeval check --json`: a stable, versioned document.
 *
 * { "version": 1, "files": [ { "file", "sheets": [ { "name", "findings": [...], "tables": [ { "range",
 *   "projectName", "funding": { "budget", "executed", "rate", "statedRate", "weight", "score",
 *   "statedScore" }, "indicators": [ { "row", "level1", "level2", "level3", "target", "actual",
 *   "weight", "score", "explanation", "deviation" } ], "total": { "weight", "statedScore",
 *   "computedScore" }, "findings": [ { "code", "severity", "cell", "row", "message" } ],
 *   "ignored": [ { "code", "severity", "cell", "row", "message", "reason" } ] } ] } ] } ] }
 *
 * "family" and "unit" (added within version 1): the id of the table family that read the table
 * (src/engine/families) and the unit of its amounts, "万元" or "元".
 *
 * "ignored" (added within version 1) holds the findings a reviewer ignored in the workbook's
 * "_selfeval" state, with their reason; they are not in "findings" and do not count towards the
 * exit code. It is always present (an empty list when nothing is ignored).
 *
 * "messageId" and "data" on every finding (added within version 1): the message's id among its
 * rule's messages and the values of its placeholders, for a consumer that words findings itself.
 *
 * An unreadable file is { "file", "error": "<one-line reason>", "sheets": [] }; an unreadable
 * sheet of a file that was read (added within version 1) is { "name", "error", "findings": [],
 * "tables": [] }. Keys are listed
 * explicitly so the document never grows by accident when the engine's types do.
 */
import type { Lang } from "./args";
import type { Finding, FindingDataValue } from "../engine/model/finding";
import type { CheckedFile, CheckedSheet, CheckedTable } from "./model";
import { jsonSafe } from "./sanitize";

export interface JsonFinding {
  code: string;
  severity: string;
  cell: string | null;
  row: number | null;
  message: string;
  /** The message's id among its rule's messages, and its placeholders' values (both languages). */
  messageId: string;
  data: { [name: string]: FindingDataValue };
}

export interface JsonIgnoredFinding extends JsonFinding {
  reason: string;
}

export interface JsonTable {
  range: string;
  family: string;
  unit: "万元" | "元";
  projectName: string | null;
  funding: {
    budget: number | null;
    executed: number | null;
    rate: number | null;
    statedRate: number | null;
    weight: number | null;
    score: number | null;
    statedScore: number | null;
  };
  indicators: {
    row: number;
    level1: string | null;
    level2: string | null;
    level3: string | null;
    target: string | null;
    actual: string | null;
    weight: number | null;
    score: number | null;
    explanation: string | null;
    deviation: boolean;
  }[];
  total: { weight: number | null; statedScore: number | null; computedScore: number | null };
  findings: JsonFinding[];
  ignored: JsonIgnoredFinding[];
}

export interface JsonSheet {
  name: string;
  error?: string;
  findings: JsonFinding[];
  tables: JsonTable[];
}

export interface JsonFile {
  file: string;
  error?: string;
  sheets: JsonSheet[];
}

export interface JsonReport {
  version: 1;
  files: JsonFile[];
}

function finding(f: Finding, lang: Lang): JsonFinding {
  return {
    code: f.code,
    severity: f.severity,
    cell: f.cell,
    row: f.row,
    message: lang === "en" ? f.message_en : f.message_zh,
    messageId: f.messageId,
    data: f.data,
  };
}

function table(t: CheckedTable, lang: Lang): JsonTable {
  const s = t.summary;
  const fu = s.funding;
  return {
    range: s.range,
    family: t.family,
    unit: t.unit,
    projectName: s.projectName,
    funding: {
      budget: fu.budget,
      executed: fu.executed,
      rate: fu.rate,
      statedRate: fu.statedRate,
      weight: fu.weight,
      score: fu.score,
      statedScore: fu.statedScore,
    },
    indicators: s.indicators.map((r) => ({
      row: r.row,
      level1: r.level1,
      level2: r.level2,
      level3: r.level3,
      target: r.target,
      actual: r.actual,
      weight: r.weight,
      score: r.score,
      explanation: r.explanation,
      deviation: r.deviation,
    })),
    total: {
      weight: s.total.weight,
      statedScore: s.total.statedScore,
      computedScore: s.total.computedScore,
    },
    findings: t.findings.map((f) => finding(f, lang)),
    ignored: t.ignored.map((x) => ({ ...finding(x.finding, lang), reason: x.reason })),
  };
}

function sheet(s: CheckedSheet, lang: Lang): JsonSheet {
  if (s.error)
    return {
      name: s.name,
      error: lang === "en" ? s.error.en : s.error.zh,
      findings: [],
      tables: [],
    };
  return {
    name: s.name,
    findings: s.findings.map((f) => finding(f, lang)),
    tables: s.tables.map((t) => table(t, lang)),
  };
}

export function jsonFile(f: CheckedFile, lang: Lang): JsonFile {
  if (f.error) return { file: f.file, error: lang === "en" ? f.error.en : f.error.zh, sheets: [] };
  return { file: f.file, sheets: f.sheets.map((s) => sheet(s, lang)) };
}

export function jsonReport(files: readonly CheckedFile[], lang: Lang): JsonReport {
  return { version: 1, files: files.map((f) => jsonFile(f, lang)) };
}

export function renderJson(files: readonly CheckedFile[], lang: Lang): string {
  return `${jsonSafe(JSON.stringify(jsonReport(files, lang), null, 2))}\n`;
}
