import ExcelJS from "exceljs";
import { parseA1 } from "../../engine/grid/a1";
import { GridSnapshot } from "../../engine/grid/snapshot";
import { WritePlan } from "../../engine/fill/plan-types";
import { decodeState, encodeState } from "../../engine/state/codec";
import {
  CellBefore,
  emptyState,
  JournalEntry,
  Mark,
  STATE_SHEET,
  WorkbookState,
} from "../../engine/state/schema";
import { applyPlan as applyPlanToWorkbook, Lang } from "../exceljs/apply-plan";
import { loadWorkbookBuffer, snapshotOfWorksheet, WorkbookReadError } from "../exceljs/snapshot";
import { HostError, WorkbookHost } from "../host";
import {
  captureCell,
  cellAt,
  cellFillHex,
  cellFormula,
  cellNote,
  cellValue,
  MERGE_TYPE,
  restoreCell,
  setFill,
  setNote,
} from "./cells";
import { Observable } from "./observable";
import { CellRef, Recalculator } from "./recalc";

/**
 * The task pane's host in the browser preview: an .xlsx opened locally with ExcelJS, held in
 * memory, with no Excel anywhere. It behaves like the Office host — the journal, ignored findings
 * and marks live in the very hidden "_selfeval" sheet, writes are journalled first and undo puts
 * the cells back exactly — and since nothing recalculates an ExcelJS workbook, HyperFormula
 * computes what the written formulas show. Works in Node (tests) and in the browser.
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
  private readonly recalc: Recalculator | null;
  private readonly date1904: boolean;

  constructor(
    readonly workbook: ExcelJS.Workbook | null,
    options: PreviewHostOptions = {}
  ) {
    this.lang = options.lang ?? "zh";
    this.fileName = options.fileName ?? "workbook.xlsx";
    this.date1904 = !!(workbook?.properties as { date1904?: boolean } | undefined)?.date1904;
    this.recalc = workbook
      ? new Recalculator(workbook, (ws) => ws.name !== STATE_SHEET, this.date1904)
      : null;
    this.activeSheet = new Observable(workbook ? initialSheet(workbook) : "");
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

  private bump(): void {
    this.revision.set(this.revision.get() + 1);
  }

  /** Visible sheets in order; none without a workbook. */
  async sheetNames(): Promise<string[]> {
    return this.visibleSheetNames();
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
    onProgress?: (sheet: string, done: number, total: number) => void
  ): Promise<GridSnapshot[]> {
    const sheets = names ? names.map((n) => this.sheet(n)) : this.visibleSheets();
    const out: GridSnapshot[] = [];
    for (let i = 0; i < sheets.length; i++) {
      out.push(snapshotOfWorksheet(sheets[i], this.date1904));
      onProgress?.(sheets[i].name, i + 1, sheets.length);
    }
    return out;
  }

  private assertWritable(sheetNames: Iterable<string>): void {
    for (const name of new Set(sheetNames)) {
      const ws = this.wb().getWorksheet(name);
      const protection = (
        ws as unknown as { sheetProtection?: { sheet?: boolean } | null } | undefined
      )?.sheetProtection;
      if (protection && protection.sheet) {
        throw new HostError(
          "protected",
          `工作表“${name}”受保护，未写入任何内容。请先在 Excel 中撤销工作表保护。`,
          `Sheet "${name}" is protected; nothing was written. Unprotect the sheet in Excel first.`
        );
      }
    }
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
    this.assertWritable([
      ...plan.writes.map((w) => w.sheet),
      ...plan.highlights.map((h) => h.sheet),
    ]);

    // Journal first: how every cell the plan touches looks now.
    const before = new Map<string, CellBefore>();
    for (const t of [...plan.writes, ...plan.highlights]) {
      const cell = this.writableCell(t.sheet, t.row, t.col);
      if (!cell) continue;
      const k = cellKey(t.sheet, cell.address);
      if (!before.has(k)) before.set(k, captureCell(t.sheet, cell, this.date1904));
    }
    const state = await this.readState();
    const entry: JournalEntry = {
      id: newEntryId(),
      at: new Date().toISOString(),
      action,
      cells: [...before.values()],
    };

    const result = applyPlanToWorkbook(wb, plan, { lang: this.lang });

    for (const h of result.highlighted) {
      const b = before.get(cellKey(h.sheet, h.address));
      if (!b || state.marks.some((m) => m.sheet === h.sheet && m.address === b.address)) continue;
      state.marks.push({ sheet: h.sheet, address: b.address, fill: b.fill, note: b.note });
    }
    if (entry.cells.length > 0) state.journal.push(entry);
    await this.writeState(state);

    this.recalc?.update(result.written.map((w) => ({ sheet: w.sheet, row: w.row, col: w.col })));
    this.bump();
    return entry;
  }

  async undoLast(): Promise<JournalEntry | null> {
    const wb = this.wb();
    const state = await this.readState();
    const entry = state.journal.pop();
    if (!entry) return null;
    this.assertWritable(entry.cells.map((c) => c.sheet));

    const contentChanged: CellRef[] = [];
    const readded: Mark[] = [];
    // Marking and clearing marks touched fills and notes only: undoing them puts back just those,
    // so text typed into a marked cell since is kept (as the Office host does).
    const highlightOnly = entry.action === "highlight" || entry.action === "clearHighlights";
    for (const b of entry.cells) {
      const ws = wb.getWorksheet(b.sheet);
      if (!ws) continue;
      const cell = cellAt(ws, b.address);
      if (cell.type === MERGE_TYPE) continue;
      // Undoing 清除标记 brings the highlights back: their marks return with what clearing put back.
      if (entry.action === "clearHighlights")
        readded.push({
          sheet: b.sheet,
          address: b.address,
          fill: cellFillHex(cell),
          note: cellNote(cell),
        });
      const { row, col } = parseA1(b.address);
      if (restoreCell(cell, b, this.date1904, { content: !highlightOnly }).contentChanged)
        contentChanged.push({ sheet: b.sheet, row, col });
    }

    if (entry.action === "clearHighlights") {
      for (const m of readded) {
        if (!state.marks.some((x) => x.sheet === m.sheet && x.address === m.address))
          state.marks.push(m);
      }
    } else {
      // A mark whose cell looks again as it did before highlighting is gone with the highlight.
      const restored = new Set(entry.cells.map((c) => cellKey(c.sheet, c.address)));
      state.marks = state.marks.filter((m) => {
        if (!restored.has(cellKey(m.sheet, m.address))) return true;
        const ws = wb.getWorksheet(m.sheet);
        const cell = ws ? cellAt(ws, m.address) : undefined;
        return !!cell && (cellFillHex(cell) !== m.fill || cellNote(cell) !== m.note);
      });
    }
    await this.writeState(state);

    // Restored formula cells keep the result the journal recorded; what depends on them is recomputed.
    this.recalc?.update(contentChanged, contentChanged);
    this.bump();
    return entry;
  }

  async clearHighlights(): Promise<number> {
    const wb = this.wb();
    const state = await this.readState();
    const marks = state.marks.filter((m) => m.sheet !== STATE_SHEET && wb.getWorksheet(m.sheet));
    if (state.marks.length === 0) return 0;
    this.assertWritable(marks.map((m) => m.sheet));

    const before: CellBefore[] = [];
    for (const m of marks) {
      const cell = cellAt(wb.getWorksheet(m.sheet)!, m.address);
      if (cell.type === MERGE_TYPE) continue;
      before.push(captureCell(m.sheet, cell, this.date1904));
      if (cellFillHex(cell) !== m.fill) setFill(cell, m.fill);
      if (cellNote(cell) !== m.note) setNote(cell, m.note);
    }
    if (before.length > 0) {
      state.journal.push({
        id: newEntryId(),
        at: new Date().toISOString(),
        action: "clearHighlights",
        cells: before,
      });
    }
    state.marks = [];
    await this.writeState(state);
    this.bump();
    return before.length;
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
    if (!this.workbook) return emptyState();
    const ws = this.workbook.getWorksheet(STATE_SHEET);
    if (!ws) return emptyState();
    const column: unknown[] = [];
    for (let r = 1; r <= ws.rowCount; r++) column.push(cellValue(cellAt(ws, r, 1)));
    const decoded = decodeState(column);
    if (!decoded.ok)
      console.warn(
        `selfeval preview: the ${STATE_SHEET} sheet could not be read (${decoded.error}); starting afresh.`
      );
    return decoded.state;
  }

  async writeState(state: WorkbookState): Promise<void> {
    const wb = this.wb();
    const ws =
      wb.getWorksheet(STATE_SHEET) ?? wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
    ws.state = "veryHidden";
    const rows = encodeState(state);
    const old = ws.rowCount;
    for (let r = 1; r <= Math.max(old, rows.length); r++) {
      cellAt(ws, r, 1).value = r <= rows.length ? rows[r - 1][0] : null;
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
   * recomputes what depends on it and tells the onCellsChanged listeners.
   */
  async editCell(sheet: string, address: string, input: string): Promise<void> {
    const ws = this.sheet(sheet);
    this.assertWritable([sheet]);
    let cell = cellAt(ws, address);
    if (cell.type === MERGE_TYPE) cell = cell.master;
    const value = parseCellInput(input);
    if (value === null && cell.type === NULL_TYPE) return;
    cell.value = value;
    if (typeof value === "number" && /%\s*$/.test(input) && !cell.style?.numFmt)
      cell.style = { ...cell.style, numFmt: "0%" };
    const { row, col } = parseA1(cell.address);
    this.recalc?.update([{ sheet, row, col }]);
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

  dispose(): void {
    this.recalc?.destroy();
    this.cellListeners.clear();
  }
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
    return new PreviewHost(wb, options);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new HostError("failed", e.reason_zh, e.reason_en);
    throw e;
  }
}
