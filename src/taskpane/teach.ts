/**
 * 识别此表格式 (teach this layout), without React: a sheet where no family finds a table but
 * inferFamily finds a table-like header (a 分值-like and a 得分-like column) gets a draft family; the
 * headings the draft could not place are mapped by the person to fields; the draft with that mapping
 * is read with the engine (the preview) and saved as a family of the workbook's rule set.
 */
import { analyzeGrid } from "../engine/analyze";
import { summarizeTable } from "../engine/compute/summary";
import { builtinMatcher, inferFamily, InferError, scopedKeyOf } from "../engine/families/infer";
import {
  BUILTIN_FAMILIES,
  BUILTIN_FAMILY_IDS,
  FamilyPatch,
  FamilyPatchSchema,
  FundingColumnKey,
  FundingColumnKeySchema,
  FundingRowKey,
  FundingRowKeySchema,
  IndicatorColumnKey,
  IndicatorColumnKeySchema,
  TableFamily,
} from "../engine/families";
import { applyPatch, ScopedKey } from "../engine/families/catalog";
import { LabelMatcher } from "../engine/labels/matcher";
import { columnName, parseA1 } from "../engine/grid/a1";
import type { AssessmentTable } from "../engine/model/table";
import { Grid, GridSnapshot } from "../engine/grid/snapshot";
import { ruleSetDocument } from "../engine/policy/ruleset";
import type { RuleSet } from "../engine/settings";

/** Where a heading stands: it is offered the fields of its section (and 忽略). */
export type TeachSection = "funding" | "fundingRows" | "indicators" | "total";
export type TeachFieldId =
  | `funding.${FundingColumnKey}`
  | "funding.label"
  | `funding.rows.${FundingRowKey}`
  | `indicators.${IndicatorColumnKey}`
  | "indicators.label"
  | "total";

export interface TeachField {
  id: TeachFieldId;
  section: TeachSection;
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

const FUNDING_ROW_NAMES: Record<FundingRowKey, [string, string]> = {
  total: ["资金总额行", "funding total row"],
  fiscal: ["财政拨款行", "fiscal funds row"],
  carryover: ["上年结转资金行", "carried-over funds row"],
  other: ["其他资金行", "other funds row"],
};

/** Every field a heading can be mapped to, by section, from the family schema's ids. */
export const TEACH_FIELDS: readonly TeachField[] = [
  {
    id: "funding.label",
    section: "funding",
    zh: "资金块标题（项目资金）",
    en: "funding block label",
  },
  ...FundingColumnKeySchema.options.map((k): TeachField => ({
    id: `funding.${k}`,
    section: "funding",
    zh: FUNDING_NAMES[k][0],
    en: FUNDING_NAMES[k][1],
  })),
  ...FundingRowKeySchema.options.map((k): TeachField => ({
    id: `funding.rows.${k}`,
    section: "fundingRows",
    zh: FUNDING_ROW_NAMES[k][0],
    en: FUNDING_ROW_NAMES[k][1],
  })),
  {
    id: "indicators.label",
    section: "indicators",
    zh: "指标块标题（绩效指标）",
    en: "indicator block label",
  },
  ...IndicatorColumnKeySchema.options.map((k): TeachField => ({
    id: `indicators.${k}`,
    section: "indicators",
    zh: INDICATOR_NAMES[k][0],
    en: INDICATOR_NAMES[k][1],
  })),
  { id: "total", section: "total", zh: "总分行", en: "total row" },
];

export function fieldsOf(section: TeachSection): readonly TeachField[] {
  return TEACH_FIELDS.filter((f) => f.section === section);
}

export function teachField(id: string): TeachField | undefined {
  return TEACH_FIELDS.find((f) => f.id === id);
}

export interface TeachHeading {
  cell: string;
  text: string;
  section: TeachSection;
  /** The field the draft put the heading in; "" when its words explain nothing. */
  drafted: TeachFieldId | "";
}

export interface TeachDraft {
  sheet: string;
  /** inferFamily's draft, with an id no family of the rule set uses. */
  family: FamilyPatch;
  /**
   * Every heading of the table's header the person may map: the funding header (block label and
   * columns), its row labels, the indicator header and its block label, the total-row label. The
   * ones the draft could not place come first, then the others in sheet order.
   */
  headings: TeachHeading[];
  /** Headings the draft placed that are not mapped here (the title, 项目名称 …), with their field. */
  fixed: { cell: string; text: string; field: string }[];
}

/** cell → the field chosen for it ("" = 忽略); a cell left out keeps the draft's field. */
export type TeachMapping = Readonly<Record<string, TeachFieldId | "">>;

/** The field a heading ends up in under a mapping ("" = none). */
export function chosenField(heading: TeachHeading, mapping: TeachMapping): TeachFieldId | "" {
  return Object.prototype.hasOwnProperty.call(mapping, heading.cell)
    ? mapping[heading.cell]
    : heading.drafted;
}

/** A family id neither built in nor already in the rule set: taught, taught-2, … */
export function freeFamilyId(rules: RuleSet): string {
  const taken = new Set([...BUILTIN_FAMILY_IDS, ...rules.families.map((f) => f.id)]);
  if (!taken.has("taught")) return "taught";
  for (let i = 2; ; i++) if (!taken.has(`taught-${i}`)) return `taught-${i}`;
}

function byPosition(a: { cell: string }, b: { cell: string }): number {
  const p = parseA1(a.cell);
  const q = parseA1(b.cell);
  return p.row - q.row || p.col - q.col;
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
  const placed: TeachHeading[] = [];
  const fixed: TeachDraft["fixed"] = [];
  for (const m of inferred.mapped) {
    const field = teachField(m.field);
    if (field)
      placed.push({ cell: m.cell, text: m.text, section: field.section, drafted: field.id });
    else fixed.push(m);
  }
  const unplaced = inferred.unmapped.map((u): TeachHeading => ({
    cell: u.cell,
    text: u.text,
    section: u.block,
    drafted: "",
  }));
  return {
    sheet: snapshot.sheetName,
    family: inferred.family,
    headings: [...unplaced.sort(byPosition), ...placed.sort(byPosition)],
    fixed,
  };
}

function withSpelling(list: string[] | undefined, text: string): string[] {
  const out = [...(list ?? [])];
  if (!out.includes(text)) out.push(text);
  return out;
}

/** The reader's keys a heading of a section can take. */
function inSection(section: TeachSection, key: ScopedKey): boolean {
  switch (section) {
    case "funding":
      return key === "funding.block" || key.startsWith("funding.col.");
    case "fundingRows":
      return key.startsWith("funding.row.");
    case "indicators":
      return key === "indicator.block" || key.startsWith("indicator.col.");
    case "total":
      return key === "total";
  }
}

/** The family's spelling lists a heading of a section can be matched by. */
function listsOf(f: TableFamily, section: TeachSection): string[][] {
  switch (section) {
    case "funding":
      return f.funding ? [f.funding.labels, ...Object.values(f.funding.columns)] : [];
    case "fundingRows":
      return f.funding ? Object.values(f.funding.rows) : [];
    case "indicators":
      return [f.indicators.labels, ...Object.values(f.indicators.columns)];
    case "total":
      return [f.total.labels];
  }
}

/** A family patch with one heading's spelling added to a field. */
function addSpelling(f: FamilyPatch, id: TeachFieldId, text: string): void {
  if (id === "total") {
    const total = (f.total ??= {});
    total.labels = withSpelling(total.labels, text);
  } else if (id === "indicators.label") {
    const ind = (f.indicators ??= {});
    ind.labels = withSpelling(ind.labels, text);
  } else if (id.startsWith("indicators.")) {
    const ind = (f.indicators ??= {});
    const cols = (ind.columns ??= {});
    const key = id.slice("indicators.".length) as IndicatorColumnKey;
    cols[key] = withSpelling(cols[key], text);
  } else {
    const fund = (f.funding ??= {});
    if (id === "funding.label") fund.labels = withSpelling(fund.labels, text);
    else if (id.startsWith("funding.rows.")) {
      const rows = (fund.rows ??= {});
      const key = id.slice("funding.rows.".length) as FundingRowKey;
      rows[key] = withSpelling(rows[key], text);
    } else {
      const cols = (fund.columns ??= {});
      const key = id.slice("funding.".length) as FundingColumnKey;
      cols[key] = withSpelling(cols[key], text);
    }
  }
}

/**
 * The family the person's mapping describes: every heading's own spelling under the field chosen
 * for it, and no other spelling of the table's header (a remapped heading moves, an ignored one is
 * left out and listed in `unmapped`). The family extends the built-in one the draft came from —
 * unless that family itself reads a heading the person changed otherwise than chosen (its 分值
 * ignored, say): a patch can only add spellings, so then the family is written whole, the base's
 * conflicting spellings taken out, and extends nothing.
 */
export function familyWithMapping(draft: TeachDraft, mapping: TeachMapping): FamilyPatch {
  const f: FamilyPatch = JSON.parse(JSON.stringify(draft.family)) as FamilyPatch;
  if (f.funding) f.funding = { ...f.funding, labels: [], columns: {}, rows: {} };
  f.indicators = { ...f.indicators, labels: [], columns: {} };
  delete f.total;
  const left: string[] = [];
  const chosen: { heading: TeachHeading; id: TeachFieldId | "" }[] = [];
  for (const h of draft.headings) {
    const id = chosenField(h, mapping);
    chosen.push({ heading: h, id });
    const field = id ? teachField(id) : undefined;
    if (field && field.section === h.section) addSpelling(f, field.id, h.text);
    else left.push(`${h.cell} ${h.text}`);
  }
  if (f.funding) {
    if (!f.funding.labels?.length) delete f.funding.labels;
    if (f.funding.rows && !Object.keys(f.funding.rows).length) delete f.funding.rows;
  }
  if (!f.indicators.labels?.length) delete f.indicators.labels;
  if (left.length) f.unmapped = left;
  else delete f.unmapped;

  const baseId = f.extends;
  const base = baseId ? BUILTIN_FAMILIES.find((b) => b.id === baseId) : undefined;
  const matcher = baseId ? builtinMatcher(baseId) : null;
  // Markers: the table's spellings its base does not know, so the family is tried where they occur.
  const texts = [
    ...chosen.filter((c) => c.id).map((c) => c.heading.text),
    ...draft.fixed.map((x) => x.text),
  ];
  f.markers = [...new Set(texts.filter((t) => !matcher || matcher.keysOf(t).length === 0))];
  if (!base || !matcher) return FamilyPatchSchema.parse(f);

  // Only a heading the person changed can conflict: one left as drafted reads as the preview showed.
  const conflicts = chosen.filter(({ heading, id }) => {
    if (id === heading.drafted) return false;
    const known = matcher.keysOf(heading.text).filter((k) => inSection(heading.section, k));
    const key = id ? scopedKeyOf(id) : null;
    return known.length > 0 && !(key && known.includes(key));
  });
  if (!conflicts.length) return FamilyPatchSchema.parse(f);
  return FamilyPatchSchema.parse(
    standaloneFamily(
      base,
      f,
      conflicts.map((c) => c.heading)
    )
  );
}

/** The base family whole, without the spellings that read `dropped` headings, with the patch on top. */
function standaloneFamily(
  base: TableFamily,
  patch: FamilyPatch,
  dropped: readonly TeachHeading[]
): FamilyPatch {
  const stripped = JSON.parse(JSON.stringify(base)) as TableFamily;
  for (const h of dropped)
    for (const list of listsOf(stripped, h.section)) {
      for (let i = list.length - 1; i >= 0; i--)
        if (new LabelMatcher({ spelling: [list[i]] }).keysOf(h.text).length) list.splice(i, 1);
    }
  const { extends: _ext, unmapped, ...own } = patch;
  void _ext;
  const whole: FamilyPatch & { extends?: string } = applyPatch(stripped, own);
  delete whole.extends;
  return {
    ...whole,
    differs: `${base.id} without ${dropped.map((h) => h.text).join(", ")}`,
    ...(unmapped ? { unmapped } : {}),
  };
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
  /** The columns the table was read with: field and column letter, funding block first. */
  fields: { id: TeachFieldId; column: string }[];
}

/** The columns a read table found, in the order of TEACH_FIELDS. */
function fieldsRead(table: AssessmentTable): TeachPreview["fields"] {
  const out: TeachPreview["fields"] = [];
  const cols: [string, Record<string, number | null | undefined> | undefined][] = [
    ["funding.", table.funding?.columns],
    ["indicators.", table.indicators?.columns],
  ];
  for (const f of TEACH_FIELDS)
    for (const [prefix, columns] of cols) {
      if (!columns || !f.id.startsWith(prefix)) continue;
      const c = columns[f.id.slice(prefix.length)];
      if (typeof c === "number") out.push({ id: f.id, column: columnName(c) });
    }
  return out;
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
      fields: [],
    };
  const summary = summarizeTable(t.table, settings);
  return {
    range: t.table.range.address,
    indicators: t.table.indicators?.rows.length ?? 0,
    statedTotal: summary.total.statedScore,
    computedTotal: summary.total.computedScore,
    findings: t.findings.length,
    errors: t.findings.filter((f) => f.severity === "error").length,
    fields: fieldsRead(t.table),
  };
}
