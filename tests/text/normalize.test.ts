import {
  cellText,
  isBlankText,
  isEmptyExplanation,
  isPlaceholder,
  normalizeLabel,
  plainDecimal,
  removeSpaces,
  toHalfWidth,
  trimAll,
} from "../../src/engine/text";
import { CellValue } from "../../src/engine/grid/snapshot";

describe("normalizeLabel", () => {
  // Spellings as the seed documents print them (line breaks where Word wrapped the cell).
  it.each([
    ["年初预 算数", "年初预算数"],
    ["全年 执行数", "全年执行数"],
    ["分 值", "分值"],
    ["得 分", "得分"],
    ["偏差原 因分析 及改进 措施", "偏差原因分析及改进措施"],
    ["偏差原因分析及改进\n措施", "偏差原因分析及改进措施"],
    ["绩\n效\n指\n标", "绩效指标"],
    ["年度\n\n指标值", "年度指标值"],
    ["产 出 指 标", "产出指标"],
    ["项目资金（万元）", "项目资金(万元)"],
    ["项目资金 (万元)", "项目资金(万元)"],
    ["项目资金 （万元）", "项目资金(万元)"],
    ["年度项目资金\n（万元）", "年度项目资金(万元)"],
    ["其中：当年财政拨款", "其中:当年财政拨款"],
    ["其中: 当年财政 拨款", "其中:当年财政拨款"],
    ["其中：当年财 政拨款", "其中:当年财政拨款"],
    ["产出指标（50分）", "产出指标(50分)"],
    ["效益指标(30分)", "效益指标(30分)"],
    ["得分（分值×执行率）", "得分(分值×执行率)"],
    ["等级：优", "等级:优"],
    ["项目名称：", "项目名称"],
    ["项目名称:", "项目名称"],
    ["项目名称 ： ", "项目名称"],
    ["备注∶", "备注"],
    ["【备注】", "[备注]"],
    ["〔2015〕", "[2015]"],
    ["\t得\r\n分\u00a0", "得分"],
    ["联系电话\u3000", "联系电话"],
    ["项目\u200b负责人", "项目负责人"],
    ["ＡＢＣ１２３", "ABC123"],
    ["Ｎ／Ａ", "N/A"],
    ["  其他资金", "其他资金"],
    ["年度资金总额", "年度资金总额"],
    ["", ""],
    ["  \n ", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });

  it.each([
    ["年初预 算数"],
    ["绩\n效\n指\n标"],
    ["项目资金（万元）"],
    ["其中: 当年财政 拨款"],
    ["等级：优"],
  ])("is idempotent on %j", (input) => {
    const once = normalizeLabel(input);
    expect(normalizeLabel(once)).toBe(once);
  });

  it.each([
    ["年初预算数", "全年预算数"],
    ["分值", "得分"],
    ["年度指标值", "实际完成值"],
    ["项目资金(万元)", "项目资金(元)"],
    ["其中:当年财政拨款", "当年财政拨款"],
  ])("keeps %j and %j apart", (a, b) => {
    expect(normalizeLabel(a)).not.toBe(normalizeLabel(b));
  });

  it("only drops a trailing colon, not an inner one", () => {
    expect(normalizeLabel("其中：当年：")).toBe("其中:当年");
  });
});

describe("toHalfWidth / removeSpaces / trimAll", () => {
  it.each([
    ["（万元）", "(万元)"],
    ["１００％", "100%"],
    ["１２．５", "12.5"],
    ["\u3000", " "],
    ["～！＞＝", "~!>="],
    ["、。“”", "、。“”"], // CJK punctuation outside the ASCII block stays
    ["≥98", "≥98"],
  ])("toHalfWidth(%j) = %j", (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it("removeSpaces drops every kind of whitespace", () => {
    expect(removeSpaces(" a\u3000b\u00a0c\td\ne\rf\u200bg ")).toBe("abcdefg");
  });

  it("trimAll trims zero-width characters too", () => {
    expect(trimAll("\u200b\u3000 96 万 \u00a0")).toBe("96 万");
  });
});

describe("cellText / plainDecimal", () => {
  it.each<[CellValue, string]>([
    [null, ""],
    [true, "TRUE"],
    [false, "FALSE"],
    [0, "0"],
    [-0, "0"],
    [4.49, "4.49"],
    [11.5178, "11.5178"],
    [113.869968, "113.869968"],
    [1e-7, "0.0000001"],
    [1.5e-7, "0.00000015"],
    [-2.5e-7, "-0.00000025"],
    [123456789012, "123456789012"],
    [1e20, "100000000000000000000"],
    [1e21, "1e+21"],
    [0.1 + 0.2, "0.30000000000000004"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    ["  a ", "  a "],
    ["", ""],
  ])("cellText(%p) = %j", (v, expected) => {
    expect(cellText(v)).toBe(expected);
  });

  it.each<[number, string]>([
    [1e21, "1000000000000000000000"],
    [1.23e-10, "0.000000000123"],
    [-4.5e-7, "-0.00000045"],
    [99.99, "99.99"],
  ])("plainDecimal(%p) = %j", (n, expected) => {
    expect(plainDecimal(n)).toBe(expected);
  });
});

describe("isBlankText", () => {
  it.each<[CellValue, boolean]>([
    [null, true],
    ["", true],
    ["   ", true],
    ["\u3000", true],
    ["\n\t\r", true],
    ["\u00a0", true],
    ["\u200b", true],
    ["a", false],
    ["—", false],
    [0, false],
    [false, false],
  ])("isBlankText(%j) = %p", (v, expected) => {
    expect(isBlankText(v)).toBe(expected);
  });
});

describe("isPlaceholder", () => {
  it.each<[CellValue]>([
    [null],
    [""],
    [" "],
    ["\u3000"],
    ["—"],
    ["——"],
    ["-"],
    ["--"],
    ["－"],
    ["─"],
    ["–"],
    ["/"],
    ["／"],
    ["无"],
    [" 无 "],
    ["\u3000—\u3000"],
    ["N/A"],
    ["n/a"],
    ["Ｎ／Ａ"],
    ["不涉及"],
    ["不 涉及"],
    ["不涉及此项内容"],
    ["不适用"],
    ["— —"],
  ])("%j is a placeholder", (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  it.each<[CellValue]>([
    [0],
    [10],
    [true],
    [false],
    ["0"],
    ["无偏差"],
    ["无效"],
    ["无此项"],
    ["否"],
    ["一"],
    ["—10"],
    ["-5"],
    ["//"],
    ["NA说明"],
    ["不涉及资金"],
    ["2023 年部分 新晋升人员 由区委组织 部承担培训"],
  ])("%j is not a placeholder", (v) => {
    expect(isPlaceholder(v)).toBe(false);
  });
});

describe("isEmptyExplanation", () => {
  it.each<[CellValue, string[], boolean]>([
    [null, [], true],
    ["", [], true],
    ["无", [], true],
    ["—", [], true],
    ["不涉及此项内容", [], true],
    ["无。", [], true],
    [" 无 。", [], true],
    ["无偏差", [], true],
    ["暂无", [], true],
    ["见附件", ["见附件"], true],
    ["已 说明。", ["已说明"], true],
    ["见附件", [], false],
    ["x", [""], false],
    [0, [], false],
    ["无法完成", [], false],
    // Real explanations from the seeds.
    ["2023 年部分 新晋升人员 由区委组织 部承担培训, 故预计培训 人数减少。", [], false],
    ["离休干部生活补贴涨幅低于预期", [], false],
    ["因疫情原因，党日活动等教育培训部分无法正常开展", [], false],
    [
      "丰台区个别企业经营困难，导致招用失业人员减少。改进措施是继续赴 26 个街镇开展多轮线上线下宣讲。",
      [],
      false,
    ],
  ])("isEmptyExplanation(%j, %j) = %p", (v, extra, expected) => {
    expect(isEmptyExplanation(v, extra)).toBe(expected);
  });
});
