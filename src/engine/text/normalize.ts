import { CellValue } from "../grid/snapshot";

/**
 * Text normalisation shared by label matching, placeholder detection and number parsing.
 * Real tables are pasted from Word: labels arrive broken by spaces and line breaks, with
 * full-width or half-width punctuation at random, so every comparison goes through here.
 */

/** Whitespace the JS `\s` class misses but Word pastes carry (zero-width space/joiners). */
const ZERO_WIDTH = /[\u200B-\u200D\u2060]/g;
const ALL_SPACE = /[\s\u200B-\u200D\u2060]+/g;

/** What toHalfWidth changes: full-width ASCII and the ideographic space. */
const HAS_FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Full-width ASCII (！-～) → half-width, U+3000 → space. Everything else is left alone. */
export function toHalfWidth(s: string): string {
  // Most cell text has none: then no per-character rebuild at all.
  if (!HAS_FULL_WIDTH.test(s)) return s;
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

/** Removes every kind of whitespace, including U+3000, NBSP and zero-width characters. */
export function removeSpaces(s: string): string {
  return s.replace(ALL_SPACE, "");
}

/** Trims every kind of whitespace (String#trim misses the zero-width characters). */
export function trimAll(s: string): string {
  return s.replace(ZERO_WIDTH, " ").trim();
}

/**
 * The form labels are compared in: half-width, no whitespace at all, (), [] and ":" unified,
 * trailing colon dropped. "项目资金（万元）" and "项目资金 (万元)" → "项目资金(万元)".
 */
export function normalizeLabel(s: string): string {
  if (s.length > MEMO_MAX_TEXT) return normalizeUncached(s);
  const known = labelMemo.get(s);
  if (known !== undefined) return known;
  const n = normalizeUncached(s);
  if (labelMemo.size >= MEMO_LIMIT) labelMemo.clear();
  labelMemo.set(s, n);
  return n;
}

/**
 * The same few hundred label texts are normalised again and again (every table of a workbook
 * repeats them): remember the short ones. Bounded in entries and text length.
 */
const labelMemo = new Map<string, string>();
const MEMO_LIMIT = 20000;
const MEMO_MAX_TEXT = 64;

function normalizeUncached(s: string): string {
  return removeSpaces(toHalfWidth(s))
    .replace(/[【〔]/g, "[")
    .replace(/[】〕]/g, "]")
    .replace(/[∶﹕]/g, ":")
    .replace(/:+$/, "");
}

/**
 * The shortest decimal representation of a number, never in exponent notation
 * (String(1e-7) is "1e-7"; this gives "0.0000001"). Non-finite values print as String does.
 */
export function plainDecimal(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Object.is(n, -0)) return "0";
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, intDigits, fracDigits = "", expText] = m;
  const digits = intDigits + fracDigits;
  const point = intDigits.length + Number(expText); // position of the decimal point in `digits`
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`.replace(/\.?0+$/, "");
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * What a cell shows as text: numbers in plain decimal (no exponent for magnitudes a table
 * can hold), booleans as Excel prints them, null as "". Strings are returned unchanged.
 */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  // Outside this range an exponent is the honest way to print the value.
  if (abs !== 0 && (abs < 1e-20 || abs >= 1e21)) return String(v);
  return plainDecimal(v);
}

/** True for null and for strings made only of whitespace (incl. U+3000, NBSP, zero-width). */
export function isBlankText(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  return typeof v === "string" && removeSpaces(v) === "";
}

/** Runs of dash-like characters (—, ——, -, --, －, ─ …) all mean "nothing here". */
const DASH_RUN = /^[-‐‑‒–—―─━−]+$/;
const PLACEHOLDER_WORDS = new Set(["/", "无", "N/A", "不涉及", "不涉及此项内容", "不适用"]);

/** Placeholder test on text already passed through toHalfWidth and removeSpaces. */
function isPlaceholderCompact(c: string): boolean {
  return c === "" || DASH_RUN.test(c) || PLACEHOLDER_WORDS.has(c.toUpperCase());
}

/**
 * True when a cell holds no real content: blank, or a placeholder people type for
 * "not applicable" (—, ——, -, /, 无, N/A, 不涉及, 不涉及此项内容, 不适用). Numbers and
 * booleans are content. Inner spaces are ignored because wrapped cells split words ("不 涉及").
 */
export function isPlaceholder(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  return isPlaceholderCompact(removeSpaces(toHalfWidth(v)));
}

/** Words that, written alone in 偏差原因分析, still explain nothing. */
const EMPTY_EXPLANATION_WORDS = ["无偏差", "没有偏差", "暂无", "无差异"];
/** Sentence punctuation around a lone word ("无。") does not make it an explanation. */
const EDGE_PUNCT = /^[。.，,；;！!、]+|[。.，,；;！!、]+$/g;

function compactWord(s: string): string {
  return normalizeLabel(s).replace(EDGE_PUNCT, "");
}

/**
 * True when a 偏差原因分析及改进措施 cell explains nothing: blank, a placeholder ("无", "—"),
 * a no-content word ("无偏差", "暂无"), or one of the template's `extraWords`.
 */
export function isEmptyExplanation(v: CellValue, extraWords: readonly string[] = []): boolean {
  if (isPlaceholder(v)) return true;
  if (typeof v !== "string") return false;
  const c = compactWord(v);
  if (isPlaceholderCompact(c)) return true;
  if (EMPTY_EXPLANATION_WORDS.includes(c)) return true;
  return extraWords.some((w) => compactWord(w) === c && c !== "");
}
