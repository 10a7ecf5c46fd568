import { Rule } from "./rule";
import { num, parsedCell, pct } from "../compute/numbers";
import { numberCells } from "./number-cells";
import { shown } from "./helpers";

export const numberAsText: Rule = {
  code: "NUMBER_AS_TEXT",
  severity: "warning",
  description_zh:
    "数字以文本形式存储或带有单位（如“96 万”、文本“10”），公式无法计算；填充时可转换为数字",
  description_en:
    'A number is stored as text or with a unit (e.g. "96 万", the text "10"); formulas cannot use it, and filling can convert it',
  meta: { settledBy: ["convertNumber"] },
  check(ctx) {
    for (const { cell, zh, en } of numberCells(ctx.table)) {
      const p = parsedCell(cell);
      if (p.kind !== "number" || !p.fromText || p.comparator !== null || p.value === null) continue;
      const s = shown(cell);
      const value = p.percent ? pct(p.value, p.decimals ?? undefined) : num(p.value);
      const unitZh = p.unit ? `（带单位“${p.unit}”）` : "";
      const unitEn = p.unit ? ` (with the unit "${p.unit}")` : "";
      ctx.report({
        at: cell,
        message_zh: `${zh}${s.zh}是文本${unitZh}，应存为数字 ${value}`,
        message_en: `${en[0].toUpperCase()}${en.slice(1)} ${s.en} is text${unitEn}; it should be stored as the number ${value}`,
        expected: p.value,
        actual: String(cell.value),
      });
    }
  },
};
