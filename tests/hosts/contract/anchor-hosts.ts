/**
 * The three hosts (Office on the fake Excel, the browser preview, the pane's fake) opened on one
 * sheet holding a real table, with what a person does in Excel between our action and its undo:
 * insert or delete whole rows (formulas follow, as in Excel) and rename the sheet.
 */
import ExcelJS from "exceljs";
import { parseA1, toA1 } from "../../../src/engine/grid/a1";
import { CellValue, GridSnapshot } from "../../../src/engine/grid/snapshot";
import { WorkbookHost } from "../../../src/hosts/host";
import { cellAt, cellFillHex, cellFormula, cellValue } from "../../../src/hosts/preview/cells";
import { openWorkbookFromArrayBuffer, PreviewHost } from "../../../src/hosts/preview/preview-host";
import { FakeHost } from "../../taskpane/fake-host";
import { CellInit } from "../office/fake-excel";
import { setup } from "../office/helpers";
import { shiftFormulaRows, shiftRow } from "../row-shift";

export interface Look {
  value: CellValue;
  formula: string | null;
  fill: string | null;
}

export interface AnchorHarness {
  host: WorkbookHost;
  look(sheet: string, address: string): Look;
  /** Every cell of the sheet that holds a value, a formula or a fill. */
  dump(sheet: string): Record<string, Look>;
  /** Whole rows inserted (count > 0) or deleted (count < 0) at 0-based row `at`, as Excel does it. */
  shiftRows(sheet: string, at: number, count: number): void;
  renameSheet(from: string, to: string): void;
}

/** A formula cell's value is left out: only the preview caches one, and it is not what is compared. */
function lookOf(value: CellValue, formula: string | null, fill: string | null): Look {
  return { value: formula ? null : (value ?? null), formula: formula ?? null, fill: fill ?? null };
}

const blank = (l: Look) => l.value === null && l.formula === null && l.fill === null;

function cellsOf(
  snapshot: GridSnapshot
): { address: string; value: CellValue; nf: string | null }[] {
  const out: { address: string; value: CellValue; nf: string | null }[] = [];
  snapshot.values.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === null || value === "") return;
      const nf = snapshot.numberFormats?.[r]?.[c] ?? null;
      out.push({ address: toA1(snapshot.origin.row + r, snapshot.origin.col + c), value, nf });
    })
  );
  return out;
}

async function office(snapshot: GridSnapshot): Promise<AnchorHarness> {
  const cells: Record<string, CellInit> = {};
  for (const c of cellsOf(snapshot))
    cells[c.address] = { v: c.value as string | number, ...(c.nf ? { nf: c.nf } : {}) };
  const { wb, host } = setup([{ name: snapshot.sheetName, cells }]);
  const look = (sheet: string, address: string) => {
    const s = wb.cellState(sheet, address);
    return lookOf(s.value, s.formula, s.fill);
  };
  return {
    host,
    look,
    dump: (sheet) => {
      const out: Record<string, Look> = {};
      for (const a of Object.keys(wb.dump(sheet))) {
        const l = look(sheet, a);
        if (!blank(l)) out[a] = l;
      }
      return out;
    },
    shiftRows: (sheet, at, count) => wb.shiftRows(sheet, at, count),
    renameSheet: (from, to) => wb.renameSheet(from, to),
  };
}

async function preview(snapshot: GridSnapshot): Promise<AnchorHarness> {
  const built = new ExcelJS.Workbook();
  const ws = built.addWorksheet(snapshot.sheetName);
  for (const c of cellsOf(snapshot)) {
    const p = parseA1(c.address);
    const cell = ws.getCell(p.row + 1, p.col + 1);
    cell.value = c.value as ExcelJS.CellValue;
    if (c.nf) cell.numFmt = c.nf;
  }
  const bytes = new Uint8Array((await built.xlsx.writeBuffer()) as ArrayBuffer);
  const host: PreviewHost = await openWorkbookFromArrayBuffer(bytes);
  const sheetOf = (name: string) => host.workbook!.getWorksheet(name)!;
  const look = (sheet: string, address: string) => {
    const c = cellAt(sheetOf(sheet), address);
    return lookOf(cellValue(c), cellFormula(c), cellFillHex(c));
  };
  return {
    host,
    look,
    dump: (sheet) => {
      const out: Record<string, Look> = {};
      // Every cell ExcelJS holds, empty ones too (eachCell would skip a fill on an empty cell).
      const w = sheetOf(sheet);
      for (let r = 1; r <= w.rowCount; r++)
        for (let c = 1; c <= w.columnCount; c++) {
          const cell = w.findCell(r, c);
          if (!cell) continue;
          const l = look(sheet, cell.address);
          if (!blank(l)) out[cell.address] = l;
        }
      return out;
    },
    shiftRows: (sheet, at, count) => {
      // By hand: ExcelJS's spliceRows leaves the fill of an empty cell and every note behind.
      const w = sheetOf(sheet);
      const taken: {
        row: number;
        col: number;
        value: ExcelJS.CellValue;
        style: unknown;
        note: unknown;
      }[] = [];
      const rows = w.rowCount;
      const cols = w.columnCount;
      for (let r = 1; r <= rows; r++)
        for (let c = 1; c <= cols; c++) {
          const cell = w.findCell(r, c);
          if (!cell) continue;
          taken.push({
            row: r - 1,
            col: c - 1,
            value: cell.value,
            style: JSON.parse(JSON.stringify(cell.style ?? {})),
            note: cell.note,
          });
          cell.value = null;
          cell.style = {};
          cell.note = undefined as unknown as string;
        }
      for (const t of taken) {
        const row = shiftRow(t.row, at, count);
        if (row === null) continue;
        const cell = w.getCell(row + 1, t.col + 1);
        const formula = (t.value as ExcelJS.CellFormulaValue | null)?.formula;
        // Excel also moves every formula's references.
        cell.value = formula
          ? {
              ...(t.value as ExcelJS.CellFormulaValue),
              formula: shiftFormulaRows(formula, at, count),
            }
          : t.value;
        cell.style = t.style as Partial<ExcelJS.Style>;
        if (t.note) cell.note = t.note as string;
      }
    },
    renameSheet: (from, to) => {
      sheetOf(from).name = to;
    },
  };
}

async function paneFake(snapshot: GridSnapshot): Promise<AnchorHarness> {
  const host = new FakeHost([snapshot]);
  const look = (sheet: string, address: string) => {
    const c = host.cell(sheet, address);
    return lookOf(c.value, c.formula, c.fill);
  };
  return {
    host,
    look,
    dump: (sheet) => {
      const out: Record<string, Look> = {};
      for (const a of Object.keys(host.dump(sheet))) {
        const l = look(sheet, a);
        if (!blank(l)) out[a] = l;
      }
      return out;
    },
    shiftRows: (sheet, at, count) => host.shiftRows(sheet, at, count),
    renameSheet: (from, to) => host.renameSheet(from, to),
  };
}

export const ANCHOR_HOSTS: [string, (snapshot: GridSnapshot) => Promise<AnchorHarness>][] = [
  ["office", office],
  ["preview", preview],
  ["pane fake", paneFake],
];
