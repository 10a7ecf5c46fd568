import { Located } from "../model/table";
import { EngineSettings } from "../settings";
import { floorTo, formatIsPercent, roundHalfUp, shiftDecimal } from "../text";
import { parsedCell, statedRateOf } from "./numbers";

/**
 * The table's rounding: the decimals (and direction) a stated figure was made with. Check and fill
 * share it, so a figure check accepts is one fill's formula reproduces: a table that states its
 * funding score with 1 decimal (5.4) gets ROUND(…,1), not the rule set's 2 decimals (5.38).
 */
export type RoundingMode = "round" | "floor";

export interface Rounding {
  decimals: number;
  mode: RoundingMode;
}

/** Stated decimals beyond this are noise from binary storage, not a choice of the table. */
const MAX_STATED_DECIMALS = 10;

/** The rule set's own rounding of the funding score. */
export function ruleSetFundingRounding(settings: EngineSettings): Rounding {
  return { decimals: settings.fundingScoreDecimals, mode: settings.fundingScoreRounding };
}

export function applyRounding(raw: number, r: Rounding): number {
  return r.mode === "floor" ? floorTo(raw, r.decimals) : roundHalfUp(raw, r.decimals);
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/**
 * The rounding that turns the raw funding score into the stated one, or null when none does.
 * Tried in order: the rule set's own; the rule set's decimals the other way; the stated figure's
 * own decimals half-up, then floored. Real tables round 53.85% × 10 → 5.4, 97.83% → 9.78, floor
 * 99.99% → 9.99, 99.06% → 9.
 */
export function statedFundingRounding(
  stated: number,
  statedDecimals: number | null,
  raw: number,
  settings: EngineSettings
): Rounding | null {
  const own = ruleSetFundingRounding(settings);
  const other: RoundingMode = own.mode === "round" ? "floor" : "round";
  const candidates: Rounding[] = [own, { decimals: own.decimals, mode: other }];
  if (statedDecimals !== null) {
    const d = Math.min(statedDecimals, MAX_STATED_DECIMALS);
    candidates.push({ decimals: d, mode: "round" }, { decimals: d, mode: "floor" });
  }
  return candidates.find((r) => near(stated, applyRounding(raw, r))) ?? null;
}

/**
 * The rounding fill's funding-score formula uses for this cell: the one that reproduces the figure
 * the cell states (so an accepted figure is never rewritten), else the rule set's.
 */
export function fundingRoundingFor(
  cell: Located | null,
  raw: number | null,
  settings: EngineSettings
): Rounding {
  const own = ruleSetFundingRounding(settings);
  if (!cell || raw === null || cell.formula) return own;
  const p = parsedCell(cell);
  if (p.kind !== "number" || p.value === null) return own;
  return statedFundingRounding(p.value, p.decimals, raw, settings) ?? own;
}

/**
 * Whether a computed rate (a fraction) shows as the stated 执行率 at the decimals the table states
 * it with (in percent units): 0.538461… shows as the stated 53.85%. The one comparison RATE_MISMATCH
 * and the fill's change list use.
 */
export function rateShowsAsStated(rate: number, cell: Located | null | undefined): boolean {
  const stated = statedRateOf(cell);
  if (!stated) return false;
  if (Math.abs(stated.value - rate) < 5e-10) return true;
  const d = stated.percentDecimals;
  const computedPct = roundHalfUp(shiftDecimal(rate, 2), 10);
  return near(roundHalfUp(stated.shownPercent, d), roundHalfUp(computedPct, d));
}

/**
 * Decimals (of the fraction) a stated 执行率 was truncated at, when it is the computed rate cut
 * rather than rounded (99.99% for 99.996%): fill's formula then truncates too (ROUNDDOWN) and
 * reproduces the figure; null when the rate shows as stated or the figure is not a truncation.
 */
export function truncatedRateDecimals(
  rate: number,
  cell: Located | null | undefined
): number | null {
  if (!cell || cell.formula || rateShowsAsStated(rate, cell)) return null;
  const stated = statedRateOf(cell);
  if (!stated) return null;
  const d = stated.percentDecimals;
  const computedPct = roundHalfUp(shiftDecimal(rate, 2), 10);
  return near(roundHalfUp(stated.shownPercent, d), floorTo(computedPct, d)) ? d + 2 : null;
}

/** Percent format of the rate fill writes when the cell has none. */
export const RATE_FORMAT = "0.00%";

/**
 * The number format fill gives a 执行率 cell: its own percent format; a rate typed as text with a
 * percent sign ("53.8%") keeps its decimals ("0.0%"); else 0.00%.
 */
export function rateFormatFor(cell: Located): string {
  if (cell.numberFormat && formatIsPercent(cell.numberFormat)) return cell.numberFormat;
  if (typeof cell.value === "string" && !cell.formula) {
    const p = parsedCell(cell);
    if (p.kind === "number" && p.percent && p.decimals !== null) {
      const d = Math.min(p.decimals, 8);
      return d > 0 ? `0.${"0".repeat(d)}%` : "0%";
    }
  }
  return RATE_FORMAT;
}
