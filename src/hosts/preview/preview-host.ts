import ExcelJS from "exceljs";
import { parseA1 } from "../../engine/grid/a1";
import { GridSnapshot } from "../../engine/grid/snapshot";
import { CellWrite, WritePlan } from "../../engine/fill/plan-types";
import { ruleSetFromState } from "../../engine/policy/ruleset";
import { EngineSettings, EngineSettingsInput, resolveSettings } from "../../engine/settings";
import { DecodeResult, decodeState, encodeState } from "../../engine/state/codec";
import {
  CellAt,
  journalEntryFor,
  planClearMarks,
  planUndo,
  withEntry,
  withMarks,
} from "../../engine/journal";
import {
  CellLook,
  emptyState,
  JournalEntry,
  STATE_SHEET,
  WorkbookState,
} from "../../engine/state/schema";
import { applyPlan as applyPlanToWorkbook, Lang } from "../exceljs/apply-plan";
import { loadWorkbookBuffer, snapshotOfWorksheet, WorkbookReadError } from "../exceljs/snapshot";
import {
  foreignProtectedError,
  hiddenSheetError,
  HostError,
  SheetSelection,
  stateUnreadableError,
  structureProtectedError,
  UndoneEntry,
  WorkbookHost,
} from "../host";
import { isOwnProtected, withOwnProtection } from "../own-protection";
import { sheetProtectionOf, lockedCellError, structureProtectedIn } from "./protection";
import { uniqueSheetName, type InsertTemplateOptions, type TemplateSheetLayout } from "../host";
import { stateWithRules } from "../../engine/policy/ruleset";
import {
  protectTemplateSheet,
  renderTemplateSheet,
  TEMPLATE_FOOTER,
  templatePageSetup,
} from "../exceljs/template-sheet";
import {
  captureCell,
  cellAt,
  cellFillHex,
  cellFormula,
  cellNote,
  cellValue,
  FORMULA_TYPE,
  formulaModel,
  MERGE_TYPE,
  restoreCell,
  setFill,
  setNote,
} from "./cells";
import { liveFormulas } from "./live-formulas";
import { anchorSettings, SheetAnchors, sheetsToDetect } from "../anchor-resolve";
import { Observable } from "./observable";

/**
 * The task pane's host in the browser preview: an .xlsx opened locally with ExcelJS, held in
 * memory, with no Excel anywhere. It behaves like the Office host — the journal, ignored findings
 * and marks live in the very hidden "_selfeval" sheet, writes are journalled first and undo puts
 * the cells back exactly. Works in Node (tests) and in the browser.
 *
 * Nothing recalculates an ExcelJS workbook, and no spreadsheet calculator ships with the preview:
 * the formulas kept live are ours — the ones the fill plan writes. A fill caches each formula's
 * planned result as the cell's value; after an edit or an undo the sheet is detected and planned
 * afresh (planFill with includeUnchanged, under the workbook's rule set) and every formula of ours
 * still in its cell gets the new result. Any other formula shows the value saved with it in the file
 * (formulaStatus says which is which, for the grid's tooltips).
 *
 * For its grid view it exposes the workbook, the active sheet, the selection and a revision
 * counter that goes up on every change. Nothing is uploaded anywhere: the modified workbook is
 * handed back as bytes (toBuffer / toBlob) for the person to save.
 */

export interface CellSelection {
  sheet: string;
  /** A1 address as given to selectCell: a cell ("H7") or a range ("H7:I8"). */
  address: string;
}

export interface PreviewHostOptions {
  /** Language of the notes attached to highlighted cells (default zh). */
  lang?: Lang;
  /** The name of the file the workbook came from (used for the download name). */
  fileName?: string;
  /**
   * The rules our formulas are planned with. Default: the rule set embedded in the workbook's
   * "_selfeval" state, as the task pane uses.
   */
  settings?: EngineSettingsInput | EngineSettings;
  /**
   * The workbook's structure is protected (its workbook.xml has lockStructure; ExcelJS does not
   * read it, openWorkbookFromArrayBuffer looks): no sheet can be added, "_selfeval" included.
   */
  structureProtected?: boolean;
}

/**
 * How the preview knows a formula cell's value:
 * - "live": one of our formulas (what the fill plan writes); recomputed by the engine on every change;
 * - "saved": another formula; its value is the one saved with it in the file, never recomputed here;
 * - "uncomputed": another formula with no saved value (one typed in the preview): the preview shows none;
 * - "stale": was ours, but its inputs changed so that the engine no longer plans it (a table that is
 *   no longer found, a 执行率 cell typed over): it shows the last value computed.
 */
export type FormulaStatus = "live" | "saved" | "uncomputed" | "stale";

interface CellRef {
  sheet: string;
  address: string;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const NO_WORKBOOK = () => new HostError("noWorkbook", "尚未打开工作簿。", "No workbook is open.");

let entryCounter = 0;
function newEntryId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  entryCounter += 1;
  return `${Date.now().toString(36)}-${entryCounter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

const NULL_TYPE = 0; // ExcelJS.ValueType.Null

const cellKey = (sheet: string, address: string) => `${sheet}!${address}`;

/** Parses what a person typed into a cell the way Excel would: a formula, a number, a percentage, TRUE/FALSE or text. */
export function parseCellInput(input: string): ExcelJS.CellValue {
  const text = input.trim();
  if (text === "") return null;
  if (text.startsWith("=") && text.length > 1)
    return { formula: text.slice(1) } as ExcelJS.CellFormulaValue;
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number(text);
  const pct = /^([-+]?(\d+(\.\d*)?|\.\d+))%$/.exec(text);
  if (pct) return Number(pct[1]) / 100;
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  return input;
}

export class PreviewHost implements WorkbookHost {
  readonly kind = "preview" as const;
  /** The selected cell or range (set by selectCell and by clicks in the grid). */
  readonly selection = new Observable<CellSelection | null>(null);
  /** The sheet the grid shows. */
  readonly activeSheet: Observable<string>;
  /** Goes up by one on every change to the workbook's cells or sheets. */
  readonly revision = new Observable<number>(0);
  readonly fileName: string;

  private readonly lang: Lang;
  private readonly cellListeners = new Set<(sheet: string, address: string) => void>();
  private readonly date1904: boolean;
  private readonly fixedSettings: EngineSettings | null;
  /** The workbook's rule set as last read, and the state.rules it was read from. */
  private rules: { key: string; settings: EngineSettings } | null = null;
  /** Per sheet, our formulas in their cells (address → the planned write), as last planned. */
  private readonly live = new Map<string, Map<string, CellWrite>>();
  /** Per sheet, formula cells that were ours until an edit left the engine unable to plan them. */
  private readonly stale = new Map<string, Set<string>>();
  /** Hidden sheets the reads so far took in: a plan may write into these, not into other hidden ones. */
  private readonly hiddenRead = new Set<string>();
  /** Whether the workbook's structure is protected (no sheet may be added). */
  readonly structureProtected: boolean;

  constructor(
    readonly workbook: ExcelJS.Workbook | null,
    options: PreviewHostOptions = {}
  ) {
    this.lang = options.lang ?? "zh";
    this.fileName = options.fileName ?? "workbook.xlsx";
    this.date1904 = !!(workbook?.properties as { date1904?: boolean } | undefined)?.date1904;
    this.fixedSettings = options.settings === undefined ? null : resolveSettings(options.settings);
    this.activeSheet = new Observable(workbook ? initialSheet(workbook) : "");
    this.structureProtected = !!options.structureProtected;
  }

  /**
   * A host with no workbook (the page before a file is opened): sheetNames gives [], readState an
   * empty state, and every other call fails with HostError("noWorkbook").
   */
  static empty(options: PreviewHostOptions = {}): PreviewHost {
    return new PreviewHost(null, options);
  }

  private wb(): ExcelJS.Workbook {
    if (!this.workbook) throw NO_WORKBOOK();
    return this.workbook;
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.wb().getWorksheet(name);
    if (!ws || name === STATE_SHEET) {
      throw new HostError(
        "failed",
        `没有名为“${name}”的工作表。`,
        `There is no sheet named "${name}".`
      );
    }
    return ws;
  }

  private visibleSheets(): ExcelJS.Worksheet[] {
    return this.wb().worksheets.filter(
      (ws) => ws.name !== STATE_SHEET && (ws.state ?? "visible") === "visible"
    );
  }

  /** Sheets a person hid (very hidden ones are never a person's tables). */
  private hiddenSheetCount(): number {
    return this.wb().worksheets.filter((ws) => ws.name !== STATE_SHEET && ws.state === "hidden")
      .length;
  }

  private bump(): void {
    this.revision.set(this.revision.get() + 1);
  }

  /** Hidden sheets the last whole-workbook read left out. */
  hiddenSheetsSkipped = 0;

  /** Visible sheets in order (and the hidden ones when asked); none without a workbook. */
  async sheetNames(selection: SheetSelection = {}): Promise<string[]> {
    if (!this.workbook) return [];
    return this.selectedSheets(selection).map((ws) => ws.name);
  }

  /** Visible sheets, and the sheets a person hid when the selection includes them (never very hidden ones). */
  private selectedSheets(selection: SheetSelection): ExcelJS.Worksheet[] {
    return this.wb().worksheets.filter((ws) => {
      if (ws.name === STATE_SHEET) return false;
      const state = ws.state ?? "visible";
      return state === "visible" || (!!selection.includeHidden && state === "hidden");
    });
  }

  /** sheetNames, synchronously (for the grid's sheet tabs). */
  visibleSheetNames(): string[] {
    if (!this.workbook) return [];
    return this.visibleSheets().map((ws) => ws.name);
  }

  /** Whether the workbook uses the 1904 date system (the grid needs it to show dates). */
  get uses1904Dates(): boolean {
    return this.date1904;
  }

  async activeSheetName(): Promise<string> {
    this.wb();
    return this.activeSheet.get();
  }

  /** Shows another sheet in the grid (a click on a sheet tab). */
  activateSheet(name: string): void {
    this.sheet(name);
    this.activeSheet.set(name);
  }

  async readSheets(
    names?: string[],
    onProgress?: (sheet: string, done: number, total: number) => void,
    selection: SheetSelection = {}
  ): Promise<GridSnapshot[]> {
    const sheets = names ? names.map((n) => this.sheet(n)) : this.selectedSheets(selection);
    if (!names) {
      this.hiddenRead.clear();
      this.hiddenSheetsSkipped = selection.includeHidden ? 0 : this.hiddenSheetCount();
    }
    // A hidden sheet read (by name, or with the selection) may be written by a plan.
    for (const ws of sheets) if (ws.state === "hidden") this.hiddenRead.add(ws.name);
    const out: GridSnapshot[] = [];
    for (let i = 0; i < sheets.length; i++) {
      out.push({ ...snapshotOfWorksheet(sheets[i], this.date1904), sheetId: String(sheets[i].id) });
      onProgress?.(sheets[i].name, i + 1, sheets.length);
    }
    return out;
  }

  /**
   * Refuses a write touching a protected sheet that is not one of our own templates (recorded in
   * the state, no password), or a hidden sheet the last read left out (`checkHidden`). Returns our
   * templates among the sheets: ExcelJS writes past protection, and the sheet's protection is left
   * exactly as it was — what unprotect, write, protect again does in Excel.
   */
  private assertWritable(
    sheetNames: Iterable<string>,
    state: WorkbookState,
    checkHidden = false
  ): string[] {
    const own: string[] = [];
    for (const name of new Set(sheetNames)) {
      const ws = this.wb().getWorksheet(name);
      if (!ws) continue;
      if (checkHidden && ws.state === "hidden" && !this.hiddenRead.has(name))
        throw hiddenSheetError(name);
      const protection = sheetProtectionOf(ws);
      if (!protection) continue;
      if (protection.password || !isOwnProtected(state, name)) throw foreignProtectedError(name);
      own.push(name);
    }
    return own;
  }

  /** The cell to journal and write, or null for a missing sheet or a covered cell of a merge (never written). */
  private writableCell(sheet: string, row: number, col: number): ExcelJS.Cell | null {
    const ws = this.wb().getWorksheet(sheet);
    if (!ws || sheet === STATE_SHEET) return null;
    const cell = cellAt(ws, row + 1, col + 1);
    return cell.type === MERGE_TYPE ? null : cell;
  }

  async applyPlan(plan: WritePlan, action: JournalEntry["action"]): Promise<JournalEntry> {
    const wb = this.wb();
    const state = this.writableState();
    const reprotected = this.assertWritable(
      [...plan.writes.map((w) => w.sheet), ...plan.highlights.map((h) => h.sheet)],
      state,
      true
    );
    if (!wb.getWorksheet(STATE_SHEET) && this.structureProtected)
      throw structureProtectedError("state");

    // Journal first (the engine's journal): how every cell the plan touches looks now, and what
    // the plan leaves there.
    const looks: CellAt[] = [];
    for (const t of [...plan.writes, ...plan.highlights]) {
      const cell = this.writableCell(t.sheet, t.row, t.col);
      if (cell) looks.push(captureCell(t.sheet, cell, this.date1904));
    }
    const anchors = this.anchors(state, new Set(looks.map((l) => l.sheet)), []);
    const entry = journalEntryFor(plan, looks, action, {
      id: newEntryId(),
      at: new Date().toISOString(),
      anchorOf: anchors.anchorOf,
    });
    if (reprotected.length > 0) entry.reprotected = reprotected;

    // What is ours on the written sheets before the write (to tell which formulas turn stale).
    for (const sheet of new Set(plan.writes.map((w) => w.sheet))) this.liveOf(sheet);
    const result = applyPlanToWorkbook(wb, plan, { lang: this.lang });
    await this.writeState(withMarks(withEntry(state, entry), entry));

    // The written formulas hold the plan's results; ours elsewhere that read the written cells
    // (a 总分 after 采用建议得分) are recomputed.
    const written = result.written.map((w) => ({ sheet: w.sheet, address: w.address }));
    this.recompute(
      written,
      new Set(
        result.written
          .filter((w) => w.formula !== undefined)
          .map((w) => cellKey(w.sheet, w.address))
      )
    );
    this.bump();
    return entry;
  }

  /** How a cell looks now, for the engine's undo and clear; undefined for a missing sheet. */
  private lookAt = (sheet: string, address: string): CellLook | undefined => {
    const ws = this.wb().getWorksheet(sheet);
    if (!ws || sheet === STATE_SHEET) return undefined;
    const cell = cellAt(ws, address);
    if (cell.type === MERGE_TYPE) return undefined;
    return captureCell(sheet, cell, this.date1904);
  };

  async undoLast(): Promise<UndoneEntry | null> {
    const wb = this.wb();
    const state = this.writableState();
    const newest = state.journal[state.journal.length - 1];
    const u = planUndo(state, this.lookAt, this.anchors(state, null, newest?.cells ?? []).locate);
    if (!u.entry) return null;
    this.assertWritable(
      u.restore.map((c) => c.sheet),
      state
    );

    const contentChanged: CellRef[] = [];
    // Marking and clearing marks touched fills and notes only: undoing them puts back just those,
    // so text typed into a marked cell since is kept (as the Office host does).
    const highlightOnly = u.entry.action === "highlight" || u.entry.action === "clearHighlights";
    if (!highlightOnly)
      for (const sheet of new Set(u.restore.map((c) => c.sheet))) this.liveOf(sheet);
    for (const b of u.restore) {
      const cell = cellAt(wb.getWorksheet(b.sheet)!, b.address);
      if (restoreCell(cell, b, this.date1904, { content: !highlightOnly }).contentChanged)
        contentChanged.push({ sheet: b.sheet, address: cell.address });
    }
    await this.writeState(u.state);

    // Restored formula cells keep the result the journal recorded; ours that read them are recomputed.
    this.recompute(contentChanged, new Set(contentChanged.map((c) => cellKey(c.sheet, c.address))));
    this.bump();
    return { ...u.entry, conflicts: u.conflicts };
  }

  async clearHighlights(): Promise<number> {
    const wb = this.wb();
    const state = this.writableState();
    if (state.marks.length === 0) return 0;
    const anchors = this.anchors(state, null, state.marks);
    this.assertWritable(
      state.marks.flatMap((m) => {
        const at = anchors.locate(m);
        return at && wb.getWorksheet(at.sheet) ? [at.sheet] : [];
      }),
      state
    );
    const c = planClearMarks(state, this.lookAt, {
      id: newEntryId(),
      at: new Date().toISOString(),
      locate: anchors.locate,
    });
    for (const m of c.restore) {
      const cell = cellAt(wb.getWorksheet(m.sheet)!, m.address);
      if (cellFillHex(cell) !== m.fill) setFill(cell, m.fill);
      if (cellNote(cell) !== m.note) setNote(cell, m.note);
    }
    await this.writeState(c.state);
    this.bump();
    return c.restore.length;
  }

  /**
   * Anchors for journal entries and marks: every sheet's ExcelJS id (kept when a sheet is renamed),
   * and the tables of `sheets` (or of the sheets the anchored `cells` are on now), detected under
   * the workbook's embedded rule set.
   */
  private anchors(
    state: WorkbookState,
    sheets: Set<string> | null,
    cells: readonly { sheet: string; anchor?: JournalEntry["cells"][number]["anchor"] }[]
  ): SheetAnchors {
    const wb = this.wb();
    const anchors = new SheetAnchors(
      anchorSettings(state),
      wb.worksheets
        .filter((ws) => ws.name !== STATE_SHEET)
        .map((ws) => ({ name: ws.name, id: String(ws.id) }))
    );
    for (const name of sheets ?? sheetsToDetect(cells, anchors)) {
      const ws = wb.getWorksheet(name);
      if (ws && name !== STATE_SHEET) anchors.detect(snapshotOfWorksheet(ws, this.date1904));
    }
    return anchors;
  }

  /** The state to build on; throws while the stored one cannot be decoded (it is never overwritten). */
  private writableState(): WorkbookState {
    const decoded = this.decodeStored();
    if (!decoded.ok) throw stateUnreadableError(decoded.error);
    return decoded.state;
  }

  async stateProblem(): Promise<string | null> {
    if (!this.workbook) return null;
    const decoded = this.decodeStored();
    return decoded.ok ? null : decoded.error;
  }

  /**
   * Adds a sheet holding one standard blank table, rendered as `selfeval template` renders it
   * (styles, merges, formulas with their blank-template results, drop-downs and number checks,
   * unlocked inputs, protection, print set-up); embeds `options.rules` in the state when the
   * workbook carries no rule set; shows the new sheet. Returns its (unique) name. Not journalled.
   */
  async insertTemplateSheet(
    layout: TemplateSheetLayout,
    options: InsertTemplateOptions = {}
  ): Promise<string> {
    const wb = this.wb();
    if (this.structureProtected) throw structureProtectedError("insert");
    const name = uniqueSheetName(
      options.name ?? layout.name,
      wb.worksheets.map((ws) => ws.name)
    );
    const sheet = { ...layout, name };
    const ws = wb.addWorksheet(name, {
      pageSetup: templatePageSetup(sheet),
      headerFooter: { oddFooter: TEMPLATE_FOOTER },
    });
    renderTemplateSheet(ws, sheet);
    if (sheet.protect) protectTemplateSheet(ws);
    // The rule set when the workbook has none, and the record that the protected sheet is ours
    // (own-protection.ts). A state that cannot be decoded is left as it is.
    const decoded = this.decodeStored();
    if (decoded.ok) {
      let next = decoded.state;
      if (options.rules && (next.rules === undefined || next.rules === null))
        next = stateWithRules(next, options.rules);
      if (sheet.protect) next = withOwnProtection(next, [name]);
      if (next !== decoded.state) await this.writeState(next);
    }
    if (options.activate !== false) this.activeSheet.set(name);
    this.bump();
    return name;
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.sheet(sheet);
    this.activeSheet.set(sheet);
    const current = this.selection.get();
    if (!current || current.sheet !== sheet || current.address !== address)
      this.selection.set({ sheet, address });
  }

  /** The workbook's state; an empty state without a workbook (so a pane can start before one is opened). */
  async readState(): Promise<WorkbookState> {
    return this.readStateNow();
  }

  private readStateNow(): WorkbookState {
    if (!this.workbook) return emptyState();
    return this.decodeStored().state;
  }

  private decodeStored(): DecodeResult {
    const ws = this.workbook?.getWorksheet(STATE_SHEET);
    if (!ws) return { ok: true, state: emptyState() };
    const column: unknown[] = [];
    for (let r = 1; r <= ws.rowCount; r++) column.push(cellValue(cellAt(ws, r, 1)));
    return decodeState(column);
  }

  async writeState(state: WorkbookState, options: { reset?: boolean } = {}): Promise<void> {
    const wb = this.wb();
    if (!options.reset) {
      const decoded = this.decodeStored();
      if (!decoded.ok) throw stateUnreadableError(decoded.error);
    }
    if (!wb.getWorksheet(STATE_SHEET) && this.structureProtected)
      throw structureProtectedError("state");
    const ws =
      wb.getWorksheet(STATE_SHEET) ?? wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
    ws.state = "veryHidden";
    const rows = encodeState(state);
    const old = ws.rowCount;
    for (let r = 1; r <= Math.max(old, rows.length); r++) {
      cellAt(ws, r, 1).value = r <= rows.length ? rows[r - 1][0] : null;
    }
    // Another rule set plans other formulas: what is ours is worked out afresh (and the grid's
    // tooltips follow).
    if (this.rules && this.rules.key !== rulesKey(state)) {
      this.rules = null;
      this.live.clear();
      this.bump();
    }
  }

  async onCellsChanged(listener: (sheet: string, address: string) => void): Promise<() => void> {
    this.cellListeners.add(listener);
    return () => {
      this.cellListeners.delete(listener);
    };
  }

  /**
   * A person typed into a cell of the grid: stores it as Excel would (a leading "=" makes a formula),
   * recomputes our formulas on the sheet and tells the onCellsChanged listeners. A formula typed
   * here is stored but not computed (its status is "uncomputed"), unless it is one of ours.
   */
  async editCell(sheet: string, address: string, input: string): Promise<void> {
    const ws = this.sheet(sheet);
    let cell = cellAt(ws, address);
    if (cell.type === MERGE_TYPE) cell = cell.master;
    // As in Excel: on a protected sheet a person types into unlocked cells only.
    if (sheetProtectionOf(ws) && cell.style?.protection?.locked !== false)
      throw lockedCellError(sheet, cell.address);
    const value = parseCellInput(input);
    if (value === null && cell.type === NULL_TYPE) return;
    this.liveOf(sheet);
    cell.value = value;
    if (typeof value === "number" && /%\s*$/.test(input) && !cell.style?.numFmt)
      cell.style = { ...cell.style, numFmt: "0%" };
    this.recompute([{ sheet, address: cell.address }]);
    this.bump();
    for (const l of [...this.cellListeners]) l(sheet, cell.address);
  }

  /** The value a cell shows and its formula (for the grid and for tests). */
  cellInfo(
    sheet: string,
    address: string
  ): { value: ReturnType<typeof cellValue>; formula: string | null } {
    const cell = cellAt(this.sheet(sheet), address);
    return { value: cellValue(cell, this.date1904), formula: cellFormula(cell) };
  }

  /** The workbook as .xlsx bytes (with the state sheet, very hidden). */
  async toBuffer(): Promise<Uint8Array> {
    const buf = await this.wb().xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  }

  /** The workbook as an .xlsx Blob, for the person to save; nothing leaves the machine. */
  async toBlob(): Promise<Blob> {
    return new Blob([(await this.toBuffer()) as BlobPart], { type: XLSX_MIME });
  }

  /** The name to save the modified workbook under: "name.selfeval.xlsx". */
  downloadName(): string {
    const stem = this.fileName.replace(/\.xlsx$/i, "");
    return `${stem}.selfeval.xlsx`;
  }

  /**
   * How the preview knows the value of a formula cell (see FormulaStatus); null for a cell that
   * holds no formula. Works the sheet's formulas out on first use.
   */
  formulaStatus(sheet: string, address: string): FormulaStatus | null {
    const ws = this.sheet(sheet);
    const { row, col } = parseA1(address);
    const cell = ws.findCell(row + 1, col + 1);
    if (!cell || cell.type !== FORMULA_TYPE) return null;
    if (this.liveOf(sheet).has(cell.address)) return "live";
    if (this.stale.get(sheet)?.has(cell.address)) return "stale";
    const result = formulaModel(cell).result;
    return result === undefined || result === null ? "uncomputed" : "saved";
  }

  /** The rules our formulas are planned with: the fixed ones, or the workbook's embedded rule set. */
  private settings(): EngineSettings {
    if (this.fixedSettings) return this.fixedSettings;
    const state = this.readStateNow();
    const key = rulesKey(state);
    if (!this.rules || this.rules.key !== key)
      this.rules = { key, settings: ruleSetFromState(state).rules };
    return this.rules.settings;
  }

  /** Our formulas on a sheet as it is now (address → planned write); none when planning fails. */
  private planLive(ws: ExcelJS.Worksheet): Map<string, CellWrite> {
    try {
      return liveFormulas(snapshotOfWorksheet(ws, this.date1904), this.settings());
    } catch (e) {
      console.warn(`selfeval preview: formulas on "${ws.name}" are not recomputed:`, e);
      return new Map();
    }
  }

  /** Our formulas on a sheet, as last planned (planned now on first use). */
  private liveOf(sheet: string): Map<string, CellWrite> {
    let live = this.live.get(sheet);
    if (!live) {
      const ws = this.workbook?.getWorksheet(sheet);
      live = ws && sheet !== STATE_SHEET ? this.planLive(ws) : new Map<string, CellWrite>();
      this.live.set(sheet, live);
    }
    return live;
  }

  /**
   * After the content of `changed` cells changed: plans each of their sheets afresh and stores the
   * result of every formula of ours as its cell's cached value — except in the cells of `keep`,
   * whose cached value was just put there exactly (a plan's result, an undo). A formula that was
   * ours before the change and is no longer planned, though its cell was not touched, turns stale.
   * Callers call liveOf(sheet) before changing anything, so "before" is known.
   */
  private recompute(changed: readonly CellRef[], keep: ReadonlySet<string> = new Set()): void {
    const bySheet = new Map<string, Set<string>>();
    for (const c of changed) {
      const set = bySheet.get(c.sheet) ?? new Set<string>();
      set.add(c.address);
      bySheet.set(c.sheet, set);
    }
    for (const [sheet, touched] of bySheet) {
      const ws = this.workbook?.getWorksheet(sheet);
      if (!ws || sheet === STATE_SHEET) continue;
      const before = this.live.get(sheet) ?? new Map<string, CellWrite>();
      const now = this.planLive(ws);
      const stale = this.stale.get(sheet) ?? new Set<string>();
      for (const address of touched) stale.delete(address);
      for (const [address, w] of now) {
        stale.delete(address);
        if (keep.has(cellKey(sheet, address))) continue;
        const model = formulaModel(cellAt(ws, address));
        if (!Object.is(model.result, w.result)) model.result = w.result;
      }
      for (const address of before.keys()) {
        if (now.has(address) || touched.has(address)) continue;
        const { row, col } = parseA1(address);
        if (ws.findCell(row + 1, col + 1)?.type === FORMULA_TYPE) stale.add(address);
      }
      this.live.set(sheet, now);
      if (stale.size > 0) this.stale.set(sheet, stale);
      else this.stale.delete(sheet);
    }
  }

  dispose(): void {
    this.cellListeners.clear();
    this.live.clear();
    this.stale.clear();
  }
}

/** What identifies the rule set a state carries. */
function rulesKey(state: WorkbookState): string {
  return JSON.stringify(state.rules ?? null);
}

/** The sheet Excel would show first: the workbook's active tab when it is a visible sheet, else the first visible sheet. */
function initialSheet(wb: ExcelJS.Workbook): string {
  const visible = wb.worksheets.filter(
    (ws) => ws.name !== STATE_SHEET && (ws.state ?? "visible") === "visible"
  );
  const tab = (wb.views as { activeTab?: number }[] | undefined)?.[0]?.activeTab;
  const active = typeof tab === "number" ? wb.worksheets[tab] : undefined;
  if (active && visible.includes(active)) return active.name;
  return visible[0]?.name ?? "";
}

/**
 * Opens .xlsx bytes (a file a person picked, or a fetched sample) as a PreviewHost. A file that
 * is not a readable workbook fails with HostError("failed") carrying the reader's one-line reason.
 */
export async function openWorkbookFromArrayBuffer(
  buf: ArrayBuffer | Uint8Array,
  options: PreviewHostOptions = {}
): Promise<PreviewHost> {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  try {
    const wb = await loadWorkbookBuffer(bytes);
    const structureProtected = options.structureProtected ?? structureProtectedIn(bytes);
    return new PreviewHost(wb, { ...options, structureProtected });
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new HostError("failed", e.reason_zh, e.reason_en);
    throw e;
  }
}
