import { parseA1 } from "../grid/a1";
import { IndicatorRow } from "../model/table";
import { defineRule } from "./rule";
import { clean, fundingTotalRow } from "../compute/funding";
import { num, numberOf } from "../compute/numbers";
import { EngineSettings } from "../settings";
import { normalizeLabel } from "../text";
import { at, shortText } from "./helpers";

/** A 一级 label reduced for matching the split: no declared weight, no "指标" ending ("产出指\n标(50分)" → "产出"). */
function sectionKey(label: string): string {
  return normalizeLabel(label)
    .replace(/\(\d+(?:\.\d+)?分\)$/, "")
    .replace(/指标$/, "");
}

/** The weight the rule set's split gives a 一级 label, or null when it names none. */
export function splitWeightOf(label: string, settings: EngineSettings): number | null {
  const key = sectionKey(label);
  if (!key) return null;
  for (const [name, weight] of Object.entries(settings.sectionWeights.split)) {
    if (sectionKey(name) === key) return weight;
  }
  return null;
}

export const sectionWeightMismatch = defineRule({
  code: "SECTION_WEIGHT_MISMATCH",
  severity: "error",
  description_zh:
    "一级指标标注了分值（如“产出指标(50分)”），其下各行分值之和与之不符；规则集强制权重划分时，未标注的一级指标按划分（默认产出 50、效益 30、满意度 10）核对，资金分值按设定（默认 10）核对",
  description_en:
    "A level-1 label declares a weight (e.g. 产出指标(50分)) that the rows under it do not add up to; when the rule set enforces the split, undeclared level-1 groups are checked against it (default 产出 50, 效益 30, 满意度 10) and the funding weight against its setting (default 10)",
  meta: {
    messages: {
      declared: {
        zh: "“{label}”标注 {expected} 分，其下各行分值之和为 {sum}（{parts}）",
        en: '"{label}" declares {expected} points, but the rows under it add up to {sum} ({parts})',
      },
      split: {
        zh: "按规则集的权重划分，“{label}”应为 {expected} 分，其下各行分值之和为 {sum}（{parts}）",
        en: 'The rule set\'s weight split gives "{label}" {expected} points, but the rows under it add up to {sum} ({parts})',
      },
      // The parts of a sum where no row has a weight.
      noneFilled: { zh: "均未填写", en: "none filled in" },
      fundingSplit: {
        zh: "按规则集的权重划分，资金（执行率）分值应为 {expected}，表中填写为 {stated}",
        en: "The rule set's weight split gives the funding block (execution rate) {expected} points, but the table states {stated}",
      },
    },
  },
  check(ctx) {
    const enforce = ctx.settings.sectionWeights.enforce;
    const groups = new Map<string, { rows: IndicatorRow[]; expected: number; declared: boolean }>();
    for (const r of ctx.table.indicators?.rows ?? []) {
      const declared = r.level1DeclaredWeight !== null;
      const expected = declared
        ? r.level1DeclaredWeight
        : enforce
          ? splitWeightOf(r.level1, ctx.settings)
          : null;
      if (expected === null) continue;
      const key = r.level1Address ?? r.level1;
      const g = groups.get(key) ?? { rows: [], expected, declared };
      g.rows.push(r);
      groups.set(key, g);
    }
    for (const { rows, expected, declared } of groups.values()) {
      const first = rows[0];
      const weights = rows.map((r) => numberOf(r.weight)).filter((w): w is number => w !== null);
      const sum = clean(weights.reduce((s, w) => s + w, 0));
      if (Math.abs(sum - expected) <= 1e-9) continue;
      const label = shortText(first.level1, 20);
      const where = first.level1Address
        ? (() => {
            const p = parseA1(first.level1Address);
            return at(p.row, p.col);
          })()
        : (first.weight ?? at(first.row, ctx.table.range.left));
      const parts = weights.map(num).join(" + ");
      ctx.report({
        at: where,
        severity: weights.length === 0 ? "warning" : undefined,
        messageId: declared ? "declared" : "split",
        data: { label, expected, sum, parts: parts || { messageId: "noneFilled" } },
        expected,
        actual: sum,
      });
    }

    // The funding block's 分值 (执行率), when the split is enforced.
    if (!enforce) return;
    const funding = fundingTotalRow(ctx.table);
    const w = numberOf(funding?.weight);
    if (!funding?.weight || w === null || Math.abs(w - ctx.settings.fundingWeight) <= 1e-9) return;
    ctx.report({
      at: funding.weight,
      messageId: "fundingSplit",
      data: { expected: ctx.settings.fundingWeight, stated: w },
      expected: ctx.settings.fundingWeight,
      actual: w,
    });
  },
});
