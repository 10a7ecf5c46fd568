/**
 * What a workbook or a file name holds reaches a terminal, a CSV or an HTML page only through here.
 *
 * Cell text and file names are other people's bytes: an ESC or BEL in a label could clear the
 * screen, set the window title or hide part of a line, and a bidi override could make a finding
 * read backwards. Every text output shows such characters visibly escaped instead:
 *   C0 controls (U+0000–U+001F), DEL and C1 controls (U+0080–U+009F) → \xHH
 *   bidi controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) and U+2028/U+2029 → \uHHHH
 * A regular expression over the string is enough (linear, no state), so no library is needed.
 */

/* eslint-disable no-control-regex -- matching control characters is this module's job */

/** Every character a text report escapes. */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, line feeds excepted (for a block of lines the report itself joined). */
const UNSAFE_KEEP_LF =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** What JSON.stringify leaves raw inside strings and a terminal may still act on. */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** One line of output: every control character (line breaks included) shown as an escape. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Several lines joined by the report: the line feeds stay, every other control is escaped. */
export function visibleLines(text: string): string {
  return text.replace(UNSAFE_KEEP_LF, escapeChar);
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1 controls and bidi controls raw; escaping
 * them as \uHHHH as well keeps the document equal once parsed and safe to print.
 */
export function jsonSafe(json: string): string {
  // C0 controls never appear raw inside a JSON.stringify string; outside strings only the
  // layout's line feeds and spaces do, which must stay.
  return json.replace(JSON_RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
