/** The preview grid's view model and number formatting (pure; the browser draws what these give). */
import ExcelJS from "exceljs";
import { formatCellValue, formatGeneral, formatNumber } from "../../src/preview/format";
import { cellTitle, sheetView } from "../../src/preview/sheet-view";
import { PREVIEW_STRINGS } from "../../src/preview/strings";

describe("formatNumber", () => {
  test.each([
    [0.990612, "0.00%", "99.06%"],
    [1, "0%", "100%"],
    [11.5178, "0.0000", "11.5178"],
    [1234567.891, "#,##0.00", "1,234,567.89"],
    [-3.14159, "0.00_ ", "-3.14"],
    [96, '0"万元"', "96万元"],
    [96, '"¥"#,##0.00;[Red]-"¥"#,##0.00', "¥96.00"],
    [10, "General", "10"],
    [45292, "yyyy-mm-dd", "2024-01-01"],
    [45292, 'yyyy"年"m"月"d"日"', "2024年1月1日"],
    [0.1 + 0.2, null, "0.3"],
  ])("%p in %p shows %p", (value, fmt, shown) => {
    expect(formatNumber(value, fmt)).toBe(shown);
  });

  test("General keeps ten significant digits and integers as they are", () => {
    expect(formatGeneral(2 / 3)).toBe("0.6666666667");
    expect(formatGeneral(63258119)).toBe("63258119");
    expect(formatGeneral(1.5e-12)).toBe("1.5E-12");
  });

  test("formatCellValue", () => {
    expect(formatCellValue(null, "0.00")).toBe("");
    expect(formatCellValue("—", "0.00")).toBe("—");
    expect(formatCellValue(true, null)).toBe("TRUE");
  });
});

describe("sheetView", () => {
  function sample(): ExcelJS.Worksheet {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("表");
    ws.getCell("A1").value = "项目支出绩效自评表";
    ws.mergeCells("A1:D1");
    ws.getCell("A2").value = "项目资金";
    ws.mergeCells("A2:A4");
    ws.getCell("B2").value = 11.5178;
    ws.getCell("C2").value = 11.41;
    ws.getCell("D2").value = { formula: "C2/B2", result: 0.990638 } as ExcelJS.CellFormulaValue;
    ws.getCell("D2").numFmt = "0.00%";
    ws.getCell("D3").value = "无";
    ws.getCell("D3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFE699" } };
    ws.getCell("D3").note = "请填写偏差原因分析及改进措施";
    ws.getCell("B3").font = { bold: true };
    ws.getCell("B3").value = "x";
    ws.getCell("B3").alignment = { horizontal: "center" };
    ws.getColumn(2).width = 20;
    return ws;
  }

  test("merged areas span from their top-left cell; the cells they cover are not drawn", () => {
    const view = sheetView(sample());
    expect(view.rows[0][0]).toMatchObject({
      address: "A1",
      rowSpan: 1,
      colSpan: 4,
      text: "项目支出绩效自评表",
    });
    expect(view.rows[0].slice(1, 4)).toEqual([null, null, null]);
    expect(view.rows[1][0]).toMatchObject({ address: "A2", rowSpan: 3, colSpan: 1 });
    expect(view.rows[2][0]).toBeNull();
    expect(view.rows[3][0]).toBeNull();
    expect(view.rows[0][4]).toMatchObject({ address: "E1", text: "" });
  });

  test("formulas, formats, fills, notes, fonts, alignment and column widths", () => {
    const view = sheetView(sample());
    const d2 = view.rows[1][3]!;
    expect(d2).toMatchObject({ address: "D2", formula: "=C2/B2", text: "99.06%", align: "right" });
    expect(cellTitle(d2)).toBe("=C2/B2");
    const d3 = view.rows[2][3]!;
    expect(d3).toMatchObject({
      fill: "#FFE699",
      note: "请填写偏差原因分析及改进措施",
      text: "无",
      align: "left",
    });
    expect(cellTitle(d3)).toBe("请填写偏差原因分析及改进措施");
    expect(view.rows[2][1]).toMatchObject({ bold: true, align: "center" });
    expect(view.columnNames.slice(0, 4)).toEqual(["A", "B", "C", "D"]);
    expect(view.columnWidths[1]).toBe(145);
    expect(view.columnWidths[0]).toBe(64);
    expect(cellTitle(view.rows[1][1]!)).toBeUndefined();
  });

  test("a formula's status comes from the host and its tooltip says how its value is known", () => {
    const ws = sample();
    ws.getCell("E5").value = { formula: "D2*2" } as ExcelJS.CellFormulaValue;
    const asked: string[] = [];
    const view = sheetView(ws, {
      formulaStatus: (address) => {
        asked.push(address);
        return address === "D2" ? "saved" : "uncomputed";
      },
    });
    expect(asked.sort()).toEqual(["D2", "E5"]); // formula cells only
    const d2 = view.rows[1][3]!;
    const e5 = view.rows[4][4]!;
    expect(d2.formulaStatus).toBe("saved");
    expect(e5).toMatchObject({
      formula: "=D2*2",
      formulaStatus: "uncomputed",
      text: "",
      value: null,
    });
    expect(view.rows[2][3]!.formulaStatus).toBeNull();
    expect(sheetView(ws).rows[1][3]!.formulaStatus).toBeNull();

    for (const locale of ["zh-CN", "en-US"] as const) {
      const words = PREVIEW_STRINGS[locale].formulaStatus;
      expect(cellTitle(d2, words)).toBe(`=C2/B2\n${words.saved}`);
      expect(cellTitle(e5, words)).toBe(`=D2*2\n${words.uncomputed}`);
      expect(cellTitle({ ...d2, formulaStatus: "live", note: "批注" }, words)).toBe(
        `=C2/B2\n${words.live}\n\n批注`
      );
      expect(cellTitle(view.rows[2][3]!, words)).toBe("请填写偏差原因分析及改进措施");
    }
    expect(PREVIEW_STRINGS["zh-CN"].formulaStatus.saved).toContain("文件中保存的值");
    expect(PREVIEW_STRINGS["en-US"].formulaStatus.saved).toContain("as saved in the file");
    expect(cellTitle(d2)).toBe("=C2/B2");
  });

  test("a long sheet is drawn as a window that keeps the selected row, merges clipped to it", () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("长表");
    for (let r = 1; r <= 5000; r++) ws.getCell(r, 1).value = r;
    ws.getCell("B2990").value = "合并";
    ws.mergeCells("B2990:C3010");
    const view = sheetView(ws, { focusRow: 3499, maxRows: 1000 });
    expect(view.lastRow - view.firstRow + 1).toBe(1000);
    expect(view.firstRow).toBeLessThanOrEqual(3499);
    expect(view.lastRow).toBeGreaterThanOrEqual(3499);
    expect(view.usedRows).toBe(5000);
    expect(view.rows[3499 - view.firstRow][0]).toMatchObject({ address: "A3500", text: "3500" });
    // B2990:C3010 starts above the window (first row 3000): it is drawn from the window's first row, spanning what is left.
    expect(view.firstRow).toBe(2999);
    expect(view.rows[0][1]).toMatchObject({
      address: "B2990",
      rowSpan: 3010 - 3000 + 1,
      colSpan: 2,
      text: "合并",
    });
  });
});
