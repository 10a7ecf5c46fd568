/**
 * The benchmark workbook: the 40 real seed tables (seeds/source/*.json) cycled to `total` tables,
 * the first half STACKED (`stackedSheets` sheets, one table under another with `gap` blank rows
 * between them, footnotes included), the second half ONE PER SHEET. Drawn with the same renderer
 * as the seed workbooks (scripts/seed-layout.ts).
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { SeedDocument, SeedTable } from "../scripts/seed-model";
import { renderTable } from "../scripts/seed-layout";
import { sheetNameFor } from "../scripts/seed-workbooks";

const ROOT = path.resolve(__dirname, "..");
const DOCS = ["000", "001", "004"];

export interface BenchWorkbookOptions {
  /** Number of tables (default 500). */
  total?: number;
  /** Sheets the stacked half is spread over (default 10). */
  stackedSheets?: number;
  /** Blank rows between stacked tables (default 2). */
  gap?: number;
}

export interface BenchWorkbook {
  workbook: ExcelJS.Workbook;
  tables: number;
  stackedTables: number;
  stackedSheets: number;
  singleSheets: number;
  /** Distinct seed tables used. */
  distinctSeeds: number;
}

export function loadSeedTables(dir = path.join(ROOT, "seeds", "source")): SeedTable[] {
  const out: SeedTable[] = [];
  for (const key of DOCS) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), "utf8")) as SeedDocument;
    out.push(...doc.tables);
  }
  if (out.length === 0) throw new Error(`no seed tables in ${dir}`);
  return out;
}

function projectNameOf(t: SeedTable): string {
  return (
    t.header.find(([l]) =>
      /^(项目名称|专项名称|部门名称|单位名称)$/.test(l.replace(/\s+/g, ""))
    )?.[1] ?? t.id
  );
}

function addSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    properties: { defaultRowHeight: 15 },
  });
}

export function buildBenchWorkbook(
  seeds: SeedTable[],
  opts: BenchWorkbookOptions = {}
): BenchWorkbook {
  const total = opts.total ?? 500;
  const stackedSheets = opts.stackedSheets ?? 10;
  const gap = opts.gap ?? 2;
  const stackedTables = Math.floor(total / 2);
  const wb = new ExcelJS.Workbook();
  wb.creator = "selfeval bench";
  const fixed = new Date(Date.UTC(2024, 0, 1));
  wb.created = fixed;
  wb.modified = fixed;

  const used = new Set<string>();
  let k = 0; // index into the cycled seed list
  const next = (): SeedTable => seeds[k++ % seeds.length];

  // Stacked half: tables spread evenly over the stacked sheets.
  const perSheet = Math.ceil(stackedTables / stackedSheets);
  let placedStacked = 0;
  let sheetsUsed = 0;
  for (let s = 0; s < stackedSheets && placedStacked < stackedTables; s++) {
    const name = `堆叠${String(s + 1).padStart(2, "0")}`;
    used.add(name.toLowerCase());
    const ws = addSheet(wb, name);
    sheetsUsed++;
    let nextFree = 1; // first row after the previous table's occupied block (footnotes included)
    for (let j = 0; j < perSheet && placedStacked < stackedTables; j++) {
      const titleRow = nextFree === 1 ? 1 : nextFree + gap;
      const p = renderTable(ws, next(), { row: titleRow, col: 1 });
      nextFree = Number(/(\d+)$/.exec(p.occupied)![1]) + 1;
      placedStacked++;
    }
  }

  // One table per sheet.
  let singles = 0;
  for (let i = stackedTables; i < total; i++) {
    const t = next();
    const ws = addSheet(wb, sheetNameFor(projectNameOf(t), used));
    renderTable(ws, t, { row: 1, col: 1 });
    singles++;
  }
  return {
    workbook: wb,
    tables: placedStacked + singles,
    stackedTables: placedStacked,
    stackedSheets: sheetsUsed,
    singleSheets: singles,
    distinctSeeds: Math.min(seeds.length, total),
  };
}
