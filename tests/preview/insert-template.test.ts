/**
 * PreviewHost.insertTemplateSheet: the standard blank table rendered with ExcelJS into the open
 * workbook, exactly as `selfeval template` renders it; the new sheet analyses as one table whose
 * only findings are its blank required fields, survives a save, and keeps its formulas live.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeSheet } from "../../src/engine/analyze";
import { rulesPreset } from "../../src/engine/policy";
import { resolveSettings } from "../../src/engine/settings";
import { STATE_SHEET } from "../../src/engine/state/schema";
import { buildTemplateLayout, TemplateLayout } from "../../src/engine/template";
import { compactValidations } from "../../src/hosts/exceljs/compact-validations";
import { openWorkbookFromArrayBuffer, PreviewHost } from "../../src/hosts/preview/preview-host";

const SEED = path.resolve(__dirname, "../../seeds/beijing-2023.xlsx");

let bytes: Buffer;
beforeAll(async () => {
  bytes = await fs.readFile(SEED);
});

function openSeed(): Promise<PreviewHost> {
  return openWorkbookFromArrayBuffer(new Uint8Array(bytes), { fileName: "beijing-2023.xlsx" });
}

async function findingsOf(host: PreviewHost, sheet: string, layout: TemplateLayout) {
  const [snap] = await host.readSheets([sheet]);
  const report = analyzeSheet(snap, { settings: resolveSettings(layout.rules) });
  return report;
}

describe("PreviewHost.insertTemplateSheet", () => {
  test.each(["beijing", "hunan"] as const)(
    "%s: one table, only MISSING_FIELD findings, shown as the active sheet",
    async (variant) => {
      const host = await openSeed();
      const before = host.visibleSheetNames();
      const revision = host.revision.get();
      const layout = buildTemplateLayout({ variant, projects: 1, year: 2024 });
      const name = await host.insertTemplateSheet(layout.sheets[0], { rules: layout.rules });
      expect(name).toBe("项目1");
      expect(host.visibleSheetNames()).toEqual([...before, "项目1"]);
      expect(await host.activeSheetName()).toBe("项目1");
      expect(host.revision.get()).toBeGreaterThan(revision);

      const report = await findingsOf(host, name, layout);
      expect(report.tables).toHaveLength(1);
      const [table] = report.tables;
      expect(table.table.range.address).toBe(layout.sheets[0].anchors.range);
      expect(table.findings.length).toBeGreaterThan(0);
      expect(new Set(table.findings.map((f) => f.code))).toEqual(new Set(["MISSING_FIELD"]));
      expect(report.findings).toEqual([]);
    }
  );

  test("merges, validations, protection and print set-up are those of the .xlsx template", async () => {
    const host = await openSeed();
    const layout = buildTemplateLayout({ variant: "beijing", projects: 1, year: 2024 });
    const s = layout.sheets[0];
    await host.insertTemplateSheet(s);
    const ws = host.workbook!.getWorksheet("项目1")!;

    const merges = (ws as unknown as { _merges: Record<string, { range: string }> })._merges;
    expect(Object.keys(merges)).toHaveLength(s.merges.length);

    const model = (
      ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    expect(Object.keys(model).sort()).toEqual(
      compactValidations(s.validations)
        .map((v) => v.sqref)
        .sort()
    );
    expect(model["B14"]).toMatchObject({
      type: "list",
      formulae: ['"产出指标,效益指标,满意度指标"'],
    });

    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> })
      .sheetProtection;
    expect(protection).toMatchObject({ sheet: true, formatColumns: true, insertRows: true });
    expect(protection.hashValue).toBeUndefined(); // no password
    expect(ws.getCell("B3").style.protection).toEqual({ locked: false });
    expect(ws.getCell("H7").style.protection).toEqual({ locked: true });

    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:2",
      printArea: "A1:I21",
    });
    expect(ws.getColumn(1).width).toBe(s.columnWidths[0]);
    expect(ws.getCell("H7").formula).toBe('IF(AND(ISNUMBER(E7),ISNUMBER(F7),E7<>0),F7/E7,"")');
    expect(ws.getCell("G21").value).toEqual({ formula: "N(G7)+SUM(G14:G20)", result: 100 });
  });

  test("the rule set is embedded when the workbook has none, and a workbook's own is kept", async () => {
    const host = await openSeed();
    expect((await host.readState()).rules).toBeUndefined();
    const layout = buildTemplateLayout({ variant: "beijing", projects: 1, year: 2024 });
    await host.insertTemplateSheet(layout.sheets[0], { rules: layout.rules });
    expect((await host.readState()).rules).toEqual({ version: 1 });
    expect(host.workbook!.getWorksheet(STATE_SHEET)!.state).toBe("veryHidden");

    const other = await openSeed();
    await other.writeState({
      ...(await other.readState()),
      rules: { version: 1, preset: "hunan" },
    });
    await other.insertTemplateSheet(layout.sheets[0], { rules: rulesPreset("beijing") });
    expect((await other.readState()).rules).toEqual({ version: 1, preset: "hunan" });
  });

  test("names stay unique; activate: false keeps the sheet shown", async () => {
    const host = await openSeed();
    const shown = await host.activeSheetName();
    const layout = buildTemplateLayout({ variant: "beijing", projects: 1, year: 2024 });
    expect(await host.insertTemplateSheet(layout.sheets[0], { activate: false })).toBe("项目1");
    expect(await host.activeSheetName()).toBe(shown);
    expect(await host.insertTemplateSheet(layout.sheets[0])).toBe("项目2");
    expect(await host.insertTemplateSheet(layout.sheets[0], { name: shown })).toBe(`${shown}(2)`);
  });

  test("saved and opened again, the new sheet is still one table with the same findings", async () => {
    const host = await openSeed();
    const layout = buildTemplateLayout({ variant: "hunan", projects: 1, year: 2023 });
    await host.insertTemplateSheet(layout.sheets[0], { rules: layout.rules });
    const first = await findingsOf(host, "项目1", layout);
    const reopened = await openWorkbookFromArrayBuffer(await host.toBuffer());
    expect(reopened.visibleSheetNames()).toContain("项目1");
    const again = await findingsOf(reopened, "项目1", layout);
    expect(again.tables[0].findings.map((f) => `${f.code}@${f.cell}`)).toEqual(
      first.tables[0].findings.map((f) => `${f.code}@${f.cell}`)
    );
    expect((await reopened.readState()).rules).toEqual({ version: 1 });
  });

  test("an unprotected table takes edits, and its formulas compute once the amounts are in", async () => {
    const host = await openSeed();
    const layout = buildTemplateLayout({
      variant: "beijing",
      projects: 1,
      year: 2024,
      protect: false,
    });
    await host.insertTemplateSheet(layout.sheets[0], { rules: layout.rules });
    await host.editCell("项目1", "E7", "100");
    await host.editCell("项目1", "F7", "90");
    expect(host.formulaStatus("项目1", "H7")).toBe("live");
    expect(host.cellInfo("项目1", "H7").value).toBe(0.9);
    expect(host.cellInfo("项目1", "I7").value).toBe(9);
    await host.editCell("项目1", "H14", "12");
    expect(host.cellInfo("项目1", "H21").value).toBe(21);
  });
});
