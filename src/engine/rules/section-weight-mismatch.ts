import { parseA1 } from "../grid/a1";
import { IndicatorRow } from "../model/table";
import { Rule } from "./rule";
import { clean } from "../compute/funding";
import { num, numberOf } from "../compute/numbers";
import { at, shortText } from "./helpers";

export const sectionWeightMismatch: Rule = {
  code: "SECTION_WEIGHT_MISMATCH",
  severity: "error",
  description_zh: "一级指标标注了分值（如“产出指标(50分)”），其下各行分值之和与之不符",
  description_en:
    "A level-1 label declares a weight (e.g. 产出指标(50分)) that the rows under it do not add up to",
  check(ctx) {
    const groups = new Map<string, IndicatorRow[]>();
    for (const r of ctx.table.indicators?.rows ?? []) {
      if (r.level1DeclaredWeight === null) continue;
      const key = r.level1Address ?? r.level1;
      const g = groups.get(key) ?? [];
      g.push(r);
      groups.set(key, g);
    }
    for (const rows of groups.values()) {
      const first = rows[0];
      const declared = first.level1DeclaredWeight!;
      const weights = rows.map((r) => numberOf(r.weight)).filter((w): w is number => w !== null);
      const sum = clean(weights.reduce((s, w) => s + w, 0));
      if (Math.abs(sum - declared) <= 1e-9) continue;
      const label = shortText(first.level1, 20);
      const where = first.level1Address
        ? (() => {
            const p = parseA1(first.level1Address);
            return at(p.row, p.col);
          })()
        : (first.weight ?? at(first.row, ctx.table.range.left));
      ctx.report({
        at: where,
        severity: weights.length === 0 ? "warning" : undefined,
        message_zh: `“${label}”标注 ${num(declared)} 分，其下各行分值之和为 ${num(sum)}（${weights.map(num).join(" + ") || "均未填写"}）`,
        message_en: `"${label}" declares ${num(declared)} points, but the rows under it add up to ${num(sum)} (${weights.map(num).join(" + ") || "none filled in"})`,
        expected: declared,
        actual: sum,
      });
    }
  },
};
