/**
 * npm run seeds — regenerates the seed workbooks (seeds/*.xlsx) and their ground truth
 * (seeds/seed-index.json) from the transcriptions in seeds/source/*.json, then opens every
 * workbook again and checks it.
 *
 * Options: --source <dir> (default seeds/source), --out <dir> (default seeds),
 *          --allow-missing (skip a workbook whose transcription is absent instead of failing).
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
// jszip is ExcelJS's own zip library (a dependency of exceljs 4.4.0), used here only to pin entry dates.
import JSZip from "jszip";
import { columnIndex, parseRange, RangePos } from "../src/engine/grid/a1";
import type { SeedDocument, SeedTable } from "./seed-model";
import type { PlacedTable } from "./seed-layout";
import { seedCellValue } from "./seed-layout";
import { buildWorkbooks, BuiltWorkbook, FIXED_DATE } from "./seed-workbooks";

const ROOT = path.resolve(__dirname, "..");
const DOCS = ["000", "001", "004"];

export interface SeedIndexEntry extends PlacedTable {
  workbook: string;
}

export interface SeedIndex {
  description: string;
  workbooks: { file: string; source: string; sheets: string[] }[];
  tables: SeedIndexEntry[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function loadDocs(dir: string, allowMissing: boolean): Record<string, SeedDocument> {
  const docs: Record<string, SeedDocument> = {};
  const missing: string[] = [];
  for (const key of DOCS) {
    const file = path.join(dir, `${key}.json`);
    if (!fs.existsSync(file)) {
      missing.push(file);
      continue;
    }
    docs[key] = JSON.parse(fs.readFileSync(file, "utf8")) as SeedDocument;
  }
  if (missing.length && !allowMissing)
    throw new Error(`missing transcriptions: ${missing.join(", ")} (use --allow-missing to skip)`);
  for (const m of missing) console.warn(`skipped (no transcription): ${m}`);
  return docs;
}

/** Structural oddities in a transcription that the layout has to live with. Reported, never fixed. */
function lint(t: SeedTable): string[] {
  const w: string[] = [];
  if (t.funding.columns.length !== 7)
    w.push(`funding.columns has ${t.funding.columns.length} entries (7 expected)`);
  t.funding.rows.forEach(
    (r, i) => r.length !== 7 && w.push(`funding row ${i + 1} has ${r.length} cells (7 expected)`)
  );
  if (t.indicators.columns.length !== 8)
    w.push(`indicators.columns has ${t.indicators.columns.length} entries (8 expected)`);
  t.indicators.rows.forEach(
    (r, i) => r.length !== 8 && w.push(`indicator row ${i + 1} has ${r.length} cells (8 expected)`)
  );
  if (t.indicators.rows.length === 0) w.push("no indicator rows");
  if (t.indicators.rows[0] && t.indicators.rows[0][0] === "")
    w.push("first indicator row has a blank 一级");
  if (
    t.kind === "project" &&
    !t.header.some(([l]) => /^(项目名称|专项名称)$/.test(l.replace(/\s+/g, "")))
  )
    w.push("no 项目名称/专项名称 header");
  for (const [k, v] of [
    ["total.weight", t.total.weight],
    ["total.score", t.total.score],
  ] as const)
    if (seedCellValue(v).kind !== "number") w.push(`${k} is not a number: ${JSON.stringify(v)}`);
  return w;
}

function overlaps(a: RangePos, b: RangePos): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return String(v);
}

/** Opens a written workbook again and checks names, merges and the anchor cells of every placed table. */
async function verify(
  file: string,
  built: BuiltWorkbook,
  docs: Record<string, SeedDocument>
): Promise<string[]> {
  const errors: string[] = [];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const seen = new Set<string>();
  const summary: string[] = [];
  for (const ws of wb.worksheets) {
    const n = ws.name;
    if (n.length > 31) errors.push(`${n}: sheet name longer than 31`);
    if (/[[\]:*?/\\]/.test(n) || /^'|'$/.test(n))
      errors.push(`${n}: invalid character in sheet name`);
    if (seen.has(n.toLowerCase())) errors.push(`${n}: duplicate sheet name`);
    seen.add(n.toLowerCase());
    const merges = (ws.model.merges ?? []).map((m) => parseRange(m));
    for (let i = 0; i < merges.length; i++)
      for (let j = i + 1; j < merges.length; j++)
        if (overlaps(merges[i], merges[j]))
          errors.push(`${n}: overlapping merges ${ws.model.merges[i]} and ${ws.model.merges[j]}`);
    summary.push(
      `  ${n}: ${merges.length} merges, ${ws.actualRowCount} rows used, extent ${String(ws.dimensions)}`
    );
  }
  const tables = new Map(
    Object.values(docs).flatMap((d) => d.tables.map((t) => [t.id, t] as const))
  );
  for (const p of built.placed) {
    const t = tables.get(p.id)!;
    const ws = wb.getWorksheet(p.sheet);
    if (!ws) {
      errors.push(`${p.id}: sheet ${p.sheet} missing`);
      continue;
    }
    const r = parseRange(p.range);
    const left = r.left + 1;
    const expect = (row: number, col: number, want: string, what: string): void => {
      const got = ws.getCell(row, col).value;
      const v = seedCellValue(want);
      const ok =
        v.kind === "number" && typeof got === "number"
          ? Math.abs(got - v.value) < 1e-12
          : text(got) === want;
      if (!ok)
        errors.push(
          `${p.id} ${what} at ${ws.getCell(row, col).address}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`
        );
    };
    expect(p.titleRow, left, t.title, "title");
    expect(p.fundingTotalRow, left + 1, t.funding.rows[0]?.[0] ?? "", "funding total label");
    expect(
      p.fundingTotalRow,
      columnIndex(p.columns.budget) + 1,
      t.funding.rows[0]?.[2] ?? "",
      "全年预算数"
    );
    expect(
      p.fundingTotalRow,
      columnIndex(p.columns.executed) + 1,
      t.funding.rows[0]?.[3] ?? "",
      "全年执行数"
    );
    expect(
      p.fundingTotalRow,
      columnIndex(p.columns.rateCol) + 1,
      t.funding.rows[0]?.[5] ?? "",
      "执行率"
    );
    expect(
      p.fundingTotalRow,
      columnIndex(p.columns.fundingScore) + 1,
      t.funding.rows[0]?.[6] ?? "",
      "funding 得分"
    );
    const [i0, i1] = p.indicatorRows;
    if (t.indicators.rows.length && i1 - i0 + 1 !== t.indicators.rows.length)
      errors.push(`${p.id}: indicator rows ${i0}-${i1} vs ${t.indicators.rows.length} transcribed`);
    t.indicators.rows.forEach((row, k) => {
      expect(
        i0 + k,
        columnIndex(p.columns.indicatorWeight) + 1,
        row[5] ?? "",
        `indicator ${k + 1} 分值`
      );
      expect(
        i0 + k,
        columnIndex(p.columns.indicatorScore) + 1,
        row[6] ?? "",
        `indicator ${k + 1} 得分`
      );
      expect(
        i0 + k,
        columnIndex(p.columns.explanation) + 1,
        row[7] ?? "",
        `indicator ${k + 1} 偏差原因`
      );
    });
    expect(p.totalRow, left, t.total.label, "total label");
    expect(p.totalRow, columnIndex(p.columns.indicatorWeight) + 1, t.total.weight, "total weight");
    expect(p.totalRow, columnIndex(p.columns.indicatorScore) + 1, t.total.score, "total score");
    if (p.gradeRow !== null) expect(p.gradeRow, left, t.grade?.text ?? "", "grade");
    if (p.extraEmptyColumn) {
      const c = columnIndex(p.extraEmptyColumn) + 1;
      for (let row = p.fundingTotalRow - 1; row <= i1; row++) {
        const cell = ws.getCell(row, c);
        if (cell.isMerged && cell.master !== cell) continue;
        if (!cell.isMerged && cell.value !== null)
          errors.push(`${p.id}: extra column cell ${cell.address} is not empty`);
      }
    }
  }
  console.log(`${path.basename(file)}\n${summary.join("\n")}`);
  return errors;
}

/**
 * Writes the workbook so that the same input gives the same bytes: ExcelJS stamps every zip
 * entry with the current time, so the package is re-zipped with FIXED_DATE on every entry.
 */
async function writeDeterministic(wb: ExcelJS.Workbook, file: string): Promise<void> {
  const raw = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw as ArrayBuffer);
  for (const entry of Object.values(zip.files)) entry.date = FIXED_DATE;
  const out = await zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  fs.writeFileSync(file, out);
}

async function main(): Promise<void> {
  const sourceDir = path.resolve(arg("--source") ?? path.join(ROOT, "seeds", "source"));
  const outDir = path.resolve(arg("--out") ?? path.join(ROOT, "seeds"));
  const docs = loadDocs(sourceDir, process.argv.includes("--allow-missing"));
  for (const d of Object.values(docs))
    for (const t of d.tables) for (const w of lint(t)) console.warn(`note ${t.id}: ${w}`);

  const built = buildWorkbooks(docs);
  fs.mkdirSync(outDir, { recursive: true });
  const index: SeedIndex = {
    description:
      "Ground truth for the seed workbooks generated by scripts/build-seeds.ts from seeds/source/*.json. Rows are A1 row numbers (1-based), columns are letters. range = title row to total row (Beijing) / grade row (Hunan), footnotes excluded.",
    workbooks: [],
    tables: [],
  };
  const errors: string[] = [];
  for (const b of built) {
    const file = path.join(outDir, b.file);
    await writeDeterministic(b.workbook, file);
    index.workbooks.push({
      file: b.file,
      source: `seeds/source/${b.doc}.json`,
      sheets: b.workbook.worksheets.map((w) => w.name),
    });
    for (const { id, ...rest } of b.placed) index.tables.push({ id, workbook: b.file, ...rest });
    errors.push(...(await verify(file, b, docs)));
  }
  fs.writeFileSync(path.join(outDir, "seed-index.json"), JSON.stringify(index, null, 2) + "\n");
  for (const t of index.tables)
    console.log(
      `  ${t.id}  ${t.workbook} / ${t.sheet}  ${t.range}${t.extraEmptyColumn ? `  (extra empty column ${t.extraEmptyColumn})` : ""}`
    );
  console.log(`${index.tables.length} tables in ${built.length} workbooks -> ${outDir}`);
  if (errors.length) {
    for (const e of errors) console.error(`ERROR ${e}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
