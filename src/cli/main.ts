/**
 * The `selfeval` command line: `check`, `fill`, `template` and `strip` over the same engine the Excel task
 * pane uses. bin/selfeval.js calls main(argv) and exits with the code it returns.
 */
import { parseArgs, peekLang, UsageError } from "./args";
import { runCheck } from "./check";
import { runFill } from "./fill";
import { messages, VERSION } from "./messages";
import { readRulesText, RulesFileUnreadable, RulesResolver } from "./rules";
import { runStrip } from "./strip";
import { runTemplate } from "./template";
import { runFamily } from "./family";
import { visible } from "./sanitize";

/** Where the CLI prints; tests may pass their own. */
export interface Io {
  out(text: string): void;
  err(line: string): void;
}

const processIo: Io = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (line) => {
    // File names and cell text reach stderr too: one line, control characters escaped.
    process.stderr.write(`selfeval: ${visible(line)}\n`);
  },
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      const m = messages(peekLang(argv));
      io.err(`${m.usageError[e.key](e.arg)}. ${m.usageHint}`);
      return 2;
    }
    throw e;
  }
  const m = messages(args.lang);
  if (args.command === "version") {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (args.help || args.command === "help") {
    io.out(`${m.usage}\n`);
    return 0;
  }
  try {
    // An unreadable --rules file is a usage error; a malformed one only a warning (see rules.ts).
    let rulesText: string | null = null;
    if (args.rules !== null) {
      try {
        rulesText = await readRulesText(args.rules);
      } catch (e) {
        if (!(e instanceof RulesFileUnreadable)) throw e;
        const why = args.lang === "en" ? e.reason_en : e.reason_zh;
        io.err(`${m.usageError.rulesUnreadable(`${e.file}${m.colon}${why}`)}. ${m.usageHint}`);
        return 2;
      }
    }
    if (args.command === "template") return await runTemplate(args, rulesText, io);
    if (args.command === "strip") return await runStrip(args, io);
    if (args.command === "family") return await runFamily(args, io);
    const resolver = RulesResolver.create(
      args.lang,
      (line) => io.err(line),
      args.rules !== null && rulesText !== null ? { name: args.rules, text: rulesText } : null
    );
    return args.command === "check"
      ? await runCheck(args, resolver, io)
      : await runFill(args, resolver, io);
  } catch (e) {
    // An engine bug must not look like a clean run: one line, exit code 2.
    const msg = e instanceof Error ? e.message.split(/\r?\n/)[0] : String(e);
    io.err(msg);
    if (process.env.SELFEVAL_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return 2;
  }
}
