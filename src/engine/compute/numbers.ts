import type { CellValue } from "../grid/snapshot";
import { Located } from "../model/table";
import {
  cellText,
  formatNumber,
  parseNumber,
  ParsedNumber,
  roundHalfUp,
  shiftDecimal,
} from "../text";

/**
 * parseNumber is pure and the same few values recur in every table of a workbook (分值 10, 得分 5,
 * "100%", "≥95%"): each distinct (value, number format) is parsed once. Keyed by value, not by
 * cell, because a Map keyed by numbers and strings is far cheaper than one keyed by objects.
 * Bounded in entries (cleared when full) and in text length (long text is parsed each time).
 */
const MEMO_LIMIT = 20_000;
const MEMO_MAX_TEXT = 64;
const parsedByFormat = new Map<string, Map<CellValue, ParsedNumber>>();
let memoSize = 0;

function parseMemo(value: CellValue, numberFormat: string | null): ParsedNumber {
  if (typeof value === "string" && value.length > MEMO_MAX_TEXT)
    return parseNumber(value, numberFormat);
  const fmt = numberFormat ?? "";
  let byValue = parsedByFormat.get(fmt);
  if (!byValue) parsedByFormat.set(fmt, (byValue = new Map()));
  let p = byValue.get(value);
  if (!p) {
    p = parseNumber(value, numberFormat);
    if (memoSize >= MEMO_LIMIT) {
      parsedByFormat.clear();
      memoSize = 0;
      parsedByFormat.set(fmt, (byValue = new Map()));
    }
    byValue.set(value, p);
    memoSize++;
  }
  return p;
}

/** A cell read as a number (placeholders and blanks are "placeholder"/"empty"; a missing cell is "empty"). */
export function parsedCell(cell: Located | null | undefined): ParsedNumber {
  if (!cell) return EMPTY;
  return parseMemo(cell.value, cell.numberFormat);
}
const EMPTY = parseNumber(null);

/** The number a cell holds (a stored number or a number written as text), else null. */
export function numberOf(cell: Located | null | undefined): number | null {
  const p = parsedCell(cell);
  return p.kind === "number" && p.value !== null ? p.value : null;
}

/** True when the cell holds nothing: missing, blank or a placeholder (—, /, 无 …). */
export function isBlankCell(cell: Located | null | undefined): boolean {
  const k = parsedCell(cell).kind;
  return k === "empty" || k === "placeholder";
}

/**
 * A stated 执行率 as a fraction, with the number of decimals it shows in percent
 * ("97.83%" → 0.9783, 2; a stored 0.996 formatted "0%" → 0.996, 0; "0.9906" → 0.9906, 2).
 * A bare number above 2 is read as percentage points ("99.06" → 0.9906).
 */
export interface StatedRate {
  value: number;
  /** Decimals shown in percent units. */
  percentDecimals: number;
  /** The value as it shows in percent units (rounded to percentDecimals for a stored number). */
  shownPercent: number;
}

export function statedRateOf(cell: Located | null | undefined): StatedRate | null {
  const p = parsedCell(cell);
  if (p.kind !== "number" || p.value === null) return null;
  let value = p.value;
  let percentDecimals: number;
  if (p.percent) {
    percentDecimals = p.decimals ?? 2;
  } else if (Math.abs(value) > 2) {
    value = shiftDecimal(value, -2);
    percentDecimals = p.decimals ?? 2;
  } else {
    percentDecimals = Math.max(0, (p.decimals ?? 4) - 2);
  }
  percentDecimals = Math.min(percentDecimals, 8);
  return { value, percentDecimals, shownPercent: shiftDecimal(value, 2) };
}

/**
 * Prints a fraction as a percentage for messages: with `decimals`, exactly that many places
 * (pct(0.9906, 2) → "99.06%"); without, at most 2 places and no trailing zeros (1 → "100%").
 */
export function pct(fraction: number, decimals?: number): string {
  if (decimals !== undefined) return formatNumber(fraction, decimals, { percent: true });
  return `${formatNumber(roundHalfUp(shiftDecimal(fraction, 2), 2))}%`;
}

/** Prints a number for messages in its shortest form, binary noise removed (12 significant decimals at most). */
export function num(n: number): string {
  return formatNumber(Number(n.toFixed(10)));
}

/** What a cell shows as text, trimmed; numbers formatted as percent where the format says so; null when blank. */
export function shownText(cell: Located | null | undefined): string | null {
  if (!cell) return null;
  const v = cell.value;
  if (typeof v === "number") {
    const p = parsedCell(cell);
    if (p.percent) return formatNumber(v, p.decimals, { percent: true });
    return cellText(v);
  }
  const t = cellText(v).trim();
  return t === "" ? null : t;
}
