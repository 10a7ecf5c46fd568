/**
 * Test helpers for the rule-set and scoring-policy tests: seed tables (seeds/source/*.json) laid
 * out and detected, with one indicator row picked by its 三级指标 and optionally edited.
 */
import { toA1 } from "../../src/engine/grid/a1";
import { AssessmentTable, IndicatorRow, Located } from "../../src/engine/model/table";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { detectSeed, edited } from "../helpers/table-builder";

/** Indicator columns of the transcription format. */
export const IND = {
  level1: 0,
  level2: 1,
  level3: 2,
  target: 3,
  actual: 4,
  weight: 5,
  score: 6,
  explanation: 7,
} as const;

/** A seed table, its indicator rows edited by (三级指标 → changes), laid out and detected. */
export function seedWith(
  id: string,
  edits: Record<string, Partial<Record<keyof typeof IND, string>>> = {},
  more?: (t: SeedTable) => void
): AssessmentTable {
  const seed = edited(seedTable(id), (t) => {
    for (const [name, change] of Object.entries(edits)) {
      const row = t.indicators.rows.find((r) => r[IND.level3] === name);
      if (!row) throw new Error(`${id}: no indicator ${name}`);
      for (const [k, v] of Object.entries(change)) row[IND[k as keyof typeof IND]] = v!;
    }
    more?.(t);
  });
  return detectSeed(seed).table;
}

/** The detected indicator row whose 三级指标 reads `name` (spaces ignored). */
export function rowNamed(table: AssessmentTable, name: string): IndicatorRow {
  const flat = (s: unknown) => String(s ?? "").replace(/\s+/g, "");
  const r = table.indicators?.rows.find((x) => flat(x.level3?.value) === flat(name));
  if (!r) throw new Error(`no indicator ${name}`);
  return r;
}

let nextRow = 100;

function cell(row: number, col: number, value: Located["value"]): Located {
  return { row, col, address: toA1(row, col), value, formula: null, numberFormat: null };
}

/** A free-standing indicator row (for policy branches no seed row shows). */
export function indicator(spec: {
  level1?: string;
  level2?: string;
  name?: string;
  target: Located["value"];
  actual: Located["value"];
  weight: Located["value"];
  score: Located["value"];
  explanation?: Located["value"];
  tier?: Located["value"];
}): IndicatorRow {
  const r = nextRow++;
  return {
    row: r,
    level1: spec.level1 ?? "产出指标",
    level1DeclaredWeight: null,
    level1Address: null,
    level2: spec.level2 ?? "数量指标",
    level3: cell(r, 3, spec.name ?? "测试指标"),
    target: cell(r, 4, spec.target),
    actual: cell(r, 5, spec.actual),
    weight: cell(r, 6, spec.weight),
    score: cell(r, 7, spec.score),
    explanation: cell(r, 8, spec.explanation ?? null),
    ...(spec.tier !== undefined ? { tier: cell(r, 9, spec.tier) } : {}),
  };
}
