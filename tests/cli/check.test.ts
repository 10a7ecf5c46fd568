/**
 * `selfeval check`, end to end: the seed workbooks against seeds/seed-index.json, the foreign
 * workbooks (no table anywhere, one unreadable file), exit codes and usage errors.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { JsonReport } from "../../src/cli/report-json";
import {
  ensureCliBuilt,
  FOREIGN,
  foreignFiles,
  LOCKFILE_NAME,
  runCli,
  SEEDS,
  seedFiles,
  seedIndex,
} from "./harness";

jest.setTimeout(180_000);

let tmp: string;
beforeAll(() => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-check-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function tablesOf(report: JsonReport) {
  const out: { workbook: string; sheet: string; range: string; projectName: string | null }[] = [];
  for (const f of report.files) {
    for (const s of f.sheets)
      for (const t of s.tables)
        out.push({
          workbook: path.basename(f.file),
          sheet: s.name,
          range: t.range,
          projectName: t.projectName,
        });
  }
  return out;
}

describe("check on the seed workbooks", () => {
  let report: JsonReport;
  let code: number;
  beforeAll(async () => {
    const r = await runCli(["check", "--json", ...seedFiles()]);
    code = r.code;
    report = JSON.parse(r.stdout);
  });

  it("finds every table of the seed index, with its range and project name, and nothing else", () => {
    const index = seedIndex();
    expect(index.tables.length).toBeGreaterThan(0);
    const found = tablesOf(report);
    const key = (t: { workbook: string; sheet: string; range: string }) =>
      `${t.workbook}|${t.sheet}|${t.range}`;
    expect(found.map(key).sort()).toEqual(index.tables.map(key).sort());
    for (const t of index.tables) {
      const f = found.find((x) => key(x) === key(t))!;
      expect({ id: t.id, projectName: f.projectName }).toEqual({
        id: t.id,
        projectName: t.projectName,
      });
    }
  });

  it("prints the documented JSON shape", () => {
    expect(report.version).toBe(1);
    expect(Object.keys(report)).toEqual(["version", "files"]);
    for (const f of report.files) {
      expect(Object.keys(f)).toEqual(["file", "sheets"]);
      for (const s of f.sheets) {
        expect(Object.keys(s)).toEqual(["name", "findings", "tables"]);
        for (const t of s.tables) {
          expect(Object.keys(t)).toEqual([
            "range",
            "family",
            "unit",
            "projectName",
            "funding",
            "indicators",
            "total",
            "findings",
            "ignored",
          ]);
          expect(t.ignored).toEqual([]);
          expect(["national", "hunan"]).toContain(t.family);
          expect(t.unit).toBe("万元");
          expect(Object.keys(t.funding)).toEqual([
            "budget",
            "executed",
            "rate",
            "statedRate",
            "weight",
            "score",
            "statedScore",
          ]);
          expect(Object.keys(t.total)).toEqual(["weight", "statedScore", "computedScore"]);
          expect(t.indicators.length).toBeGreaterThan(0);
          for (const i of t.indicators) {
            expect(Object.keys(i)).toEqual([
              "row",
              "level1",
              "level2",
              "level3",
              "target",
              "actual",
              "weight",
              "score",
              "explanation",
              "deviation",
            ]);
          }
          for (const x of t.findings) {
            expect(Object.keys(x)).toEqual([
              "code",
              "severity",
              "cell",
              "row",
              "message",
              "messageId",
              "data",
            ]);
            expect(["error", "warning", "info"]).toContain(x.severity);
          }
        }
      }
    }
  });

  it("reports indicator rows inside the table, matching the seed index", () => {
    const index = seedIndex();
    for (const f of report.files) {
      for (const s of f.sheets) {
        for (const t of s.tables) {
          const truth = index.tables.find(
            (x) => x.workbook === path.basename(f.file) && x.sheet === s.name && x.range === t.range
          )!;
          const rows = t.indicators.map((i) => i.row);
          expect({ id: truth.id, first: rows[0], last: rows[rows.length - 1] }).toEqual({
            id: truth.id,
            first: truth.indicatorRows[0],
            last: truth.indicatorRows[1],
          });
        }
      }
    }
  });

  it("exits 1 because the seeds hold real errors (e.g. 001's stated 总分 96.7 with every row at full marks)", () => {
    const anyError = report.files.some((f) =>
      f.sheets.some((s) => s.tables.some((t) => t.findings.some((x) => x.severity === "error")))
    );
    expect(anyError).toBe(true);
    expect(code).toBe(1);
  });

  it("walks a folder for .xlsx files, sorted, and gives messages in the chosen language", async () => {
    const zh = await runCli(["check", "--json", SEEDS]);
    const en = await runCli(["check", "--json", "--lang", "en", SEEDS]);
    const a = JSON.parse(zh.stdout) as JsonReport;
    const b = JSON.parse(en.stdout) as JsonReport;
    const files = a.files.map((f) => path.basename(f.file));
    expect(files).toEqual([...files].sort());
    expect(files).toEqual(seedFiles().map((f) => path.basename(f)));
    const msgs = (r: JsonReport) =>
      r.files.flatMap((f) =>
        f.sheets.flatMap((s) => s.tables.flatMap((t) => t.findings.map((x) => x.message)))
      );
    expect(msgs(a).length).toBe(msgs(b).length);
    expect(msgs(a).some((m) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
    // English messages may quote Chinese labels, but the sentence itself is English.
    expect(msgs(b).every((m) => /[A-Za-z]{3,}/.test(m))).toBe(true);
  });

  it("prints a readable text report: tables, project names, findings and a summary per file", async () => {
    const r = await runCli(["check", seedFiles()[0]]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("项目名称：");
    expect(r.stdout).toMatch(/✖ 错误 {2}[A-Z]+\d+ /);
    expect(r.stdout).toMatch(/小结：\d+ 张自评表；错误 \d+，警告 \d+，提示 \d+/);
    const en = await runCli(["check", "--lang", "en", seedFiles()[0]]);
    expect(en.stdout).toMatch(/Summary: \d+ tables?; \d+ errors, \d+ warnings, \d+ info/);
  });

  it("checks a single sheet with --sheet, and exits 2 when it does not exist", async () => {
    const t = seedIndex().tables[0];
    const r = await runCli(["check", "--json", "--sheet", t.sheet, path.join(SEEDS, t.workbook)]);
    const rep = JSON.parse(r.stdout) as JsonReport;
    expect(rep.files[0].sheets.map((s) => s.name)).toEqual([t.sheet]);
    const bad = await runCli([
      "check",
      "--json",
      "--sheet",
      "没有这个表",
      path.join(SEEDS, t.workbook),
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).files[0].error).toContain("没有这个表");
  });
});

describe("check on the foreign workbooks", () => {
  let r: Awaited<ReturnType<typeof runCli>>;
  let report: JsonReport;
  beforeAll(async () => {
    r = await runCli(["check", "--json", ...foreignFiles()]);
    report = JSON.parse(r.stdout);
  });

  it("gives every file an entry, in order, even after the unreadable one", () => {
    expect(report.files.map((f) => f.file)).toEqual(foreignFiles());
    expect(report.files.length).toBeGreaterThan(30);
  });

  it("finds no table anywhere and reports no finding beyond 'no table on this sheet'", () => {
    for (const f of report.files) {
      if (path.basename(f.file) === LOCKFILE_NAME) continue;
      expect({ file: f.file, error: f.error }).toEqual({ file: f.file, error: undefined });
      expect(f.sheets.length).toBeGreaterThan(0);
      for (const s of f.sheets) {
        expect(s.tables).toEqual([]);
        expect(s.findings.map((x) => x.code)).toEqual(["TABLE_NOT_FOUND"]);
      }
    }
  });

  it("says in one line that the lock file is not a workbook, and exits 2", () => {
    const lock = report.files.find((f) => path.basename(f.file) === LOCKFILE_NAME)!;
    expect(lock).toEqual({
      file: path.join(FOREIGN, LOCKFILE_NAME),
      error: "不是有效的 .xlsx 文件（无法解压）",
      sheets: [],
    });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(LOCKFILE_NAME);
    expect(lines[0]).toContain("不是有效的 .xlsx 文件（无法解压）");
  });

  it("walks the folder the same way, and the text report still covers the readable files", async () => {
    const t = await runCli(["check", "--lang", "en", FOREIGN]);
    expect(t.code).toBe(2);
    // The corpus's README.md is not a workbook: named in one line for the folder, not checked.
    expect(t.stderr.trim().split("\n")).toEqual([
      `selfeval: folder ${FOREIGN}: 1 other file is not a workbook, not checked (README.md)`,
      `selfeval: ${path.join(FOREIGN, LOCKFILE_NAME)}: cannot read: not a valid .xlsx file (cannot unzip)`,
    ]);
    for (const f of foreignFiles())
      if (path.basename(f) !== LOCKFILE_NAME) expect(t.stdout).toContain(`File: ${f}`);
    expect(t.stdout).toMatch(
      /Total: \d+ files, 0 tables; 0 errors, 0 warnings, 0 info; 1 unreadable/
    );
  });
});

describe("exit codes", () => {
  async function cleanWorkbook(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "hello";
    const file = path.join(tmp, "clean.xlsx");
    await wb.xlsx.writeFile(file);
    return file;
  }

  it("0 when nothing is wrong", async () => {
    const r = await runCli(["check", await cleanWorkbook()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("未找到自评表");
  });

  it("2 wins over 1: an error finding and an unreadable file together", async () => {
    const r = await runCli(["check", "--json", seedFiles()[0], path.join(FOREIGN, LOCKFILE_NAME)]);
    expect(r.code).toBe(2);
    const rep = JSON.parse(r.stdout) as JsonReport;
    expect(rep.files).toHaveLength(2);
    expect(rep.files[0].sheets.length).toBeGreaterThan(0);
  });

  it("2 for a missing file, and the other files are still checked", async () => {
    const r = await runCli([
      "check",
      "--json",
      path.join(tmp, "missing.xlsx"),
      await cleanWorkbook(),
    ]);
    expect(r.code).toBe(2);
    const rep = JSON.parse(r.stdout) as JsonReport;
    expect(rep.files[0]).toEqual({
      file: path.join(tmp, "missing.xlsx"),
      error: "文件不存在",
      sheets: [],
    });
    expect(rep.files[1].sheets).toHaveLength(1);
  });

  it.each([
    [[]],
    [["check"]],
    [["frobnicate", "x.xlsx"]],
    [["check", "--bogus", "x.xlsx"]],
    [["check", "--lang", "fr", "x.xlsx"]],
    [["check", "--sheet"]],
    [["check", "--format", "xlsx", "x.xlsx"]],
    [["check", "--format", "pdf", "x.xlsx"]],
    [["fill", "x.xlsx"]],
    [["fill", "-o", "y.xlsx"]],
    [["fill", "a.xlsx", "b.xlsx", "-o", "y.xlsx"]],
    [["fill", "--json", "a.xlsx", "-o", "y.xlsx"]],
    [["check", "--variant", "hunan", "x.xlsx"]],
    [["check", "--apply-suggested-scores", "x.xlsx"]],
    [["check", "--rules"]],
    [["template"]],
    [["template", "blank.xlsx"]],
    [["template", "-o", "blank.xlsx", "--json"]],
  ])("2 with a one-line reason on a usage error: %j", async (args) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("selfeval --help");
  });

  it("--help prints the usage and exits 0, in either language", async () => {
    const zh = await runCli(["--help"]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("selfeval check <文件.xlsx|文件夹>");
    expect(zh.stdout).toContain("selfeval fill <输入.xlsx> -o <输出.xlsx>");
    expect(zh.stdout).toContain("selfeval template -o <空白表.xlsx>");
    for (const opt of ["--rules", "--apply-suggested-scores", "--variant", "--projects", "--year"])
      expect(zh.stdout).toContain(opt);
    const en = await runCli(["check", "--help", "--lang", "en"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("selfeval check <file.xlsx|folder>...");
    expect(en.stdout).toContain("selfeval fill <in.xlsx> -o <out.xlsx>");
    expect(en.stdout).toContain("selfeval template -o <blank.xlsx>");
  });
});
