/**
 * Test helper: a published table kept as text (tests/fixtures/national/*.txt) turned into the grid
 * a host would hand the engine. The format: line 1 a "#" provenance line, line 2 "# merges: A1:K1 …",
 * then one sheet row per line, cells separated by tabs, "\n" inside a cell a line break.
 * Numbers written as numbers (238.93) become numbers and percentages (100.00%) fractions with a
 * percent format, as Excel holds them once the form is typed into a workbook.
 */
import * as fs from "fs";
import * as path from "path";
import { parseRange } from "../../src/engine/grid/a1";
import { CellValue, GridSnapshot } from "../../src/engine/grid/snapshot";

export interface TsvTable {
  provenance: string;
  rows: string[][];
  merges: GridSnapshot["merges"];
}

export function readTsvFixture(name: string): TsvTable {
  const text = fs.readFileSync(path.join(__dirname, "..", "fixtures", "national", name), "utf8");
  const lines = text.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
  const provenance = lines[0].replace(/^#\s*/, "");
  const mergeLine = lines[1].replace(/^#\s*merges:\s*/, "");
  const merges = mergeLine
    .split(/\s+/)
    .filter(Boolean)
    .map((a) => parseRange(a));
  const rows = lines.slice(2).map((l) => l.split("\t").map((c) => c.replace(/\\n/g, "\n")));
  return { provenance, rows, merges };
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const PERCENT = /^(-?\d+(?:\.\d+)?)%$/;

/** The table as a snapshot; `edit(row, col)` (0-based) may replace a cell's text before conversion. */
export function tsvSnapshot(
  t: TsvTable,
  opts: { sheetName?: string; edit?: (row: number, col: number, text: string) => string } = {}
): GridSnapshot {
  const width = Math.max(...t.rows.map((r) => r.length), ...t.merges.map((m) => m.right + 1));
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  t.rows.forEach((r, i) => {
    const vs: CellValue[] = [];
    const fs: (string | null)[] = [];
    for (let c = 0; c < width; c++) {
      const text = opts.edit ? opts.edit(i, c, r[c] ?? "") : (r[c] ?? "");
      const pct = PERCENT.exec(text);
      if (text === "") {
        vs.push(null);
        fs.push(null);
      } else if (NUMBER.test(text)) {
        vs.push(Number(text));
        fs.push(null);
      } else if (pct) {
        vs.push(Number(pct[1]) / 100);
        fs.push(pct[1].includes(".") ? "0.00%" : "0%");
      } else {
        vs.push(text);
        fs.push(null);
      }
    }
    values.push(vs);
    numberFormats.push(fs);
  });
  return {
    sheetName: opts.sheetName ?? "Sheet1",
    origin: { row: 0, col: 0 },
    values,
    numberFormats,
    merges: t.merges,
  };
}
