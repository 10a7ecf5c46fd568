/**
 * `selfeval strip`: writes a copy of a workbook without the assistant's state (the very hidden
 * _selfeval sheet: journal, ignored findings, marks and rule set), or with the rule set only
 * (--keep-rules). Everything else is copied byte for byte; the input is never written.
 */
import type { ParsedArgs } from "./args";
import { messages, oneLineOf, readFailure, StripRemoved } from "./messages";
import type { Io } from "./main";
import { OutputExistsError, writeOutputFile } from "../hosts/xlsx-package/output-file";
import { outputNameFits } from "../hosts/xlsx-package/macro";
import { readInputBytes } from "../hosts/xlsx-package/read-input";
import { stripState, StripOutcome } from "../hosts/xlsx-package/strip-state";
import { refuseOutput } from "./output-checks";

export async function runStrip(args: ParsedArgs, io: Io): Promise<number> {
  const m = messages(args.lang);
  const input = args.operands[0];
  const output = args.output!;
  if (await refuseOutput(input, output, args, io)) return 2;

  let data: Buffer;
  let outcome: StripOutcome;
  try {
    data = await readInputBytes(input);
    outcome = stripState(data, { keepRules: args.keepRules });
  } catch (e) {
    io.err(m.cannotRead(input, readFailure(e, args.lang)));
    return 2;
  }
  if (outcome.kind === "no-state") {
    io.out(`${m.stripNothing(input)}\n`);
    return 0;
  }
  if (outcome.kind === "undecodable") {
    io.err(m.stripUndecodable(input, outcome.error));
    return 2;
  }
  if (!outputNameFits(data, output)) {
    io.err(m.macroNeedsXlsm(output));
    return 2;
  }
  try {
    await writeOutputFile(output, outcome.bytes, args.force);
  } catch (e) {
    if (e instanceof OutputExistsError) io.err(m.fillOutExists(output));
    else io.err(m.writeFailed(output, oneLineOf(e)));
    return 2;
  }
  const removed: StripRemoved[] = [];
  const s = outcome.state;
  if (!outcome.keptRules) removed.push({ what: "sheet" });
  if (s) {
    removed.push({ what: "journal", count: s.journal.length });
    removed.push({ what: "suppressions", count: s.suppressions.length });
    removed.push({ what: "marks", count: s.marks.length });
  }
  if (outcome.keptRules) removed.push({ what: "rules" });
  io.out(`${m.stripWrote(output, removed)}\n`);
  return 0;
}
