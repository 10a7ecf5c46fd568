import {
  Comparator,
  ParsedNumber,
  decimalsOf,
  floorTo,
  formatDecimals,
  formatIsPercent,
  formatNumber,
  parseNumber,
  roundHalfUp,
  shiftDecimal,
} from "../../src/engine/text";
import { CellValue } from "../../src/engine/grid/snapshot";

/** A number read from text, spelled out in full so every field is asserted. */
function textNumber(
  raw: string,
  value: number,
  opts: { unit?: string; percent?: boolean; comparator?: Comparator; decimals: number }
): ParsedNumber {
  return {
    kind: "number",
    value,
    unit: opts.unit ?? null,
    percent: opts.percent ?? false,
    comparator: opts.comparator ?? null,
    fromText: true,
    decimals: opts.decimals,
    raw,
  };
}

function nonNumber(raw: CellValue, kind: ParsedNumber["kind"], fromText: boolean): ParsedNumber {
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

describe("parseNumber: numbers written as text", () => {
  it.each<[string, ParsedNumber]>([
    // Plain figures typed into a cell: numbers, but fromText so rules can say NUMBER_AS_TEXT.
    ["10", textNumber("10", 10, { decimals: 0 })],
    ["4.49", textNumber("4.49", 4.49, { decimals: 2 })],
    ["15.40", textNumber("15.40", 15.4, { decimals: 2 })],
    ["231.00", textNumber("231.00", 231, { decimals: 2 })],
    [" 12.66\u3000", textNumber(" 12.66\u3000", 12.66, { decimals: 2 })],
    ["１２３", textNumber("１２３", 123, { decimals: 0 })],
    ["１２．５", textNumber("１２．５", 12.5, { decimals: 1 })],
    ["-5", textNumber("-5", -5, { decimals: 0 })],
    ["\u22125", textNumber("\u22125", -5, { decimals: 0 })],
    ["0", textNumber("0", 0, { decimals: 0 })],
    // Thousands separators, only real groups of three.
    ["1,234.5", textNumber("1,234.5", 1234.5, { decimals: 1 })],
    ["12,345,678", textNumber("12,345,678", 12345678, { decimals: 0 })],
    ["1，234", textNumber("1，234", 1234, { decimals: 0 })],
    // Percentages: the value is the fraction, decimals as written.
    ["99.99%", textNumber("99.99%", 0.9999, { percent: true, decimals: 2 })],
    ["100%", textNumber("100%", 1, { percent: true, decimals: 0 })],
    ["53.85%", textNumber("53.85%", 0.5385, { percent: true, decimals: 2 })],
    ["19.95%", textNumber("19.95%", 0.1995, { percent: true, decimals: 2 })],
    ["96 %", textNumber("96 %", 0.96, { percent: true, decimals: 0 })],
    ["１００％", textNumber("１００％", 1, { percent: true, decimals: 0 })],
    ["　 95%　", textNumber("　 95%　", 0.95, { percent: true, decimals: 0 })],
    // Units.
    ["3.5万", textNumber("3.5万", 3.5, { unit: "万", decimals: 1 })],
    ["42万", textNumber("42万", 42, { unit: "万", decimals: 0 })],
    ["96 万", textNumber("96 万", 96, { unit: "万", decimals: 0 })],
    ["114.4 万", textNumber("114.4 万", 114.4, { unit: "万", decimals: 1 })],
    ["1225.54万　　", textNumber("1225.54万　　", 1225.54, { unit: "万", decimals: 2 })],
    ["2.8万 元", textNumber("2.8万 元", 2.8, { unit: "万元", decimals: 1 })],
    ["83.26 万元", textNumber("83.26 万元", 83.26, { unit: "万元", decimals: 2 })],
    ["9.947 万元", textNumber("9.947 万元", 9.947, { unit: "万元", decimals: 3 })],
    ["24.75万元", textNumber("24.75万元", 24.75, { unit: "万元", decimals: 2 })],
    ["1520.7 m²", textNumber("1520.7 m²", 1520.7, { unit: "m²", decimals: 1 })],
    ["1520.7㎡", textNumber("1520.7㎡", 1520.7, { unit: "m²", decimals: 1 })],
    ["1520.7 m2", textNumber("1520.7 m2", 1520.7, { unit: "m²", decimals: 1 })],
    ["1684.5平米", textNumber("1684.5平米", 1684.5, { unit: "平米", decimals: 1 })],
    ["8 人", textNumber("8 人", 8, { unit: "人", decimals: 0 })],
    ["70人", textNumber("70人", 70, { unit: "人", decimals: 0 })],
    ["3 个", textNumber("3 个", 3, { unit: "个", decimals: 0 })],
    ["13个", textNumber("13个", 13, { unit: "个", decimals: 0 })],
    ["100 次", textNumber("100 次", 100, { unit: "次", decimals: 0 })],
    ["400 场", textNumber("400 场", 400, { unit: "场", decimals: 0 })],
    ["201件", textNumber("201件", 201, { unit: "件", decimals: 0 })],
    ["12 个月", textNumber("12 个月", 12, { unit: "个月", decimals: 0 })],
    ["12 月", textNumber("12 月", 12, { unit: "月", decimals: 0 })],
    ["400元/人/月", textNumber("400元/人/月", 400, { unit: "元/人/月", decimals: 0 })],
    ["10 kg", textNumber("10 kg", 10, { unit: "kg", decimals: 0 })],
    // Comparison signs.
    ["≥98", textNumber("≥98", 98, { comparator: ">=", decimals: 0 })],
    ["≥ 98", textNumber("≥ 98", 98, { comparator: ">=", decimals: 0 })],
    ["≧95%", textNumber("≧95%", 0.95, { comparator: ">=", percent: true, decimals: 0 })],
    ["≥98%", textNumber("≥98%", 0.98, { comparator: ">=", percent: true, decimals: 0 })],
    ["≥90%　", textNumber("≥90%　", 0.9, { comparator: ">=", percent: true, decimals: 0 })],
    ["≤12 月", textNumber("≤12 月", 12, { comparator: "<=", unit: "月", decimals: 0 })],
    ["　≤4.5%", textNumber("　≤4.5%", 0.045, { comparator: "<=", percent: true, decimals: 1 })],
    ["≦10", textNumber("≦10", 10, { comparator: "<=", decimals: 0 })],
    [">=5", textNumber(">=5", 5, { comparator: ">=", decimals: 0 })],
    ["<=5", textNumber("<=5", 5, { comparator: "<=", decimals: 0 })],
    ["＞5", textNumber("＞5", 5, { comparator: ">", decimals: 0 })],
    ["＜5", textNumber("＜5", 5, { comparator: "<", decimals: 0 })],
    ["＝5", textNumber("＝5", 5, { comparator: "=", decimals: 0 })],
    [
      "≤83.26万元",
      textNumber("≤83.26万元", 83.26, { comparator: "<=", unit: "万元", decimals: 2 }),
    ],
  ])("%j", (input, expected) => {
    expect(parseNumber(input)).toEqual(expected);
  });
});

describe("parseNumber: text that is not one number", () => {
  it.each<[string]>([
    ["2023 年 1-12 月完成 全部工作"],
    ["组织开展主题宣讲"],
    ["按期完成7个"],
    ["按预期目标完成7个"],
    ["订阅2850套"],
    ["1-12"],
    ["3/4"],
    ["10万-20万"],
    ["约5"],
    ["约 5 个"],
    ["5个左右"],
    ["3个以上"],
    ["90%以上"],
    ["100%完成"],
    ["完成100%"],
    ["2020年底前"],
    ["12月底前完成"],
    ["6月份完成"],
    ["次月起 90 日内"],
    ["2000多名流动党员"],
    ["43（985/211院校3人3人）"],
    ["1,23"],
    ["12."],
    ["1e5"],
    ["113.8699 68"],
    ["010-63258260"],
    ["- 5"],
    ["≥"],
    ["%"],
    ["万元"],
    ["支出 11.2 万元内"],
    ["好评率99%"],
    ["全年支出 11.5178 万元"],
    ["1520.7 平方米左右"],
  ])("%j is text", (input) => {
    expect(parseNumber(input)).toEqual(nonNumber(input, "text", true));
  });
});

describe("parseNumber: empty and placeholders", () => {
  it.each<[CellValue, ParsedNumber]>([
    [null, nonNumber(null, "empty", false)],
    ["", nonNumber("", "empty", true)],
    ["   ", nonNumber("   ", "empty", true)],
    ["\u3000", nonNumber("\u3000", "empty", true)],
    ["—", nonNumber("—", "placeholder", true)],
    ["——", nonNumber("——", "placeholder", true)],
    ["-", nonNumber("-", "placeholder", true)],
    ["－", nonNumber("－", "placeholder", true)],
    ["/", nonNumber("/", "placeholder", true)],
    ["无", nonNumber("无", "placeholder", true)],
    ["不涉及", nonNumber("不涉及", "placeholder", true)],
    [" N/A ", nonNumber(" N/A ", "placeholder", true)],
    [true, nonNumber(true, "text", false)],
    [NaN, nonNumber(NaN, "text", false)],
  ])("%j", (input, expected) => {
    expect(parseNumber(input)).toEqual(expected);
  });
});

describe("parseNumber: stored numbers", () => {
  it.each<[number, string | null | undefined, Partial<ParsedNumber>]>([
    [0.9906, "0.00%", { percent: true, decimals: 2, unit: null }],
    [1, "0%", { percent: true, decimals: 0, unit: null }],
    [0.5, "0.0%;[Red]-0.0%", { percent: true, decimals: 1, unit: null }],
    [4.49, null, { percent: false, decimals: 2, unit: null }],
    [4.49, undefined, { percent: false, decimals: 2, unit: null }],
    [11.5178, "General", { percent: false, decimals: 4, unit: null }],
    [12.5, "0.0000", { percent: false, decimals: 4, unit: null }],
    [1234.5, "#,##0.00", { percent: false, decimals: 2, unit: null }],
    [12.5, '0.00"万元"', { percent: false, decimals: 2, unit: "万元" }],
    [12.5, '0.00" 万元"', { percent: false, decimals: 2, unit: "万元" }],
    [45000, 'yyyy"年"m"月"', { percent: false, decimals: 0, unit: null }],
    [96, '0"%"', { percent: false, decimals: 0, unit: null }],
    [96, "0\\%", { percent: false, decimals: 0, unit: null }],
    [100, "0", { percent: false, decimals: 0, unit: null }],
    [0.30000000000000004, null, { percent: false, decimals: 17, unit: null }],
  ])("%p with format %j", (v, fmt, expected) => {
    expect(parseNumber(v, fmt)).toEqual({
      kind: "number",
      value: v,
      comparator: null,
      fromText: false,
      raw: v,
      ...expected,
    });
  });

  it("ignores the number format for text cells", () => {
    expect(parseNumber("96", "0.00%")).toEqual(textNumber("96", 96, { decimals: 0 }));
  });
});

describe("decimalsOf", () => {
  it.each<[number, number]>([
    [0, 0],
    [10, 0],
    [1.5, 1],
    [0.9906, 4],
    [11.5178, 4],
    [113.869968, 6],
    [1e-7, 7],
    [1.5e-7, 8],
    [-2.25, 2],
    [1e21, 0],
    [NaN, 0],
  ])("decimalsOf(%p) = %p", (n, expected) => {
    expect(decimalsOf(n)).toBe(expected);
  });
});

describe("roundHalfUp", () => {
  it.each<[number, number, number]>([
    [1.005, 2, 1.01],
    [9.905, 2, 9.91],
    [2.675, 2, 2.68],
    [1.0049, 2, 1],
    [5.385, 1, 5.4],
    [9.783, 2, 9.78],
    [9.304, 1, 9.3],
    [0.5, 0, 1],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [-1.005, 2, -1.01],
    [-0.004, 2, 0],
    [0, 2, 0],
    [7, 2, 7],
    [9.999, 2, 10],
    [99.995, 2, 100],
    [0.1 + 0.2, 2, 0.3],
    [1.5e-7, 7, 2e-7],
    [0.004, 2, 0],
    [0.005, 2, 0.01],
    [123.456, -1, 120],
    [125, -1, 130],
    [4, -1, 0],
    [5, -1, 10],
    [1e21, 2, 1e21],
  ])("roundHalfUp(%p, %p) = %p", (n, d, expected) => {
    expect(roundHalfUp(n, d)).toBe(expected);
  });
});

describe("floorTo", () => {
  it.each<[number, number, number]>([
    [9.99, 1, 9.9],
    [9.3, 2, 9.3],
    [0.29, 2, 0.29],
    [5.385, 1, 5.3],
    [1.005, 2, 1],
    [100, 2, 100],
    [0.999, 0, 0],
    [-9.91, 1, -10],
    [-9.9, 1, -9.9],
    [-0.5, 0, -1],
    [-0.001, 2, -0.01],
    [129, -1, 120],
  ])("floorTo(%p, %p) = %p", (n, d, expected) => {
    expect(floorTo(n, d)).toBe(expected);
  });
});

describe("shiftDecimal", () => {
  it.each<[number, number, number]>([
    [0.9999, 2, 99.99],
    [0.5385, 1, 5.385],
    [0.07, 2, 7],
    [99.99, -2, 0.9999],
    [0, 2, 0],
  ])("shiftDecimal(%p, %p) = %p", (n, k, expected) => {
    expect(shiftDecimal(n, k)).toBe(expected);
  });
});

describe("formatNumber", () => {
  it.each<[number, number | null | undefined, boolean, string]>([
    [5.4, 2, false, "5.40"],
    [1.005, 2, false, "1.01"],
    [10, 0, false, "10"],
    [9.995, 2, false, "10.00"],
    [-1.005, 2, false, "-1.01"],
    [-0.004, 2, false, "0.00"],
    [1234.5, null, false, "1234.5"],
    [1e-7, undefined, false, "0.0000001"],
    [0.9999, 2, true, "99.99%"],
    [0.5385, null, true, "53.85%"],
    [0.5385, 1, true, "53.9%"],
    [1, 0, true, "100%"],
    [0.07, undefined, true, "7%"],
    [NaN, 2, false, "NaN"],
  ])("formatNumber(%p, %p, percent=%p) = %j", (n, d, percent, expected) => {
    expect(formatNumber(n, d, { percent })).toBe(expected);
  });
});

describe("number format helpers", () => {
  it.each<[string | null, boolean, number | null]>([
    ["0.00%", true, 2],
    ["0%", true, 0],
    ["[Red]0.0%", true, 1],
    ['0"%"', false, 0],
    ["0\\%", false, 0],
    ["0.0000", false, 4],
    ["#,##0.00", false, 2],
    ["0.00_);(0.00)", false, 2],
    ['#,##0.0"万元"', false, 1],
    ["0.00E+00", false, 2],
    ["[$¥-804]#,##0.00", false, 2],
    ["0.00;-0.00%", false, 2],
    ["General", false, null],
    ["@", false, null],
    ["yyyy-mm-dd", false, null],
    [null, false, null],
    ["", false, null],
  ])("%j: percent %p, decimals %p", (fmt, percent, decimals) => {
    expect(formatIsPercent(fmt)).toBe(percent);
    expect(formatDecimals(fmt)).toBe(decimals);
  });
});
