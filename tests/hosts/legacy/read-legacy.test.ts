/**
 * The legacy reader: a .xls saved from a seed workbook by LibreOffice (tests/fixtures/legacy)
 * reads into the same tables and findings as the .xlsx; a WPS-format .et and an oversized file
 * are refused with one line; the conversion used by `fill` keeps what the check sees.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import * as XLSX from "@e965/xlsx";
import { analyzeWorkbook } from "../../../src/engine/analyze";
import { SheetSnapshot } from "../../../src/engine/grid/snapshot";
import {
  readWorkbookFileWithState,
  WorkbookReadError,
} from "../../../src/hosts/exceljs/read-workbook";
import { legacyAsXlsx } from "../../../src/hosts/legacy/legacy-to-xlsx";
import {
  isOle2,
  LEGACY_MAX_BYTES,
  readLegacyWorkbookFile,
} from "../../../src/hosts/legacy/read-legacy";

const ROOT = path.resolve(__dirname, "../../..");
const LEGACY = path.join(ROOT, "tests/fixtures/legacy");
const SEEDS = path.join(ROOT, "seeds");

jest.setTimeout(60_000);

/** Tables (sheet, range, project) and findings (sheet, code, cell) as the engine sees them. */
function outline(snapshots: SheetSnapshot[]): { tables: string[]; findings: string[] } {
  const reports = analyzeWorkbook(snapshots);
  return {
    tables: reports.flatMap((r) =>
      r.tables.map(
        (t) =>
          `${r.sheet}|${t.table.range.address}|${t.table.header.projectName?.value?.value ?? ""}`
      )
    ),
    findings: reports.flatMap((r) => [
      ...r.findings.map((f) => `${r.sheet}|${f.code}|${f.cell}`),
      ...r.tables.flatMap((t) => t.findings.map((f) => `${r.sheet}|${f.code}|${f.cell}`)),
    ]),
  };
}

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-legacy-test-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe.each(["beijing-2023", "hunan-2020"])("%s.xls", (name) => {
  const xls = path.join(LEGACY, `${name}.xls`);
  const xlsx = path.join(SEEDS, `${name}.xlsx`);

  it("is a BIFF8 file and reads into the same tables and findings as the .xlsx", async () => {
    expect(isOle2(await fs.readFile(xls))).toBe(true);
    const legacy = outline((await readLegacyWorkbookFile(xls)).snapshots);
    const modern = outline((await readWorkbookFileWithState(xlsx)).snapshots);
    expect(legacy.tables.length).toBeGreaterThan(0);
    expect(legacy.tables).toEqual(modern.tables);
    expect(legacy.findings).toEqual(modern.findings);
  });

  it("converts to an .xlsx (for fill) that checks the same", async () => {
    const copy = path.join(tmp, `${name}-copy.xls`);
    await fs.copyFile(xls, copy);
    const conv = await legacyAsXlsx(copy);
    expect(conv).not.toBeNull();
    try {
      const converted = outline((await readWorkbookFileWithState(conv!.path)).snapshots);
      const modern = outline((await readWorkbookFileWithState(xlsx)).snapshots);
      expect(converted).toEqual(modern);
    } finally {
      await conv!.dispose();
    }
    await expect(fs.stat(conv!.path)).rejects.toThrow();
  });
});

describe("formulas.xls", () => {
  it("keeps formulas with '=', their cached results (errors as text), number formats and merges", async () => {
    const [snap] = (await readLegacyWorkbookFile(path.join(LEGACY, "formulas.xls"))).snapshots;
    expect(snap.sheetName).toBe("公式");
    expect(snap.origin).toEqual({ row: 0, col: 0 });
    expect(snap.values).toEqual([[3, 0.25, 3.25], ["合并", null, "#DIV/0!"], [6.5]]);
    expect(snap.formulas).toEqual([
      [null, null, "=A1+B1"],
      [null, null, "=1/0"],
      ["=SUM(A1:B1)*2"],
    ]);
    expect(snap.numberFormats?.[0][1]).toBe("0.00%");
    expect(snap.numberFormats?.[2][0]).toBe("0.00");
    expect(snap.merges).toEqual([{ top: 1, left: 0, bottom: 1, right: 1 }]);
  });
});

describe("what the legacy reader refuses", () => {
  it("reads a BIFF8 workbook saved with an .et name (as WPS does) like the .xls", async () => {
    const et = path.join(tmp, "wps-biff.et");
    await fs.copyFile(path.join(LEGACY, "hunan-2020.xls"), et);
    const a = outline((await readLegacyWorkbookFile(et)).snapshots);
    const b = outline(
      (await readLegacyWorkbookFile(path.join(LEGACY, "hunan-2020.xls"))).snapshots
    );
    expect(a).toEqual(b);
  });

  it("names an .et in WPS's own format and suggests 另存为 .xlsx", async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "/WpsSheetData", Buffer.from("not a BIFF workbook"));
    const et = path.join(tmp, "wps-native.et");
    await fs.writeFile(et, XLSX.CFB.write(cfb, { type: "buffer" }));
    const e = await readLegacyWorkbookFile(et).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as WorkbookReadError).reason_zh).toContain("WPS");
    expect((e as WorkbookReadError).reason_zh).toContain("另存为");
    expect((e as WorkbookReadError).reason_en).not.toMatch(/\n/);
  });

  it("refuses a file over the size cap before parsing it", async () => {
    const big = path.join(tmp, "big.xls");
    const fh = await fs.open(big, "w");
    await fh.write(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    await fh.truncate(LEGACY_MAX_BYTES + 1); // sparse: no 32 MB written
    await fh.close();
    const t0 = Date.now();
    const e = await readLegacyWorkbookFile(big).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as WorkbookReadError).reason_en).toMatch(/over the \d+ MB limit/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("says a truncated OLE2 file cannot be read, in one line", async () => {
    const data = await fs.readFile(path.join(LEGACY, "hunan-2020.xls"));
    const cut = path.join(tmp, "cut.xls");
    await fs.writeFile(cut, data.subarray(0, 3000));
    const e = await readLegacyWorkbookFile(cut).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as WorkbookReadError).reason_zh).not.toMatch(/\n/);
  });
});
