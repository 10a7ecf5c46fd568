import { z } from "zod";

/**
 * Every label the engine looks for, by key, with the spellings seen in real tables.
 * Spellings are compared after normalizeLabel (no spaces or line breaks, half-width
 * punctuation), so "年初预 算数" and "年初预\n算数" need no entry of their own.
 * A spelling ending in "*" matches any label that starts with it.
 */
export const LabelKeySchema = z.enum([
  "title",
  "projectName",
  "department",
  "unit",
  "owner",
  "phone",
  "deptName",
  "totalInvestment",
  "subProject",
  "fiscalFunding",
  "period",
  "fundingBlock",
  "initialBudget",
  "budget",
  "adjustedBudget",
  "executed",
  "weight",
  "rate",
  "score",
  "fundingTotal",
  "fundingFiscal",
  "fundingCarryover",
  "fundingOther",
  "goal",
  "goalExpected",
  "goalActual",
  "indicatorBlock",
  "level1",
  "level2",
  "level3",
  "target",
  "actual",
  "explanation",
  "tier",
  "total",
  "grade",
]);
export type LabelKey = z.infer<typeof LabelKeySchema>;

export type LabelDictionary = Record<LabelKey, string[]>;

export const BUILTIN_LABELS: LabelDictionary = {
  title: [
    "*项目支出绩效自评表",
    "*部门整体支出绩效自评表",
    "项目支出绩效自评表*",
    "部门整体支出绩效自评表*",
  ],
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
  fundingBlock: [
    "项目资金(万元)",
    "项目资金",
    "年度项目资金(万元)",
    "年度项目资金",
    "资金情况(万元)",
    "资金情况",
  ],
  initialBudget: ["年初预算数"],
  // 调整后预算数 stays a budget spelling: a template whose only budget column it is reads it as 全年预算数.
  budget: ["全年预算数", "调整后预算数", "全年预算"],
  /** 调整后预算数: the 执行率 denominator under rateDenominator "adjustedBudget". */
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
  fundingTotal: ["年度资金总额", "合计", "资金总额"],
  fundingFiscal: ["其中:当年财政拨款", "当年财政拨款", "其中:财政拨款", "财政拨款"],
  fundingCarryover: ["上年结转资金", "其中:上年结转资金", "上年结转"],
  fundingOther: ["其他资金", "其中:其他资金"],
  goal: ["年度总体目标", "总体目标"],
  goalExpected: ["预期目标"],
  goalActual: ["实际完成情况"],
  indicatorBlock: ["绩效指标"],
  level1: ["一级指标"],
  level2: ["二级指标"],
  level3: ["三级指标"],
  target: ["年度指标值", "年度目标值", "指标值"],
  actual: ["实际完成值", "全年实际值", "实际值"],
  explanation: ["偏差原因分析及改进措施", "偏差原因分析及改进措施*", "偏差原因*"],
  /** A column stating a qualitative indicator's tier (达成 / 部分达成 / 未达成年度指标). */
  tier: ["完成档次", "达成档次", "指标完成档次", "评价档次"],
  total: ["总分", "合计得分", "总得分"],
  grade: ["等级", "等级:*", "评价等级", "绩效等级"],
};

/** The built-in dictionary with a template's extra spellings appended. */
export function extendDictionary(extra: Partial<Record<LabelKey, string[]>>): LabelDictionary {
  const out = { ...BUILTIN_LABELS };
  for (const [key, words] of Object.entries(extra) as [LabelKey, string[] | undefined][]) {
    if (words && words.length) out[key] = [...out[key], ...words];
  }
  return out;
}
