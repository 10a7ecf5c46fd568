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
};
