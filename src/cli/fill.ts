/**
 * `selfeval fill`: reads a workbook, plans the formulas (and highlights) for every table, patches
 * them into the package (xlsx-package/: only the parts that receive writes change) and writes a
 * NEW file, claimed atomically (no two runs can both create it). The input is never written.
 * Nothing is written when no table is found or the plan is empty (a second fill of a filled file
 * plans nothing). A table whose plan would write over a label or foreign text is left unfilled
 * and named (engine/fill/write-guard.ts).
 *
 * The rule set is the workbook's embedded one, --rules over it, or the defaults (see rules.ts);
 * findings ignored in the workbook's state are neither highlighted nor listed as left to fix.
 * With --apply-suggested-scores (and the scoring policy on) the policy's indicator scores are
 * written too, and the formulas are planned from the table as it reads with those scores in.
 */
import { analyzeWorkbook, SheetReport } from "../engine/analyze";
import { planFill, planHighlights } from "../engine/fill";
import { CellWrite, Highlight, WritePurpose } from "../engine/fill/plan-types";
import { sameFormula } from "../engine/fill/plan-fill";
import { FillRefusal, fillRefusal } from "../engine/fill/write-guard";
import { isSparseSnapshot, SheetSnapshot } from "../engine/grid/snapshot";
import { Finding } from "../engine/model/finding";
import { settlingWrites } from "../engine/rules";
import { planSuggestedScores, RuleSet, scoringPolicyEnabled } from "../engine/policy";
import { splitSuppressed, Suppression } from "../engine/state";
import { outputNameFits } from "../hosts/xlsx-package/macro";
import { OutputExistsError, writeOutputFile } from "../hosts/xlsx-package/output-file";
import { patchWorkbook } from "../hosts/xlsx-package/patch-workbook";
import { readInputBytes, snapshotsOfBytes } from "../hosts/xlsx-package/read-input";
import { isLegacyFile } from "./files";
import type { ParsedArgs } from "./args";
import { findingLine } from "./report-text";
import { Messages, messages, oneLineOf, readFailure, visible } from "./messages";
import { refuseOutput } from "./output-checks";
import type { RulesResolver } from "./rules";
import type { Io } from "./main";
import {
  changeLines,
  dryRunJson,
  dryRunText,
  emptyDryRun,
  fillChanges,
  fillSkips,
} from "./fill-changes";

/** A finding with the sheet it is on. */
export interface SheetFinding {
  sheet: string;
  finding: Finding;
}

/** Findings the written cells do not settle: what is left for a person. */
export function remainingFindings(
  findings: readonly SheetFinding[],
  writes: readonly CellWrite[]
): SheetFinding[] {
  const at = new Map<string, Set<WritePurpose>>();
  for (const w of writes) {
    const key = `${w.sheet}!${w.address}`;
    let set = at.get(key);
    if (!set) at.set(key, (set = new Set()));
    set.add(w.purpose);
  }
  return findings.filter(({ sheet, finding: f }) => {
    if (f.code === "TABLE_NOT_FOUND") return false;
    const purposes = settlingWrites(f.code);
    if (purposes.length === 0 || !f.cell) return true;
    const set = at.get(`${sheet}!${f.cell}`);
    return !(set && purposes.some((p) => set.has(p)));
  });
}

/**
 * The policy's suggested scores for every table, except where a reviewer ignored the
 * SCORE_POLICY_MISMATCH of that cell (the typed score was accepted, with a reason).
 */
function suggestedWrites(
  reports: readonly SheetReport[],
  rules: RuleSet,
  suppressions: readonly Suppression[]
): CellWrite[] {
  const out: CellWrite[] = [];
  for (const r of reports) {
    for (const t of r.tables) {
      const kept = new Set(
        suppressions
          .filter((x) => x.code === "SCORE_POLICY_MISMATCH" && x.sheet === r.sheet)
          .map((x) => x.cell)
      );
      out.push(...planSuggestedScores(t.table, rules).filter((w) => !kept.has(w.address)));
    }
  }
  return out;
}

/** The snapshots with the written values in (so the formulas are planned from the table as it will read). */
function withValues(snapshots: SheetSnapshot[], writes: readonly CellWrite[]): SheetSnapshot[] {
  for (const w of writes) {
    if (w.value === undefined) continue;
    const snap = snapshots.find((s) => s.sheetName === w.sheet);
    if (!snap) continue;
    if (isSparseSnapshot(snap)) {
      // A later cell at the same position replaces the earlier one.
      snap.cells.push({ row: w.row, col: w.col, value: w.value });
      continue;
    }
    const r = w.row - snap.origin.row;
    const c = w.col - snap.origin.col;
    if (r < 0 || c < 0 || r >= snap.values.length) continue;
    snap.values[r][c] = w.value;
  }
  return snapshots;
}

/** Two cached results agree (numbers to 1e-9). */
function sameResult(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return a === b;
}

export async function runFill(args: ParsedArgs, resolver: RulesResolver, io: Io): Promise<number> {
  const m = messages(args.lang);
  const input = args.operands[0];
  const output = args.output ?? "";

  if (!args.dryRun && (await refuseOutput(input, output, args, io))) return 2;

  // A legacy .xls/.et is converted to a temporary .xlsx first; the output is a new .xlsx.
  let legacy;
  try {
    // The converter (and its BIFF library) is loaded only for a legacy file.
    legacy = (await isLegacyFile(input).catch(() => false))
      ? await (await import("../hosts/legacy/legacy-to-xlsx")).legacyAsXlsx(input)
      : null;
  } catch (e) {
    io.err(m.cannotRead(input, readFailure(e, args.lang)));
    return 2;
  }
  if (legacy) {
    io.out(`${m.legacyFill(input)}\n`);
    try {
      return await runFill({ ...args, operands: [legacy.path] }, resolver, io);
    } finally {
      await legacy.dispose();
    }
  }

  // The bytes are read once: the plan is made from them and the patch applied to them.
  let data: Buffer;
  let snapshots: () => SheetSnapshot[];
  let context;
  let reports;
  try {
    data = await readInputBytes(input);
    const read = await snapshotsOfBytes(data);
    // A damaged sheet: check reports it, and fill does not write over a workbook it cannot read whole.
    const bad = read.unreadable[0];
    if (bad) {
      const why = args.lang === "en" ? bad.reason_en : bad.reason_zh;
      io.err(m.cannotRead(input, visible(`${m.sheet(bad.name)}${m.colon}${why}`)));
      return 2;
    }
    // A fresh copy each time: withValues writes into it.
    snapshots = () => structuredClone(read.snapshots);
    context = resolver.forWorkbook(input, read.stateColumn);
    reports = analyzeWorkbook(read.snapshots, { settings: context.active.rules });
  } catch (e) {
    io.err(m.cannotRead(input, readFailure(e, args.lang)));
    return 2;
  }
  if (!args.dryRun && !outputNameFits(data, output)) {
    io.err(m.macroNeedsXlsm(output));
    return 2;
  }
  const { active, suppressions } = context;
  const rules = active.rules;
  if (reports.every((r) => r.tables.length === 0)) {
    if (args.dryRun && args.json) io.out(dryRunJson(emptyDryRun(input), args.lang));
    else io.out(`${m.fillNoTable(input)}\n`);
    return 0;
  }

  let suggested: CellWrite[] = [];
  if (args.applySuggestedScores) {
    if (!scoringPolicyEnabled(rules)) io.err(m.warning(m.policyOff(active)));
    else suggested = suggestedWrites(reports, rules, suppressions);
    // The rest is planned from the table with the new scores in: totals, grades and the
    // deviations they leave.
    if (suggested.length > 0)
      reports = analyzeWorkbook(withValues(snapshots(), suggested), {
        settings: rules,
      });
  }

  const writes: CellWrite[] = [...suggested];
  const highlights: Highlight[] = [];
  const findings: SheetFinding[] = [];
  const refused: FillRefusal[] = [];
  for (const r of reports) {
    for (const f of r.findings) findings.push({ sheet: r.sheet, finding: f });
    for (const t of r.tables) {
      const options = { convertNumbers: args.convertNumbers };
      const planned = planFill(t.table, rules, options);
      writes.push(...planned);
      const refusal = fillRefusal(t.table);
      if (refusal) refused.push(refusal);
      if (suggested.length > 0) {
        // A formula that is already in place still caches the value from before the new scores:
        // write it again with its new result, so tools that do not recalculate read it right.
        const at = new Set(planned.map((w) => w.address));
        for (const w of planFill(t.table, rules, { ...options, includeUnchanged: true })) {
          if (at.has(w.address) || w.formula === undefined) continue;
          if (sameFormula(w.before.formula, w.formula) && !sameResult(w.result, w.before.value))
            writes.push(w);
        }
      }
      const { active: inForce } = splitSuppressed(r.sheet, t.findings, suppressions, {
        tables: r.tables.map((x) => x.table),
      });
      if (args.highlight)
        highlights.push(...planHighlights({ table: t.table, findings: inForce }, rules));
      for (const f of inForce) findings.push({ sheet: r.sheet, finding: f });
    }
  }
  const tableCount = reports.reduce((n, r) => n + r.tables.length, 0);
  const left = remainingFindings(findings, writes);

  const changes = fillChanges(reports, writes);
  const skipped = fillSkips(reports, rules, { convertNumbers: args.convertNumbers });

  // Only the parts that receive writes change; everything else is copied byte for byte.
  let applied;
  try {
    applied = patchWorkbook(data, { writes, highlights }, { lang: args.lang });
  } catch (e) {
    io.err(m.cannotRead(input, readFailure(e, args.lang)));
    return 2;
  }
  if (args.dryRun) {
    const plan = {
      file: input,
      writes: applied.written,
      highlights: applied.highlighted,
      changes,
      skipped,
    };
    io.out(args.json ? dryRunJson(plan, args.lang) : dryRunText(plan, args.lang));
    return 0;
  }

  if (applied.written.length === 0 && applied.highlighted.length === 0) {
    io.out(`${m.rulesLine(active)}\n${m.fillNothingToWrite(tableCount)}\n`);
    for (const r of refused) io.out(`  ${refusalLine(r, m)}\n`);
    for (const s of applied.skipped)
      io.out(
        `  ${m.skipped(s.sheet, s.address, args.lang === "en" ? s.reason_en : s.reason_zh)}\n`
      );
    printRemaining(left, args, io);
    return 0;
  }

  try {
    await writeOutputFile(output, applied.bytes, args.force);
  } catch (e) {
    if (e instanceof OutputExistsError) io.err(m.fillOutExists(output));
    else io.err(m.writeFailed(output, oneLineOf(e)));
    return 2;
  }

  const lines: string[] = [
    m.rulesLine(active),
    m.fillWrote(output, applied.written.length, applied.highlighted.length),
  ];
  const byPurpose = new Map<WritePurpose, number>();
  for (const w of applied.written) byPurpose.set(w.purpose, (byPurpose.get(w.purpose) ?? 0) + 1);
  for (const [p, n] of byPurpose) lines.push(`  ${m.purpose[p]}: ${n}`);
  if (applied.highlighted.length) lines.push(`  ${m.highlightsLine(applied.highlighted.length)}`);
  for (const r of refused) lines.push(`  ${refusalLine(r, m)}`);
  for (const s of applied.skipped)
    lines.push(
      `  ${m.skipped(s.sheet, s.address, args.lang === "en" ? s.reason_en : s.reason_zh)}`
    );
  lines.push(...changeLines(changes, skipped, args.lang));
  io.out(`${lines.join("\n")}\n`);
  printRemaining(left, args, io);
  return 0;
}

/** A table left unfilled because a write would land on a label or on foreign text. */
function refusalLine(r: FillRefusal, m: Messages): string {
  const u = r.unsafe[0];
  return m.fillRefused(r.sheet, r.range, u.write.address, u.holds, u.isLabel);
}

function printRemaining(left: readonly SheetFinding[], args: ParsedArgs, io: Io): void {
  const m = messages(args.lang);
  if (left.length === 0) {
    io.out(`${m.remainingNone}\n`);
    return;
  }
  const c = { error: 0, warning: 0, info: 0 };
  for (const { finding } of left) c[finding.severity]++;
  const lines = [m.remaining(c.error, c.warning, c.info)];
  let sheet: string | null = null;
  for (const { sheet: s, finding } of left) {
    if (s !== sheet) lines.push(`  ${m.sheet(s)}`);
    sheet = s;
    lines.push(`    ${findingLine(finding, args.lang)}`);
  }
  io.out(`${lines.join("\n")}\n`);
}
