import * as path from "path";
import { readWorkbookFile } from "../../src/hosts/exceljs/read-workbook";
import { GridSnapshot } from "../../src/engine/grid/snapshot";

/** Ground truth written by scripts/build-seeds.ts for every sample table. */
export interface SeedIndexEntry {
  id: string;
  workbook: string;
  sheet: string;
  range: string;
  titleRow: number;
  projectName: string | null;
  kind: "project" | "department";
  variant: "beijing" | "hunan";
  fundingTotalRow: number;
  indicatorRows: [number, number];
  totalRow: number;
  gradeRow: number | null;
  extraEmptyColumn: string | null;
  columns: Record<
    | "budget"
    | "executed"
    | "rateCol"
    | "fundingScore"
    | "indicatorWeight"
    | "indicatorScore"
    | "explanation",
    string
  >;
}

export const SEEDS_DIR = path.resolve(__dirname, "../../seeds");

export const SEED_INDEX: { tables: SeedIndexEntry[] } = require("../../seeds/seed-index.json");

const cache = new Map<string, Promise<GridSnapshot[]>>();

/** Snapshots of a sample workbook, read once per test file. */
export function seedSnapshots(workbook: string): Promise<GridSnapshot[]> {
  let p = cache.get(workbook);
  if (!p) {
    p = readWorkbookFile(path.join(SEEDS_DIR, workbook));
    cache.set(workbook, p);
  }
  return p;
}

export const SEED_WORKBOOKS = [...new Set(SEED_INDEX.tables.map((t) => t.workbook))];
