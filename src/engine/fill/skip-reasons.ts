import { Located } from "../model/table";
import { MessageSet, renderMessage } from "../rules/render-message";
import { FillSkip, FillSkipReason, WritePurpose } from "./plan-types";
import { fieldName } from "./field-names";

/** Why fill leaves a formula out, by reason: templates rendered like a rule's messages. */
export const SKIP_MESSAGES = {
  weightsInconsistent: {
    zh: "{cell}（{field}）保留原值：各项分值之和为 {sum}，不等于 {maximum}，公式只会显示不可能的结果；请先核对分值",
    en: "{cell} ({field}) kept as it is: the weights add up to {sum}, not {maximum}, so a formula would only show an impossible figure; check the weights first",
  },
  exceedsMaximum: {
    zh: "{cell}（{field}）保留原值：按各项得分计算的总分 {total} 超过满分 {maximum}；请先核对得分",
    en: "{cell} ({field}) kept as it is: the scores add up to {total}, above the maximum of {maximum}; check the scores first",
  },
  rateUncomputable: {
    zh: "{cell}（{field}）保留填写值：预算数为 0，执行率无法计算",
    en: "{cell} ({field}) kept as typed: the budget is 0, so the rate cannot be computed",
  },
} as const satisfies Record<FillSkipReason, MessageSet[string]>;

/** A formula fill leaves out, with a sentence saying why (zh and en); `detail` fills the reason's placeholders. */
export function skipOf(
  sheet: string,
  cell: Located,
  purpose: WritePurpose,
  reason: FillSkipReason,
  detail: Record<string, number>
): FillSkip {
  const ref = {
    messageId: reason,
    data: { cell: cell.address, field: fieldName(purpose), ...detail },
  };
  return {
    sheet,
    address: cell.address,
    purpose,
    reason,
    message_zh: renderMessage(SKIP_MESSAGES, ref, "zh"),
    message_en: renderMessage(SKIP_MESSAGES, ref, "en"),
  };
}
