/**
 * One sheet of a TemplateLayout rendered onto an ExcelJS worksheet: styles, merges, formulas with
 * their blank-template results, data validations, column widths, row heights and print set-up.
 * No file I/O, so the browser preview uses it too (PreviewHost.insertTemplateSheet);
 * write-template.ts builds whole workbooks with it.
 */
import ExcelJS from "exceljs";
import { RangePos, toA1 } from "../../engine/grid/a1";
import type {
  TemplateCell,
  TemplateSheet,
  TemplateStyle,
  TemplateValidation,
} from "../../engine/template/layout";
import { compactValidations } from "./compact-validations";

const FONT_NAME = "宋体";
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };

/**
 * What a protected template lets a user do: select anything, type into the input cells, resize
 * rows and columns (long texts need taller rows) and insert rows (more 三级指标 under a 二级).
 * Cell formats, columns and deletions stay locked; with no password, 审阅 › 撤销工作表保护 unlocks it.
 */
export const TEMPLATE_PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: false,
  formatColumns: true,
  formatRows: true,
  insertColumns: false,
  insertRows: true,
  insertHyperlinks: false,
  deleteColumns: false,
  deleteRows: false,
  sort: false,
  autoFilter: false,
  pivotTables: false,
};

export function excelStyle(
  s: TemplateStyle,
  locked: boolean,
  border: boolean
): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {
    font: { name: FONT_NAME, size: s.size ?? 10, ...(s.bold ? { bold: true } : {}) },
    alignment: {
      horizontal: s.horizontal ?? "center",
      vertical: s.vertical ?? "middle",
      wrapText: s.wrap ?? true,
    },
    protection: { locked },
  };
  if (s.numFmt) style.numFmt = s.numFmt;
  if (border || s.border) style.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (s.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: s.fill } };
  return style;
}

function inside(box: RangePos, row: number, col: number): boolean {
  return row >= box.top && row <= box.bottom && col >= box.left && col <= box.right;
}

export function excelValidation(v: TemplateValidation): ExcelJS.DataValidation {
  const base = {
    allowBlank: true,
    showErrorMessage: v.showErrorMessage,
    errorStyle: v.errorStyle,
    ...(v.errorTitle ? { errorTitle: v.errorTitle } : {}),
    ...(v.error ? { error: v.error } : {}),
    ...(v.prompt
      ? {
          showInputMessage: true,
          prompt: v.prompt,
          ...(v.promptTitle ? { promptTitle: v.promptTitle } : {}),
        }
      : {}),
  };
  if (v.type === "list")
    return { ...base, type: "list", formulae: [`"${(v.items ?? []).join(",")}"`] };
  if (v.type === "custom") return { ...base, type: "custom", formulae: [v.formula ?? "TRUE"] };
  return {
    ...base,
    type: "decimal",
    operator: v.operator ?? "between",
    formulae: v.formulae ?? [],
  };
}

/** ExcelJS's per-sheet validation model (untyped); keys are cell addresses or A1 ranges. */
interface ValidationModel {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

function writeCell(ws: ExcelJS.Worksheet, c: TemplateCell, box: RangePos): void {
  const area = c.merge ?? { top: c.row, left: c.col, bottom: c.row, right: c.col };
  if (c.merge)
    ws.mergeCellsWithoutStyle(area.top + 1, area.left + 1, area.bottom + 1, area.right + 1);
  // Every cell of a merged area gets its own style object (borders and protection apply per cell).
  for (let r = area.top; r <= area.bottom; r++) {
    for (let k = area.left; k <= area.right; k++) {
      ws.getCell(r + 1, k + 1).style = excelStyle(c.style, c.locked, inside(box, r, k));
    }
  }
  const master = ws.getCell(c.row + 1, c.col + 1);
  if (c.formula !== undefined) {
    const formula = c.formula.startsWith("=") ? c.formula.slice(1) : c.formula;
    master.value = (
      c.result === undefined ? { formula } : { formula, result: c.result }
    ) as ExcelJS.CellFormulaValue;
  } else if (c.value !== null && c.value !== "") {
    master.value = c.value;
  }
}

/** The page set-up of a template sheet (A4 portrait, one page wide, title rows repeated, centred). */
export function templatePageSetup(s: TemplateSheet): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: s.print.paperSize,
    orientation: s.print.orientation,
    fitToPage: true,
    fitToWidth: s.print.fitToWidth,
    fitToHeight: s.print.fitToHeight,
    printTitlesRow: s.print.printTitlesRow,
    printArea: s.print.printArea,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

export const TEMPLATE_FOOTER = "第 &P 页，共 &N 页";

/**
 * Renders one layout sheet onto `ws` (a fresh worksheet): print set-up and footer, column widths,
 * row heights, every cell with its style, merges, and the validations. Protection is the caller's
 * (protectTemplateSheet), so a workbook of many sheets hashes a password once.
 */
export function renderTemplateSheet(ws: ExcelJS.Worksheet, s: TemplateSheet): ExcelJS.Worksheet {
  Object.assign(ws.pageSetup, templatePageSetup(s));
  Object.assign(ws.headerFooter, { oddFooter: TEMPLATE_FOOTER });
  s.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const [row, h] of Object.entries(s.rowHeights)) ws.getRow(Number(row) + 1).height = h;
  const covered = new Set<string>();
  for (const c of s.cells) {
    writeCell(ws, c, s.borderBox);
    const m = c.merge ?? { top: c.row, left: c.col, bottom: c.row, right: c.col };
    for (let r = m.top; r <= m.bottom; r++)
      for (let k = m.left; k <= m.right; k++) covered.add(toA1(r, k));
  }
  // Cells of the bordered box no layout cell covers (none in the standard layouts) still get their border.
  for (let r = s.borderBox.top; r <= s.borderBox.bottom; r++) {
    for (let k = s.borderBox.left; k <= s.borderBox.right; k++) {
      if (!covered.has(toA1(r, k))) ws.getCell(r + 1, k + 1).style = excelStyle({}, true, true);
    }
  }
  const model = (ws as unknown as ValidationModel).dataValidations;
  for (const { sqref, validation } of compactValidations(s.validations))
    model.add(sqref, excelValidation(validation));
  return ws;
}

/**
 * Protects a rendered template sheet as TEMPLATE_PROTECTION says (no password by default: a guard
 * against slips, unlocked with 审阅 › 撤销工作表保护). ExcelJS does this synchronously.
 */
export function protectTemplateSheet(ws: ExcelJS.Worksheet, password = ""): void {
  void ws.protect(password, { ...TEMPLATE_PROTECTION });
}
