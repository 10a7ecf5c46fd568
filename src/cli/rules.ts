/**
 * The rule set and the ignored findings a run of `check` or `fill` works with, per workbook:
 *
 * - the workbook's "_selfeval" state sheet is decoded (decodeState); its suppressions are the
 *   findings a reviewer ignored, its `rules` the template owner's rule set (ruleSetFromState);
 * - `--rules FILE` goes on top of the embedded rule set (mergeRuleSets), or of the defaults;
 * - anything malformed (the state, the embedded rule set, the file, the merge of the two) is a
 *   one-line warning naming the zod path; what was in force before stays in force.
 */
import { promises as fs } from "fs";
import { CellValue } from "../engine/grid/snapshot";
import { DEFAULT_RULES, mergeRuleSets, RuleSet, ruleSetFromState } from "../engine/policy";
import { decodeState, Suppression } from "../engine/state";
import type { Lang } from "./args";
import { messages } from "./messages";

/** Which rule set is in force: the defaults, the workbook's, the file's, or the file's over the workbook's. */
export type RulesSource = "default" | "embedded" | "file" | "fileOverEmbedded";

export interface ActiveRules {
  rules: RuleSet;
  source: RulesSource;
  /** The --rules file as given on the command line, when it is in force. */
  file: string | null;
}

export interface WorkbookContext {
  active: ActiveRules;
  suppressions: Suppression[];
}

/** A --rules file that cannot be read at all (missing, a folder, no permission): a usage error. */
export class RulesFileUnreadable extends Error {
  constructor(
    readonly file: string,
    readonly reason_zh: string,
    readonly reason_en: string
  ) {
    super(reason_en);
    this.name = "RulesFileUnreadable";
  }
}

/** Reads the --rules file's text; throws RulesFileUnreadable when it cannot. */
export async function readRulesText(file: string): Promise<string> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new RulesFileUnreadable(file, "不是文件", "not a file");
    return await fs.readFile(file, "utf8");
  } catch (e) {
    if (e instanceof RulesFileUnreadable) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new RulesFileUnreadable(file, "文件不存在", "file not found");
    const msg = (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0];
    throw new RulesFileUnreadable(file, `无法读取（${msg}）`, `cannot read it (${msg})`);
  }
}

/** Where warnings go (the CLI's stderr). */
export type WarnFn = (line: string) => void;

/**
 * Resolves each workbook's rule set and suppressions. The --rules file is validated once, when
 * the resolver is made; rule sets are cached, so many workbooks sharing one rule set share one
 * parsed object (and the engine's per-rule-set caches).
 */
export class RulesResolver {
  private readonly cache = new Map<string, { rules: RuleSet } | { error: string }>();

  private constructor(
    private readonly lang: Lang,
    private readonly warn: WarnFn,
    /** The --rules file, when given and accepted. */
    private readonly file: { name: string; text: string; rules: RuleSet } | null
  ) {}

  /** `file` is the --rules file's name and content (null: no --rules); a rejected file is warned about here. */
  static create(
    lang: Lang,
    warn: WarnFn,
    file: { name: string; text: string } | null
  ): RulesResolver {
    if (!file) return new RulesResolver(lang, warn, null);
    const m = messages(lang);
    const r = mergeRuleSets(undefined, file.text);
    if (!r.ok) {
      warn(m.warning(`${file.name}${m.colon}${lang === "en" ? r.error_en : r.error_zh}`));
      return new RulesResolver(lang, warn, null);
    }
    return new RulesResolver(lang, warn, { ...file, rules: r.rules });
  }

  /** The rule set and suppressions for one workbook, given its state sheet's column A (null: none). */
  forWorkbook(workbook: string, stateColumn: readonly CellValue[] | null): WorkbookContext {
    const m = messages(this.lang);
    const en = this.lang === "en";
    const say = (text: string) => this.warn(m.warning(`${workbook}${m.colon}${text}`));

    let suppressions: Suppression[] = [];
    let embeddedRaw: unknown = undefined;
    let embedded: RuleSet | null = null;
    if (stateColumn && stateColumn.length > 0) {
      const decoded = decodeState(stateColumn);
      if (!decoded.ok) say(m.stateUnreadable(decoded.error));
      else {
        suppressions = decoded.state.suppressions;
        if (decoded.state.rules !== undefined && decoded.state.rules !== null) {
          const key = `e:${JSON.stringify(decoded.state.rules)}`;
          let hit = this.cache.get(key);
          if (!hit) {
            const r = ruleSetFromState(decoded.state);
            hit = r.error
              ? { error: en ? r.error.error_en : r.error.error_zh }
              : { rules: r.rules };
            this.cache.set(key, hit);
          }
          if ("error" in hit) say(hit.error);
          else {
            embedded = hit.rules;
            embeddedRaw = decoded.state.rules;
          }
        }
      }
    }

    const file = this.file;
    if (file) {
      if (embedded === null)
        return { active: { rules: file.rules, source: "file", file: file.name }, suppressions };
      const key = `m:${JSON.stringify(embeddedRaw)}`;
      let hit = this.cache.get(key);
      if (!hit) {
        const r = mergeRuleSets(embeddedRaw, file.text);
        hit = r.ok ? { rules: r.rules } : { error: en ? r.error_en : r.error_zh };
        this.cache.set(key, hit);
      }
      if ("rules" in hit)
        return {
          active: { rules: hit.rules, source: "fileOverEmbedded", file: file.name },
          suppressions,
        };
      say(hit.error);
    }
    if (embedded)
      return { active: { rules: embedded, source: "embedded", file: null }, suppressions };
    return { active: { rules: DEFAULT_RULES, source: "default", file: null }, suppressions };
  }
}
