import { EngineSettings } from "../settings";
import { familyOf } from "../families/catalog";
import { TableFamily } from "../families/schema";
import type { WritePurpose } from "../fill/plan-types";
import { Finding, FindingCode, Severity } from "../model/finding";
import { AssessmentTable, Located } from "../model/table";
import { MessageData, MessageRef, MessageSet, renderMessage } from "./render-message";

/** What a rule reports; the runner fills in code, severity, cell, row and the two sentences. */
export type Report<M extends MessageSet = MessageSet> = ReportFacts & MessageRef<M>;

/** A report's facts besides its message. */
export interface ReportFacts {
  /** The cell the finding is about (its address is what a reviewer jumps to). */
  at: Located | { address: string; row: number };
  expected?: string | number;
  actual?: string | number;
  /** Overrides the rule's default severity for this one finding. */
  severity?: Severity;
}

export interface RuleContext<M extends MessageSet = MessageSet> {
  table: AssessmentTable;
  settings: EngineSettings;
  /** The family that read the table (what its layout has). */
  family: TableFamily;
  /** Reports a finding by message id, with the message's placeholders in `data`. */
  report(r: Report<M>): void;
}

/**
 * One validation rule: its code, default severity, a one-line description and its messages beside
 * its logic, in the manner of a lint rule. Rules read the table and report; they never modify anything.
 */
export interface Rule<M extends MessageSet = MessageSet> {
  code: FindingCode;
  severity: Severity;
  description_zh: string;
  description_en: string;
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void;
}

/**
 * Declares a rule; its messages' ids and placeholders type its reports (a report names an id of
 * this rule's messages and gives exactly that message's placeholders).
 */
export function defineRule<const M extends MessageSet>(rule: Rule<M>): Rule {
  return rule as unknown as Rule;
}

/**
 * What a family must have for a rule to mean anything. A rule whose needs the table's family
 * lacks does not run on it (a family without a funding score gets no FUNDING_SCORE_MISMATCH).
 */
export type FamilyNeed =
  | "funding"
  | "funding.score"
  | "funding.rate"
  | "indicators.actual"
  | "indicators.explanation"
  | "grade";

/** A rule's facts about itself, so no other module keeps a list of rules. */
export interface RuleMeta<M extends MessageSet = MessageSet> {
  /** What the rule says, by id: zh and en templates with named placeholders (`{name}`). */
  messages: M;
  /** Family fields the rule reads; it does not run on a family without them. */
  needs?: readonly FamilyNeed[];
  /** Writes that settle the rule's finding: after fill has written one of these at the finding's cell, it is gone. */
  settledBy?: readonly WritePurpose[];
  /** Whether the finding's cell is marked (fill colour and note) as an unexplained deviation. */
  highlight?: boolean;
}

/** Whether a family has what a rule needs. */
export function familyHas(family: TableFamily, need: FamilyNeed): boolean {
  const f = family.funding;
  switch (need) {
    case "funding":
      return f !== null;
    case "funding.score":
      return f !== null && f.scored && (f.columns.score?.length ?? 0) > 0;
    case "funding.rate":
      return f !== null && (f.columns.rate?.length ?? 0) > 0;
    case "indicators.actual":
      return (family.indicators.columns.actual?.length ?? 0) > 0;
    case "indicators.explanation":
      return (family.indicators.columns.explanation?.length ?? 0) > 0;
    case "grade":
      return family.grade.labels.length > 0 || family.total.gradeInLastCell;
  }
}

/** Whether a rule runs on tables of a family. */
export function ruleApplies(rule: Rule, family: TableFamily): boolean {
  return (rule.meta.needs ?? []).every((n) => familyHas(family, n));
}

/** The rules of a list that apply to a family, worked out once per list and family. */
const applicable = new WeakMap<readonly Rule[], WeakMap<TableFamily, readonly Rule[]>>();

function rulesFor(rules: readonly Rule[], family: TableFamily): readonly Rule[] {
  let byFamily = applicable.get(rules);
  if (!byFamily) applicable.set(rules, (byFamily = new WeakMap()));
  let list = byFamily.get(family);
  if (!list) byFamily.set(family, (list = rules.filter((r) => ruleApplies(r, family))));
  return list;
}

/**
 * The table checked last and its findings, kept until the next: V8 drops the hidden classes of
 * tables, rows and findings at a full GC once none is left, and with them the rules' optimised
 * code ("weak objects" deoptimisation); see LabelIndex's `retained` in detect/label-index.ts.
 */
const retained: { table: unknown; findings: unknown } = { table: null, findings: null };

/** Runs rules over one table; findings come out in rule order, then row order. */
export function runRules(
  rules: readonly Rule[],
  table: AssessmentTable,
  settings: EngineSettings
): Finding[] {
  const out: Finding[] = [];
  const family = familyOf(settings, table.family);
  let rule: Rule = rules[0];
  let found: Finding[] = [];
  // One context per table; `report` files under the rule that is running.
  const ctx: RuleContext = {
    table,
    settings,
    family,
    report(r) {
      const ref = { messageId: r.messageId, data: (r.data ?? {}) as MessageData };
      found.push({
        code: rule.code,
        severity: r.severity ?? rule.severity,
        cell: r.at.address,
        row: r.at.row + 1,
        message_zh: renderMessage(rule.meta.messages, ref, "zh"),
        message_en: renderMessage(rule.meta.messages, ref, "en"),
        messageId: ref.messageId,
        data: ref.data,
        ...(r.expected !== undefined ? { expected: r.expected } : {}),
        ...(r.actual !== undefined ? { actual: r.actual } : {}),
      });
    },
  };
  for (const r of rulesFor(rules, family)) {
    rule = r;
    found = [];
    r.check(ctx);
    if (found.length > 1) found.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    for (const f of found) out.push(f);
  }
  retained.table = table;
  retained.findings = out;
  return out;
}
