/**
 * `selfeval fill`: reads a workbook, plans the formulas (and highlights) for every table, applies
 * them with ExcelJS and writes a NEW file. The input is never written. Nothing is written when no
 * table is found or the plan is empty (a second fill of a filled file plans nothing).
 *
 * The rule set is the workbook's embedded one, --rules over it, or the defaults (see rules.ts);
 * findings ignored in the workbook's state are neither highlighted nor listed as left to fix.
 * With --apply-suggested-scores (and the scoring policy on) the policy's indicator scores are
 * written too, and the formulas are planned from the table as it reads with those scores in.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { analyzeWorkbook, SheetReport } from "../engine/analyze";
import { planFill, planHighlights } from "../engine/fill";
import { CellWrite, Highlight, WritePurpose } from "../engine/fill/plan-types";
import { sameFormula } from "../engine/fill/plan-fill";
import { GridSnapshot } from "../engine/grid/snapshot";
import { Finding, FindingCode } from "../engine/model/finding";
import { planSuggestedScores, RuleSet, scoringPolicyEnabled } from "../engine/policy";
import { splitSuppressed, Suppression } from "../engine/state";
import { applyPlan, isHighlightApplied } from "../hosts/exceljs/apply-plan";
import {
  loadWorkbook,
  readWorkbookFileWithState,
  snapshotsFromWorkbook,
} from "../hosts/exceljs/read-workbook";
import type { ParsedArgs } from "./args";
import { readErrorOf } from "./check";
import { findingLine } from "./report-text";
import { messages } from "./messages";
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

/** Which write settles which finding when it lands on the finding's cell. */
const SETTLED_BY: Partial<Record<FindingCode, WritePurpose[]>> = {
  RATE_MISMATCH: ["rate"],
  FUNDING_SCORE_MISMATCH: ["fundingScore"],
  TOTAL_SCORE_MISMATCH: ["totalScore"],
  GRADE_MISMATCH: ["grade"],
  NUMBER_AS_TEXT: ["convertNumber"],
  MISSING_FIELD: ["rate", "fundingScore", "totalScore", "totalWeight", "grade"],
  SCORE_POLICY_MISMATCH: ["suggestedScore"],
};

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
    const purposes = SETTLED_BY[f.code];
    if (!purposes || !f.cell) return true;
    const set = at.get(`${sheet}!${f.cell}`);
    return !(set && purposes.some((p) => set.has(p)));
  });
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** Same file: same resolved path, or (when both exist) same device and inode (links, case-insensitive file systems). */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
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
function withValues(snapshots: GridSnapshot[], writes: readonly CellWrite[]): GridSnapshot[] {
  for (const w of writes) {
    if (w.value === undefined) continue;
    const snap = snapshots.find((s) => s.sheetName === w.sheet);
    if (!snap) continue;
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

  if (!args.dryRun && (await sameFile(input, output))) {
    io.err(m.fillSameFile(output));
    return 2;
  }
  if (!args.dryRun && !args.force && (await exists(output))) {
    io.err(m.fillOutExists(output));
    return 2;
  }

  // A quick look first (the fast reader, as check): a workbook without a table is not worth an
  // ExcelJS load, which costs several times the analysis. It also reads the state sheet.
  let wb;
  let context;
  try {
    const quick = await readWorkbookFileWithState(input);
    context = resolver.forWorkbook(input, quick.stateColumn);
    const reports = analyzeWorkbook(quick.snapshots, { settings: context.active.rules });
    if (reports.every((r) => r.tables.length === 0)) {
      if (args.dryRun && args.json) io.out(dryRunJson(emptyDryRun(input), args.lang));
      else io.out(`${m.fillNoTable(input)}\n`);
      return 0;
    }
    wb = await loadWorkbook(input);
  } catch (e) {
    const r = readErrorOf(e);
    io.err(m.cannotRead(input, args.lang === "en" ? r.en : r.zh));
    return 2;
  }
  const { active, suppressions } = context;
  const rules = active.rules;

  // The plan is made from the workbook it is applied to.
  let reports = analyzeWorkbook(snapshotsFromWorkbook(wb), { settings: rules });
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
      reports = analyzeWorkbook(withValues(snapshotsFromWorkbook(wb), suggested), {
        settings: rules,
      });
  }

  const writes: CellWrite[] = [...suggested];
  const highlights: Highlight[] = [];
  const findings: SheetFinding[] = [];
  for (const r of reports) {
    for (const f of r.findings) findings.push({ sheet: r.sheet, finding: f });
    for (const t of r.tables) {
      const options = { convertNumbers: args.convertNumbers };
      const planned = planFill(t.table, rules, options);
      writes.push(...planned);
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
  const pendingHighlights = highlights.filter((h) => !isHighlightApplied(wb, h, args.lang));
  const left = remainingFindings(findings, writes);

  const changes = fillChanges(reports, writes);
  const skipped = fillSkips(reports, rules, { convertNumbers: args.convertNumbers });
  if (args.dryRun) {
    const plan = { file: input, writes, highlights: pendingHighlights, changes, skipped };
    io.out(args.json ? dryRunJson(plan, args.lang) : dryRunText(plan, args.lang));
    return 0;
  }

  if (writes.length === 0 && pendingHighlights.length === 0) {
    io.out(`${m.rulesLine(active)}\n${m.fillNothingToWrite(tableCount)}\n`);
    printRemaining(left, args, io);
    return 0;
  }

  const applied = applyPlan(wb, { writes, highlights: pendingHighlights }, { lang: args.lang });

  // Write next to the target and rename, so a failed write never leaves half a file under its name.
  const tmp = path.join(
    path.dirname(path.resolve(output)),
    `.${path.basename(output)}.${process.pid}.tmp`
  );
  try {
    await wb.xlsx.writeFile(tmp);
    await fs.rename(tmp, output);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    io.err(m.writeFailed(output, (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0]));
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
  for (const s of applied.skipped)
    lines.push(
      `  ${m.skipped(s.sheet, s.address, args.lang === "en" ? s.reason_en : s.reason_zh)}`
    );
  lines.push(...changeLines(changes, skipped, args.lang));
  io.out(`${lines.join("\n")}\n`);
  printRemaining(left, args, io);
  return 0;
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
