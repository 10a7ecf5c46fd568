/**
 * `check --format xlsx -o 汇总.xlsx`: a new workbook (ExcelJS) a reviewer can sort and file.
 *   汇总        one row per table: file, sheet, 项目名称, 主管部门, 实施单位, budget, spending,
 *               执行率, 总分 stated and computed, 等级, counts by severity, the main codes
 *   问题清单    one row per finding: file, sheet, cell, code, severity, message
 *   按问题类型  findings per code
 *   文件        one row per file: checked, or why it could not be read
 * Every sheet has a frozen, filtered header, set widths and number formats; severities are coloured.
 * Cells hold text as text (ExcelJS writes strings as strings, so nothing in a cell becomes a formula).
 */
import ExcelJS from "exceljs";
import type { Lang } from "./args";
import type { Severity } from "../engine/model/finding";
import { messages, ReportLabels } from "./messages";
import type { CheckedFile } from "./model";
import { countsByCode, FileRow, FindingRow, reportRows, TableRow } from "./report-facts";
import { visible } from "./sanitize";

type Cell = string | number | null;

interface Column<T> {
  header: (r: ReportLabels) => string;
  width: number;
  value: (row: T) => Cell;
  numFmt?: string;
  /** The severity whose colour a non-zero value gets. */
  severity?: Severity;
}

const AMOUNT = "#,##0.00####";
const PERCENT = "0.00%";
const SCORE = "0.##";

/**
 * 汇总's columns, in order. A table field the engine gains (a family, a unit of amounts) is one
 * more entry here, e.g. { header: (r) => r.family, width: 12, value: (t) => t.family }.
 */
const TABLE_COLUMNS: Column<TableRow>[] = [
  { header: (r) => r.file, width: 36, value: (t) => t.file },
  { header: (r) => r.sheet, width: 24, value: (t) => t.sheet },
  { header: (r) => r.range, width: 10, value: (t) => t.range },
  { header: (r) => r.projectName, width: 32, value: (t) => t.projectName },
  { header: (r) => r.department, width: 20, value: (t) => t.department },
  { header: (r) => r.implementer, width: 20, value: (t) => t.implementer },
  { header: (r) => r.budget, width: 12, value: (t) => t.budget, numFmt: AMOUNT },
  { header: (r) => r.executed, width: 12, value: (t) => t.executed, numFmt: AMOUNT },
  { header: (r) => r.rate, width: 10, value: (t) => t.rate, numFmt: PERCENT },
  { header: (r) => r.statedRate, width: 10, value: (t) => t.statedRate, numFmt: PERCENT },
  { header: (r) => r.totalStated, width: 11, value: (t) => t.totalStated, numFmt: SCORE },
  { header: (r) => r.totalComputed, width: 11, value: (t) => t.totalComputed, numFmt: SCORE },
  { header: (r) => r.grade, width: 9, value: (t) => t.grade },
  { header: (r) => r.computedGrade, width: 9, value: (t) => t.computedGrade },
  { header: (r) => r.errors, width: 7, value: (t) => t.error, severity: "error" },
  { header: (r) => r.warnings, width: 7, value: (t) => t.warning, severity: "warning" },
  { header: (r) => r.infos, width: 7, value: (t) => t.info, severity: "info" },
  { header: (r) => r.ignored, width: 7, value: (t) => t.ignored },
  { header: (r) => r.mainCodes, width: 40, value: (t) => t.mainCodes.join(", ") },
];

function findingColumns(sev: Record<Severity, string>): Column<FindingRow>[] {
  return [
    { header: (r) => r.file, width: 36, value: (f) => f.file },
    { header: (r) => r.sheet, width: 24, value: (f) => f.sheet },
    { header: (r) => r.projectName, width: 28, value: (f) => f.projectName },
    { header: (r) => r.cell, width: 8, value: (f) => f.cell },
    { header: (r) => r.code, width: 28, value: (f) => f.code },
    { header: (r) => r.severity, width: 9, value: (f) => sev[f.severity] },
    { header: (r) => r.message, width: 80, value: (f) => f.message },
  ];
}

const FILL: Record<Severity, string> = { error: "FFFFC7CE", warning: "FFFFEB9C", info: "FFDDEBF7" };
const FONT: Record<Severity, string> = { error: "FF9C0006", warning: "FF9C5700", info: "FF1F4E79" };

function paint(cell: ExcelJS.Cell, sev: Severity): void {
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL[sev] } };
  cell.font = { color: { argb: FONT[sev] } };
}

function addSheet<T>(
  wb: ExcelJS.Workbook,
  name: string,
  labels: ReportLabels,
  columns: Column<T>[],
  rows: readonly T[],
  /** Colours one column of each row by the row's severity. */
  rowSeverity?: { column: number; of: (row: T) => Severity | null }
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const head = ws.addRow(columns.map((c) => c.header(labels)));
  head.font = { bold: true };
  head.alignment = { vertical: "middle", wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  });
  for (const row of rows) {
    // Text goes in escaped like every other output: a control character in a cell name is shown.
    const values = columns.map((c) => {
      const v = c.value(row);
      return typeof v === "string" ? visible(v) : v;
    });
    const r = ws.addRow(values);
    columns.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (c.severity && typeof values[i] === "number" && (values[i] as number) > 0)
        paint(cell, c.severity);
    });
    const sev = rowSeverity?.of(row);
    if (sev) paint(r.getCell(rowSeverity!.column), sev);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

export async function renderXlsx(files: readonly CheckedFile[], lang: Lang): Promise<Uint8Array> {
  const m = messages(lang);
  const r = m.report;
  const rows = reportRows(files, lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = "selfeval";
  wb.created = new Date();

  addSheet(wb, r.sheetSummary, r, TABLE_COLUMNS, rows.tables);
  addSheet(wb, r.sheetFindings, r, findingColumns(m.severityWord), rows.findings, {
    column: 6,
    of: (f) => f.severity,
  });
  const codes = countsByCode(rows.findings);
  addSheet(
    wb,
    r.sheetByCode,
    r,
    [
      { header: (l) => l.code, width: 32, value: (c) => c.code },
      { header: (l) => l.severity, width: 9, value: (c) => m.severityWord[c.severity] },
      { header: (l) => l.count, width: 9, value: (c) => c.count },
    ],
    codes,
    { column: 2, of: (c) => c.severity }
  );
  const fileColumns: Column<FileRow>[] = [
    { header: (l) => l.file, width: 48, value: (f) => f.file },
    {
      header: (l) => l.status,
      width: 40,
      value: (f) => (f.unreadable === null ? r.statusOk : r.statusUnreadable(f.unreadable)),
    },
    { header: (l) => l.chartTables, width: 9, value: (f) => f.tables },
    { header: (l) => l.errors, width: 7, value: (f) => f.error, severity: "error" },
    { header: (l) => l.warnings, width: 7, value: (f) => f.warning, severity: "warning" },
    { header: (l) => l.infos, width: 7, value: (f) => f.info, severity: "info" },
  ];
  addSheet(wb, r.sheetFiles, r, fileColumns, rows.files, {
    column: 2,
    of: (f) => (f.unreadable ? "error" : null),
  });
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
