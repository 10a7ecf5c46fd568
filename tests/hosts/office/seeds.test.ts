import * as path from "path";
import { analyzeWorkbook } from "../../../src/engine/analyze";
import { planFill, planHighlights } from "../../../src/engine/fill";
import { rangeToA1, toA1 } from "../../../src/engine/grid/a1";
import { GridSnapshot } from "../../../src/engine/grid/snapshot";
import { resolveSettings } from "../../../src/engine/settings";
import { readWorkbookFile } from "../../../src/hosts/exceljs/read-workbook";
import { CellInit, SheetInit } from "./fake-excel";
import { counted, setup } from "./helpers";
import { recordSyncs } from "./sync-report";

/** The fake Excel holding what the ExcelJS host reads from a seed workbook. */
function sheetFrom(s: GridSnapshot): SheetInit {
  const cells: Record<string, CellInit> = {};
  s.values.forEach((row, i) => {
    for (let j = 0; j < Math.max(row.length, s.formulas?.[i]?.length ?? 0); j++) {
      const v = row[j] ?? null;
      const f = s.formulas?.[i]?.[j] ?? null;
      const nf = s.numberFormats?.[i]?.[j] ?? null;
      if (v === null && !f && !nf) continue;
      const c: CellInit = {};
      if (v !== null) c.v = v;
      if (f) c.f = f;
      if (nf) c.nf = nf;
      cells[toA1(s.origin.row + i, s.origin.col + j)] = c;
    }
  });
  return { name: s.sheetName, cells, merges: s.merges.map(rangeToA1) };
}

function summary(snaps: GridSnapshot[]) {
  return analyzeWorkbook(snaps).map((r) => ({
    sheet: r.sheet,
    tables: r.tables.map((t) => ({
      findings: t.findings.map((f) => `${f.code}@${f.cell}`).sort(),
    })),
  }));
}

describe.each(["beijing-2023.xlsx", "beijing-2020-stacked.xlsx", "hunan-2020.xlsx"])(
  "seed %s through the Office host",
  (file) => {
    test("reads the same tables and findings as the ExcelJS host; fill + undo leaves the workbook as it was", async () => {
      const fromFile = await readWorkbookFile(path.join(__dirname, "../../../seeds", file));
      const { wb, host } = setup(fromFile.map(sheetFrom));

      const read = await counted(wb, () => host.readSheets());
      recordSyncs(`readSheets: ${file} (${fromFile.length} sheets)`, read.syncs);
      expect(read.syncs).toBeLessThanOrEqual(3);
      expect(summary(read.result)).toEqual(summary(fromFile));

      const settings = resolveSettings();
      const reports = analyzeWorkbook(read.result, { settings });
      const writes = reports.flatMap((r) => r.tables.flatMap((t) => planFill(t.table, settings)));
      const highlights = reports.flatMap((r) =>
        r.tables.flatMap((t) => planHighlights(t, settings))
      );
      expect(writes.length + highlights.length).toBeGreaterThan(0);

      const before = Object.fromEntries(fromFile.map((s) => [s.sheetName, wb.dump(s.sheetName)]));
      const applied = await counted(wb, () => host.applyPlan({ writes, highlights }, "fill"));
      recordSyncs(
        `applyPlan: ${file} (${writes.length} writes, ${highlights.length} highlights)`,
        applied.syncs
      );
      expect(applied.syncs).toBeLessThanOrEqual(3);
      // One formulas call per contiguous block, never one per cell when cells are adjacent.
      const formulaCalls = wb.writes.filter((w) => w.kind === "formulas").length;
      expect(formulaCalls).toBeLessThanOrEqual(writes.filter((w) => w.formula).length);

      // Filling again plans nothing new.
      const again = analyzeWorkbook(await host.readSheets(), { settings });
      const writes2 = again.flatMap((r) => r.tables.flatMap((t) => planFill(t.table, settings)));
      expect(writes2).toEqual([]);

      const undo = await counted(wb, () => host.undoLast());
      recordSyncs(`undoLast: ${file}`, undo.syncs);
      // 3, plus readSheets' 2 for the sheets whose anchored cells it finds again (re-detection).
      expect(undo.syncs).toBeLessThanOrEqual(5);
      for (const s of fromFile) expect(wb.dump(s.sheetName)).toEqual(before[s.sheetName]);
    });
  }
);
