import { z } from "zod";
import {
  DEFAULT_RULES,
  markResolved,
  RulePresetName,
  RuleSet,
  RuleSetSchema,
  withPreset,
} from "../settings";
import { deepMerge, isPlainObject } from "./merge";
import { RULE_PRESETS } from "./presets";

/**
 * Reading, merging and storing rule sets. A rule set arrives as JSON from three places: the
 * workbook's "_selfeval" state (state.rules), the CLI's `--rules rules.json`, and the pane's
 * settings editor. Each is validated with RuleSetSchema; a malformed one is rejected with the
 * zod path of its first fault ("gradeBands.1.min: expected number, received string") and the
 * caller keeps what it had (the defaults, or the embedded rule set).
 */

export interface RuleSetError {
  /** Dotted zod path of the fault ("gradeBands.1.min"); "" for the document as a whole. */
  path: string;
  error_zh: string;
  error_en: string;
}

export type RuleSetParseResult = { ok: true; rules: RuleSet } | ({ ok: false } & RuleSetError);

const TYPE_ZH: Record<string, string> = {
  number: "数字",
  string: "文本",
  boolean: "布尔值（true/false）",
  array: "数组",
  object: "对象",
  null: "null",
  undefined: "缺失",
  int: "整数",
};

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** The value at a zod path inside a raw document (undefined where the path leaves it). */
function at(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v = doc;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function show(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** One zod issue as a path and a sentence in each language. */
function describeIssue(issue: z.core.$ZodIssue, doc: unknown): RuleSetError {
  let path = issue.path.map(String).join(".");
  let en: string;
  let zh: string;
  switch (issue.code) {
    case "invalid_type": {
      const got = typeOf(at(doc, issue.path));
      en = `expected ${issue.expected}, received ${got}`;
      zh = `应为${TYPE_ZH[issue.expected] ?? issue.expected}，实际为${TYPE_ZH[got] ?? got}`;
      break;
    }
    case "unrecognized_keys": {
      const key = issue.keys[0];
      path = [...issue.path.map(String), key].join(".");
      en = `unknown key${issue.keys.length > 1 ? `s ${issue.keys.join(", ")}` : ""}`;
      zh = `未知的设置项${issue.keys.length > 1 ? `（${issue.keys.join("、")}）` : ""}`;
      break;
    }
    case "invalid_value": {
      const values = issue.values.map(show).join(", ");
      en = `expected one of ${values}, received ${show(at(doc, issue.path))}`;
      zh = `应为 ${values} 之一，实际为 ${show(at(doc, issue.path))}`;
      break;
    }
    case "too_small": {
      const op = issue.inclusive ? ">=" : ">";
      const what =
        issue.origin === "array" ? "items" : issue.origin === "string" ? "characters" : "";
      en = `must be ${op} ${String(issue.minimum)}${what ? ` ${what}` : ""}`;
      zh = `应 ${op} ${String(issue.minimum)}${issue.origin === "array" ? " 项" : issue.origin === "string" ? " 个字符" : ""}`;
      break;
    }
    case "too_big": {
      const op = issue.inclusive ? "<=" : "<";
      en = `must be ${op} ${String(issue.maximum)}`;
      zh = `应 ${op} ${String(issue.maximum)}`;
      break;
    }
    case "invalid_format":
      en = `invalid format (${issue.format})`;
      zh = `格式不正确（${issue.format}）`;
      break;
    case "not_multiple_of":
      en = `must be a whole number`;
      zh = `应为整数`;
      break;
    default:
      en = issue.message;
      zh = issue.message;
  }
  const where = path === "" ? "" : `${path}: `;
  return {
    path,
    error_en: `Rule set rejected, defaults kept: ${where}${en}`,
    error_zh: `规则集有误，已沿用原设置：${path === "" ? "" : `${path}：`}${zh}`,
  };
}

/** A fault in one of the two documents mergeRuleSets reads, named by which one. */
function inDocument(e: RuleSetError, zh: string, en: string): RuleSetError {
  return {
    path: e.path,
    error_zh: e.error_zh.replace("规则集有误", `${zh}有误`),
    error_en: e.error_en.replace("Rule set rejected", `${en} rejected`),
  };
}

/**
 * Validates a rule-set document (an object, or JSON text). Keys left out take their defaults; a
 * document naming `preset` is read on top of that preset. On failure, the first fault's zod path.
 */
export function parseRuleSet(json: unknown): RuleSetParseResult {
  let doc = json;
  if (typeof json === "string") {
    try {
      doc = JSON.parse(json) as unknown;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        path: "",
        error_en: `Rule set rejected, defaults kept: not valid JSON (${why})`,
        error_zh: `规则集有误，已沿用原设置：不是有效的 JSON（${why}）`,
      };
    }
  }
  if (!isPlainObject(doc)) {
    const got = typeOf(doc);
    return {
      ok: false,
      path: "",
      error_en: `Rule set rejected, defaults kept: expected object, received ${got}`,
      error_zh: `规则集有误，已沿用原设置：应为对象，实际为${TYPE_ZH[got] ?? got}`,
    };
  }
  const expanded = withPreset(doc);
  const parsed = RuleSetSchema.safeParse(expanded);
  if (!parsed.success) return { ok: false, ...describeIssue(parsed.error.issues[0], expanded) };
  return { ok: true, rules: markResolved(parsed.data) };
}

/** A preset as a full rule set: rulesPreset("hunan"). */
export function rulesPreset(name: RulePresetName): RuleSet {
  const r = parseRuleSet(RULE_PRESETS[name]);
  if (!r.ok) throw new Error(`preset ${name}: ${r.error_en}`);
  return r.rules;
}

export interface StateRules {
  rules: RuleSet;
  /** "embedded": state.rules was read; "default": there was none, or it was rejected (see error). */
  source: "embedded" | "default";
  error?: RuleSetError;
}

/**
 * The rule set a workbook carries in its "_selfeval" state (state.rules), or the defaults when it
 * carries none or a malformed one; a rejected rule set comes with its error to show.
 */
export function ruleSetFromState(state: { rules?: unknown } | null | undefined): StateRules {
  const raw = state?.rules;
  if (raw === undefined || raw === null) return { rules: DEFAULT_RULES, source: "default" };
  const r = parseRuleSet(raw);
  if (r.ok) return { rules: r.rules, source: "embedded" };
  const { ok: _ok, ...error } = r;
  void _ok;
  return {
    rules: DEFAULT_RULES,
    source: "default",
    error: inDocument(error, "工作簿内嵌的规则集", "Embedded rule set"),
  };
}

/**
 * The embedded rule set with an override on top (the CLI's `--rules rules.json`): objects merge
 * key by key, lists and values of the override replace the embedded ones. `embedded` may be a
 * parsed rule set, a document, or undefined; a malformed embedded document counts as absent (its
 * error is ruleSetFromState's to report). A malformed override is rejected with its path, and the
 * caller keeps the embedded rule set.
 */
export function mergeRuleSets(embedded: unknown, override: unknown): RuleSetParseResult {
  const o = parseRuleSet(override);
  if (!o.ok) return { ok: false, ...inDocument(o, "规则集文件", "Rule set file") };
  const overrideDoc = withPreset(
    typeof override === "string" ? (JSON.parse(override) as unknown) : override
  );
  let embeddedDoc: unknown = {};
  if (embedded !== undefined && embedded !== null) {
    const e = parseRuleSet(embedded);
    if (e.ok)
      embeddedDoc = withPreset(
        typeof embedded === "string" ? (JSON.parse(embedded) as unknown) : embedded
      );
  }
  const r = parseRuleSet(deepMerge(embeddedDoc, overrideDoc));
  return r.ok ? r : { ok: false, ...inDocument(r, "合并后的规则集", "Merged rule set") };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What `value` changes relative to `base`: nested objects key by key, lists and values whole. */
function diff(value: unknown, base: unknown): unknown {
  if (!isPlainObject(value) || !isPlainObject(base))
    return sameJson(value, base) ? undefined : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const d = k in base ? diff(v, base[k]) : v;
    if (d !== undefined) out[k] = d;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The shortest document that parses back to `rules`: `version`, the preset if any, and only what
 * differs from the defaults (or from the preset). This is what a host stores in state.rules, so a
 * workbook keeps its owner's choices and not today's defaults.
 */
export function ruleSetDocument(rules: RuleSet): Record<string, unknown> {
  const base = rules.preset ? rulesPreset(rules.preset) : DEFAULT_RULES;
  const d = diff(rules, base);
  return {
    version: rules.version,
    ...(rules.preset ? { preset: rules.preset } : {}),
    ...(isPlainObject(d) ? d : {}),
  };
}

/** A copy of a workbook state carrying `rules` (stored as its short document). */
export function stateWithRules<S extends { rules?: unknown }>(state: S, rules: RuleSet | null): S {
  const next = { ...state };
  if (rules === null) delete next.rules;
  else next.rules = ruleSetDocument(rules);
  return next;
}
