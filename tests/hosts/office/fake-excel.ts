/**
 * A hand-made fake of the part of the Excel JavaScript object model the Office host uses, with
 * Office.js's batching semantics: proxies queue loads, property sets and method calls; nothing
 * happens until context.sync(), which runs the queue in order, fills loaded properties, and counts
 * itself. Reading a property that was not loaded and synced throws, as Office.js does.
 *
 * It also enforces the limits the host must respect: getMergedAreasOrNullObject fails when a
 * range meets more than `mergeLimit` merged areas, and a sync fails with
 * ResponsePayloadSizeLimitExceeded when the data it loads exceeds `payloadLimit` bytes (5 MB, the
 * Excel on the web limit) or `cellLimit` cells (5M).
 *
 * Formatting, merging, data validation, page layout and protection calls (what inserting a
 * standard table queues) are recorded per sheet: FakeSheet.formats, merges, validations,
 * pageLayout, protectionOptions; a protected sheet refuses them with AccessDenied, as Excel does.
 *
 * office-addin-mock's OfficeMockObject cannot express this (no sync counting, no *OrNullObject
 * results, no RangeAreas, notes or comments), so only the Office namespace (requirement sets) uses it.
 */
import { columnIndex, RangePos, rangeToA1, toA1 } from "../../../src/engine/grid/a1";
import { shiftFormulaRows, shiftRow } from "../row-shift";

export type Scalar = string | number | boolean | null;

export interface FakeCell {
  value: Scalar;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  pattern: "None" | "Solid";
}

export interface CellInit {
  v?: Scalar;
  f?: string;
  nf?: string;
  fill?: string;
  note?: string;
}

export interface SheetInit {
  name: string;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  protected?: boolean;
  /** The password a protected sheet was given (unprotect without it fails). */
  password?: string;
  /** A1 → a value, or a cell description. */
  cells?: Record<string, Scalar | CellInit>;
  /** Values row by row starting at `origin` (default A1). */
  rows?: Scalar[][];
  origin?: string;
  merges?: string[];
  /** Pretend formatting reaches this far (extends the used range with valuesOnly=false). */
  formattedTo?: string;
}

export interface WriteRecord {
  sheet: string;
  address: string;
  kind: string;
  value?: unknown;
}

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const key = (r: number, c: number) => r * 16384 + c;

function parseCell(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(a.trim());
  if (!m) throw new FakeOfficeError("InvalidArgument", `bad address ${a}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** "B2", "B2:C3", "A:A", "3:4" (no sheet part). */
export function parseRef(ref: string): RangePos {
  const [a, b = a] = ref.split(":");
  if (/^[A-Z]+$/i.test(a) && /^[A-Z]+$/i.test(b)) {
    return { top: 0, bottom: 1048575, left: columnIndex(a), right: columnIndex(b) };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return { top: Number(a) - 1, bottom: Number(b) - 1, left: 0, right: 16383 };
  }
  const p = parseCell(a);
  const q = parseCell(b);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function intersects(a: RangePos, b: RangePos): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export class FakeSheet {
  cells = new Map<number, FakeCell>();
  notes = new Map<number, string>();
  merges: RangePos[] = [];
  formattedTo: RangePos | null = null;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  protected = false;
  selection: string | null = null;
  /** The options worksheet.protection.protect() was given. */
  protectionOptions: Record<string, unknown> | null = null;
  /** The protection's password, or null for none. */
  password: string | null = null;
  /** Data validations set on the sheet, by A1 range: the rule, error alert and prompt. */
  validations = new Map<string, Record<string, unknown>>();
  /** worksheet.pageLayout properties set, and the print titles / print area. */
  pageLayout: Record<string, unknown> = {};
  /** Cell formats set through range.format (font, alignment, borders, protection …), by A1 range. */
  formats = new Map<string, Record<string, unknown>>();

  constructor(
    public name: string,
    readonly id: string
  ) {}

  /** Everything range.format set on exactly `address` (a cell or an A1 range). */
  formatOf(address: string): Record<string, unknown> {
    return this.formats.get(address) ?? {};
  }

  cell(r: number, c: number): FakeCell | undefined {
    return this.cells.get(key(r, c));
  }

  ensure(r: number, c: number): FakeCell {
    let cell = this.cells.get(key(r, c));
    if (!cell) {
      cell = { value: null, formula: null, numberFormat: "General", fill: null, pattern: "None" };
      this.cells.set(key(r, c), cell);
    }
    return cell;
  }

  usedRange(valuesOnly: boolean): RangePos | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (r: number, c: number) => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    for (const [k, cell] of this.cells) {
      const r = Math.floor(k / 16384);
      const c = k % 16384;
      const hasValue = (cell.value !== null && cell.value !== "") || cell.formula !== null;
      const hasFormat = cell.numberFormat !== "General" || cell.fill !== null;
      if (hasValue || (!valuesOnly && hasFormat)) take(r, c);
    }
    if (!valuesOnly) {
      for (const m of this.merges) {
        take(m.top, m.left);
        take(m.bottom, m.right);
      }
      if (this.formattedTo) {
        take(this.formattedTo.top, this.formattedTo.left);
        take(this.formattedTo.bottom, this.formattedTo.right);
      }
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }
}

interface FakeComment {
  id: string;
  sheet: FakeSheet;
  row: number;
  col: number;
  content: string;
}

export interface SyncRecord {
  ops: number;
  loadedCells: number;
  bytes: number;
}

/** The workbook behind the fake: state, plus everything the tests look at afterwards. */
export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  comments: FakeComment[] = [];
  active = "";
  syncCount = 0;
  syncs: SyncRecord[] = [];
  writes: WriteRecord[] = [];
  runs: { options?: Record<string, unknown> }[] = [];
  mergeAreaCalls = 0;
  mergeLimit = 512;
  /** Workbook structure protection (sheets cannot be added, removed, hidden or renamed). */
  structureProtected = false;
  /** workbook.readOnly (ExcelApi 1.8). */
  readOnly = false;
  payloadLimit = 5 * 1024 * 1024;
  cellLimit = 5_000_000;
  handlers = new Set<(args: Record<string, unknown>) => unknown>();
  private nextId = 1;

  constructor(init: SheetInit[] = []) {
    for (const s of init) this.addSheet(s);
    this.active = this.sheets[0]?.name ?? "";
  }

  addSheet(init: SheetInit): FakeSheet {
    const ws = new FakeSheet(init.name, `{${String(this.nextId++).padStart(8, "0")}}`);
    ws.visibility = init.visibility ?? "Visible";
    ws.protected = !!init.protected;
    ws.password = init.password ?? null;
    if (init.rows) {
      const o = parseCell(init.origin ?? "A1");
      init.rows.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v !== null && v !== "") ws.ensure(o.row + i, o.col + j).value = v;
        })
      );
    }
    for (const [a, spec] of Object.entries(init.cells ?? {})) {
      const p = parseCell(a);
      const cell = ws.ensure(p.row, p.col);
      if (spec === null || typeof spec !== "object") {
        cell.value = spec;
      } else {
        if (spec.v !== undefined) cell.value = spec.v;
        if (spec.f !== undefined) cell.formula = spec.f;
        if (spec.nf !== undefined) cell.numberFormat = spec.nf;
        if (spec.fill !== undefined) {
          cell.fill = spec.fill.toUpperCase();
          cell.pattern = "Solid";
        }
        if (spec.note !== undefined) ws.notes.set(key(p.row, p.col), spec.note);
      }
    }
    ws.merges = (init.merges ?? []).map(parseRef);
    if (init.formattedTo) {
      const p = parseCell(init.formattedTo);
      ws.formattedTo = { top: p.row, left: p.col, bottom: p.row, right: p.col };
    }
    this.sheets.push(ws);
    return ws;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  findSheet(keyOrName: string): FakeSheet | undefined {
    return this.sheets.find((x) => x.name === keyOrName || x.id === keyOrName);
  }

  addComment(sheet: string, address: string, content: string): void {
    const p = parseCell(address);
    this.comments.push({
      id: `c${this.nextId++}`,
      sheet: this.sheet(sheet),
      row: p.row,
      col: p.col,
      content,
    });
  }

  newCommentId(): string {
    return `c${this.nextId++}`;
  }

  /** Everything a cell shows, for before/after comparisons. */
  cellState(sheet: string, address: string) {
    const ws = this.sheet(sheet);
    const p = parseCell(address);
    const c = ws.cell(p.row, p.col);
    const comment = this.comments.find((x) => x.sheet === ws && x.row === p.row && x.col === p.col);
    return {
      value: c?.formula ? null : (c?.value ?? null),
      formula: c?.formula ?? null,
      numberFormat: c?.numberFormat ?? "General",
      fill: c?.fill ?? null,
      note: ws.notes.get(key(p.row, p.col)) ?? null,
      comment: comment?.content ?? null,
    };
  }

  /** A copy of every user-visible cell property of a sheet, keyed by A1. */
  dump(sheet: string): Record<string, ReturnType<FakeWorkbook["cellState"]>> {
    const ws = this.sheet(sheet);
    const keys = new Set<number>([...ws.cells.keys(), ...ws.notes.keys()]);
    for (const c of this.comments) if (c.sheet === ws) keys.add(key(c.row, c.col));
    const out: Record<string, ReturnType<FakeWorkbook["cellState"]>> = {};
    for (const k of [...keys].sort((a, b) => a - b)) {
      const a = toA1(Math.floor(k / 16384), k % 16384);
      const s = this.cellState(sheet, a);
      if (
        s.value === null &&
        s.formula === null &&
        s.numberFormat === "General" &&
        s.fill === null &&
        s.note === null &&
        s.comment === null
      )
        continue;
      out[a] = s;
    }
    return out;
  }

  /** A person renaming a sheet in Excel: its id stays. */
  renameSheet(from: string, to: string): void {
    const ws = this.sheet(from);
    ws.name = to;
    if (this.active === from) this.active = to;
  }

  /**
   * A person inserting (count > 0) or deleting (count < 0) whole rows at 0-based row `at`, as Excel
   * does it: cells, notes, comments and merges below move (deleted ones go), and every formula on
   * the sheet follows.
   */
  shiftRows(sheet: string, at: number, count: number): void {
    const ws = this.sheet(sheet);
    const move = <T>(m: Map<number, T>, f: (v: T) => T = (v) => v): Map<number, T> => {
      const out = new Map<number, T>();
      for (const [k, v] of m) {
        const row = shiftRow(Math.floor(k / 16384), at, count);
        if (row !== null) out.set(key(row, k % 16384), f(v));
      }
      return out;
    };
    ws.cells = move(ws.cells, (c) => ({
      ...c,
      formula: c.formula ? shiftFormulaRows(c.formula, at, count) : null,
    }));
    ws.notes = move(ws.notes);
    this.comments = this.comments.flatMap((c) => {
      if (c.sheet !== ws) return [c];
      const row = shiftRow(c.row, at, count);
      return row === null ? [] : [{ ...c, row }];
    });
    ws.merges = ws.merges.flatMap((m) => {
      const top = shiftRow(m.top, at, count);
      const bottom = shiftRow(m.bottom, at, count);
      return top === null || bottom === null ? [] : [{ ...m, top, bottom }];
    });
  }

  fireChanged(sheet: string, address: string, triggerSource = "Unknown"): Promise<unknown[]> {
    const ws = this.sheet(sheet);
    return Promise.all(
      [...this.handlers].map((h) =>
        h({
          worksheetId: ws.id,
          address,
          triggerSource,
          source: "Local",
          changeType: "RangeEdited",
          type: "WorksheetChanged",
        })
      )
    );
  }
}

// -------------------------------------------------------------------------------------------------
// Context and proxies

type Op = () => void;

export class FakeContext {
  queue: Op[] = [];
  loadedCells = 0;
  bytes = 0;
  readonly workbook: WorkbookProxy;
  synced = 0;

  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  account(data: unknown, cells: number): void {
    this.loadedCells += cells;
    this.bytes += Buffer.byteLength(JSON.stringify(data) ?? "");
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.loadedCells = 0;
    this.bytes = 0;
    this.wb.syncCount++;
    this.synced++;
    for (const op of ops) op();
    this.wb.syncs.push({ ops: ops.length, loadedCells: this.loadedCells, bytes: this.bytes });
    if (this.bytes > this.wb.payloadLimit || this.loadedCells > this.wb.cellLimit) {
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `response of ${this.bytes} bytes / ${this.loadedCells} cells exceeds the limit`
      );
    }
  }
}

function props(arg: string | string[]): string[] {
  return (Array.isArray(arg) ? arg : arg.split(",")).map((s) => s.trim()).filter(Boolean);
}

abstract class ProxyBase {
  protected data: Record<string, unknown> = {};
  protected loaded = new Set<string>();
  protected nullObject: boolean | undefined;

  constructor(readonly context: FakeContext) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new FakeOfficeError("PropertyNotLoaded", `property ${prop} was not loaded and synced`);
    return this.data[prop] as T;
  }

  get isNullObject(): boolean {
    if (this.nullObject === undefined)
      throw new FakeOfficeError("PropertyNotLoaded", "isNullObject read before sync");
    return this.nullObject;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly notes: NoteCollectionProxy;
  readonly comments: CommentCollectionProxy;
  /** workbook.protection (ExcelApi 1.7): the structure's protection. */
  readonly protection: { load: (p: string) => void; readonly protected: boolean };
  private _readOnly: boolean | undefined;

  constructor(readonly context: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.notes = new NoteCollectionProxy(context, null);
    this.comments = new CommentCollectionProxy(context);
    let prot: boolean | undefined;
    this.protection = {
      load: () => context.enqueue(() => (prot = context.wb.structureProtected)),
      get protected() {
        if (prot === undefined)
          throw new FakeOfficeError("PropertyNotLoaded", "workbook.protection.protected");
        return prot;
      },
    };
  }

  /** workbook.load("readOnly") (ExcelApi 1.8). */
  load(arg: string): void {
    if (props(arg).includes("readOnly"))
      this.context.enqueue(() => (this._readOnly = this.context.wb.readOnly));
  }

  get readOnly(): boolean {
    if (this._readOnly === undefined)
      throw new FakeOfficeError("PropertyNotLoaded", "workbook.readOnly");
    return this._readOnly;
  }
}

class WorksheetCollectionProxy extends ProxyBase {
  private _items: WorksheetProxy[] | null = null;
  readonly onChanged: {
    add: (h: (args: Record<string, unknown>) => unknown) => {
      context: FakeContext;
      remove: () => void;
    };
  };

  constructor(ctx: FakeContext) {
    super(ctx);
    this.onChanged = {
      add: (h) => {
        ctx.enqueue(() => ctx.wb.handlers.add(h));
        return { context: ctx, remove: () => ctx.enqueue(() => ctx.wb.handlers.delete(h)) };
      },
    };
  }

  load(arg: string | string[]): this {
    const wanted = props(arg).map((p) => p.replace(/^items\//, ""));
    this.context.enqueue(() => {
      this._items = this.context.wb.sheets.map((s) => {
        const p = new WorksheetProxy(this.context, () => s, false);
        p.fill(wanted);
        return p;
      });
      this.context.account(this._items.length * 20, 0);
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    if (!this._items) throw new FakeOfficeError("PropertyNotLoaded", "items not loaded");
    return this._items;
  }

  getItem(k: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.wb.findSheet(k), false, k);
  }

  getItemOrNullObject(k: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.wb.findSheet(k), true, k);
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      () => this.context.wb.findSheet(this.context.wb.active),
      false
    );
  }

  add(name: string): WorksheetProxy {
    this.context.enqueue(() => {
      if (this.context.wb.structureProtected)
        throw new FakeOfficeError("AccessDenied", "the workbook's structure is protected");
      if (this.context.wb.findSheet(name))
        throw new FakeOfficeError("ItemAlreadyExists", `sheet ${name} exists`);
      this.context.wb.addSheet({ name });
      this.context.wb.writes.push({ sheet: name, address: "", kind: "addSheet" });
    });
    return new WorksheetProxy(this.context, () => this.context.wb.findSheet(name), false, name);
  }
}

export class WorksheetProxy extends ProxyBase {
  readonly protection: {
    load: (p: string) => void;
    readonly protected: boolean;
    readonly options: Record<string, unknown>;
    readonly isPasswordProtected: boolean;
    protect: (options?: Record<string, unknown>, password?: string) => void;
    unprotect: (password?: string) => void;
  };
  readonly notes: NoteCollectionProxy;
  readonly pageLayout: Record<string, unknown>;

  constructor(
    ctx: FakeContext,
    private readonly find: () => FakeSheet | undefined,
    private readonly orNull: boolean,
    private readonly label = ""
  ) {
    super(ctx);
    const self = this;
    let prot: boolean | undefined;
    let options: Record<string, unknown> | undefined;
    let hasPassword: boolean | undefined;
    this.protection = {
      load: (p: string) =>
        ctx.enqueue(() => {
          const s = self.resolve();
          const wanted = props(p);
          prot = s.protected;
          if (wanted.includes("options")) {
            const { password: _password, ...rest } = s.protectionOptions ?? {};
            void _password;
            options = rest;
          }
          if (wanted.includes("isPasswordProtected")) hasPassword = s.password !== null;
        }),
      get protected() {
        if (prot === undefined)
          throw new FakeOfficeError("PropertyNotLoaded", "protection.protected");
        return prot;
      },
      get options() {
        if (options === undefined)
          throw new FakeOfficeError("PropertyNotLoaded", "protection.options");
        return options;
      },
      get isPasswordProtected() {
        if (hasPassword === undefined)
          throw new FakeOfficeError("PropertyNotLoaded", "protection.isPasswordProtected");
        return hasPassword;
      },
      protect: (opts?: Record<string, unknown>, password?: string) =>
        ctx.enqueue(() => {
          const s = self.resolve();
          if (s.protected)
            throw new FakeOfficeError("InvalidOperation", `sheet ${s.name} is already protected`);
          s.protected = true;
          s.password = password ?? null;
          s.protectionOptions = { ...(opts ?? {}), ...(password ? { password } : {}) };
          ctx.wb.writes.push({ sheet: s.name, address: "", kind: "protect", value: opts });
        }),
      unprotect: (password?: string) =>
        ctx.enqueue(() => {
          const s = self.resolve();
          if (s.password !== null && s.password !== password)
            throw new FakeOfficeError("InvalidArgument", `sheet ${s.name}: wrong password`);
          s.protected = false;
          s.password = null;
          ctx.wb.writes.push({ sheet: s.name, address: "", kind: "unprotect" });
        }),
    };
    this.notes = new NoteCollectionProxy(ctx, this);
    // worksheet.pageLayout (ExcelApi 1.9): every property set and method call is recorded.
    const layoutSet = (prop: string, value: unknown) =>
      ctx.enqueue(() => {
        const s = self.resolve();
        if (s.protected) throw new FakeOfficeError("AccessDenied", `sheet ${s.name} is protected`);
        s.pageLayout[prop] = value;
        ctx.wb.writes.push({ sheet: s.name, address: "", kind: `pageLayout.${prop}`, value });
      });
    const layout: Record<string, unknown> = {
      setPrintTitleRows: (rows: string) => layoutSet("printTitleRows", rows),
      setPrintArea: (area: string) => layoutSet("printArea", area),
      headersFooters: {
        defaultForAllPages: {
          set centerFooter(v: string) {
            layoutSet("centerFooter", v);
          },
        },
      },
    };
    for (const prop of [
      "orientation",
      "paperSize",
      "zoom",
      "centerHorizontally",
      "centerVertically",
      "leftMargin",
      "rightMargin",
      "topMargin",
      "bottomMargin",
      "headerMargin",
      "footerMargin",
    ]) {
      Object.defineProperty(layout, prop, {
        set: (v: unknown) => {
          layoutSet(prop, v);
        },
        get: () => {
          throw new FakeOfficeError("PropertyNotLoaded", `pageLayout.${prop}`);
        },
      });
    }
    this.pageLayout = layout;
  }

  /** The sheet, or an ItemNotFound failure (at sync time, like Office). */
  resolve(): FakeSheet {
    const s = this.find();
    if (!s)
      throw new FakeOfficeError(
        "ItemNotFound",
        `The requested resource doesn't exist (sheet ${this.label}).`
      );
    return s;
  }

  tryResolve(): FakeSheet | undefined {
    return this.find();
  }

  fill(wanted: string[]): void {
    const s = this.find();
    this.nullObject = !s;
    if (!s) return;
    for (const p of wanted) {
      this.data[p] = (s as unknown as Record<string, unknown>)[p];
      this.loaded.add(p);
    }
  }

  load(arg: string | string[]): this {
    const wanted = props(arg);
    this.context.enqueue(() => {
      if (!this.orNull) this.resolve();
      this.fill(wanted);
    });
    return this;
  }

  get name(): string {
    return this.read("name");
  }

  get id(): string {
    return this.read("id");
  }

  get visibility(): string {
    return this.read("visibility");
  }

  set visibility(v: string) {
    this.context.enqueue(() => {
      const s = this.resolve();
      s.visibility = v as FakeSheet["visibility"];
      this.context.wb.writes.push({ sheet: s.name, address: "", kind: "visibility", value: v });
    });
  }

  activate(): void {
    this.context.enqueue(() => {
      const s = this.resolve();
      if (s.visibility !== "Visible")
        throw new FakeOfficeError("InvalidOperation", "cannot activate a hidden sheet");
      this.context.wb.active = s.name;
    });
  }

  getRange(address: string): RangeProxy {
    return new RangeProxy(this.context, () => ({ sheet: this.resolve(), rect: parseRef(address) }));
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    if (rows < 1 || cols < 1) throw new FakeOfficeError("InvalidArgument", "empty range");
    return new RangeProxy(this.context, () => ({
      sheet: this.resolve(),
      rect: { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 },
    }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const sheet = this.resolve();
        const rect = sheet.usedRange(valuesOnly);
        return rect ? { sheet, rect } : null;
      },
      true
    );
  }
}

type Resolved = { sheet: FakeSheet; rect: RangePos } | null;

function cellsOf(rect: RangePos): number {
  return (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
}

/** What Excel does with a value written through `values` (or a constant through `formulas`). */
function coerce(v: Scalar, textFormat: boolean): { value: Scalar; formula: string | null } {
  if (typeof v !== "string") return { value: v, formula: null };
  if (v === "") return { value: null, formula: null };
  if (textFormat) return { value: v, formula: null };
  if (v.startsWith("=")) return { value: null, formula: v };
  if (/^[-+]?\d+(\.\d+)?$/.test(v.trim())) return { value: Number(v), formula: null };
  if (/^(true|false)$/i.test(v.trim()))
    return { value: v.trim().toLowerCase() === "true", formula: null };
  return { value: v, formula: null };
}

export interface FakeRangeFormat {
  fill: { color: string; clear: () => void };
  font: { name: string; size: number; bold: boolean };
  protection: { locked: boolean };
  borders: { getItem: (edge: string) => { style: string; weight: string; color: string } };
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  columnWidth: number;
  rowHeight: number;
}

export class RangeProxy extends ProxyBase {
  readonly format: FakeRangeFormat;
  readonly dataValidation: Record<string, unknown>;

  constructor(
    ctx: FakeContext,
    private readonly resolveFn: () => Resolved,
    private readonly orNull = false
  ) {
    super(ctx);
    const self = this;
    this.format = {
      fill: {
        get color(): string {
          throw new FakeOfficeError(
            "PropertyNotLoaded",
            "format.fill.color (use getCellProperties)"
          );
        },
        set color(c: string) {
          self.write("fill", c, (cell) => {
            cell.fill = c.toUpperCase();
            cell.pattern = "Solid";
          });
        },
        clear() {
          self.write("clearFill", null, (cell) => {
            cell.fill = null;
            cell.pattern = "None";
          });
        },
      },
    } as FakeRangeFormat;
    const recorded = (target: Record<string, unknown>, prefix: string, names: string[]) => {
      for (const name of names) {
        Object.defineProperty(target, name, {
          set: (v: unknown) => {
            self.recordFormat(`${prefix}${name}`, v);
          },
          get: () => {
            throw new FakeOfficeError("PropertyNotLoaded", `format.${prefix}${name}`);
          },
        });
      }
      return target;
    };
    const format = this.format as unknown as Record<string, unknown>;
    recorded(format, "", [
      "horizontalAlignment",
      "verticalAlignment",
      "wrapText",
      "columnWidth",
      "rowHeight",
    ]);
    format.font = recorded({}, "font.", ["name", "size", "bold"]);
    format.protection = recorded({}, "protection.", ["locked"]);
    format.borders = {
      getItem: (edge: string) => recorded({}, `borders.${edge}.`, ["style", "weight", "color"]),
    };
    // range.dataValidation (ExcelApi 1.8): rule, errorAlert, prompt, ignoreBlanks.
    const dv: Record<string, unknown> = {};
    for (const name of ["rule", "errorAlert", "prompt", "ignoreBlanks"]) {
      Object.defineProperty(dv, name, {
        set: (v: unknown) => {
          this.context.enqueue(() => {
            const { sheet, rect } = this.resolve();
            if (sheet.protected)
              throw new FakeOfficeError("AccessDenied", `sheet ${sheet.name} is protected`);
            const address = rangeToA1(rect);
            if (name === "rule") {
              const rule = v as Record<string, unknown>;
              const kinds = Object.keys(rule);
              if (kinds.length !== 1)
                throw new FakeOfficeError("InvalidArgument", "a validation rule has one kind");
              const list = rule.list as { source?: unknown } | undefined;
              if (list && typeof list.source === "string" && list.source.length > 255)
                throw new FakeOfficeError("InvalidArgument", "list source over 255 characters");
            }
            if (name === "errorAlert" || name === "prompt") {
              const o = v as { title?: string; message?: string };
              if ((o.title ?? "").length > 32 || (o.message ?? "").length > 255)
                throw new FakeOfficeError("InvalidArgument", `${name} text too long`);
            }
            const entry = sheet.validations.get(address) ?? {};
            entry[name] = v;
            sheet.validations.set(address, entry);
            this.context.wb.writes.push({
              sheet: sheet.name,
              address,
              kind: `dataValidation.${name}`,
              value: v,
            });
          });
        },
        get: () => {
          throw new FakeOfficeError("PropertyNotLoaded", `dataValidation.${name}`);
        },
      });
    }
    this.dataValidation = dv;
  }

  /** A range.format property set: recorded on the sheet (refused on a protected sheet). */
  private recordFormat(kind: string, value: unknown): void {
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolve();
      if (sheet.protected)
        throw new FakeOfficeError("AccessDenied", `sheet ${sheet.name} is protected`);
      const address = rangeToA1(rect);
      const entry = sheet.formats.get(address) ?? {};
      entry[kind] = value;
      sheet.formats.set(address, entry);
      this.context.wb.writes.push({ sheet: sheet.name, address, kind: `format.${kind}`, value });
    });
  }

  /** range.merge(across): the range becomes one merged area (overlapping another is refused). */
  merge(across = false): void {
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolve();
      if (sheet.protected)
        throw new FakeOfficeError("AccessDenied", `sheet ${sheet.name} is protected`);
      if (across) throw new FakeOfficeError("InvalidArgument", "fake: merge across rows only");
      if (sheet.merges.some((m) => intersects(m, rect)))
        throw new FakeOfficeError("InvalidOperation", `merge overlaps ${rangeToA1(rect)}`);
      sheet.merges.push({ ...rect });
      // Excel keeps the top-left value and drops the rest.
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) {
          if (r === rect.top && c === rect.left) continue;
          const cell = sheet.cell(r, c);
          if (cell) {
            cell.value = null;
            cell.formula = null;
          }
        }
      this.context.wb.writes.push({ sheet: sheet.name, address: rangeToA1(rect), kind: "merge" });
    });
  }

  resolve(): { sheet: FakeSheet; rect: RangePos } {
    const r = this.resolveFn();
    if (!r) throw new FakeOfficeError("ItemNotFound", "null range");
    return r;
  }

  private write(
    kind: string,
    value: unknown,
    apply: (cell: FakeCell, i: number, j: number) => void
  ): void {
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolve();
      if (sheet.protected)
        throw new FakeOfficeError("AccessDenied", `sheet ${sheet.name} is protected`);
      for (const m of sheet.merges) {
        const partial =
          intersects(m, rect) &&
          !(
            m.top >= rect.top &&
            m.bottom <= rect.bottom &&
            m.left >= rect.left &&
            m.right <= rect.right
          );
        const insideOnly =
          m.top === rect.top &&
          m.left === rect.left &&
          rect.top === rect.bottom &&
          rect.left === rect.right;
        if (partial && !insideOnly && kind !== "clear")
          throw new FakeOfficeError(
            "InvalidOperation",
            `write to part of merged area ${rangeToA1(m)}`
          );
      }
      this.context.wb.writes.push({ sheet: sheet.name, address: rangeToA1(rect), kind, value });
      if (kind === "clear") {
        // Clearing touches only cells that exist (a whole column is fine).
        for (const [k, cell] of sheet.cells) {
          const r = Math.floor(k / 16384);
          const c = k % 16384;
          if (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right)
            apply(cell, r - rect.top, c - rect.left);
        }
        return;
      }
      if (cellsOf(rect) > 1_000_000)
        throw new FakeOfficeError(
          "OperationCellsExceedLimit",
          `write of ${kind} to ${rangeToA1(rect)}`
        );
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++)
          apply(sheet.ensure(r, c), r - rect.top, c - rect.left);
    });
  }

  private grid<T>(v: T[][], kind: string): void {
    this.context.enqueue(() => {
      const { rect } = this.resolve();
      if (
        v.length !== rect.bottom - rect.top + 1 ||
        v.some((row) => row.length !== rect.right - rect.left + 1)
      ) {
        throw new FakeOfficeError(
          "InvalidArgument",
          `${kind}: array of ${v.length}x${v[0]?.length} does not match ${rangeToA1(rect)}`
        );
      }
    });
  }

  load(arg: string | string[]): this {
    const wanted = props(arg);
    this.context.enqueue(() => {
      const r = this.resolveFn();
      this.nullObject = !r;
      if (!r) {
        if (!this.orNull) throw new FakeOfficeError("ItemNotFound", "range not found");
        return;
      }
      const { sheet, rect } = r;
      // Cells count once per range load (Excel's 5M-cell read limit); bytes count per property.
      if (wanted.some((p) => p === "values" || p === "formulas" || p === "numberFormat"))
        this.context.account(null, cellsOf(rect));
      for (const p of wanted) {
        let v: unknown;
        const rows: unknown[][] = [];
        const each = (f: (cell: FakeCell | undefined) => unknown) => {
          for (let i = rect.top; i <= rect.bottom; i++) {
            const row: unknown[] = [];
            for (let j = rect.left; j <= rect.right; j++) row.push(f(sheet.cell(i, j)));
            rows.push(row);
          }
          this.context.account(rows, 0);
          return rows;
        };
        switch (p) {
          case "address":
            v = `${quote(sheet.name)}!${rangeToA1(rect)}`;
            break;
          case "values":
            v = each((c) => (c?.formula ? (c.value ?? 0) : (c?.value ?? "")));
            break;
          case "formulas":
            v = each((c) => c?.formula ?? c?.value ?? "");
            break;
          case "numberFormat":
            v = each((c) => c?.numberFormat ?? "General");
            break;
          case "rowCount":
            v = rect.bottom - rect.top + 1;
            break;
          case "columnCount":
            v = rect.right - rect.left + 1;
            break;
          default:
            throw new FakeOfficeError("InvalidArgument", `fake cannot load ${p}`);
        }
        this.data[p] = v;
        this.loaded.add(p);
      }
    });
    return this;
  }

  get address(): string {
    return this.read("address");
  }
  get values(): Scalar[][] {
    return this.read("values");
  }
  get formulas(): Scalar[][] {
    return this.read("formulas");
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }

  set values(v: Scalar[][]) {
    this.grid(v, "values");
    this.write("values", v, (cell, i, j) => {
      const x = coerce(v[i][j], cell.numberFormat === "@");
      cell.value = x.value;
      cell.formula = x.formula;
    });
  }

  set formulas(v: Scalar[][]) {
    this.grid(v, "formulas");
    this.write("formulas", v, (cell, i, j) => {
      const x = coerce(v[i][j], false);
      cell.value = x.value;
      cell.formula = x.formula;
    });
  }

  set numberFormat(v: string[][]) {
    this.grid(v, "numberFormat");
    this.write("numberFormat", v, (cell, i, j) => {
      cell.numberFormat = v[i][j];
    });
  }

  clear(applyTo: string): void {
    this.write("clear", applyTo, (cell) => {
      if (applyTo === "Contents" || applyTo === "All") {
        cell.value = null;
        cell.formula = null;
      }
    });
  }

  select(): void {
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolve();
      sheet.selection = rangeToA1(rect);
    });
  }

  getCellProperties(): { readonly value: unknown[][] } {
    let result: unknown[][] | undefined;
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolve();
      const rows: unknown[][] = [];
      for (let i = rect.top; i <= rect.bottom; i++) {
        const row: unknown[] = [];
        for (let j = rect.left; j <= rect.right; j++) {
          const c = sheet.cell(i, j);
          row.push({
            format: { fill: { color: c?.fill ?? "#FFFFFF", pattern: c?.pattern ?? "None" } },
          });
        }
        rows.push(row);
      }
      this.context.account(rows, 0);
      result = rows;
    });
    return {
      get value() {
        if (!result)
          throw new FakeOfficeError("PropertyNotLoaded", "getCellProperties before sync");
        return result;
      },
    };
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.context, () => this.resolve());
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const { sheet, rect } = this.resolve();
        const used = sheet.usedRange(valuesOnly);
        if (!used || !intersects(used, rect)) return null;
        return {
          sheet,
          rect: {
            top: Math.max(used.top, rect.top),
            left: Math.max(used.left, rect.left),
            bottom: Math.min(used.bottom, rect.bottom),
            right: Math.min(used.right, rect.right),
          },
        };
      },
      true
    );
  }
}

class RangeAreasProxy extends ProxyBase {
  constructor(
    ctx: FakeContext,
    private readonly resolveFn: () => { sheet: FakeSheet; rect: RangePos }
  ) {
    super(ctx);
  }

  load(arg: string | string[]): this {
    const wanted = props(arg);
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolveFn();
      this.context.wb.mergeAreaCalls++;
      const hit = sheet.merges.filter((m) => intersects(m, rect));
      if (hit.length > this.context.wb.mergeLimit) {
        throw new FakeOfficeError(
          "GeneralException",
          `getMergedAreasOrNullObject: ${hit.length} merged areas exceed ${this.context.wb.mergeLimit}`
        );
      }
      this.nullObject = hit.length === 0;
      const address = hit.map((m) => `${quote(sheet.name)}!${rangeToA1(m)}`).join(", ");
      this.context.account(address, 0);
      for (const p of wanted) {
        if (p === "address") this.data.address = address;
        else if (p === "areaCount") this.data.areaCount = hit.length;
        else throw new FakeOfficeError("InvalidArgument", `fake cannot load ${p}`);
        this.loaded.add(p);
      }
    });
    return this;
  }

  get address(): string {
    return this.read("address");
  }
}

class NoteProxy extends ProxyBase {
  constructor(
    ctx: FakeContext,
    private readonly ws: WorksheetProxy,
    private readonly address: string
  ) {
    super(ctx);
  }

  private where(): { sheet: FakeSheet; k: number } {
    const sheet = this.ws.resolve();
    const p = parseCell(this.address);
    return { sheet, k: key(p.row, p.col) };
  }

  load(): this {
    this.context.enqueue(() => {
      const { sheet, k } = this.where();
      const content = sheet.notes.get(k);
      this.nullObject = content === undefined;
      this.data.content = content;
      this.loaded.add("content");
    });
    return this;
  }

  get content(): string {
    return this.read("content");
  }

  set content(text: string) {
    this.context.enqueue(() => {
      const { sheet, k } = this.where();
      if (!sheet.notes.has(k)) throw new FakeOfficeError("ItemNotFound", "no note");
      sheet.notes.set(k, text);
      this.context.wb.writes.push({
        sheet: sheet.name,
        address: this.address,
        kind: "noteContent",
        value: text,
      });
    });
  }

  delete(): void {
    this.context.enqueue(() => {
      const { sheet, k } = this.where();
      sheet.notes.delete(k);
      this.context.wb.writes.push({ sheet: sheet.name, address: this.address, kind: "noteDelete" });
    });
  }
}

class NoteCollectionProxy {
  constructor(
    readonly context: FakeContext,
    private readonly ws: WorksheetProxy | null
  ) {}

  getItemOrNullObject(address: string): NoteProxy {
    if (!this.ws)
      throw new FakeOfficeError("InvalidArgument", "fake: use worksheet.notes for lookups");
    return new NoteProxy(this.context, this.ws, address);
  }

  add(target: RangeProxy | string, content: string): void {
    this.context.enqueue(() => {
      if (typeof target === "string")
        throw new FakeOfficeError("InvalidArgument", "fake: pass a Range");
      const { sheet, rect } = target.resolve();
      if (rect.top !== rect.bottom || rect.left !== rect.right)
        throw new FakeOfficeError("InvalidArgument", "note on more than one cell");
      const k = key(rect.top, rect.left);
      if (sheet.notes.has(k))
        throw new FakeOfficeError("InvalidOperation", "the cell already has a note");
      sheet.notes.set(k, content);
      this.context.wb.writes.push({
        sheet: sheet.name,
        address: toA1(rect.top, rect.left),
        kind: "noteAdd",
        value: content,
      });
    });
  }
}

class CommentProxy {
  constructor(
    readonly context: FakeContext,
    private readonly c: FakeComment
  ) {}

  get id(): string {
    return this.c.id;
  }

  get content(): string {
    return this.c.content;
  }

  set content(text: string) {
    this.context.enqueue(() => {
      this.c.content = text;
      this.context.wb.writes.push({
        sheet: this.c.sheet.name,
        address: toA1(this.c.row, this.c.col),
        kind: "commentContent",
        value: text,
      });
    });
  }

  delete(): void {
    this.context.enqueue(() => {
      const wb = this.context.wb;
      wb.comments = wb.comments.filter((x) => x !== this.c);
      wb.writes.push({
        sheet: this.c.sheet.name,
        address: toA1(this.c.row, this.c.col),
        kind: "commentDelete",
      });
    });
  }

  getLocation(): RangeProxy {
    return new RangeProxy(this.context, () => ({
      sheet: this.c.sheet,
      rect: { top: this.c.row, left: this.c.col, bottom: this.c.row, right: this.c.col },
    }));
  }
}

class CommentCollectionProxy {
  private _items: CommentProxy[] | null = null;

  constructor(readonly context: FakeContext) {}

  load(): this {
    this.context.enqueue(() => {
      this._items = this.context.wb.comments.map((c) => new CommentProxy(this.context, c));
    });
    return this;
  }

  get items(): CommentProxy[] {
    if (!this._items) throw new FakeOfficeError("PropertyNotLoaded", "comments not loaded");
    return this._items;
  }

  add(target: RangeProxy | string, content: string): void {
    this.context.enqueue(() => {
      if (typeof target === "string")
        throw new FakeOfficeError("InvalidArgument", "fake: pass a Range");
      const { sheet, rect } = target.resolve();
      const wb = this.context.wb;
      if (wb.comments.some((c) => c.sheet === sheet && c.row === rect.top && c.col === rect.left)) {
        throw new FakeOfficeError("InvalidOperation", "the cell already has a comment");
      }
      wb.comments.push({ id: wb.newCommentId(), sheet, row: rect.top, col: rect.left, content });
      wb.writes.push({
        sheet: sheet.name,
        address: toA1(rect.top, rect.left),
        kind: "commentAdd",
        value: content,
      });
    });
  }
}

/** The Excel namespace: run() with Office's overloads, over one FakeWorkbook. */
export class FakeExcel {
  constructor(readonly wb: FakeWorkbook) {}

  async run<T>(a: unknown, b?: (ctx: FakeContext) => Promise<T>): Promise<T> {
    let ctx: FakeContext;
    let batch: (ctx: FakeContext) => Promise<T>;
    if (typeof a === "function") {
      ctx = new FakeContext(this.wb);
      batch = a as (ctx: FakeContext) => Promise<T>;
      this.wb.runs.push({});
    } else if (a instanceof FakeContext) {
      ctx = a;
      batch = b as (ctx: FakeContext) => Promise<T>;
    } else {
      ctx = new FakeContext(this.wb);
      batch = b as (ctx: FakeContext) => Promise<T>;
      this.wb.runs.push({ options: a as Record<string, unknown> });
    }
    const result = await batch(ctx);
    // Excel.run sends what is still queued when the batch ends; the host should never rely on it.
    if (ctx.queue.length > 0) await ctx.sync();
    return result;
  }
}

/** ExcelApi versions "1.x" compared numerically. */
export function versionAtMost(version: string, max: string): boolean {
  const [a, b] = version.split(".").map(Number);
  const [c, d] = max.split(".").map(Number);
  return a < c || (a === c && b <= d);
}
