/**
 * 识别此表格式 (teach this layout), without React: a sheet where no family finds a table but
 * inferFamily finds a table-like header (a 分值-like and a 得分-like column) gets a draft family; the
 * headings the draft could not place are mapped by the person to fields; the draft with that mapping
 * is read with the engine (the preview) and saved as a family of the workbook's rule set.
 */
import { analyzeGrid } from "../engine/analyze";
import { summarizeTable } from "../engine/compute/summary";
import { inferFamily, InferError } from "../engine/families/infer";
import {
  BUILTIN_FAMILY_IDS,
  FamilyPatch,
  FamilyPatchSchema,
  FundingColumnKey,
  FundingColumnKeySchema,
  IndicatorColumnKey,
  IndicatorColumnKeySchema,
} from "../engine/families";
import { parseA1 } from "../engine/grid/a1";
import { Grid, GridSnapshot } from "../engine/grid/snapshot";
import { ruleSetDocument } from "../engine/policy/ruleset";
import type { RuleSet } from "../engine/settings";

export type TeachBlock = "funding" | "indicators";
export type TeachFieldId = `indicators.${IndicatorColumnKey}` | `funding.${FundingColumnKey}`;

export interface TeachField {
  id: TeachFieldId;
  block: TeachBlock;
  zh: string;
  en: string;
}

const INDICATOR_NAMES: Record<IndicatorColumnKey, [string, string]> = {
  level1: ["一级指标", "level-1 indicator"],
  level2: ["二级指标", "level-2 indicator"],
  level3: ["三级指标", "level-3 indicator"],
  nature: ["指标性质", "indicator sign (≥ ≤ =)"],
  target: ["年度指标值", "annual target"],
  measureUnit: ["度量单位", "unit of measure"],
  actual: ["实际完成值", "actual"],
  weight: ["分值", "weight"],
  score: ["得分", "score"],
  explanation: ["偏差原因分析及改进措施", "deviation cause and action"],
  tier: ["完成档次", "completion tier"],
};

const FUNDING_NAMES: Record<FundingColumnKey, [string, string]> = {
  initialBudget: ["年初预算数", "initial budget"],
  budget: ["全年预算数", "full-year budget"],
  adjustedBudget: ["调整后预算数", "adjusted budget"],
  executed: ["全年执行数", "full-year spending"],
  weight: ["分值", "weight"],
  rate: ["执行率", "execution rate"],
  score: ["得分", "score"],
  reason: ["原因", "reason"],
};

/** Every field a heading can be mapped to, from the family schema's column ids. */
export const TEACH_FIELDS: readonly TeachField[] = [
  ...FundingColumnKeySchema.options.map((k): TeachField => ({
    id: `funding.${k}`,
    block: "funding",
    zh: FUNDING_NAMES[k][0],
    en: FUNDING_NAMES[k][1],
  })),
  ...IndicatorColumnKeySchema.options.map((k): TeachField => ({
    id: `indicators.${k}`,
    block: "indicators",
    zh: INDICATOR_NAMES[k][0],
    en: INDICATOR_NAMES[k][1],
  })),
];

export function fieldsOf(block: TeachBlock): readonly TeachField[] {
  return TEACH_FIELDS.filter((f) => f.block === block);
}

export function teachField(id: string): TeachField | undefined {
  return TEACH_FIELDS.find((f) => f.id === id);
}

export interface TeachHeading {
  cell: string;
  text: string;
  /** The header the heading stands in: the indicator header row, else the funding header. */
  block: TeachBlock;
}

export interface TeachDraft {
  sheet: string;
  /** inferFamily's draft, with an id no family of the rule set uses. */
  family: FamilyPatch;
  /** Headings the draft placed by their words, with the field each went to. */
  mapped: { cell: string; text: string; field: string }[];
  /** Headings the person maps. */
  unmapped: TeachHeading[];
}

/** cell → the field it is mapped to; a cell left out (or "") stays unmapped. */
export type TeachMapping = Readonly<Record<string, TeachFieldId | "">>;

/** A family id neither built in nor already in the rule set: taught, taught-2, … */
export function freeFamilyId(rules: RuleSet): string {
  const taken = new Set([...BUILTIN_FAMILY_IDS, ...rules.families.map((f) => f.id)]);
  if (!taken.has("taught")) return "taught";
  for (let i = 2; ; i++) if (!taken.has(`taught-${i}`)) return `taught-${i}`;
}

/**
 * The draft for a sheet no family read, or null when the sheet has nothing that looks like a
 * table (no header row with a weight and a score heading and indicator, target or actual headings).
 */
export function draftLayout(snapshot: GridSnapshot, rules: RuleSet): TeachDraft | null {
  let inferred;
  try {
    inferred = inferFamily(new Grid(snapshot), { id: freeFamilyId(rules) });
  } catch (e) {
    if (e instanceof InferError) return null;
    throw e;
  }
  const indicatorRows = new Set(
    inferred.mapped.filter((m) => m.field.startsWith("indicators.")).map((m) => parseA1(m.cell).row)
  );
  return {
    sheet: snapshot.sheetName,
    family: inferred.family,
    mapped: inferred.mapped,
    unmapped: inferred.unmapped.map((u) => ({
      ...u,
      block: indicatorRows.has(parseA1(u.cell).row) ? "indicators" : "funding",
    })),
  };
}

function withSpelling(list: string[] | undefined, text: string): string[] {
  const out = [...(list ?? [])];
  if (!out.includes(text)) out.push(text);
  return out;
}

/**
 * The draft family with the person's mapping: each mapped heading's own spelling is added to its
 * field (and to the markers, so the family is tried where the heading occurs); the headings still
 * unmapped stay listed in `unmapped`.
 */
export function familyWithMapping(draft: TeachDraft, mapping: TeachMapping): FamilyPatch {
  const f: FamilyPatch = JSON.parse(JSON.stringify(draft.family)) as FamilyPatch;
  let markers = [...(f.markers ?? [])];
  const left: string[] = [];
  for (const h of draft.unmapped) {
    const id = mapping[h.cell];
    const field = id ? teachField(id) : undefined;
    if (!field) {
      left.push(`${h.cell} ${h.text}`);
      continue;
    }
    const key = field.id.slice(field.id.indexOf(".") + 1);
    if (field.block === "indicators") {
      const ind = (f.indicators ??= {});
      const cols = (ind.columns ??= {});
      cols[key as IndicatorColumnKey] = withSpelling(cols[key as IndicatorColumnKey], h.text);
    } else {
      const fund = (f.funding ??= {});
      const cols = (fund.columns ??= {});
      cols[key as FundingColumnKey] = withSpelling(cols[key as FundingColumnKey], h.text);
    }
    markers = withSpelling(markers, h.text);
  }
  f.markers = markers;
  if (left.length) f.unmapped = left;
  else delete f.unmapped;
  return FamilyPatchSchema.parse(f);
}

/** The rule set with the family added (a family of the same id is replaced). */
export function rulesWithFamily(rules: RuleSet, family: FamilyPatch): RuleSet {
  return { ...rules, families: [...rules.families.filter((f) => f.id !== family.id), family] };
}

/** Whether two rule sets store alike (the short documents the workbook keeps are equal). */
export function sameRules(a: RuleSet, b: RuleSet): boolean {
  return JSON.stringify(ruleSetDocument(a)) === JSON.stringify(ruleSetDocument(b));
}

export interface TeachPreview {
  /** The range of the table the family reads on the sheet, or null when it reads none. */
  range: string | null;
  indicators: number;
  /** 总分 as the sheet states it, and as computed. */
  statedTotal: number | null;
  computedTotal: number | null;
  findings: number;
  errors: number;
}

/** The sheet read with the rule set plus the family: what the table would be after saving. */
export function previewLayout(
  snapshot: GridSnapshot,
  rules: RuleSet,
  family: FamilyPatch
): TeachPreview {
  const settings = rulesWithFamily(rules, family);
  const report = analyzeGrid(new Grid(snapshot), settings);
  const t = report.tables.find((x) => x.table.family === family.id) ?? report.tables[0];
  if (!t)
    return {
      range: null,
      indicators: 0,
      statedTotal: null,
      computedTotal: null,
      findings: 0,
      errors: 0,
    };
  const summary = summarizeTable(t.table, settings);
  return {
    range: t.table.range.address,
    indicators: t.table.indicators?.rows.length ?? 0,
    statedTotal: summary.total.statedScore,
    computedTotal: summary.total.computedScore,
    findings: t.findings.length,
    errors: t.findings.filter((f) => f.severity === "error").length,
  };
}
