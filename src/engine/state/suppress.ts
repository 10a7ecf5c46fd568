import { resolveAnchor } from "../journal/anchor";
import { Finding } from "../model/finding";
import { AssessmentTable } from "../model/table";
import { Suppression } from "./schema";

export interface SplitFindings {
  active: Finding[];
  ignored: { finding: Finding; suppression: Suppression }[];
}

/** Where the sheet is: its name, its tables as detected now and (where the host has one) its stable id. */
export interface SheetContext {
  tables: readonly AssessmentTable[];
  sheetId?: string;
}

/**
 * Separates the findings a reviewer has ignored from the rest. An ignore with an anchor follows its
 * cell (re-resolved against the sheet's tables, so it survives inserted rows; with the sheet's id it
 * survives a rename); one without is matched by code, sheet and cell. A code this version does not
 * know matches nothing (and is kept in the state).
 */
export function splitSuppressed(
  sheet: string,
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  context?: SheetContext
): SplitFindings {
  /** The cell the ignore is about on this sheet now; undefined when it is on another sheet. */
  const where = (s: Suppression): string | null | undefined => {
    // By the sheet's id (it survives a rename) or by its name (ids a host gives may not survive
    // reopening the workbook); the anchor then has to name a table and field of this sheet.
    const onSheet =
      (!!s.anchor?.sheetId && !!context?.sheetId && s.anchor.sheetId === context.sheetId) ||
      s.sheet === sheet;
    if (!onSheet) return undefined;
    if (s.anchor && context) return resolveAnchor(s.anchor, context.tables) ?? s.cell;
    return s.cell;
  };
  const located = suppressions.map((s) => ({ s, cell: where(s) }));
  const out: SplitFindings = { active: [], ignored: [] };
  for (const f of findings) {
    const hit = located.find(
      (x) => x.s.code === f.code && x.cell !== undefined && x.cell === f.cell
    );
    if (hit) out.ignored.push({ finding: f, suppression: hit.s });
    else out.active.push(f);
  }
  return out;
}
