/**
 * `selfeval template`, end to end: a blank workbook per variant that `check` reads back as one
 * table per project with only MISSING_FIELD findings, the embedded rule set, refusals and errors.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { JsonReport } from "../../src/cli/report-json";
import { decodeState } from "../../src/engine/state/codec";
import { STATE_SHEET } from "../../src/engine/state/schema";
import { ensureCliBuilt, runCli, sha256 } from "./harness";

jest.setTimeout(300_000);

let tmp: string;
beforeAll(() => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-template-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The rule set embedded in a workbook's "_selfeval" sheet, and that sheet's visibility. */
async function embeddedState(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(STATE_SHEET)!;
  const column: unknown[] = [];
  for (let r = 1; r <= ws.rowCount; r++) column.push(ws.getCell(r, 1).value);
  const decoded = decodeState(column);
  expect(decoded.ok).toBe(true);
  return { visibility: ws.state, rules: decoded.state.rules as Record<string, unknown> };
}

describe.each([
  ["beijing", 2, "2024"],
  ["hunan", 3, "2025"],
])("template --variant %s", (variant, projects, year) => {
  const file = () => path.join(tmp, `${variant}.xlsx`);
  let created: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    created = await runCli([
      "template",
      "-o",
      file(),
      "--variant",
      variant,
      "--projects",
      String(projects),
      "--year",
      year,
    ]);
  });

  it("writes the file and says which file and sheets", () => {
    expect(created.code).toBe(0);
    expect(created.stderr).toBe("");
    expect(fs.existsSync(file())).toBe(true);
    expect(created.stdout).toContain(file());
    expect(created.stdout).toContain(`${year} 年度`);
    expect(created.stdout).toContain(`${projects} 张工作表`);
    for (let i = 1; i <= projects; i++) expect(created.stdout).toContain(`项目${i}`);
    expect(created.stdout).toContain(variant === "hunan" ? "湖南预设规则集" : "北京预设规则集");
  });

  it("reads back as one table per project with only MISSING_FIELD findings", async () => {
    const r = await runCli(["check", "--json", file()]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    const sheets = report.files[0].sheets;
    expect(sheets.map((s) => s.name)).toEqual(
      Array.from({ length: projects }, (_, i) => `项目${i + 1}`)
    );
    for (const s of sheets) {
      expect(s.tables).toHaveLength(1);
      const codes = new Set(s.tables[0].findings.map((x) => x.code));
      expect([...codes]).toEqual(["MISSING_FIELD"]);
    }
    const text = await runCli(["check", file()]);
    expect(text.stdout).toContain("规则集：工作簿内嵌");
  });

  it("embeds the variant's preset in a very hidden state sheet", async () => {
    const { visibility, rules } = await embeddedState(file());
    expect(visibility).toBe("veryHidden");
    expect(rules.preset).toBe(variant);
  });

  it("refuses to overwrite without --force, and overwrites with it", async () => {
    const before = sha256(file());
    const r = await runCli(["template", "-o", file(), "--variant", variant]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("--force");
    expect(sha256(file())).toBe(before);
    const f = await runCli(["template", "-o", file(), "--variant", variant, "--force"]);
    expect(f.code).toBe(0);
    expect(fs.existsSync(file())).toBe(true);
  });
});

describe("template options", () => {
  it("defaults to beijing, one project and the current year", async () => {
    const out = path.join(tmp, "defaults.xlsx");
    const r = await runCli(["template", "-o", out, "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Wrote ${out}: Beijing layout, year ${new Date().getFullYear()}, 1 sheet (项目1)`
    );
    const { rules } = await embeddedState(out);
    expect(rules.preset).toBe("beijing");
  });

  it("embeds the --rules file's rule set", async () => {
    const rulesFile = path.join(tmp, "policy.json");
    fs.writeFileSync(rulesFile, JSON.stringify({ indicatorScoring: { enabled: true } }));
    const out = path.join(tmp, "with-rules.xlsx");
    const r = await runCli(["template", "-o", out, "--rules", rulesFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`规则集文件 ${rulesFile}`);
    const { rules } = await embeddedState(out);
    expect((rules.indicatorScoring as { enabled: boolean }).enabled).toBe(true);
  });

  it.each([
    [["--projects", "0"], "项目数"],
    [["--projects", "abc"], "项目数"],
    [["--projects", "501"], "项目数"],
    [["--variant", "shanghai"], "shanghai"],
    [["--year", "99"], "年度"],
  ])("exits 2 with a one-line reason and writes nothing: %j", async (args, says) => {
    const out = path.join(tmp, `bad-${args.join("")}.xlsx`);
    const r = await runCli(["template", "-o", out, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(says);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses a malformed --rules file (exit 2, its path named) and writes nothing", async () => {
    const bad = path.join(tmp, "bad-rules.json");
    fs.writeFileSync(bad, JSON.stringify({ fundingRateCap: "1" }));
    const out = path.join(tmp, "bad-rules.xlsx");
    const r = await runCli(["template", "-o", out, "--rules", bad, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("fundingRateCap");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("is a usage error without -o or with a file operand", async () => {
    for (const args of [
      ["template"],
      ["template", "blank.xlsx"],
      ["template", "-o", "x.xlsx", "--sheet", "a"],
    ]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("selfeval --help");
    }
  });
});

describe.each([
  ["sichuan-yitihua", "预算管理一体化（四川 0013zp）", "万元"],
  ["yunnan-public", "云南公开表（公开14表）", "元"],
])("template --family %s", (family, name, unit) => {
  const file = () => path.join(tmp, `family-${family}.xlsx`);
  let created: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    created = await runCli(["template", "-o", file(), "--family", family, "--projects", "2"]);
  });

  it("writes the family's blank table and names the family", () => {
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`${name}格式`);
    expect(created.stdout).toContain("北京预设规则集");
  });

  it("reads back as that family, with its unit and only MISSING_FIELD findings; fill plans nothing", async () => {
    const r = await runCli(["check", "--json", file()]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    for (const s of report.files[0].sheets) {
      expect(s.tables).toHaveLength(1);
      const t = s.tables[0] as unknown as {
        family: string;
        unit: string;
        findings: { code: string }[];
      };
      expect([t.family, t.unit]).toEqual([family, unit]);
      expect([...new Set(t.findings.map((x) => x.code))]).toEqual(["MISSING_FIELD"]);
    }
    const fill = await runCli(["fill", file(), "--dry-run", "--json"]);
    expect(fill.code).toBe(0);
    expect((JSON.parse(fill.stdout) as { writes: unknown[] }).writes).toEqual([]);
  });
});

it.each([
  [["--family", "nope"], "nope"],
  [["--family", "weighted", "--lang", "en"], "has no standard blank table"],
])("template %j exits 2 with a one-line reason and writes nothing", async (args, says) => {
  const out = path.join(tmp, `bad-family-${args[1]}.xlsx`);
  const r = await runCli(["template", "-o", out, ...args]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toContain(says);
  expect(fs.existsSync(out)).toBe(false);
});
