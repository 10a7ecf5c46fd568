/**
 * The task pane's logic, without React and without Office.js: it talks to a WorkbookHost and the
 * engine, keeps what the pane shows in one immutable state object, and tells subscribers when it
 * changes (the pane reads it with useSyncExternalStore).
 *
 *   validate  = read the sheets → analyse → split the ignored findings off
 *   fill      = read → planFill for every table of the analysed sheets → applyPlan("fill") → validate
 *   highlight = read → planHighlights (ignored findings and cells already marked left out)
 *               → applyPlan("highlight") → validate
 *   采用建议得分 = read → planSuggestedScores, only the cells of the SCORE_POLICY_MISMATCH findings
 *               asked for (one row, or every row of one table) → applyPlan("applySuggestedScores")
 *               → validate; only while the rule set turns the scoring policy on
 *   rule set    = parseRuleSet (a fault: its zod path, nothing written) → writeState(stateWithRules)
 *               → validate again with the new rules
 *   insert      = buildTemplateLayout (the workbook's rules) → host.insertTemplateSheet → validate
 *               the new sheet (its blank required fields are what it reports)
 *
 * Nothing is written when detection finds no table, and no host error reaches the person as a
 * stack: HostError carries its own message, anything else becomes a short, readable sentence.
 */
import { analyzeGrid, SheetReport, TableReport } from "../engine/analyze";
import { planChanges, planHighlights, planTableFill, TypedChange } from "../engine/fill";
import { anchorOf, clearedState } from "../engine/journal";
import { planSuggestedScores } from "../engine/fill/plan-suggested-scores";
import type { Highlight, WritePlan } from "../engine/fill/plan-types";
import { parseRange, RangePos } from "../engine/grid/a1";
import { Grid, GridSnapshot } from "../engine/grid/snapshot";
import type { Finding, Severity } from "../engine/model/finding";
import { parseRuleSet, ruleSetFromState, stateWithRules } from "../engine/policy/ruleset";
import { EngineSettings, EngineSettingsInput, resolveSettings } from "../engine/settings";
import type { RuleSet } from "../engine/settings";
import { TemplateError } from "../engine/template/errors";
import { buildTemplateLayout, TemplateVariant } from "../engine/template/layout";
import { splitSuppressed } from "../engine/state/suppress";
import { emptyState } from "../engine/state/schema";
import type { JournalEntry, Suppression, WorkbookState } from "../engine/state/schema";
import { HostError, HostErrorKind, WorkbookHost } from "../hosts/host";
import { FillNote, fillNotesFor, notesOfPlan } from "./fill-notes";
import { format, pick, Strings } from "./i18n";

export type ActionKind =
  | "validateSheet"
  | "validateWorkbook"
  | "fill"
  | "highlight"
  | "clearHighlights"
  | "undo"
  | "ignore"
  | "unignore"
  | "applySuggestedScores"
  | "saveRules"
  | "restoreRules"
  | "insertTemplate"
  | "clearAssistantData";

export type SeverityCounts = Record<Severity, number>;

export interface IgnoredFinding {
  sheet: string;
  /** Key of the table the finding belongs to, or null for a sheet-level finding. */
  tableKey: string | null;
  finding: Finding;
  suppression: Suppression;
}

export interface TableResult {
  /** "sheet!A1:I22": unique within the workbook. */
  key: string;
  sheet: string;
  /** The table's range, e.g. "A1:I22". */
  range: string;
  bounds: RangePos;
  /** 项目名称 (or 部门名称 for a whole-department table) as written; null when blank. */
  name: string | null;
  kind: "project" | "department";
  /** Findings not ignored, in sheet order. */
  findings: Finding[];
  ignored: IgnoredFinding[];
  counts: SeverityCounts;
  /** What 填充公式 would leave alone in this table, and why (empty when it fills everything). */
  fillNotes: FillNote[];
}

export interface SheetResult {
  sheet: string;
  tables: TableResult[];
  /** Sheet-level findings other than TABLE_NOT_FOUND (the pane says that one in its own words). */
  findings: Finding[];
  ignored: IgnoredFinding[];
}

export interface Scope {
  kind: "sheet" | "workbook";
  /** The sheets analysed (for "workbook", every visible sheet at the time). */
  sheets: string[];
}

export interface Progress {
  sheet: string;
  done: number;
  total: number;
}

/** A cell the pane can take the person to. */
export interface CellRef {
  sheet: string;
  address: string;
}

export interface Notice {
  intent: "success" | "info" | "warning";
  text: string;
  /** The cells 标出未说明的偏差 just marked, in sheet order: the pane steps through them. */
  marks?: CellRef[];
}

/** The rule set the analysis uses and where it comes from. */
export interface RulesInfo {
  /**
   * "fixed": given to the controller; "embedded": the workbook's own (state.rules); "default": the
   * workbook carries none, or one that was rejected (rulesWarning says why).
   */
  source: "fixed" | "embedded" | "default";
  rules: RuleSet;
  /** Whether the workbook's state holds a rule set at all (even a rejected one): 恢复默认 removes it. */
  stored: boolean;
}

/** Why a rule set the pane was asked to save was rejected; nothing was written. */
export interface RulesError {
  /** Dotted zod path of the fault ("gradeBands.1.min"); "" for the document as a whole. */
  path: string;
  /** The sentence, with the path, in the pane's language. */
  message: string;
}

export interface InsertTemplateRequest {
  variant: TemplateVariant;
  /** A table family's blank table instead of the variant's (templates/layout.ts TemplateOptions.family). */
  family?: string;
  /** The assessment year, 1990–2100. */
  year: number | string;
  /** Sheet protection (locked labels and formulas); default true. */
  protect?: boolean;
}

export interface PaneError {
  kind: HostErrorKind | "unexpected";
  title: string;
  /** What went wrong, in the pane's language. */
  message: string;
  /** What to do next. */
  hint: string;
}

export interface PaneState {
  /** The action under way; the pane disables its buttons while set. */
  busy: ActionKind | null;
  /** Sheet-by-sheet progress of a workbook-wide read. */
  progress: Progress | null;
  /** A table is being re-checked after an edit (the buttons stay enabled). */
  refreshing: boolean;
  scope: Scope | null;
  /** null until the first validation. */
  results: SheetResult[] | null;
  suppressions: Suppression[];
  notice: Notice | null;
  error: PaneError | null;
  /**
   * The workbook carries a rule set (state.rules) that could not be read, so the defaults are
   * used; what is wrong with it, in the pane's language. null when there is none or it is fine.
   */
  rulesWarning: string | null;
  /** The rule set in force (the defaults until the workbook's state has been read). */
  rules: RulesInfo;
  /** Set when saveRules rejected its input; cleared by the next save or dismissRulesError. */
  rulesError: RulesError | null;
  /**
   * A fill that would change typed values, waiting for the user: shown with every change (table,
   * cell, field, before → after); written by confirmFill, dropped by cancelFill.
   */
  pendingFill: PendingFill | null;
  /**
   * Why the workbook's "_selfeval" state cannot be read (in the pane's language): nothing is saved
   * until the user chooses 清除助手数据. null when it reads.
   */
  stateProblem: string | null;
  /** Hidden sheets are read too by a whole-workbook check, fill and highlight. */
  includeHidden: boolean;
  /** Hidden sheets the last whole-workbook read left out (0 for a sheet check). */
  hiddenSheetsSkipped: number;
}

/** A fill plan held back until the user confirms the typed values it changes. */
export interface PendingFill {
  scope: Scope;
  plan: WritePlan;
  changes: TypedChange[];
  /** Formulas left out so as not to show an impossible figure, with the reason in the pane's language. */
  skipped: string[];
}

interface Analysis {
  reports: SheetReport[];
  wbState: WorkbookState;
  settings: EngineSettings;
  rulesWarning: string | null;
  rules: RulesInfo;
  /** Hidden sheets the read left out (whole-workbook reads only). */
  hiddenSheetsSkipped: number;
}

export interface PaneControllerOptions {
  strings: Strings;
  /** A fixed rule set; by default the one the workbook carries in its state (or the defaults). */
  settings?: EngineSettingsInput;
  /** Quiet time after the last edit before a table re-checks itself (ms). */
  debounceMs?: number;
  /** Clock for suppression timestamps (tests). */
  now?: () => Date;
  /** Start with hidden sheets included in whole-workbook reads (the pane remembers the choice). */
  includeHidden?: boolean;
}

export interface FillOptions {
  /** Also turn numbers stored as text in amount/分值/得分 cells into numbers. */
  convertNumbers?: boolean;
}

const EMPTY_COUNTS: SeverityCounts = { error: 0, warning: 0, info: 0 };

function isHostError(e: unknown): e is HostError {
  if (e instanceof HostError) return true;
  // A HostError from another bundle copy: recognise it by shape.
  const o = e as Partial<HostError> | null;
  return (
    !!o &&
    typeof o === "object" &&
    o.name === "HostError" &&
    typeof o.message_zh === "string" &&
    typeof o.message_en === "string"
  );
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0].trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function sameSuppression(
  s: Suppression,
  code: string,
  sheet: string,
  cell: string | null
): boolean {
  return s.code === code && s.sheet === sheet && s.cell === cell;
}

function intersects(a: RangePos, b: RangePos): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function tableName(report: TableReport): string | null {
  const h = report.table.header;
  const fields =
    report.table.kind === "department"
      ? [h.deptName, h.projectName]
      : [h.projectName, h.subProject, h.deptName];
  for (const f of fields) {
    const v = f?.value?.value;
    if (v !== null && v !== undefined && String(v).trim() !== "") return String(v).trim();
  }
  return null;
}

/** A table as the fill notice and the confirmation name it: "项目名称（sheet!A1:I22）". */
function tableLabel(report: TableReport): string {
  return `${tableName(report) ?? report.table.sheet}（${report.table.sheet}!${report.table.range.address}）`;
}

export class PaneController {
  private state: PaneState = {
    busy: null,
    progress: null,
    refreshing: false,
    scope: null,
    results: null,
    suppressions: [],
    notice: null,
    error: null,
    rulesWarning: null,
    rules: { source: "default", rules: resolveSettings(), stored: false },
    rulesError: null,
    pendingFill: null,
    stateProblem: null,
    includeHidden: false,
    hiddenSheetsSkipped: 0,
  };
  private readonly listeners = new Set<() => void>();
  private readonly strings: Strings;
  private readonly fixedSettings: EngineSettings | null;
  private readonly debounceMs: number;
  private readonly now: () => Date;
  /** The analysed sheets' reports, in scope order; results are derived from them. */
  private reports: SheetReport[] = [];
  /** The rule set the reports were analysed with (fill notes are planned with it). */
  private reportSettings: EngineSettings = resolveSettings();
  /** Whether the last fill converted numbers stored as text (fill notes are planned the same way). */
  private convertNumbers = false;
  /** Bumped whenever results are replaced, so a slow refresh never overwrites newer results. */
  private generation = 0;
  private unsubscribeChanges: (() => void) | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingChanges = new Map<string, Set<string>>();
  private disposed = false;
  /** Bumped by start() and dispose(), so a start() that resolves late knows it is stale. */
  private epoch = 0;
  /** Each read sheet's stable id (where the host has one): ignores stay attached across a rename. */
  private readonly sheetIds = new Map<string, string>();
  /** The last read of each sheet where no table was found (识别此表格式 drafts a layout from it). */
  private readonly withoutTable = new Map<string, GridSnapshot>();

  constructor(
    private readonly host: WorkbookHost,
    options: PaneControllerOptions
  ) {
    this.strings = options.strings;
    this.fixedSettings = options.settings === undefined ? null : resolveSettings(options.settings);
    this.debounceMs = options.debounceMs ?? 600;
    this.now = options.now ?? (() => new Date());
    this.state = { ...this.state, includeHidden: !!options.includeHidden };
  }

  // ---- subscription (useSyncExternalStore) ----

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): PaneState => this.state;

  private set(patch: Partial<PaneState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  // ---- lifecycle ----

  /**
   * Loads the ignored findings and starts listening for edits. Errors are shown, not thrown.
   * Safe to call again after dispose() (React's StrictMode mounts effects twice).
   */
  async start(): Promise<void> {
    this.disposed = false;
    const epoch = ++this.epoch;
    try {
      const unsubscribe = await this.host.onCellsChanged((sheet, address) =>
        this.cellsChanged(sheet, address)
      );
      if (this.disposed || epoch !== this.epoch) {
        unsubscribe();
        return;
      }
      this.unsubscribeChanges?.();
      this.unsubscribeChanges = unsubscribe;
      const state = await this.host.readState();
      if (epoch === this.epoch && !this.state.results) {
        const { rules, rulesWarning } = this.rulesOf(state);
        this.set({ suppressions: state.suppressions, rules, rulesWarning });
      }
    } catch (e) {
      if (epoch === this.epoch) this.set({ error: this.describe(e) });
    }
  }

  /** Stops listening for edits and drops pending refreshes; results of calls under way are dropped. */
  dispose(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
    this.pendingChanges.clear();
    this.unsubscribeChanges?.();
    this.unsubscribeChanges = null;
    this.disposed = true;
    this.epoch++;
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  dismissError(): void {
    this.set({ error: null });
  }

  dismissRulesError(): void {
    this.set({ rulesError: null });
  }

  // ---- actions ----

  /** Analyses the active sheet. Resolves false when it could not (the error is in the state). */
  validateActiveSheet(): Promise<boolean> {
    return this.run("validateSheet", async () => {
      const sheet = await this.host.activeSheetName();
      await this.validate({ kind: "sheet", sheets: [sheet] });
    });
  }

  /**
   * Whether whole-workbook checks, fills and highlights take in hidden sheets too; after a
   * whole-workbook check, checks the workbook again with the new choice.
   */
  async setIncludeHidden(include: boolean): Promise<boolean> {
    if (this.disposed || include === this.state.includeHidden) return false;
    this.set({ includeHidden: include });
    if (this.state.scope?.kind !== "workbook") return true;
    return this.validateWorkbook();
  }

  /** Analyses every visible sheet (hidden ones too when asked), reporting each sheet as it is read. */
  validateWorkbook(onProgress?: (progress: Progress) => void): Promise<boolean> {
    return this.run("validateWorkbook", async () => {
      await this.validate({ kind: "workbook", sheets: [] }, onProgress);
    });
  }

  /**
   * Writes the formulas (执行率, funding 得分, 总分, 等级) into every table of the analysed sheets:
   * the active sheet, or all sheets after a workbook validation. Re-checks afterwards.
   */
  fill(options: FillOptions = {}): Promise<boolean> {
    return this.run("fill", async () => {
      const scope = await this.currentScope();
      const analysis = await this.read(scope);
      const { reports, settings } = analysis;
      const tables = reports.flatMap((r) => r.tables);
      if (tables.length === 0) {
        this.show(scope, analysis);
        this.set({ notice: { intent: "warning", text: this.strings.noticeNoTableNoWrite } });
        return;
      }
      this.convertNumbers = !!options.convertNumbers;
      const planned = tables.map((t) => {
        const plan = planTableFill(t.table, settings, { convertNumbers: this.convertNumbers });
        return {
          table: t.table,
          report: t,
          notes: notesOfPlan(t.table, plan, this.strings),
          ...plan,
        };
      });
      const writes = planned.flatMap((p) => p.writes);
      // Per table: why its stated 总分/等级 (or the whole table) are left as they are.
      const skipped = planned.flatMap((p) => {
        const label = tableLabel(p.report);
        return p.notes.map((n) => `${label}：${n.text}`);
      });
      if (writes.length === 0) {
        this.show(scope, analysis);
        this.set({
          notice:
            skipped.length > 0
              ? {
                  intent: "warning",
                  text: [
                    planned.some((p) => p.notes.some((n) => n.refused))
                      ? this.strings.noticeFillNothingKept
                      : this.strings.noticeFillNothing,
                    this.strings.fillSkippedHeading,
                    ...skipped,
                  ].join("\n"),
                }
              : { intent: "info", text: this.strings.noticeFillNothing },
        });
        return;
      }
      const plan: WritePlan = { writes, highlights: [] };
      // Show before change: a plan that replaces typed values waits for the user's confirmation.
      const changes = planChanges(planned);
      if (changes.length > 0) {
        this.show(scope, analysis);
        this.set({ pendingFill: { scope, plan, changes, skipped } });
        return;
      }
      await this.writeFill(scope, plan, skipped);
    });
  }

  /** Writes the fill the user was shown (pendingFill). */
  confirmFill(): Promise<boolean> {
    return this.run("fill", async () => {
      const pending = this.state.pendingFill;
      if (!pending) return;
      this.set({ pendingFill: null });
      await this.writeFill(pending.scope, pending.plan, pending.skipped);
    });
  }

  /** Drops the fill the user was shown; nothing is written. */
  cancelFill(): void {
    this.set({ pendingFill: null });
  }

  private async writeFill(scope: Scope, plan: WritePlan, skipped: string[]): Promise<void> {
    await this.host.applyPlan(plan, "fill");
    await this.validate(scope);
    const text = format(this.strings.noticeFilled, { n: plan.writes.length });
    this.set({
      notice: {
        intent: skipped.length > 0 ? "warning" : "success",
        text:
          skipped.length > 0
            ? `${text}\n${this.strings.fillSkippedHeading}\n${skipped.join("\n")}`
            : text,
      },
    });
  }

  /**
   * 清除助手数据: removes the journal, the ignored findings and the marks from the workbook's
   * "_selfeval" state (the rule set too when `rules`); also the way out of a state that cannot be
   * read. The fills and notes of marked cells stay as they are.
   */
  clearAssistantData(options: { rules: boolean }): Promise<boolean> {
    return this.run("clearAssistantData", async () => {
      const problem = await this.host.stateProblem();
      const current = problem === null ? await this.host.readState() : emptyState();
      const next = clearedState(current, options);
      await this.host.writeState(next, { reset: true });
      this.setSuppressions(next.suppressions);
      this.set({
        stateProblem: null,
        notice: { intent: "success", text: this.strings.noticeAssistantDataCleared },
      });
      if (this.state.scope) await this.validate(this.state.scope);
    });
  }

  /**
   * Colours and annotates the explanation cell of every unexplained deviation in the analysed
   * sheets. Ignored findings and cells that already carry our mark are left alone.
   */
  highlight(): Promise<boolean> {
    return this.run("highlight", async () => {
      const scope = await this.currentScope();
      const analysis = await this.read(scope);
      const { reports, wbState, settings } = analysis;
      const tables = reports.flatMap((r) => r.tables);
      if (tables.length === 0) {
        this.show(scope, analysis);
        this.set({ notice: { intent: "warning", text: this.strings.noticeNoTableNoWrite } });
        return;
      }
      const marked = new Set(wbState.marks.map((m) => `${m.sheet}!${m.address}`));
      const highlights: Highlight[] = [];
      for (const t of tables) {
        const onSheet = reports.find((r) => r.sheet === t.table.sheet)?.tables ?? [];
        const { active } = splitSuppressed(t.table.sheet, t.findings, wbState.suppressions, {
          tables: onSheet.map((x) => x.table),
          sheetId: this.sheetIds.get(t.table.sheet),
        });
        for (const h of planHighlights({ table: t.table, findings: active }, settings)) {
          if (!marked.has(`${h.sheet}!${h.address}`)) highlights.push(h);
        }
      }
      if (highlights.length === 0) {
        this.show(scope, analysis);
        this.set({ notice: { intent: "info", text: this.strings.noticeHighlightNothing } });
        return;
      }
      await this.host.applyPlan({ writes: [], highlights }, "highlight");
      await this.validate(scope);
      const order = new Map(reports.map((r, i) => [r.sheet, i]));
      const marks = [...highlights]
        .sort(
          (a, b) =>
            (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.row - b.row || a.col - b.col
        )
        .map((h) => ({ sheet: h.sheet, address: h.address }));
      this.set({
        notice: {
          intent: "success",
          text: format(this.strings.noticeHighlighted, { n: highlights.length }),
          marks,
        },
      });
    });
  }

  clearHighlights(): Promise<boolean> {
    return this.run("clearHighlights", async () => {
      const n = await this.host.clearHighlights();
      this.set({
        notice:
          n > 0
            ? { intent: "success", text: format(this.strings.noticeCleared, { n }) }
            : { intent: "info", text: this.strings.noticeClearedNone },
      });
    });
  }

  undoLast(): Promise<boolean> {
    return this.run("undo", async () => {
      const entry = await this.host.undoLast();
      if (!entry) {
        this.set({ notice: { intent: "info", text: this.strings.noticeUndoNothing } });
        return;
      }
      if (this.state.scope) await this.validate(this.state.scope);
      const action = this.actionName(entry.action);
      const conflicts = entry.conflicts ?? [];
      const cells = conflicts.map((c) => `${c.sheet}!${c.address}`).join(", ");
      this.set({
        notice:
          conflicts.length > 0
            ? {
                intent: "warning",
                text: format(this.strings.noticeUndoConflicts, { action, cells }),
              }
            : { intent: "success", text: format(this.strings.noticeUndone, { action }) },
      });
    });
  }

  /** Saves the finding as ignored, with the reason, in the workbook's state. */
  ignoreFinding(finding: Finding, sheet: string, reason: string): Promise<boolean> {
    const why = reason.trim();
    if (!why) return Promise.resolve(false);
    return this.run("ignore", async () => {
      const current = await this.host.readState();
      const others = current.suppressions.filter(
        (s) => !sameSuppression(s, finding.code, sheet, finding.cell)
      );
      // Anchored to what the cell is, so the ignore follows it when rows are inserted or deleted.
      const tables = this.reports.find((r) => r.sheet === sheet)?.tables.map((t) => t.table) ?? [];
      const anchor = finding.cell ? anchorOf(tables, finding.cell, this.sheetIds.get(sheet)) : null;
      const suppression: Suppression = {
        code: finding.code,
        sheet,
        cell: finding.cell,
        reason: why,
        at: this.now().toISOString(),
        ...(anchor ? { anchor } : {}),
      };
      const next: WorkbookState = { ...current, suppressions: [...others, suppression] };
      await this.host.writeState(next);
      this.setSuppressions(next.suppressions);
      this.set({ notice: { intent: "success", text: this.strings.noticeIgnored } });
    });
  }

  /** Takes a finding off the ignored list. */
  unignore(target: Pick<Suppression, "code" | "sheet" | "cell">): Promise<boolean> {
    return this.run("unignore", async () => {
      const current = await this.host.readState();
      const next: WorkbookState = {
        ...current,
        suppressions: current.suppressions.filter(
          (s) => !sameSuppression(s, target.code, target.sheet, target.cell)
        ),
      };
      await this.host.writeState(next);
      this.setSuppressions(next.suppressions);
      this.set({ notice: { intent: "success", text: this.strings.noticeRestored } });
    });
  }

  // ---- suggested scores ----

  /**
   * 采用建议得分 for one finding: writes the policy score into that SCORE_POLICY_MISMATCH finding's
   * 得分 cell only (journalled, so 撤销 puts the typed score back), then re-checks. Nothing is
   * written unless the rule set turns the scoring policy on and the row still differs.
   */
  applySuggestedScore(finding: Pick<Finding, "code" | "cell">, sheet: string): Promise<boolean> {
    if (finding.code !== "SCORE_POLICY_MISMATCH" || !finding.cell) return Promise.resolve(false);
    return this.applySuggestions({ sheet, cell: finding.cell });
  }

  /** 全部采用建议得分 for one table: every SCORE_POLICY_MISMATCH finding it lists (not the ignored ones). */
  applyAllSuggestedScores(tableKey: string): Promise<boolean> {
    const bang = tableKey.lastIndexOf("!");
    if (bang < 0) return Promise.resolve(false);
    return this.applySuggestions({ sheet: tableKey.slice(0, bang), tableKey });
  }

  private applySuggestions(target: {
    sheet: string;
    cell?: string;
    tableKey?: string;
  }): Promise<boolean> {
    return this.run("applySuggestedScores", async () => {
      const s = this.strings;
      const scope = await this.currentScope();
      const analysis = await this.read(scope);
      const { reports, wbState, settings } = analysis;
      if (!settings.indicatorScoring.enabled) {
        this.show(scope, analysis);
        this.set({ notice: { intent: "warning", text: s.noticePolicyOff } });
        return;
      }
      const report = reports.find((r) => r.sheet === target.sheet);
      const table = report?.tables.find((t) =>
        target.tableKey
          ? `${target.sheet}!${t.table.range.address}` === target.tableKey
          : t.findings.some((f) => f.code === "SCORE_POLICY_MISMATCH" && f.cell === target.cell)
      );
      const wanted = new Set<string>();
      if (table) {
        const { active } = splitSuppressed(target.sheet, table.findings, wbState.suppressions, {
          tables: report!.tables.map((x) => x.table),
          sheetId: this.sheetIds.get(target.sheet),
        });
        for (const f of active) {
          if (f.code !== "SCORE_POLICY_MISMATCH" || !f.cell) continue;
          if (target.cell === undefined || f.cell === target.cell) wanted.add(f.cell);
        }
      }
      const writes = table
        ? planSuggestedScores(table.table, settings).filter((w) => wanted.has(w.address))
        : [];
      if (writes.length === 0) {
        this.show(scope, analysis);
        this.set({ notice: { intent: "info", text: s.noticeSuggestedNothing } });
        return;
      }
      await this.host.applyPlan({ writes, highlights: [] }, "applySuggestedScores");
      await this.validate(scope);
      const [one] = writes;
      this.set({
        notice: {
          intent: "success",
          text:
            writes.length === 1
              ? format(s.noticeSuggestedOne, { cell: one.address, value: String(one.value) })
              : format(s.noticeSuggestedMany, { n: writes.length }),
        },
      });
    });
  }

  // ---- the rule set ----

  /**
   * Saves a rule set (a document or JSON text) into the workbook's state. A malformed one is
   * rejected with the zod path of its first fault (state.rulesError) and nothing is written; a
   * valid one is stored as its short document, and the analysed sheets are checked again with it.
   */
  async saveRules(input: unknown): Promise<boolean> {
    if (this.state.busy || this.disposed) return false;
    const parsed = parseRuleSet(input);
    if (!parsed.ok) {
      this.set({
        rulesError: {
          path: parsed.path,
          message: pick(this.strings, parsed.error_zh, parsed.error_en),
        },
        notice: null,
      });
      return false;
    }
    this.set({ rulesError: null });
    return this.run("saveRules", async () => {
      const current = await this.host.readState();
      const next = stateWithRules(current, parsed.rules);
      await this.host.writeState(next);
      this.set(this.rulesOf(next));
      const scope = this.state.scope;
      if (scope) await this.validate(scope);
      this.set({
        notice: {
          intent: "success",
          text: scope ? this.strings.noticeRulesSavedChecked : this.strings.noticeRulesSaved,
        },
      });
    });
  }

  /** 恢复默认: removes the workbook's rule set (state.rules), so the defaults apply; re-checks. */
  restoreDefaultRules(): Promise<boolean> {
    return this.run("restoreRules", async () => {
      const current = await this.host.readState();
      if (current.rules === undefined || current.rules === null) {
        this.set({
          ...this.rulesOf(current),
          notice: { intent: "info", text: this.strings.noticeRulesAlreadyDefault },
        });
        return;
      }
      const next = stateWithRules(current, null);
      await this.host.writeState(next);
      this.set({ ...this.rulesOf(next), rulesError: null });
      if (this.state.scope) await this.validate(this.state.scope);
      this.set({ notice: { intent: "success", text: this.strings.noticeRulesRestored } });
    });
  }

  // ---- the standard blank table ----

  /**
   * 插入标准自评表: a new sheet with one standard blank table laid out with the workbook's rule set
   * (which is embedded when the workbook has none), then that sheet is checked: what it reports
   * are the required fields still blank.
   */
  insertTemplate(request: InsertTemplateRequest): Promise<boolean> {
    return this.run("insertTemplate", async () => {
      const wbState = await this.host.readState();
      const rules = this.fixedSettings ?? ruleSetFromState(wbState).rules;
      const layout = buildTemplateLayout({
        variant: request.variant,
        family: request.family,
        projects: 1,
        year: request.year,
        settings: rules,
        protect: request.protect ?? true,
      });
      const sheet = await this.host.insertTemplateSheet(layout.sheets[0], { rules: layout.rules });
      await this.validate({ kind: "sheet", sheets: [sheet] });
      this.set({
        notice: { intent: "success", text: format(this.strings.noticeTemplateInserted, { sheet }) },
      });
    });
  }

  /** The sheet as last read, when no table was found on it (else undefined). */
  sheetWithoutTable(sheet: string): GridSnapshot | undefined {
    return this.withoutTable.get(sheet);
  }

  /** Selects a cell in the workbook (activating its sheet); a failure is shown, not thrown. */
  async selectCell(ref: CellRef): Promise<void> {
    try {
      await this.host.selectCell(ref.sheet, ref.address);
    } catch (e) {
      this.set({ error: this.describe(e) });
    }
  }

  /** Selects the finding's cell in the workbook (activating its sheet). */
  async selectFinding(finding: Pick<Finding, "cell">, sheet: string): Promise<void> {
    if (!finding.cell) return;
    try {
      await this.host.selectCell(sheet, finding.cell);
    } catch (e) {
      this.set({ error: this.describe(e) });
    }
  }

  /**
   * Re-checks the sheet of the detected table that `address` falls in (tables can move when
   * rows are inserted, so the whole sheet is detected again). Resolves false, reading nothing,
   * when the address is in no detected table or an action is under way.
   */
  async refreshTable(sheet: string, address: string): Promise<boolean> {
    if (this.state.busy || this.disposed) return false;
    if (!this.touchesTable(sheet, address)) return false;
    const generation = ++this.generation;
    this.set({ refreshing: true });
    try {
      const { reports, wbState, rulesWarning, rules, settings } = await this.read({
        kind: "sheet",
        sheets: [sheet],
      });
      const [report] = reports;
      if (generation !== this.generation || !report) return false;
      this.reports = this.reports.map((r) => (r.sheet === sheet ? report : r));
      this.reportSettings = settings;
      this.set({ rulesWarning, rules });
      this.setSuppressions(wbState.suppressions);
      return true;
    } catch (e) {
      if (generation === this.generation) this.set({ error: this.describe(e) });
      return false;
    } finally {
      if (generation === this.generation) this.set({ refreshing: false });
    }
  }

  // ---- edits ----

  /** The host's change listener: collects edits and refreshes once they pause. */
  private cellsChanged(sheet: string, address: string): void {
    if (this.disposed || !this.state.results) return;
    // While an action runs, the changes are our own writes; the action re-checks anyway.
    if (this.state.busy) return;
    const set = this.pendingChanges.get(sheet) ?? new Set<string>();
    set.add(address);
    this.pendingChanges.set(sheet, set);
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.flushChanges();
    }, this.debounceMs);
  }

  private async flushChanges(): Promise<void> {
    const pending = [...this.pendingChanges];
    this.pendingChanges.clear();
    for (const [sheet, addresses] of pending) {
      const hit = [...addresses].find((a) => this.touchesTable(sheet, a));
      if (hit) await this.refreshTable(sheet, hit);
    }
  }

  private touchesTable(sheet: string, address: string): boolean {
    const report = this.reports.find((r) => r.sheet === sheet);
    if (!report || report.tables.length === 0) return false;
    const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
    let range: RangePos;
    try {
      range = parseRange(bare);
    } catch {
      // Whole rows or columns ("3:5", "B:B"): rows or columns were inserted or cleared; look again.
      return /^\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}$|^\$?\d+:\$?\d+$/.test(bare.trim());
    }
    return report.tables.some((t) => intersects(range, t.table.range));
  }

  // ---- internals ----

  private async run(kind: ActionKind, body: () => Promise<void>): Promise<boolean> {
    if (this.state.busy || this.disposed) return false;
    this.generation++;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
    this.pendingChanges.clear();
    this.set({ busy: kind, progress: null, notice: null, error: null, refreshing: false });
    try {
      await body();
      return true;
    } catch (e) {
      this.set({ error: this.describe(e) });
      return false;
    } finally {
      this.set({ busy: null, progress: null });
    }
  }

  private async currentScope(): Promise<Scope> {
    return this.state.scope ?? { kind: "sheet", sheets: [await this.host.activeSheetName()] };
  }

  /**
   * Reads the workbook state (its ignored findings and rule set) and the scope's sheets (all
   * visible sheets for a workbook scope), and analyses them with the workbook's rules.
   */
  private async read(scope: Scope, onProgress?: (p: Progress) => void): Promise<Analysis> {
    const wbState = await this.host.readState();
    const problem = await this.host.stateProblem();
    const stateProblem =
      problem === null ? null : format(this.strings.stateUnreadable, { reason: problem });
    if (stateProblem !== this.state.stateProblem) this.set({ stateProblem });
    const { rules, rulesWarning } = this.rulesOf(wbState);
    const settings = rules.rules;
    const names = scope.kind === "workbook" ? undefined : scope.sheets;
    const report = (sheet: string, done: number, total: number) => {
      const progress = { sheet, done, total };
      if (scope.kind === "workbook") this.set({ progress });
      onProgress?.(progress);
    };
    // A whole-workbook read follows the hidden-sheet choice; named sheets are read as asked.
    const selection =
      scope.kind === "workbook" ? { includeHidden: this.state.includeHidden } : undefined;
    const snapshots = await this.host.readSheets(names, report, selection);
    const hiddenSheetsSkipped = scope.kind === "workbook" ? this.host.hiddenSheetsSkipped : 0;
    const reports = snapshots.map((s) => analyzeGrid(new Grid(s), settings));
    snapshots.forEach((s, i) => {
      if (s.sheetId) this.sheetIds.set(s.sheetName, s.sheetId);
      if (reports[i].tables.length === 0) this.withoutTable.set(s.sheetName, s);
      else this.withoutTable.delete(s.sheetName);
    });
    return { reports, wbState, settings, rulesWarning, rules, hiddenSheetsSkipped };
  }

  /** The rule set a workbook state gives (or the fixed one), and what is wrong with a rejected one. */
  private rulesOf(wbState: WorkbookState): { rules: RulesInfo; rulesWarning: string | null } {
    const stored = wbState.rules !== undefined && wbState.rules !== null;
    if (this.fixedSettings)
      return { rules: { source: "fixed", rules: this.fixedSettings, stored }, rulesWarning: null };
    const embedded = ruleSetFromState(wbState);
    return {
      rules: { source: embedded.source, rules: embedded.rules, stored },
      rulesWarning: embedded.error
        ? pick(this.strings, embedded.error.error_zh, embedded.error.error_en)
        : null,
    };
  }

  private async validate(scope: Scope, onProgress?: (p: Progress) => void): Promise<void> {
    this.show(scope, await this.read(scope, onProgress));
  }

  private show(
    scope: Scope,
    { reports, wbState, rulesWarning, rules, settings, hiddenSheetsSkipped }: Analysis
  ): void {
    this.generation++;
    this.reports = reports;
    this.reportSettings = settings;
    const sheets = scope.kind === "workbook" ? reports.map((r) => r.sheet) : scope.sheets;
    this.set({ scope: { kind: scope.kind, sheets }, rulesWarning, rules, hiddenSheetsSkipped });
    this.setSuppressions(wbState.suppressions);
  }

  private setSuppressions(suppressions: Suppression[]): void {
    this.set({
      suppressions,
      results:
        this.reports.length || this.state.scope ? this.derive(suppressions) : this.state.results,
    });
  }

  private derive(suppressions: readonly Suppression[]): SheetResult[] {
    return this.reports.map((report) => {
      const tables = report.tables.map((t): TableResult => {
        const key = `${report.sheet}!${t.table.range.address}`;
        const split = splitSuppressed(report.sheet, t.findings, suppressions, {
          tables: report.tables.map((x) => x.table),
          sheetId: this.sheetIds.get(report.sheet),
        });
        const findings = [...split.active].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
        const counts = { ...EMPTY_COUNTS };
        for (const f of findings) counts[f.severity]++;
        return {
          key,
          sheet: report.sheet,
          range: t.table.range.address,
          bounds: {
            top: t.table.range.top,
            left: t.table.range.left,
            bottom: t.table.range.bottom,
            right: t.table.range.right,
          },
          name: tableName(t),
          kind: t.table.kind,
          findings,
          ignored: split.ignored.map((i) => ({ sheet: report.sheet, tableKey: key, ...i })),
          counts,
          fillNotes: fillNotesFor(t.table, this.reportSettings, this.strings, {
            convertNumbers: this.convertNumbers,
          }),
        };
      });
      const sheetLevel = splitSuppressed(
        report.sheet,
        report.findings.filter((f) => f.code !== "TABLE_NOT_FOUND"),
        suppressions
      );
      return {
        sheet: report.sheet,
        tables,
        findings: sheetLevel.active,
        ignored: sheetLevel.ignored.map((i) => ({ sheet: report.sheet, tableKey: null, ...i })),
      };
    });
  }

  private actionName(action: JournalEntry["action"]): string {
    const s = this.strings;
    switch (action) {
      case "fill":
        return s.journalFill;
      case "highlight":
        return s.journalHighlight;
      case "clearHighlights":
        return s.journalClearHighlights;
      case "applySuggestedScores":
        return s.journalApplySuggestedScores;
      case "insertTemplate":
        return s.journalInsertTemplate;
      case "convertNumbers":
        return s.journalConvertNumbers;
      default:
        return action; // an action a newer version journalled
    }
  }

  /** A readable error for the pane: the host's own message and what to do next; never a stack. */
  describe(e: unknown): PaneError {
    const s = this.strings;
    if (e instanceof TemplateError) {
      return {
        kind: "failed",
        title: s.errorTitle,
        message: pick(s, e.reason_zh, e.reason_en),
        hint: s.hintTemplate,
      };
    }
    if (isHostError(e)) {
      return {
        kind: e.kind,
        title: s.errorTitle,
        message: pick(s, e.message_zh, e.message_en),
        hint: this.hintFor(e.kind),
      };
    }
    const raw = e instanceof Error ? e.message : typeof e === "string" ? e : "";
    const detail = firstLine(raw) || (e instanceof Error ? e.name : "") || "?";
    return {
      kind: "unexpected",
      title: s.errorTitle,
      message: format(s.errorUnexpected, { detail }),
      hint: s.hintFailed,
    };
  }

  private hintFor(kind: HostErrorKind): string {
    const s = this.strings;
    switch (kind) {
      case "protected":
        return s.hintProtected;
      case "tooLarge":
        return s.hintTooLarge;
      case "unsupported":
        return s.hintUnsupported;
      case "noWorkbook":
        return s.hintNoWorkbook;
      case "failed":
        return s.hintFailed;
      case "stateUnreadable":
        return s.hintStateUnreadable;
    }
  }
}

/** Totals over every table of the results. */
export function totalCounts(results: readonly SheetResult[]): SeverityCounts & { tables: number } {
  const out = { ...EMPTY_COUNTS, tables: 0 };
  for (const sheet of results) {
    for (const t of sheet.tables) {
      out.tables++;
      out.error += t.counts.error;
      out.warning += t.counts.warning;
      out.info += t.counts.info;
    }
    for (const f of sheet.findings) out[f.severity]++;
  }
  return out;
}
