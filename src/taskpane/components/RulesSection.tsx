/**
 * 规则设置: which rule set the pane checks with (the defaults, or the one embedded in the
 * workbook, with its preset) and its key values; for a template owner, an editor — a form for the
 * common settings and the whole rule set as JSON — that saves it into the workbook, and 恢复默认.
 * Every input goes through parseRuleSet in the controller: a fault is shown with its zod path and
 * nothing is saved.
 */
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  SpinButton,
  SpinButtonOnChangeData,
  Subtitle2,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular, EditRegular, ArrowResetRegular } from "@fluentui/react-icons";
import { FormEvent, useEffect, useId, useRef, useState } from "react";
import { parseRuleSet, rulesPreset } from "../../engine/policy/ruleset";
import type { RulePresetName, RuleSet } from "../../engine/settings";
import { DEFAULT_RULES } from "../../engine/settings";
import type { PaneController, PaneState, RulesError } from "../controller";
import { format, pick, Strings } from "../i18n";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  head: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  flush: { margin: 0 },
  summary: {
    display: "grid",
    gridTemplateColumns: "minmax(7em, max-content) 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  group: {
    display: "contents",
  },
  term: {
    color: tokens.colorNeutralForeground2,
  },
  value: {
    margin: 0,
    overflowWrap: "anywhere",
  },
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  pair: {
    display: "grid",
    gridTemplateColumns: "1fr 1fr",
    gap: tokens.spacingHorizontalS,
  },
  json: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

type Doc = Record<string, unknown>;
type Path = readonly (string | number)[];
/** How the rule set is edited: the form of common settings, or the whole document as JSON. */
type Tab = "form" | "json";
type PresetChoice = RulePresetName | "none";

const clone = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function getIn(doc: unknown, path: Path): unknown {
  let v = doc;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** A copy of `doc` with `value` at `path` (objects and arrays along it copied). */
function setIn(doc: Doc, path: Path, value: unknown): Doc {
  const [k, ...rest] = path;
  const base = doc as Record<string | number, unknown>;
  const child = base[k];
  const next: unknown =
    rest.length === 0
      ? value
      : setIn(
          (Array.isArray(child) ? [...child] : { ...((child as Doc | undefined) ?? {}) }) as Doc,
          rest,
          value
        );
  if (Array.isArray(doc)) {
    const arr = [...doc] as unknown[];
    arr[k as number] = next;
    return arr as unknown as Doc;
  }
  return { ...doc, [k]: next };
}

function shownNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

function percent(x: number): string {
  return `${shownNumber(x * 100)}%`;
}

function presetName(strings: Strings, preset: RulePresetName | undefined): string {
  if (preset === "beijing") return strings.presetBeijing;
  if (preset === "hunan") return strings.presetHunan;
  return strings.presetNone;
}

const listSeparator = (strings: Strings) => (strings.locale === "en-US" ? ", " : "，");

/** The rule set's key values as "term: value" pairs, in the pane's language. */
export function ruleSummary(rules: RuleSet, strings: Strings): [string, string][] {
  const s = strings;
  const sep = listSeparator(s);
  const split = Object.entries(rules.sectionWeights.split)
    .map(([label, w]) => `${label} ${shownNumber(w)}`)
    .join(" · ");
  const grades = [
    ...rules.gradeBands.map((b) =>
      format(s.gradeBand, { label: b.label, min: shownNumber(b.min) })
    ),
    format(s.gradeLowest, { label: rules.lowestGrade }),
  ].join(sep);
  const words = rules.emptyExplanationWords.filter((w) => w.trim() !== "");
  const splitText = split || s.rulesNoSplit;
  const note = rules.sectionWeights.enforce ? s.rulesEnforced : s.rulesNotEnforced;
  return [
    [s.rulesFundingWeight, shownNumber(rules.fundingWeight)],
    [
      s.rulesSectionSplit,
      s.locale === "en-US" ? `${splitText} (${note})` : `${splitText}（${note}）`,
    ],
    [s.rulesTotal, shownNumber(rules.expectedTotalWeight)],
    [
      s.rulesDenominator,
      rules.rateDenominator === "budget" ? s.denominatorBudget : s.denominatorAdjusted,
    ],
    [s.rulesCap, percent(rules.fundingRateCap)],
    [
      s.rulesRounding,
      format(rules.fundingScoreRounding === "floor" ? s.roundingFloor : s.roundingRound, {
        n: rules.fundingScoreDecimals,
      }),
    ],
    [s.rulesGrades, grades],
    [
      s.rulesEmptyWords,
      words.length === 0
        ? s.emptyWordsNone
        : format(s.emptyWordsSome, { words: words.join(s.locale === "en-US" ? ", " : "、") }),
    ],
    [
      s.rulesOverachievement,
      rules.overachievementThreshold === null
        ? s.switchOff
        : format(s.overachievementOn, { percent: percent(rules.overachievementThreshold) }),
    ],
    [s.rulesScoring, rules.indicatorScoring.enabled ? s.switchOn : s.switchOff],
  ];
}

export interface RulesSectionProps {
  controller: PaneController;
  state: PaneState;
  strings: Strings;
  busy: boolean;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
}

export function RulesSection({
  controller,
  state,
  strings,
  busy,
  editing,
  onEditingChange,
}: RulesSectionProps) {
  const styles = useStyles();
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const { rules, source, stored } = state.rules;
  const s = strings;
  const sourceLabel =
    source === "embedded"
      ? s.rulesSourceEmbedded
      : source === "fixed"
        ? s.rulesSourceFixed
        : s.rulesSourceDefault;

  useEffect(() => {
    if (editing) sectionRef.current?.scrollIntoView?.({ block: "start" });
  }, [editing]);

  return (
    <section ref={sectionRef} className={styles.section} aria-labelledby={headingId}>
      <div className={styles.head}>
        <Subtitle2 as="h2" id={headingId} className={styles.flush}>
          {s.rulesHeading}
        </Subtitle2>
        <Badge appearance="tint" color={source === "embedded" ? "brand" : "informative"}>
          {sourceLabel}
        </Badge>
        {rules.preset ? (
          <Badge appearance="outline" color="informative">
            {format(s.rulesPresetBadge, { preset: presetName(s, rules.preset) })}
          </Badge>
        ) : null}
      </div>

      <dl className={styles.summary} aria-label={sourceLabel}>
        {ruleSummary(rules, s).map(([term, value]) => (
          <div key={term} className={styles.group}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>

      {editing ? (
        <RulesEditor
          rules={rules}
          strings={s}
          busy={busy}
          error={state.rulesError}
          onSave={async (input) => {
            if (await controller.saveRules(input)) onEditingChange(false);
          }}
          onCancel={() => {
            controller.dismissRulesError();
            onEditingChange(false);
          }}
          onDismissError={() => controller.dismissRulesError()}
        />
      ) : (
        <div className={styles.buttons}>
          <Button
            icon={<EditRegular />}
            disabled={busy || source === "fixed"}
            onClick={() => onEditingChange(true)}
          >
            {s.rulesEditorLabel}
          </Button>
          {stored ? (
            <Button
              icon={<ArrowResetRegular />}
              disabled={busy}
              onClick={() => void controller.restoreDefaultRules()}
            >
              {s.rulesRestoreDefaults}
            </Button>
          ) : null}
        </div>
      )}
    </section>
  );
}

interface RulesEditorProps {
  rules: RuleSet;
  strings: Strings;
  busy: boolean;
  error: RulesError | null;
  onSave: (input: unknown) => void;
  onCancel: () => void;
  onDismissError: () => void;
}

/** SpinButton change → a number, null for an emptied field, or the typed text (rejected on save with its path). */
function spinValue(data: SpinButtonOnChangeData): number | string | null {
  if (data.value !== undefined) return data.value;
  const t = (data.displayValue ?? "").trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

function splitWords(text: string): string[] {
  return text
    .split(/[,，、;；\n]+/)
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

function RulesEditor({
  rules,
  strings,
  busy,
  error,
  onSave,
  onCancel,
  onDismissError,
}: RulesEditorProps) {
  const styles = useStyles();
  const s = strings;
  const [tab, setTab] = useState<Tab>("form");
  const [draft, setDraft] = useState<Doc>(() => clone(rules) as unknown as Doc);
  const wordsOf = (d: Doc) =>
    ((getIn(d, ["emptyExplanationWords"]) as string[] | undefined) ?? []).join(
      s.locale === "en-US" ? ", " : "、"
    );
  const [words, setWords] = useState(() => wordsOf(draft));
  const [json, setJson] = useState("");
  const [localError, setLocalError] = useState<RulesError | null>(null);
  const shown = localError ?? error;

  /** The form's document, with the words field read in. */
  const current = (): Doc => setIn(draft, ["emptyExplanationWords"], splitWords(words));

  const set = (path: Path, value: unknown) => setDraft((d) => setIn(d, path, value));
  const num = (path: Path) => {
    const v = getIn(draft, path);
    return {
      value: typeof v === "number" ? v : null,
      ...(typeof v === "string" ? { displayValue: v } : {}),
      onChange: (_: unknown, data: SpinButtonOnChangeData) => set(path, spinValue(data)),
    };
  };

  const choosePreset = (choice: PresetChoice) => {
    const next = clone(choice === "none" ? DEFAULT_RULES : rulesPreset(choice)) as unknown as Doc;
    setDraft(next);
    setWords(wordsOf(next));
  };

  const switchTab = (target: Tab) => {
    if (target === tab) return;
    if (target === "json") {
      setJson(JSON.stringify(current(), null, 2));
      setLocalError(null);
      setTab("json");
      return;
    }
    const parsed = parseRuleSet(json);
    if (!parsed.ok) {
      setLocalError({ path: parsed.path, message: pick(s, parsed.error_zh, parsed.error_en) });
      return;
    }
    const next = clone(parsed.rules) as unknown as Doc;
    setDraft(next);
    setWords(wordsOf(next));
    setLocalError(null);
    setTab("form");
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    onSave(tab === "json" ? json : current());
  };

  const preset = (getIn(draft, ["preset"]) as RulePresetName | undefined) ?? "none";
  const presetOptions: [PresetChoice, string][] = [
    ["none", s.presetNone],
    ["beijing", s.presetBeijing],
    ["hunan", s.presetHunan],
  ];
  const denominator =
    getIn(draft, ["rateDenominator"]) === "adjustedBudget" ? "adjustedBudget" : "budget";
  const rounding = getIn(draft, ["fundingScoreRounding"]) === "floor" ? "floor" : "round";
  const split = Object.keys((getIn(draft, ["sectionWeights", "split"]) as Doc | undefined) ?? {});
  const bands = (getIn(draft, ["gradeBands"]) as unknown[] | undefined) ?? [];
  const threshold = getIn(draft, ["overachievementThreshold"]);
  const overOn = threshold !== null && threshold !== undefined;

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label={s.rulesEditorLabel}>
      <RadioGroup
        layout="horizontal"
        value={tab}
        onChange={(_, data) => switchTab(data.value as Tab)}
        aria-label={s.rulesModeLabel}
      >
        <Radio value="form" label={s.rulesFormTab} />
        <Radio value="json" label={s.rulesJsonTab} />
      </RadioGroup>

      {shown ? (
        <MessageBar intent="error" layout="multiline" politeness="assertive">
          <MessageBarBody>
            <MessageBarTitle>{s.rulesInvalidTitle}</MessageBarTitle>
            {shown.message}
            {shown.path ? <div>{format(s.rulesErrorPath, { path: shown.path })}</div> : null}
          </MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label={s.dismiss}
                icon={<DismissRegular />}
                onClick={() => {
                  setLocalError(null);
                  if (error) onDismissError();
                }}
              />
            }
          />
        </MessageBar>
      ) : null}

      {tab === "form" ? (
        <>
          <Field label={s.rulesPresetLabel} hint={s.rulesPresetHint}>
            <Select value={preset} onChange={(_, data) => choosePreset(data.value as PresetChoice)}>
              {presetOptions.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>

          <Field label={s.rulesFundingWeight}>
            <SpinButton min={0} step={1} {...num(["fundingWeight"])} />
          </Field>
          {split.map((label) => (
            <Field key={label} label={format(s.rulesSplitItem, { label })}>
              <SpinButton min={0} step={1} {...num(["sectionWeights", "split", label])} />
            </Field>
          ))}
          <Switch
            checked={getIn(draft, ["sectionWeights", "enforce"]) === true}
            onChange={(_, data) => set(["sectionWeights", "enforce"], data.checked)}
            label={s.rulesEnforceLabel}
          />
          <Field label={s.rulesTotal}>
            <SpinButton step={1} {...num(["expectedTotalWeight"])} />
          </Field>

          <Field label={s.rulesDenominator}>
            <Select
              value={denominator}
              onChange={(_, data) => set(["rateDenominator"], data.value)}
            >
              <option value="budget">{s.denominatorBudget}</option>
              <option value="adjustedBudget">{s.denominatorAdjusted}</option>
            </Select>
          </Field>
          <Field label={s.rulesCap} hint={s.rulesCapHint}>
            <SpinButton min={0} step={0.05} {...num(["fundingRateCap"])} />
          </Field>
          <div className={styles.pair}>
            <Field label={s.rulesDecimalsLabel}>
              <SpinButton min={0} max={6} step={1} {...num(["fundingScoreDecimals"])} />
            </Field>
            <Field label={s.rulesRoundingLabel}>
              <Select
                value={rounding}
                onChange={(_, data) => set(["fundingScoreRounding"], data.value)}
              >
                <option value="round">{s.roundingRoundOption}</option>
                <option value="floor">{s.roundingFloorOption}</option>
              </Select>
            </Field>
          </div>

          {bands.map((_, i) => (
            <div key={i} className={styles.pair}>
              <Field label={format(s.gradeNameLabel, { n: i + 1 })}>
                <Input
                  value={String(getIn(draft, ["gradeBands", i, "label"]) ?? "")}
                  onChange={(_e, data) => set(["gradeBands", i, "label"], data.value)}
                />
              </Field>
              <Field label={format(s.gradeMinLabel, { n: i + 1 })}>
                <SpinButton step={1} {...num(["gradeBands", i, "min"])} />
              </Field>
            </div>
          ))}
          <Field label={s.lowestGradeLabel}>
            <Input
              value={String(getIn(draft, ["lowestGrade"]) ?? "")}
              onChange={(_e, data) => set(["lowestGrade"], data.value)}
            />
          </Field>

          <Field label={s.rulesEmptyWordsLabel} hint={s.rulesEmptyWordsHint}>
            <Input value={words} onChange={(_e, data) => setWords(data.value)} />
          </Field>

          <Switch
            checked={overOn}
            onChange={(_, data) => set(["overachievementThreshold"], data.checked ? 1.2 : null)}
            label={s.rulesOverachievementLabel}
          />
          {overOn ? (
            <Field label={s.rulesThresholdLabel} hint={s.rulesThresholdHint}>
              <SpinButton min={1} step={0.1} {...num(["overachievementThreshold"])} />
            </Field>
          ) : null}

          <Switch
            checked={getIn(draft, ["indicatorScoring", "enabled"]) === true}
            onChange={(_, data) => set(["indicatorScoring", "enabled"], data.checked)}
            label={s.rulesScoringLabel}
          />
        </>
      ) : (
        <Field label={s.rulesJsonLabel} hint={s.rulesJsonHint}>
          <Textarea
            className={styles.json}
            value={json}
            onChange={(_, data) => setJson(data.value)}
            resize="vertical"
            rows={16}
            spellCheck={false}
          />
        </Field>
      )}

      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {s.rulesSave}
        </Button>
        <Button type="button" onClick={onCancel}>
          {s.cancel}
        </Button>
      </div>
    </form>
  );
}
