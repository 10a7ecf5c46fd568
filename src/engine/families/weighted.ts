import { NATIONAL } from "./national";
import { TableFamilyInput } from "./schema";

const national = NATIONAL as Required<Pick<TableFamilyInput, "funding" | "indicators">>;

/**
 * Provincial templates distributed for filling (山西, 河北, 安徽 and others): 一级 labels carry their
 * weight (产出指标\n(50分)), 三级 labels are numbered (指标1:), unused placeholder rows (指标2, ……)
 * keep blank 分值 and 得分, and the funding total reads 年度资金总额: with a colon.
 */
export const WEIGHTED: TableFamilyInput = {
  ...NATIONAL,
  id: "weighted",
  name_zh: "分值标注模板（山西、河北、安徽等）",
  name_en: "Weighted-label template (Shanxi, Hebei, Anhui …)",
  region: "山西, 河北, 安徽 and others",
  differs:
    "一级 labels with weights, 指标1: prefixes, placeholder rows (指标2, ……) with blank 分值/得分, 年度资金总额: with a colon",
  // The colon of 年度资金总额: is normalised away, so it marks nothing; the funding rows read it by its start.
  // 指标1: prefixes are common in national tables too (seed 000): only placeholders mark the family.
  // No standard blank table: a distributed template is filled as published, and the Beijing one
  // it would otherwise inherit reads as the national family.
  template: undefined,
  markers: ["指标2", "指标3", "……", "…", "其中:本年财政拨款"],
  funding: {
    ...national.funding!,
    rows: {
      ...national.funding!.rows,
      fiscal: [...(national.funding!.rows?.fiscal ?? []), "其中:本年财政拨款", "本年财政拨款"],
    },
  },
  indicators: {
    ...national.indicators,
    placeholders: ["^指标\\d+[:：]?$", "^(…|\\.\\.\\.|……|—|-)+$"],
  },
};
