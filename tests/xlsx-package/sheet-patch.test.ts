import { patchSheet, SheetIndex, cellXml } from "../../src/hosts/xlsx-package/sheet-patch";
import { StylesPatch } from "../../src/hosts/xlsx-package/styles-patch";
import { withFullCalcOnLoad } from "../../src/hosts/xlsx-package/patch-workbook";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function sheet(data: string, after = ""): string {
  return `<?xml version="1.0"?><worksheet ${NS}><cols><col min="3" max="3" width="9" style="7" customWidth="1"/></cols><sheetData>${data}</sheetData>${after}</worksheet>`;
}

describe("patchSheet", () => {
  test("replaces one cell and keeps every other byte", () => {
    const xml = sheet(
      '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"><v>1,5</v></c><c r="C1" t="d"><v>2023-12-31</v></c></row>'
    );
    const r = patchSheet(new SheetIndex(xml), [
      { row: 0, col: 1, content: { formula: "=A1*2", cached: 4 } },
    ]);
    expect(r.skipped).toEqual([]);
    expect(r.xml).toBe(
      xml.replace('<c r="B1" s="3"><v>1,5</v></c>', '<c r="B1" s="3"><f>A1*2</f><v>4</v></c>')
    );
  });

  test("string results get t=str; text values go inline; numbers plain", () => {
    const xml = sheet('<row r="2"><c r="A2" s="1" t="s"><v>3</v></c></row>');
    const r = patchSheet(new SheetIndex(xml), [
      { row: 1, col: 0, content: { formula: '=IF(1,"优","")', cached: "优" } },
      { row: 1, col: 1, content: { value: 96 } },
      { row: 1, col: 3, content: { value: "a<b" } },
    ]);
    expect(cellXml(r.xml, 1, 0)).toBe('<c r="A2" s="1" t="str"><f>IF(1,"优","")</f><v>优</v></c>');
    expect(cellXml(r.xml, 1, 1)).toBe('<c r="B2"><v>96</v></c>');
    expect(cellXml(r.xml, 1, 3)).toBe(
      '<c r="D2" t="inlineStr"><is><t xml:space="preserve">a&lt;b</t></is></c>'
    );
  });

  test("creates rows and cells in order; a new cell takes its column's style", () => {
    const xml = sheet(
      '<row r="2"><c r="B2"><v>1</v></c><c r="E2"><v>2</v></c></row><row r="5"><c r="A5"><v>3</v></c></row>'
    );
    const r = patchSheet(new SheetIndex(xml), [
      { row: 1, col: 2, content: { value: 7 } },
      { row: 1, col: 6, content: { value: 8 } },
      { row: 0, col: 0, content: { value: 9 } },
      { row: 3, col: 0, content: { value: 10 } },
      { row: 9, col: 0, content: { value: 11 } },
    ]);
    const idx = new SheetIndex(r.xml);
    expect(idx.rows.map((x) => x.row)).toEqual([0, 1, 3, 4, 9]);
    expect(idx.rows[1].cells.map((c) => c.col)).toEqual([1, 2, 4, 6]);
    expect(cellXml(r.xml, 1, 2)).toBe('<c r="C2" s="7"><v>7</v></c>');
  });

  test("a sheet with a namespace prefix and an empty sheetData", () => {
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData/></x:worksheet>`;
    const r = patchSheet(new SheetIndex(xml), [
      { row: 2, col: 1, content: { value: 1 } },
      { row: 0, col: 0, content: { value: 2 } },
    ]);
    expect(r.xml).toBe(
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>2</x:v></x:c></x:row><x:row r="3"><x:c r="B3"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    );
  });

  test("overwriting a shared formula's master gives its dependents their own formula", () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c></row><row r="3"><c r="A3"><f t="shared" si="0"/><v>6</v></c></row>'
    );
    const r = patchSheet(new SheetIndex(xml), [{ row: 0, col: 0, content: { value: 5 } }]);
    expect(cellXml(r.xml, 1, 0)).toBe('<c r="A2"><f>B2*2</f><v>4</v></c>');
    expect(cellXml(r.xml, 2, 0)).toBe('<c r="A3"><f>B3*2</f><v>6</v></c>');
  });

  test("a covered cell of a merge and an array formula are skipped", () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><f t="array" ref="C1:D1">X1:Y1</f><v>1</v></c></row>',
      '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>'
    );
    const r = patchSheet(new SheetIndex(xml), [
      { row: 1, col: 1, content: { value: 1 } },
      { row: 0, col: 2, content: { value: 1 } },
    ]);
    expect(r.skipped.map((s) => s.reason)).toEqual(["merged", "array-formula"]);
    expect(r.xml).toBe(xml);
  });
});

describe("StylesPatch", () => {
  const styles = `<styleSheet ${NS}><fonts count="1"><font/></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="1" applyBorder="1"><alignment wrapText="1"/></xf></cellXfs></styleSheet>`;
  test("clones an xf with a fill and a number format, appending only", () => {
    const st = new StylesPatch(styles);
    const s = st.derive(1, { fillArgb: "FFFFE699", numberFormat: "0.0%" });
    expect(s).toBe(2);
    expect(st.derive(1, { fillArgb: "FFFFE699", numberFormat: "0.0%" })).toBe(2);
    expect(st.solidFillArgb(2)).toBe("FFFFE699");
    expect(st.numberFormat(2)).toBe("0.0%");
    expect(st.numberFormat(1)).toBe("#,##0.00");
    expect(st.text).toContain('<cellXfs count="3">');
    expect(st.text).toContain(
      '<xf numFmtId="164" fontId="0" fillId="2" borderId="1" applyBorder="1" applyFill="1" applyNumberFormat="1"><alignment wrapText="1"/></xf>'
    );
    expect(
      st.text.startsWith(
        `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1">`
      )
    ).toBe(true);
  });
});

test("fullCalcOnLoad goes into calcPr, or a calcPr in schema order", () => {
  expect(withFullCalcOnLoad(`<workbook ${NS}><sheets/><calcPr calcId="1"/></workbook>`)).toBe(
    `<workbook ${NS}><sheets/><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>`
  );
  expect(
    withFullCalcOnLoad(`<workbook ${NS}><sheets/><definedNames/><pivotCaches/><extLst/></workbook>`)
  ).toBe(
    `<workbook ${NS}><sheets/><definedNames/><calcPr fullCalcOnLoad="1"/><pivotCaches/><extLst/></workbook>`
  );
});

describe("SheetIndex reads only the rows written", () => {
  test("a cell in the last of many filler rows: only that row's cells are read", () => {
    const filler: string[] = [];
    for (let r = 1; r <= 5000; r++) filler.push(`<row r="${r}"><c r="K${r}"><v>${r}</v></c></row>`);
    const xml = sheet(filler.join(""));
    const index = new SheetIndex(xml);
    const r = patchSheet(index, [{ row: 4999, col: 10, content: { formula: "=1+1", cached: 2 } }]);
    expect(r.skipped).toEqual([]);
    expect(r.xml).toBe(
      xml.replace('<c r="K5000"><v>5000</v></c>', '<c r="K5000"><f>1+1</f><v>2</v></c>')
    );
    // The other 4,999 rows were located, never split into cells.
    expect((index as unknown as { parsed: Map<number, unknown> }).parsed.size).toBe(1);
  });

  test("rows out of order, a comment between rows and a duplicate row number read as before", () => {
    const xml = sheet(
      '<row r="5"><c r="A5"><v>5</v></c></row><!-- <row r="9"> --> <row r="2"><c r="A2"><v>2</v></c></row>' +
        '<row r="7"><c r="A7"><v>7</v></c></row><row r="7"><c r="B7"><v>8</v></c></row>'
    );
    const index = new SheetIndex(xml);
    expect(index.cell(1, 0)?.start).toBe(xml.indexOf('<c r="A2">'));
    // Of two rows numbered 7, the later one is the row.
    expect(index.cell(6, 1)?.start).toBe(xml.indexOf('<c r="B7">'));
    expect(index.cell(6, 0)).toBeNull();
    const r = patchSheet(index, [{ row: 2, col: 0, content: { value: 3 } }]);
    // A new row goes before the first row (in the part's order) numbered after it.
    expect(r.xml).toBe(
      xml.replace('<row r="5">', '<row r="3"><c r="A3"><v>3</v></c></row><row r="5">')
    );
    expect(index.rows.map((x) => x.row)).toEqual([4, 1, 6, 6]);
  });

  test("a write to a plain cell does not take a later cell's formula for its own", () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><f t="array" ref="A2">1</f><v>1</v></c></row>'
    );
    const r = patchSheet(new SheetIndex(xml), [{ row: 0, col: 0, content: { value: 4 } }]);
    expect(r.skipped).toEqual([]);
    expect(r.xml).toBe(xml.replace('<c r="A1"><v>1</v></c>', '<c r="A1"><v>4</v></c>'));
  });

  test("a row whose number is left implicit still refuses a new row", () => {
    const xml = sheet('<row><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>');
    const r = patchSheet(new SheetIndex(xml), [{ row: 1, col: 0, content: { value: 2 } }]);
    expect(r.skipped.map((s) => s.reason)).toEqual(["implicit-position"]);
  });
});
