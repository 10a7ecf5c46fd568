import { z } from "zod";
import { WorkbookState } from "../engine/state/schema";

/**
 * Which protected sheets are ours: the standard blank tables we inserted and protected without a
 * password (`selfeval template`, 插入标准自评表 in either host). On such a sheet a host may take the
 * protection off, write, and put it back the same way in one step; any other protected sheet is
 * refused with a message naming it.
 *
 * Why a record in the workbook's state and not a marker on the sheet: the state is the one place
 * every host (Office.js, ExcelJS in the preview and the CLI) reads and writes alike, and it travels
 * with the file. A sheet-scoped defined name would follow a renamed sheet, but ExcelJS drops the
 * sheet scope of names other than print areas when it reads a file, so the preview could not see
 * it. The record is by sheet name: a template sheet renamed since is treated as anyone's
 * protected sheet (refused, with its name in the message) — the safe side. A sheet we recorded
 * that has since been given a password is not ours to unprotect: hosts check that too.
 *
 * Kept under a top-level key of the state, which every version writes back as it was read.
 */
export const OWN_PROTECTION_KEY = "ownProtection";

const OwnSheetSchema = z.looseObject({
  sheet: z.string().min(1),
});
export type OwnProtectedSheet = z.infer<typeof OwnSheetSchema>;

/** A workbook has few template sheets; a record beyond this is not ours (bounds the state). */
const MAX_RECORDED = 1000;

/** The sheets the state records as protected by us without a password ([] when none or malformed). */
export function ownProtectedSheets(state: WorkbookState): OwnProtectedSheet[] {
  const parsed = z.array(OwnSheetSchema).max(MAX_RECORDED).safeParse(state[OWN_PROTECTION_KEY]);
  return parsed.success ? parsed.data : [];
}

/** Whether a sheet is one we protected without a password. */
export function isOwnProtected(state: WorkbookState, sheet: string): boolean {
  return ownProtectedSheets(state).some((o) => o.sheet === sheet);
}

/** The state with `sheets` recorded as ours (sheets of those names recorded before stay once). */
export function withOwnProtection(state: WorkbookState, sheets: readonly string[]): WorkbookState {
  if (sheets.length === 0) return state;
  const kept = ownProtectedSheets(state).filter((o) => !sheets.includes(o.sheet));
  const added: OwnProtectedSheet[] = sheets.map((sheet) => ({ sheet }));
  return { ...state, [OWN_PROTECTION_KEY]: [...kept, ...added].slice(-MAX_RECORDED) };
}

/** The zh/en name lists of sheets for messages: “项目1”、“项目2” / "项目1", "项目2". */
export function sheetList(sheets: readonly string[]): { zh: string; en: string } {
  return {
    zh: sheets.map((s) => `“${s}”`).join("、"),
    en: sheets.map((s) => `"${s}"`).join(", "),
  };
}
