import { WorkbookState } from "../../engine/state/schema";
import { HostError, hiddenSheetError, structureProtectedError } from "../host";
import { isOwnProtected, sheetList } from "../own-protection";
import { officeErrorCode, protectedError, readOnlyError, toHostError } from "./errors";

/**
 * Sheet and workbook protection around one write of the Office host (a plan, an undo, clearing the
 * marks), queued into the operation's own batches:
 *
 * 1. `queue…` before the first sync loads each touched sheet's protection (protected, the options
 *    it was protected with, and — where ExcelApiOnline 1.1 has it — whether it has a password), its
 *    visibility, and the workbook's structure protection (ExcelApi 1.7).
 * 2. `check(state)` after the state is known: a protected sheet that is not one of our own templates
 *    (the state's record, see own-protection.ts), or has a password, stops the operation with its
 *    name, nothing written; so does a hidden sheet the last check left out, and a workbook whose
 *    structure is protected when the state sheet must be added.
 * 3. `queueUnprotect()` first in the write batch, `queueReprotect()` after the cells and before the
 *    state: our templates are unprotected, written and protected again with the same options in
 *    one batch. The sheets so handled are journalled with the entry (`reprotected`).
 * 4. `sync()` sends that batch; if Excel fails it half way, every sheet we unprotected and that is
 *    still unprotected is protected again before the failure is reported.
 */
/** What Excel answers when unprotect() meets a password it was not given. */
const UNPROTECT_REFUSED = new Set(["InvalidArgument", "AccessDenied", "InvalidOperation"]);

function passwordProtectedError(sheets: readonly string[]): HostError {
  const names = sheetList(sheets);
  return new HostError(
    "protected",
    `工作表${names.zh}受保护，且可能设置了密码，助手无法撤销保护，未能写入。请先在 Excel 中撤销工作表保护（审阅 › 撤销工作表保护）后重试。`,
    `Sheet ${names.en} is protected, perhaps with a password, so the assistant could not unprotect it and nothing could be written. Unprotect the sheet in Excel first (Review › Unprotect Sheet), then retry.`
  );
}

export class WriteGuard {
  private readonly sheets = new Map<
    string,
    { ws: Excel.Worksheet; protection: Excel.WorksheetProtection }
  >();
  private structure: Excel.WorkbookProtection | null = null;
  private readonly passwordKnown: boolean;
  /** Sheets to unprotect and protect again (our templates), once checked. */
  private own: string[] = [];

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly wsOf: (sheet: string) => Excel.Worksheet,
    sheets: readonly string[],
    private readonly verb: "fill" | "undo" | "clear",
    supports: (set: string, version: string) => boolean
  ) {
    this.passwordKnown = supports("ExcelApiOnline", "1.1");
    for (const sheet of sheets) {
      const ws = wsOf(sheet);
      ws.load("visibility");
      const protection = ws.protection;
      protection.load(
        this.passwordKnown ? "protected,options,isPasswordProtected" : "protected,options"
      );
      this.sheets.set(sheet, { ws, protection });
    }
    if (supports("ExcelApi", "1.7")) {
      this.structure = context.workbook.protection;
      this.structure.load("protected");
    }
  }

  /**
   * After the first sync. `stateSheetExists`: whether "_selfeval" is there (else the write adds
   * it); `hiddenAllowed`: the hidden sheets the last read took in (writes elsewhere are refused).
   */
  check(
    state: WorkbookState,
    stateSheetExists: boolean,
    hiddenAllowed: ReadonlySet<string> | null
  ): void {
    if (!stateSheetExists && this.structure?.protected) throw structureProtectedError("state");
    const own: string[] = [];
    for (const [sheet, { ws, protection }] of this.sheets) {
      if (hiddenAllowed && ws.visibility === "Hidden" && !hiddenAllowed.has(sheet))
        throw hiddenSheetError(sheet);
      if (!protection.protected) continue;
      const password = this.passwordKnown && protection.isPasswordProtected;
      if (password || !isOwnProtected(state, sheet)) throw protectedError(sheet, this.verb);
      own.push(sheet);
    }
    this.own = own;
  }

  /** Our templates among the touched sheets (unprotected and protected again by this write). */
  get reprotected(): string[] {
    return [...this.own];
  }

  queueUnprotect(): void {
    for (const sheet of this.own) this.wsOf(sheet).protection.unprotect();
  }

  queueReprotect(): void {
    for (const sheet of this.own) this.reprotect(sheet);
  }

  private reprotect(sheet: string): void {
    const options = this.sheets.get(sheet)?.protection.options;
    this.wsOf(sheet).protection.protect(options ? { ...options } : undefined);
  }

  /**
   * Sends the write batch; on a failure, protects again what this write left unprotected. Where
   * Excel could not tell us about passwords beforehand, a refused unprotect is what a password
   * looks like: that is said, with the sheets' names.
   */
  async sync(): Promise<void> {
    try {
      await this.context.sync();
    } catch (e) {
      if (this.own.length === 0) throw e;
      await this.restore();
      const code = officeErrorCode(e);
      if (!this.passwordKnown && UNPROTECT_REFUSED.has(code))
        throw passwordProtectedError(this.own);
      throw e;
    }
  }

  private async restore(): Promise<void> {
    try {
      const now = this.own.map((sheet) => {
        const p = this.wsOf(sheet).protection;
        p.load("protected");
        return { sheet, p };
      });
      await this.context.sync();
      for (const { sheet, p } of now) if (!p.protected) this.reprotect(sheet);
      await this.context.sync();
    } catch {
      // The original failure is the one to report; Excel refused even the repair.
    }
  }
}

/**
 * A write Excel refused, explained: a read-only workbook (ExcelApi 1.8) says so in plain words;
 * anything else goes through toHostError. One extra read, only on failure.
 */
export async function explainWriteFailure(
  excel: typeof Excel,
  e: unknown,
  supports: (set: string, version: string) => boolean
): Promise<HostError> {
  if (e instanceof HostError) return e;
  const code = officeErrorCode(e);
  if (code !== "AccessDenied" && code !== "InvalidOperation" && code !== "GeneralException")
    return toHostError(e);
  try {
    if (!supports("ExcelApi", "1.8")) return toHostError(e);
    const readOnly = await excel.run(async (context) => {
      const wb = context.workbook;
      wb.load("readOnly");
      await context.sync();
      return wb.readOnly;
    });
    return readOnly ? readOnlyError() : toHostError(e);
  } catch {
    return toHostError(e);
  }
}

/**
 * Queues a read of the workbook's structure protection (ExcelApi 1.7) and returns its reader, to be
 * called after the next sync: true when no sheet can be added. Without 1.7 it reads false (and
 * Excel's own refusal is reported as it comes).
 */
export function queueStructureCheck(
  context: Excel.RequestContext,
  supports: (set: string, version: string) => boolean
): () => boolean {
  if (!supports("ExcelApi", "1.7")) return () => false;
  const protection = context.workbook.protection;
  protection.load("protected");
  return () => protection.protected;
}
