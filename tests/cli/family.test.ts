/**
 * `selfeval family infer`, end to end: a workbook whose layout no built-in family reads, a drafted
 * family written as a rule set, and `check --rules` with it finding the table (the round trip).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { JsonReport } from "../../src/cli/report-json";
import { ensureCliBuilt, runCli, sha256 } from "./harness";

jest.setTimeout(300_000);

let tmp: string;
let input: string;
beforeAll(async () => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-family-"));
  input = path.join(tmp, "custom.xlsx");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("封面").getCell("A1").value = "说明";
  const ws = wb.addWorksheet("Project A");
  const rows: (string | number | null)[][] = [
    ["项目绩效自评表"],
    ["项目名称", "测试项目"],
    ["主管部门", "某局", null, "实施单位", "某科"],
    ["资金（万元）", null, "年初数", "预算数", "支出数", "权数", "执行比例", "评分"],
    [null, "总计", 10, 10, 9, 10, 0.9, 9],
    [
      "指标",
      "一级指标",
      "二级指标",
      "三级指标",
      "目标值",
      "完成值",
      "权数",
      "评分",
      "说明",
      "复核人",
    ],
    [null, "产出指标", "数量指标", "次数", 3, 2, 50, 45, null],
    [null, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 40, 40, null],
    ["总计得分", null, null, null, null, null, 100, 94, null],
  ];
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v)));
  await wb.xlsx.writeFile(input);
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("selfeval family infer", () => {
  it("writes a draft family that check then reads the table with", async () => {
    const before = sha256(input);
    const check0 = await runCli(["check", input, "--json"]);
    const r0 = JSON.parse(check0.stdout) as JsonReport;
    expect(r0.files[0].sheets.every((s) => s.tables.length === 0)).toBe(true);

    const out = path.join(tmp, "family.json");
    const res = await runCli(["family", "infer", input, "--sheet", "Project A", "-o", out]);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("未能归类的表头：J6 “复核人”");
    expect(res.stdout).toContain("A1:I9");
    const doc = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(doc.families[0]).toMatchObject({ id: "taught-project-a", extends: "national" });
    expect(sha256(input)).toBe(before);

    const check = await runCli(["check", input, "--json", "--rules", out]);
    const report = JSON.parse(check.stdout) as JsonReport;
    const sheet = report.files[0].sheets.find((s) => s.name === "Project A")!;
    expect(sheet.tables.map((t) => [t.range, t.family, t.unit])).toEqual([
      ["A1:I9", "taught-project-a", "万元"],
    ]);
    expect(sheet.tables[0].findings.map((f) => `${f.code}@${f.cell}`)).toEqual([
      "DEVIATION_UNEXPLAINED@I7",
    ]);
    expect(check.code).toBe(1);
  });

  it("refuses an existing output, a bad range and a missing subcommand", async () => {
    const out = path.join(tmp, "exists.json");
    fs.writeFileSync(out, "{}");
    const a = await runCli(["family", "infer", input, "--sheet", "Project A", "-o", out]);
    expect(a.code).toBe(2);
    expect(fs.readFileSync(out, "utf8")).toBe("{}");
    const b = await runCli(["family", "infer", input, "--range", "nonsense", "-o", out]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--range");
    const c = await runCli(["family", input, "-o", out]);
    expect(c.code).toBe(2);
    const d = await runCli([
      "family",
      "infer",
      input,
      "--sheet",
      "封面",
      "-o",
      path.join(tmp, "x.json"),
      "--lang",
      "en",
    ]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain("cannot draft a family");
  });
});
