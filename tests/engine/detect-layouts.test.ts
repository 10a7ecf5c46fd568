import { detectTables } from "../../src/engine/detect/detect";
import { CellValue, Grid, GridSnapshot } from "../../src/engine/grid/snapshot";
import { familiesFor } from "../../src/engine/analyze";
import { DEFAULT_SETTINGS, resolveSettings } from "../../src/engine/settings";

const matcher = familiesFor(DEFAULT_SETTINGS);

/** A small Beijing-style table as rows of cells, with the label spellings given. */
function table(
  labels: { budget?: string; weight?: string; explanation?: string; level1?: string } = {}
): CellValue[][] {
  return [
    ["项目支出绩效自评表"],
    ["项目名称", "测试项目"],
    ["主管部门", "某局", null, "实施单位", "某科"],
    [
      "项目资金（万元）",
      null,
      null,
      "年初预算数",
      labels.budget ?? "全年预算数",
      "全年执行数",
      "分值",
      "执行率",
      "得分",
    ],
    [null, "年度资金总额", null, 10, 10, 9, 10, 0.9, 9],
    [null, "其中：当年财政拨款", null, 10, 10, 9, "—", 0.9, "—"],
    [
      "绩效指标",
      labels.level1 ?? "一级指标",
      "二级指标",
      "三级指标",
      "年度指标值",
      "实际完成值",
      labels.weight ?? "分值",
      "得分",
      labels.explanation ?? "偏差原因分析及改进措施",
    ],
    [null, "产出指标", "数量指标", "次数", 3, 3, 50, 50, null],
    [null, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 40, 40, null],
    ["总分", null, null, null, null, null, 100, 99, null],
  ];
}

function snapshot(
  rows: CellValue[][],
  origin = { row: 0, col: 0 },
  merges: GridSnapshot["merges"] = []
): Grid {
  return new Grid({ sheetName: "S", origin, values: rows, merges });
}

/** Places blocks of rows at (row, col) offsets on one sheet. */
function sheet(blocks: { at: [number, number]; rows: CellValue[][] }[]): CellValue[][] {
  const out: CellValue[][] = [];
  for (const b of blocks) {
    b.rows.forEach((r, i) => {
      const line = (out[b.at[0] + i] ??= []);
      r.forEach((v, j) => (line[b.at[1] + j] = v));
    });
  }
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  return out.map((r) => Array.from(r, (v) => (v === undefined ? null : v)));
}

describe("layout detection", () => {
  it("finds a table at A1 with its fields", () => {
    const [t] = detectTables(snapshot(table()), matcher);
    expect(t.range.address).toBe("A1:I10");
    expect(t.header.projectName?.value?.value).toBe("测试项目");
    expect(t.header.unit?.value?.value).toBe("某科");
    expect(t.funding?.rows.map((r) => r.kind)).toEqual(["total", "fiscal"]);
    expect(t.indicators?.rows.map((r) => r.level1)).toEqual(["产出指标", "满意度指标"]);
    expect(t.total?.score?.address).toBe("H10");
  });

  it("finds a table at an offset (D6) and reports absolute addresses", () => {
    const [t] = detectTables(snapshot(sheet([{ at: [5, 3], rows: table() }])), matcher);
    expect(t.range.address).toBe("D6:L15");
    expect(t.total?.score?.address).toBe("K15");
  });

  it("honours a snapshot origin that is not A1", () => {
    const [t] = detectTables(snapshot(table(), { row: 9, col: 2 }), matcher);
    expect(t.range.address).toBe("C10:K19");
  });

  it("finds several tables stacked on one sheet, at different columns", () => {
    const rows = sheet([
      { at: [0, 0], rows: table() },
      { at: [12, 1], rows: table() },
      { at: [25, 0], rows: table() },
    ]);
    const found = detectTables(snapshot(rows), matcher);
    expect(found.map((t) => t.range.address)).toEqual(["A1:I10", "B13:J22", "A26:I35"]);
  });

  it.each([
    [
      "line breaks",
      {
        budget: "全年预\n算数",
        weight: "分\n值",
        explanation: "偏差原\n因分析\n及改进\n措施",
        level1: "一级\n指标",
      },
    ],
    [
      "spaces and full-width spaces",
      {
        budget: "全年预 算数",
        weight: "分　值",
        explanation: "偏差原因分析 及改进措施",
        level1: " 一级指标 ",
      },
    ],
  ])("reads labels broken by %s", (_name, labels) => {
    const [t] = detectTables(snapshot(table(labels)), matcher);
    expect(t.funding?.columns.budget).toBe(4);
    expect(t.indicators?.columns.weight).toBe(6);
    expect(t.indicators?.columns.explanation).toBe(8);
  });

  it("uses the value of merged 一级 cells on every row they cover", () => {
    const rows = table();
    rows.splice(8, 0, [null, null, "质量指标", "合格率", "100%", "100%", 0, 0, null]);
    const [t] = detectTables(
      snapshot(rows, { row: 0, col: 0 }, [{ top: 7, left: 1, bottom: 8, right: 1 }]),
      matcher
    );
    expect(t.indicators?.rows.map((r) => r.level1)).toEqual(["产出指标", "产出指标", "满意度指标"]);
  });

  it("finds nothing on a sheet without the labels", () => {
    const rows: CellValue[][] = [
      ["Budget", "2003"],
      ["分值", 10],
      ["Total", 100],
    ];
    expect(detectTables(snapshot(rows), matcher)).toEqual([]);
    expect(detectTables(snapshot([]), matcher)).toEqual([]);
  });

  it("a template's extra spelling makes a custom header readable", () => {
    const rows = table({ budget: "调整预算数" });
    expect(detectTables(snapshot(rows), matcher)[0].funding?.columns.budget ?? null).toBeNull();
    const custom = familiesFor(resolveSettings({ labelSynonyms: { budget: ["调整预算数"] } }));
    expect(detectTables(snapshot(rows), custom)[0].funding?.columns.budget).toBe(4);
  });
});

describe("group labels carried down without merges", () => {
  it("an unused row that names a new 二级 group starts that group for the rows below", () => {
    const rows = table();
    rows.splice(
      8,
      0,
      [null, null, "质量指标"],
      [null, null, null, "合格率", "100%", "100%", 0, 0, null]
    );
    const [t] = detectTables(snapshot(rows), matcher);
    expect(t.indicators?.rows.map((r) => [r.level1, r.level2])).toEqual([
      ["产出指标", "数量指标"],
      ["产出指标", "质量指标"],
      ["满意度指标", "服务对象满意度指标"],
    ]);
  });
});
