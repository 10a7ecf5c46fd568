import { EngineSettings } from "../settings";
import { Finding, FindingCode, Severity } from "../model/finding";
import { AssessmentTable, Located } from "../model/table";

/** What a rule reports; the runner fills in code, severity, cell and row. */
export interface Report {
  /** The cell the finding is about (its address is what a reviewer jumps to). */
  at: Located | { address: string; row: number };
  message_zh: string;
  message_en: string;
  expected?: string | number;
  actual?: string | number;
  /** Overrides the rule's default severity for this one finding. */
  severity?: Severity;
}

export interface RuleContext {
  table: AssessmentTable;
  settings: EngineSettings;
  report(r: Report): void;
}

/**
 * One validation rule: its code, default severity and a one-line description beside its logic,
 * in the manner of a lint rule. Rules read the table and report; they never modify anything.
 */
export interface Rule {
  code: FindingCode;
  severity: Severity;
  description_zh: string;
  description_en: string;
  check(ctx: RuleContext): void;
}

/** Runs rules over one table; findings come out in rule order, then row order. */
export function runRules(
  rules: readonly Rule[],
  table: AssessmentTable,
  settings: EngineSettings
): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const found: Finding[] = [];
    rule.check({
      table,
      settings,
      report(r) {
        found.push({
          code: rule.code,
          severity: r.severity ?? rule.severity,
          cell: r.at.address,
          row: r.at.row + 1,
          message_zh: r.message_zh,
          message_en: r.message_en,
          ...(r.expected !== undefined ? { expected: r.expected } : {}),
          ...(r.actual !== undefined ? { actual: r.actual } : {}),
        });
      },
    });
    found.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    out.push(...found);
  }
  return out;
}
