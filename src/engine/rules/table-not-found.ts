import { Finding } from "../model/finding";
import { MessageSet, renderMessage } from "./render-message";

/** The sheet-level finding of a sheet without a table; it has no table to run on, so no rule carries it. */
export const TABLE_NOT_FOUND_MESSAGES = {
  notFound: {
    zh: "工作表“{sheet}”中未找到项目支出绩效自评表（未见“一级指标…分值、得分”表头）。",
    en: 'No performance self-evaluation table found on sheet "{sheet}" (no 一级指标 … 分值/得分 header row).',
  },
} as const satisfies MessageSet;

/** TABLE_NOT_FOUND for a sheet, rendered like a rule's finding. */
export function tableNotFound(sheetName: string): Finding {
  const ref = { messageId: "notFound", data: { sheet: sheetName } };
  return {
    code: "TABLE_NOT_FOUND",
    severity: "info",
    cell: null,
    row: null,
    message_zh: renderMessage(TABLE_NOT_FOUND_MESSAGES, ref, "zh"),
    message_en: renderMessage(TABLE_NOT_FOUND_MESSAGES, ref, "en"),
    messageId: ref.messageId,
    data: ref.data,
  };
}
