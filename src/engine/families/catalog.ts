import type { EngineSettings } from "../settings";
import { LabelKey } from "../labels/dictionary";
import { LabelMatcher } from "../labels/matcher";
import { HeaderFieldKey } from "../model/table";
import { normalizeLabel } from "../text/normalize";
import { HUNAN } from "./hunan";
import { NATIONAL } from "./national";
import {
  FamilyPatch,
  FundingColumnKey,
  FundingRowKey,
  IndicatorColumnKey,
  TableFamily,
  TableFamilyInput,
  TableFamilySchema,
} from "./schema";
import { SICHUAN_YITIHUA } from "./sichuan-yitihua";
import { WEIGHTED } from "./weighted";
import { YUNNAN_PUBLIC } from "./yunnan-public";

/**
 * The built-in families in the order ties are broken: the national layout first, so a table that
 * two families read equally well keeps the reading it has always had.
 */
export const BUILTIN_FAMILY_INPUTS: readonly TableFamilyInput[] = [
  NATIONAL,
  HUNAN,
  WEIGHTED,
  SICHUAN_YITIHUA,
  YUNNAN_PUBLIC,
];

export const BUILTIN_FAMILIES: readonly TableFamily[] = BUILTIN_FAMILY_INPUTS.map((f) =>
  TableFamilySchema.parse(f)
);

export const BUILTIN_FAMILY_IDS: readonly string[] = BUILTIN_FAMILIES.map((f) => f.id);

/** A label key of the engine's flat dictionary (rule sets' labelSynonyms) → where it goes in a family. */
function addSynonyms(f: TableFamily, key: LabelKey, words: readonly string[]): void {
  const add = (list: string[]) => {
    for (const w of words) if (!list.includes(w)) list.push(w);
  };
  const headerKeys: readonly string[] = [
    "projectName",
    "department",
    "unit",
    "owner",
    "phone",
    "deptName",
    "totalInvestment",
    "subProject",
    "fiscalFunding",
    "period",
  ];
  if (headerKeys.includes(key)) {
    const k = key as HeaderFieldKey;
    add((f.header.fields[k] ??= []));
    return;
  }
  const fundingCols: Partial<Record<LabelKey, FundingColumnKey>> = {
    initialBudget: "initialBudget",
    budget: "budget",
    adjustedBudget: "adjustedBudget",
    executed: "executed",
    rate: "rate",
    weight: "weight",
    score: "score",
  };
  const fundingRows: Partial<Record<LabelKey, FundingRowKey>> = {
    fundingTotal: "total",
    fundingFiscal: "fiscal",
    fundingCarryover: "carryover",
    fundingOther: "other",
  };
  const indicatorCols: Partial<Record<LabelKey, IndicatorColumnKey>> = {
    level1: "level1",
    level2: "level2",
    level3: "level3",
    target: "target",
    actual: "actual",
    weight: "weight",
    score: "score",
    explanation: "explanation",
    tier: "tier",
  };
  const fc = fundingCols[key];
  if (fc && f.funding) add((f.funding.columns[fc] ??= []));
  const fr = fundingRows[key];
  if (fr && f.funding) add((f.funding.rows[fr] ??= []));
  const ic = indicatorCols[key];
  if (ic) add((f.indicators.columns[ic] ??= []));
  if (key === "title") add(f.title);
  if (key === "fundingBlock" && f.funding) add(f.funding.labels);
  if (key === "goal") add(f.goal.labels);
  if (key === "goalExpected") add(f.goal.expected);
  if (key === "goalActual") add(f.goal.actual);
  if (key === "indicatorBlock") add(f.indicators.labels);
  if (key === "total") add(f.total.labels);
  if (key === "grade") add(f.grade.labels);
}

/** A deep copy of a family: families are plain JSON data (and structuredClone is not in every host). */
function copyOf(f: TableFamily): TableFamily {
  return JSON.parse(JSON.stringify(f)) as TableFamily;
}

function appendAll<T>(base: T[] | undefined, extra: readonly T[] | undefined): T[] {
  const out = [...(base ?? [])];
  for (const x of extra ?? []) if (!out.includes(x)) out.push(x);
  return out;
}

function mergeLists<K extends string>(
  base: Partial<Record<K, string[]>>,
  extra: Partial<Record<K, string[]>> | undefined
): Partial<Record<K, string[]>> {
  const out: Partial<Record<K, string[]>> = { ...base };
  for (const [k, v] of Object.entries(extra ?? {}) as [K, string[]][])
    out[k] = appendAll(out[k], v);
  return out;
}

/**
 * A family with a rule set's patch on top: spellings are added to the base's, everything else the
 * patch gives replaces the base's value.
 */
export function applyPatch(base: TableFamily, patch: FamilyPatch): TableFamily {
  const f = copyOf(base);
  const out: TableFamily = {
    ...f,
    id: patch.id,
    name_zh: patch.name_zh ?? f.name_zh,
    name_en: patch.name_en ?? f.name_en,
    region: patch.region ?? f.region,
    differs: patch.differs ?? f.differs,
    variant: patch.variant ?? f.variant,
    markers: appendAll(f.markers, patch.markers),
    title: appendAll(f.title, patch.title),
    header: {
      fields: mergeLists(f.header.fields, patch.header?.fields),
      ...(patch.header?.required
        ? { required: patch.header.required }
        : f.header.required
          ? { required: f.header.required }
          : {}),
    },
    goal: {
      labels: appendAll(f.goal.labels, patch.goal?.labels),
      expected: appendAll(f.goal.expected, patch.goal?.expected),
      actual: appendAll(f.goal.actual, patch.goal?.actual),
    },
    funding:
      patch.funding === null
        ? null
        : f.funding || patch.funding
          ? {
              labels: appendAll(f.funding?.labels, patch.funding?.labels),
              columns: mergeLists(f.funding?.columns ?? {}, patch.funding?.columns),
              rows: mergeLists(f.funding?.rows ?? {}, patch.funding?.rows),
              scored: patch.funding?.scored ?? f.funding?.scored ?? true,
            }
          : null,
    indicators: {
      labels: appendAll(f.indicators.labels, patch.indicators?.labels),
      columns: mergeLists(f.indicators.columns, patch.indicators?.columns),
      headerRows: patch.indicators?.headerRows ?? f.indicators.headerRows,
      placeholders: appendAll(f.indicators.placeholders, patch.indicators?.placeholders),
      notes: appendAll(f.indicators.notes, patch.indicators?.notes),
    },
    total: {
      labels: appendAll(f.total.labels, patch.total?.labels),
      gradeInLastCell: patch.total?.gradeInLastCell ?? f.total.gradeInLastCell,
    },
    grade: { labels: appendAll(f.grade.labels, patch.grade?.labels) },
    trailing: appendAll(f.trailing, patch.trailing),
    unit: patch.unit ?? f.unit,
    fill: { ...f.fill, ...patch.fill },
  };
  if (patch.extends !== undefined) out.extends = patch.extends;
  if (patch.template === null) delete out.template;
  else if (patch.template !== undefined) out.template = patch.template;
  return TableFamilySchema.parse(out);
}

/** An empty family: what a rule set's new family without `extends` starts from. */
const BLANK: TableFamily = TableFamilySchema.parse({
  id: "blank",
  name_zh: "自定义",
  name_en: "Custom",
});

export interface FamilyRules {
  labelSynonyms: Partial<Record<LabelKey, string[]>>;
  families: readonly FamilyPatch[];
}

/**
 * The families in force under a rule set: the built-in ones (with the rule set's labelSynonyms
 * added to every family that has the block), patched or extended by the rule set's `families`.
 * A patch whose id is a built-in one extends that family in place; a new id is appended, starting
 * from its `extends` family (or from nothing).
 */
export function resolveFamilies(rules: FamilyRules): TableFamily[] {
  const out = BUILTIN_FAMILIES.map((f) => copyOf(f));
  for (const f of out)
    for (const [k, words] of Object.entries(rules.labelSynonyms) as [LabelKey, string[]][])
      if (words?.length) addSynonyms(f, k, words);
  for (const patch of rules.families) {
    const i = out.findIndex((f) => f.id === patch.id);
    if (i >= 0) {
      out[i] = applyPatch(out[i], patch);
      continue;
    }
    const base = patch.extends ? out.find((f) => f.id === patch.extends) : undefined;
    out.push(
      applyPatch(
        base ?? {
          ...BLANK,
          name_zh: patch.name_zh ?? patch.id,
          name_en: patch.name_en ?? patch.id,
        },
        patch
      )
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Compiled form for the reader.

export type ScopedKey =
  | "title"
  | `header.${HeaderFieldKey}`
  | "goal.block"
  | "goal.expected"
  | "goal.actual"
  | "funding.block"
  | `funding.col.${FundingColumnKey}`
  | `funding.row.${FundingRowKey}`
  | "indicator.block"
  | `indicator.col.${IndicatorColumnKey}`
  | "indicator.note"
  | "total"
  | "grade"
  | "trailing";

/** Every spelling of a family under its scoped key. */
export function scopedDictionary(f: TableFamily): Partial<Record<ScopedKey, string[]>> {
  const d: Partial<Record<ScopedKey, string[]>> = {};
  const put = (k: ScopedKey, words: readonly string[] | undefined) => {
    if (words?.length) d[k] = appendAll(d[k], words);
  };
  put("title", f.title);
  for (const [k, w] of Object.entries(f.header.fields)) put(`header.${k as HeaderFieldKey}`, w);
  put("goal.block", f.goal.labels);
  put("goal.expected", f.goal.expected);
  put("goal.actual", f.goal.actual);
  if (f.funding) {
    put("funding.block", f.funding.labels);
    for (const [k, w] of Object.entries(f.funding.columns))
      put(`funding.col.${k as FundingColumnKey}`, w);
    for (const [k, w] of Object.entries(f.funding.rows))
      put(`funding.row.${k as FundingRowKey}`, w);
  }
  put("indicator.block", f.indicators.labels);
  for (const [k, w] of Object.entries(f.indicators.columns))
    put(`indicator.col.${k as IndicatorColumnKey}`, w);
  put("indicator.note", f.indicators.notes);
  put("total", f.total.labels);
  put("grade", f.grade.labels);
  put("trailing", f.trailing);
  return d;
}

export interface CompiledFamily {
  family: TableFamily;
  /** Position in the catalog: ties go to the earlier family. */
  order: number;
  matcher: LabelMatcher<ScopedKey>;
  placeholders: RegExp[];
  /** Families that read a sheet exactly alike (they differ only in markers and names) share a group. */
  group: number;
  /** Funding row spellings, normalised, for matching a long row label by its start. */
  rowStarts: Record<FundingRowKey, string[]>;
}

function rowStartsOf(f: TableFamily): Record<FundingRowKey, string[]> {
  const of = (k: FundingRowKey) =>
    (f.funding?.rows[k] ?? [])
      .map((s) => normalizeLabel(s.replace(/^\*|\*$/g, "")))
      .filter((s) => s.length > 0);
  return {
    total: of("total"),
    fiscal: of("fiscal"),
    carryover: of("carryover"),
    other: of("other"),
  };
}

/** The families of a rule set compiled for the reader; built once per rule set (see analyze.ts). */
/** What decides how a family reads a sheet: everything but its names, markers, preset, fill and template. */
function readingKey(f: TableFamily): string {
  const {
    id,
    name_zh,
    name_en,
    region,
    differs,
    extends: ext,
    variant,
    markers,
    fill,
    template,
    ...reading
  } = f;
  void [id, name_zh, name_en, region, differs, ext, variant, markers, fill, template];
  return JSON.stringify({ ...reading, header: { fields: reading.header.fields } });
}

export class FamilyCatalog {
  readonly compiled: CompiledFamily[];
  /**
   * The families grouped by how they read: a group is read once (with its first member, whose
   * spellings are every member's) and each table goes to the member whose markers it carries.
   */
  readonly groups: CompiledFamily[][];
  /** One matcher over every family's markers, keyed by family position: which families a sheet may hold. */
  readonly markers: LabelMatcher<string>;

  constructor(readonly families: readonly TableFamily[]) {
    const keys = new Map<string, number>();
    this.compiled = families
      .map((family, order) => {
        const key = readingKey(family);
        if (!keys.has(key)) keys.set(key, keys.size);
        return { family, order, group: keys.get(key)! };
      })
      .map(({ family, order, group }) => ({
        family,
        order,
        group,
        matcher: new LabelMatcher<ScopedKey>(scopedDictionary(family)),
        placeholders: family.indicators.placeholders.map((p) => new RegExp(p, "u")),
        rowStarts: rowStartsOf(family),
      }));
    this.groups = [...keys.values()].map((g) => this.compiled.filter((c) => c.group === g));
    const markerDict: Record<string, string[]> = {};
    families.forEach((f, i) => {
      if (f.markers.length) markerDict[String(i)] = f.markers;
    });
    this.markers = new LabelMatcher<string>(markerDict);
  }

  byId(id: string): TableFamily | undefined {
    return this.families.find((f) => f.id === id);
  }
}

/** The families per rule set, so a workbook of hundreds of sheets compiles them once. */
const catalogs = new WeakMap<EngineSettings, FamilyCatalog>();

/** The table families in force under a (parsed) rule set, compiled for the reader. */
export function familiesFor(settings: EngineSettings): FamilyCatalog {
  let c = catalogs.get(settings);
  if (!c) {
    c = new FamilyCatalog(resolveFamilies(settings));
    catalogs.set(settings, c);
  }
  return c;
}

/** The family a detected table names, under the rule set in force (the national one if unknown). */
export function familyOf(settings: EngineSettings, id: string): TableFamily {
  const catalog = familiesFor(settings);
  return catalog.byId(id) ?? catalog.families[0];
}
