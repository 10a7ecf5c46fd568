import { num } from "../compute/numbers";
import { Located } from "../model/table";
import { FillSkip, FillSkipReason, WritePurpose } from "./plan-types";
import { fieldName } from "./field-names";

/** A formula fill leaves out, with a sentence saying why (zh and en). */
export function skipOf(
  sheet: string,
  cell: Located,
  purpose: WritePurpose,
  reason: FillSkipReason,
  detail: Record<string, number>
): FillSkip {
  const field = fieldName(purpose);
  const at = `${cell.address}`;
  let zh: string;
  let en: string;
  switch (reason) {
    case "weightsInconsistent":
      zh = `${at}（${field.zh}）保留原值：各项分值之和为 ${num(detail.sum)}，不等于 ${num(detail.maximum)}，公式只会显示不可能的结果；请先核对分值`;
      en = `${at} (${field.en}) kept as it is: the weights add up to ${num(detail.sum)}, not ${num(detail.maximum)}, so a formula would only show an impossible figure; check the weights first`;
      break;
    case "exceedsMaximum":
      zh = `${at}（${field.zh}）保留原值：按各项得分计算的总分 ${num(detail.total)} 超过满分 ${num(detail.maximum)}；请先核对得分`;
      en = `${at} (${field.en}) kept as it is: the scores add up to ${num(detail.total)}, above the maximum of ${num(detail.maximum)}; check the scores first`;
      break;
    case "rateUncomputable":
      zh = `${at}（${field.zh}）保留填写值：预算数为 0，执行率无法计算`;
      en = `${at} (${field.en}) kept as typed: the budget is 0, so the rate cannot be computed`;
      break;
  }
  return { sheet, address: cell.address, purpose, reason, message_zh: zh, message_en: en };
}
