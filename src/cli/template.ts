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
import { BUILTIN_FAMILIES } from "../engine/families/catalog";
import { TemplateError } from "../engine/template/errors";
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
    // A family's preset is its variant's (an unknown family is refused by createTemplateFile).
    const variant =
      args.family !== null
        ? (BUILTIN_FAMILIES.find((f) => f.id === args.family)?.variant ?? "beijing")
        : args.variant;
    // An unknown variant gets no preset here; createTemplateFile refuses it with its own reason.
    const known = (RULE_PRESET_NAMES as string[]).includes(variant);
    settings = known ? rulesPreset(variant as RulePresetName) : undefined;
    embedded = m.templatePreset(variant);
  }

  try {
    // ExcelJS (about a quarter of a second to load) only for the command that writes with it.
    const { createTemplateFile } = await import("../hosts/exceljs/write-template");
    const created = await createTemplateFile(output, {
      variant: args.variant,
      ...(args.family !== null ? { family: args.family } : {}),
      projects: args.projects,
      year: args.year ?? new Date().getFullYear(),
      settings,
      force: args.force,
    });
    // A family's blank table is named by the family; the presets by their variant, as before.
    const layout = created.layout;
    const family =
      args.family !== null ? (BUILTIN_FAMILIES.find((f) => f.id === layout.family) ?? null) : null;
    const name =
      family && !family.template?.preset ? (en ? family.name_en : family.name_zh) : layout.variant;
    io.out(`${m.templateWrote(created.file, created.sheets, name, layout.year, embedded)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof TemplateError) {
      io.err(e.reason(args.lang));
      return 2;
    }
    throw e;
  }
}
