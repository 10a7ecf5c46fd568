import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { CellWrite, Highlight } from "../../src/engine/fill/plan-types";
import { applyPlan, cellNoteText, isHighlightApplied } from "../../src/hosts/exceljs/apply-plan";
import { loadWorkbook } from "../../src/hosts/exceljs/read-workbook";
import { evaluateFile } from "../helpers/evaluate";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-apply-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function write(address: string, row: number, col: number, w: Partial<CellWrite>): CellWrite {
  return {
    sheet: "S",
    row,
    col,
    address,
    purpose: "rate",
    before: { value: null, formula: null, numberFormat: null },
    ...w,
  };
}

function highlight(address: string, row: number, col: number): Highlight {
  return {
    sheet: "S",
    row,
    col,
    address,
    fillArgb: "FFFFE699",
    note_zh: "请填写偏差原因",
    note_en: "Please explain",
  };
}

/** A workbook saved and loaded back, so its styles are shared between cells as in a real file. */
async function roundTripped(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  for (const a of ["A1", "B1", "C1", "D1"]) {
    ws.getCell(a).value = 1;
    ws.getCell(a).numFmt = "0.0";
  }
  ws.getCell("A1").value = 4;
  ws.getCell("B1").value = 2;
  ws.getCell("E1").value = "说明";
  ws.getCell("F1").value = "合并";
  ws.mergeCells("F1:G1");
  // A shared formula: A3 is the master, B3 and C3 borrow it.
  ws.getCell("A2").value = 10;
  ws.getCell("B2").value = 20;
  ws.getCell("C2").value = 30;
  ws.getCell("A3").value = {
    formula: "A2*2",
    result: 20,
    shareType: "shared",
    ref: "A3:C3",
  } as ExcelJS.CellFormulaValue;
  ws.getCell("B3").value = { sharedFormula: "A3", result: 40 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell("C3").value = { sharedFormula: "A3", result: 60 } as ExcelJS.CellSharedFormulaValue;
  const file = path.join(dir, `in-${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.xlsx.writeFile(file);
  return loadWorkbook(file);
}

describe("applyPlan", () => {
  it("writes formulas without a cached result, values and number formats, and marks the workbook for recalculation", async () => {
    const wb = await roundTripped();
    const r = applyPlan(wb, {
      writes: [
        write("C1", 0, 2, {
          formula: '=IF(AND(ISNUMBER(A1),ISNUMBER(B1),A1<>0),B1/A1,"")',
          numberFormat: "0.00%",
        }),
        write("D1", 0, 3, { value: 96, purpose: "convertNumber" }),
      ],
      highlights: [],
    });
    expect(r.written).toHaveLength(2);
    const ws = wb.getWorksheet("S")!;
    expect(ws.getCell("C1").value).toEqual({
      formula: 'IF(AND(ISNUMBER(A1),ISNUMBER(B1),A1<>0),B1/A1,"")',
    });
    expect(ws.getCell("C1").numFmt).toBe("0.00%");
    expect(ws.getCell("D1").value).toBe(96);
    // The other cells that shared C1's style keep their number format.
    for (const a of ["A1", "B1", "D1"]) expect(ws.getCell(a).numFmt).toBe("0.0");
    expect(wb.calcProperties.fullCalcOnLoad).toBe(true);

    const out = path.join(dir, "applied.xlsx");
    await wb.xlsx.writeFile(out);
    const ev = await evaluateFile(out);
    expect(ev.valueAt("S", "C1")).toBe(0.5);
    ev.destroy();
  });

  it("colours and annotates highlighted cells only, once", async () => {
    const wb = await roundTripped();
    const h = highlight("E1", 0, 4);
    expect(isHighlightApplied(wb, h)).toBe(false);
    const r = applyPlan(wb, { writes: [], highlights: [h] });
    expect(r.highlighted).toEqual([h]);
    const ws = wb.getWorksheet("S")!;
    expect((ws.getCell("E1").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFE699");
    expect(cellNoteText(ws.getCell("E1"))).toBe("请填写偏差原因");
    expect((ws.getCell("A1").fill as ExcelJS.FillPattern | undefined)?.pattern).not.toBe("solid");
    expect(isHighlightApplied(wb, h)).toBe(true);
    expect(applyPlan(wb, { writes: [], highlights: [h] }).highlighted).toEqual([]);
    // English notes on request; an existing note is kept.
    const en = applyPlan(wb, { writes: [], highlights: [h] }, { lang: "en" });
    expect(en.highlighted).toEqual([h]);
    expect(cellNoteText(ws.getCell("E1"))).toBe("请填写偏差原因\n\nPlease explain");
  });

  it("never writes through a covered cell of a merge", async () => {
    const wb = await roundTripped();
    const r = applyPlan(wb, {
      writes: [write("G1", 0, 6, { value: 1 })],
      highlights: [highlight("G1", 0, 6)],
    });
    expect(r.written).toEqual([]);
    expect(r.skipped.map((s) => s.address)).toEqual(["G1", "G1"]);
    expect(wb.getWorksheet("S")!.getCell("F1").value).toBe("合并");
  });

  it("keeps the cells that borrowed an overwritten shared formula computing as before", async () => {
    const wb = await roundTripped();
    applyPlan(wb, { writes: [write("A3", 2, 0, { value: 0 })], highlights: [] });
    const out = path.join(dir, "shared.xlsx");
    await wb.xlsx.writeFile(out);
    const ev = await evaluateFile(out);
    expect([ev.valueAt("S", "A3"), ev.valueAt("S", "B3"), ev.valueAt("S", "C3")]).toEqual([
      0, 40, 60,
    ]);
    ev.destroy();
  });
});
