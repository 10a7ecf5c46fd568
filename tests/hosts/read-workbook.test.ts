import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { Grid, GridSnapshot, toDenseSnapshot } from "../../src/engine/grid/snapshot";
import { openZip, writeZip } from "../../src/hosts/xlsx-package/zip";
import {
  loadWorkbook,
  loadWorkbookBuffer,
  readWorkbookFile,
  readWorkbookFileWithState,
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
  const fast = readXlsxFast(data, { skip: [STATE_SHEET_NAME] }).snapshots.map((s) =>
    toDenseSnapshot(s)
  );
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
    const snap = toDenseSnapshot(
      readXlsxFast(zipOf({ "xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst }), {})
        .snapshots[0]
    );
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

  it("reads through ExcelJS on request, after the same caps and checks", async () => {
    const prev = process.env.SELFEVAL_READER;
    process.env.SELFEVAL_READER = "exceljs";
    const spy = jest.spyOn(xlsxFast, "verifyPackage");
    try {
      const snaps = await readWorkbookFile(path.join(dir, "sample.xlsx"));
      expect(snaps.map((s) => s.sheetName)).toEqual(["自评表", "隐藏", "空表"]);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      if (prev === undefined) delete process.env.SELFEVAL_READER;
      else process.env.SELFEVAL_READER = prev;
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Bounded, honest reading

const WS = (data: string, tail = "") =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData>${tail}</worksheet>`;

describe("the fast reader's bounds", () => {
  it("stops at the cell cap with a limit error naming it", () => {
    const rows = Array.from(
      { length: 30 },
      (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c></row>`
    ).join("");
    const data = zipOf({ "xl/worksheets/sheet1.xml": WS(rows) });
    expect(readXlsxFast(data, { limits: { maxCells: 30 } }).snapshots[0].cells).toHaveLength(30);
    const err = (() => {
      try {
        readXlsxFast(data, { limits: { maxCells: 29 } });
      } catch (e) {
        return e;
      }
    })() as xlsxFast.ReadLimitError;
    expect(err).toBeInstanceOf(xlsxFast.ReadLimitError);
    expect(err.limit).toBe("maxCells");
    expect(err.reason_zh).toBe("超出读取上限：非空单元格多于 29 个");
  });

  it("refuses a part over the inflated-size cap before reading it", () => {
    const data = zipOf({
      "xl/worksheets/sheet1.xml": WS('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(100)),
    });
    expect(() => readXlsxFast(data, { limits: { maxEntryBytes: 1000 } })).toThrow(
      /over a reading limit: a part inflates to more than 1000 B/
    );
  });

  it("never expands an entity: predefined ones decode, others stay as written, a DTD is refused", () => {
    const sheet = WS(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>a&amp;b &#x41;&#66; &lol; &#x110000;</t></is></c></row>`
    );
    const snap = readXlsxFast(zipOf({ "xl/worksheets/sheet1.xml": sheet })).snapshots[0];
    expect(snap.cells[0].value).toBe("a&b AB &lol; &#x110000;");
    const withDtd = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${WS(`<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>`).replace(/^<\?xml[^>]*>/, "")}`;
    const r = readXlsxFast(zipOf({ "xl/worksheets/sheet1.xml": withDtd }));
    expect(r.snapshots).toEqual([]);
    expect(r.unreadable).toEqual([
      expect.objectContaining({
        name: "S",
        reason_en: expect.stringMatching(/document type declaration/),
      }),
    ]);
  });

  it("reports a truncated, malformed or undecodable sheet as unreadable, with a reason", () => {
    const cases: [string, RegExp][] = [
      [WS(`<row r="1"><c r="A1"><v>1</v></c></row>`).slice(0, 150), /ends early/],
      [WS(`<row r="1">${"<c><v>1</v>".repeat(2000)}</row>`), /<c> is not closed/],
      [WS(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), /invalid cell reference \(XFE1\)/],
      [WS("", `<mergeCells><mergeCell ref="A1:ZZZZ9"/></mergeCells>`), /invalid cell reference/],
      // The same cell twice (fill would write one copy, check read the other), also across rows.
      [
        WS(`<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>`),
        /cell A1 appears twice/,
      ],
      [
        WS(
          `<row r="2"><c r="B2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><v>3</v></c></row>`
        ),
        /cell B2 appears twice/,
      ],
    ];
    for (const [xml, why] of cases) {
      const r = readXlsxFast(zipOf({ "xl/worksheets/sheet1.xml": xml }));
      expect(r.unreadable.map((u) => u.reason_en)).toEqual([expect.stringMatching(why)]);
    }
    // UTF-16 without a byte order mark does not decode as XML text.
    const utf16 = Buffer.from(WS(`<row r="1"><c r="A1"><v>1</v></c></row>`), "utf16le").toString(
      "latin1"
    );
    const r = readXlsxFast(
      zipOfBytes({ "xl/worksheets/sheet1.xml": Buffer.from(utf16, "latin1") })
    );
    expect(r.unreadable[0].reason_en).toMatch(/not worksheet XML/);
  });

  it("reads UTF-16 with a byte order mark, and elements with a namespace prefix", () => {
    const bom = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(WS(`<row r="2"><c r="B2"><v>7</v></c></row>`), "utf16le"),
    ]);
    expect(
      readXlsxFast(zipOfBytes({ "xl/worksheets/sheet1.xml": bom })).snapshots[0].cells
    ).toEqual([{ row: 1, col: 1, value: 7 }]);
    const prefixed = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;
    const snap = readXlsxFast(zipOf({ "xl/worksheets/sheet1.xml": prefixed })).snapshots[0];
    expect(snap.cells).toEqual([{ row: 0, col: 0, value: "甲" }]);
    expect(snap.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it("clips a merge past the last column to XFD and keeps one far value as one cell", () => {
    const sheet = WS(
      `<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`,
      `<mergeCells><mergeCell ref="A1:XFH3"/></mergeCells>`
    );
    const snap = readXlsxFast(zipOf({ "xl/worksheets/sheet1.xml": sheet })).snapshots[0];
    expect(snap.cells).toEqual([{ row: 1048575, col: 16383, value: 1 }]);
    expect(snap.merges).toEqual([{ top: 0, left: 0, bottom: 2, right: 16383 }]);
  });

  it("reads a sheet with a damaged part as unreadable and the others as usual (readWorkbookFileWithState)", async () => {
    const good = WS(`<row r="1"><c r="A1"><v>1</v></c></row>`);
    const wbXml = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="T" sheetId="2" r:id="rId3"/></sheets></workbook>`;
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`;
    const file = path.join(dir, "two-sheets.xlsx");
    await fs.writeFile(
      file,
      zipOf({
        "xl/workbook.xml": wbXml,
        "xl/_rels/workbook.xml.rels": rels,
        "xl/worksheets/sheet1.xml": good.slice(0, 100),
        "xl/worksheets/sheet2.xml": good,
      })
    );
    const read = await readWorkbookFileWithState(file);
    expect(read.snapshots.map((s) => s.sheetName)).toEqual(["T"]);
    expect(read.unreadable).toEqual([
      {
        name: "S",
        position: 0,
        reason_zh: "内容不完整（XML 在结尾前中断）",
        reason_en: "incomplete (the XML ends early)",
      },
    ]);
    await expect(readWorkbookFile(file)).rejects.toThrow(/工作表“S”无法读取/);
  });
});

/** A minimal .xlsx zip holding the given parts plus a workbook with one sheet. */
function zipOf(parts: Record<string, string>): Buffer {
  const all: Record<string, string> = {
    "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ...parts,
  };
  return writeZip(
    Object.entries(all).map(([name, text]) => ({ name, data: Buffer.from(text, "utf8") }))
  );
}

/** zipOf with some parts given as bytes. */
function zipOfBytes(parts: Record<string, Buffer>): Buffer {
  const base = openZip(zipOf({}));
  const entries = base.entries
    .filter((e) => !(e.name in parts))
    .map((e) => ({ name: e.name, data: base.read(e.name) }));
  return writeZip([...entries, ...Object.entries(parts).map(([name, data]) => ({ name, data }))]);
}
