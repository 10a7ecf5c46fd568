/** Drafting a family for a table no built-in family reads, and the round trip through a rule set. */
import { analyzeSheet } from "../../../src/engine/analyze";
import { inferFamily, InferError } from "../../../src/engine/families/infer";
import { parseRange } from "../../../src/engine/grid/a1";
import { Grid } from "../../../src/engine/grid/snapshot";
import { parseRuleSet } from "../../../src/engine/policy";
import { yunnanPublic } from "../../helpers/family-tables";
import { gridFromRows } from "../../helpers/table-builder";

/** A layout with words of its own: 权数, 评分, 预算数/支出数, 执行比例, 总计, 目标值, 完成值, 说明. */
const ROWS: (string | number | null)[][] = [
  [null, null],
  ["项目绩效自评表"],
  ["项目名称", "测试项目"],
  ["主管部门", "某局", null, "实施单位", "某科"],
  ["资金（万元）", null, "年初数", "预算数", "支出数", "权数", "执行比例", "评分"],
  [null, "总计", 10, 10, 9, 10, 0.9, 9],
  [null, "其中：财政资金", 10, 10, 9, "—", 0.9, "—"],
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

describe("family infer", () => {
  it("drafts a family with the table's spellings and lists what it could not map", () => {
    const grid = new Grid(gridFromRows(ROWS));
    expect(analyzeSheet(gridFromRows(ROWS)).tables).toEqual([]);
    const r = inferFamily(grid, { id: "my-layout" });
    expect(r.family).toMatchObject({
      id: "my-layout",
      extends: "national",
      title: ["项目绩效自评表"],
      funding: {
        labels: ["资金（万元）"],
        columns: {
          initialBudget: ["年初数"],
          budget: ["预算数"],
          executed: ["支出数"],
          weight: ["权数"],
          rate: ["执行比例"],
          score: ["评分"],
        },
        rows: { total: ["总计"], fiscal: ["其中：财政资金"] },
      },
      indicators: {
        columns: {
          level1: ["一级指标"],
          target: ["目标值"],
          actual: ["完成值"],
          weight: ["权数"],
          score: ["评分"],
          explanation: ["说明"],
        },
      },
      total: { labels: ["总计得分"] },
    });
    expect(r.unmapped).toEqual([{ cell: "J8", text: "复核人", block: "indicators" }]);
    expect(r.family.unmapped).toEqual(["J8 复核人"]);
    expect(r.family.markers).toEqual(expect.arrayContaining(["权数", "评分", "执行比例"]));
    expect(r.table?.range.address).toBe("A2:I11");
  });

  it("round-trips: a rule set carrying the draft makes check find the table with its fields", () => {
    const { family } = inferFamily(new Grid(gridFromRows(ROWS)), { id: "my-layout" });
    const parsed = parseRuleSet(JSON.parse(JSON.stringify({ families: [family] })));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [t] = analyzeSheet(gridFromRows(ROWS), { settings: parsed.rules }).tables;
    expect(t.table.family).toBe("my-layout");
    expect(t.table.range.address).toBe("A2:I11");
    expect(t.table.funding?.columns).toMatchObject({
      budget: 3,
      executed: 4,
      weight: 5,
      rate: 6,
      score: 7,
    });
    expect(t.table.indicators?.columns).toMatchObject({ weight: 6, score: 7, explanation: 8 });
    expect(t.table.total?.score?.value).toBe(94);
    // Its real defect: 次数 3 → 2 at 45 of 50 with no 说明.
    expect(t.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(["DEVIATION_UNEXPLAINED@I9"]);
  });

  it("keeps to the range it is given, and says why when there is no table", () => {
    const grid = new Grid(gridFromRows(ROWS));
    expect(() => inferFamily(grid, { range: parseRange("A1:J4") })).toThrow(InferError);
  });

  it("reads a two-row header: the levels from the row below, extending the family whose markers it has", () => {
    // 云南's form (公开14表) with 分值/得分 spelt 权数/评分: no built-in family reads it.
    const renamed = { G6: "权数", I6: "评分", H13: "权数", I13: "评分" };
    expect(analyzeSheet(yunnanPublic(renamed)).tables).toEqual([]);
    const r = inferFamily(new Grid(yunnanPublic(renamed)), { id: "two-rows" });
    expect(r.family.extends).toBe("yunnan-public"); // 指标性质 and 度量单位 are its markers
    expect(r.family.indicators).toMatchObject({
      headerRows: 2,
      labels: ["绩效指标"],
      columns: {
        level1: ["一级指标"],
        level3: ["三级指标"],
        nature: ["指标性质"],
        target: ["指标值"],
        measureUnit: ["度量单位"],
        weight: ["权数"],
        score: ["评分"],
      },
    });
    const cells = Object.fromEntries(r.mapped.map((m) => [m.cell, m.field]));
    expect(cells).toMatchObject({
      A13: "indicators.label",
      A14: "indicators.level1",
      E14: "indicators.target",
      H13: "indicators.weight",
    });
    // 年度指标值 stands over 指标性质/指标值/度量单位: a group label, left for the person to map.
    expect(r.unmapped).toEqual([{ cell: "D13", text: "年度指标值", block: "indicators" }]);
    const parsed = parseRuleSet(JSON.parse(JSON.stringify({ families: [r.family] })));
    if (!parsed.ok) throw new Error(parsed.path);
    const [t] = analyzeSheet(yunnanPublic(renamed), { settings: parsed.rules }).tables;
    const [published] = analyzeSheet(yunnanPublic()).tables;
    expect(t.table.family).toBe("two-rows");
    expect(t.table.range.address).toBe(published.table.range.address);
    expect(t.table.indicators?.columns).toEqual(published.table.indicators?.columns);
    expect(t.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(
      published.findings.map((f) => `${f.code}@${f.cell}`)
    );
  });
});
