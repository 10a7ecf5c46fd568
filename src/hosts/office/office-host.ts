import { RangePos, toA1 } from "../../engine/grid/a1";
import { CellValue, GridSnapshot } from "../../engine/grid/snapshot";
import { CellWrite, Highlight, WritePlan } from "../../engine/fill/plan-types";
import { decodeState, encodeState } from "../../engine/state/codec";
import {
  CellAnchor,
  CellBefore,
  emptyState,
  JournalEntry,
  STATE_SHEET,
  WorkbookState,
} from "../../engine/state/schema";
import { stateWithRules } from "../../engine/policy/ruleset";
import { journalEntryFor, planUndo, withEntry, withMarks } from "../../engine/journal";
import {
  HostError,
  InsertTemplateOptions,
  SheetSelection,
  stateUnreadableError,
  structureProtectedError,
  TemplateSheetLayout,
  UndoneEntry,
  uniqueSheetName,
  WorkbookHost,
} from "../host";
import { parseAreaList, parseSheetRange, rangeKey } from "./address";
import { Block, cellCount, groupIntoBlocks, mergeBlocks, rowBlocks } from "./blocks";
import {
  argbToHex,
  beforeOf,
  CellNow,
  CellReads,
  CellRef,
  cellKey,
  CommentIndex,
  NoteApi,
  plainFormula,
  plainNumberFormat,
  plainValue,
  queueRestore,
  queueTextWrite,
} from "./cell-io";
import { isPayloadTooLarge, officeErrorCode, toHostError } from "./errors";
import { explainWriteFailure, queueStructureCheck, WriteGuard } from "./protection";
import { withOwnProtection } from "../own-protection";
import { QueuedTemplate, queueTemplateSheet } from "./template";
import { anyAnchored, queueSheetIds, snapshotAgrees, SnapshotCache } from "./anchors";
import { anchorSettings, SheetAnchors, SheetIdentity, sheetsToDetect } from "../anchor-resolve";

/**
 * The WorkbookHost inside Excel, on Office.js. Every operation is one Excel.run whose reads are
 * queued for all sheets and cells before a single context.sync(); an operation on the whole
 * workbook takes at most three syncs (a workbook too large for one Excel request is read in more,
 * one per ~100k cells, so each request stays within Office's payload limits).
 *
 * Writes (a fill plan, an undo, clearing the marks) journal what every touched cell held into the
 * very hidden sheet "_selfeval" in the same batch as the write itself; with ExcelApi 1.20 the run
 * is one undo group, so Ctrl+Z in Excel takes back the cells and the journal together.
 */

export type Language = "zh" | "en";

export interface OfficeHostLimits {
  /** Cells per read block (values, formulas and number formats of a row block of a used range). */
  blockCells: number;
  /** Cells read per context.sync(); a bigger workbook is read in more syncs. */
  cellsPerSync: number;
  /** Range.getMergedAreasOrNullObject fails beyond this many areas. */
  mergeAreaLimit: number;
  /** Smallest block tried when Excel still reports a response too large. */
  minBlockCells: number;
}

export const DEFAULT_LIMITS: OfficeHostLimits = {
  blockCells: 25_000,
  cellsPerSync: 100_000,
  mergeAreaLimit: 512,
  minBlockCells: 500,
};

export interface OfficeHostOptions {
  language: Language;
  /** The Excel namespace (injected by tests); the global one by default. */
  excel?: typeof Excel;
  /** The Office namespace, for requirement-set checks; the global one by default. */
  office?: typeof Office;
  limits?: Partial<OfficeHostLimits>;
}

export interface OperationStats {
  operation: string;
  syncs: number;
}

/** Operations that write (a refusal is explained, see explainWriteFailure). */
const WRITE_OPERATIONS = new Set([
  "applyPlan",
  "undoLast",
  "clearHighlights",
  "writeState",
  "insertTemplateSheet",
]);

/** Rows and columns kept around the values-only used range when formatting stretches far beyond it. */
const ROW_MARGIN = 64;
const COL_MARGIN = 8;

interface Touched extends CellRef {
  write?: CellWrite;
  highlight?: Highlight;
}

/** Reads the state sheet: one sync when the sheet is known to exist, two when it must be looked for. */
class StateLoader {
  private probe: Excel.Worksheet | null = null;
  private used: Excel.Range | null = null;
  exists = false;

  constructor(
    private readonly ctx: Excel.RequestContext,
    known: boolean
  ) {
    if (known) {
      this.exists = true;
      this.queueRead(ctx.workbook.worksheets.getItem(STATE_SHEET));
    } else {
      this.probe = ctx.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
      this.probe.load("name");
    }
  }

  private queueRead(ws: Excel.Worksheet): void {
    this.used = ws.getRange("A:A").getUsedRangeOrNullObject(true);
    this.used.load("values,address");
  }

  /** After the first sync: queues the read of column A if the sheet had to be looked for. */
  needsAnotherSync(): boolean {
    if (!this.probe) return false;
    const probe = this.probe;
    this.probe = null;
    if (probe.isNullObject) return false;
    this.exists = true;
    this.queueRead(probe);
    return true;
  }

  result(): { state: WorkbookState; error: string | null } {
    if (!this.exists || !this.used || this.used.isNullObject)
      return { state: emptyState(), error: null };
    const top = parseSheetRange(this.used.address).range.top;
    const column: unknown[] = new Array(top).fill(null);
    for (const row of this.used.values) column.push(row[0]);
    const decoded = decodeState(column);
    return { state: decoded.state, error: decoded.ok ? null : decoded.error };
  }
}

function newId(): string {
  const rnd = Math.random().toString(36).slice(2, 8);
  return `${Date.now().toString(36)}-${rnd}`;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** Whether a sheet of this visibility is in a read: visible ones, and hidden ones when asked. */
function taken(visibility: string, selection: SheetSelection): boolean {
  return visibility === "Visible" || (!!selection.includeHidden && visibility === "Hidden");
}

export class OfficeHost implements WorkbookHost {
  readonly kind = "office" as const;
  private readonly language: Language;
  private readonly excelNs: typeof Excel | undefined;
  private readonly officeNs: typeof Office | undefined;
  private readonly limits: OfficeHostLimits;
  private readonly supported = new Map<string, boolean>();
  /** Whether "_selfeval" exists, as last seen; undefined until something looked. */
  private stateSheetExists: boolean | undefined;
  private syncs = 0;
  /** Sync counts of the operations so far, newest last (the pane may show them in a debug view). */
  readonly stats: OperationStats[] = [];
  /** Why the stored state could not be read the last time (it was then treated as empty). */
  lastStateError: string | null = null;
  /** Hidden sheets (hidden by a person; never very hidden ones) the last whole-workbook read left out. */
  hiddenSheetsSkipped = 0;
  /** Hidden sheets the reads so far took in: a plan may write into these, not into other hidden ones. */
  private readonly hiddenRead = new Set<string>();
  /** The last read's snapshots: a fill right after it anchors its cells without another read. */
  private readonly lastRead = new SnapshotCache();

  constructor(options: OfficeHostOptions) {
    this.language = options.language;
    this.excelNs = options.excel ?? (typeof Excel !== "undefined" ? Excel : undefined);
    this.officeNs = options.office ?? (typeof Office !== "undefined" ? Office : undefined);
    this.limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  }

  /** ExcelApi requirement set check, cached. */
  supports(version: string): boolean {
    let ok = this.supported.get(version);
    if (ok === undefined) {
      try {
        ok = !!this.officeNs?.context?.requirements?.isSetSupported("ExcelApi", version);
      } catch {
        ok = false;
      }
      this.supported.set(version, ok);
    }
    return ok;
  }

  /** Any requirement set (ExcelApi by supports(), ExcelApiOnline …), cached. */
  private requirement = (set: string, version: string): boolean => {
    if (set === "ExcelApi") return this.supports(version);
    const key = `${set} ${version}`;
    let ok = this.supported.get(key);
    if (ok === undefined) {
      try {
        ok = !!this.officeNs?.context?.requirements?.isSetSupported(set, version);
      } catch {
        ok = false;
      }
      this.supported.set(key, ok);
    }
    return ok;
  };

  /** Notes (ExcelApi 1.18), else threaded comments (1.10), else no annotation at all. */
  noteApi(): NoteApi {
    if (this.supports("1.18")) return "notes";
    if (this.supports("1.10")) return "comments";
    return "none";
  }

  get lastStats(): OperationStats | null {
    return this.stats[this.stats.length - 1] ?? null;
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  private excel(): typeof Excel {
    if (!this.excelNs || typeof this.excelNs.run !== "function") {
      throw new HostError(
        "noWorkbook",
        "未连接到 Excel 工作簿。",
        "Not connected to an Excel workbook."
      );
    }
    return this.excelNs;
  }

  /**
   * One public operation: counts its syncs and turns every failure into a HostError (a refused
   * write is explained: a read-only workbook says so).
   */
  private async op<T>(name: string, body: () => Promise<T>): Promise<T> {
    // An operation inside another (undo reading the sheets it re-detects) counts toward both.
    const outer = this.syncs;
    this.syncs = 0;
    try {
      return await body();
    } catch (e) {
      throw WRITE_OPERATIONS.has(name)
        ? await explainWriteFailure(this.excel(), e, this.requirement)
        : toHostError(e);
    } finally {
      this.stats.push({ operation: name, syncs: this.syncs });
      if (this.stats.length > 100) this.stats.shift();
      this.syncs += outer;
    }
  }

  private async run<T>(
    write: boolean,
    batch: (context: Excel.RequestContext) => Promise<T>
  ): Promise<T> {
    const excel = this.excel();
    const fn = (context: Excel.RequestContext) => {
      // Count the round trips of this operation.
      const send = context.sync.bind(context);
      context.sync = <V>(passThroughValue?: V): Promise<V> => {
        this.syncs++;
        return send(passThroughValue) as Promise<V>;
      };
      return batch(context);
    };
    if (!write) return excel.run(fn);
    const options: Excel.RunOptions = {};
    // One click = one undo step in Excel (ExcelApi 1.20).
    if (this.supports("1.20")) options.mergeUndoGroup = true;
    // Wait for the person to leave cell edit mode instead of failing (ExcelApi 1.11).
    if (this.supports("1.11")) options.delayForCellEdit = true;
    return Object.keys(options).length > 0 ? excel.run(options, fn) : excel.run(fn);
  }

  /**
   * Runs an operation that reads the state sheet directly when it is believed to exist; if it
   * was removed meanwhile (ItemNotFound), the belief is dropped and the operation runs once more.
   */
  private async withStateRetry<T>(body: () => Promise<T>): Promise<T> {
    const assumed = this.stateSheetExists === true;
    try {
      return await body();
    } catch (e) {
      if (assumed && officeErrorCode(e) === "ItemNotFound") {
        this.stateSheetExists = undefined;
        return body();
      }
      throw e;
    }
  }

  private loadState(context: Excel.RequestContext): StateLoader {
    return new StateLoader(context, this.stateSheetExists === true);
  }

  private stateOf(loader: StateLoader): WorkbookState {
    this.stateSheetExists = loader.exists;
    const { state, error } = loader.result();
    this.lastStateError = error;
    return state;
  }

  /** Queues the state into column A of "_selfeval", creating the sheet (very hidden) if needed. */
  private queueStateWrite(
    context: Excel.RequestContext,
    state: WorkbookState,
    exists: boolean
  ): void {
    const sheets = context.workbook.worksheets;
    let ws: Excel.Worksheet;
    if (exists) {
      ws = sheets.getItem(STATE_SHEET);
    } else {
      ws = sheets.add(STATE_SHEET);
      ws.visibility = "VeryHidden";
    }
    const rows = encodeState(state);
    ws.getRange("A:A").clear("Contents");
    const target = ws.getRangeByIndexes(0, 0, rows.length, 1);
    // Text format first: the JSON chunks must stay text (a chunk may look like a number or start with "=").
    target.numberFormat = rows.map(() => ["@"]);
    target.values = rows;
  }

  private worksheetCache(context: Excel.RequestContext): (sheet: string) => Excel.Worksheet {
    const cache = new Map<string, Excel.Worksheet>();
    return (sheet) => {
      let ws = cache.get(sheet);
      if (!ws) {
        ws = context.workbook.worksheets.getItem(sheet);
        cache.set(sheet, ws);
      }
      return ws;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Sheets

  async sheetNames(selection: SheetSelection = {}): Promise<string[]> {
    return this.op("sheetNames", () =>
      this.run(false, async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name,items/visibility");
        await context.sync();
        this.stateSheetExists = sheets.items.some((w) => w.name === STATE_SHEET);
        return sheets.items
          .filter((w) => w.name !== STATE_SHEET && taken(w.visibility, selection))
          .map((w) => w.name);
      })
    );
  }

  async activeSheetName(): Promise<string> {
    return this.op("activeSheetName", () =>
      this.run(false, async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet();
        ws.load("name");
        const probing = this.stateSheetExists === undefined;
        const probe = probing
          ? context.workbook.worksheets.getItemOrNullObject(STATE_SHEET)
          : undefined;
        probe?.load("name");
        await context.sync();
        if (probing) this.stateSheetExists = !(probe as Excel.Worksheet).isNullObject;
        return ws.name;
      })
    );
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    return this.op("selectCell", () =>
      this.run(false, async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await context.sync();
      })
    );
  }

  /**
   * Snapshots in at most three syncs: (1) the sheet list, when no names are given; (2) each
   * sheet's used range (with formatting, and values only: trailing formatted-but-empty rows and
   * columns far beyond the data are cut off); (3) every row block's values, formulas and number
   * formats plus the merged areas of smaller pieces, all queued before one sync. Blocks beyond
   * `cellsPerSync` cells go in further syncs; a response Excel still finds too large is retried in
   * halves.
   */
  async readSheets(
    names?: string[],
    onProgress?: (sheet: string, done: number, total: number) => void,
    selection: SheetSelection = {}
  ): Promise<GridSnapshot[]> {
    const snapshots = await this.op("readSheets", () =>
      this.run(false, async (context) => {
        const sheets = context.workbook.worksheets;
        let targets: string[];
        // Named sheets: whether "_selfeval" exists is learnt on the way, at no extra sync.
        const probing = names !== undefined && this.stateSheetExists === undefined;
        const probe = probing ? sheets.getItemOrNullObject(STATE_SHEET) : undefined;
        probe?.load("name");
        let named: Excel.Worksheet[] = [];
        if (names === undefined) {
          // The whole workbook is its visible sheets (as sheetNames lists them), and the sheets a
          // person hid when the selection includes them: hidden sheets are otherwise neither
          // validated nor written; hiddenSheetsSkipped says how many were left out. Very hidden
          // sheets ("_selfeval", an add-in's data) are never a person's tables and never counted.
          sheets.load("items/name,items/visibility");
          await context.sync();
          const all = sheets.items.map((w) => w.name);
          this.stateSheetExists = all.includes(STATE_SHEET);
          const mine = sheets.items.filter((w) => w.name !== STATE_SHEET);
          const hidden = mine.filter((w) => w.visibility === "Hidden").map((w) => w.name);
          this.hiddenRead.clear();
          if (selection.includeHidden) for (const n of hidden) this.hiddenRead.add(n);
          this.hiddenSheetsSkipped = selection.includeHidden ? 0 : hidden.length;
          targets = mine.filter((w) => taken(w.visibility, selection)).map((w) => w.name);
        } else {
          targets = unique(names).filter((n) => n !== STATE_SHEET);
          // A hidden sheet read by name was asked for: a plan may then write into it.
          named = targets.map((n) => {
            const ws = sheets.getItem(n);
            ws.load("name,visibility");
            return ws;
          });
        }
        if (targets.length === 0) {
          if (probing) {
            await context.sync();
            this.stateSheetExists = !(probe as Excel.Worksheet).isNullObject;
          }
          return [];
        }

        // (2) used ranges
        const probes = targets.map((name) => {
          const ws = sheets.getItem(name);
          const full = ws.getUsedRangeOrNullObject(false);
          full.load("address");
          const vals = ws.getUsedRangeOrNullObject(true);
          vals.load("address");
          ws.load("id"); // stays when the sheet is renamed: ignores and the journal are anchored to it
          return { name, ws, full, vals };
        });
        await context.sync();
        if (probing) this.stateSheetExists = !(probe as Excel.Worksheet).isNullObject;
        for (const ws of named) if (ws.visibility === "Hidden") this.hiddenRead.add(ws.name);

        interface SheetRead {
          name: string;
          ws: Excel.Worksheet;
          rect: RangePos | null;
          values: CellValue[][];
          formulas: (string | null)[][];
          formats: (string | null)[][];
          hasFormula: boolean;
          hasFormat: boolean;
          merges: Map<string, RangePos>;
          pending: number;
        }
        const reads: SheetRead[] = probes.map((p) => {
          let rect: RangePos | null = null;
          if (!p.vals.isNullObject) {
            const vals = parseSheetRange(p.vals.address).range;
            const full = p.full.isNullObject ? vals : parseSheetRange(p.full.address).range;
            rect = {
              top: Math.min(full.top, vals.top),
              left: Math.min(full.left, vals.left),
              bottom: Math.max(vals.bottom, Math.min(full.bottom, vals.bottom + ROW_MARGIN)),
              right: Math.max(vals.right, Math.min(full.right, vals.right + COL_MARGIN)),
            };
          }
          return {
            name: p.name,
            ws: p.ws,
            rect,
            values: [],
            formulas: [],
            formats: [],
            hasFormula: false,
            hasFormat: false,
            merges: new Map(),
            pending: 0,
          };
        });

        // (3) row blocks, packed into syncs of at most cellsPerSync cells
        interface Work {
          sheet: SheetRead;
          rect: RangePos;
        }
        const queue: Work[] = [];
        for (const s of reads) {
          if (!s.rect) continue;
          for (const b of rowBlocks(s.rect, this.limits.blockCells)) {
            queue.push({ sheet: s, rect: b });
            s.pending++;
          }
        }

        let done = 0;
        const reported = new Set<SheetRead>();
        const report = () => {
          for (const s of reads) {
            if (s.pending > 0) break; // in workbook order
            if (reported.has(s)) continue;
            reported.add(s);
            done++;
            onProgress?.(s.name, done, reads.length);
          }
        };

        // Range.getMergedAreasOrNullObject is ExcelApi 1.13; older hosts read without merges.
        const withMerges = this.supports("1.13");
        let budget = this.limits.cellsPerSync;
        while (queue.length > 0) {
          const batch: Work[] = [];
          let cells = 0;
          while (
            queue.length > 0 &&
            (batch.length === 0 || cells + cellCount(queue[0].rect) <= budget)
          ) {
            const w = queue.shift() as Work;
            batch.push(w);
            cells += cellCount(w.rect);
          }
          const loads = batch.map((w) => {
            const r = w.rect;
            const range = w.sheet.ws.getRangeByIndexes(
              r.top,
              r.left,
              r.bottom - r.top + 1,
              r.right - r.left + 1
            );
            range.load("values,formulas,numberFormat");
            const merges = (withMerges ? mergeBlocks(r, this.limits.mergeAreaLimit) : []).map(
              (p) => {
                const areas = w.sheet.ws
                  .getRangeByIndexes(p.top, p.left, p.bottom - p.top + 1, p.right - p.left + 1)
                  .getMergedAreasOrNullObject();
                areas.load("address");
                return areas;
              }
            );
            return { w, range, merges };
          });
          try {
            // A sync per batch is the point here: each batch is one request within Office's payload limits.
            // eslint-disable-next-line office-addins/no-context-sync-in-loop
            await context.sync();
          } catch (e) {
            if (!isPayloadTooLarge(e)) throw e;
            // Too much for one response: retry this batch in smaller pieces.
            if (batch.length > 1) {
              budget = Math.max(1, Math.floor(cells / 2));
              queue.unshift(...batch);
              continue;
            }
            const r = batch[0].rect;
            const rows = r.bottom - r.top + 1;
            if (rows < 2 || cellCount(r) <= this.limits.minBlockCells) throw e;
            const mid = r.top + Math.floor(rows / 2) - 1;
            const sheet = batch[0].sheet;
            sheet.pending++;
            queue.unshift(
              { sheet, rect: { ...r, bottom: mid } },
              { sheet, rect: { ...r, top: mid + 1 } }
            );
            budget = Math.max(1, Math.floor(cellCount(r) / 2));
            continue;
          }
          for (const { w, range, merges } of loads) {
            const s = w.sheet;
            const rect = s.rect as RangePos;
            const values = range.values;
            const formulas = range.formulas;
            const formats = range.numberFormat;
            for (let i = 0; i < values.length; i++) {
              const at = w.rect.top + i - rect.top;
              const vRow: CellValue[] = [];
              const fRow: (string | null)[] = [];
              const nRow: (string | null)[] = [];
              for (let j = 0; j < values[i].length; j++) {
                vRow.push(plainValue(values[i][j]));
                const f = plainFormula(formulas[i]?.[j]);
                if (f) s.hasFormula = true;
                fRow.push(f);
                const n = plainNumberFormat(formats[i]?.[j]);
                if (n) s.hasFormat = true;
                nRow.push(n);
              }
              s.values[at] = vRow;
              s.formulas[at] = fRow;
              s.formats[at] = nRow;
            }
            for (const areas of merges) {
              if (areas.isNullObject) continue;
              for (const m of parseAreaList(areas.address)) s.merges.set(rangeKey(m), m);
            }
            s.pending--;
          }
          report();
        }
        report();

        return reads.map((s): GridSnapshot => {
          if (!s.rect)
            return {
              sheetName: s.name,
              sheetId: s.ws.id,
              origin: { row: 0, col: 0 },
              values: [],
              merges: [],
            };
          const snap: GridSnapshot = {
            sheetName: s.name,
            sheetId: s.ws.id,
            origin: { row: s.rect.top, col: s.rect.left },
            values: s.values,
            merges: [...s.merges.values()].sort((a, b) => a.top - b.top || a.left - b.left),
          };
          if (s.hasFormula) snap.formulas = s.formulas;
          if (s.hasFormat) snap.numberFormats = s.formats;
          return snap;
        });
      })
    );
    this.lastRead.remember(snapshots);
    return snapshots;
  }

  // ---------------------------------------------------------------------------------------------
  // State

  async readState(): Promise<WorkbookState> {
    return this.op("readState", () =>
      this.withStateRetry(() =>
        this.run(false, async (context) => {
          const loader = this.loadState(context);
          await context.sync();
          if (loader.needsAnotherSync()) await context.sync();
          return this.stateOf(loader);
        })
      )
    );
  }

  async writeState(state: WorkbookState, options: { reset?: boolean } = {}): Promise<void> {
    // A stored state that could not be decoded (as last read) is never overwritten unless reset.
    if (!options.reset && this.lastStateError !== null)
      throw stateUnreadableError(this.lastStateError);
    return this.op("writeState", () =>
      this.run(true, async (context) => {
        let exists = this.stateSheetExists;
        if (exists !== true) {
          const probe = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
          probe.load("name");
          const structureLocked = queueStructureCheck(context, this.requirement);
          await context.sync();
          exists = !probe.isNullObject;
          // The first 忽略 adds "_selfeval": not possible in a workbook whose structure is protected.
          if (!exists && structureLocked()) throw structureProtectedError("state");
        }
        this.queueStateWrite(context, state, exists);
        await context.sync();
        this.stateSheetExists = true;
        this.lastStateError = null;
      })
    );
  }

  async stateProblem(): Promise<string | null> {
    await this.readState();
    return this.lastStateError;
  }

  /** The state read, or the error of one that cannot be decoded (then nothing writes over it). */
  private writableStateOf(loader: StateLoader): WorkbookState {
    const state = this.stateOf(loader);
    if (this.lastStateError !== null) throw stateUnreadableError(this.lastStateError);
    return state;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing a plan

  /**
   * Sync 1: protection of every touched sheet, the before-state of every touched cell (blocks of
   * values/formulas/number formats, fills, notes, merged areas) and the state sheet. A protected
   * sheet stops here, nothing written. Sync 2 only when needed (the state sheet had to be looked
   * for, or comment locations in the comments fallback). Last sync: the plan (formulas per
   * contiguous block, number formats, values, fills, notes) and the updated state, one batch.
   * Each journalled cell is anchored (table, field, worksheet id) from the tables of the last
   * read's snapshot of its sheet (the pane reads right before it writes); a sheet not read since
   * the last write is read first (readSheets: 2 syncs more), and one whose touched cells no longer
   * show what the read saw is journalled by address only.
   */
  async applyPlan(plan: WritePlan, action: JournalEntry["action"]): Promise<JournalEntry> {
    const entry: JournalEntry = { id: newId(), at: new Date().toISOString(), action, cells: [] };
    if (plan.writes.length === 0 && plan.highlights.length === 0) return entry;
    const noteApi = this.noteApi();
    // The tables of the touched sheets, to anchor the journal: the pane's read just before, else read now.
    const touchedSheets = unique([...plan.writes, ...plan.highlights].map((c) => c.sheet));
    const missing = touchedSheets.filter((s) => !this.lastRead.get(s));
    const snapshots = new Map(touchedSheets.map((s) => [s, this.lastRead.get(s)]));
    if (missing.length > 0)
      for (const snap of await this.readForAnchors(missing)) snapshots.set(snap.sheetName, snap);
    this.lastRead.clear();
    return this.op("applyPlan", () =>
      this.withStateRetry(() =>
        this.run(true, async (context) => {
          const touched = new Map<string, Touched>();
          const touch = (sheet: string, row: number, col: number): Touched => {
            const key = cellKey(sheet, row, col);
            let t = touched.get(key);
            if (!t) {
              t = { sheet, row, col };
              touched.set(key, t);
            }
            return t;
          };
          for (const w of plan.writes) {
            const t = touch(w.sheet, w.row, w.col);
            t.write ??= w;
          }
          for (const h of plan.highlights) {
            const t = touch(h.sheet, h.row, h.col);
            t.highlight ??= h;
          }
          const cells = [...touched.values()];
          const sheetNames = unique(cells.map((c) => c.sheet));

          // (1)
          const loader = this.loadState(context);
          const wsOf = this.worksheetCache(context);
          const guard = new WriteGuard(context, wsOf, sheetNames, "fill", this.requirement);
          const sheetIds = queueSheetIds(wsOf, sheetNames);
          const reads = new CellReads(
            wsOf,
            cells,
            noteApi,
            this.supports("1.13"),
            this.limits.mergeAreaLimit
          );
          const comments = noteApi === "comments" ? new CommentIndex(context) : null;
          await context.sync();

          // (2) only when needed
          const more = loader.needsAnotherSync();
          const locate = comments ? comments.queueLocations() : false;
          if (more || locate) await context.sync();
          const state = this.writableStateOf(loader);
          // Protected sheets other than our templates, hidden sheets not checked, a protected
          // structure when "_selfeval" must be added: refused here, nothing written.
          guard.check(state, loader.exists, this.hiddenRead);
          const now = reads.read(comments?.byCell());

          // What actually changes.
          const lang = this.language;
          const effective: {
            t: Touched;
            now: CellNow;
            write?: CellWrite;
            highlight?: Highlight;
          }[] = [];
          for (const t of cells) {
            const n = now.get(cellKey(t.sheet, t.row, t.col));
            if (!n || n.merge === "inside") continue; // never write into the hidden part of a merged area
            let highlight = t.highlight;
            if (highlight) {
              const text = lang === "en" ? highlight.note_en : highlight.note_zh;
              const sameFill = n.fill === argbToHex(highlight.fillArgb);
              const hasNote = noteApi === "none" || (n.note ?? "").includes(text);
              if (sameFill && hasNote) highlight = undefined; // already marked: nothing to do
            }
            if (!t.write && !highlight) continue;
            effective.push({ t, now: n, write: t.write, highlight });
          }
          if (effective.length === 0) return entry;

          // Anchors from each sheet's tables, where its snapshot still shows what the cells hold.
          const anchors = new SheetAnchors(anchorSettings(state), sheetIds());
          for (const sheet of sheetNames) {
            const snap = snapshots.get(sheet);
            const mine = effective.filter((e) => e.t.sheet === sheet);
            if (
              snap &&
              snapshotAgrees(
                snap,
                mine.map((e) => ({ ...e.t, now: e.now }))
              )
            )
              anchors.detect(snap);
          }

          // The engine's journal: what each cell held and what the plan leaves there.
          entry.cells = journalEntryFor(
            {
              writes: effective.flatMap((e) => (e.write ? [e.write] : [])),
              highlights: effective.flatMap((e) => (e.highlight ? [e.highlight] : [])),
            },
            effective.map((e) => beforeOf(e.t, e.now)),
            action,
            { id: entry.id, at: entry.at, anchorOf: anchors.anchorOf }
          ).cells;

          // Our protected templates: unprotected first in the batch, protected again after the cells.
          guard.queueUnprotect();
          const reprotected = guard.reprotected;
          if (reprotected.length > 0) entry.reprotected = reprotected;

          // Writes, sheet by sheet, in contiguous blocks.
          const isolate = (c: { row: number; col: number; payload: { sheet: string } }) =>
            now.get(cellKey(c.payload.sheet, c.row, c.col))?.merge === "topLeft";
          for (const sheet of sheetNames) {
            const ws = wsOf(sheet);
            const mine = effective.filter((e) => e.t.sheet === sheet);
            const blockRange = (b: Block<unknown>) =>
              ws.getRangeByIndexes(b.top, b.left, b.bottom - b.top + 1, b.right - b.left + 1);

            const fmtCells = mine
              .filter((e) => e.write?.numberFormat !== undefined)
              .map((e) => ({
                row: e.t.row,
                col: e.t.col,
                payload: { sheet, v: e.write?.numberFormat as string },
              }));
            for (const b of groupIntoBlocks(fmtCells, undefined, isolate))
              blockRange(b).numberFormat = b.payloads.map((r) => r.map((p) => p.v));

            const fCells = mine
              .filter((e) => e.write?.formula !== undefined)
              .map((e) => ({
                row: e.t.row,
                col: e.t.col,
                payload: { sheet, v: e.write?.formula as string },
              }));
            for (const b of groupIntoBlocks(fCells, undefined, isolate))
              blockRange(b).formulas = b.payloads.map((r) => r.map((p) => p.v));

            const vCells = mine
              .filter((e) => e.write?.formula === undefined && typeof e.write?.value === "number")
              .map((e) => ({
                row: e.t.row,
                col: e.t.col,
                payload: { sheet, v: e.write?.value as number },
              }));
            for (const b of groupIntoBlocks(vCells, undefined, isolate))
              blockRange(b).values = b.payloads.map((r) => r.map((p) => p.v));

            for (const e of mine) {
              const w = e.write;
              if (w && w.formula === undefined && typeof w.value === "string") {
                queueTextWrite(
                  ws.getRange(toA1(e.t.row, e.t.col)),
                  w.value,
                  w.numberFormat ?? e.now.numberFormat
                );
              }
            }

            const hCells = mine
              .filter((e) => e.highlight)
              .map((e) => ({
                row: e.t.row,
                col: e.t.col,
                payload: { sheet, v: argbToHex((e.highlight as Highlight).fillArgb) },
              }));
            for (const b of groupIntoBlocks(hCells, (p) => p.v, isolate))
              blockRange(b).format.fill.color = b.payloads[0][0].v;

            if (noteApi !== "none") {
              for (const e of mine) {
                if (!e.highlight) continue;
                const text = lang === "en" ? e.highlight.note_en : e.highlight.note_zh;
                const old = e.now.note;
                if (old !== null && old.includes(text)) continue;
                if (old !== null && e.now.noteObject) {
                  e.now.noteObject.content = old ? `${old}\n\n${text}` : text;
                } else if (noteApi === "notes") {
                  context.workbook.notes.add(ws.getRange(toA1(e.t.row, e.t.col)), text);
                } else {
                  context.workbook.comments.add(ws.getRange(toA1(e.t.row, e.t.col)), text);
                }
              }
            }
          }

          // The journal and the marks, in the same batch.
          guard.queueReprotect();
          const next = withMarks(withEntry(state, entry), entry);
          this.queueStateWrite(context, next, loader.exists);
          await guard.sync();
          this.stateSheetExists = true;
          return entry;
        })
      )
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Undo and clearing marks

  /**
   * Sync 1: the state (and the comment list in the comments fallback) and the sheets' names and
   * ids. An entry with anchored cells then reads the sheets they are on now (readSheets: 2 syncs)
   * and finds each cell again by its anchor (rows inserted or deleted, the sheet renamed). Sync 2:
   * what the entry's cells hold now, and protection. Sync 3: the cells put back (only what differs)
   * and the journal popped, one batch. A "highlight" or "clearHighlights" entry puts back fills
   * and notes only, so text typed into a marked cell since is kept.
   */
  async undoLast(): Promise<UndoneEntry | null> {
    const noteApi = this.noteApi();
    this.lastRead.clear();
    return this.op("undoLast", () =>
      this.withStateRetry(() =>
        this.run(true, async (context) => {
          const { state, sheetSet, sheets, comments } = await this.loadStateAndSheets(
            context,
            noteApi
          );
          const entry = state.journal[state.journal.length - 1];
          if (!entry) return null;
          // Where each journalled cell is now (anchors re-resolved; older entries where they were).
          const { locate } = await this.anchorsFor(state, entry.cells, sheets);
          const cells = entry.cells
            .map((c) => locate(c))
            .filter(
              (at): at is { sheet: string; address: string } => !!at && sheetSet.has(at.sheet)
            );
          const highlightOnly = entry.action === "highlight" || entry.action === "clearHighlights";

          const wsOf = this.worksheetCache(context);
          const refs = cells.map((c) => this.refOf(c));
          const sheetNames = unique(refs.map((r) => r.sheet));
          const guard = new WriteGuard(context, wsOf, sheetNames, "undo", this.requirement);
          const reads = new CellReads(wsOf, refs, noteApi, false);
          comments?.queueLocations();
          if (refs.length > 0 || comments) await context.sync();
          guard.check(state, true, null);
          const now = reads.read(comments?.byCell());

          // The engine's undo: a cell is put back only while it holds what the action wrote.
          const nowOf = (sheet: string, address: string) => {
            if (!sheetSet.has(sheet)) return undefined;
            const r = this.refOf({ sheet, address });
            return now.get(cellKey(sheet, r.row, r.col));
          };
          const u = planUndo(state, nowOf, locate);
          guard.queueUnprotect();
          for (const c of u.restore) {
            const n = nowOf(c.sheet, c.address);
            if (!n) continue;
            queueRestore(
              context,
              wsOf(c.sheet),
              c,
              n,
              { content: !highlightOnly, fill: true, note: true },
              noteApi
            );
          }
          guard.queueReprotect();
          this.queueStateWrite(context, u.state, true);
          await guard.sync();
          return { ...entry, conflicts: u.conflicts };
        })
      )
    );
  }

  /** Puts back the fill and note every mark remembers, empties the marks, journals it (undoable). */
  async clearHighlights(): Promise<number> {
    const noteApi = this.noteApi();
    this.lastRead.clear();
    return this.op("clearHighlights", () =>
      this.withStateRetry(() =>
        this.run(true, async (context) => {
          const { state, sheetSet, sheets, comments } = await this.loadStateAndSheets(
            context,
            noteApi
          );
          if (state.marks.length === 0) return 0;
          // Each mark where its cell is now; one whose cell is gone (sheet or row) is dropped.
          const { locate } = await this.anchorsFor(state, state.marks, sheets);
          const marks = state.marks.flatMap((m) => {
            const at = locate(m);
            return at && sheetSet.has(at.sheet)
              ? [{ ...m, sheet: at.sheet, address: at.address }]
              : [];
          });

          const wsOf = this.worksheetCache(context);
          const refs = marks.map((m) => this.refOf(m));
          const guard = new WriteGuard(
            context,
            wsOf,
            unique(refs.map((r) => r.sheet)),
            "clear",
            this.requirement
          );
          const reads = new CellReads(wsOf, refs, noteApi, false);
          comments?.queueLocations();
          await context.sync();
          guard.check(state, true, null);
          const now = reads.read(comments?.byCell());

          const entry: JournalEntry = {
            id: newId(),
            at: new Date().toISOString(),
            action: "clearHighlights",
            cells: [],
          };
          guard.queueUnprotect();
          const reprotected = guard.reprotected;
          if (reprotected.length > 0) entry.reprotected = reprotected;
          let restored = 0;
          for (let i = 0; i < marks.length; i++) {
            const m = marks[i];
            const n = now.get(cellKey(refs[i].sheet, refs[i].row, refs[i].col));
            if (!n) continue;
            entry.cells.push({
              ...beforeOf(refs[i], n),
              after: { fill: m.fill, note: m.note },
              ...(m.anchor ? { anchor: m.anchor } : {}),
            });
            const target: CellBefore = { ...beforeOf(refs[i], n), fill: m.fill, note: m.note };
            queueRestore(
              context,
              wsOf(m.sheet),
              target,
              n,
              { content: false, fill: true, note: true },
              noteApi
            );
            restored++;
          }
          // Marks on sheets that are gone are dropped; only cells put back are journalled.
          const journal = entry.cells.length > 0 ? [...state.journal, entry] : state.journal;
          const next: WorkbookState = { ...state, journal, marks: [] };
          guard.queueReprotect();
          this.queueStateWrite(context, next, true);
          await guard.sync();
          return restored;
        })
      )
    );
  }

  private refOf(c: { sheet: string; address: string }): CellRef {
    const r = parseSheetRange(c.address).range;
    return { sheet: c.sheet, row: r.top, col: r.left };
  }

  /** Sync 1 (and 2 when the state sheet had to be looked for) of undo and clear. */
  private async loadStateAndSheets(
    context: Excel.RequestContext,
    noteApi: NoteApi
  ): Promise<{
    state: WorkbookState;
    sheetSet: Set<string>;
    sheets: SheetIdentity[];
    comments: CommentIndex | null;
  }> {
    const loader = this.loadState(context);
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    const comments = noteApi === "comments" ? new CommentIndex(context) : null;
    await context.sync();
    if (loader.needsAnotherSync()) await context.sync();
    const state = this.writableStateOf(loader);
    return {
      state,
      sheetSet: new Set(sheets.items.map((w) => w.name)),
      sheets: sheets.items.map((w) => ({ name: w.name, id: w.id })),
      comments,
    };
  }

  /**
   * The detections an undo or 清除标记 resolves anchors in: the sheets the anchored cells are on now
   * (found by id), read afresh (readSheets, its own two syncs). Nothing is read for older entries.
   */
  /** Reads sheets only to anchor cells: unlike a person's read, it makes no hidden sheet writable. */
  private async readForAnchors(names: string[]): Promise<GridSnapshot[]> {
    const hiddenAllowed = [...this.hiddenRead];
    try {
      return await this.readSheets(names);
    } finally {
      this.hiddenRead.clear();
      for (const n of hiddenAllowed) this.hiddenRead.add(n);
    }
  }

  private async anchorsFor(
    state: WorkbookState,
    cells: readonly { sheet: string; anchor?: CellAnchor }[],
    sheets: readonly SheetIdentity[]
  ): Promise<SheetAnchors> {
    const anchors = new SheetAnchors(anchorSettings(state), sheets);
    if (!anyAnchored(cells)) return anchors;
    const present = new Set(sheets.map((s) => s.name));
    const wanted = sheetsToDetect(cells, anchors).filter(
      (n) => present.has(n) && n !== STATE_SHEET
    );
    if (wanted.length > 0)
      for (const snap of await this.readForAnchors(wanted)) anchors.detect(snap);
    // The sheets are about to change: this read is not one a later fill may anchor from.
    this.lastRead.clear();
    return anchors;
  }

  // ---------------------------------------------------------------------------------------------
  // Inserting a standard blank table

  /** What the last insertTemplateSheet queued (merges, validations, whether print set-up was possible). */
  lastTemplate: QueuedTemplate | null = null;

  /**
   * One Excel.run. Sync 1: the sheet names (for a free name) and, when a rule set is to be
   * embedded, the state sheet; sync 2 only when the state sheet had to be looked for first. Last
   * sync: the new sheet with everything on it (see queueTemplateSheet: data validations need
   * ExcelApi 1.8 and are left out before it, print set-up needs 1.9), the state with the rule set
   * when the workbook had none, and the new sheet activated — one batch.
   */
  async insertTemplateSheet(
    layout: TemplateSheetLayout,
    options: InsertTemplateOptions = {}
  ): Promise<string> {
    return this.op("insertTemplateSheet", () =>
      this.withStateRetry(() =>
        this.run(true, async (context) => {
          const sheets = context.workbook.worksheets;
          sheets.load("items/name");
          // The state records a protected template as ours (own-protection.ts), so it is read
          // whenever the sheet is protected, not only to embed a rule set.
          const loader = options.rules || layout.protect ? this.loadState(context) : null;
          const structureLocked = queueStructureCheck(context, this.requirement);
          await context.sync();
          if (structureLocked()) throw structureProtectedError("insert");
          if (loader?.needsAnotherSync()) await context.sync();
          const names = sheets.items.map((w) => w.name);
          if (!loader) this.stateSheetExists = names.includes(STATE_SHEET);

          const name = uniqueSheetName(options.name ?? layout.name, names);
          const ws = sheets.add(name);
          this.lastTemplate = queueTemplateSheet(ws, layout, {
            validations: this.supports("1.8"),
            pageLayout: this.supports("1.9"),
          });
          let wroteState = false;
          if (loader) {
            const state = this.stateOf(loader);
            // A state that cannot be decoded is left as it is (the sheet is still inserted).
            if (this.lastStateError === null) {
              let next = state;
              if (options.rules && state.rules === undefined)
                next = stateWithRules(next, options.rules);
              if (layout.protect) next = withOwnProtection(next, [name]);
              if (next !== state) {
                this.queueStateWrite(context, next, loader.exists);
                wroteState = true;
              }
            }
          }
          if (options.activate !== false) ws.activate();
          await context.sync();
          if (wroteState) this.stateSheetExists = true;
          return name;
        })
      )
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Change events

  /**
   * worksheets.onChanged (ExcelApi 1.9): the listener gets the sheet's name and the changed
   * address. Changes this add-in made itself (triggerSource "ThisLocalAddin", ExcelApi 1.14) and
   * changes to the state sheet are not reported. The returned function removes the handler.
   */
  async onCellsChanged(listener: (sheet: string, address: string) => void): Promise<() => void> {
    if (!this.supports("1.9")) return () => undefined;
    const excel = this.excel();
    let handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
    try {
      await excel.run(async (context) => {
        handler = context.workbook.worksheets.onChanged.add(
          async (args: Excel.WorksheetChangedEventArgs) => {
            if (args.triggerSource === "ThisLocalAddin") return;
            const name = await this.sheetNameOf(args.worksheetId);
            if (name === null || name === STATE_SHEET) return;
            listener(name, args.address);
          }
        );
        await context.sync();
      });
    } catch (e) {
      throw toHostError(e);
    }
    return () => {
      const h =
        handler as OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null;
      handler = null;
      if (!h) return;
      excel
        .run(h.context, async (context) => {
          h.remove();
          await context.sync();
        })
        .catch(() => undefined);
    };
  }

  /** The current name of a sheet (by id: names change, ids do not), or null if it is gone. */
  private async sheetNameOf(id: string): Promise<string | null> {
    try {
      return await this.excel().run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(id);
        ws.load("name");
        await context.sync();
        return ws.isNullObject ? null : ws.name;
      });
    } catch {
      return null;
    }
  }
}
