import { TableFamilyInput } from "./schema";

/**
 * The national layout as Beijing publishes it (seeds 000 and 001), with every spelling the real
 * tables use. It also reads the Hunan header fields and 合计 funding row so that a table mixing
 * the two reads as it always has; the hunan family (hunan.ts) wins where its markers occur.
 */
export const NATIONAL: TableFamilyInput = {
  id: "national",
  name_zh: "全国通用（北京样式）",
  name_en: "National (Beijing)",
  region: "北京 and the national template",
  differs:
    "the reference layout: 项目资金（万元）, 年初预算数/全年预算数/全年执行数, 9-column indicator block, 总分",
  variant: "beijing",
  title: [
    "*项目支出绩效自评表",
    "*部门整体支出绩效自评表",
    "项目支出绩效自评表*",
    "部门整体支出绩效自评表*",
  ],
  header: {
    fields: {
      projectName: ["项目名称", "专项名称", "项目支出名称"],
      department: ["主管部门"],
      unit: ["实施单位"],
      owner: ["项目负责人"],
      phone: ["联系电话"],
      deptName: ["部门名称", "单位名称", "预算单位名称"],
      totalInvestment: ["项目总投资(万元)", "项目总投资"],
      subProject: ["支出方向名称(子项目)", "支出方向名称"],
      fiscalFunding: ["其中:财政拨款"],
      period: ["项目总实施期*"],
    },
  },
  goal: { labels: ["年度总体目标", "总体目标"], expected: ["预期目标"], actual: ["实际完成情况"] },
  funding: {
    labels: [
      "项目资金(万元)",
      "项目资金",
      "年度项目资金(万元)",
      "年度项目资金",
      "资金情况(万元)",
      "资金情况",
    ],
    columns: {
      initialBudget: ["年初预算数"],
      // 调整后预算数 stays a budget spelling: a template whose only budget column it is reads it as 全年预算数.
      budget: ["全年预算数", "调整后预算数", "全年预算"],
      adjustedBudget: ["调整后预算数", "调整后预算"],
      executed: ["全年执行数", "全年执行"],
      weight: ["分值"],
      rate: ["执行率"],
      score: [
        "得分",
        "得分(分值×执行率)",
        "得分(分值×执行率",
        "得分(分值*执行率)",
        "得分(执行率×分值)",
      ],
    },
    rows: {
      total: ["年度资金总额", "合计", "资金总额"],
      fiscal: ["其中:当年财政拨款", "当年财政拨款", "其中:财政拨款", "财政拨款"],
      carryover: ["上年结转资金", "其中:上年结转资金", "上年结转"],
      other: ["其他资金", "其中:其他资金"],
    },
  },
  indicators: {
    labels: ["绩效指标"],
    columns: {
      level1: ["一级指标"],
      level2: ["二级指标"],
      level3: ["三级指标"],
      target: ["年度指标值", "年度目标值", "指标值"],
      actual: ["实际完成值", "全年实际值", "实际值"],
      weight: ["分值"],
      score: ["得分"],
      explanation: ["偏差原因分析及改进措施", "偏差原因分析及改进措施*", "偏差原因*"],
      tier: ["完成档次", "达成档次", "指标完成档次", "评价档次"],
    },
  },
  total: { labels: ["总分", "合计得分", "总得分"] },
  grade: { labels: ["等级", "等级:*", "评价等级", "绩效等级"] },
  unit: "万元",
  template: { preset: "beijing" },
};
