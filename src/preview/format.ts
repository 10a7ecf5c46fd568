import type { CellValue } from "../engine/grid/snapshot";

/**
 * Enough of Excel's number formats to show the preview grid the way Excel shows these tables:
 * fixed decimals, thousands separators, percentages, quoted literals ("万元") and dates. Anything
 * else falls back to General.
 */

/** The first section of a format ("0.00;[Red]-0.00" → "0.00"), respecting quotes. */
function firstSection(fmt: string): string {
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === "\\") i++;
    else if (ch === ";" && !quoted) return fmt.slice(0, i);
  }
  return fmt;
}

/** The format without literals, colours and conditions: only the placeholders remain. */
function skeleton(section: string): string {
  return section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "");
}

/** General: up to 10 significant digits, no trailing zeros, no exponent for everyday sizes. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9))
    return n
      .toExponential(5)
      .replace(/\.?0+e/, "e")
      .toUpperCase();
  return String(Number(n.toPrecision(10)));
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000));
}

function formatDate(serial: number, section: string): string {
  const d = serialToDate(serial);
  const pad = (x: number) => String(x).padStart(2, "0");
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  if (/年/.test(section)) return `${y}年${m}月${day}日`;
  return `${y}-${pad(m)}-${pad(day)}`;
}

export function formatNumber(n: number, numFmt: string | null | undefined): string {
  if (!numFmt || numFmt === "General" || numFmt === "@") return formatGeneral(n);
  const section = firstSection(numFmt);
  const bare = skeleton(section);
  if (/[yd]/i.test(bare) || (/m/i.test(bare) && !/[0#]/.test(bare))) return formatDate(n, section);
  const placeholder = /[#0?][#0?,]*(\.[0#?]+)?/.exec(bare);
  if (!placeholder) return formatGeneral(n);
  const percent = bare.includes("%");
  const decimals = placeholder[1] ? placeholder[1].length - 1 : 0;
  const grouped = placeholder[0].includes(",") && /[#0?],[#0?]/.test(placeholder[0]);
  const value = percent ? n * 100 : n;
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split(".");
  const digits = (grouped ? groupThousands(int) : int) + (frac !== undefined ? `.${frac}` : "");
  const negative = value < 0 && Number(fixed) !== 0;
  // Literals before and after the number ("¥" 0.00 "万元") are shown as written.
  const literals = section
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "");
  const before = literalText(literals.slice(0, firstPlaceholderIndex(literals)));
  const after = literalText(literals.slice(lastPlaceholderIndex(literals) + 1)).replace("%", "");
  return `${negative ? "-" : ""}${before}${digits}${percent ? "%" : ""}${after}`;
}

function literalText(s: string): string {
  return s
    .replace(/"([^"]*)"/g, "$1")
    .replace(/\\(.)/g, "$1")
    .replace(/[#0?,.]/g, "");
}

function firstPlaceholderIndex(s: string): number {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') quoted = !quoted;
    else if (!quoted && s[i] === "\\") i++;
    else if (!quoted && /[#0?]/.test(s[i])) return i;
  }
  return s.length;
}

function lastPlaceholderIndex(s: string): number {
  let last = -1;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') quoted = !quoted;
    else if (!quoted && s[i] === "\\") i++;
    else if (!quoted && /[#0?.]/.test(s[i])) last = i;
  }
  return last;
}

/** What a cell shows for its value and number format. */
export function formatCellValue(value: CellValue, numFmt: string | null | undefined): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return formatNumber(value, numFmt);
  return value;
}
