/**
 * Renders a TemplateLayout (src/engine/template/layout.ts) to an ExcelJS workbook: styles,
 * merges, formulas with their blank-template results, data validations, sheet protection, print
 * set-up, and the rule set in the very hidden "_selfeval" state sheet. createTemplateFile is what
 * `selfeval template` calls.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseA1, RangePos, rangeToA1, toA1 } from "../../engine/grid/a1";
import { EngineSettings } from "../../engine/settings";
import { encodeState } from "../../engine/state/codec";
import { emptyState, STATE_SHEET } from "../../engine/state/schema";
import { TemplateError } from "../../engine/template/errors";
import {
  buildTemplateLayout,
  IndicatorGroupSpec,
  TemplateCell,
  TemplateLayout,
  TemplateSheet,
  TemplateStyle,
  TemplateValidation,
  TemplateVariant,
} from "../../engine/template/layout";

export { TemplateError } from "../../engine/template/errors";

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

export interface WriteTemplateOptions {
  /** Sheet protection password; none by default (protection is then a guard against slips, not a lock). */
  protectionPassword?: string;
}

function excelStyle(s: TemplateStyle, locked: boolean, border: boolean): Partial<ExcelJS.Style> {
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

function excelValidation(v: TemplateValidation): ExcelJS.DataValidation {
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

/**
 * Equal validations squeezed into rectangles (A1 ranges), so the file carries one validation per
 * rectangle. Done here rather than by ExcelJS, whose own squeezing overlaps ranges that cross a
 * change in the row number's digit count (D7:F10 and D10:F10).
 */
export function compactValidations(
  validations: readonly TemplateValidation[]
): { sqref: string; validation: TemplateValidation }[] {
  const groups = new Map<string, { validation: TemplateValidation; cells: Set<string> }>();
  for (const v of validations) {
    const { address, ...rest } = v;
    const key = JSON.stringify(rest);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { validation: v, cells: new Set() }));
    g.cells.add(address);
  }
  const out: { sqref: string; validation: TemplateValidation }[] = [];
  for (const { validation, cells } of groups.values()) {
    const positions = [...cells]
      .map((a) => parseA1(a))
      .sort((p, q) => p.row - q.row || p.col - q.col);
    const has = new Set(cells);
    const done = new Set<string>();
    const free = (r: number, c: number) => has.has(toA1(r, c)) && !done.has(toA1(r, c));
    for (const p of positions) {
      if (done.has(toA1(p.row, p.col))) continue;
      let bottom = p.row;
      while (free(bottom + 1, p.col)) bottom++;
      let right = p.col;
      const columnFree = (c: number) => {
        for (let r = p.row; r <= bottom; r++) if (!free(r, c)) return false;
        return true;
      };
      while (columnFree(right + 1)) right++;
      for (let r = p.row; r <= bottom; r++)
        for (let c = p.col; c <= right; c++) done.add(toA1(r, c));
      out.push({ sqref: rangeToA1({ top: p.row, left: p.col, bottom, right }), validation });
    }
  }
  return out;
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

function writeSheet(wb: ExcelJS.Workbook, s: TemplateSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(s.name, {
    pageSetup: {
      paperSize: s.print.paperSize,
      orientation: s.print.orientation,
      fitToPage: true,
      fitToWidth: s.print.fitToWidth,
      fitToHeight: s.print.fitToHeight,
      printTitlesRow: s.print.printTitlesRow,
      printArea: s.print.printArea,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
  });
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

/** ExcelJS keeps a sheet's protection in this (untyped) property; protect() fills it. */
interface ProtectedSheet {
  sheetProtection: Record<string, unknown> | null;
}

/** The state sheet: very hidden, the encoded workbook state (with the rule set) down column A. */
export function writeStateSheet(wb: ExcelJS.Workbook, rules: EngineSettings): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
  encodeState({ ...emptyState(), rules }).forEach((row, i) => {
    ws.getCell(i + 1, 1).value = row[0];
  });
  return ws;
}

/**
 * The workbook of a layout. `settings` is the rule set to embed; it defaults to (and must equal)
 * the one the layout's formulas were planned with, layout.rules.
 */
export function writeTemplateWorkbook(
  layout: TemplateLayout,
  settings?: EngineSettings,
  options: WriteTemplateOptions = {}
): ExcelJS.Workbook {
  const rules = settings ?? layout.rules;
  if (settings && JSON.stringify(settings) !== JSON.stringify(layout.rules)) {
    throw new Error(
      "writeTemplateWorkbook: the rule set differs from the one the layout's formulas were planned with (layout.rules)"
    );
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = "绩效自评表助手";
  wb.title =
    layout.variant === "hunan"
      ? `${layout.year}年度项目支出绩效自评表`
      : `项目支出绩效自评表（${layout.year}年度）`;
  // The cached results are the blank template's; Excel recomputes on open all the same.
  wb.calcProperties = { fullCalcOnLoad: true };

  let protection: Record<string, unknown> | null = null;
  for (const s of layout.sheets) {
    const ws = writeSheet(wb, s);
    if (!s.protect) continue;
    const internal = ws as unknown as ProtectedSheet;
    if (protection) {
      // Hashing a password takes a while (100,000 rounds): hash once, copy to every sheet.
      internal.sheetProtection = { ...protection };
    } else {
      // ExcelJS's protect() does its work synchronously and returns a settled promise.
      void ws.protect(options.protectionPassword ?? "", { ...TEMPLATE_PROTECTION });
      protection = { ...(internal.sheetProtection ?? {}) };
    }
  }
  writeStateSheet(wb, rules);
  return wb;
}

export interface CreateTemplateOptions {
  /** "beijing" or "hunan" (anything else is a badVariant TemplateError, so the CLI can pass its argument as is). */
  variant: TemplateVariant | string;
  /** 1 … MAX_TEMPLATE_PROJECTS; a string of digits is accepted. */
  projects: number | string;
  /** A four-digit year, 1990–2100; a string of digits is accepted. */
  year: number | string;
  /** The rule set (defaults apply where omitted); embedded in the workbook and used for the formulas. */
  settings?: EngineSettings;
  /** Overwrite an existing file. */
  force?: boolean;
  protect?: boolean;
  protectionPassword?: string;
  skeleton?: IndicatorGroupSpec[];
}

export interface CreatedTemplate {
  file: string;
  sheets: string[];
  layout: TemplateLayout;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a new standard blank workbook to `out`. Throws TemplateError (one-line zh/en reasons):
 * badVariant / badProjects / badYear / badSettings / badSkeleton for bad options, outExists when
 * `out` exists and `force` is not set, writeFailed when the file cannot be written.
 */
export async function createTemplateFile(
  out: string,
  opts: CreateTemplateOptions
): Promise<CreatedTemplate> {
  const layout = buildTemplateLayout({
    variant: opts.variant as TemplateVariant,
    projects: opts.projects,
    year: opts.year,
    settings: opts.settings,
    skeleton: opts.skeleton,
    protect: opts.protect,
  });
  if (!opts.force && (await exists(out))) {
    throw new TemplateError(
      "outExists",
      `输出文件已存在：${out}（如需覆盖请加 --force）`,
      `the output file exists: ${out} (add --force to overwrite it)`
    );
  }
  const wb = writeTemplateWorkbook(layout, layout.rules, {
    protectionPassword: opts.protectionPassword,
  });
  // Write next to the target and rename, so a failed write never leaves half a file under its name.
  const tmp = path.join(
    path.dirname(path.resolve(out)),
    `.${path.basename(out)}.${process.pid}.tmp`
  );
  try {
    await wb.xlsx.writeFile(tmp);
    await fs.rename(tmp, out);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const reason = (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0];
    throw new TemplateError(
      "writeFailed",
      `无法写入 ${out}：${reason}`,
      `cannot write ${out}: ${reason}`
    );
  }
  return { file: out, sheets: layout.sheets.map((s) => s.name), layout };
}
