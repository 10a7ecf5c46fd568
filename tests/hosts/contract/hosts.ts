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
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

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

// -------------------------------------------------------------------------------------------------
// Protection and hidden sheets (host-contract-protection.test.ts)

/** What the protection cases need of a host, beyond Harness. */
export interface ProtectionHarness extends Harness {
  /** Whether the sheet is protected now. */
  isProtected(sheet: string): boolean;
  /** Whether the cell is locked; undefined where the host does not model cell locking (the pane fake). */
  isLocked(sheet: string, address: string): boolean | undefined;
  /** Protects a sheet the way a person would, without a password and without our record. */
  protectForeign(sheet: string): Promise<void>;
  /** Adds a sheet a person hid (and, where the host has them, a very hidden one that is not ours). */
  addHidden(name: string, rows: CellValue[][]): void;
  /** Whether the workbook has its "_selfeval" sheet. */
  hasStateSheet(): boolean;
}

function inRange(address: string, range: string): boolean {
  const p = parseA1(address);
  const [a, b = a] = range.split(":");
  const from = parseA1(a);
  const to = parseA1(b);
  return p.row >= from.row && p.row <= to.row && p.col >= from.col && p.col <= to.col;
}

/** The same three hosts with protection and hidden-sheet helpers; `structure` protects the workbook's structure. */
export const PROTECTION_HOSTS: [
  string,
  (options?: { structure?: boolean }) => Promise<ProtectionHarness>,
][] = [
  [
    "office",
    async (options = {}) => {
      const { wb, host } = setup([{ name: "S", rows: ROWS as (string | number | null)[][] }]);
      wb.structureProtected = !!options.structure;
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
          wb.addSheet({ name: STATE_SHEET, rows: [["selfeval-state v1"], ["{ not json"]] });
        },
        isProtected: (sheet) => wb.sheet(sheet).protected,
        // The template unlocks its input cells through range.format.protection.locked = false.
        isLocked: (sheet, address) =>
          ![...wb.sheet(sheet).formats].some(
            ([range, f]) => f["protection.locked"] === false && inRange(address, range)
          ),
        protectForeign: async (sheet) => {
          wb.sheet(sheet).protected = true;
        },
        addHidden: (name, rows) => {
          wb.addSheet({ name, rows: rows as (string | number | null)[][], visibility: "Hidden" });
          wb.addSheet({ name: `${name}-data`, rows: [[1]], visibility: "VeryHidden" });
        },
        hasStateSheet: () => wb.findSheet(STATE_SHEET) !== undefined,
      };
    },
  ],
  [
    "preview",
    async (options = {}) => {
      const source = new ExcelJS.Workbook();
      const ws = source.addWorksheet("S");
      ROWS.forEach((r, i) =>
        r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v))
      );
      let bytes: Uint8Array = new Uint8Array((await source.xlsx.writeBuffer()) as ArrayBuffer);
      if (options.structure) bytes = withLockedStructure(bytes);
      const host: PreviewHost = await openWorkbookFromArrayBuffer(bytes);
      const wb = host.workbook!;
      const cell = (sheet: string, address: string) => cellAt(wb.getWorksheet(sheet)!, address);
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
          const st = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
          st.getCell("A1").value = "selfeval-state v1";
          st.getCell("A2").value = "{ not json";
        },
        isProtected: (sheet) =>
          !!(wb.getWorksheet(sheet) as unknown as { sheetProtection?: { sheet?: boolean } })
            .sheetProtection?.sheet,
        isLocked: (sheet, address) => cell(sheet, address).style?.protection?.locked !== false,
        protectForeign: async (sheet) => {
          await wb.getWorksheet(sheet)!.protect("", {});
        },
        addHidden: (name, rows) => {
          const hidden = wb.addWorksheet(name, { state: "hidden" });
          rows.forEach((r, i) =>
            r.forEach((v, j) => v !== null && (hidden.getCell(i + 1, j + 1).value = v))
          );
          wb.addWorksheet(`${name}-data`, { state: "veryHidden" }).getCell("A1").value = 1;
        },
        hasStateSheet: () => wb.getWorksheet(STATE_SHEET) !== undefined,
      };
    },
  ],
  [
    "pane fake",
    async (options = {}) => {
      const host = new FakeHost([snapshotFromRows("S", ROWS)]);
      host.structureProtected = !!options.structure;
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
        isProtected: (sheet) => host.protectedSheets.has(sheet),
        isLocked: () => undefined,
        protectForeign: async (sheet) => {
          host.protectedSheets.add(sheet);
        },
        addHidden: (name, rows) => {
          host.addSheet(snapshotFromRows(name, rows), { hidden: true });
        },
        hasStateSheet: () => host.stateSheetExists,
      };
    },
  ],
];

/** The three hosts as the basic contract suite uses them: the protection harnesses, unprotected. */
export const HOSTS: [string, () => Promise<Harness>][] = PROTECTION_HOSTS.map(([name, make]) => [
  name,
  () => make(),
]);

/** An .xlsx whose workbook.xml protects the structure (as Excel writes 保护工作簿). */
function withLockedStructure(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const xml = strFromU8(files["xl/workbook.xml"]);
  // workbookProtection goes before bookViews (or sheets, when there are none), as the schema orders it.
  const at = /<bookViews\b/.test(xml) ? /(<bookViews\b)/ : /(<sheets\b)/;
  const locked = xml.replace(at, '<workbookProtection lockStructure="1"/>$1');
  if (locked === xml) throw new Error("test set-up: no <sheets> in workbook.xml");
  files["xl/workbook.xml"] = strToU8(locked);
  return zipSync(files);
}
