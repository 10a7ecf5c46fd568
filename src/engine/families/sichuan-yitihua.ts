import { TableFamilyInput } from "./schema";

/**
 * The national 预算管理一体化 system's form as 四川 publishes it (form 510000_0013zp): a 报表编号
 * line, 项目基本情况 rows before the money, the funding block 预算执行情况(10分) with 年初预算 /
 * 调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 得分 / 原因 and rows 总额, 其中:财政资金,
 * 财政专户管理资金, 单位资金, 其他资金; the indicator block 绩效指标(90分) with 指标性质 / 指标值 /
 * 度量单位 / 完成值 / 权重 / 得分 / 未完成原因分析; 合计 as the total row; then 评价结论, 存在问题,
 * 改进措施 and the signatures, which are not part of the scored table.
 * 执行率 = 预算执行数 / 调整后预算数, so 调整后预算数 is this family's budget column.
 */
export const SICHUAN_YITIHUA: TableFamilyInput = {
  id: "sichuan-yitihua",
  name_zh: "预算管理一体化（四川 0013zp）",
  name_en: "Budget integration system (Sichuan 0013zp)",
  region: "四川 (national 预算管理一体化 export)",
  differs:
    "预算执行情况(10分) block with 调整后预算数/预算执行数/权重/原因, 指标性质/指标值/度量单位/完成值/未完成原因分析, 合计 total, 评价结论 rows after it",
  variant: "beijing",
  markers: ["报表编号*", "预算执行情况*", "未完成原因分析", "预算执行数", "调整后预算数"],
  title: ["部门预算项目支出绩效自评表*", "*项目支出绩效自评表", "项目支出绩效自评表*"],
  header: {
    fields: {
      projectName: ["项目名称"],
      department: ["主管部门"],
      unit: ["实施单位", "实施单位(盖章)"],
    },
    required: ["projectName", "department", "unit"],
  },
  goal: { expected: ["项目年度目标"], actual: ["年度目标完成情况"] },
  funding: {
    labels: ["预算执行情况*"],
    columns: {
      initialBudget: ["年初预算", "年初预算数"],
      budget: ["调整后预算数", "调整后预算"],
      executed: ["预算执行数"],
      rate: ["预算执行率", "执行率"],
      weight: ["权重", "分值"],
      score: ["得分"],
      reason: ["原因"],
    },
    rows: {
      total: ["总额", "合计"],
      fiscal: ["其中:财政资金", "财政资金"],
      other: ["财政专户管理资金", "单位资金", "其他资金"],
    },
  },
  indicators: {
    labels: ["绩效指标*"],
    columns: {
      level1: ["一级指标"],
      level2: ["二级指标"],
      level3: ["三级指标"],
      nature: ["指标性质"],
      target: ["指标值", "年度指标值"],
      measureUnit: ["度量单位"],
      actual: ["完成值", "实际完成值"],
      weight: ["权重", "分值"],
      score: ["得分"],
      explanation: ["未完成原因分析", "偏差原因分析及改进措施"],
    },
  },
  total: { labels: ["合计", "总分"] },
  grade: { labels: ["等级"] },
  trailing: ["评价结论", "存在问题", "改进措施", "项目负责人:*", "财务负责人:*"],
  unit: "万元",
  // The blank form as the system exports it (tests/fixtures/national/sichuan-yitihua-0013zp.txt):
  // 11 columns A–K, the 项目基本情况 rows before the money, the 原因 column one area down the block.
  template: {
    widths: [10, 14, 11, 12, 11, 10, 10, 10, 10, 10, 22],
    preface: [[{ text: "报表编号:510000_0013zp", span: 11, plain: true }]],
    title: "部门预算项目支出绩效自评表({year}年度)",
    header: [
      [
        { text: "项目名称", span: 2 },
        { input: "projectName", span: 9 },
      ],
      [
        { text: "主管部门", span: 2 },
        { input: "department", span: 4 },
        { text: "实施单位\n(盖章)", span: 2 },
        { input: "unit", span: 3 },
      ],
    ],
    goalFirst: true,
    goal: [
      [
        { text: "项目基本情况", down: 3 },
        { text: "1.项目年度目标完成情况", down: 2 },
        { text: "项目年度目标", span: 4 },
        { text: "年度目标完成情况", span: 5 },
      ],
      [
        { input: "goalExpected", span: 4 },
        { input: "goalActual", span: 5 },
      ],
      [{ text: "2.项目实施内容及过程概述" }, { input: "text", span: 9 }],
    ],
    funding: {
      label: "预算执行情况({fundingWeight}分)",
      head: "年度预算数(万元)",
      rowLabelSpan: 1,
      columns: [
        { key: "initialBudget", heading: "年初预算" },
        { key: "budget", heading: "调整后预算数" },
        { key: "executed", heading: "预算执行数" },
        { key: "rate", heading: "预算执行率" },
        { key: "weight", heading: "权重" },
        { key: "score", heading: "得分" },
        { key: "reason", heading: "原因", span: 3 },
      ],
      rows: [
        { kind: "total", label: "总额" },
        { kind: "fiscal", label: "其中:财政资金" },
        { kind: "other", label: "财政专户管理资金" },
        { kind: "other", label: "单位资金" },
        { kind: "other", label: "其他资金" },
      ],
      subRowMark: "/",
    },
    indicators: {
      label: "绩效指标({indicatorWeight}分)",
      columns: [
        { key: "level1", heading: "一级指标" },
        { key: "level2", heading: "二级指标" },
        { key: "level3", heading: "三级指标" },
        { key: "nature", heading: "指标性质" },
        { key: "target", heading: "指标值" },
        { key: "measureUnit", heading: "度量单位" },
        { key: "actual", heading: "完成值" },
        { key: "weight", heading: "权重" },
        { key: "score", heading: "得分" },
        { key: "explanation", heading: "未完成原因分析" },
      ],
    },
    totalLabel: "合计",
    trailing: [
      [
        { text: "评价结论", span: 2 },
        { input: "text", span: 9 },
      ],
      [
        { text: "存在问题", span: 2 },
        { input: "text", span: 9 },
      ],
      [
        { text: "改进措施", span: 2 },
        { input: "text", span: 9 },
      ],
      [
        { text: "项目负责人:", span: 5, plain: true },
        { text: "财务负责人:", span: 6, plain: true },
      ],
    ],
  },
};
