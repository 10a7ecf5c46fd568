/**
 * The three hosts the pane runs on, behind one test harness: the Office host on the fake Excel, the
 * browser preview's host on an ExcelJS workbook, and the pane tests' in-memory fake. The contract
 * suite (host-contract.test.ts) runs the same cases on each.
 */
import ExcelJS from "exceljs";
import { CellValue } from "../../../src/engine/grid/snapshot";
import { STATE_SHEET } from "../../../src/engine/state/schema";
import { WorkbookHost } from "../../../src/hosts/host";
import { openWorkbookFromArrayBuffer, PreviewHost } from "../../../src/hosts/preview/preview-host";
import { cellAt, cellFillHex, cellFormula, cellValue } from "../../../src/hosts/preview/cells";
import { FakeHost, snapshotFromRows } from "../../taskpane/fake-host";
import { setup } from "../office/helpers";
import { parseA1 } from "../../../src/engine/grid/a1";

export interface Look {
  value: CellValue;
  formula: string | null;
  fill: string | null;
}

export interface Harness {
  host: WorkbookHost;
  /** A person typing a constant into a cell. */
  edit(sheet: string, address: string, value: number | string): void;
  look(sheet: string, address: string): Look;
  /** Puts a "_selfeval" sheet this version cannot decode into the workbook. */
  corruptState(): void;
}

/** The sheet every case starts from: S!A1 = 100 (typed), A2 = 5, B1 = "96 万", C1 blank. */
export const ROWS: CellValue[][] = [
  [100, "96 万", null],
  [5, null, null],
];

export const HOSTS: [string, () => Promise<Harness>][] = [
  [
    "office",
    async () => {
      const { wb, host } = setup([{ name: "S", rows: ROWS as (string | number | null)[][] }]);
      return {
        host,
        edit: (sheet, address, value) => {
          const p = parseA1(address);
          const c = wb.sheet(sheet).ensure(p.row, p.col);
          c.value = value;
          c.formula = null;
        },
        look: (sheet, address) => {
          const s = wb.cellState(sheet, address);
          return { value: s.value, formula: s.formula, fill: s.fill };
        },
        corruptState: () => {
          const ws = wb.addSheet({
            name: STATE_SHEET,
            rows: [["selfeval-state v1"], ["{ not json"]],
          });
          void ws;
        },
      };
    },
  ],
  [
    "preview",
    async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("S");
      ROWS.forEach((r, i) =>
        r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v))
      );
      const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      const host: PreviewHost = await openWorkbookFromArrayBuffer(bytes);
      const cell = (sheet: string, address: string) =>
        cellAt(host.workbook!.getWorksheet(sheet)!, address);
      return {
        host,
        edit: (sheet, address, value) => {
          cell(sheet, address).value = value;
        },
        look: (sheet, address) => {
          const c = cell(sheet, address);
          return {
            value: cellFormula(c) ? null : cellValue(c),
            formula: cellFormula(c),
            fill: cellFillHex(c),
          };
        },
        corruptState: () => {
          const st = host.workbook!.addWorksheet(STATE_SHEET, { state: "veryHidden" });
          st.getCell("A1").value = "selfeval-state v1";
          st.getCell("A2").value = "{ not json";
        },
      };
    },
  ],
  [
    "pane fake",
    async () => {
      const host = new FakeHost([snapshotFromRows("S", ROWS)]);
      return {
        host,
        edit: (sheet, address, value) => host.edit(sheet, address, value),
        look: (sheet, address) => {
          const c = host.cell(sheet, address);
          return { value: c.formula ? null : c.value, formula: c.formula, fill: c.fill };
        },
        corruptState: () => {
          host.stateError = "Unexpected token n in JSON";
        },
      };
    },
  ],
];
