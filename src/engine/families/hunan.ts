import { NATIONAL } from "./national";
import { TableFamilyInput } from "./schema";

/**
 * Hunan (seed 004): project tables and the 部门整体支出绩效自评表. The blocks and spellings are the
 * national ones; what marks the family is its header (部门名称, 项目总投资), the 合计 first funding
 * row, the 得分（分值×执行率） heading and the 等级 row under 总分.
 */
export const HUNAN: TableFamilyInput = {
  ...NATIONAL,
  id: "hunan",
  name_zh: "湖南样式",
  name_en: "Hunan",
  region: "湖南",
  differs:
    "部门名称/项目总投资 header, funding block 年度项目资金（万元） opening with 合计, weighted 一级 labels, 等级 row after 总分",
  variant: "hunan",
  template: { preset: "hunan" },
  markers: [
    "部门名称",
    "单位名称",
    "预算单位名称",
    "项目总投资(万元)",
    "项目总投资",
    "合计",
    "等级",
    "等级:*",
    "评价等级",
    "绩效等级",
  ],
};
