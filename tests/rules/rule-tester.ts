/**
 * A rule-tester table in the manner of ESLint's RuleTester: valid tables report nothing, invalid
 * ones report exactly the listed findings, each asserted by message id (and, where given, cell,
 * severity, data and the rendered sentence). One `it` per case.
 */
import type { SeedTable } from "../../scripts/seed-model";
import type { Finding, FindingDataValue, Severity } from "../../src/engine/model/finding";
import type { Rule } from "../../src/engine/rules/rule";
import type { EngineSettingsInput } from "../../src/engine/settings";
import { findings } from "../helpers/table-builder";

export interface ValidCase {
  name: string;
  seed: SeedTable;
  settings?: EngineSettingsInput;
}

export interface ExpectedFinding {
  messageId: string;
  cell?: string;
  severity?: Severity;
  /** Compared with toMatchObject: the placeholders named here must have these values. */
  data?: Record<string, FindingDataValue>;
  /** The rendered sentences, where a case documents the wording. */
  message_zh?: string;
  message_en?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

/** What of a finding an expectation names, so a mismatch shows only what matters. */
function pickExpected(f: Finding, want: ExpectedFinding): Partial<Finding> {
  const out: Partial<Finding> = { messageId: f.messageId };
  if (want.cell !== undefined) out.cell = f.cell;
  if (want.severity !== undefined) out.severity = f.severity;
  if (want.message_zh !== undefined) out.message_zh = f.message_zh;
  if (want.message_en !== undefined) out.message_en = f.message_en;
  return out;
}

export function ruleTester(
  rule: Rule,
  cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }
): void {
  describe(`${rule.code} (rule tester)`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(findings(rule, c.seed, c.settings)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = findings(rule, c.seed, c.settings);
        expect(found.map((f) => f.messageId)).toEqual(c.errors.map((e) => e.messageId));
        c.errors.forEach((want, i) => {
          const f = found[i];
          const { data, ...rest } = want;
          expect(pickExpected(f, want)).toEqual(rest);
          if (data !== undefined) expect(f.data).toMatchObject(data);
          // Every id a rule reports is one of its own messages.
          expect(Object.keys(rule.meta.messages)).toContain(f.messageId);
        });
      });
    }
  });
}
