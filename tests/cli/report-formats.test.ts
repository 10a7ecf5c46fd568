/**
 * `check --format …` on a folder (the three seed workbooks, a copy, and a workbook whose cell text
 * and file name hold terminal escapes): every format says the same thing, and control characters
 * never reach a text output raw.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { JsonReport } from "../../src/cli/report-json";
import { ensureCliBuilt, runCli, seedFiles, seedIndex } from "./harness";

jest.setTimeout(300_000);

const EVIL = "\u001b[2J\u001b]0;pwned\u0007\u001b[8m\u202e";
const EVIL_FILE = "ctl\u001b[31m名.xlsx";
let tmp: string;
let dir: string;
let json: JsonReport;
let tables = 0;
let findings = 0;

/** The seed table whose project name gets the escapes (hunan-2020's first table). */
const victim = () =>
  seedIndex().tables.find((t) => t.workbook === "hunan-2020.xlsx" && t.projectName)!;

beforeAll(async () => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-formats-"));
  dir = path.join(tmp, "submissions");
  fs.mkdirSync(dir);
  for (const f of seedFiles()) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  fs.copyFileSync(seedFiles()[0], path.join(dir, "副本 2.xlsx"));
  // The escapes go in as OOXML writes them (_x001B_), straight into the shared strings.
  const v = victim();
  const zip = await JSZip.loadAsync(
    fs.readFileSync(seedFiles().find((f) => f.endsWith("hunan-2020.xlsx"))!)
  );
  const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
  const encoded = EVIL.replace(
    // eslint-disable-next-line no-control-regex -- control characters encoded as OOXML does
    /[\u0000-\u001f]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
  expect(sst).toContain(`>${v.projectName}<`);
  zip.file(
    "xl/sharedStrings.xml",
    sst.replace(`>${v.projectName}<`, `>${v.projectName}${encoded}<`)
  );
  fs.writeFileSync(path.join(dir, EVIL_FILE), await zip.generateAsync({ type: "nodebuffer" }));
  const r = await runCli(["check", "--json", dir]);
  expect(r.code).toBe(1);
  json = JSON.parse(r.stdout) as JsonReport;
  for (const f of json.files)
    for (const s of f.sheets) {
      findings += s.findings.filter((x) => x.code !== "TABLE_NOT_FOUND").length;
      for (const t of s.tables) {
        tables++;
        findings += t.findings.length;
      }
    }
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

// eslint-disable-next-line no-control-regex -- the test looks for raw control characters
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("check --format", () => {
  it("json is --json: the same version 1 document", async () => {
    const r = await runCli(["check", "--format", "json", dir]);
    expect(JSON.parse(r.stdout)).toEqual(json);
    // the escapes come back intact once parsed, and never stand raw in the output
    const names = json.files.flatMap((f) =>
      f.sheets.flatMap((s) => s.tables.map((t) => t.projectName))
    );
    expect(names.some((n) => n?.endsWith(EVIL))).toBe(true);
    expect(json.files.some((f) => f.file.endsWith(EVIL_FILE))).toBe(true);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it("summary: one line per table and a subtotal per file, every line led by its file", async () => {
    const r = await runCli(["check", "--format", "summary", dir]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    const tableLines = lines.filter((l) => / 执行率 /.test(l));
    expect(tableLines).toHaveLength(tables);
    expect(lines.filter((l) => / {2}小计：\d+ 张自评表/.test(l))).toHaveLength(json.files.length);
    expect(lines[lines.length - 1]).toMatch(/^合计：5 个文件/);
    expect(
      tableLines.every((l) =>
        /总分（表中\/计算） [\d.空]+\/[\d.空]+ {2}错误 \d+ {2}警告 \d+$/.test(l)
      )
    ).toBe(true);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain("\\x1b[2J\\x1b]0;pwned\\x07\\x1b[8m\\u202e");
    const en = await runCli(["check", "--format", "summary", "--lang", "en", dir]);
    expect(en.stdout).toMatch(/ Execution rate [\d.]+% {2}Total \(stated\/computed\) /);
  });

  it("text: control characters in cell text and file names are shown escaped; --quiet keeps errors only", async () => {
    const r = await runCli(["check", dir]);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain("ctl\\x1b[31m名.xlsx");
    expect(r.stdout).toContain("pwned\\x07");
    expect(r.stdout).toMatch(/⚠ 警告/);
    const q = await runCli(["check", "--quiet", dir]);
    expect(q.stdout).toMatch(/✖ 错误/);
    expect(q.stdout).not.toMatch(/⚠ 警告/);
    expect(q.code).toBe(1);
  });

  it("--max-warnings: more warnings than N is one line on stderr and exit code 1", async () => {
    const r = await runCli(["check", "--format", "summary", "--max-warnings", "0", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/selfeval: 警告 \d+ 条，超过 --max-warnings 0/);
    const ok = await runCli(["check", "--format", "summary", "--max-warnings", "100000", dir]);
    expect(ok.stderr).not.toMatch(/max-warnings/);
    const bad = await runCli(["check", "--max-warnings", "-1", dir]);
    expect(bad.code).toBe(2);
  });

  it("csv: UTF-8 with a BOM, RFC 4180, one row per finding plus one per table without findings", async () => {
    const out = path.join(tmp, "report.csv");
    const r = await runCli(["check", "--format", "csv", "-o", out, dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(out);
    const buf = fs.readFileSync(out);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString("utf8").slice(1);
    expect(text.replace(/\r\n/g, "")).not.toMatch(RAW_CONTROL);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "文件",
      "工作表",
      "项目名称",
      "表格范围",
      "单元格",
      "问题代码",
      "级别",
      "说明",
    ]);
    const body = rows.slice(1);
    expect(body.every((row) => row.length === 8)).toBe(true);
    const findingRows = body.filter((row) => row[5] !== "");
    expect(findingRows).toHaveLength(findings);
    const clean = body.filter((row) => row[5] === "" && row[7] === "未发现问题");
    const tablesWithFindings = new Set(findingRows.map((row) => `${row[0]}|${row[1]}|${row[3]}`));
    expect(clean.length + tablesWithFindings.size).toBe(tables);
  });

  it("xlsx: 汇总, 问题清单 and 按问题类型 with frozen, filtered headers and number formats", async () => {
    const out = path.join(tmp, "汇总.xlsx");
    const r = await runCli(["check", "--format", "xlsx", "--output-file", out, dir]);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "问题清单", "按问题类型", "文件"]);
    const sum = wb.getWorksheet("汇总")!;
    expect(sum.rowCount).toBe(tables + 1);
    const head = (sum.getRow(1).values as unknown[]).slice(1);
    for (const h of [
      "文件",
      "工作表",
      "项目名称",
      "主管部门",
      "实施单位",
      "全年预算数",
      "全年执行数",
      "执行率",
      "总分（表中）",
      "总分（计算）",
      "等级（表中）",
      "错误",
      "警告",
      "主要问题",
    ])
      expect(head).toContain(h);
    const rateCol = head.indexOf("执行率") + 1;
    expect(sum.getRow(2).getCell(rateCol).numFmt).toBe("0.00%");
    expect(sum.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sum.autoFilter).toBeTruthy();
    const list = wb.getWorksheet("问题清单")!;
    expect(list.rowCount).toBe(findings + 1);
    const sevCell = list.getRow(2).getCell(6);
    expect(["错误", "警告", "提示"]).toContain(sevCell.value);
    expect((sevCell.fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/^FF/);
    const byCode = wb.getWorksheet("按问题类型")!;
    let counted = 0;
    byCode.eachRow((row, n) => {
      if (n > 1) counted += Number(row.getCell(3).value);
    });
    expect(counted).toBe(findings);
    // the escapes are shown, not stored raw
    let raw = false;
    sum.eachRow((row) =>
      row.eachCell((c) => (raw ||= typeof c.value === "string" && RAW_CONTROL.test(c.value)))
    );
    expect(raw).toBe(false);
  });

  it("xlsx needs -o; a report may not overwrite a workbook being checked", async () => {
    const r = await runCli(["check", "--format", "xlsx", dir]);
    expect(r.code).toBe(2);
    const target = path.join(dir, "副本 2.xlsx");
    const before = fs.readFileSync(target);
    const o = await runCli(["check", "--format", "csv", "-o", target, dir]);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain("报告文件不能是被检查的工作簿");
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });

  it("html: one offline file with four SVG charts, a filterable findings table and escaped text", async () => {
    const out = path.join(tmp, "report.html");
    const r = await runCli(["check", "--format", "html", "-o", out, "--lang", "en", dir]);
    expect(r.code).toBe(1);
    const html = fs.readFileSync(out, "utf8");
    expect(html.match(/<svg /g)).toHaveLength(4);
    // nothing is fetched: no script or style source, no link, no URL but the SVG namespaces
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    const urls = html.match(/https?:\/\/[^\s"')<]+/g) ?? [];
    expect(urls.every((u) => u.startsWith("http://www.w3.org/"))).toBe(true);
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(RAW_CONTROL);
    expect(html).toContain("\\x1b[2J");
    expect((html.match(/<tr class="sev-/g) ?? []).length).toBe(findings);
    expect(html).toContain("@page{size:A4");
  });
});
