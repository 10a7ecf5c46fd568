import type ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { HostError } from "../host";

/**
 * Protection as the browser preview sees it in an ExcelJS workbook: a sheet's protection (ExcelJS
 * keeps it, untyped, in `sheetProtection`), and the workbook's structure protection, which ExcelJS
 * does not read at all — it is looked up in the package's workbook.xml when the file is opened.
 */

interface SheetProtectionModel {
  sheet?: boolean;
  hashValue?: string;
  password?: string;
}

/** The sheet's protection, or null when it is not protected; `password` when one is set. */
export function sheetProtectionOf(ws: ExcelJS.Worksheet): { password: boolean } | null {
  const p = (ws as unknown as { sheetProtection?: SheetProtectionModel | null }).sheetProtection;
  if (!p || !p.sheet) return null;
  return { password: !!(p.hashValue || p.password) };
}

/** A person typed into a locked cell of a protected sheet (Excel refuses the same). */
export function lockedCellError(sheet: string, address: string): HostError {
  return new HostError(
    "protected",
    `单元格 ${sheet}!${address} 已锁定，工作表“${sheet}”受保护，不能在此输入。请在未锁定的填写单元格中输入，或先在 Excel 中撤销工作表保护。`,
    `Cell ${sheet}!${address} is locked and sheet "${sheet}" is protected, so it cannot be typed into. Type into an unlocked input cell, or unprotect the sheet in Excel first.`
  );
}

/** workbook.xml larger than this is not a workbook we read for its protection (bounds the inflate). */
const MAX_WORKBOOK_XML = 8 * 1024 * 1024;
const LOCKED_STRUCTURE =
  /<(?:\w+:)?workbookProtection\b[^>]*\blockStructure\s*=\s*["'](?:1|true)["']/;

/**
 * Whether the package's workbook.xml protects the structure (`<workbookProtection lockStructure="1">`).
 * Only that one part is inflated, and only when its declared size is within MAX_WORKBOOK_XML;
 * a package that cannot be read here is taken as unprotected (ExcelJS has read it already).
 */
export function structureProtectedIn(bytes: Uint8Array): boolean {
  try {
    const files = unzipSync(bytes, {
      filter: (f) => f.name === "xl/workbook.xml" && f.originalSize <= MAX_WORKBOOK_XML,
    });
    const xml = files["xl/workbook.xml"];
    return xml ? LOCKED_STRUCTURE.test(strFromU8(xml)) : false;
  } catch {
    return false;
  }
}
