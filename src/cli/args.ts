/**
 * A small hand-written argument parser for `selfeval`: a command word, positional operands and
 * a fixed set of options. Anything it does not know is a usage error (exit code 2).
 */

export type Lang = "zh" | "en";
export type Command = "check" | "fill" | "template" | "strip" | "family" | "help" | "version";
/** check --format: how the report is written (report-*.ts); --json is --format json. */
export const REPORT_FORMATS = ["text", "json", "summary", "xlsx", "html", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ParsedArgs {
  command: Command;
  /** Operands after the command (files or folders for check, the input for fill; none for template). */
  operands: string[];
  json: boolean;
  /** check --format (json when --json is given). */
  format: ReportFormat;
  /** check --quiet: report error-severity findings only. */
  quiet: boolean;
  /** check --max-warnings N: more warnings than N make the exit code 1; null when not given. */
  maxWarnings: number | null;
  lang: Lang;
  sheet: string | null;
  output: string | null;
  convertNumbers: boolean;
  highlight: boolean;
  force: boolean;
  help: boolean;
  /** --rules FILE: a rule set JSON (check, fill: over the embedded one; template: the one embedded). */
  rules: string | null;
  /** fill --apply-suggested-scores. */
  applySuggestedScores: boolean;
  /** fill --dry-run: print the plan (text, or JSON with --json) and write nothing; -o not needed. */
  dryRun: boolean;
  /** template --variant (validated by the template builder, so its reason is the one shown). */
  variant: string;
  /** template --family ID: the table family whose blank table to write (wins over --variant); null: none. */
  family: string | null;
  /** template --projects, as typed (validated by the template builder). */
  projects: string;
  /** template --year, as typed; null for the current year. */
  year: string | null;
  /** strip --keep-rules: keep the state sheet with the rule set only. */
  keepRules: boolean;
  /** family infer --range, as typed (A1:K30); null for the whole sheet. */
  range: string | null;
}

/** A usage error; `key` selects the message in messages.ts, `arg` fills it in. */
export class UsageError extends Error {
  readonly key: UsageErrorKey;
  readonly arg: string;
  constructor(key: UsageErrorKey, arg = "") {
    super(`${key}${arg ? `: ${arg}` : ""}`);
    this.name = "UsageError";
    this.key = key;
    this.arg = arg;
  }
}

export type UsageErrorKey =
  | "noCommand"
  | "unknownCommand"
  | "unknownOption"
  | "missingValue"
  | "badLang"
  | "optionNotForCommand"
  | "noInput"
  | "fillOneInput"
  | "fillNoOutput"
  | "templateOperand"
  | "templateNoOutput"
  | "rulesUnreadable"
  | "stripOneInput"
  | "stripNoOutput"
  | "familySubcommand"
  | "familyOneInput"
  | "familyNoOutput"
  | "badRange"
  | "badFormat"
  | "formatConflict"
  | "formatNeedsOutput"
  | "badMaxWarnings";

interface OptionSpec {
  takesValue: boolean;
  commands: readonly Command[];
}

const ALL: readonly Command[] = ["check", "fill", "template", "strip", "family", "help", "version"];
const OPTIONS: Record<string, OptionSpec> = {
  "--json": { takesValue: false, commands: ["check", "fill"] },
  "--dry-run": { takesValue: false, commands: ["fill"] },
  "--format": { takesValue: true, commands: ["check"] },
  "--quiet": { takesValue: false, commands: ["check"] },
  "--max-warnings": { takesValue: true, commands: ["check"] },
  "--lang": { takesValue: true, commands: ALL },
  "--sheet": { takesValue: true, commands: ["check", "family"] },
  "--output": { takesValue: true, commands: ["check", "fill", "template", "strip", "family"] },
  "--range": { takesValue: true, commands: ["family"] },
  "--convert-numbers": { takesValue: false, commands: ["fill"] },
  "--no-highlight": { takesValue: false, commands: ["fill"] },
  "--apply-suggested-scores": { takesValue: false, commands: ["fill"] },
  "--force": { takesValue: false, commands: ["fill", "template", "strip", "family"] },
  "--keep-rules": { takesValue: false, commands: ["strip"] },
  "--rules": { takesValue: true, commands: ["check", "fill", "template"] },
  "--variant": { takesValue: true, commands: ["template"] },
  "--family": { takesValue: true, commands: ["template"] },
  "--projects": { takesValue: true, commands: ["template"] },
  "--year": { takesValue: true, commands: ["template"] },
  "--help": { takesValue: false, commands: ALL },
  "--version": { takesValue: false, commands: ALL },
};
const SHORT: Record<string, string> = {
  "-o": "--output",
  "--output-file": "--output",
  "-h": "--help",
  "-f": "--force",
  "-V": "--version",
};

/** The language asked for with --lang anywhere on the line (so a usage error can be reported in it). */
export function peekLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a === "--lang" && (argv[i + 1] === "en" || argv[i + 1] === "zh"))
      return argv[i + 1] as Lang;
    if (a === "--lang=en") return "en";
    if (a === "--lang=zh") return "zh";
  }
  return "zh";
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = {
    command: "help",
    operands: [],
    json: false,
    format: "text",
    quiet: false,
    maxWarnings: null,
    lang: "zh",
    sheet: null,
    output: null,
    convertNumbers: false,
    highlight: true,
    force: false,
    help: false,
    rules: null,
    applySuggestedScores: false,
    dryRun: false,
    variant: "beijing",
    family: null,
    projects: "1",
    year: null,
    keepRules: false,
    range: null,
  };
  let command: Command | null = null;
  const seen: { name: string; arg: string }[] = [];
  let onlyOperands = false;
  let format: string | null = null;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyOperands || arg === "-" || !arg.startsWith("-")) {
      if (command === null && !onlyOperands) {
        if (
          arg === "check" ||
          arg === "fill" ||
          arg === "template" ||
          arg === "strip" ||
          arg === "family" ||
          arg === "help"
        )
          command = arg;
        else throw new UsageError("unknownCommand", arg);
      } else {
        out.operands.push(arg);
      }
      continue;
    }
    if (arg === "--") {
      onlyOperands = true;
      continue;
    }
    let name = arg;
    let inline: string | null = null;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      name = arg.slice(0, eq);
      inline = arg.slice(eq + 1);
    }
    name = SHORT[name] ?? name;
    const spec = OPTIONS[name];
    if (!spec) throw new UsageError("unknownOption", arg);
    let value: string | null = null;
    if (spec.takesValue) {
      if (inline !== null) value = inline;
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError("missingValue", name);
      if (value === "") throw new UsageError("missingValue", name);
    } else if (inline !== null) {
      throw new UsageError("unknownOption", arg);
    }
    seen.push({ name, arg });
    switch (name) {
      case "--json":
        out.json = true;
        break;
      case "--format":
        format = value;
        break;
      case "--quiet":
        out.quiet = true;
        break;
      case "--max-warnings":
        if (!/^\d{1,9}$/.test(value ?? "")) throw new UsageError("badMaxWarnings", value ?? "");
        out.maxWarnings = Number(value);
        break;
      case "--lang":
        if (value !== "zh" && value !== "en") throw new UsageError("badLang", value ?? "");
        out.lang = value;
        break;
      case "--sheet":
        out.sheet = value;
        break;
      case "--output":
        out.output = value;
        break;
      case "--convert-numbers":
        out.convertNumbers = true;
        break;
      case "--no-highlight":
        out.highlight = false;
        break;
      case "--force":
        out.force = true;
        break;
      case "--rules":
        out.rules = value;
        break;
      case "--apply-suggested-scores":
        out.applySuggestedScores = true;
        break;
      case "--dry-run":
        out.dryRun = true;
        break;
      case "--variant":
        out.variant = value ?? out.variant;
        break;
      case "--family":
        out.family = value;
        break;
      case "--projects":
        out.projects = value ?? out.projects;
        break;
      case "--year":
        out.year = value;
        break;
      case "--keep-rules":
        out.keepRules = true;
        break;
      case "--range":
        if (!/^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(value ?? ""))
          throw new UsageError("badRange", value ?? "");
        out.range = value;
        break;
      case "--help":
        out.help = true;
        break;
      case "--version":
        if (command === null) command = "version";
        break;
    }
  }

  if (command === null) {
    if (out.help) command = "help";
    else throw new UsageError("noCommand");
  }
  out.command = command;
  if (out.help || command === "help" || command === "version") return out;

  for (const s of seen) {
    if (!OPTIONS[s.name].commands.includes(command))
      throw new UsageError("optionNotForCommand", s.arg);
  }
  if (command === "check" && out.operands.length === 0) throw new UsageError("noInput");
  if (command === "check") resolveFormat(out, format);
  if (command === "fill") {
    if (out.operands.length === 0) throw new UsageError("noInput");
    if (out.operands.length > 1)
      throw new UsageError("fillOneInput", out.operands.slice(1).join(" "));
    if (!out.output && !out.dryRun) throw new UsageError("fillNoOutput");
    // fill prints JSON only as the plan of a dry run.
    if (out.json && !out.dryRun) throw new UsageError("optionNotForCommand", "--json");
  }
  if (command === "strip") {
    if (out.operands.length === 0) throw new UsageError("noInput");
    if (out.operands.length > 1)
      throw new UsageError("stripOneInput", out.operands.slice(1).join(" "));
    if (!out.output) throw new UsageError("stripNoOutput");
  }
  if (command === "family") {
    const [sub, ...files] = out.operands;
    if (sub !== "infer") throw new UsageError("familySubcommand", sub ?? "");
    if (files.length !== 1) throw new UsageError("familyOneInput", files.slice(1).join(" "));
    if (!out.output) throw new UsageError("familyNoOutput");
  }
  if (command === "template") {
    if (out.operands.length > 0) throw new UsageError("templateOperand", out.operands.join(" "));
    if (!out.output) throw new UsageError("templateNoOutput");
  }
  return out;
}

/** --format and --json together: the same format or a usage error; xlsx is a file, never stdout. */
function resolveFormat(out: ParsedArgs, format: string | null): void {
  if (format !== null && !(REPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError("badFormat", format);
  if (out.json && format !== null && format !== "json")
    throw new UsageError("formatConflict", format);
  out.format = out.json ? "json" : ((format as ReportFormat | null) ?? "text");
  out.json = out.format === "json";
  if (out.format === "xlsx" && !out.output) throw new UsageError("formatNeedsOutput", "xlsx");
}
