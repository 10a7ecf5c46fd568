import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { Grid, GridSnapshot } from "../../src/engine/grid/snapshot";
import {
  loadWorkbook,
  loadWorkbookBuffer,
  readWorkbookFile,
  snapshotsFromWorkbook,
  STATE_SHEET_NAME,
  WorkbookReadError,
} from "../../src/hosts/exceljs/read-workbook";
import * as xlsxFast from "../../src/hosts/exceljs/xlsx-fast";
import { readXlsxFast } from "../../src/hosts/exceljs/xlsx-fast";

const SHARED = path.resolve(__dirname, "../fixtures/foreign-workbooks");

jest.setTimeout(120_000);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-read-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A small workbook with every kind of cell the reader must handle, saved and read back. */
async function sampleFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("自评表");
  ws.getCell("B2").value = "项目支出绩效自评表";
  ws.mergeCells("B2:J2");
  ws.getCell("B3").value = { richText: [{ text: "项目" }, { text: "名称", font: { bold: true } }] };
  ws.getCell("C3").value = "测试项目";
  ws.mergeCells("C3:J3");
  ws.getCell("E5").value = 11.5178;
  ws.getCell("E5").numFmt = "0.0000";
  ws.getCell("F5").value = 10;
  ws.getCell("H5").value = { formula: "F5/E5", result: 0.8682 } as ExcelJS.CellFormulaValue;
  ws.getCell("H5").numFmt = "0.00%";
  // A shared formula: H6 borrows H5's formula.
  ws.getCell("E6").value = 4;
  ws.getCell("F6").value = 2;
  ws.getCell("H6").value = { sharedFormula: "H5", result: 0.5 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("I5").value = {
    formula: "1/0",
    result: { error: "#DIV/0!" },
  } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell("J5").value = { text: "链接", hyperlink: "https://example.org" };
  ws.getCell("B7").value = true;
  ws.getCell("C7").value = new Date(Date.UTC(2024, 0, 1));
  ws.getCell("D7").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  ws.getCell("E7").value = "  96 万 ";
  // A styled empty cell outside the data does not widen the used range.
  ws.getCell("Z40").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };

  const hidden = wb.addWorksheet("隐藏", { state: "hidden" });
  hidden.getCell("A1").value = "hidden but read";
  const state = wb.addWorksheet(STATE_SHEET_NAME, { state: "veryHidden" });
  state.getCell("A1").value = "{}";
  wb.addWorksheet("空表");

  const file = path.join(dir, "sample.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

describe("readWorkbookFile", () => {
  let snaps: GridSnapshot[];
  beforeAll(async () => {
    snaps = await readWorkbookFile(await sampleFile());
  });

  it("gives one snapshot per sheet, skipping our state sheet, keeping hidden ones", () => {
    expect(snaps.map((s) => s.sheetName)).toEqual(["自评表", "隐藏", "空表"]);
    expect(snaps[2].values).toEqual([]);
    expect(snaps[1].values).toEqual([["hidden but read"]]);
  });

  it("covers the used range from its first non-empty cell", () => {
    const s = snaps[0];
    expect(s.origin).toEqual({ row: 1, col: 1 }); // B2
    const g = new Grid(s);
    expect(g.bottom).toBe(6); // row 7
    expect(g.right).toBe(9); // column J
  });

  it("reads values: rich text joined, formulas as cached result, errors and hyperlinks as text, dates as serials", () => {
    const g = new Grid(snaps[0]);
    const at = (a1: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
      return { row: Number(m[2]) - 1, col: m[1].charCodeAt(0) - 65 };
    };
    const v = (a1: string) => g.value(at(a1).row, at(a1).col);
    expect(v("B2")).toBe("项目支出绩效自评表");
    expect(v("B3")).toBe("项目名称");
    expect(v("C3")).toBe("测试项目");
    expect(v("E5")).toBe(11.5178);
    expect(v("H5")).toBe(0.8682);
    expect(v("H6")).toBe(0.5);
    expect(v("I5")).toBe("#DIV/0!");
    expect(v("J5")).toBe("链接");
    expect(v("B7")).toBe(true);
    expect(v("C7")).toBe(45292);
    expect(v("D7")).toBe("#N/A");
    expect(v("E7")).toBe("  96 万 ");
    expect(v("G5")).toBeNull();
    // Covered cells of a merge hold nothing; the merge shows the top-left value.
    expect(v("C2")).toBeNull();
    expect(g.displayValue(1, 5)).toBe("项目支出绩效自评表");
  });

  it("reads formulas with '=' (shared formulas resolved) and number formats", () => {
    const g = new Grid(snaps[0]);
    expect(g.formula(4, 7)).toBe("=F5/E5");
    expect(g.formula(5, 7)).toBe("=F6/E6");
    expect(g.formula(4, 8)).toBe("=1/0");
    expect(g.formula(4, 4)).toBeNull();
    expect(g.numberFormat(4, 7)).toBe("0.00%");
    expect(g.numberFormat(4, 4)).toBe("0.0000");
    expect(g.numberFormat(4, 5)).toBeNull();
  });

  it("reads merges as 0-based ranges", () => {
    const merges = [...snaps[0].merges].sort((a, b) => a.top - b.top);
    expect(merges).toEqual([
      { top: 1, left: 1, bottom: 1, right: 9 },
      { top: 2, left: 2, bottom: 2, right: 9 },
    ]);
  });

  it("reads one sheet on request, and says when it is missing", async () => {
    const wb = await loadWorkbook(path.join(dir, "sample.xlsx"));
    expect(snapshotsFromWorkbook(wb, { sheet: "隐藏" }).map((s) => s.sheetName)).toEqual(["隐藏"]);
    expect(() => snapshotsFromWorkbook(wb, { sheet: "nope" })).toThrow(WorkbookReadError);
  });
});

describe("unreadable files", () => {
  it("rejects an Excel lock file saved as .xlsx with a one-line reason", async () => {
    const err = await readWorkbookFile(path.join(SHARED, "lockfile_act3_lab23_posey.xlsx")).catch(
      (e: unknown) => e
    );
    expect(err).toBeInstanceOf(WorkbookReadError);
    const e = err as WorkbookReadError;
    expect(e.reason_zh).toBe("不是有效的 .xlsx 文件（无法解压）");
    expect(e.reason_en).toBe("not a valid .xlsx file (cannot unzip)");
    expect(e.message).not.toMatch(/\n/);
  });

  it("says a missing file is missing", async () => {
    const err = (await readWorkbookFile(path.join(dir, "nope.xlsx")).catch(
      (e: unknown) => e
    )) as WorkbookReadError;
    expect(err.kind).toBe("notFound");
  });

  it("recognises a legacy .xls / encrypted workbook and an empty file", async () => {
    const ole = path.join(dir, "old.xlsx");
    await fs.writeFile(
      ole,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    );
    expect(((await readWorkbookFile(ole).catch((e: unknown) => e)) as WorkbookReadError).kind).toBe(
      "legacyOrEncrypted"
    );
    const empty = path.join(dir, "empty.xlsx");
    await fs.writeFile(empty, "");
    expect(
      ((await readWorkbookFile(empty).catch((e: unknown) => e)) as WorkbookReadError).kind
    ).toBe("notZip");
  });

  it("reads every other foreign workbook without error", async () => {
    const names = (await fs.readdir(SHARED)).filter(
      (n) => n.endsWith(".xlsx") && !n.startsWith("lockfile_")
    );
    expect(names.length).toBeGreaterThan(30);
    for (const n of names) {
      const snaps = await readWorkbookFile(path.join(SHARED, n));
      expect(snaps.length).toBeGreaterThan(0);
      for (const s of snaps) {
        // Rows are never holes (the engine iterates them).
        for (let i = 0; i < s.values.length; i++) expect(Array.isArray(s.values[i])).toBe(true);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The two readers: xlsx-fast (check) and ExcelJS (fill) must give the engine the same snapshots.

/** Cells of a snapshot by absolute position, for comparison. */
function cellsOf(s: GridSnapshot): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const put = (kind: string, rows: unknown[][] | undefined) =>
    (rows ?? []).forEach((row, r) =>
      (row ?? []).forEach((v, c) => {
        if (v !== undefined && v !== null)
          out.set(`${kind}:${s.origin.row + r},${s.origin.col + c}`, v);
      })
    );
  put("value", s.values);
  put("formula", s.formulas);
  put("format", s.numberFormats);
  return out;
}

/**
 * Known, deliberate differences, all ExcelJS losses: it drops the backslash escapes of number
 * formats ("0.0_);\(0.0\)" → "0.0_);(0.0)"), turns an error result in a date-formatted formula cell
 * into an invalid date (no value), and round-trips date serials through JS dates.
 */
function sameCell(key: string, fast: unknown, viaExcelJs: unknown): boolean {
  if (fast === viaExcelJs) return true;
  if (typeof fast === "number" && typeof viaExcelJs === "number")
    return Math.abs(fast - viaExcelJs) < 1e-6;
  if (key.startsWith("format:") && typeof fast === "string" && typeof viaExcelJs === "string") {
    return fast.replace(/\\(.)/g, "$1") === viaExcelJs;
  }
  if (
    key.startsWith("value:") &&
    viaExcelJs === undefined &&
    typeof fast === "string" &&
    /^#[A-Z/0!?]+[!?A]?$/.test(fast)
  )
    return true;
  return false;
}

async function compareReaders(file: string): Promise<string[]> {
  const data = await fs.readFile(file);
  const fast = readXlsxFast(data, { skip: [STATE_SHEET_NAME] }).snapshots;
  const slow = snapshotsFromWorkbook(await loadWorkbookBuffer(data, { readOnly: true }));
  const diffs: string[] = [];
  expect(fast.map((s) => s.sheetName)).toEqual(slow.map((s) => s.sheetName));
  fast.forEach((a, i) => {
    const b = slow[i];
    const where = `${path.basename(file)}/${a.sheetName}`;
    if (
      a.origin.row !== b.origin.row ||
      a.origin.col !== b.origin.col ||
      a.values.length !== b.values.length
    ) {
      diffs.push(
        `${where}: used range ${JSON.stringify(a.origin)}+${a.values.length} vs ${JSON.stringify(b.origin)}+${b.values.length}`
      );
    }
    const key = (m: { top: number; left: number; bottom: number; right: number }) =>
      `${m.top},${m.left},${m.bottom},${m.right}`;
    if (a.merges.map(key).sort().join() !== b.merges.map(key).sort().join())
      diffs.push(`${where}: merges differ`);
    const x = cellsOf(a);
    const y = cellsOf(b);
    for (const k of new Set([...x.keys(), ...y.keys()])) {
      if (!sameCell(k, x.get(k), y.get(k)))
        diffs.push(
          `${where} ${k}: fast ${JSON.stringify(x.get(k))} vs ExcelJS ${JSON.stringify(y.get(k))}`
        );
    }
  });
  return diffs;
}

describe("the fast reader and the ExcelJS reader agree", () => {
  it("on the workbook of every cell kind", async () => {
    expect(await compareReaders(path.join(dir, "sample.xlsx"))).toEqual([]);
  });

  it("on every seed workbook", async () => {
    const seeds = path.resolve(__dirname, "../../seeds");
    const files = (await fs.readdir(seeds)).filter((n) => n.endsWith(".xlsx"));
    expect(files.length).toBeGreaterThan(0);
    for (const n of files) expect(await compareReaders(path.join(seeds, n))).toEqual([]);
  });

  it("on every foreign workbook", async () => {
    const names = (await fs.readdir(SHARED)).filter(
      (n) => n.endsWith(".xlsx") && !n.startsWith("lockfile_")
    );
    for (const n of names) expect(await compareReaders(path.join(SHARED, n))).toEqual([]);
  });

  it("resolves shared formulas, inline strings, phonetic runs and escapes like a spreadsheet", () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="2"><c r="B2"><v>1</v></c><c r="C2"><f t="shared" ref="C2:C4" si="0">B2*2+$B$2</f><v>3</v></c></row>
<row r="3"><c r="B3"><v>2</v></c><c r="C3"><f t="shared" si="0"/><v>5</v></c><c r="D3" t="inlineStr"><is><r><t>甲</t></r><r><t xml:space="preserve"> 乙</t></r></is></c></row>
<row><c><v>7</v></c><c t="s"><v>0</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>"a&amp;b"</f><v>a&amp;b</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="E2:F2"/></mergeCells></worksheet>`;
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>绩效_x000D_</t></r><r><t>指标</t></r><rPh sb="0" eb="1"><t>jixiao</t></rPh></si></sst>`;
    const snap = readXlsxFast(
      zipOf({ "xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst }),
      {}
    ).snapshots[0];
    const g = new Grid(snap);
    expect(snap.origin).toEqual({ row: 1, col: 0 });
    expect(g.formula(2, 2)).toBe("=B3*2+$B$2");
    expect(g.value(2, 3)).toBe("甲 乙");
    expect([g.value(3, 0), g.value(3, 1), g.value(3, 2), g.value(3, 3), g.value(3, 4)]).toEqual([
      7,
      "绩效\r指标",
      true,
      "#N/A",
      "a&b",
    ]);
    expect(g.formula(3, 4)).toBe('="a&b"');
    expect(g.right).toBe(5); // the merge E2:F2 widens the used range
  });

  it("falls back to ExcelJS for what the fast reader leaves aside", async () => {
    const spy = jest.spyOn(xlsxFast, "readXlsxFast").mockImplementation(() => {
      throw new xlsxFast.FastReadUnsupported("test");
    });
    try {
      const snaps = await readWorkbookFile(path.join(dir, "sample.xlsx"));
      expect(snaps.map((s) => s.sheetName)).toEqual(["自评表", "隐藏", "空表"]);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

/** A minimal stored (uncompressed) .xlsx zip holding the given parts plus a workbook with one sheet. */
function zipOf(parts: Record<string, string>): Buffer {
  const all: Record<string, string> = {
    "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ...parts,
  };
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(all)) {
    const body = Buffer.from(text, "utf8");
    const n = Buffer.from(name, "utf8");
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt32LE(body.length, 18);
    lh.writeUInt32LE(body.length, 22);
    lh.writeUInt16LE(n.length, 26);
    locals.push(lh, n, body);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(body.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, n);
    offset += 30 + n.length + body.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(all).length, 8);
  eocd.writeUInt16LE(Object.keys(all).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
