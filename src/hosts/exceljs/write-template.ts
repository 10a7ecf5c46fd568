/**
 * Renders a TemplateLayout (src/engine/template/layout.ts) to an ExcelJS workbook: styles,
 * merges, formulas with their blank-template results, data validations, sheet protection, print
 * set-up, and the rule set in the very hidden "_selfeval" state sheet. createTemplateFile is what
 * `selfeval template` calls.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { EngineSettings } from "../../engine/settings";
import { encodeState } from "../../engine/state/codec";
import { emptyState, STATE_SHEET } from "../../engine/state/schema";
import { withOwnProtection } from "../own-protection";
import { TemplateError } from "../../engine/template/errors";
import {
  buildTemplateLayout,
  IndicatorGroupSpec,
  TemplateLayout,
  TemplateSheet,
  TemplateVariant,
} from "../../engine/template/layout";
import {
  renderTemplateSheet,
  TEMPLATE_FOOTER,
  TEMPLATE_PROTECTION,
  templatePageSetup,
} from "./template-sheet";

export { TemplateError } from "../../engine/template/errors";
export { compactValidations } from "./compact-validations";
export {
  excelStyle,
  excelValidation,
  protectTemplateSheet,
  renderTemplateSheet,
  TEMPLATE_PROTECTION,
  templatePageSetup,
} from "./template-sheet";

export interface WriteTemplateOptions {
  /** Sheet protection password; none by default (protection is then a guard against slips, not a lock). */
  protectionPassword?: string;
}

function writeSheet(wb: ExcelJS.Workbook, s: TemplateSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(s.name, {
    pageSetup: templatePageSetup(s),
    headerFooter: { oddFooter: TEMPLATE_FOOTER },
  });
  return renderTemplateSheet(ws, s);
}

/** ExcelJS keeps a sheet's protection in this (untyped) property; protect() fills it. */
interface ProtectedSheet {
  sheetProtection: Record<string, unknown> | null;
}

/**
 * The state sheet: very hidden, the encoded workbook state (with the rule set, and the sheets we
 * protected without a password, which hosts may then unprotect and protect again) down column A.
 */
export function writeStateSheet(
  wb: ExcelJS.Workbook,
  rules: EngineSettings,
  ownProtected: readonly string[] = []
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
  encodeState(withOwnProtection({ ...emptyState(), rules }, ownProtected)).forEach((row, i) => {
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
  // The workbook's title: the table's own title (a family's layout), else the preset's as before.
  const titleCell = layout.sheets[0]?.cells.find((c) => c.role === "title");
  wb.title =
    layout.family !== "national" &&
    layout.family !== "hunan" &&
    typeof titleCell?.value === "string"
      ? titleCell.value
      : layout.variant === "hunan"
        ? `${layout.year}年度项目支出绩效自评表`
        : `项目支出绩效自评表（${layout.year}年度）`;
  // The cached results are the blank template's; Excel recomputes on open all the same.
  wb.calcProperties = { fullCalcOnLoad: true };

  let protection: Record<string, unknown> | null = null;
  const ownProtected: string[] = [];
  for (const s of layout.sheets) {
    const ws = writeSheet(wb, s);
    if (!s.protect) continue;
    if (!options.protectionPassword) ownProtected.push(ws.name);
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
  writeStateSheet(wb, rules, ownProtected);
  return wb;
}

export interface CreateTemplateOptions {
  /** "beijing" or "hunan" (anything else is a badVariant TemplateError, so the CLI can pass its argument as is). */
  variant: TemplateVariant | string;
  /** A table family's id: its standard blank table (wins over `variant`; unknown: a badFamily TemplateError). */
  family?: string;
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
    ...(opts.family !== undefined ? { family: opts.family } : {}),
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
