import { CellValue } from "../grid/snapshot";
import { normalizeLabel, removeSpaces, toHalfWidth, trimAll } from "./normalize";
import { Comparator, formatNumber, parseNumber } from "./numbers";

/**
 * Comparing an indicator's 年度指标值 (target) with its 实际完成值 (actual). A deviation
 * needs an explanation, so "missed" is only said when the two values are clearly
 * comparable and clearly apart; everything else is "unknown" and left to the score.
 */

export interface QuantityMeasure {
  kind: "quantity";
  /** Percentages as fractions, like ParsedNumber. */
  value: number;
  unit: string | null;
  percent: boolean;
  comparator: Comparator | null;
}

export interface QualitativeMeasure {
  kind: "qualitative";
  /** Position on the scale, 0 = worst; higher is better. */
  level: number;
  /** Scale id, e.g. "优良中低差", "是否". */
  scale: string;
}

export interface TextMeasure {
  kind: "text";
}

export type Measure = QuantityMeasure | QualitativeMeasure | TextMeasure;

export type Outcome = "met" | "missed" | "unknown";

export interface Comparison {
  outcome: Outcome;
  reason: string;
}

export interface CompareOptions {
  /** Cost indicators (成本指标): with no comparator, the actual must stay at or below the target. */
  lowerIsBetter?: boolean;
  /** Number formats of the two cells, so a stored 0.96 shown as 96% reads as a percentage. */
  targetNumberFormat?: string | null;
  actualNumberFormat?: string | null;
}

// ---------------------------------------------------------------- qualitative scales

interface Scale {
  id: string;
  /** Best first; each level lists the spellings seen for it. */
  levels: string[][];
}

/** Order matters: a word on several scales ("中", "差") is read on the first that also holds the other side. */
const SCALES: Scale[] = [
  {
    id: "优良中低差",
    levels: [["优", "优秀"], ["良", "良好"], ["中", "中等"], ["低"], ["差", "较差"]],
  },
  { id: "是否", levels: [["是"], ["否"]] },
  { id: "高中低", levels: [["高"], ["较高"], ["中"], ["较低"], ["低"]] },
  { id: "好较好一般差", levels: [["好"], ["较好"], ["一般"], ["差", "较差"]] },
  {
    id: "满意",
    levels: [
      ["非常满意", "很满意"],
      ["满意"],
      ["基本满意", "比较满意", "较满意"],
      ["不满意", "不太满意", "非常不满意"],
    ],
  },
  {
    id: "完成",
    levels: [
      [
        "完成",
        "已完成",
        "全部完成",
        "全面完成",
        "圆满完成",
        "按时完成",
        "按期完成",
        "如期完成",
        "按要求完成",
        "按计划完成",
      ],
      ["基本完成", "部分完成"],
      ["未完成", "没有完成", "未按时完成"],
    ],
  },
  {
    id: "达到预期",
    levels: [
      [
        "达到预期",
        "达到预期目标",
        "达到预期效果",
        "达预期",
        "实现预期",
        "实现预期目标",
        "符合预期",
        "完成预期指标",
        "完成预期目标",
      ],
      ["基本达到预期", "基本实现预期", "基本符合预期"],
      ["未达到预期", "未达预期", "未实现预期", "未达到预期目标", "不符合预期"],
    ],
  },
  { id: "达标", levels: [["达标", "全部达标"], ["基本达标"], ["不达标", "未达标"]] },
  {
    id: "合格",
    levels: [
      ["合格", "验收合格", "质量合格", "全部合格", "抽检合格"],
      ["基本合格"],
      ["不合格", "验收不合格"],
    ],
  },
  { id: "有效", levels: [["有效"], ["无效"]] },
  {
    id: "符合",
    levels: [["符合", "符合要求", "符合标准"], ["基本符合"], ["不符合", "不符合要求"]],
  },
  { id: "满足", levels: [["满足", "满足需求", "满足要求"], ["基本满足"], ["不满足"]] },
  { id: "正常", levels: [["正常"], ["异常", "不正常"]] },
];

/** Separators people put between the words of a listed scale ("优/良/中", "是、否"). */
const LIST_SEPARATORS = /[/、,;|｜]/g;
const EDGE_PUNCT = /^[。.，,；;！!]+|[。.，,；;！!]+$/g;

function levelOf(scale: Scale, word: string): number | null {
  const i = scale.levels.findIndex((l) => l.includes(word));
  return i < 0 ? null : scale.levels.length - 1 - i;
}

/**
 * The level a text names on a scale: a single word ("良"), or a listing of the scale
 * ("优良中低差", "是/否") which as a target means its best listed level.
 */
function levelOn(scale: Scale, text: string): number | null {
  const single = levelOf(scale, text);
  if (single !== null) return single;
  const compact = text.replace(LIST_SEPARATORS, "");
  // Split the listing into scale words (two at least, each level once), trying every spelling.
  const split = (rest: string, seen: number[]): number[] | null => {
    if (rest === "") return seen.length >= 2 ? seen : null;
    for (const [i, spellings] of scale.levels.entries()) {
      if (seen.includes(i)) continue;
      for (const w of spellings) {
        if (!rest.startsWith(w)) continue;
        const found = split(rest.slice(w.length), [...seen, i]);
        if (found) return found;
      }
    }
    return null;
  };
  const listed = split(compact, []);
  return listed ? scale.levels.length - 1 - Math.min(...listed) : null;
}

function qualitativeText(v: CellValue): string | null {
  if (typeof v !== "string") return null;
  const t = normalizeLabel(v).replace(EDGE_PUNCT, "");
  return t === "" ? null : t;
}

// ---------------------------------------------------------------- quantities with words

/** Words before a number, longest first where one contains another (达到 before 达). */
const PREFIX_WORDS: [string, Comparator][] = [
  ["大于或等于", ">="],
  ["大于等于", ">="],
  ["小于或等于", "<="],
  ["小于等于", "<="],
  ["不少于", ">="],
  ["不低于", ">="],
  ["不小于", ">="],
  ["至少", ">="],
  ["达到", ">="],
  ["达", ">="],
  ["超过", ">"],
  ["大于", ">"],
  ["高于", ">"],
  ["多于", ">"],
  ["不超过", "<="],
  ["不高于", "<="],
  ["不大于", "<="],
  ["不多于", "<="],
  ["最多", "<="],
  ["控制在", "<="],
  ["低于", "<"],
  ["小于", "<"],
  ["少于", "<"],
  ["等于", "="],
];
/** Words after a number ("3个以上", "83.26万元以内"). */
const SUFFIX_WORDS: [string, Comparator][] = [
  ["及以上", ">="],
  ["或以上", ">="],
  ["以上", ">="],
  ["及以下", "<="],
  ["或以下", "<="],
  ["以下", "<="],
  ["范围内", "<="],
  ["以内", "<="],
  ["之内", "<="],
  ["内", "<="],
];

function direction(c: Comparator): "up" | "down" | "eq" {
  return c === ">=" || c === ">" ? "up" : c === "<=" || c === "<" ? "down" : "eq";
}

/** Strips comparison words around a number; null unless what remains is one number. */
function quantityWithWords(text: string): QuantityMeasure | null {
  let s = toHalfWidth(text).trim();
  let fromPrefix: Comparator | null = null;
  let fromSuffix: Comparator | null = null;
  const prefix = PREFIX_WORDS.find(([w]) => s.startsWith(w));
  if (prefix) {
    fromPrefix = prefix[1];
    s = s.slice(prefix[0].length).trim();
  }
  const suffix = SUFFIX_WORDS.find(([w]) => s.endsWith(w));
  if (suffix) {
    fromSuffix = suffix[1];
    s = s.slice(0, -suffix[0].length).trim();
  }
  if (!prefix && !suffix) return null;
  const p = parseNumber(s);
  if (p.kind !== "number" || p.value === null) return null;
  const said = [fromPrefix, p.comparator, fromSuffix].filter((c): c is Comparator => c !== null);
  // Words pulling different ways ("不超过…以上") are not a target anyone can check.
  if (said.some((c) => direction(c) !== direction(said[0]))) return null;
  return {
    kind: "quantity",
    value: p.value,
    unit: p.unit,
    percent: p.percent,
    comparator: said[0],
  };
}

// ---------------------------------------------------------------- parseMeasure

/**
 * What a target or actual cell states: a quantity (number, unit, %, comparison sign or
 * words such as 不少于/以内), a level on a qualitative scale, or free text.
 */
export function parseMeasure(v: CellValue, numberFormat?: string | null): Measure {
  const p = parseNumber(v, numberFormat);
  if (p.kind === "number" && p.value !== null) {
    return {
      kind: "quantity",
      value: p.value,
      unit: p.unit,
      percent: p.percent,
      comparator: p.comparator,
    };
  }
  if (p.kind !== "text" || typeof v !== "string") return { kind: "text" };
  const word = qualitativeText(v);
  if (word !== null) {
    for (const scale of SCALES) {
      const level = levelOn(scale, word);
      if (level !== null) return { kind: "qualitative", level, scale: scale.id };
    }
  }
  return quantityWithWords(trimAll(v)) ?? { kind: "text" };
}

// ---------------------------------------------------------------- comparison

/** Units that name the same thing; "万" and "万元" are the same amount in a funding table. */
const UNIT_CANON: Record<string, string> = {
  万元: "万",
  平方米: "m²",
  平米: "m²",
  个月: "月",
  公里: "km",
  千米: "km",
  公斤: "kg",
  千克: "kg",
};

function canonUnit(u: string | null): string | null {
  return u === null ? null : (UNIT_CANON[u] ?? u);
}

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function satisfies(x: number, cmp: Comparator, y: number): boolean {
  const eq = nearlyEqual(x, y);
  switch (cmp) {
    case ">=":
      return x > y || eq;
    case "<=":
      return x < y || eq;
    case ">":
      return x > y && !eq;
    case "<":
      return x < y && !eq;
    case "=":
      return eq;
  }
}

function show(q: QuantityMeasure): string {
  const n = q.percent ? formatNumber(q.value, null, { percent: true }) : formatNumber(q.value);
  return (q.comparator ?? "") + n + (q.unit ?? "");
}

function compareQuantities(
  t: QuantityMeasure,
  a: QuantityMeasure,
  lowerIsBetter: boolean
): Comparison {
  if (t.percent !== a.percent) {
    return {
      outcome: "unknown",
      reason: `cannot compare a percentage with a plain number (${show(t)} vs ${show(a)})`,
    };
  }
  const tu = canonUnit(t.unit);
  const au = canonUnit(a.unit);
  if (tu !== null && au !== null && tu !== au) {
    return { outcome: "unknown", reason: `units differ (${t.unit} vs ${a.unit})` };
  }
  // An explicit comparator decides the direction; otherwise cost rows are "at most", the rest "at least".
  const cmp: Comparator = t.comparator ?? (lowerIsBetter ? "<=" : ">=");
  const rule = t.comparator ? `target ${show(t)}` : `target ${show(t)} (read as ${cmp})`;
  if (a.comparator !== null && a.comparator !== "=") {
    // The actual states only a bound ("90%以上"): conclusive when the bound alone meets the target.
    const strictGap =
      (cmp === ">" && a.comparator === ">=") || (cmp === "<" && a.comparator === "<=");
    const implied =
      direction(a.comparator) === direction(cmp) &&
      (strictGap
        ? satisfies(a.value, cmp, t.value)
        : satisfies(a.value, direction(cmp) === "up" ? ">=" : "<=", t.value));
    return implied
      ? { outcome: "met", reason: `actual bound ${show(a)} meets ${rule}` }
      : { outcome: "unknown", reason: `actual states only a bound (${show(a)}) against ${rule}` };
  }
  return satisfies(a.value, cmp, t.value)
    ? { outcome: "met", reason: `actual ${show(a)} meets ${rule}` }
    : { outcome: "missed", reason: `actual ${show(a)} misses ${rule}` };
}

function compareQualitative(target: string, actual: string): Comparison | null {
  for (const scale of SCALES) {
    const t = levelOn(scale, target);
    const a = levelOf(scale, actual);
    if (t === null || a === null) continue;
    return a >= t
      ? { outcome: "met", reason: `"${actual}" reaches "${target}" on scale ${scale.id}` }
      : { outcome: "missed", reason: `"${actual}" is below "${target}" on scale ${scale.id}` };
  }
  return null;
}

/**
 * Does the actual meet the target? "missed" only when both sides are comparable
 * (compatible units, same kind of figure, same qualitative scale) and clearly apart.
 * Identical non-empty texts count as met: the row reports doing exactly what it planned.
 */
export function compareTargetActual(
  target: CellValue,
  actual: CellValue,
  opts: CompareOptions = {}
): Comparison {
  const t = parseMeasure(target, opts.targetNumberFormat);
  const a = parseMeasure(actual, opts.actualNumberFormat);
  const tp = parseNumber(target);
  const ap = parseNumber(actual);
  if (tp.kind === "empty" || tp.kind === "placeholder")
    return { outcome: "unknown", reason: "target is empty" };
  if (ap.kind === "empty" || ap.kind === "placeholder")
    return { outcome: "unknown", reason: "actual is empty" };

  if (t.kind === "quantity" && a.kind === "quantity")
    return compareQuantities(t, a, opts.lowerIsBetter === true);

  const tw = qualitativeText(target);
  const aw = qualitativeText(actual);
  if (t.kind === "qualitative" && a.kind === "qualitative" && tw !== null && aw !== null) {
    return (
      compareQualitative(tw, aw) ?? {
        outcome: "unknown",
        reason: `"${tw}" and "${aw}" are on different scales`,
      }
    );
  }
  if (
    typeof target === "string" &&
    typeof actual === "string" &&
    removeSpaces(normalizeLabel(target)) === removeSpaces(normalizeLabel(actual))
  ) {
    return { outcome: "met", reason: "actual repeats the target text" };
  }
  return { outcome: "unknown", reason: `not comparable (${t.kind} vs ${a.kind})` };
}
