/**
 * The fill plan's last check (write-guard.ts): a write never lands on a label of the table or on
 * text that is not a value of the field it computes; such a table is refused whole and says why.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { analyzeWorkbook } from "../../src/engine/analyze";
import { GridSnapshot, toDenseSnapshot } from "../../src/engine/grid/snapshot";
import { planFill } from "../../src/engine/fill";
import { CellWrite } from "../../src/engine/fill/plan-types";
import { fillRefusal, guardWrites } from "../../src/engine/fill/write-guard";
import { AssessmentTable } from "../../src/engine/model/table";
import { resolveSettings } from "../../src/engine/settings";
import { parseNumber } from "../../src/engine/text/numbers";
import { readXlsxFast } from "../../src/hosts/exceljs/xlsx-fast";
import { allSeedTables, COL, seedGrid } from "../helpers/seed-grid";

const settings = resolveSettings();

function tableOf(
  mutate?: (values: unknown[][], l: ReturnType<typeof seedGrid>["layouts"][0]) => void
): AssessmentTable {
  const g = seedGrid(allSeedTables()[0]);
  mutate?.(g.snapshot.values as unknown[][], g.layouts[0]);
  const [report] = analyzeWorkbook([g.snapshot], { settings });
  expect(report.tables).toHaveLength(1);
  return report.tables[0].table;
}

test("a plan over a table read consistently passes untouched", () => {
  const t = tableOf();
  const writes = planFill(t, settings);
  expect(writes.length).toBeGreaterThan(0);
  expect(fillRefusal(t)).toBeNull();
});

test("a write onto one of the table's labels refuses the whole table", () => {
  const t = tableOf();
  const writes = planFill(t, settings);
  const label = t.total!.label;
  const onLabel: CellWrite = {
    ...writes[0],
    row: label.row,
    col: label.col,
    address: label.address,
    before: { value: label.value, formula: null, numberFormat: null },
  };
  expect(guardWrites(t, [...writes, onLabel], settings)).toEqual([]);
  const r = fillRefusal(t)!;
  expect(r.unsafe).toEqual([{ write: onLabel, holds: String(label.value), isLabel: true }]);
  expect(r.range).toBe(t.range.address);
});

test.each(["=SUM(G14:G21)", "+1+1", "@SUM(1)", "合计", "见附件"])(
  "text %p typed in the 总分 得分 cell is not overwritten: the table is refused",
  (text) => {
    const t = tableOf((values, l) => {
      values[l.totalRow][l.left + COL.score] = text;
    });
    expect(planFill(t, settings)).toEqual([]);
    const r = fillRefusal(t)!;
    expect(r.unsafe.map((u) => [u.write.address, u.holds, u.isLabel])).toEqual([
      [t.total!.score!.address, text, false],
    ]);
  }
);

test.each(["", "—", "94", "94 分", "#DIV/0!"])(
  "a 总分 得分 cell holding %p is a value: filled",
  (v) => {
    const t = tableOf((values, l) => {
      values[l.totalRow][l.left + COL.score] = v;
    });
    expect(planFill(t, settings).some((w) => w.purpose === "totalScore")).toBe(true);
    expect(fillRefusal(t)).toBeNull();
  }
);

describe("fill on its own output plans nothing (labels swapped at random, fixed seed)", () => {
  /** The snapshot with the plan's writes in, as a host that caches the results leaves it. */
  function applied(snapshot: GridSnapshot, writes: CellWrite[]): GridSnapshot {
    const values = snapshot.values.map((r) => [...r]);
    const formulas = (snapshot.formulas ?? []).map((r) => [...r]);
    const formats = (snapshot.numberFormats ?? []).map((r) => [...r]);
    for (const w of writes) {
      const r = w.row - snapshot.origin.row;
      const c = w.col - snapshot.origin.col;
      while (values.length <= r) values.push([]);
      while (formulas.length <= r) formulas.push([]);
      while (formats.length <= r) formats.push([]);
      values[r][c] = w.formula !== undefined ? (w.result ?? null) : (w.value ?? null);
      formulas[r][c] = w.formula ?? null;
      if (w.numberFormat) formats[r][c] = w.numberFormat;
    }
    return { ...snapshot, values, formulas, numberFormats: formats };
  }

  function planAll(snapshot: GridSnapshot): CellWrite[] {
    const out: CellWrite[] = [];
    for (const r of analyzeWorkbook([snapshot], { settings }))
      for (const t of r.tables) out.push(...planFill(t.table, settings, { convertNumbers: true }));
    return out;
  }

  const seedSheets = readXlsxFast(
    fs.readFileSync(path.join(__dirname, "../../seeds/beijing-2023.xlsx"))
  ).snapshots.map((x) => toDenseSnapshot(x));
  const LABELS =
    /^(分值|得分|执行率|总分|合计|年度资金总额|全年预算数|全年执行数|年初预算数|等级)$/;

  test("300 swaps of a header label with another text on a seed sheet: no write on a label, a second plan is empty", () => {
    fc.assert(
      fc.property(fc.nat(seedSheets.length - 1), fc.nat(10_000), fc.nat(10_000), (si, a, b) => {
        const g: GridSnapshot = structuredClone(seedSheets[si]);
        const labels: [number, number][] = [];
        const texts: [number, number][] = [];
        g.values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (typeof v !== "string" || !v.trim()) return;
            texts.push([r, c]);
            if (LABELS.test(v.replace(/\s+/g, ""))) labels.push([r, c]);
          })
        );
        const [r1, c1] = labels[a % labels.length];
        const [r2, c2] = texts[b % texts.length];
        const t = g.values[r1][c1];
        g.values[r1][c1] = g.values[r2][c2];
        g.values[r2][c2] = t;
        const first = planAll(g);
        for (const w of first) {
          const v = w.before.value;
          if (w.before.formula || typeof v !== "string" || w.purpose === "grade") continue;
          expect({ at: w.address, v, kind: parseNumber(v).kind }).not.toMatchObject({
            kind: "text",
          });
        }
        const second = planAll(applied(g, first));
        expect(second.map((w) => `${w.sheet}!${w.address} ${w.purpose}`)).toEqual([]);
      }),
      { seed: 20261130, numRuns: 300 }
    );
  });
});
