/**
 * `selfeval family infer`, end to end: a workbook whose layout no built-in family reads, a drafted
 * family written as a rule set, and `check --rules` with it finding the table (the round trip); a
 * heading the draft maps wrongly, corrected through the teach model, read right by `check`; and a
 * `--rules` file extending a built-in family (another spelling of a column, another total label).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { JsonReport } from "../../src/cli/report-json";
import { FamilyPatchSchema } from "../../src/engine/families";
import { resolveSettings } from "../../src/engine/settings";
import { normalizeLabel } from "../../src/engine/text/normalize";
import { draftLayout, familyWithMapping } from "../../src/taskpane/teach";
import { gridFromRows } from "../helpers/table-builder";
import remapLayout from "../fixtures/teach/remap-layout.json";
import { ensureCliBuilt, runCli, SEEDS, sha256 } from "./harness";

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

  it("lists the mapped headings with their cells; the output is a valid family patch", async () => {
    const out = path.join(tmp, "family-listed.json");
    const res = await runCli(["family", "infer", input, "--sheet", "Project A", "-o", out]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("已归类的表头（单元格 “表头” → 字段）：");
    for (const line of [
      "  A4 “资金（万元）” → funding.label",
      "  F4 “权数” → funding.weight",
      "  B5 “总计” → funding.rows.total",
      "  G6 “权数” → indicators.weight",
      "  A9 “总计得分” → total",
      "  A1 “项目绩效自评表” → title",
    ])
      expect(res.stdout.split("\n")).toContain(line);
    const doc = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(FamilyPatchSchema.safeParse(doc.families[0]).success).toBe(true);
  });
});

/** The fixture's rows written as a workbook (one sheet). */
async function writeRows(file: string, sheet: string, rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v)));
  await wb.xlsx.writeFile(file);
}

function tablesOf(report: JsonReport) {
  return report.files[0].sheets.flatMap((s) =>
    s.tables.map((t) => ({
      range: t.range,
      family: t.family,
      findings: t.findings.map((f) => `${f.code}@${f.cell}`),
    }))
  );
}

describe("a heading the draft maps wrongly (tests/fixtures/teach/remap-layout.json)", () => {
  const rows = remapLayout.rows as (string | number | null)[][];
  let file: string;
  beforeAll(async () => {
    file = path.join(tmp, "remap.xlsx");
    await writeRows(file, remapLayout.sheet, rows);
  });

  it("family infer shows 完成情况 taken for the actual; corrected by the teach model, check reads it right", async () => {
    const draftFile = path.join(tmp, "remap-draft.json");
    const res = await runCli(["family", "infer", file, "-o", draftFile]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("未能归类的表头：F7 “全年实绩”");
    expect(res.stdout.split("\n")).toContain("  I7 “完成情况” → indicators.actual");
    const drafted = await runCli(["check", file, "--json", "--rules", draftFile]);
    expect(tablesOf(JSON.parse(drafted.stdout) as JsonReport)).toEqual([
      {
        range: "A1:I12",
        family: "taught",
        findings: ["MISSING_FIELD@A7", "DEVIATION_UNEXPLAINED@H8", "DEVIATION_UNEXPLAINED@H10"],
      },
    ]);

    // The person's correction, through the pane's model: 全年实绩 is the actual, 完成情况 the explanation.
    const draft = draftLayout(
      gridFromRows(rows, { sheetName: remapLayout.sheet }),
      resolveSettings()
    )!;
    const family = familyWithMapping(draft, {
      F7: "indicators.actual",
      I7: "indicators.explanation",
    });
    const fixed = path.join(tmp, "remap-fixed.json");
    fs.writeFileSync(fixed, JSON.stringify({ version: 1, families: [family] }));
    const checked = await runCli(["check", file, "--json", "--rules", fixed]);
    expect(checked.stderr).toBe("");
    expect(tablesOf(JSON.parse(checked.stdout) as JsonReport)).toEqual([
      { range: "A1:I12", family: "taught", findings: ["DEVIATION_UNEXPLAINED@I10"] },
    ]);
  });
});

describe("--rules extending a built-in family", () => {
  /** A sample sheet (seed table 001-04, A1:I22) as published, and with two labels respelt. */
  const SHEET = "博士后、高研班工作经费";
  const RESPELT: Readonly<Record<string, string>> = {
    实际完成值: "实际达成值",
    总分: "综合评定分",
  };
  let original: string;
  let respelt: string;
  beforeAll(async () => {
    original = path.join(tmp, "original.xlsx");
    respelt = path.join(tmp, "respelt.xlsx");
    for (const [file, names] of [
      [original, {}],
      [respelt, RESPELT],
    ] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(SEEDS, "beijing-2023.xlsx"));
      for (const ws of [...wb.worksheets]) if (ws.name !== SHEET) wb.removeWorksheet(ws.id);
      let n = 0;
      wb.getWorksheet(SHEET)!.eachRow((row) =>
        row.eachCell((cell) => {
          const to =
            typeof cell.value === "string"
              ? (names as Record<string, string>)[normalizeLabel(cell.value)]
              : undefined;
          if (to) {
            cell.value = to;
            n++;
          }
        })
      );
      expect(n).toBe(Object.keys(names).length);
      await wb.xlsx.writeFile(file);
    }
  });

  it("more spellings for a column and another total-row label: check reads the table as published", async () => {
    const asPublished = tablesOf(
      JSON.parse((await runCli(["check", original, "--json"])).stdout) as JsonReport
    );
    expect(asPublished).toHaveLength(1);
    expect(asPublished[0].range).toBe("A1:I22");
    // Respelt, the national family misses the actual column and the 总分 row.
    const without = tablesOf(
      JSON.parse((await runCli(["check", respelt, "--json"])).stdout) as JsonReport
    );
    expect(without).not.toEqual(asPublished);

    const rules = path.join(tmp, "extend-national.json");
    fs.writeFileSync(
      rules,
      JSON.stringify({
        version: 1,
        families: [
          {
            id: "national",
            indicators: { columns: { actual: ["实际达成值"] } },
            total: { labels: ["综合评定分"] },
          },
        ],
      })
    );
    const res = await runCli(["check", respelt, "--json", "--rules", rules]);
    expect(res.stderr).toBe("");
    expect(tablesOf(JSON.parse(res.stdout) as JsonReport)).toEqual(asPublished);
    const text = await runCli(["check", respelt, "--rules", rules]);
    expect(text.stdout).toContain(`规则集：文件 ${rules}`);
  });
});
