/**
 * The workbook's "_selfeval" state and rule sets, end to end through bin/selfeval.js: findings
 * ignored in the state are left out of the counts and the exit code (and listed apart), the
 * embedded rule set is used, `--rules` goes over it, malformed rule sets are warnings, and
 * `fill --apply-suggested-scores` writes the policy's scores.
 */
/* The office-addins lint rules take ExcelJS cells for Office.js proxies; nothing here talks to Office. */

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { JsonReport } from "../../src/cli/report-json";
import { encodeState } from "../../src/engine/state/codec";
import { emptyState, STATE_SHEET, Suppression, WorkbookState } from "../../src/engine/state/schema";
import { FindingCode } from "../../src/engine/model/finding";
import { ensureCliBuilt, runCli, RunResult, SEEDS, seedIndex } from "./harness";

jest.setTimeout(300_000);

const BEIJING = path.join(SEEDS, "beijing-2023.xlsx");
const HUNAN = path.join(SEEDS, "hunan-2020.xlsx");
const GAOYAN_SHEET = "博士后、高研班工作经费";

let tmp: string;
beforeAll(() => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-state-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

let counter = 0;
function tmpFile(name: string): string {
  return path.join(tmp, `${++counter}-${name}`);
}

function writeJson(name: string, doc: unknown): string {
  const file = tmpFile(name);
  fs.writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc));
  return file;
}

/** A copy of `source` with a very hidden "_selfeval" sheet holding `state` (as the task pane writes it). */
async function withState(source: string, state: Partial<WorkbookState>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  const ws = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
  encodeState({ ...emptyState(), ...state }).forEach((row, i) => {
    ws.getCell(i + 1, 1).value = row[0];
  });
  const out = tmpFile(path.basename(source));
  await wb.xlsx.writeFile(out);
  return out;
}

function suppression(
  code: string,
  sheet: string,
  cell: string | null,
  reason: string
): Suppression {
  return { code: code as FindingCode, sheet, cell, reason, at: "2025-03-01T08:00:00.000Z" };
}

async function checkJson(args: string[], env: Record<string, string> = {}) {
  const r = await runCli(["check", "--json", ...args], undefined, env);
  return { ...r, report: JSON.parse(r.stdout) as JsonReport };
}

function allFindings(report: JsonReport) {
  return report.files.flatMap((f) =>
    f.sheets.flatMap((s) =>
      s.tables.flatMap((t) => t.findings.map((x) => ({ sheet: s.name, ...x })))
    )
  );
}

function allIgnored(report: JsonReport) {
  return report.files.flatMap((f) =>
    f.sheets.flatMap((s) =>
      s.tables.flatMap((t) => t.ignored.map((x) => ({ sheet: s.name, ...x })))
    )
  );
}

function codes(report: JsonReport): string[] {
  return allFindings(report).map((x) => x.code);
}

/**
 * WEIGHT_TOTAL_MISMATCH has two forms: the weights do not add up to expectedTotalWeight ("分值合计应为
 * …"), and the total row states another 分值 ("总分行的分值应为 …"). hunan-2020's weights add up
 * to 110 while its total rows say 100, so with expectedTotalWeight 110 the first form goes and the
 * second comes: no value of the setting clears both.
 */
function weightSumErrors(report: JsonReport) {
  // Indicators weighted 100 beside a funding 分值 of 10 are one SCORE_BASIS_MISMATCH (the root cause).
  return allFindings(report).filter(
    (x) =>
      x.code === "SCORE_BASIS_MISMATCH" ||
      (x.code === "WEIGHT_TOTAL_MISMATCH" && x.message.startsWith("分值合计应为"))
  );
}

function statedTotalWeightErrors(report: JsonReport) {
  return allFindings(report).filter(
    (x) => x.code === "WEIGHT_TOTAL_MISMATCH" && x.message.startsWith("总分行的分值应为")
  );
}

function stderrLines(r: RunResult): string[] {
  return r.stderr.split("\n").filter((l) => l.trim() !== "");
}

// ---------------------------------------------------------------------------------------------

describe("ignored findings", () => {
  let original: JsonReport;
  let errors: ReturnType<typeof allFindings>;
  let file: string;
  beforeAll(async () => {
    const r = await checkJson([BEIJING]);
    expect(r.code).toBe(1);
    original = r.report;
    errors = allFindings(original).filter((x) => x.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    file = await withState(BEIJING, {
      suppressions: errors.map((x) =>
        suppression(x.code, x.sheet, x.cell, `已核实：${x.code} ${x.cell ?? ""}`)
      ),
    });
  });

  it.each([
    ["fast reader", {}],
    ["ExcelJS reader", { SELFEVAL_READER: "exceljs" }],
  ])(
    "leaves them out of the findings and the exit code, and lists them with their reason (%s)",
    async (_name, env) => {
      const r = await checkJson([file], env);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(allFindings(r.report).filter((x) => x.severity === "error")).toEqual([]);
      const ignored = allIgnored(r.report);
      expect(ignored).toHaveLength(errors.length);
      for (const x of ignored) {
        expect(Object.keys(x)).toEqual([
          "sheet",
          "code",
          "severity",
          "cell",
          "row",
          "message",
          "messageId",
          "data",
          "reason",
        ]);
        expect(x.reason).toBe(`已核实：${x.code} ${x.cell ?? ""}`);
      }
      const key = (x: { sheet: string; code: string; cell: string | null }) =>
        `${x.sheet}|${x.code}|${x.cell}`;
      expect(ignored.map(key).sort()).toEqual(errors.map(key).sort());
      // Warnings and hints stay where they were.
      expect(allFindings(r.report).length).toBe(allFindings(original).length - errors.length);
    }
  );

  it("shows them under 已忽略 in the text report, and counts them apart", async () => {
    const r = await runCli(["check", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("规则集：默认");
    expect(r.stdout).toMatch(/已忽略 \d+ 条：/);
    const e = errors[0];
    expect(r.stdout).toContain(`（忽略理由：已核实：${e.code} ${e.cell ?? ""}）`);
    expect(r.stdout).toMatch(new RegExp(`错误 0，警告 \\d+，提示 \\d+；已忽略 ${errors.length}`));
    const en = await runCli(["check", "--lang", "en", file]);
    expect(en.stdout).toMatch(/Ignored \(\d+\):/);
    expect(en.stdout).toContain(`(reason: 已核实：${e.code}`);
    expect(en.stdout).toContain(`0 errors`);
  });

  it("are honoured with --sheet too (the state sheet is read all the same)", async () => {
    const e = errors[0];
    const r = await checkJson(["--sheet", e.sheet, file]);
    expect(r.report.files[0].sheets.map((s) => s.name)).toEqual([e.sheet]);
    expect(allFindings(r.report).filter((x) => x.severity === "error")).toEqual([]);
    expect(allIgnored(r.report).length).toBe(errors.filter((x) => x.sheet === e.sheet).length);
  });

  it("only matches the same code, sheet and cell", async () => {
    const e = errors[0];
    const other = await withState(BEIJING, {
      suppressions: [
        suppression(e.code, "另一张表", e.cell, "别的表"),
        suppression("RATE_MISMATCH", e.sheet, e.cell, "别的问题"),
      ],
    });
    const r = await checkJson([other]);
    expect(r.code).toBe(1);
    expect(allIgnored(r.report)).toEqual([]);
    expect(codes(r.report)).toEqual(codes(original));
  });

  it("fill does not highlight an ignored deviation", async () => {
    const unexplained = new Set([
      "DEVIATION_UNEXPLAINED",
      "TARGET_MISSED_FULL_SCORE",
      "OVERACHIEVEMENT_UNEXPLAINED",
    ]);
    const deviations = allFindings(original).filter((x) => unexplained.has(x.code));
    expect(deviations.length).toBeGreaterThan(1);
    const first = deviations[0];
    const sameRow = deviations.filter((x) => x.sheet === first.sheet && x.row === first.row);
    const withIgnored = await withState(BEIJING, {
      suppressions: sameRow.map((x) => suppression(x.code, x.sheet, x.cell, "已在说明中解释")),
    });

    const plainOut = tmpFile("plain.xlsx");
    const ignoredOut = tmpFile("ignored.xlsx");
    const a = await runCli(["fill", BEIJING, "-o", plainOut]);
    const b = await runCli(["fill", withIgnored, "-o", ignoredOut]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const marked = (s: string) => Number(/标注 (\d+) 个单元格/.exec(s)?.[1] ?? 0);
    expect(marked(b.stdout)).toBe(marked(a.stdout) - 1);
    // The ignored row is not among the findings left for a person either.
    expect(b.stdout).not.toContain(`${first.cell}  ${first.message}`);

    // The explanation cell of that row: coloured in the plain fill, untouched in the other.
    const table = seedIndex().tables.find(
      (t) => t.workbook === "beijing-2023.xlsx" && t.sheet === first.sheet
    )!;
    const address = `${table.columns.explanation}${first.row}`;
    const fillOf = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      const cell = wb.getWorksheet(first.sheet)!.getCell(address);
      return {
        fill: (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb,
        note: !!cell.note,
      };
    };
    expect(await fillOf(plainOut)).toEqual({ fill: "FFFFE699", note: true });
    expect((await fillOf(ignoredOut)).note).toBe(false);
    expect((await fillOf(ignoredOut)).fill).not.toBe("FFFFE699");

    // The state sheet goes along into the output, still very hidden.
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(ignoredOut);
    expect(out.getWorksheet(STATE_SHEET)?.state).toBe("veryHidden");
  });

  it("an unreadable state sheet is a warning, and the check goes on without it", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(BEIJING);
    const ws = wb.addWorksheet(STATE_SHEET, { state: "veryHidden" });
    ws.getCell("A1").value = "selfeval-state v1";
    ws.getCell("A2").value = "{ not json";
    const broken = tmpFile("broken-state.xlsx");
    await wb.xlsx.writeFile(broken);
    const r = await checkJson([broken]);
    expect(r.code).toBe(1);
    expect(codes(r.report)).toEqual(codes(original));
    const lines = stderrLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("_selfeval");
    expect(lines[0]).toContain(broken);
  });
});

// ---------------------------------------------------------------------------------------------

describe("rule sets", () => {
  it("--rules overrides the defaults: with expectedTotalWeight 110 hunan-2020's weights (10 + 100) add up", async () => {
    const plain = await checkJson([HUNAN]);
    expect(weightSumErrors(plain.report)).toHaveLength(6);
    expect(statedTotalWeightErrors(plain.report)).toEqual([]);
    const rules = writeJson("rules.json", { expectedTotalWeight: 110 });
    const r = await checkJson(["--rules", rules, HUNAN]);
    expect(r.stderr).toBe("");
    expect(weightSumErrors(r.report)).toEqual([]);
    // …and the total rows, which say 100, are now the ones off (same cells).
    const moved = statedTotalWeightErrors(r.report);
    expect(moved.map((x) => `${x.sheet}!${x.cell}`)).toEqual(
      weightSumErrors(plain.report).map((x) => `${x.sheet}!${x.cell}`)
    );
    for (const x of moved) expect(x.message).toContain("应为 110");
    const text = await runCli(["check", "--rules", rules, HUNAN]);
    expect(text.stdout).toContain(`规则集：文件 ${rules}`);
    const en = await runCli(["check", "--lang", "en", "--rules", rules, HUNAN]);
    expect(en.stdout).toContain(`Rule set: file ${rules}`);
  });

  it("a malformed --rules file is a one-line warning with the zod path; the defaults stay", async () => {
    const plain = await checkJson([HUNAN]);
    const bad = writeJson("bad.json", { expectedTotalWeight: "110" });
    const r = await checkJson(["--rules", bad, HUNAN]);
    expect(r.code).toBe(plain.code);
    expect(codes(r.report)).toEqual(codes(plain.report));
    const lines = stderrLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("警告");
    expect(lines[0]).toContain(bad);
    expect(lines[0]).toContain("expectedTotalWeight");

    const nested = writeJson("nested.json", {
      gradeBands: [
        { min: 90, label: "优" },
        { min: "x", label: "良" },
      ],
    });
    const n = await runCli(["check", "--lang", "en", "--rules", nested, HUNAN]);
    expect(stderrLines(n)).toHaveLength(1);
    expect(n.stderr).toContain("gradeBands.1.min");
    expect(n.stdout).toContain("Rule set: defaults");

    const notJson = writeJson("not.json", "{ expectedTotalWeight: 110");
    const j = await runCli(["check", "--rules", notJson, HUNAN]);
    expect(j.code).toBe(plain.code);
    expect(stderrLines(j)).toHaveLength(1);
    expect(j.stderr).toContain("JSON");
  });

  it("a missing or unreadable --rules file is a usage error (exit 2)", async () => {
    for (const args of [
      ["check", "--rules", path.join(tmp, "missing.json"), HUNAN],
      ["check", "--rules", tmp, HUNAN],
      ["fill", "--rules", path.join(tmp, "missing.json"), HUNAN, "-o", tmpFile("x.xlsx")],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(stderrLines(r)).toHaveLength(1);
      expect(r.stderr).toContain("selfeval --help");
    }
  });

  it("uses the rule set embedded in the workbook, and --rules goes over it", async () => {
    const embedded = await withState(HUNAN, { rules: { expectedTotalWeight: 110 } });
    const r = await checkJson([embedded]);
    expect(r.stderr).toBe("");
    expect(weightSumErrors(r.report)).toEqual([]);
    expect(statedTotalWeightErrors(r.report)).toHaveLength(6);
    const text = await runCli(["check", embedded]);
    expect(text.stdout).toContain("规则集：工作簿内嵌");

    // The file's keys win; what it leaves out keeps the embedded value.
    const back = writeJson("back.json", { expectedTotalWeight: 100 });
    const o = await checkJson(["--rules", back, embedded]);
    expect(weightSumErrors(o.report)).toHaveLength(6);
    expect(statedTotalWeightErrors(o.report)).toEqual([]);
    const scoring = writeJson("scoring.json", { indicatorScoring: { enabled: true } });
    const s = await runCli(["check", "--rules", scoring, embedded]);
    expect(s.stdout).toContain(`规则集：文件 ${scoring}（叠加于工作簿内嵌规则集之上）`);
    expect(s.stdout).not.toContain("分值合计应为 100");

    // A malformed file leaves the embedded rule set in force.
    const bad = writeJson("bad2.json", { expectedTotalWeight: -1 });
    const k = await checkJson(["--rules", bad, embedded]);
    expect(stderrLines(k)).toHaveLength(1);
    expect(k.stderr).toContain("expectedTotalWeight");
    expect(weightSumErrors(k.report)).toEqual([]);
  });

  it("a malformed embedded rule set is a warning with its path; the defaults stay", async () => {
    const embedded = await withState(HUNAN, {
      rules: { gradeBands: [{ min: "高", label: "优" }] },
    });
    const plain = await checkJson([HUNAN]);
    const r = await checkJson([embedded]);
    expect(r.code).toBe(plain.code);
    expect(codes(r.report)).toEqual(codes(plain.report));
    const lines = stderrLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(embedded);
    expect(lines[0]).toContain("gradeBands.0.min");
    const text = await runCli(["check", embedded]);
    expect(text.stdout).toContain("规则集：默认");
  });
});

// ---------------------------------------------------------------------------------------------

describe("fill --apply-suggested-scores", () => {
  /** The 得分 cell of the 举办高研班数量 row, found by its label in the sheet. */
  async function gaoyanScore(file: string): Promise<{ address: string; value: unknown }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(GAOYAN_SHEET)!;
    const table = seedIndex().tables.find(
      (t) => t.workbook === "beijing-2023.xlsx" && t.sheet === GAOYAN_SHEET
    )!;
    let row = 0;
    ws.eachRow((r, n) => {
      r.eachCell((c) => {
        if (typeof c.value === "string" && c.value.includes("高研班数量")) row = n;
      });
    });
    expect(row).toBeGreaterThan(0);
    const address = `${table.columns.indicatorScore}${row}`;
    const v = ws.getCell(address).value;
    return { address, value: v };
  }

  it("writes the policy's score (6.67 for 举办高研班数量, 2 of 3 held) when a rules file turns the policy on", async () => {
    expect((await gaoyanScore(BEIJING)).value).toBe(7);
    const rules = writeJson("policy.json", { indicatorScoring: { enabled: true } });
    const out = tmpFile("suggested.xlsx");
    const r = await runCli([
      "fill",
      BEIJING,
      "-o",
      out,
      "--rules",
      rules,
      "--apply-suggested-scores",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`规则集：文件 ${rules}`);
    expect(r.stdout).toMatch(/建议得分: [1-9]\d*/);
    expect((await gaoyanScore(out)).value).toBe(6.67);

    // The total is planned with the new scores in: no mismatch left on that table, and the
    // policy has nothing more to say.
    const c = await checkJson(["--rules", rules, "--sheet", GAOYAN_SHEET, out]);
    const t = c.report.files[0].sheets[0].tables[0];
    expect(t.total.statedScore).toBeCloseTo(96.67, 6);
    expect(t.total.computedScore).toBeCloseTo(96.67, 6);
    expect(t.findings.map((x) => x.code)).not.toContain("SCORE_POLICY_MISMATCH");
    expect(t.findings.map((x) => x.code)).not.toContain("TOTAL_SCORE_MISMATCH");

    // A second run writes no further suggested score.
    const again = await runCli([
      "fill",
      out,
      "-o",
      tmpFile("again.xlsx"),
      "--rules",
      rules,
      "--apply-suggested-scores",
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("建议得分");

    // The English summary names the purpose too.
    const en = await runCli([
      "fill",
      BEIJING,
      "-o",
      tmpFile("en.xlsx"),
      "--rules",
      rules,
      "--apply-suggested-scores",
      "--lang",
      "en",
    ]);
    expect(en.stdout).toMatch(/suggested score: [1-9]\d*/);
  });

  it("uses the policy of the embedded rule set, and leaves a score whose mismatch was ignored", async () => {
    const embedded = await withState(BEIJING, { rules: { indicatorScoring: { enabled: true } } });
    const out = tmpFile("embedded.xlsx");
    const r = await runCli(["fill", embedded, "-o", out, "--apply-suggested-scores"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("规则集：工作簿内嵌");
    expect((await gaoyanScore(out)).value).toBe(6.67);

    const { address } = await gaoyanScore(BEIJING);
    const kept = await withState(BEIJING, {
      rules: { indicatorScoring: { enabled: true } },
      suppressions: [
        suppression("SCORE_POLICY_MISMATCH", GAOYAN_SHEET, address, "按办班场次折算，维持 7 分"),
      ],
    });
    const out2 = tmpFile("kept.xlsx");
    const k = await runCli(["fill", kept, "-o", out2, "--apply-suggested-scores"]);
    expect(k.code).toBe(0);
    expect((await gaoyanScore(out2)).value).toBe(7);
  });

  it("says the policy is off (and how to turn it on) when the rule set does not enable it", async () => {
    const out = tmpFile("off.xlsx");
    const r = await runCli(["fill", BEIJING, "-o", out, "--apply-suggested-scores"]);
    expect(r.code).toBe(0);
    const lines = stderrLines(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("评分规则未开启");
    expect(lines[0]).toContain('{"indicatorScoring": {"enabled": true}}');
    expect(lines[0]).toContain("--rules");
    expect(r.stdout).not.toContain("建议得分");
    expect((await gaoyanScore(out)).value).toBe(7);
    const en = await runCli([
      "fill",
      BEIJING,
      "-o",
      tmpFile("off-en.xlsx"),
      "--apply-suggested-scores",
      "--lang",
      "en",
    ]);
    expect(en.stderr).toContain("the scoring policy is off");
  });

  it("is a usage error on check", async () => {
    const r = await runCli(["check", "--apply-suggested-scores", BEIJING]);
    expect(r.code).toBe(2);
  });
});
