import { CellValue } from "../grid/snapshot";
import { isPlaceholder, plainDecimal, removeSpaces, toHalfWidth, trimAll } from "./normalize";

/**
 * Reading numbers out of cells. Real tables store many numbers as text with units, spaces
 * and comparison signs ("96 万", "≥98", "99.99%"); this layer reads exactly those and
 * refuses anything else, so that the rules never act on a guess.
 */

export type Comparator = ">=" | "<=" | ">" | "<" | "=";

export interface ParsedNumber {
  kind: "number" | "placeholder" | "empty" | "text";
  /** The number; a percentage is stored as its fraction ("99.99%" → 0.9999). */
  value: number | null;
  unit: string | null;
  percent: boolean;
  comparator: Comparator | null;
  /** True for any string input, so rules can tell a number typed as text. */
  fromText: boolean;
  /** Decimals as shown: the number format's, or the figure's as written. */
  decimals: number | null;
  raw: CellValue;
}

// ---------------------------------------------------------------- decimal arithmetic

/** Splits |n| into its decimal digits, exactly as JS prints it (binary noise excluded). */
function decimalParts(n: number): { neg: boolean; int: string; frac: string } {
  const s = plainDecimal(Math.abs(n));
  const dot = s.indexOf(".");
  return { neg: n < 0, int: dot < 0 ? s : s.slice(0, dot), frac: dot < 0 ? "" : s.slice(dot + 1) };
}

/** Decimals in the shortest representation of n: 1.50 → 1, 0.9906 → 4, 1e-7 → 7. */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n)) return 0;
  return decimalParts(n).frac.length;
}

/** n × 10^places on the decimal representation: shiftDecimal(0.9999, 2) is 99.99, not 99.99000000000001. */
export function shiftDecimal(n: number, places: number): number {
  if (!Number.isFinite(n) || n === 0) return n;
  return Number(`${plainDecimal(n)}e${places}`);
}

/**
 * Cuts n to `decimals` places on its decimal representation; `bump` says whether the kept
 * magnitude goes up by one unit in the last place given the first dropped digit and the rest.
 */
function cut(
  n: number,
  decimals: number,
  bump: (neg: boolean, first: string, rest: string) => boolean
): number {
  if (!Number.isFinite(n)) return n;
  const d = Math.trunc(decimals);
  const { neg, int, frac } = decimalParts(n);
  const digits = int + frac;
  const at = int.length + d; // digits kept
  if (at >= digits.length) return n;
  const kept = at > 0 ? digits.slice(0, at) : "0";
  const dropped = at > 0 ? digits.slice(at) : "0".repeat(-at) + digits;
  let k = BigInt(kept);
  if (bump(neg, dropped[0], dropped.slice(1))) k += BigInt(1);
  const r = Number(`${k.toString()}e${-d}`);
  return neg && r !== 0 ? -r : 0 + r;
}

/**
 * Rounds half away from zero at `decimals` places, as Excel's ROUND does, working on the
 * decimal digits so binary error cannot flip a tie: roundHalfUp(1.005, 2) = 1.01.
 */
export function roundHalfUp(n: number, decimals: number): number {
  return cut(n, decimals, (_neg, first) => first >= "5");
}

/** Rounds toward −∞ at `decimals` places on the decimal digits: floorTo(9.99, 1) = 9.9. */
export function floorTo(n: number, decimals: number): number {
  return cut(n, decimals, (neg, first, rest) => neg && /[1-9]/.test(first + rest));
}

/**
 * Prints a number for messages and cells: with `decimals`, rounded half-up and padded to
 * exactly that many places; without, its shortest form. `percent` prints a fraction as "99.99%".
 */
export function formatNumber(
  n: number,
  decimals?: number | null,
  opts: { percent?: boolean } = {}
): string {
  if (!Number.isFinite(n)) return String(n);
  const x = opts.percent ? shiftDecimal(n, 2) : n;
  const suffix = opts.percent ? "%" : "";
  if (decimals === undefined || decimals === null) return plainDecimal(x) + suffix;
  const d = Math.max(0, Math.trunc(decimals));
  const { neg, int, frac } = decimalParts(roundHalfUp(x, d));
  const body = d > 0 ? `${int}.${frac.padEnd(d, "0")}` : int;
  return (neg ? "-" : "") + body + suffix;
}

// ---------------------------------------------------------------- number formats

/** The first section of a number format with quoted text, [..] codes and escapes removed. */
function formatCode(fmt: string): { code: string; literal: string } {
  let code = "";
  let literal = "";
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === ";") break;
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end;
      literal += fmt.slice(i + 1, stop);
      i = stop;
    } else if (ch === "[") {
      const end = fmt.indexOf("]", i + 1);
      i = end < 0 ? fmt.length : end;
    } else if (ch === "\\") {
      literal += fmt[i + 1] ?? "";
      i++;
    } else if (ch === "_" || ch === "*") {
      i++; // padding / fill character: takes no part in the number
    } else code += ch;
  }
  return { code, literal };
}

/** True when the format shows the value as a percentage (0.9906 displayed as 99.06%). */
export function formatIsPercent(fmt: string | null | undefined): boolean {
  return !!fmt && formatCode(fmt).code.includes("%");
}

/** Decimals the format shows ("0.00%" → 2, "0%" → 0), or null for General, text and dates. */
export function formatDecimals(fmt: string | null | undefined): number | null {
  if (!fmt) return null;
  const { code } = formatCode(fmt);
  if (!/[0#?]/.test(code)) return null;
  const m = /\.([0#?]+)/.exec(code);
  return m ? m[1].length : 0;
}

// ---------------------------------------------------------------- text numbers

/** Comparison signs as people type them, longest first. */
const SIGNS: [string, Comparator][] = [
  [">=", ">="],
  ["<=", "<="],
  ["≥", ">="],
  ["≧", ">="],
  ["⩾", ">="],
  ["≤", "<="],
  ["≦", "<="],
  ["⩽", "<="],
  [">", ">"],
  ["<", "<"],
  ["=", "="],
];

/** Digits, optionally grouped by thousands (only true groups of three), optional decimals. */
const FIGURE = /^([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(.*)$/;
/** A unit: a few letters/CJK (optionally "/per" parts: 元/人/月), ² ³ ° ‰ allowed. */
const UNIT = /^[\p{Script=Han}A-Za-z²³°℃‰µ]{1,4}(?:\/[\p{Script=Han}A-Za-z²³]{1,3}){0,2}$/u;
/** Characters that make a trailing word a qualifier, not a unit ("3个以上", "12月底前", "约"). */
const NOT_UNIT = /[以之内外上下前后底初末多余约左右至达共完成及或和每各第起止等]/;
const UNIT_ALIASES: Record<string, string> = {
  "㎡": "m²",
  m2: "m²",
  M2: "m²",
  "㎥": "m³",
  m3: "m³",
  "㎞": "km",
  "㎏": "kg",
};

/** Normalises the unit text after a figure, or returns undefined when it is not a unit. */
function readUnit(rest: string): string | null | undefined {
  const u = removeSpaces(rest);
  if (u === "") return null;
  const alias = UNIT_ALIASES[u];
  if (alias) return alias;
  if (!UNIT.test(u) || NOT_UNIT.test(u)) return undefined;
  return u;
}

function result(raw: CellValue, kind: ParsedNumber["kind"], fromText: boolean): ParsedNumber {
  return {
    kind,
    value: null,
    unit: null,
    percent: false,
    comparator: null,
    fromText,
    decimals: null,
    raw,
  };
}

/** Reads a whole-cell number written as text; anything else is "text". */
function parseNumberText(raw: string): ParsedNumber {
  const trimmed = trimAll(raw);
  if (trimmed === "") return result(raw, "empty", true);
  if (isPlaceholder(trimmed)) return result(raw, "placeholder", true);
  let s = toHalfWidth(trimmed)
    .replace(/\u2212/g, "-")
    .trim();

  let comparator: Comparator | null = null;
  for (const [sign, cmp] of SIGNS) {
    if (s.startsWith(sign)) {
      comparator = cmp;
      s = s.slice(sign.length).trim();
      break;
    }
  }
  const m = FIGURE.exec(s);
  if (!m) return result(raw, "text", true);
  const [, sign, figure, tail] = m;
  let rest = tail.trim();
  const percent = rest.startsWith("%");
  if (percent) rest = rest.slice(1).trim();
  const unit = readUnit(rest);
  // A percentage carries no further unit; "95%以上" and the like are for parseMeasure.
  if (unit === undefined || (percent && unit !== null)) return result(raw, "text", true);

  const plain = sign + figure.replace(/,/g, "");
  const dot = figure.indexOf(".");
  return {
    kind: "number",
    value: 0 + Number(percent ? `${plain}e-2` : plain),
    unit,
    percent,
    comparator,
    fromText: true,
    decimals: dot < 0 ? 0 : figure.length - dot - 1,
    raw,
  };
}

/**
 * Reads a cell as a number. A stored number is taken as is (a "%" format marks it as a
 * fraction shown as a percentage). A string counts only when the whole cell is one number:
 * optional comparison sign, the figure (thousands groups allowed), optional % or short unit.
 * "≤12 月" → 12 "<=" "月"; "2.8万 元" → 2.8 "万元"; "1-12", "3/4", "约5" → text.
 */
export function parseNumber(v: CellValue, numberFormat?: string | null): ParsedNumber {
  if (v === null || v === undefined) return result(null, "empty", false);
  if (typeof v === "string") return parseNumberText(v);
  if (typeof v === "boolean" || !Number.isFinite(v)) return result(v, "text", false);
  const fmt = numberFormat ? formatCode(numberFormat) : { code: "", literal: "" };
  // 0.00"万元" shows a unit the value itself lacks; date formats (yyyy"年") are not units.
  const unit = /^[\s0#?,.%]+$/.test(fmt.code) ? readUnit(fmt.literal) : null;
  return {
    kind: "number",
    value: v,
    unit: unit ?? null,
    percent: formatIsPercent(numberFormat),
    comparator: null,
    fromText: false,
    decimals: formatDecimals(numberFormat) ?? decimalsOf(v),
    raw: v,
  };
}
