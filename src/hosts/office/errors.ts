import { HostError } from "../host";

/**
 * Office.js failures (OfficeExtension.Error: a `code` such as "InvalidOperation" or
 * "ItemNotFound", an English message and debug info) turned into a HostError the pane can show:
 * one readable sentence in each language, never a stack.
 */

/** The `code` of an OfficeExtension.Error, or "" for anything else. */
export function officeErrorCode(e: unknown): string {
  if (e && typeof e === "object" && "code" in e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return "";
}

export function isPayloadTooLarge(e: unknown): boolean {
  return /PayloadSizeLimitExceeded|RangeExceedsLimit|OperationCellsExceedLimit/i.test(
    officeErrorCode(e)
  );
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  const line = (msg.split(/\r?\n/).find((l) => l.trim() !== "") ?? "").trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

const MESSAGES: Record<string, [HostError["kind"], string, string]> = {
  ItemNotFound: [
    "failed",
    "找不到要操作的工作表或单元格（可能已被重命名或删除），请重新检查后再试。",
    "A sheet or cell to work on was not found (it may have been renamed or deleted); check again and retry.",
  ],
  InvalidOperation: [
    "failed",
    "Excel 拒绝了此操作（可能有单元格正在编辑、写入位置在合并区域内，或工作表、工作簿受保护），请退出编辑、检查保护设置后重试。",
    "Excel refused the operation (a cell may be in edit mode, the write may fall inside a merged area, or a sheet or the workbook may be protected); leave edit mode, check protection and retry.",
  ],
  InvalidOperationInCellEditMode: [
    "failed",
    "Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 退出编辑。",
    "Excel is in cell edit mode; press Enter or Esc first.",
  ],
  AccessDenied: [
    "protected",
    "Excel 拒绝写入（工作表或工作簿受保护，或文件为只读）。",
    "Excel denied the write (a protected sheet or workbook, or a read-only file).",
  ],
  InvalidArgument: [
    "failed",
    "Excel 不接受此操作的参数。",
    "Excel did not accept an argument of the operation.",
  ],
  InvalidReference: ["failed", "单元格引用无效。", "A cell reference is not valid."],
  MergedRangeConflict: [
    "failed",
    "操作与合并单元格冲突。",
    "The operation conflicts with merged cells.",
  ],
  InsertDeleteConflict: [
    "failed",
    "操作与正在进行的插入或删除冲突，请稍后重试。",
    "The operation conflicts with an insert or delete in progress; retry shortly.",
  ],
  Conflict: [
    "failed",
    "与其他用户的更改冲突，请稍后重试。",
    "A conflict with another person's change; retry shortly.",
  ],
  ResponsePayloadSizeLimitExceeded: [
    "tooLarge",
    "工作簿过大，超出 Excel 单次读取的上限。",
    "The workbook is too large for one Excel read.",
  ],
  RequestPayloadSizeLimitExceeded: [
    "tooLarge",
    "要写入的内容过大，超出 Excel 单次请求的上限。",
    "The write is too large for one Excel request.",
  ],
  RangeExceedsLimit: [
    "tooLarge",
    "区域过大，超出 Excel 的上限。",
    "The range exceeds Excel's limit.",
  ],
  OperationCellsExceedLimit: [
    "tooLarge",
    "操作涉及的单元格过多，超出 Excel 的上限。",
    "The operation touches more cells than Excel allows.",
  ],
  ApiNotFound: [
    "unsupported",
    "此版本的 Excel 不支持所需的功能，请更新 Office。",
    "This version of Excel lacks a required feature; update Office.",
  ],
  NotImplemented: [
    "unsupported",
    "此版本的 Excel 不支持所需的功能，请更新 Office。",
    "This version of Excel lacks a required feature; update Office.",
  ],
  UnsupportedOperation: [
    "unsupported",
    "此版本的 Excel 不支持该操作。",
    "This version of Excel does not support the operation.",
  ],
  UnsupportedFeature: [
    "unsupported",
    "此版本的 Excel 不支持该操作。",
    "This version of Excel does not support the operation.",
  ],
  UnsupportedSheet: [
    "unsupported",
    "该工作表类型不支持此操作（例如图表工作表）。",
    "The sheet type does not support the operation (a chart sheet, say).",
  ],
  RequestAborted: ["failed", "请求被中止，请重试。", "The request was aborted; retry."],
  GeneralException: ["failed", "Excel 内部错误，请重试。", "An internal Excel error; retry."],
};

/** Any failure → HostError (HostErrors pass through unchanged). */
export function toHostError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  const code = officeErrorCode(e);
  const known = MESSAGES[code];
  if (known) return new HostError(known[0], known[1], known[2]);
  // Excel's own text is English: it goes in the English message only, never inside a Chinese sentence.
  const detail = firstLine(e);
  const tagEn = code || detail ? ` (${[code, detail].filter(Boolean).join(": ")})` : "";
  return new HostError(
    "failed",
    "Excel 未能完成此操作，请稍后重试；如仍失败，请保存并重新打开工作簿。",
    `The Excel operation failed${tagEn}`
  );
}

export function protectedError(sheet: string, verb: "fill" | "undo" | "clear"): HostError {
  if (verb === "fill") {
    return new HostError(
      "protected",
      `工作表“${sheet}”受保护，请先撤销保护再填充。`,
      `Sheet ${sheet} is protected; unprotect it first.`
    );
  }
  const zh = verb === "undo" ? "撤销" : "清除标记";
  return new HostError(
    "protected",
    `工作表“${sheet}”受保护，请先撤销保护再${zh}。`,
    `Sheet ${sheet} is protected; unprotect it first.`
  );
}

/** The workbook is open read-only (Excel's 只读 mode, or a file others are editing). */
export function readOnlyError(): HostError {
  return new HostError(
    "protected",
    "工作簿以只读方式打开，无法写入，未做任何更改。请另存一份副本或以编辑方式打开后重试。",
    "The workbook is open read-only, so nothing could be written. Save a copy or open it for editing, then retry."
  );
}
