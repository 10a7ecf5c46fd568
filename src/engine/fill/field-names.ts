import { WritePurpose } from "./plan-types";

const NAMES: Record<WritePurpose, { zh: string; en: string }> = {
  rate: { zh: "执行率", en: "execution rate" },
  fundingScore: { zh: "资金得分", en: "funding score" },
  totalWeight: { zh: "总分分值", en: "total weight" },
  totalScore: { zh: "总分得分", en: "total score" },
  grade: { zh: "等级", en: "grade" },
  convertNumber: { zh: "文本数字转为数值", en: "number stored as text" },
  suggestedScore: { zh: "指标得分（建议得分）", en: "indicator score (suggested)" },
};

/** What a write fills in, as a person names the field. */
export function fieldName(purpose: WritePurpose): { zh: string; en: string } {
  return NAMES[purpose];
}
