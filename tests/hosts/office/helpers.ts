import { OfficeMockObject } from "office-addin-mock";
import { OfficeHost, OfficeHostLimits } from "../../../src/hosts/office";
import { CellWrite, Highlight, WritePlan } from "../../../src/engine/fill/plan-types";
import { parseA1 } from "../../../src/engine/grid/a1";
import { decodeState, WorkbookState } from "../../../src/engine/state";
import { FakeExcel, FakeWorkbook, SheetInit, versionAtMost } from "./fake-excel";

// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose full import
// drags in an ES module Jest cannot load under Node 20; give it the enum alone.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
}));

/** The Office namespace as office-addin-mock builds it: only requirement sets matter here. */
export function fakeOffice(maxExcelApi: string): typeof Office {
  return new OfficeMockObject({
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          name === "ExcelApi" && versionAtMost(version ?? "1.1", maxExcelApi),
      },
    },
  }) as unknown as typeof Office;
}

export interface Setup {
  wb: FakeWorkbook;
  host: OfficeHost;
}

export function setup(
  sheets: SheetInit[],
  opts: { api?: string; language?: "zh" | "en"; limits?: Partial<OfficeHostLimits> } = {}
): Setup {
  const wb = new FakeWorkbook(sheets);
  const host = new OfficeHost({
    language: opts.language ?? "zh",
    excel: new FakeExcel(wb) as unknown as typeof Excel,
    office: fakeOffice(opts.api ?? "1.20"),
    limits: opts.limits,
  });
  return { wb, host };
}

/** Syncs an async call took on the fake workbook. */
export async function counted<T>(
  wb: FakeWorkbook,
  f: () => Promise<T>
): Promise<{ result: T; syncs: number }> {
  const before = wb.syncCount;
  const result = await f();
  return { result, syncs: wb.syncCount - before };
}

export function write(
  sheet: string,
  address: string,
  spec: { formula?: string; value?: number | string; numberFormat?: string }
): CellWrite {
  const p = parseA1(address);
  return {
    sheet,
    row: p.row,
    col: p.col,
    address,
    purpose: spec.formula ? "rate" : "convertNumber",
    ...spec,
    before: { value: null, formula: null, numberFormat: null },
  };
}

export function highlight(sheet: string, address: string, argb = "FFFFE699"): Highlight {
  const p = parseA1(address);
  return {
    sheet,
    row: p.row,
    col: p.col,
    address,
    fillArgb: argb,
    note_zh: `请填写偏差原因分析及改进措施：${address}`,
    note_en: `Explain the deviation: ${address}`,
  };
}

export function plan(writes: CellWrite[], highlights: Highlight[] = []): WritePlan {
  return { writes, highlights };
}

/** The state as stored in the fake's "_selfeval" column A. */
export function storedState(wb: FakeWorkbook): WorkbookState | null {
  const ws = wb.sheets.find((s) => s.name === "_selfeval");
  if (!ws) return null;
  const col: unknown[] = [];
  for (let r = 0; ; r++) {
    const c = ws.cell(r, 0);
    if (!c || c.value === null) break;
    col.push(c.value);
  }
  const d = decodeState(col);
  if (!d.ok) throw new Error(d.error);
  return d.state;
}
