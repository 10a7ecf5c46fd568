/**
 * Colour for the terminal reports: only when the stream is a terminal and NO_COLOR is not set
 * (https://no-color.org); FORCE_COLOR=1 turns it on for a pipe. Colour is applied after the text
 * went through the sanitiser, so the only escape sequences in a report are these.
 */
import type { Severity } from "../engine/model/finding";

export interface Style {
  severity(sev: Severity, text: string): string;
  bold(text: string): string;
}

const SGR: Record<Severity, string> = { error: "31", warning: "33", info: "36" };

export const PLAIN: Style = { severity: (_s, t) => t, bold: (t) => t };

export const ANSI: Style = {
  severity: (s, t) => `\u001b[${SGR[s]}m${t}\u001b[39m`,
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
};

export function colorWanted(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0")
    return true;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}
