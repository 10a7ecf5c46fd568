/**
 * An in-memory WorkbookHost for the pane's tests. Sheets are built from GridSnapshots (seed tables
 * laid out by tests/helpers/seed-grid, or small row arrays); formulas the pane writes are computed
 * with HyperFormula so a re-check after 填充公式 sees the values Excel would show. Every call the
 * pane makes is recorded, and an edit by a person can be simulated with `edit()`.
 */
import { HyperFormula, RawCellContent } from "hyperformula";
import { parseA1, toA1 } from "../../src/engine/grid/a1";
import { CellValue, GridSnapshot } from "../../src/engine/grid/snapshot";
import type { WritePlan } from "../../src/engine/fill/plan-types";
import { stateWithRules } from "../../src/engine/policy/ruleset";
import { emptyState, JournalEntry, WorkbookState } from "../../src/engine/state/schema";
import {
  journalEntryFor,
  planClearMarks,
  planUndo,
  withEntry,
  withMarks,
} from "../../src/engine/journal";
import {
  hiddenSheetError,
  HostError,
  InsertTemplateOptions,
  SheetSelection,
  stateUnreadableError,
  structureProtectedError,
  UndoneEntry,
  TemplateSheetLayout,
  uniqueSheetName,
  WorkbookHost,
} from "../../src/hosts/host";
import { isOwnProtected, withOwnProtection } from "../../src/hosts/own-protection";
import { anchorSettings, SheetAnchors, sheetsToDetect } from "../../src/hosts/anchor-resolve";
import { shiftFormulaRows, shiftRow } from "../hosts/row-shift";

interface Cell {
  value: CellValue;
  formula: string | null;
  numberFormat: string | null;
  /** "#RRGGBB" or null. */
  fill: string | null;
  note: string | null;
}

interface Sheet {
  name: string;
  /** Stable across renames, as Office's worksheet.id. */
  id: string;
  cells: Map<string, Cell>;
  merges: GridSnapshot["merges"];
  /** Hidden by a person (left out of whole-workbook reads unless included). */
  hidden: boolean;
}

export type HostMethod = keyof Omit<WorkbookHost, "kind">;

const key = (row: number, col: number) => `${row},${col}`;
const blank = (): Cell => ({
  value: null,
  formula: null,
  numberFormat: null,
  fill: null,
  note: null,
});
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A snapshot from plain rows, starting at A1 (or `origin`). */
export function snapshotFromRows(
  sheetName: string,
  rows: CellValue[][],
  origin = { row: 0, col: 0 }
): GridSnapshot {
  return { sheetName, origin, values: rows, merges: [] };
}

export class FakeHost implements WorkbookHost {
  readonly kind = "preview" as const;
  private readonly sheets = new Map<string, Sheet>();
  private order: string[] = [];
  active: string;
  state: WorkbookState = emptyState();
  /**
   * Protected sheets. One the state records as our own template (insertTemplateSheet does) is
   * written through, as the real hosts unprotect and protect it again; any other is refused.
   */
  protectedSheets = new Set<string>();
  /** The workbook's structure is protected: the state sheet cannot be added (see stateSheetExists). */
  structureProtected = false;
  /** Whether the "_selfeval" sheet exists (the first state write adds it). */
  stateSheetExists = false;
  /**
   * Hidden sheets the last whole-workbook read left out. Computed by that read when the fake has
   * hidden sheets (addSheet(…, { hidden: true })); a test of a fake without any may set it.
   */
  hiddenSheetsSkipped = 0;
  /** Hidden sheets the reads so far took in (a plan may write only into these hidden ones). */
  private readonly hiddenRead = new Set<string>();

  readonly calls = {
    readSheets: [] as (string[] | undefined)[],
    applyPlan: [] as { plan: WritePlan; action: JournalEntry["action"] }[],
    selectCell: [] as { sheet: string; address: string }[],
    writeState: [] as WorkbookState[],
    undoLast: 0,
    clearHighlights: 0,
    insertTemplateSheet: [] as { layout: TemplateSheetLayout; options: InsertTemplateOptions }[],
  };

  private readonly failures = new Map<HostMethod, unknown>();
  private readonly listeners = new Set<(sheet: string, address: string) => void>();
  private nextId = 1;
  private nextSheetId = 1;

  constructor(snapshots: GridSnapshot[], options: { active?: string } = {}) {
    for (const s of snapshots) this.addSheet(s);
    this.active = options.active ?? this.order[0] ?? "Sheet1";
  }

  addSheet(snapshot: GridSnapshot, options: { hidden?: boolean } = {}): void {
    const sheet: Sheet = {
      name: snapshot.sheetName,
      id: `sheet-${this.nextSheetId++}`,
      cells: new Map(),
      merges: clone(snapshot.merges),
      hidden: !!options.hidden,
    };
    snapshot.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const formula = snapshot.formulas?.[r]?.[c] ?? null;
        const numberFormat = snapshot.numberFormats?.[r]?.[c] ?? null;
        if (value === null && !formula && !numberFormat) return;
        sheet.cells.set(key(snapshot.origin.row + r, snapshot.origin.col + c), {
          ...blank(),
          value,
          formula: formula || null,
          numberFormat,
        });
      })
    );
    this.sheets.set(sheet.name, sheet);
    this.order.push(sheet.name);
    this.recalculate();
  }

  /** The next call of `method` throws `error` (once). */
  failNext(method: HostMethod, error: unknown): void {
    this.failures.set(method, error);
  }

  private maybeFail(method: HostMethod): void {
    if (!this.failures.has(method)) return;
    const e = this.failures.get(method);
    this.failures.delete(method);
    throw e;
  }

  cell(sheet: string, address: string): Cell {
    const { row, col } = parseA1(address);
    return { ...(this.sheet(sheet).cells.get(key(row, col)) ?? blank()) };
  }

  /** A person typing into a cell: the value changes and the change listeners hear of it. */
  edit(sheet: string, address: string, value: CellValue): void {
    const { row, col } = parseA1(address);
    const s = this.sheet(sheet);
    const c = s.cells.get(key(row, col)) ?? blank();
    s.cells.set(key(row, col), { ...c, value, formula: null });
    this.recalculate();
    this.emitChange(sheet, address);
  }

  emitChange(sheet: string, address: string): void {
    for (const l of [...this.listeners]) l(sheet, address);
  }

  /** Every cell of a sheet that holds something, by A1 address. */
  dump(sheet: string): Record<string, Cell> {
    const out: Record<string, Cell> = {};
    for (const [k, c] of this.sheet(sheet).cells) {
      const [r, col] = k.split(",").map(Number);
      out[toA1(r, col)] = { ...c };
    }
    return out;
  }

  /** A person renaming a sheet (its id stays). */
  renameSheet(from: string, to: string): void {
    const s = this.sheet(from);
    this.sheets.delete(from);
    s.name = to;
    this.sheets.set(to, s);
    this.order = this.order.map((n) => (n === from ? to : n));
    if (this.active === from) this.active = to;
  }

  /**
   * A person inserting (count > 0) or deleting (count < 0) whole rows at 0-based row `at`: cells
   * and merges below move, formulas everywhere on the sheet follow, as in Excel.
   */
  shiftRows(sheet: string, at: number, count: number): void {
    const s = this.sheet(sheet);
    const cells = new Map<string, Cell>();
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number);
      const row = shiftRow(r, at, count);
      if (row === null) continue;
      cells.set(key(row, col), {
        ...c,
        formula: c.formula ? shiftFormulaRows(c.formula, at, count) : null,
      });
    }
    s.cells = cells;
    s.merges = s.merges.flatMap((m) => {
      const top = shiftRow(m.top, at, count);
      const bottom = shiftRow(m.bottom, at, count);
      return top === null || bottom === null ? [] : [{ ...m, top, bottom }];
    });
    this.recalculate();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private sheet(name: string): Sheet {
    const s = this.sheets.get(name);
    if (!s)
      throw new HostError("failed", `找不到工作表“${name}”。`, `There is no sheet "${name}".`);
    return s;
  }

  // ---- WorkbookHost ----

  async sheetNames(selection: SheetSelection = {}): Promise<string[]> {
    this.maybeFail("sheetNames");
    return this.order.filter((n) => selection.includeHidden || !this.sheet(n).hidden);
  }

  async activeSheetName(): Promise<string> {
    this.maybeFail("activeSheetName");
    return this.active;
  }

  async readSheets(
    names?: string[],
    onProgress?: (sheet: string, done: number, total: number) => void,
    selection: SheetSelection = {}
  ): Promise<GridSnapshot[]> {
    this.calls.readSheets.push(names ? [...names] : undefined);
    this.maybeFail("readSheets");
    const hidden = this.order.filter((n) => this.sheet(n).hidden);
    if (!names) {
      this.hiddenRead.clear();
      if (hidden.length > 0) this.hiddenSheetsSkipped = selection.includeHidden ? 0 : hidden.length;
    }
    const list = names ?? this.order.filter((n) => selection.includeHidden || !hidden.includes(n));
    for (const n of list) if (hidden.includes(n)) this.hiddenRead.add(n);
    const out: GridSnapshot[] = [];
    list.forEach((name, i) => {
      out.push(this.snapshot(name));
      onProgress?.(name, i + 1, list.length);
    });
    return out;
  }

  private snapshot(name: string): GridSnapshot {
    const s = this.sheet(name);
    let bottom = -1;
    let right = -1;
    for (const k of s.cells.keys()) {
      const [r, c] = k.split(",").map(Number);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    const numberFormats: (string | null)[][] = [];
    for (let r = 0; r <= bottom; r++) {
      values.push([]);
      formulas.push([]);
      numberFormats.push([]);
      for (let c = 0; c <= right; c++) {
        const cell = s.cells.get(key(r, c));
        values[r].push(cell?.value ?? null);
        formulas[r].push(cell?.formula ?? null);
        numberFormats[r].push(cell?.numberFormat ?? null);
      }
    }
    return {
      sheetName: name,
      sheetId: s.id,
      origin: { row: 0, col: 0 },
      values,
      formulas,
      numberFormats,
      merges: clone(s.merges),
    };
  }

  async applyPlan(plan: WritePlan, action: JournalEntry["action"]): Promise<JournalEntry> {
    this.calls.applyPlan.push({ plan: clone(plan), action });
    this.maybeFail("applyPlan");
    const touched = [...plan.writes.map((w) => w.sheet), ...plan.highlights.map((h) => h.sheet)];
    this.assertStateWritable();
    const hiddenSkipped = touched.find((s) => this.sheet(s).hidden && !this.hiddenRead.has(s));
    if (hiddenSkipped) throw hiddenSheetError(hiddenSkipped);
    const reprotected = this.assertSheetsWritable(touched);
    this.assertStateSheet();
    // Journal first (the engine's journal: what each cell held and what the plan leaves there).
    const looks = [...plan.writes, ...plan.highlights].map((t) => ({
      sheet: t.sheet,
      address: t.address,
      ...this.cell(t.sheet, t.address),
    }));
    // Anchored to the tables of the sheets as they are before the write.
    const anchors = this.anchors(new Set(looks.map((l) => l.sheet)));
    const entry = journalEntryFor(plan, looks, action, {
      id: `j${this.nextId++}`,
      at: new Date(0).toISOString(),
      anchorOf: anchors.anchorOf,
    });
    if (reprotected.length > 0) entry.reprotected = reprotected;

    for (const w of plan.writes) {
      const s = this.sheet(w.sheet);
      const c = s.cells.get(key(w.row, w.col)) ?? blank();
      s.cells.set(key(w.row, w.col), {
        ...c,
        formula: w.formula ?? null,
        value: w.formula ? null : (w.value ?? null),
        numberFormat: w.numberFormat ?? c.numberFormat,
      });
    }
    for (const h of plan.highlights) {
      const s = this.sheet(h.sheet);
      const c = s.cells.get(key(h.row, h.col)) ?? blank();
      s.cells.set(key(h.row, h.col), { ...c, fill: `#${h.fillArgb.slice(2)}`, note: h.note_zh });
    }
    this.recalculate();
    this.state = withMarks(withEntry(this.state, entry), entry);
    this.stateSheetExists = true;
    return clone(entry);
  }

  /** Refuses protected sheets other than our own templates; returns our templates among them. */
  private assertSheetsWritable(sheets: readonly string[]): string[] {
    const own: string[] = [];
    for (const s of new Set(sheets)) {
      if (!this.protectedSheets.has(s)) continue;
      if (!isOwnProtected(this.state, s)) {
        throw new HostError(
          "protected",
          `工作表“${s}”受保护，无法写入。`,
          `The sheet "${s}" is protected, so nothing could be written.`
        );
      }
      own.push(s);
    }
    return own;
  }

  /** Adding "_selfeval" needs the workbook's structure unprotected. */
  private assertStateSheet(): void {
    if (!this.stateSheetExists && this.structureProtected) throw structureProtectedError("state");
  }

  async undoLast(): Promise<UndoneEntry | null> {
    this.calls.undoLast++;
    this.maybeFail("undoLast");
    this.assertStateWritable();
    const newest = this.state.journal[this.state.journal.length - 1];
    const anchors = this.anchors(null, newest?.cells ?? []);
    const u = planUndo(
      this.state,
      (sheet, address) => (this.sheets.has(sheet) ? this.cell(sheet, address) : undefined),
      anchors.locate
    );
    if (!u.entry) return null;
    this.assertSheetsWritable(u.restore.map((b) => b.sheet));
    // Marking and clearing marks touched fills and notes only: undoing them puts back just those.
    const lookOnly = u.entry.action === "highlight" || u.entry.action === "clearHighlights";
    for (const b of u.restore) {
      const { row, col } = parseA1(b.address);
      const s = this.sheet(b.sheet);
      const now = s.cells.get(key(row, col)) ?? blank();
      s.cells.set(
        key(row, col),
        lookOnly
          ? { ...now, fill: b.fill, note: b.note }
          : {
              value: b.value,
              formula: b.formula,
              numberFormat: b.numberFormat,
              fill: b.fill,
              note: b.note,
            }
      );
    }
    this.state = u.state;
    this.recalculate();
    return { ...clone(u.entry), conflicts: u.conflicts };
  }

  async clearHighlights(): Promise<number> {
    this.calls.clearHighlights++;
    this.maybeFail("clearHighlights");
    this.assertStateWritable();
    const anchors = this.anchors(null, this.state.marks);
    const c = planClearMarks(
      this.state,
      (sheet, address) => (this.sheets.has(sheet) ? this.cell(sheet, address) : undefined),
      { id: `j${this.nextId++}`, at: new Date(0).toISOString(), locate: anchors.locate }
    );
    this.assertSheetsWritable(c.restore.map((m) => m.sheet));
    for (const m of c.restore) {
      const { row, col } = parseA1(m.address);
      const s = this.sheet(m.sheet);
      const now = s.cells.get(key(row, col)) ?? blank();
      s.cells.set(key(row, col), { ...now, fill: m.fill, note: m.note });
    }
    this.state = c.state;
    return c.restore.length;
  }

  /**
   * Every sheet's id, and the tables of `sheets` (or of the sheets the anchored `cells` are on now)
   * detected under the workbook's rule set.
   */
  private anchors(
    sheets: Set<string> | null,
    cells: readonly { sheet: string; anchor?: JournalEntry["cells"][number]["anchor"] }[] = []
  ): SheetAnchors {
    const anchors = new SheetAnchors(
      anchorSettings(this.state),
      [...this.sheets.values()].map((s) => ({ name: s.name, id: s.id }))
    );
    for (const name of sheets ?? sheetsToDetect(cells, anchors))
      if (this.sheets.has(name)) anchors.detect(this.snapshot(name));
    return anchors;
  }

  /** Set to a decode error to model a "_selfeval" sheet this version cannot read. */
  stateError: string | null = null;

  private assertStateWritable(): void {
    if (this.stateError !== null) throw stateUnreadableError(this.stateError);
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.calls.selectCell.push({ sheet, address });
    this.maybeFail("selectCell");
    this.sheet(sheet);
    this.active = sheet;
  }

  async readState(): Promise<WorkbookState> {
    this.maybeFail("readState");
    return clone(this.state);
  }

  async writeState(state: WorkbookState, options: { reset?: boolean } = {}): Promise<void> {
    this.calls.writeState.push(clone(state));
    this.maybeFail("writeState");
    if (!options.reset) this.assertStateWritable();
    this.assertStateSheet();
    this.stateError = null;
    this.state = clone(state);
    this.stateSheetExists = true;
  }

  async stateProblem(): Promise<string | null> {
    return this.stateError;
  }

  /** Adds the layout's values, formulas, formats and merges as a new sheet (styles are not modelled). */
  async insertTemplateSheet(
    layout: TemplateSheetLayout,
    options: InsertTemplateOptions = {}
  ): Promise<string> {
    this.calls.insertTemplateSheet.push({ layout: clone(layout), options: clone(options) });
    this.maybeFail("insertTemplateSheet");
    if (this.structureProtected) throw structureProtectedError("insert");
    const name = uniqueSheetName(options.name ?? layout.name, this.order);
    const sheet: Sheet = {
      name,
      id: `sheet-${this.nextSheetId++}`,
      cells: new Map(),
      merges: clone(layout.merges),
      hidden: false,
    };
    for (const c of layout.cells) {
      const numberFormat = c.style.numFmt ?? null;
      if (c.formula === undefined && (c.value === null || c.value === "") && !numberFormat)
        continue;
      sheet.cells.set(key(c.row, c.col), {
        ...blank(),
        value: c.formula === undefined ? c.value : null,
        formula: c.formula ?? null,
        numberFormat,
      });
    }
    this.sheets.set(name, sheet);
    this.order.push(name);
    if (layout.protect) {
      this.protectedSheets.add(name);
      if (this.stateError === null) this.state = withOwnProtection(this.state, [name]);
    }
    if (options.rules && (this.state.rules === undefined || this.state.rules === null))
      this.state = stateWithRules(this.state, options.rules);
    if (options.activate !== false) this.active = name;
    this.recalculate();
    return name;
  }

  async onCellsChanged(listener: (sheet: string, address: string) => void): Promise<() => void> {
    this.maybeFail("onCellsChanged");
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---- formulas ----

  /** Computes every formula cell's value with HyperFormula, as Excel would after a write. */
  private recalculate(): void {
    const hasFormula = [...this.sheets.values()].some((s) =>
      [...s.cells.values()].some((c) => c.formula)
    );
    if (!hasFormula) return;
    const raw: Record<string, RawCellContent[][]> = {};
    for (const s of this.sheets.values()) {
      const rows: RawCellContent[][] = [];
      for (const [k, c] of s.cells) {
        const [r, col] = k.split(",").map(Number);
        while (rows.length <= r) rows.push([]);
        rows[r][col] = c.formula ?? (typeof c.value === "string" ? `'${c.value}` : c.value);
      }
      for (const row of rows)
        for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
      raw[s.name] = rows;
    }
    const hf = HyperFormula.buildFromSheets(raw, { licenseKey: "gpl-v3" });
    try {
      for (const s of this.sheets.values()) {
        const id = hf.getSheetId(s.name)!;
        for (const [k, c] of s.cells) {
          if (!c.formula) continue;
          const [row, col] = k.split(",").map(Number);
          const v = hf.getCellValue({ sheet: id, row, col });
          c.value =
            v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean"
              ? v
              : (v as { value: string }).value;
        }
      }
    } finally {
      hf.destroy();
    }
  }
}
