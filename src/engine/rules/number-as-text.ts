import { defineRule } from "./rule";
import { num, parsedCell, pct } from "../compute/numbers";
import { numberCells, sentenceStart } from "./number-cells";
import { shown } from "./helpers";

export const numberAsText = defineRule({
  code: "NUMBER_AS_TEXT",
  severity: "warning",
  description_zh:
    "数字以文本形式存储或带有单位（如“96 万”、文本“10”），公式无法计算；填充时可转换为数字",
  description_en:
    'A number is stored as text or with a unit (e.g. "96 万", the text "10"); formulas cannot use it, and filling can convert it',
  meta: {
    settledBy: ["convertNumber"],
    messages: {
      text: {
        zh: "{what}{shown}是文本，应存为数字 {value}",
        en: "{what} {shown} is text; it should be stored as the number {value}",
      },
      textWithUnit: {
        zh: "{what}{shown}是文本（带单位“{unit}”），应存为数字 {value}",
        en: '{what} {shown} is text (with the unit "{unit}"); it should be stored as the number {value}',
      },
    },
  },
  check(ctx) {
    for (const { cell, what } of numberCells(ctx.table)) {
      const p = parsedCell(cell);
      if (p.kind !== "number" || !p.fromText || p.comparator !== null || p.value === null) continue;
      const value = p.percent ? pct(p.value, p.decimals ?? undefined) : num(p.value);
      const data = { what: sentenceStart(what()), shown: shown(cell), value };
      ctx.report({
        at: cell,
        ...(p.unit
          ? { messageId: "textWithUnit", data: { ...data, unit: p.unit } }
          : { messageId: "text", data }),
        expected: p.value,
        actual: String(cell.value),
      });
    }
  },
});
