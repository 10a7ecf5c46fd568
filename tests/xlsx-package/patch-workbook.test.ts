/* The office-addins lint rules take ExcelJS cells for Office.js proxies; nothing here talks to Office. */

import ExcelJS from "exceljs";
import { CellWrite, Highlight } from "../../src/engine/fill/plan-types";
import { patchWorkbook } from "../../src/hosts/xlsx-package/patch-workbook";
import { openZip, patchZip } from "../../src/hosts/xlsx-package/zip";

function write(
  sheet: string,
  address: string,
  row: number,
  col: number,
  more: Partial<CellWrite>
): CellWrite {
  return {
    sheet,
    row,
    col,
    address,
    purpose: "totalScore",
    before: { value: null, formula: null, numberFormat: null },
    ...more,
  };
}

/** An ExcelJS workbook with a calculation chain added, as Excel saves one. */
async function bookWithCalcChain(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  ws.getCell("A1").value = 1;
  ws.getCell("A2").value = { formula: "A1*2", result: 2 } as ExcelJS.CellFormulaValue;
  ws.getCell("B1").value = "文字";
  wb.addWorksheet("T").getCell("A1").value = "untouched";
  const zip = openZip(Buffer.from(await wb.xlsx.writeBuffer()));
  const ct = zip
    .readText("[Content_Types].xml")
    .replace(
      "</Types>",
      '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'
    );
  const rels = zip
    .readText("xl/_rels/workbook.xml.rels")
    .replace(
      "</Relationships>",
      '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'
    );
  return patchZip(
    zip,
    new Map<string, Buffer | null>([
      ["[Content_Types].xml", Buffer.from(ct)],
      ["xl/_rels/workbook.xml.rels", Buffer.from(rels)],
      [
        "xl/calcChain.xml",
        Buffer.from(
          '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A2" i="1"/></calcChain>'
        ),
      ],
    ])
  );
}

test("a formula write drops the calculation chain, asks for a full calculation, and touches nothing else", async () => {
  const input = await bookWithCalcChain();
  const copy = Buffer.from(input);
  const r = patchWorkbook(input, {
    writes: [write("S", "A3", 2, 0, { formula: "=SUM(A1:A2)", result: 3 })],
    highlights: [],
  });
  expect(input.equals(copy)).toBe(true);
  expect(r.written).toHaveLength(1);
  const out = openZip(r.bytes);
  expect(out.has("xl/calcChain.xml")).toBe(false);
  expect(out.readText("xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
  expect(out.readText("[Content_Types].xml")).not.toContain("calcChain");
  expect(out.readText("xl/workbook.xml")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  expect(r.changedParts.sort()).toEqual(
    [
      "[Content_Types].xml",
      "xl/_rels/workbook.xml.rels",
      "xl/calcChain.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ].sort()
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
  expect(wb.getWorksheet("S")!.getCell("A3").value).toEqual({ formula: "SUM(A1:A2)", result: 3 });
  expect(wb.getWorksheet("S")!.getCell("A2").value).toEqual({ formula: "A1*2", result: 2 });
  expect(wb.getWorksheet("S")!.getCell("B1").value).toBe("文字");
});

test("a highlight on a sheet without notes: new comments and VML parts, their rels and content types", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("S").getCell("C3").value = "";
  const input = Buffer.from(await wb.xlsx.writeBuffer());
  const h: Highlight = {
    sheet: "S",
    row: 2,
    col: 2,
    address: "C3",
    fillArgb: "FFFFE699",
    note_zh: "请说明",
    note_en: "Explain",
  };
  const r = patchWorkbook(input, { writes: [], highlights: [h] });
  expect(r.highlighted).toEqual([h]);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(r.bytes as unknown as ArrayBuffer);
  const cell = back.getWorksheet("S")!.getCell("C3");
  expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFE699");
  const note = cell.note as unknown;
  const text =
    typeof note === "string"
      ? note
      : (note as { texts: { text: string }[] }).texts.map((t) => t.text).join("");
  expect(text).toBe("请说明");
  // Applying it again changes nothing.
  const again = patchWorkbook(r.bytes, { writes: [], highlights: [h] });
  expect(again.highlighted).toEqual([]);
  expect(again.bytes.equals(r.bytes)).toBe(true);
});

test("a write to a sheet that is not there is skipped with a reason", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("S");
  const input = Buffer.from(await wb.xlsx.writeBuffer());
  const r = patchWorkbook(input, {
    writes: [write("Gone", "A1", 0, 0, { value: 1 })],
    highlights: [],
  });
  expect(r.skipped).toEqual([
    { sheet: "Gone", address: "A1", reason_zh: "工作表不存在", reason_en: "no such sheet" },
  ]);
  expect(r.bytes).toBe(input);
});

test("notes without a VML drawing (as some writers leave them) get one showing every note", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  ws.getCell("A1").note = "旧批注";
  ws.getCell("B2").note = "另一条";
  const zip = openZip(Buffer.from(await wb.xlsx.writeBuffer()));
  const relsName = "xl/worksheets/_rels/sheet1.xml.rels";
  const rels = zip.readText(relsName);
  const vmlRel = /<Relationship [^>]*vmlDrawing[^>]*\/>/.exec(rels)![0];
  const vmlPart = zip.entries.find((e) => e.name.endsWith(".vml"))!.name;
  const stripped = patchZip(
    zip,
    new Map<string, Buffer | null>([
      [relsName, Buffer.from(rels.replace(vmlRel, ""))],
      [vmlPart, null],
      [
        "xl/worksheets/sheet1.xml",
        Buffer.from(
          zip.readText("xl/worksheets/sheet1.xml").replace(/<legacyDrawing [^>]*\/>/, "")
        ),
      ],
    ])
  );
  const h: Highlight = {
    sheet: "S",
    row: 0,
    col: 0,
    address: "A1",
    fillArgb: "FFFFE699",
    note_zh: "请说明",
    note_en: "Explain",
  };
  const r = patchWorkbook(stripped, { writes: [], highlights: [h] });
  const out = openZip(r.bytes);
  const vml = out.entries.find((e) => e.name.endsWith(".vml"))!;
  const text = out.readText(vml.name);
  expect(text).toContain("<x:Row>0</x:Row><x:Column>0</x:Column>");
  expect(text).toContain("<x:Row>1</x:Row><x:Column>1</x:Column>");
  expect(out.readText("xl/worksheets/sheet1.xml")).toMatch(/<legacyDrawing r:id="rId\d+"\/>/);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(r.bytes as unknown as ArrayBuffer);
  const note = back.getWorksheet("S")!.getCell("A1").note as unknown as {
    texts: { text: string }[];
  };
  expect(note.texts.map((t) => t.text).join("")).toBe("旧批注\n\n请说明");
});
