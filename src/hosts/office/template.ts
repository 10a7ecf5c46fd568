import { RangePos } from "../../engine/grid/a1";
import type {
  TemplateSheet,
  TemplateStyle,
  TemplateValidation,
} from "../../engine/template/layout";
import { compactValidations } from "../exceljs/compact-validations";
import { argbToHex } from "./cell-io";

/**
 * Queues a standard blank table (one sheet of buildTemplateLayout) onto a new worksheet with
 * Office.js, mirroring what the ExcelJS renderer (src/hosts/exceljs/template-sheet.ts) writes:
 * number formats, values and formulas as 2-D blocks, merges, the 宋体 font, alignment, wrapping,
 * fills, borders, column widths and row heights, unlocked input cells, data validations
 * (ExcelApi 1.8), print set-up (ExcelApi 1.9) and, last, sheet protection. Nothing is synced here:
 * the caller sends it all in one batch.
 */

const FONT_NAME = "宋体";
const DEFAULT_SIZE = 10;

/**
 * What a protected template lets a user do, as TEMPLATE_PROTECTION of the ExcelJS renderer: select
 * anything, type into the input cells, resize rows and columns, insert rows; cell formats, columns
 * and deletions stay locked. No password: 审阅 › 撤销工作表保护 unlocks it.
 */
export const OFFICE_TEMPLATE_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowFormatCells: false,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: true,
  allowPivotTables: false,
  allowSort: false,
  selectionMode: "Normal",
};

/** Page margins in points (the ExcelJS renderer's inches × 72). */
const MARGINS = { left: 36, right: 36, top: 43.2, bottom: 43.2, header: 21.6, footer: 21.6 };
const FOOTER = "第 &P 页，共 &N 页";

export interface TemplateFeatures {
  /** Data validations (ExcelApi 1.8). */
  validations: boolean;
  /** worksheet.pageLayout (ExcelApi 1.9). */
  pageLayout: boolean;
}

/** What was queued, for the caller's statistics and tests. */
export interface QueuedTemplate {
  range: RangePos;
  merges: number;
  validations: number;
  pageLayout: boolean;
  protect: boolean;
}

/** Excel column width in points for a width in characters (7 px per character + 5 px padding, 96 dpi). */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function areaOf(c: { row: number; col: number; merge?: RangePos }): RangePos {
  return c.merge ?? { top: c.row, left: c.col, bottom: c.row, right: c.col };
}

/**
 * A string Excel might not keep as it is when written through `formulas`: a formula, a number, a
 * date or time ("2024-1", "1/2", "10:30"), a percentage, a boolean or an error literal. Anything
 * starting with a digit is treated so (the footnotes "2.总分设置为100分…" are text).
 */
export function needsTextWrite(v: string): boolean {
  const t = v.trim();
  return (
    /^[=+\-@]/.test(t) ||
    /^\.?\d/.test(t) ||
    /^(true|false)$/i.test(t) ||
    /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!)$/i.test(t)
  );
}

const HORIZONTAL: Record<NonNullable<TemplateStyle["horizontal"]>, Excel.HorizontalAlignment> = {
  left: "Left" as Excel.HorizontalAlignment,
  center: "Center" as Excel.HorizontalAlignment,
  right: "Right" as Excel.HorizontalAlignment,
};
const VERTICAL: Record<NonNullable<TemplateStyle["vertical"]>, Excel.VerticalAlignment> = {
  top: "Top" as Excel.VerticalAlignment,
  middle: "Center" as Excel.VerticalAlignment,
};
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;
const INSIDE = ["InsideVertical", "InsideHorizontal"] as const;

function thinBorders(range: Excel.Range, inside: boolean): void {
  for (const edge of inside ? [...EDGES, ...INSIDE] : EDGES) {
    const b = range.format.borders.getItem(edge);
    b.style = "Continuous";
    b.weight = "Thin";
    b.color = "#000000";
  }
}

const ALERT_STYLE: Record<TemplateValidation["errorStyle"], Excel.DataValidationAlertStyle> = {
  stop: "Stop" as Excel.DataValidationAlertStyle,
  warning: "Warning" as Excel.DataValidationAlertStyle,
  information: "Information" as Excel.DataValidationAlertStyle,
};

/** The Office.js rule of a layout validation. */
export function validationRule(v: TemplateValidation): Excel.DataValidationRule {
  if (v.type === "list")
    return { list: { inCellDropDown: true, source: (v.items ?? []).join(",") } };
  if (v.type === "custom") return { custom: { formula: `=${v.formula ?? "TRUE"}` } };
  const [a, b] = v.formulae ?? [];
  const operator = (
    v.operator === "greaterThanOrEqual" ? "GreaterThanOrEqualTo" : "Between"
  ) as Excel.DataValidationOperator;
  return {
    decimal: {
      formula1: a ?? 0,
      ...(operator === "Between" && b !== undefined ? { formula2: b } : {}),
      operator,
    },
  };
}

/** Excel caps a validation title at 32 characters and a message at 255. */
function clip(text: string | undefined, max: number): string {
  const t = text ?? "";
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function queueTemplateSheet(
  ws: Excel.Worksheet,
  s: TemplateSheet,
  features: TemplateFeatures
): QueuedTemplate {
  // The rectangle the layout fills, A1 to the last row and column any cell, merge or the box reaches.
  let bottom = s.borderBox.bottom;
  let right = s.borderBox.right;
  for (const c of s.cells) {
    const a = areaOf(c);
    bottom = Math.max(bottom, a.bottom);
    right = Math.max(right, a.right);
  }
  for (const m of s.merges) {
    bottom = Math.max(bottom, m.bottom);
    right = Math.max(right, m.right);
  }
  right = Math.max(right, s.columnWidths.length - 1);
  const rows = bottom + 1;
  const cols = right + 1;
  const all = ws.getRangeByIndexes(0, 0, rows, cols);

  // Number formats first (a text format must be in place before its value), then values and
  // formulas, both as one 2-D block each.
  const formats: string[][] = Array.from({ length: rows }, () =>
    new Array<string>(cols).fill("General")
  );
  const content: (string | number)[][] = Array.from({ length: rows }, () =>
    new Array<string | number>(cols).fill("")
  );
  const texts: { row: number; col: number; text: string; format: string }[] = [];
  for (const c of s.cells) {
    const a = areaOf(c);
    if (c.style.numFmt) {
      for (let r = a.top; r <= a.bottom; r++)
        for (let k = a.left; k <= a.right; k++) formats[r][k] = c.style.numFmt;
    }
    if (c.formula !== undefined) {
      content[c.row][c.col] = c.formula.startsWith("=") ? c.formula : `=${c.formula}`;
    } else if (typeof c.value === "number") {
      content[c.row][c.col] = c.value;
    } else if (typeof c.value === "string" && c.value !== "") {
      if (needsTextWrite(c.value)) {
        texts.push({ row: c.row, col: c.col, text: c.value, format: c.style.numFmt ?? "General" });
      } else {
        content[c.row][c.col] = c.value;
      }
    }
  }
  all.numberFormat = formats;
  all.formulas = content;
  for (const t of texts) {
    // Text that looks like a number or formula goes in under the Text format, then gets its own.
    const cell = ws.getRangeByIndexes(t.row, t.col, 1, 1);
    cell.numberFormat = [["@"]];
    cell.values = [[t.text]];
    cell.numberFormat = [[t.format]];
  }

  for (const m of s.merges)
    ws.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);

  // The defaults of every cell, then what each layout cell does differently.
  all.format.font.name = FONT_NAME;
  all.format.font.size = DEFAULT_SIZE;
  all.format.horizontalAlignment = HORIZONTAL.center;
  all.format.verticalAlignment = VERTICAL.middle;
  all.format.wrapText = true;
  const box = s.borderBox;
  thinBorders(
    ws.getRangeByIndexes(box.top, box.left, box.bottom - box.top + 1, box.right - box.left + 1),
    true
  );
  for (const c of s.cells) {
    const a = areaOf(c);
    const st = c.style;
    const inBox =
      a.top >= box.top && a.bottom <= box.bottom && a.left >= box.left && a.right <= box.right;
    const needs =
      st.bold ||
      (st.size ?? DEFAULT_SIZE) !== DEFAULT_SIZE ||
      (st.horizontal ?? "center") !== "center" ||
      (st.vertical ?? "middle") !== "middle" ||
      st.wrap === false ||
      !!st.fill ||
      !c.locked ||
      (st.border && !inBox);
    if (!needs) continue;
    const range = ws.getRangeByIndexes(a.top, a.left, a.bottom - a.top + 1, a.right - a.left + 1);
    if (st.bold) range.format.font.bold = true;
    if ((st.size ?? DEFAULT_SIZE) !== DEFAULT_SIZE) range.format.font.size = st.size as number;
    if ((st.horizontal ?? "center") !== "center")
      range.format.horizontalAlignment = HORIZONTAL[st.horizontal as "left" | "right"];
    if ((st.vertical ?? "middle") !== "middle") range.format.verticalAlignment = VERTICAL.top;
    if (st.wrap === false) range.format.wrapText = false;
    if (st.fill) range.format.fill.color = argbToHex(st.fill);
    if (!c.locked) range.format.protection.locked = false;
    if (st.border && !inBox) thinBorders(range, a.top !== a.bottom || a.left !== a.right);
  }

  s.columnWidths.forEach((w, k) => {
    ws.getRangeByIndexes(0, k, 1, 1).format.columnWidth = columnWidthPoints(w);
  });
  // Row heights in runs of equal height, one range per run.
  const heights = Object.entries(s.rowHeights)
    .map(([r, h]) => [Number(r), h] as const)
    .sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < heights.length;) {
    let j = i;
    while (
      j + 1 < heights.length &&
      heights[j + 1][0] === heights[j][0] + 1 &&
      heights[j + 1][1] === heights[i][1]
    )
      j++;
    ws.getRangeByIndexes(heights[i][0], 0, j - i + 1, 1).format.rowHeight = heights[i][1];
    i = j + 1;
  }

  let validations = 0;
  if (features.validations) {
    for (const { sqref, validation: v } of compactValidations(s.validations)) {
      const dv = ws.getRange(sqref).dataValidation;
      dv.ignoreBlanks = true;
      dv.rule = validationRule(v);
      dv.errorAlert = {
        showAlert: v.showErrorMessage,
        style: ALERT_STYLE[v.errorStyle],
        title: clip(v.errorTitle, 32),
        message: clip(v.error, 255),
      };
      if (v.prompt)
        dv.prompt = {
          showPrompt: true,
          title: clip(v.promptTitle, 32),
          message: clip(v.prompt, 255),
        };
      validations++;
    }
  }

  if (features.pageLayout) {
    const pl = ws.pageLayout;
    pl.orientation = "Portrait" as Excel.PageOrientation;
    pl.paperSize = "A4" as Excel.PaperType; // Excel.PaperType.a4; the namespace may be a test double
    pl.zoom = { horizontalFitToPages: s.print.fitToWidth };
    pl.centerHorizontally = true;
    pl.leftMargin = MARGINS.left;
    pl.rightMargin = MARGINS.right;
    pl.topMargin = MARGINS.top;
    pl.bottomMargin = MARGINS.bottom;
    pl.headerMargin = MARGINS.header;
    pl.footerMargin = MARGINS.footer;
    const [first, last] = s.print.printTitlesRow.split(":");
    pl.setPrintTitleRows(`$${first}:$${last ?? first}`);
    pl.setPrintArea(s.print.printArea);
    pl.headersFooters.defaultForAllPages.centerFooter = FOOTER;
  }

  // Last: a protected sheet takes no more formatting.
  if (s.protect) ws.protection.protect({ ...OFFICE_TEMPLATE_PROTECTION });

  return {
    range: { top: 0, left: 0, bottom, right },
    merges: s.merges.length,
    validations,
    pageLayout: features.pageLayout,
    protect: s.protect,
  };
}
