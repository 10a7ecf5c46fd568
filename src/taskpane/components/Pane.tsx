/**
 * The whole task pane: actions (插入标准自评表 among them), progress,
 * messages, results by table (with 采用建议得分 when the rule set turns the scoring policy on), the
 * ignore dialog, the ignored group and 规则设置. It talks only to a WorkbookHost (through PaneController), so the Office adapter
 * and the browser preview both render it unchanged.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  AccordionToggleEventHandler,
  Badge,
  Body1,
  Button,
  Caption1,
  Checkbox,
  CounterBadge,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  Title3,
  createFocusOutlineStyle,
  makeStyles,
  mergeClasses,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import {
  ArrowUndoRegular,
  CheckmarkRegular,
  DismissRegular,
  EraserRegular,
  ErrorCircleRegular,
  HighlightRegular,
  InfoRegular,
  MathFormulaRegular,
  TableAddRegular,
  TableSearchRegular,
  WarningRegular,
  DocumentTableSearchRegular,
} from "@fluentui/react-icons";
import {
  FormEvent,
  JSX,
  ReactNode,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";
import type { Finding, Severity } from "../../engine/model/finding";
import type { WorkbookHost } from "../../hosts/host";
import {
  CellRef,
  IgnoredFinding,
  PaneController,
  PaneState,
  SheetResult,
  TableResult,
  totalCounts,
} from "../controller";
import { format, pick, Strings } from "../i18n";
import { InsertTemplateDialog } from "./InsertTemplateDialog";
import { MarkSteps } from "./MarkSteps";
import { ClearAssistantDataDialog, ConfirmFillDialog } from "./TrustDialogs";
import { RulesSection } from "./RulesSection";
import { TeachLayout } from "./TeachLayout";

export interface PaneProps {
  host: WorkbookHost;
  strings: Strings;
  /** Optional logo shown beside the product name (the add-in passes its icon). */
  logoSrc?: string;
}

type Filter = "all" | Severity;

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    minHeight: "100%",
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
  },
  logo: {
    width: "32px",
    height: "32px",
    flexShrink: 0,
  },
  flush: {
    margin: 0,
  },
  /** The actions stay in reach however long the results are. */
  actionBar: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    marginTop: `calc(-1 * ${tokens.spacingVerticalS})`,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))",
    gap: tokens.spacingHorizontalXS,
  },
  noticeText: {
    whiteSpace: "pre-line",
    overflowWrap: "anywhere",
  },
  summaryRow: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  cleanList: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
  },
  notes: {
    margin: 0,
    marginBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: "anywhere",
  },
  actionButton: {
    justifyContent: "flex-start",
    textAlign: "start",
    minWidth: 0,
  },
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  tableHeader: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
    textAlign: "start",
  },
  tableTitle: {
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  badges: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  item: {
    display: "flex",
    alignItems: "flex-start",
    columnGap: tokens.spacingHorizontalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalXS,
  },
  finding: {
    flexGrow: 1,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textAlign: "start",
  },
  selectable: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover },
    ":active": { backgroundColor: tokens.colorSubtleBackgroundPressed },
  },
  focusable: createFocusOutlineStyle(),
  findingTop: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
  },
  severity: {
    display: "inline-flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXXS,
    fontWeight: tokens.fontWeightSemibold,
  },
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground2 },
  info: { color: tokens.colorBrandForeground1 },
  cell: {
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyMonospace,
  },
  message: {
    overflowWrap: "anywhere",
  },
  values: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  reason: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: "anywhere",
  },
  /** A finding with one button: the button over the top-right corner, the text full width. */
  itemCorner: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
  },
  findingUnderCorner: {
    gridRow: "1",
    gridColumn: "1 / 3",
  },
  findingTopBesideCorner: {
    // Room for 忽略 / Ignore (a small subtle button) at the end of the severity line.
    paddingRight: "64px",
  },
  cornerButton: {
    gridRow: "1",
    gridColumn: "2",
    alignSelf: "start",
    position: "relative",
    marginTop: tokens.spacingVerticalXXS,
  },
  sideButton: {
    flexShrink: 0,
    marginTop: tokens.spacingVerticalXS,
  },
  sideButtons: {
    flexShrink: 0,
    display: "flex",
    flexDirection: "column",
    alignItems: "stretch",
    rowGap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalXS,
  },
  tableActions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginBottom: tokens.spacingVerticalS,
  },
  dialogContent: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
});

/** Where the pane remembers, for the browser session, whether hidden sheets are included. */
const INCLUDE_HIDDEN_KEY = "selfeval.includeHidden";

function sessionFlag(key: string): boolean {
  try {
    return globalThis.sessionStorage?.getItem(key) === "1";
  } catch {
    return false; // storage blocked: the choice lasts as long as the pane
  }
}

function setSessionFlag(key: string, on: boolean): void {
  try {
    if (on) globalThis.sessionStorage?.setItem(key, "1");
    else globalThis.sessionStorage?.removeItem(key);
  } catch {
    // storage blocked: nothing to remember it in
  }
}

function useController(host: WorkbookHost, strings: Strings): PaneController {
  const controller = useMemo(
    () => new PaneController(host, { strings, includeHidden: sessionFlag(INCLUDE_HIDDEN_KEY) }),
    [host, strings]
  );
  useEffect(() => {
    void controller.start();
    return () => controller.dispose();
  }, [controller]);
  return controller;
}

/** The task pane. Wraps itself in a Fluent theme, so a host page can render it as it is. */
export function Pane({ host, strings, logoSrc }: PaneProps) {
  return (
    <FluentProvider theme={webLightTheme} lang={strings.locale}>
      <PaneBody host={host} strings={strings} logoSrc={logoSrc} />
    </FluentProvider>
  );
}

export default Pane;

function PaneBody({ host, strings, logoSrc }: PaneProps) {
  const styles = useStyles();
  const controller = useController(host, strings);
  const state = useSyncExternalStore(
    controller.subscribe,
    controller.getState,
    controller.getState
  );
  const [convertNumbers, setConvertNumbers] = useState(false);
  const [ignoring, setIgnoring] = useState<{ finding: Finding; sheet: string } | null>(null);
  const [inserting, setInserting] = useState(false);
  const [editingRules, setEditingRules] = useState(false);
  const [clearingData, setClearingData] = useState(false);
  const busy = state.busy !== null;
  const policy = state.rules.rules.indicatorScoring.enabled;

  const actions: {
    key: string;
    label: string;
    icon: JSX.Element;
    primary?: boolean;
    run: () => void;
  }[] = [
    {
      key: "validateSheet",
      label: strings.validateSheet,
      icon: <TableSearchRegular />,
      primary: true,
      run: () => void controller.validateActiveSheet(),
    },
    {
      key: "validateWorkbook",
      label: strings.validateWorkbook,
      icon: <DocumentTableSearchRegular />,
      run: () => void controller.validateWorkbook(),
    },
    {
      key: "fill",
      label: strings.fill,
      icon: <MathFormulaRegular />,
      run: () => void controller.fill({ convertNumbers }),
    },
    {
      key: "highlight",
      label: strings.highlight,
      icon: <HighlightRegular />,
      run: () => void controller.highlight(),
    },
    {
      key: "clearHighlights",
      label: strings.clearHighlights,
      icon: <EraserRegular />,
      run: () => void controller.clearHighlights(),
    },
    {
      key: "undo",
      label: strings.undo,
      icon: <ArrowUndoRegular />,
      run: () => void controller.undoLast(),
    },
  ];

  return (
    <main className={styles.root} aria-busy={busy}>
      <header className={styles.header}>
        {logoSrc ? <img src={logoSrc} alt="" className={styles.logo} /> : null}
        <Title3 as="h1" className={styles.flush}>
          {strings.productName}
        </Title3>
      </header>

      <section
        className={mergeClasses(styles.section, styles.actionBar)}
        aria-label={strings.actionsLabel}
        data-sticky-actions=""
      >
        <div className={styles.actions} role="group" aria-label={strings.actionsLabel}>
          {actions.map((a) => (
            <Button
              key={a.key}
              size="small"
              className={styles.actionButton}
              appearance={a.primary ? "primary" : "secondary"}
              icon={a.icon}
              disabled={busy}
              onClick={a.run}
            >
              {a.label}
            </Button>
          ))}
          <Button
            size="small"
            className={styles.actionButton}
            appearance="secondary"
            icon={<TableAddRegular />}
            disabled={busy}
            onClick={() => setInserting(true)}
          >
            {strings.insertTemplate}
          </Button>
          <Button
            size="small"
            className={styles.actionButton}
            appearance="secondary"
            disabled={busy}
            onClick={() => setClearingData(true)}
          >
            {strings.clearAssistantData}
          </Button>
        </div>
        <Status state={state} strings={strings} />
      </section>

      <Checkbox
        checked={convertNumbers}
        disabled={busy}
        onChange={(_, data) => setConvertNumbers(data.checked === true)}
        label={strings.convertNumbers}
      />

      {state.error ? (
        <MessageBar intent="error" layout="multiline" politeness="assertive">
          <MessageBarBody>
            <MessageBarTitle>{state.error.title}</MessageBarTitle>
            {state.error.message} {state.error.hint}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label={strings.dismiss}
                icon={<DismissRegular />}
                onClick={() => controller.dismissError()}
              />
            }
          />
        </MessageBar>
      ) : null}

      {state.stateProblem ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{state.stateProblem}</MessageBarBody>
        </MessageBar>
      ) : null}

      {state.rulesWarning ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{state.rulesWarning}</MessageBarBody>
        </MessageBar>
      ) : null}

      {state.notice ? (
        <MessageBar intent={state.notice.intent} layout="multiline">
          <MessageBarBody>
            <span className={styles.noticeText}>{state.notice.text}</span>
            {state.notice.marks && state.notice.marks.length > 0 ? (
              <MarkSteps
                marks={state.notice.marks}
                strings={strings}
                onSelect={(mark) => void controller.selectCell(mark)}
              />
            ) : null}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label={strings.dismiss}
                icon={<DismissRegular />}
                onClick={() => controller.dismissNotice()}
              />
            }
          />
        </MessageBar>
      ) : null}

      <Results
        state={state}
        strings={strings}
        busy={busy}
        onSelect={(finding, sheet) => void controller.selectFinding(finding, sheet)}
        onIgnore={(finding, sheet) => setIgnoring({ finding, sheet })}
        onRestore={(item) => void controller.unignore(item.suppression)}
        policy={policy}
        onApplySuggested={(finding, sheet) => void controller.applySuggestedScore(finding, sheet)}
        onApplyAll={(table) => void controller.applyAllSuggestedScores(table.key)}
        onInsertTemplate={() => setInserting(true)}
        onSelectCell={(ref) => void controller.selectCell(ref)}
        onIncludeHidden={(include) => {
          setSessionFlag(INCLUDE_HIDDEN_KEY, include);
          void controller.setIncludeHidden(include);
        }}
      />

      <TeachLayout
        controller={controller}
        host={host}
        state={state}
        strings={strings}
        busy={busy}
      />

      <RulesSection
        controller={controller}
        state={state}
        strings={strings}
        busy={busy}
        editing={editingRules}
        onEditingChange={setEditingRules}
      />

      <InsertTemplateDialog
        open={inserting}
        strings={strings}
        defaultVariant={state.rules.rules.preset === "hunan" ? "hunan" : "beijing"}
        defaultYear={new Date().getFullYear() - 1}
        onCancel={() => setInserting(false)}
        onConfirm={async (request) => {
          setInserting(false);
          await controller.insertTemplate(request);
        }}
      />

      <ConfirmFillDialog
        pending={state.pendingFill}
        strings={strings}
        onCancel={() => controller.cancelFill()}
        onConfirm={() => void controller.confirmFill()}
      />

      <ClearAssistantDataDialog
        open={clearingData}
        strings={strings}
        onCancel={() => setClearingData(false)}
        onConfirm={(options) => {
          setClearingData(false);
          void controller.clearAssistantData(options);
        }}
      />

      <IgnoreDialog
        strings={strings}
        target={ignoring}
        onCancel={() => setIgnoring(null)}
        onConfirm={async (reason) => {
          if (!ignoring) return;
          const { finding, sheet } = ignoring;
          setIgnoring(null);
          await controller.ignoreFinding(finding, sheet, reason);
        }}
      />
    </main>
  );
}

function Status({ state, strings }: { state: PaneState; strings: Strings }) {
  if (state.progress) {
    const { sheet, done, total } = state.progress;
    return (
      <Field
        label={strings.progressLabel}
        validationState="none"
        validationMessage={format(strings.progressReading, { sheet, done, total })}
      >
        <ProgressBar value={done} max={total} />
      </Field>
    );
  }
  if (state.busy) return <Spinner size="tiny" labelPosition="after" label={strings.working} />;
  if (state.refreshing)
    return <Spinner size="tiny" labelPosition="after" label={strings.refreshing} />;
  return null;
}

interface ResultsProps {
  state: PaneState;
  strings: Strings;
  busy: boolean;
  onSelect: (finding: Finding, sheet: string) => void;
  onIgnore: (finding: Finding, sheet: string) => void;
  onRestore: (item: IgnoredFinding) => void;
  /** The rule set turns the scoring policy on: SCORE_POLICY_MISMATCH findings offer 采用建议得分. */
  policy: boolean;
  onApplySuggested: (finding: Finding, sheet: string) => void;
  onApplyAll: (table: TableResult) => void;
  onInsertTemplate: () => void;
  /** Takes the person to a cell (a table's first cell, a cell fill leaves alone). */
  onSelectCell: (ref: CellRef) => void;
  /** The 包括隐藏工作表 choice changed. */
  onIncludeHidden: (include: boolean) => void;
}

/** A finding whose suggested score can be written with one click. */
function suggestible(f: Finding): boolean {
  return f.code === "SCORE_POLICY_MISMATCH" && !!f.cell && f.expected !== undefined;
}

const IGNORED = "__ignored__";
/** The one line that stands for every table without findings. */
const CLEAN = "__clean__";

/** The table's title already says the sheet's name (then the header does not repeat it). */
function namesSheet(title: string, sheet: string): boolean {
  const bare = (text: string) => text.replace(/\s+/g, "");
  return bare(title).includes(bare(sheet));
}

/** Nothing to show for the table: no findings, and fill leaves none of its cells alone. */
function isClean(t: TableResult): boolean {
  return t.findings.length === 0 && t.fillNotes.length === 0;
}

function Results({
  state,
  strings,
  busy,
  onSelect,
  onIgnore,
  onRestore,
  policy,
  onApplySuggested,
  onApplyAll,
  onInsertTemplate,
  onSelectCell,
  onIncludeHidden,
}: ResultsProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>("all");
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [ignoredOpen, setIgnoredOpen] = useState(false);
  const [cleanOpen, setCleanOpen] = useState(false);

  const results = state.results;
  if (!results || !state.scope) {
    return (
      <Body1 as="p" className={styles.flush}>
        {strings.intro}
      </Body1>
    );
  }

  const tables = results.flatMap((s) => s.tables);
  const sheetsWithout = results.filter((s) => s.tables.length === 0).map((s) => s.sheet);
  const workbook = state.scope.kind === "workbook";
  const hiddenLine =
    workbook && (state.hiddenSheetsSkipped > 0 || state.includeHidden) ? (
      <div className={styles.summaryRow}>
        {state.hiddenSheetsSkipped > 0 ? (
          <Caption1>
            {format(strings.hiddenSheetsSkipped, { n: state.hiddenSheetsSkipped })}
          </Caption1>
        ) : null}
        <Checkbox
          checked={state.includeHidden}
          disabled={busy}
          onChange={(_, data) => onIncludeHidden(data.checked === true)}
          label={strings.includeHidden}
        />
      </div>
    ) : null;
  if (tables.length === 0) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          {workbook ? strings.noTableInWorkbook : strings.noTableOnSheet}{" "}
          {strings.noTableInsertHint}
        </MessageBarBody>
        <MessageBarActions>
          <Button icon={<TableAddRegular />} disabled={busy} onClick={onInsertTemplate}>
            {strings.insertTemplate}
          </Button>
        </MessageBarActions>
        {hiddenLine}
      </MessageBar>
    );
  }

  const totals = totalCounts(results);
  const ignored = results.flatMap((s) => [...s.ignored, ...s.tables.flatMap((t) => t.ignored)]);
  const sheetLevel = results.filter((s) => s.findings.length > 0);
  const shown = (f: Finding) => filter === "all" || f.severity === filter;
  // With several tables, those without anything to show fold into one line (a long workbook's
  // overview stays a few screens); a single table is always shown as itself.
  const grouped = tables.length > 1;
  const clean = grouped ? tables.filter(isClean) : [];
  const listed = grouped ? tables.filter((t) => !isClean(t)) : tables;
  const openItems = [
    ...listed.map((t) => t.key).filter((k) => !collapsed.has(k)),
    ...(cleanOpen ? [CLEAN] : []),
    ...(ignoredOpen ? [IGNORED] : []),
  ];
  const onToggle: AccordionToggleEventHandler<string> = (_, data) => {
    const open = new Set(data.openItems);
    setCollapsed((prev) => {
      const next = new Set(prev);
      for (const t of listed) {
        if (open.has(t.key)) next.delete(t.key);
        else next.add(t.key);
      }
      return next;
    });
    setCleanOpen(open.has(CLEAN));
    setIgnoredOpen(open.has(IGNORED));
  };
  const cleanLine = format(strings.cleanTables, { n: clean.length });
  const expandAll = () => {
    setCollapsed(new Set());
    setCleanOpen(clean.length > 0);
  };
  const collapseAll = () => {
    setCollapsed(new Set(listed.map((t) => t.key)));
    setCleanOpen(false);
    setIgnoredOpen(false);
  };
  const tableTitle = (t: TableResult) =>
    format(strings.tableHeading, { name: t.name ?? strings.untitledTable, range: t.range });
  const tableOf = (item: IgnoredFinding) => tables.find((t) => t.key === item.tableKey);

  return (
    <section className={styles.section} aria-label={strings.resultsLabel}>
      <Body1 as="p" className={styles.flush} aria-live="polite">
        {format(strings.summary, {
          tables: totals.tables,
          errors: totals.error,
          warnings: totals.warning,
          infos: totals.info,
        })}
      </Body1>
      {hiddenLine}
      {listed.length + (clean.length > 0 ? 1 : 0) > 1 ? (
        <div className={styles.summaryRow}>
          <Button size="small" appearance="subtle" onClick={expandAll}>
            {strings.expandAll}
          </Button>
          <Button size="small" appearance="subtle" onClick={collapseAll}>
            {strings.collapseAll}
          </Button>
        </div>
      ) : null}

      <RadioGroup
        layout="horizontal"
        value={filter}
        onChange={(_, data) => setFilter(data.value as Filter)}
        aria-label={strings.filterLabel}
      >
        <Radio value="all" label={strings.filterAll} />
        <Radio value="error" label={strings.filterErrors} />
        <Radio value="warning" label={strings.filterWarnings} />
        <Radio value="info" label={strings.filterInfo} />
      </RadioGroup>

      <Accordion multiple collapsible openItems={openItems} onToggle={onToggle}>
        {listed.map((t) => {
          const visible = t.findings.filter(shown);
          const suggestions = policy ? t.findings.filter(suggestible).length : 0;
          return (
            <AccordionItem key={t.key} value={t.key}>
              <AccordionHeader as="h2" size="small">
                <span className={styles.tableHeader}>
                  <span className={styles.tableTitle}>{tableTitle(t)}</span>
                  {workbook && !namesSheet(tableTitle(t), t.sheet) ? (
                    <Caption1>{format(strings.sheetLabel, { sheet: t.sheet })}</Caption1>
                  ) : null}
                  <Counts counts={t.counts} strings={strings} kept={t.fillNotes.length} />
                </span>
              </AccordionHeader>
              <AccordionPanel>
                {t.fillNotes.length > 0 ? (
                  <>
                    <Caption1 as="p" className={styles.flush}>
                      {strings.fillNotesHeading}
                    </Caption1>
                    <ul className={styles.notes} aria-label={strings.fillNotesHeading}>
                      {t.fillNotes.map((n) => (
                        <li key={`${n.cell}-${n.text}`}>{n.text}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {suggestions > 0 ? (
                  <div className={styles.tableActions}>
                    <Button
                      size="small"
                      icon={<CheckmarkRegular />}
                      disabled={busy}
                      aria-label={format(strings.applyAllSuggestedAriaLabel, {
                        table: tableTitle(t),
                      })}
                      onClick={() => onApplyAll(t)}
                    >
                      {format(strings.applyAllSuggested, { n: suggestions })}
                    </Button>
                  </div>
                ) : null}
                {visible.length === 0 ? (
                  <Body1 as="p">
                    {t.findings.length === 0 ? strings.noFindings : strings.noFindingsForFilter}
                  </Body1>
                ) : (
                  <ul className={styles.list} aria-label={tableTitle(t)}>
                    {visible.map((f, i) => (
                      <FindingItem
                        key={`${f.code}-${f.cell}-${i}`}
                        finding={f}
                        sheet={t.sheet}
                        strings={strings}
                        busy={busy}
                        onSelect={onSelect}
                        onIgnore={onIgnore}
                        onApplySuggested={
                          policy && suggestible(f) ? () => onApplySuggested(f, t.sheet) : undefined
                        }
                      />
                    ))}
                  </ul>
                )}
              </AccordionPanel>
            </AccordionItem>
          );
        })}

        {clean.length > 0 ? (
          <AccordionItem value={CLEAN}>
            <AccordionHeader as="h2" size="small">
              <span className={styles.tableTitle}>{cleanLine}</span>
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.cleanList} aria-label={cleanLine}>
                {clean.map((t) => (
                  <li key={t.key}>
                    <Button
                      size="small"
                      appearance="subtle"
                      className={styles.actionButton}
                      title={strings.selectTableHint}
                      onClick={() =>
                        onSelectCell({ sheet: t.sheet, address: t.range.split(":")[0] })
                      }
                    >
                      {workbook
                        ? `${tableTitle(t)} · ${format(strings.sheetLabel, { sheet: t.sheet })}`
                        : tableTitle(t)}
                    </Button>
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ) : null}

        {ignored.length > 0 ? (
          <AccordionItem value={IGNORED}>
            <AccordionHeader as="h2" size="small">
              <span className={styles.findingTop}>
                <span className={styles.tableTitle}>{strings.ignoredGroup}</span>
                <CounterBadge count={ignored.length} appearance="ghost" color="informative" />
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list} aria-label={strings.ignoredGroup}>
                {ignored.map((item) => {
                  const t = tableOf(item);
                  return (
                    <li
                      key={`${item.sheet}-${item.finding.code}-${item.finding.cell}`}
                      className={styles.item}
                    >
                      <FindingContent
                        finding={item.finding}
                        sheet={item.sheet}
                        strings={strings}
                        onSelect={onSelect}
                        context={t ? tableTitle(t) : item.sheet}
                      >
                        <span className={styles.reason}>
                          {format(strings.ignoredReason, { reason: item.suppression.reason })}
                        </span>
                      </FindingContent>
                      <Button
                        className={styles.sideButton}
                        size="small"
                        appearance="subtle"
                        disabled={busy}
                        aria-label={format(strings.restoreAriaLabel, {
                          cell: item.finding.cell ?? item.sheet,
                        })}
                        onClick={() => onRestore(item)}
                      >
                        {strings.restore}
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ) : null}
      </Accordion>

      {sheetLevel.map((s: SheetResult) => (
        <section
          key={s.sheet}
          className={styles.section}
          aria-label={`${strings.sheetFindings} · ${s.sheet}`}
        >
          <Text weight="semibold">{`${strings.sheetFindings} · ${s.sheet}`}</Text>
          <ul className={styles.list}>
            {s.findings.filter(shown).map((f, i) => (
              <FindingItem
                key={`${f.code}-${i}`}
                finding={f}
                sheet={s.sheet}
                strings={strings}
                busy={busy}
                onSelect={onSelect}
                onIgnore={onIgnore}
              />
            ))}
          </ul>
        </section>
      ))}

      {workbook && sheetsWithout.length > 0 ? (
        <Caption1 as="p" className={styles.flush}>
          {format(strings.sheetsWithoutTable, {
            sheets: sheetsWithout.join(strings.locale === "en-US" ? ", " : "、"),
          })}
        </Caption1>
      ) : null}
    </section>
  );
}

function Counts({
  counts,
  strings,
  kept = 0,
}: {
  counts: TableResult["counts"];
  strings: Strings;
  /** Notes on cells 填充公式 leaves as they are. */
  kept?: number;
}) {
  const styles = useStyles();
  const none = counts.error + counts.warning + counts.info === 0;
  return (
    <span className={styles.badges}>
      {counts.error > 0 ? (
        <Badge appearance="tint" color="danger">
          {format(strings.countErrors, { n: counts.error })}
        </Badge>
      ) : null}
      {counts.warning > 0 ? (
        <Badge appearance="tint" color="warning">
          {format(strings.countWarnings, { n: counts.warning })}
        </Badge>
      ) : null}
      {counts.info > 0 ? (
        <Badge appearance="tint" color="informative">
          {format(strings.countInfo, { n: counts.info })}
        </Badge>
      ) : null}
      {none ? (
        <Badge appearance="tint" color="success">
          {strings.cleanBadge}
        </Badge>
      ) : null}
      {kept > 0 ? (
        <Badge appearance="outline" color="informative">
          {strings.fillNotesBadge}
        </Badge>
      ) : null}
    </span>
  );
}

interface FindingItemProps {
  finding: Finding;
  sheet: string;
  strings: Strings;
  busy: boolean;
  onSelect: (finding: Finding, sheet: string) => void;
  onIgnore: (finding: Finding, sheet: string) => void;
  /** Set for a SCORE_POLICY_MISMATCH finding while the scoring policy is on. */
  onApplySuggested?: () => void;
}

function FindingItem({
  finding,
  sheet,
  strings,
  busy,
  onSelect,
  onIgnore,
  onApplySuggested,
}: FindingItemProps) {
  const styles = useStyles();
  // With only 忽略 beside it, the button sits in the finding's top-right corner and the message
  // takes the whole width (a narrow pane shows far fewer lines); 采用建议得分 keeps its column.
  const corner = !onApplySuggested;
  return (
    <li className={mergeClasses(styles.item, corner && styles.itemCorner)}>
      <FindingContent
        finding={finding}
        sheet={sheet}
        strings={strings}
        onSelect={onSelect}
        className={corner ? styles.findingUnderCorner : undefined}
        topClassName={corner ? styles.findingTopBesideCorner : undefined}
      />
      <div className={corner ? styles.cornerButton : styles.sideButtons}>
        {onApplySuggested ? (
          <Button
            size="small"
            appearance="primary"
            disabled={busy}
            aria-label={format(strings.applySuggestedAriaLabel, {
              cell: finding.cell ?? sheet,
              value: String(finding.expected ?? ""),
            })}
            onClick={onApplySuggested}
          >
            {strings.applySuggested}
          </Button>
        ) : null}
        <Button
          size="small"
          appearance="subtle"
          disabled={busy}
          aria-label={format(strings.ignoreAriaLabel, { cell: finding.cell ?? sheet })}
          onClick={() => onIgnore(finding, sheet)}
        >
          {strings.ignore}
        </Button>
      </div>
    </li>
  );
}

const SEVERITY_ICON: Record<Severity, ReactNode> = {
  error: <ErrorCircleRegular aria-hidden />,
  warning: <WarningRegular aria-hidden />,
  info: <InfoRegular aria-hidden />,
};

/**
 * A finding's severity, cell, message and expected/actual values. With a cell it is a button:
 * click, Enter or Space selects the cell in the workbook.
 */
function FindingContent({
  finding,
  sheet,
  strings,
  onSelect,
  context,
  children,
  className,
  topClassName,
}: {
  finding: Finding;
  sheet: string;
  strings: Strings;
  onSelect: (finding: Finding, sheet: string) => void;
  context?: string;
  children?: ReactNode;
  className?: string;
  /** Extra class of the severity/cell line (room for a button in the corner). */
  topClassName?: string;
}) {
  const styles = useStyles();
  const expected = shownValue(finding.expected);
  const actual = shownValue(finding.actual);
  const severityLabel = {
    error: strings.severityError,
    warning: strings.severityWarning,
    info: strings.severityInfo,
  }[finding.severity];
  const content = (
    <>
      <span className={mergeClasses(styles.findingTop, topClassName)}>
        <span className={mergeClasses(styles.severity, styles[finding.severity])}>
          {SEVERITY_ICON[finding.severity]}
          {severityLabel}
        </span>
        {finding.cell ? (
          <span className={styles.cell}>{format(strings.cellLabel, { cell: finding.cell })}</span>
        ) : null}
        {context ? <span className={styles.reason}>{context}</span> : null}
      </span>
      <span className={styles.message}>
        {pick(strings, finding.message_zh, finding.message_en)}
      </span>
      {expected !== null || actual !== null ? (
        <span className={styles.values}>
          {expected !== null ? (
            <span>
              {format(
                finding.code === "SCORE_POLICY_MISMATCH"
                  ? strings.suggestedScore
                  : strings.expected,
                { value: expected }
              )}
            </span>
          ) : null}
          {actual !== null ? <span>{format(strings.actual, { value: actual })}</span> : null}
        </span>
      ) : null}
      {children}
    </>
  );
  if (!finding.cell)
    return <div className={mergeClasses(styles.finding, className)}>{content}</div>;
  return (
    <button
      type="button"
      className={mergeClasses(styles.finding, styles.selectable, styles.focusable, className)}
      title={strings.selectCellHint}
      data-cell={finding.cell}
      onClick={() => onSelect(finding, sheet)}
    >
      {content}
    </button>
  );
}

/** A finding's expected/actual as text, or null when there is nothing to show (absent or blank). */
function shownValue(v: string | number | undefined): string | null {
  if (v === undefined) return null;
  const text = String(v).trim();
  return text === "" ? null : text;
}

function IgnoreDialog({
  strings,
  target,
  onCancel,
  onConfirm,
}: {
  strings: Strings;
  target: { finding: Finding; sheet: string } | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const styles = useStyles();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  useEffect(() => {
    setReason("");
    setTried(false);
  }, [target]);
  const missing = reason.trim() === "";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!missing) onConfirm(reason.trim());
  };
  return (
    <Dialog open={target !== null} onOpenChange={(_, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{strings.ignoreTitle}</DialogTitle>
            <DialogContent className={styles.dialogContent}>
              {target ? (
                <Body1 as="p">
                  {pick(strings, target.finding.message_zh, target.finding.message_en)}
                </Body1>
              ) : null}
              <Field
                label={strings.ignoreReasonLabel}
                required
                hint={strings.ignoreReasonHint}
                validationMessage={tried && missing ? strings.ignoreReasonRequired : undefined}
              >
                <Textarea
                  value={reason}
                  onChange={(_, data) => setReason(data.value)}
                  resize="vertical"
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{strings.cancel}</Button>
              </DialogTrigger>
              <Button type="submit" appearance="primary">
                {strings.ignoreConfirm}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
