/**
 * The options of the standard blank table: bad years, project counts, variants, rule sets and
 * skeletons are refused with a one-line zh/en reason; createTemplateFile refuses to overwrite
 * without force; planning placeholders never reach the output.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { Grid } from "../../src/engine/grid/snapshot";
import { detectTables } from "../../src/engine/detect/detect";
import { matcherFor } from "../../src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import {
  buildTemplateLayout,
  MAX_TEMPLATE_PROJECTS,
  TemplateError,
  TemplateOptions,
} from "../../src/engine/template";
import { createTemplateFile, writeTemplateWorkbook } from "../../src/hosts/exceljs/write-template";
import { loadWorkbook } from "../../src/hosts/exceljs/read-workbook";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-template-opts-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error("no error thrown");
}

const base: TemplateOptions = { variant: "beijing", projects: 1, year: 2024 };

describe("buildTemplateLayout rejects bad options", () => {
  it.each<[string, unknown]>([
    ["blank", ""],
    ["spaces", "   "],
    ["undefined", undefined],
    ["NaN", NaN],
    ["two digits", "24"],
    ["a fraction", 2024.5],
    ["too early", 1800],
    ["too late", 3000],
    ["words", "二〇二四"],
  ])("year: %s", (_name, year) => {
    const e = errorOf(() => buildTemplateLayout({ ...base, year: year as number }));
    expect(e.kind).toBe("badYear");
    expect(e.reason("zh")).toMatch(/^年度.*无效：应为 1990–2100 之间的四位年份/);
    expect(e.reason("en")).toMatch(/^invalid year .*four-digit year between 1990 and 2100/);
    expect(e.reason("zh")).not.toContain("\n");
  });

  it("accepts a year typed as a string of four digits", () => {
    expect(buildTemplateLayout({ ...base, year: " 2025 " }).year).toBe(2025);
  });

  it.each<[string, unknown]>([
    ["zero", 0],
    ["negative", -3],
    ["a fraction", 1.5],
    ["too many", MAX_TEMPLATE_PROJECTS + 1],
    ["text", "abc"],
    ["undefined", undefined],
  ])("projects: %s", (_name, projects) => {
    const e = errorOf(() => buildTemplateLayout({ ...base, projects: projects as number }));
    expect(e.kind).toBe("badProjects");
    expect(e.reason("zh")).toContain(`应为 1–${MAX_TEMPLATE_PROJECTS} 之间的整数`);
    expect(e.reason("en")).toContain(`whole number from 1 to ${MAX_TEMPLATE_PROJECTS}`);
  });

  it("variant", () => {
    const e = errorOf(() => buildTemplateLayout({ ...base, variant: "shanghai" as "beijing" }));
    expect(e.kind).toBe("badVariant");
    expect(e.reason("en")).toBe('invalid variant "shanghai": use beijing or hunan');
  });

  it("rule set", () => {
    const e = errorOf(() =>
      buildTemplateLayout({ ...base, settings: { fundingScoreDecimals: -1 } })
    );
    expect(e.kind).toBe("badSettings");
    expect(e.reason("zh")).toMatch(/^规则设置无效/);
  });

  it("skeleton", () => {
    expect(errorOf(() => buildTemplateLayout({ ...base, skeleton: [] })).kind).toBe("badSkeleton");
    expect(
      errorOf(() =>
        buildTemplateLayout({
          ...base,
          skeleton: [{ level1: "产出,指标", rows: [{ level2: "数量指标", weight: 10 }] }],
        })
      ).kind
    ).toBe("badSkeleton");
    expect(
      errorOf(() =>
        buildTemplateLayout({
          ...base,
          skeleton: [{ level1: "产出指标", rows: [{ level2: "数量指标", weight: -1 }] }],
        })
      ).kind
    ).toBe("badSkeleton");
  });
});

describe("a custom skeleton", () => {
  it("lays out its groups and plans the 总分 over all its rows", () => {
    const layout = buildTemplateLayout({
      ...base,
      variant: "hunan",
      skeleton: [
        {
          level1: "产出指标",
          rows: [
            { level2: "数量指标", weight: 25 },
            { level2: "数量指标", weight: 25 },
          ],
        },
        { level1: "效益指标", rows: [{ level2: "社会效益指标", weight: 30 }] },
        { level1: "满意度指标", rows: [{ level2: "服务对象满意度指标", weight: 10 }] },
      ],
    });
    const s = layout.sheets[0];
    expect(s.anchors.indicators.map((x) => x.defaultWeight)).toEqual([25, 25, 30, 10]);
    expect(s.cells.find((c) => c.purpose === "totalWeight")!.formula).toBe("=N(G7)+SUM(G14:G17)");
    expect(s.cells.find((c) => c.address === "B14")!.value).toBe("产出指标（50分）");
    expect(s.validations.find((v) => v.address === "C14")!.items).toEqual([
      "数量指标",
      "质量指标",
      "时效指标",
      "成本指标",
    ]);
  });
});

describe("createTemplateFile", () => {
  it("refuses to overwrite an existing file without force, and overwrites with force", async () => {
    const out = path.join(dir, "exists.xlsx");
    await fs.writeFile(out, "not a workbook");
    const opts = { variant: "beijing" as const, projects: 1, year: 2024 };
    const e = await createTemplateFile(out, opts).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TemplateError);
    expect((e as TemplateError).kind).toBe("outExists");
    expect((e as TemplateError).reason("zh")).toBe(
      `输出文件已存在：${out}（如需覆盖请加 --force）`
    );
    expect((e as TemplateError).reason("en")).toBe(
      `the output file exists: ${out} (add --force to overwrite it)`
    );
    expect(await fs.readFile(out, "utf8")).toBe("not a workbook");

    const created = await createTemplateFile(out, { ...opts, force: true });
    expect(created.sheets).toEqual(["项目1"]);
    expect((await loadWorkbook(out)).worksheets.map((w) => w.name)).toEqual(["项目1", "_selfeval"]);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("checks the options before touching the file system", async () => {
    const out = path.join(dir, "never.xlsx");
    const e = await createTemplateFile(out, { variant: "hunan", projects: 0, year: 2024 }).catch(
      (x: unknown) => x
    );
    expect((e as TemplateError).kind).toBe("badProjects");
    await expect(fs.stat(out)).rejects.toThrow();
  });

  it("says why it cannot write, in one line, and leaves no temporary file", async () => {
    const out = path.join(dir, "no-such-folder", "t.xlsx");
    const e = await createTemplateFile(out, { variant: "beijing", projects: 1, year: 2024 }).catch(
      (x: unknown) => x
    );
    expect((e as TemplateError).kind).toBe("writeFailed");
    expect((e as TemplateError).reason("en")).toMatch(/^cannot write .*t\.xlsx: /);
    expect((e as TemplateError).reason("en")).not.toContain("\n");
  });
});

describe("the planning copy's placeholders never reach the output", () => {
  it.each(["beijing", "hunan"] as const)(
    "%s: every input is blank but the 一级/二级 names and default 分值",
    async (variant) => {
      const layout = buildTemplateLayout({ ...base, variant });
      const wb = writeTemplateWorkbook(layout);
      const ws = wb.getWorksheet("项目1")!;
      const s = layout.sheets[0];
      const defaults = new Set<string>();
      for (const x of s.anchors.indicators) defaults.add(x.level1).add(x.level2).add(x.weight);
      for (const c of s.cells.filter((x) => x.role === "input")) {
        if (defaults.has(c.address)) expect(ws.getCell(c.address).value).not.toBeNull();
        else expect([c.address, ws.getCell(c.address).value]).toEqual([c.address, null]);
      }
      if (variant === "hunan") expect(ws.getCell(s.anchors.grade!).result).toBe("等级：差");
    }
  );

  it("refuses to embed a rule set other than the one the formulas were planned with", () => {
    const layout = buildTemplateLayout(base);
    expect(() =>
      writeTemplateWorkbook(layout, { ...DEFAULT_SETTINGS, fundingScoreDecimals: 1 })
    ).toThrow(/rule set differs/);
    expect(() => writeTemplateWorkbook(layout, { ...DEFAULT_SETTINGS })).not.toThrow();
  });
});

describe("detection of a table whose indicator rows name their 二级 but have no 三级 yet", () => {
  // A blank template row with a default 分值 is an indicator row, not a 总分 row that lost its label.
  it("reads every such row as an indicator and the 总分 row as the total", () => {
    const values = [
      ["项目名称", "x", null, null, null, null, null, null, null],
      [null, null, null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      [null, "年度资金总额", null, 1, 1, 1, 10, null, null],
      [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
      ],
      [null, "产出指标", "数量指标", null, null, null, 50, null, null],
      [null, null, "质量指标", null, null, null, 30, null, null],
      [null, "满意度指标", "服务对象满意度指标", null, null, null, 10, null, null],
      ["总分", null, null, null, null, null, 100, null, null],
    ];
    const merges = [{ top: 4, left: 1, bottom: 5, right: 1 }];
    const [t] = detectTables(
      new Grid({ sheetName: "s", origin: { row: 0, col: 0 }, values, merges }),
      matcherFor(DEFAULT_SETTINGS)
    );
    expect(t.indicators?.rows.map((r) => r.level2)).toEqual([
      "数量指标",
      "质量指标",
      "服务对象满意度指标",
    ]);
    expect(t.total?.row).toBe(7);
  });

  it("still reads a row with numbers only under 分值/得分 as an unlabelled 总分 row", () => {
    const values = [
      [null, null, null, "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      [null, "年度资金总额", null, 1, 1, 10, null, null],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
      ["产出指标", "数量指标", "次数", "3", "3", 90, 90],
      [null, null, null, null, null, 100, 100],
    ];
    const [t] = detectTables(
      new Grid({ sheetName: "s", origin: { row: 0, col: 0 }, values, merges: [] }),
      matcherFor(DEFAULT_SETTINGS)
    );
    expect(t.indicators?.rows).toHaveLength(1);
    expect(t.total?.row).toBe(4);
  });
});
