import {
  fundingRoundingFor,
  rateFormatFor,
  rateShowsAsStated,
  statedFundingRounding,
  truncatedRateDecimals,
} from "../../src/engine/compute/rounding";
import { acceptsFundingScore } from "../../src/engine/compute/funding";
import { Located } from "../../src/engine/model/table";
import { resolveSettings } from "../../src/engine/settings";

const defaults = resolveSettings();
const cell = (
  value: Located["value"],
  numberFormat: string | null = null,
  formula: string | null = null
): Located => ({
  row: 5,
  col: 8,
  address: "I6",
  value,
  formula,
  numberFormat,
});

describe("the stated funding score's rounding", () => {
  test.each([
    // stated, stated decimals, raw → rounding
    [5.38, 2, 5.384615, { decimals: 2, mode: "round" }],
    [5.4, 1, 5.384615, { decimals: 1, mode: "round" }],
    [9.99, 2, 9.998901, { decimals: 2, mode: "floor" }],
    [9, 0, 9.06, { decimals: 0, mode: "round" }],
    [10, 0, 10, { decimals: 2, mode: "round" }],
  ])("%p (%p decimals) from %p", (stated, d, raw, want) => {
    expect(statedFundingRounding(stated, d, raw, defaults)).toEqual(want);
    expect(acceptsFundingScore(stated, d, raw, defaults)).toBe(true);
  });

  test("a figure no rounding gives is not accepted", () => {
    expect(statedFundingRounding(9.86, 2, 9.9868, defaults)).toBeNull();
    expect(acceptsFundingScore(9.86, 2, 9.9868, defaults)).toBe(false);
  });

  test("fill takes the stated rounding; a blank, text or formula cell gets the rule set's", () => {
    expect(fundingRoundingFor(cell(5.4, "0.0"), 5.384615, defaults)).toEqual({
      decimals: 1,
      mode: "round",
    });
    expect(fundingRoundingFor(cell(null), 5.384615, defaults)).toEqual({
      decimals: 2,
      mode: "round",
    });
    expect(fundingRoundingFor(cell("无"), 5.384615, defaults)).toEqual({
      decimals: 2,
      mode: "round",
    });
    expect(fundingRoundingFor(cell(5.4, "0.0", "=5.4"), 5.384615, defaults)).toEqual({
      decimals: 2,
      mode: "round",
    });
    // A stated figure nothing reproduces (a FUNDING_SCORE_MISMATCH) is corrected with the rule set's.
    expect(fundingRoundingFor(cell(9.86), 9.9868, defaults)).toEqual({
      decimals: 2,
      mode: "round",
    });
    const floor1 = resolveSettings({ fundingScoreRounding: "floor", fundingScoreDecimals: 1 });
    expect(fundingRoundingFor(cell(null), 5.38, floor1)).toEqual({ decimals: 1, mode: "floor" });
  });
});

describe("the stated 执行率", () => {
  test("shows as stated at the stated decimals", () => {
    expect(rateShowsAsStated(0.5384615, cell(0.5385, "0.00%"))).toBe(true);
    expect(rateShowsAsStated(0.5384615, cell("53.8%"))).toBe(true);
    expect(rateShowsAsStated(0.9776786, cell(0.9783, "0.00%"))).toBe(false);
    expect(rateShowsAsStated(0.5, cell(null))).toBe(false);
  });

  test("a truncated figure is recognised, with the decimals of the fraction", () => {
    expect(truncatedRateDecimals(0.9803544, cell(0.9803, "0.00%"))).toBe(4);
    expect(truncatedRateDecimals(0.5384615, cell(0.5385, "0.00%"))).toBeNull(); // rounded: shows as stated
    expect(truncatedRateDecimals(0.9776786, cell(0.9783, "0.00%"))).toBeNull(); // neither
  });

  test("the format fill gives keeps the cell's percent format or the typed decimals", () => {
    expect(rateFormatFor(cell(0.616, "0.0%"))).toBe("0.0%");
    expect(rateFormatFor(cell("53.8%"))).toBe("0.0%");
    expect(rateFormatFor(cell("54%"))).toBe("0%");
    expect(rateFormatFor(cell(null))).toBe("0.00%");
    expect(rateFormatFor(cell(0.9906))).toBe("0.00%");
  });
});
