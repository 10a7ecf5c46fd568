/**
 * What `selfeval fill` tells before and after it writes: every typed value the plan replaces
 * (table, cell, field, before → after), the formulas it left out on purpose and why, and the whole
 * plan for `fill --dry-run` (text, or `--json`).
 *
 * `fill --dry-run --json` prints one object (contract, version 1):
 *
 * ```json
 * { "version": 1, "file": "in.xlsx", "dryRun": true,
 *   "writes": [ { "sheet": "…", "cell": "I6", "purpose": "fundingScore", "field": "资金得分",
 *                 "formula": "=IF(…)", "result": 5.4,
 *                 "before": { "value": 5.4, "formula": null } } ],
 *   "changes": [ { "sheet": "…", "cell": "H22", "table": "A1:I22", "projectName": "…",
 *                  "field": "总分得分", "before": "94", "after": "97" } ],
 *   "skipped": [ { "sheet": "…", "cell": "H23", "purpose": "totalScore",
 *                  "reason": "weightsInconsistent", "message": "…" } ],
 *   "highlights": [ { "sheet": "…", "cell": "I20" } ] }
 * ```
 *
 * - `writes`: every cell fill would write; exactly one of `formula` (with its `result`) / `value`.
 * - `changes`: the writes that replace a typed value with a different figure, as the cells show them
 *   ("" for blank). A formula that shows the figure already there is not a change.
 * - `skipped`: formulas left out so as not to show an impossible figure (reason
 *   `weightsInconsistent`, `exceedsMaximum`, `rateUncomputable`); the cell keeps what it holds.
 * - `field` and `message` are in the language chosen with `--lang`.
 */
import { SheetReport } from "../engine/analyze";
import { fieldName, planChanges, planTableFill, TableWrites, TypedChange } from "../engine/fill";
import { FillOptions } from "../engine/fill/plan-fill";
import { CellWrite, FillSkip, Highlight } from "../engine/fill/plan-types";
import { RuleSet } from "../engine/settings";
import type { Lang } from "./args";

/** The tables' writes: each write goes to the table whose range holds its cell. */
export function tableWrites(
  reports: readonly SheetReport[],
  writes: readonly CellWrite[]
): TableWrites[] {
  const out: TableWrites[] = [];
  for (const r of reports) {
    for (const t of r.tables) {
      const g = t.table.range;
      out.push({
        table: t.table,
        writes: writes.filter(
          (w) =>
            w.sheet === r.sheet &&
            w.row >= g.top &&
            w.row <= g.bottom &&
            w.col >= g.left &&
            w.col <= g.right
        ),
      });
    }
  }
  return out;
}

/** The typed values the writes replace, in sheet and table order. */
export function fillChanges(
  reports: readonly SheetReport[],
  writes: readonly CellWrite[]
): TypedChange[] {
  return planChanges(tableWrites(reports, writes));
}

/** The formulas fill leaves out on purpose, with their reasons. */
export function fillSkips(
  reports: readonly SheetReport[],
  rules: RuleSet,
  options: FillOptions
): FillSkip[] {
  return reports.flatMap((r) =>
    r.tables.flatMap((t) => planTableFill(t.table, rules, options).skipped)
  );
}

const TEXT = {
  zh: {
    changesHeading: (n: number) => `改动的填写值 ${n} 处（表、单元格、字段：原值 → 新值）：`,
    noChanges: "没有改动任何填写值。",
    skippedHeading: (n: number) => `未填公式 ${n} 处（保留原值）：`,
    blank: "空白",
    table: (range: string, name: string | null) => (name ? `${name}（${range}）` : range),
    change: (c: TypedChange, before: string, after: string) =>
      `工作表“${c.sheet}” ${c.address} ${c.field_zh}：${before} → ${after}`,
    dryRunHeading: (file: string, writes: number, highlights: number) =>
      `试运行（不写入文件）：${file} 将写入 ${writes} 个单元格，标注 ${highlights} 个单元格`,
    write: (w: CellWrite, field: string) =>
      `工作表“${w.sheet}” ${w.address} ${field}：${w.formula ?? String(w.value)}`,
    highlight: (h: Highlight) => `工作表“${h.sheet}” ${h.address} 标注未说明的偏差`,
    skipLine: (s: FillSkip) => `工作表“${s.sheet}” ${s.message_zh}`,
  },
  en: {
    changesHeading: (n: number) =>
      `Typed values changed: ${n} (table, cell, field: before → after):`,
    noChanges: "No typed value changed.",
    skippedHeading: (n: number) => `Formulas left out: ${n} (the cells keep what they hold):`,
    blank: "blank",
    table: (range: string, name: string | null) => (name ? `${name} (${range})` : range),
    change: (c: TypedChange, before: string, after: string) =>
      `sheet "${c.sheet}" ${c.address} ${c.field_en}: ${before} → ${after}`,
    dryRunHeading: (file: string, writes: number, highlights: number) =>
      `Dry run (nothing written): ${file} would get ${writes} cells written and ${highlights} marked`,
    write: (w: CellWrite, field: string) =>
      `sheet "${w.sheet}" ${w.address} ${field}: ${w.formula ?? String(w.value)}`,
    highlight: (h: Highlight) => `sheet "${h.sheet}" ${h.address} unexplained deviation marked`,
    skipLine: (s: FillSkip) => `sheet "${s.sheet}" ${s.message_en}`,
  },
} as const;

/** The summary lines about typed values and left-out formulas, indented under fill's summary. */
export function changeLines(
  changes: readonly TypedChange[],
  skipped: readonly FillSkip[],
  lang: Lang
): string[] {
  const t = TEXT[lang];
  const shown = (s: string) => (s === "" ? t.blank : s);
  const lines: string[] = [];
  if (changes.length === 0) lines.push(`  ${t.noChanges}`);
  else {
    lines.push(`  ${t.changesHeading(changes.length)}`);
    let table: string | null = null;
    for (const c of changes) {
      const key = `${c.sheet}!${c.tableRange}`;
      if (key !== table) lines.push(`    ${t.table(c.tableRange, c.projectName)}`);
      table = key;
      lines.push(`      ${t.change(c, shown(c.before), shown(c.after))}`);
    }
  }
  if (skipped.length > 0) {
    lines.push(`  ${t.skippedHeading(skipped.length)}`);
    for (const s of skipped) lines.push(`    ${t.skipLine(s)}`);
  }
  return lines;
}

export interface DryRun {
  file: string;
  writes: readonly CellWrite[];
  highlights: readonly Highlight[];
  changes: readonly TypedChange[];
  skipped: readonly FillSkip[];
}

/** The plan of a workbook with no table. */
export function emptyDryRun(file: string): DryRun {
  return { file, writes: [], highlights: [], changes: [], skipped: [] };
}

/** `fill --dry-run`: the plan as text. */
export function dryRunText(plan: DryRun, lang: Lang): string {
  const t = TEXT[lang];
  const fieldOf = (w: CellWrite) => fieldName(w.purpose)[lang];
  const lines = [t.dryRunHeading(plan.file, plan.writes.length, plan.highlights.length)];
  for (const w of plan.writes) lines.push(`  ${t.write(w, fieldOf(w))}`);
  for (const h of plan.highlights) lines.push(`  ${t.highlight(h)}`);
  lines.push(...changeLines(plan.changes, plan.skipped, lang));
  return `${lines.join("\n")}\n`;
}

/** `fill --dry-run --json`: the plan as the documented object (see the top of this file). */
export function dryRunJson(plan: DryRun, lang: Lang): string {
  const en = lang === "en";
  const fieldOf = (w: CellWrite) => fieldName(w.purpose)[lang];
  return `${JSON.stringify(
    {
      version: 1,
      file: plan.file,
      dryRun: true,
      writes: plan.writes.map((w) => ({
        sheet: w.sheet,
        cell: w.address,
        purpose: w.purpose,
        field: fieldOf(w),
        ...(w.formula !== undefined
          ? { formula: w.formula, result: w.result ?? null }
          : { value: w.value ?? null }),
        before: { value: w.before.value, formula: w.before.formula },
      })),
      changes: plan.changes.map((c) => ({
        sheet: c.sheet,
        cell: c.address,
        table: c.tableRange,
        projectName: c.projectName,
        field: en ? c.field_en : c.field_zh,
        before: c.before,
        after: c.after,
      })),
      skipped: plan.skipped.map((s) => ({
        sheet: s.sheet,
        cell: s.address,
        purpose: s.purpose,
        reason: s.reason,
        message: en ? s.message_en : s.message_zh,
      })),
      highlights: plan.highlights.map((h) => ({ sheet: h.sheet, cell: h.address })),
    },
    null,
    2
  )}\n`;
}
