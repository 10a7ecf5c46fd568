/**
 * `selfeval template`: a standard blank workbook (createTemplateFile), one project table per sheet,
 * with the rule set embedded in its "_selfeval" state: `--rules FILE` if given, else the variant's
 * preset. Here a rejected rule set is an error (exit 2), not a warning: embedding it is the point.
 */
import {
  parseRuleSet,
  RULE_PRESET_NAMES,
  RulePresetName,
  RuleSet,
  rulesPreset,
} from "../engine/policy";
import { createTemplateFile, TemplateError } from "../hosts/exceljs/write-template";
import type { ParsedArgs } from "./args";
import { messages } from "./messages";
import type { Io } from "./main";

/** The engine's "…rejected, defaults kept: " lead-in, which does not fit a refusal. */
function detailOf(text: string): string {
  return text.replace(/^.*?有误，已沿用原设置：/, "").replace(/^.*? rejected, defaults kept: /, "");
}

export async function runTemplate(
  args: ParsedArgs,
  rulesText: string | null,
  io: Io
): Promise<number> {
  const m = messages(args.lang);
  const output = args.output!;
  const en = args.lang === "en";

  let settings: RuleSet | undefined;
  let embedded: string;
  if (args.rules !== null && rulesText !== null) {
    const r = parseRuleSet(rulesText);
    if (!r.ok) {
      io.err(m.templateRulesRejected(args.rules, detailOf(en ? r.error_en : r.error_zh)));
      return 2;
    }
    settings = r.rules;
    embedded = m.templateRulesFile(args.rules);
  } else {
    // An unknown variant gets no preset here; createTemplateFile refuses it with its own reason.
    const known = (RULE_PRESET_NAMES as string[]).includes(args.variant);
    settings = known ? rulesPreset(args.variant as RulePresetName) : undefined;
    embedded = m.templatePreset(args.variant);
  }

  try {
    const created = await createTemplateFile(output, {
      variant: args.variant,
      projects: args.projects,
      year: args.year ?? new Date().getFullYear(),
      settings,
      force: args.force,
    });
    io.out(
      `${m.templateWrote(created.file, created.sheets, created.layout.variant, created.layout.year, embedded)}\n`
    );
    return 0;
  } catch (e) {
    if (e instanceof TemplateError) {
      io.err(e.reason(args.lang));
      return 2;
    }
    throw e;
  }
}
