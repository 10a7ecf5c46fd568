import type { RulePresetName, RuleSetInput } from "../settings";

/**
 * Rule-set presets for the two template families the seeds show. A preset is a partial rule set:
 * whatever it leaves out keeps the default. A rule set that names `preset` is read on top of it.
 *
 * - beijing (seeds 000, 001): the header must also name 项目负责人 and 联系电话; "项目负责" (a
 *   published misspelling, 001) counts as 项目负责人.
 * - hunan (seed 004): the header must give 部门名称, 项目名称 and 项目总投资; 一级 labels carry their
 *   weights (产出指标(50分)), so the 50/30/10 split is enforced, and the funding 分值 must be 10.
 *
 * Both accept the newer national column headings 全年预算数（A）, 全年执行数（B）, 执行率（B/A）.
 */
const NATIONAL_HEADINGS: NonNullable<RuleSetInput["labelSynonyms"]> = {
  budget: ["全年预算数(A)", "全年预算数(A)(万元)"],
  executed: ["全年执行数(B)", "全年执行数(B)(万元)"],
  rate: ["执行率(B/A)", "执行率(B/A)(%)"],
};

export const RULE_PRESETS: Readonly<Record<RulePresetName, RuleSetInput>> = {
  beijing: {
    version: 1,
    preset: "beijing",
    labelSynonyms: { ...NATIONAL_HEADINGS, owner: ["项目负责"] },
    requiredHeaderFields: { beijing: ["projectName", "department", "unit", "owner", "phone"] },
  },
  hunan: {
    version: 1,
    preset: "hunan",
    labelSynonyms: { ...NATIONAL_HEADINGS },
    requiredHeaderFields: { hunan: ["deptName", "projectName", "totalInvestment"] },
    sectionWeights: { enforce: true },
  },
};

export const RULE_PRESET_NAMES = Object.keys(RULE_PRESETS) as RulePresetName[];
