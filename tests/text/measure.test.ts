import {
  CompareOptions,
  Measure,
  Outcome,
  compareTargetActual,
  parseMeasure,
} from "../../src/engine/text";
import { CellValue } from "../../src/engine/grid/snapshot";

describe("parseMeasure: quantities", () => {
  it.each<[CellValue, Measure]>([
    ["3", { kind: "quantity", value: 3, unit: null, percent: false, comparator: null }],
    [98, { kind: "quantity", value: 98, unit: null, percent: false, comparator: null }],
    ["100%", { kind: "quantity", value: 1, unit: null, percent: true, comparator: null }],
    ["≥90%", { kind: "quantity", value: 0.9, unit: null, percent: true, comparator: ">=" }],
    ["≧95%", { kind: "quantity", value: 0.95, unit: null, percent: true, comparator: ">=" }],
    ["≤12 月", { kind: "quantity", value: 12, unit: "月", percent: false, comparator: "<=" }],
    [
      "1520.7 m²",
      { kind: "quantity", value: 1520.7, unit: "m²", percent: false, comparator: null },
    ],
    [
      "83.26 万元",
      { kind: "quantity", value: 83.26, unit: "万元", percent: false, comparator: null },
    ],
    ["不少于3个", { kind: "quantity", value: 3, unit: "个", percent: false, comparator: ">=" }],
    ["不低于 95%", { kind: "quantity", value: 0.95, unit: null, percent: true, comparator: ">=" }],
    ["至少2次", { kind: "quantity", value: 2, unit: "次", percent: false, comparator: ">=" }],
    ["达到95%以上", { kind: "quantity", value: 0.95, unit: null, percent: true, comparator: ">=" }],
    ["达到 90%", { kind: "quantity", value: 0.9, unit: null, percent: true, comparator: ">=" }],
    ["90%以上", { kind: "quantity", value: 0.9, unit: null, percent: true, comparator: ">=" }],
    ["3个及以上", { kind: "quantity", value: 3, unit: "个", percent: false, comparator: ">=" }],
    ["大于 90%", { kind: "quantity", value: 0.9, unit: null, percent: true, comparator: ">" }],
    ["超过5场", { kind: "quantity", value: 5, unit: "场", percent: false, comparator: ">" }],
    [
      "控制在 83.26 万元以内",
      { kind: "quantity", value: 83.26, unit: "万元", percent: false, comparator: "<=" },
    ],
    [
      "不超过 128 万元",
      { kind: "quantity", value: 128, unit: "万元", percent: false, comparator: "<=" },
    ],
    [
      "不高于30万元",
      { kind: "quantity", value: 30, unit: "万元", percent: false, comparator: "<=" },
    ],
    [
      "48.69万元之内",
      { kind: "quantity", value: 48.69, unit: "万元", percent: false, comparator: "<=" },
    ],
    [
      "11.2万元内",
      { kind: "quantity", value: 11.2, unit: "万元", percent: false, comparator: "<=" },
    ],
    ["4.5%以下", { kind: "quantity", value: 0.045, unit: null, percent: true, comparator: "<=" }],
    ["低于 5%", { kind: "quantity", value: 0.05, unit: null, percent: true, comparator: "<" }],
    ["小于10", { kind: "quantity", value: 10, unit: null, percent: false, comparator: "<" }],
    ["等于 5", { kind: "quantity", value: 5, unit: null, percent: false, comparator: "=" }],
    ["≥ 90%以上", { kind: "quantity", value: 0.9, unit: null, percent: true, comparator: ">=" }],
  ])("%j", (input, expected) => {
    expect(parseMeasure(input)).toEqual(expected);
  });

  it("reads a stored fraction shown as a percentage", () => {
    expect(parseMeasure(0.96, "0%")).toEqual({
      kind: "quantity",
      value: 0.96,
      unit: null,
      percent: true,
      comparator: null,
    });
  });
});

describe("parseMeasure: qualitative scales", () => {
  it.each<[string, number, string]>([
    ["优", 4, "优良中低差"],
    ["优秀", 4, "优良中低差"],
    ["良", 3, "优良中低差"],
    ["良好", 3, "优良中低差"],
    ["中", 2, "优良中低差"],
    ["差", 0, "优良中低差"],
    // A listed scale as a target means its best level.
    ["优良中低差", 4, "优良中低差"],
    ["优良中 低差", 4, "优良中低差"],
    ["优/良/中/低/差", 4, "优良中低差"],
    ["优、良、中、低、差", 4, "优良中低差"],
    ["是", 1, "是否"],
    ["否", 0, "是否"],
    ["是/否", 1, "是否"],
    ["是否", 1, "是否"],
    ["高", 4, "高中低"],
    ["高/低", 4, "高中低"],
    ["高/中/低", 4, "高中低"],
    ["好", 3, "好较好一般差"],
    ["较好", 2, "好较好一般差"],
    ["一般", 1, "好较好一般差"],
    ["好/较好/一般/差", 3, "好较好一般差"],
    ["非常满意", 3, "满意"],
    ["满意", 2, "满意"],
    ["满意。", 2, "满意"],
    ["基本满意", 1, "满意"],
    ["不满意", 0, "满意"],
    ["满意/基本满意/不满意", 2, "满意"],
    ["完成", 2, "完成"],
    ["已完成", 2, "完成"],
    ["部分完成", 1, "完成"],
    ["未完成", 0, "完成"],
    ["完成/未完成", 2, "完成"],
    ["达到预期", 2, "达到预期"],
    ["实现预期 目标", 2, "达到预期"],
    ["未达到预期", 0, "达到预期"],
    ["达标", 2, "达标"],
    ["不达标", 0, "达标"],
    ["合格", 2, "合格"],
    ["验收合格", 2, "合格"],
    ["不合格", 0, "合格"],
    ["有效", 1, "有效"],
    ["无效", 0, "有效"],
    ["符合", 2, "符合"],
    ["满足", 2, "满足"],
  ])("%j → level %p on %j", (input, level, scale) => {
    expect(parseMeasure(input)).toEqual({ kind: "qualitative", level, scale });
  });
});

describe("parseMeasure: text", () => {
  it.each<[CellValue]>([
    [null],
    [""],
    ["—"],
    ["不涉及"],
    [true],
    ["组织开展主题宣讲"],
    ["2023 年 1-12 月完成 全部工作"],
    ["全年实施"],
    ["满意度"],
    ["12月底前完成"],
    ["约 5 个"],
    ["5个左右"],
    ["10万-20万"],
    ["不超过预算控制数"],
    ["不超过 5 个以上"],
    ["≤5以上"],
    ["好评率达到99%"],
    ["免费创业 课堂场次 大于 5 场"],
    ["解决率 达到 90%以上"],
    ["以上"],
  ])("%j", (input) => {
    expect(parseMeasure(input)).toEqual({ kind: "text" });
  });
});

describe("compareTargetActual", () => {
  // The cases the domain primer names, from seeds 001 and 000.
  it.each<[CellValue, CellValue, CompareOptions, Outcome]>([
    ["3", "2", {}, "missed"],
    ["25", "20", {}, "missed"],
    ["2133", "1452", {}, "missed"],
    ["≥98", "98", {}, "met"],
    ["≤12 月", "12 月", {}, "met"],
    ["100%", "96%", {}, "missed"],
    ["9000", "8722", {}, "missed"],
    ["优良中低差", "优", {}, "met"],
    ["优良中 低差", "良", {}, "missed"],
    ["是", "否", {}, "missed"],
    ["7.16", "7.16", { lowerIsBetter: true }, "met"],
    ["36", "25", { lowerIsBetter: true }, "met"],
    ["≤83.26万元", "90万元", {}, "missed"],
    ["2023 年 1-12 月完成 全部工作", "2023 年 1-12 月完成 全部工作", {}, "met"],
    ["组织开展主题宣讲", "邀请专家开展先锋 人社大讲堂 1 次", {}, "unknown"],
  ])("seed: %j vs %j %j → %s", (target, actual, opts, outcome) => {
    expect(compareTargetActual(target, actual, opts).outcome).toBe(outcome);
  });

  it.each<[CellValue, CellValue, CompareOptions, Outcome]>([
    // Plain numbers: "at least" unless the row is a cost row.
    ["2", "7", {}, "met"],
    ["99", "100", {}, "met"],
    ["95", "95", {}, "met"],
    [3, 2, {}, "missed"],
    [3, "3", {}, "met"],
    ["36", "25", {}, "missed"],
    ["36", "40", { lowerIsBetter: true }, "missed"],
    ["83.26 万元", "90 万元", {}, "met"],
    ["83.26 万元", "90 万元", { lowerIsBetter: true }, "missed"],
    // An explicit comparator beats lowerIsBetter.
    ["≥98", "97", { lowerIsBetter: true }, "missed"],
    ["≤10", "12", {}, "missed"],
    ["≥98%", "98%", {}, "met"],
    ["≥98%", "97.9%", {}, "missed"],
    ["95%", "100%", {}, "met"],
    ["大于 90%", "95%", {}, "met"],
    ["大于 90%", "90%", {}, "missed"],
    ["＞5", "5", {}, "missed"],
    ["＜5", "4.99", {}, "met"],
    ["=5", "5", {}, "met"],
    ["=5", "6", {}, "missed"],
    ["不少于3个", "3个", {}, "met"],
    ["不少于3个", "2个", {}, "missed"],
    ["不少于3个", "2", {}, "missed"],
    ["达到95%以上", "96%", {}, "met"],
    ["达到95%以上", "94.5%", {}, "missed"],
    ["控制在 83.26 万元以内", "83.26万元", {}, "met"],
    ["控制在 83.26 万元以内", "90 万元", {}, "missed"],
    ["≤12 月", "13 月", {}, "missed"],
    // Units.
    ["96 万", "96 万元", {}, "met"],
    ["1520.7 m²", "1520.7㎡", {}, "met"],
    ["1520.7 m²", "1520.7平方米", {}, "met"],
    ["12个月", "12 月", {}, "met"],
    ["3个", "2人", {}, "unknown"],
    ["96万", "960000元", {}, "unknown"],
    ["支出 11.2 万元内", "支出 5.8374 元", {}, "unknown"],
    // Percent against plain numbers: only when both sides say %.
    ["95%", "96", {}, "unknown"],
    ["95", "96%", {}, "unknown"],
    ["≥98%", "0.99", {}, "unknown"],
    ["100%", 1, { actualNumberFormat: "0%" }, "met"],
    ["100%", 0.96, { actualNumberFormat: "0.00%" }, "missed"],
    ["100%", 0.96, {}, "unknown"],
    // Binary noise is not a miss.
    ["0.3", 0.1 + 0.2, { lowerIsBetter: true }, "met"],
    // An actual that states only a bound.
    ["90%以上", "90%以上", {}, "met"],
    ["≥90%", "90%以上", {}, "met"],
    ["≥95%", "90%以上", {}, "unknown"],
    ["≤10", "不超过8", {}, "met"],
    ["≤10", "不少于8", {}, "unknown"],
    [">5", "≥5", {}, "unknown"],
    // Qualitative scales.
    ["是/否", "是", {}, "met"],
    ["是/否", "否", {}, "missed"],
    ["高/低", "高", {}, "met"],
    ["高/低", "低", {}, "missed"],
    ["中", "高", {}, "met"],
    ["中", "差", {}, "missed"],
    ["好", "较好", {}, "missed"],
    ["满意", "满意", {}, "met"],
    ["满意", "非常满意", {}, "met"],
    ["满意", "基本满意", {}, "missed"],
    ["完成", "已完成", {}, "met"],
    ["按时完成", "未完成", {}, "missed"],
    ["达到预期", "基本达到预期", {}, "missed"],
    ["合格", "验收合格", {}, "met"],
    ["达标", "不达标", {}, "missed"],
    ["有效", "无效", {}, "missed"],
    ["优", "良好", {}, "missed"],
    ["优良中低差", "优/良/中/低/差", {}, "unknown"],
    ["满意", "是", {}, "unknown"],
    ["是", "100%", {}, "unknown"],
    ["完成", "2", {}, "unknown"],
    ["12 月 底完成", "完成", {}, "unknown"],
    // Empty sides say nothing.
    ["3", null, {}, "unknown"],
    ["3", "—", {}, "unknown"],
    ["3", "", {}, "unknown"],
    [null, "3", {}, "unknown"],
    ["", "", {}, "unknown"],
    ["不涉及", "不涉及", {}, "unknown"],
    // Identical text repeats the plan: met. Different text: unknown.
    ["全年实施", "全年实 施", {}, "met"],
    ["慰问 420人", "慰问 420人", {}, "met"],
    ["创业企业满意度大于 90%", "创业企业满意度大于 90%", {}, "met"],
    ["就业质 量好", "来京就 业稳定", {}, "unknown"],
    ["免费创业 课堂场次 大于 5 场", "免费创业培训 17 场", {}, "unknown"],
  ])("%j vs %j %j → %s", (target, actual, opts, outcome) => {
    expect(compareTargetActual(target, actual, opts).outcome).toBe(outcome);
  });

  it.each<[CellValue, CellValue, CompareOptions, string]>([
    ["100%", "96%", {}, "actual 96% misses target 100% (read as >=)"],
    ["≥98", "98", {}, "actual 98 meets target >=98"],
    ["36", "25", { lowerIsBetter: true }, "actual 25 meets target 36 (read as <=)"],
    ["≤83.26万元", "90万元", {}, "actual 90万元 misses target <=83.26万元"],
    ["3个", "2人", {}, "units differ (个 vs 人)"],
    ["95%", "96", {}, "cannot compare a percentage with a plain number (95% vs 96)"],
    ["优良中 低差", "良", {}, '"良" is below "优良中低差" on scale 优良中低差'],
    ["满意", "是", {}, '"满意" and "是" are on different scales'],
    ["3", null, {}, "actual is empty"],
    [null, "3", {}, "target is empty"],
    ["全年实施", "全年实 施", {}, "actual repeats the target text"],
    ["组织开展主题宣讲", "邀请专家开展先锋 人社大讲堂 1 次", {}, "not comparable (text vs text)"],
  ])("reason for %j vs %j", (target, actual, opts, reason) => {
    expect(compareTargetActual(target, actual, opts).reason).toBe(reason);
  });
});
