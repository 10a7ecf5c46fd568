import { NATIONAL } from "./national";
import { TableFamilyInput } from "./schema";

const national = NATIONAL as Required<Pick<TableFamilyInput, "funding" | "indicators">>;

/**
 * 云南's published form (公开14表 in the corner): amounts in 元 (项目资金(元)), a two-row indicator
 * header (绩效指标 over 一级/二级/三级, 年度指标值 over 指标性质/指标值/度量单位; 实际完成值, 分值,
 * 得分 and 偏差原因分析及改进措施 merged down over both rows), a 其他需要说明事项 row before 总分,
 * and the grade (优/良/中/差) unlabelled in the last cell of the 总分 row.
 */
export const YUNNAN_PUBLIC: TableFamilyInput = {
  ...NATIONAL,
  id: "yunnan-public",
  name_zh: "云南公开表（公开14表）",
  name_en: "Yunnan published form (公开14表)",
  region: "云南",
  differs:
    "amounts in 元, two-row indicator header with 指标性质/指标值/度量单位, 其他需要说明事项 row before 总分, grade in the 总分 row's last cell",
  markers: ["公开14表", "*公开14表", "项目资金(元)", "其他需要说明事项", "度量单位", "指标性质"],
  funding: {
    ...national.funding!,
    labels: [...(national.funding!.labels ?? []), "项目资金(元)", "资金情况(元)"],
  },
  indicators: {
    ...national.indicators,
    columns: {
      ...national.indicators.columns,
      nature: ["指标性质"],
      measureUnit: ["度量单位"],
    },
    headerRows: 2,
    notes: ["其他需要说明事项*"],
  },
  total: { labels: ["总分"], gradeInLastCell: true },
  unit: "元",
  // The published form: 10 columns A–J, 公开14表 in the corner, the grade under 偏差原因分析.
  template: {
    widths: [11, 12, 16, 9, 9, 9, 12, 8, 10, 22],
    title: "{year}年度项目支出绩效自评表",
    header: [
      [{ text: "公开14表", span: 10, plain: true }],
      [{ text: "项目名称" }, { input: "projectName", span: 9 }],
      [
        { text: "主管部门" },
        { input: "department", span: 4 },
        { text: "实施单位" },
        { input: "unit", span: 4 },
      ],
      [
        { text: "项目负责人" },
        { input: "owner", span: 4 },
        { text: "联系电话" },
        { input: "phone", span: 4 },
      ],
    ],
    funding: {
      label: "项目资金\n(元)",
      columns: [
        { key: "initialBudget", heading: "年初预算数" },
        { key: "budget", heading: "全年预算数" },
        { key: "executed", heading: "全年执行数" },
        { key: "weight", heading: "分值" },
        { key: "rate", heading: "执行率" },
        { key: "score", heading: "得分", span: 2 },
      ],
      rows: [
        { kind: "total", label: "年度资金总额" },
        { kind: "fiscal", label: "其中：当年财政拨款" },
        { kind: "carryover", label: "上年结转资金" },
        { kind: "other", label: "其他资金" },
      ],
    },
    goal: [
      [
        { text: "年度总体目标", down: 2 },
        { text: "预期目标", span: 4 },
        { text: "实际完成情况", span: 5 },
      ],
      [
        { input: "goalExpected", span: 4 },
        { input: "goalActual", span: 5 },
      ],
    ],
    indicators: {
      columns: [
        { key: "level1", heading: "一级指标", over: "绩效指标" },
        { key: "level2", heading: "二级指标", over: "绩效指标" },
        { key: "level3", heading: "三级指标", over: "绩效指标" },
        { key: "nature", heading: "指标性质", over: "年度指标值" },
        { key: "target", heading: "指标值", over: "年度指标值" },
        { key: "measureUnit", heading: "度量单位", over: "年度指标值" },
        { key: "actual", heading: "实际完成值" },
        { key: "weight", heading: "分值" },
        { key: "score", heading: "得分" },
        { key: "explanation", heading: "偏差原因分析及改进措施" },
      ],
    },
    notes: [{ label: "其他需要说明事项", span: 3 }],
    totalLabel: "总分",
  },
};
