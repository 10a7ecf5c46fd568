/**
 * Fill never rewrites what check accepts and never writes nonsense: on every seed workbook, a table
 * with no error or warning finding keeps every stated figure after fill (the workbook is filled with
 * ExcelJS and recomputed by HyperFormula), and no 总分 fill writes exceeds the table's maximum.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeGrid } from "../../src/engine/analyze";
import { rateShowsAsStated } from "../../src/engine/compute/rounding";
import { changesTypedValue, planChanges, planTableFill } from "../../src/engine/fill";
import { CellWrite } from "../../src/engine/fill/plan-types";
import { Grid } from "../../src/engine/grid/snapshot";
import { EngineSettings, resolveSettings } from "../../src/engine/settings";
import { applyPlan } from "../../src/hosts/exceljs/apply-plan";
import { loadWorkbook } from "../../src/hosts/exceljs/read-workbook";
import { snapshotOfWorksheet } from "../../src/hosts/exceljs/snapshot";
import { evaluateWorkbook } from "../helpers/evaluate";
import { SEEDS_DIR, SEED_WORKBOOKS } from "../helpers/seed-workbooks";

// Reading and filling the seed workbooks is slow on a loaded machine; no timing is asserted.
jest.setTimeout(60_000);

const settingsOf = (file: string): [string, EngineSettings][] => [
  ["default rules", resolveSettings()],
  [
    "the workbook's preset",
    resolveSettings({ preset: file.startsWith("hunan") ? "hunan" : "beijing" }),
  ],
];

interface Planned {
  accepted: boolean;
  writes: CellWrite[];
}

describe.each(SEED_WORKBOOKS)("%s", (file) => {
  test.each(settingsOf(file))(
    "(%s) a table check accepts keeps every stated figure; no 总分 exceeds the maximum",
    async (_name, settings) => {
      const wb = await loadWorkbook(path.join(SEEDS_DIR, file));
      const planned: Planned[] = [];
      for (const ws of wb.worksheets) {
        const report = analyzeGrid(new Grid(snapshotOfWorksheet(ws)), settings);
        for (const t of report.tables) {
          const accepted = t.findings.every((f) => f.severity === "info");
          const plan = planTableFill(t.table, settings);
          if (accepted) expect(planChanges([{ table: t.table, writes: plan.writes }])).toEqual([]);
          for (const w of plan.writes.filter((x) => x.purpose === "totalScore"))
            expect(w.result as number).toBeLessThanOrEqual(settings.expectedTotalWeight);
          planned.push({ accepted, writes: plan.writes });
        }
        applyPlan(wb, {
          writes: planned.flatMap((p) => p.writes.filter((w) => w.sheet === ws.name)),
          highlights: [],
        });
      }
      // Every Hunan table carries its published weight errors; the Beijing workbooks have clean ones.
      const anyAccepted = planned.some((p) => p.accepted);
      expect(anyAccepted).toBe(!file.startsWith("hunan"));

      // The filled workbook, recomputed: typed figures of accepted tables show as they did.
      const ev = evaluateWorkbook(wb);
      try {
        let checked = 0;
        for (const p of planned) {
          for (const w of p.writes) {
            const now = ev.valueAt(w.sheet, w.address);
            if (w.purpose === "totalScore" && typeof now === "number")
              expect(now).toBeLessThanOrEqual(settings.expectedTotalWeight + 1e-9);
            if (!p.accepted || w.before.formula || w.before.value === null) continue;
            const label = `${w.sheet}!${w.address} ${w.purpose}`;
            checked++;
            if (w.purpose === "rate") {
              const cell = { ...w.before, row: w.row, col: w.col, address: w.address };
              expect({
                label,
                same: typeof now === "number" && rateShowsAsStated(now, cell),
              }).toEqual({ label, same: true });
            } else if (typeof w.before.value === "number") {
              expect({
                label,
                now: typeof now === "number" ? Math.round(now * 1e9) / 1e9 : now,
              }).toEqual({
                label,
                now: w.before.value,
              });
            } else {
              expect({ label, now }).toEqual({ label, now: w.before.value });
            }
          }
        }
        if (anyAccepted) expect(checked).toBeGreaterThan(0);
      } finally {
        ev.destroy();
      }
    }
  );
});

async function tablesOf(file: string, sheet: string, settings = resolveSettings()) {
  const wb = await loadWorkbook(path.join(SEEDS_DIR, file));
  return analyzeGrid(
    new Grid(snapshotOfWorksheet(wb.getWorksheet(sheet) as ExcelJS.Worksheet)),
    settings
  ).tables;
}

test("a funding score stated with 1 decimal is filled with ROUND(…,1): 5.4 and 95.4 stay", async () => {
  const [t] = await tablesOf("beijing-2020-stacked.xlsx", "自评表(一)");
  const plan = planTableFill(t.table, resolveSettings());
  const score = plan.writes.find((w) => w.purpose === "fundingScore")!;
  expect(score.address).toBe("I6");
  expect(score.formula).toMatch(/ROUND\(MIN\(H6,1\)\*G6,1\)/);
  expect(score.result).toBe(5.4);
  expect(plan.writes.find((w) => w.purpose === "totalScore")?.result).toBe(95.4);
});

test("a funding score floored at 2 decimals is filled with ROUNDDOWN: 9.99 stays", async () => {
  const tables = await tablesOf("beijing-2020-stacked.xlsx", "自评表(二)");
  const t = tables.find((x) => x.table.range.address === "A98:I116")!;
  const score = planTableFill(t.table, resolveSettings()).writes.find(
    (w) => w.purpose === "fundingScore"
  )!;
  expect(score.formula).toMatch(/ROUNDDOWN\(MIN\(H103,1\)\*G103,2\)/);
  expect(score.result).toBe(9.99);
});

test("a truncated 执行率 (info finding) is reproduced by truncating, not rounded up", async () => {
  const [t] = await tablesOf("beijing-2020-stacked.xlsx", "自评表(二)");
  expect(t.findings.find((f) => f.code === "RATE_MISMATCH")?.severity).toBe("info");
  const rate = planTableFill(t.table, resolveSettings()).writes.find((w) => w.address === "H6")!;
  expect(rate.formula).toContain("ROUNDDOWN(F6/E6,4)");
  expect(rate.result).toBe(0.9803);
});

test("the 110-point tables keep their stated 总分 and say why (zh and en)", async () => {
  const [t] = await tablesOf("hunan-2020.xlsx", "信息化建设", resolveSettings({ preset: "hunan" }));
  const plan = planTableFill(t.table, resolveSettings({ preset: "hunan" }));
  expect(plan.writes.map((w) => w.purpose)).not.toContain("totalScore");
  expect(plan.writes.map((w) => w.purpose)).not.toContain("totalWeight");
  const skipped = plan.skipped.map((s) => [s.address, s.reason]);
  expect(skipped).toEqual([
    ["G23", "weightsInconsistent"],
    ["H23", "weightsInconsistent"],
  ]);
  expect(plan.skipped[1].message_zh).toContain("各项分值之和为 110，不等于 100");
  expect(plan.skipped[1].message_en).toContain("the weights add up to 110, not 100");
  // The grade reads the stated 总分 (99): the same 优 the table states, so no typed value changes.
  expect(planChanges([{ table: t.table, writes: plan.writes }])).toEqual([]);
});

test("a typed 执行率 where the budget is 0 is kept, with the reason", async () => {
  const tables = await tablesOf("beijing-2023.xlsx", "创业补贴");
  const plan = planTableFill(tables[0].table, resolveSettings());
  expect(plan.writes.map((w) => w.address)).not.toContain("H9");
  expect(plan.skipped.find((s) => s.address === "H9")?.reason).toBe("rateUncomputable");
});

test("changes list table, cell, field, before → after; a formula showing the same figure is not one", async () => {
  const tables = await tablesOf("beijing-2020-stacked.xlsx", "自评表(二)");
  const t = tables.find((x) => x.table.range.address === "A75:I94")!;
  const plan = planTableFill(t.table, resolveSettings());
  const changes = planChanges([{ table: t.table, writes: plan.writes }]);
  expect(changes.map((c) => [c.address, c.field_zh, c.before, c.after])).toEqual([
    ["I80", "资金得分", "9.86", "9.99"],
    ["H94", "总分得分", "99.86", "99.99"],
  ]);
  expect(changes[0]).toMatchObject({
    sheet: "自评表(二)",
    tableRange: "A75:I94",
    field_en: "funding score",
  });
  expect(changes[0].projectName).toBeTruthy();
  // The rate H80 becomes a formula too, but shows the stated 99.86%.
  expect(plan.writes.map((w) => w.address)).toContain("H80");
});

describe("what counts as a typed value", () => {
  const write = (
    value: CellWrite["before"]["value"],
    formula: string | null = null
  ): CellWrite => ({
    sheet: "S",
    row: 0,
    col: 0,
    address: "A1",
    purpose: "totalScore",
    formula: "=SUM(A2:A3)",
    result: 7,
    before: { value, formula, numberFormat: null },
  });
  test.each(["=SUM(G14:G21)", "+1+1", "@SUM(1)", "优", 100])("%p held as a value is typed", (v) => {
    expect(changesTypedValue(write(v))).toBe(true);
  });
  test("a formula, a blank, and the same figure are not changes", () => {
    expect(changesTypedValue(write(100, "=SUM(A2:A4)"))).toBe(false);
    expect(changesTypedValue(write(null))).toBe(false);
    expect(changesTypedValue(write("  "))).toBe(false);
    expect(changesTypedValue(write(7))).toBe(false);
    expect(changesTypedValue(write("7"))).toBe(false);
    expect(changesTypedValue(write("7分"))).toBe(true);
  });
});
