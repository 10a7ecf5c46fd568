/**
 * The `result` every formula write carries — what the engine says the formula evaluates to — is
 * what a spreadsheet computes: each seed workbook is filled, its inputs are changed the way a person
 * would, and the results of planFill(…, { includeUnchanged: true }) are checked against HyperFormula
 * (a dev dependency, used here only) evaluating the same workbook.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { matcherFor } from "../../src/engine/analyze";
import { detectTables } from "../../src/engine/detect/detect";
import { planFill, sameFormula } from "../../src/engine/fill/plan-fill";
import { CellWrite } from "../../src/engine/fill/plan-types";
import { Grid } from "../../src/engine/grid/snapshot";
import { AssessmentTable } from "../../src/engine/model/table";
import { EngineSettings, resolveSettings } from "../../src/engine/settings";
import { applyPlan } from "../../src/hosts/exceljs/apply-plan";
import { loadWorkbook } from "../../src/hosts/exceljs/read-workbook";
import { snapshotOfWorksheet } from "../../src/hosts/exceljs/snapshot";
import { liveFormulas } from "../../src/hosts/preview/live-formulas";
import { evaluateWorkbook } from "../helpers/evaluate";
import { SEEDS_DIR, SEED_WORKBOOKS } from "../helpers/seed-workbooks";

const defaults = resolveSettings();
const floored = resolveSettings({ fundingScoreRounding: "floor", fundingScoreDecimals: 1 });

function tablesOf(ws: ExcelJS.Worksheet, settings: EngineSettings): AssessmentTable[] {
  return detectTables(new Grid(snapshotOfWorksheet(ws)), matcherFor(settings));
}

function formulaWrites(
  ws: ExcelJS.Worksheet,
  settings: EngineSettings,
  includeUnchanged: boolean
): CellWrite[] {
  return tablesOf(ws, settings)
    .flatMap((t) => planFill(t, settings, { includeUnchanged }))
    .filter((w) => w.formula !== undefined);
}

/** Every formula write's result against HyperFormula's value of the same cell. */
function expectResultsMatch(wb: ExcelJS.Workbook, writes: CellWrite[]): void {
  const ev = evaluateWorkbook(wb);
  try {
    for (const w of writes) {
      const computed = ev.valueAt(w.sheet, w.address);
      const label = `${w.sheet}!${w.address} ${w.formula}`;
      if (typeof w.result === "number") {
        expect({ label, computed: typeof computed }).toEqual({ label, computed: "number" });
        expect({
          label,
          value: Math.abs((computed as number) - w.result) < 1e-9 ? w.result : computed,
        }).toEqual({
          label,
          value: w.result,
        });
      } else {
        expect({ label, value: computed }).toEqual({ label, value: w.result });
      }
    }
  } finally {
    ev.destroy();
  }
}

function numberAt(ws: ExcelJS.Worksheet, row: number, col: number): number | null {
  const v = ws.getCell(row + 1, col + 1).value;
  return typeof v === "number" ? v : null;
}

/** Changes inputs of every table the way a person editing the sheet would. */
function editInputs(ws: ExcelJS.Worksheet, tables: AssessmentTable[], variant: number): void {
  for (const t of tables) {
    const total = t.funding?.rows.find((r) => r.kind === "total");
    const budget = total?.budget ?? null;
    const executed = total?.executed ?? null;
    if (budget && executed) {
      const b = numberAt(ws, budget.row, budget.col);
      if (variant === 0 && b !== null)
        ws.getCell(executed.row + 1, executed.col + 1).value = Math.round(b * 0.8731 * 1e4) / 1e4;
      if (variant === 1) ws.getCell(budget.row + 1, budget.col + 1).value = 0;
      if (variant === 2 && b !== null)
        ws.getCell(executed.row + 1, executed.col + 1).value = b * 1.25;
    }
    const rows = t.indicators?.rows ?? [];
    rows.forEach((r, i) => {
      if (!r.score) return;
      const cell = ws.getCell(r.score.row + 1, r.score.col + 1);
      if (variant === 0 && i === 0) cell.value = 3.5;
      if (variant === 1 && i === 1) cell.value = "未评";
      if (variant === 2 && i === rows.length - 1) cell.value = null;
      if (variant === 2 && i === 0) cell.value = 40; // a total under 60: the lowest grade
    });
  }
}

describe.each(SEED_WORKBOOKS)("%s: formula results agree with HyperFormula", (file) => {
  let wb: ExcelJS.Workbook;
  beforeEach(async () => {
    wb = await loadWorkbook(path.join(SEEDS_DIR, file));
  });

  test.each([
    ["default rules", defaults],
    ["floored funding score, 1 decimal", floored],
  ])("as planned on the file (%s), and again after the inputs change", (_name, settings) => {
    // The first fill: the plan's results against the filled workbook.
    const planned: CellWrite[] = [];
    for (const ws of wb.worksheets) {
      const writes = tablesOf(ws, settings).flatMap((t) => planFill(t, settings));
      applyPlan(wb, { writes, highlights: [] });
      planned.push(...writes.filter((w) => w.formula !== undefined));
    }
    expect(planned.length).toBeGreaterThan(0);
    expectResultsMatch(wb, planned);

    for (let variant = 0; variant < 3; variant++) {
      for (const ws of wb.worksheets) editInputs(ws, tablesOf(ws, settings), variant);
      const again: CellWrite[] = [];
      for (const ws of wb.worksheets) {
        // The formulas in place come back with includeUnchanged, each with its result — those whose
        // planned inputs are in place too (what the browser preview keeps live).
        const all = formulaWrites(ws, settings, true);
        const live = liveFormulas(snapshotOfWorksheet(ws), settings);
        for (const w of all) {
          const cell = ws.getCell(w.row + 1, w.col + 1);
          const inPlace = sameFormula(
            cell.type === ExcelJS.ValueType.Formula ? cell.formula : null,
            w.formula!
          );
          if (!inPlace) expect(live.has(w.address)).toBe(false);
          if (live.has(w.address)) again.push(w);
        }
        expect(again.filter((w) => w.sheet === ws.name)).toEqual([...live.values()]);
      }
      expect(again.length).toBeGreaterThan(0);
      expectResultsMatch(wb, again);
    }
  });
});

test("includeUnchanged returns the writes a filled table already holds, with their results; without it nothing", async () => {
  const wb = await loadWorkbook(path.join(SEEDS_DIR, "beijing-2023.xlsx"));
  const ws = wb.worksheets[0];
  const [table] = tablesOf(ws, defaults);
  const first = planFill(table, defaults);
  applyPlan(wb, { writes: first, highlights: [] });
  const [filled] = tablesOf(ws, defaults);
  expect(planFill(filled, defaults)).toEqual([]);
  const unchanged = planFill(filled, defaults, { includeUnchanged: true });
  expect(unchanged.map((w) => [w.address, w.formula, w.result])).toEqual(
    first.map((w) => [w.address, w.formula, w.result])
  );
  for (const w of unchanged) expect(sameFormula(w.before.formula, w.formula!)).toBe(true);
});
