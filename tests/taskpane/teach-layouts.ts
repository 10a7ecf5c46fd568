/**
 * Sheets for the 识别此表格式 tests: a real seed table (001-04) whose headings no built-in family
 * knows — 分值 written 标准分 and 得分 written 评分结果 — so every family gives TABLE_NOT_FOUND.
 * The indicator header's 标准分 is read as a weight by inferFamily's words; the funding header's is
 * not, so it is the heading the person maps.
 */
import type { GridSnapshot } from "../../src/engine/grid/snapshot";
import { seedGrid, seedTable } from "../helpers/seed-grid";
import { gridFromRows } from "../helpers/table-builder";
import remapLayout from "../fixtures/teach/remap-layout.json";

export const RENAMED: Readonly<Record<string, string>> = { 分值: "标准分", 得分: "评分结果" };
export const TAUGHT_SHEET = "自定义格式";

export function renamedSnapshot(sheetName = TAUGHT_SHEET): GridSnapshot {
  const snap = seedGrid(seedTable("001-04"), { sheetName }).snapshot;
  return {
    ...snap,
    values: snap.values.map((row) =>
      row.map((v) => (typeof v === "string" && RENAMED[v] ? RENAMED[v] : v))
    ),
  };
}

/** The fixture tests/fixtures/teach/remap-layout.json: a heading the draft maps wrongly (see its "about"). */
export const REMAP_LAYOUT = remapLayout.sheet;

export function remapSnapshot(sheetName = remapLayout.sheet): GridSnapshot {
  return gridFromRows(remapLayout.rows as (string | number | null)[][], { sheetName });
}
