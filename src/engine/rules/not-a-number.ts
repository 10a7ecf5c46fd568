import { defineRule } from "./rule";
import { parsedCell } from "../compute/numbers";
import { numberCells, sentenceStart } from "./number-cells";
import { shown } from "./helpers";

/** An Excel error value left in a 执行率 cell by a division by a blank budget; RATE_UNCOMPUTABLE reports it. */
export const DIV0 = /^#DIV\/0!?$/i;

export const notANumber = defineRule({
  code: "NOT_A_NUMBER",
  severity: "error",
  description_zh: "应填数字的单元格（金额、分值、执行率、得分）填写了非数字文字",
  description_en:
    "A cell that needs a number (amount, weight, execution rate, score) holds text that is not a number",
  meta: {
    messages: {
      notANumber: {
        zh: "{what}应为数字，表中填写为{shown}",
        en: "{what} should be a number, but the table has {shown}",
      },
    },
  },
  check(ctx) {
    for (const { cell, what, rate } of numberCells(ctx.table)) {
      const p = parsedCell(cell);
      if (rate && typeof cell.value === "string" && DIV0.test(cell.value.trim())) continue;
      const withComparator = p.kind === "number" && p.fromText && p.comparator !== null;
      if (p.kind !== "text" && !withComparator) continue;
      ctx.report({
        at: cell,
        messageId: "notANumber",
        data: { what: sentenceStart(what()), shown: shown(cell) },
        actual: typeof cell.value === "string" ? cell.value : String(cell.value),
      });
    }
  },
});
