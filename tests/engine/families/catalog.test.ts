/** The family catalog: built-ins, rule-set patches and new families, and what rules a family gets. */
import { analyzeSheet } from "../../../src/engine/analyze";
import {
  BUILTIN_FAMILIES,
  FamilyPatchSchema,
  resolveFamilies,
  TableFamilySchema,
} from "../../../src/engine/families";
import { ScopedKey, scopedDictionary } from "../../../src/engine/families/catalog";
import { LabelKey, LabelKeySchema } from "../../../src/engine/labels/dictionary";
import { parseRuleSet } from "../../../src/engine/policy";
import { resolveSettings } from "../../../src/engine/settings";
import { gridFromRows } from "../../helpers/table-builder";
import { tsvSnapshot, readTsvFixture } from "../../helpers/tsv-grid";

const show = (fs: { severity: string; code: string; cell: string | null }[]) =>
  fs.map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("built-in families", () => {
  it("are valid data, with unique ids, the national one first", () => {
    for (const f of BUILTIN_FAMILIES) expect(TableFamilySchema.parse(f)).toEqual(f);
    const ids = BUILTIN_FAMILIES.map((f) => f.id);
    expect(ids[0]).toBe("national");
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(["national", "hunan", "weighted", "sichuan-yitihua", "yunnan-public"]);
  });

  it("scope spellings to their block: 合计 is a funding row in one family, the total row in another", () => {
    const hunan = BUILTIN_FAMILIES.find((f) => f.id === "hunan")!;
    const sichuan = BUILTIN_FAMILIES.find((f) => f.id === "sichuan-yitihua")!;
    expect(hunan.funding?.rows.total).toContain("合计");
    expect(hunan.total.labels).not.toContain("合计");
    expect(sichuan.total.labels).toContain("合计");
    expect(sichuan.indicators.columns.weight).toContain("权重");
    expect(hunan.indicators.columns.weight).not.toContain("权重");
  });
});

describe("rule-set families", () => {
  it("labelSynonyms reach every family that has the block", () => {
    const fams = resolveFamilies({ labelSynonyms: { weight: ["权数"] }, families: [] });
    for (const f of fams) {
      expect(f.indicators.columns.weight).toContain("权数");
      expect(f.funding?.columns.weight).toContain("权数");
    }
  });

  it("every labelSynonyms key lands in the national family's block of that label, and only there", () => {
    // The flat keys of rule sets are the one vocabulary left outside the families: each must land.
    const where: Record<LabelKey, readonly ScopedKey[]> = {
      title: ["title"],
      projectName: ["header.projectName"],
      department: ["header.department"],
      unit: ["header.unit"],
      owner: ["header.owner"],
      phone: ["header.phone"],
      deptName: ["header.deptName"],
      totalInvestment: ["header.totalInvestment"],
      subProject: ["header.subProject"],
      fiscalFunding: ["header.fiscalFunding"],
      period: ["header.period"],
      fundingBlock: ["funding.block"],
      initialBudget: ["funding.col.initialBudget"],
      budget: ["funding.col.budget"],
      adjustedBudget: ["funding.col.adjustedBudget"],
      executed: ["funding.col.executed"],
      weight: ["funding.col.weight", "indicator.col.weight"],
      rate: ["funding.col.rate"],
      score: ["funding.col.score", "indicator.col.score"],
      fundingTotal: ["funding.row.total"],
      fundingFiscal: ["funding.row.fiscal"],
      fundingCarryover: ["funding.row.carryover"],
      fundingOther: ["funding.row.other"],
      goal: ["goal.block"],
      goalExpected: ["goal.expected"],
      goalActual: ["goal.actual"],
      indicatorBlock: ["indicator.block"],
      level1: ["indicator.col.level1"],
      level2: ["indicator.col.level2"],
      level3: ["indicator.col.level3"],
      target: ["indicator.col.target"],
      actual: ["indicator.col.actual"],
      explanation: ["indicator.col.explanation"],
      tier: ["indicator.col.tier"],
      total: ["total"],
      grade: ["grade"],
    };
    expect(Object.keys(where).sort()).toEqual([...LabelKeySchema.options].sort());
    for (const key of LabelKeySchema.options) {
      const word = `新拼写${key}`;
      const [national] = resolveFamilies({ labelSynonyms: { [key]: [word] }, families: [] });
      const landed = Object.entries(scopedDictionary(national))
        .filter(([, words]) => words?.includes(word))
        .map(([k]) => k);
      expect({ key, landed: landed.sort() }).toEqual({ key, landed: [...where[key]].sort() });
    }
  });

  it("a patch with a built-in id adds spellings to it; a new id extends one", () => {
    const fams = resolveFamilies({
      labelSynonyms: {},
      families: [
        FamilyPatchSchema.parse({ id: "national", total: { labels: ["总 计"] } }),
        FamilyPatchSchema.parse({
          id: "my-city",
          extends: "national",
          name_zh: "本市",
          markers: ["本市专用"],
        }),
      ],
    });
    expect(fams.find((f) => f.id === "national")?.total.labels).toEqual(
      expect.arrayContaining(["总分", "总 计"])
    );
    const mine = fams.find((f) => f.id === "my-city")!;
    expect(mine.extends).toBe("national");
    expect(mine.indicators.columns.weight).toEqual(["分值"]);
    expect(mine.markers).toEqual(["本市专用"]);
  });

  it("a malformed family is a rule-set error with its path", () => {
    const r = parseRuleSet({ families: [{ id: "Bad Id" }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.path).toBe("families.0.id");
  });

  it("a family without a funding score gets no FUNDING_SCORE_MISMATCH and no MISSING_FIELD for it", () => {
    // The 0013zp form as a region that dropped the funding score: 权重/得分 of 预算执行情况 are not scored.
    const form = readTsvFixture("sichuan-yitihua-0013zp.txt");
    const settings = resolveSettings({
      families: [{ id: "sichuan-yitihua", funding: { scored: false } }],
    });
    const [{ findings }] = analyzeSheet(tsvSnapshot(form), { settings }).tables;
    expect(show(findings).filter((f) => f.includes("@H9"))).toEqual([]);
    expect(show(findings)).toEqual([
      "warning:MISSING_FIELD@J15",
      "warning:MISSING_FIELD@J16",
      "warning:MISSING_FIELD@J17",
    ]);
  });

  it("a taught family finds a table no built-in one reads, with the right range and fields", () => {
    const rows: (string | number | null)[][] = [
      ["项目绩效自评表"],
      ["项目名称", "测试项目"],
      ["主管部门", "某局", null, "实施单位", "某科"],
      ["资金（万元）", null, "年初数", "预算数", "支出数", "权数", "执行比例", "评分"],
      [null, "总计", 10, 10, 9, 10, 0.9, 9],
      ["指标", "一级指标", "二级指标", "三级指标", "目标值", "完成值", "权数", "评分", "说明"],
      [null, "产出指标", "数量指标", "次数", 3, 3, 50, 50, null],
      [null, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 40, 40, null],
      ["总计得分", null, null, null, null, null, 100, 99, null],
    ];
    expect(analyzeSheet(gridFromRows(rows)).tables).toEqual([]);
    const settings = resolveSettings({
      families: [
        {
          id: "taught",
          extends: "national",
          markers: ["执行比例"],
          title: ["项目绩效自评表"],
          funding: {
            labels: ["资金(万元)"],
            columns: {
              initialBudget: ["年初数"],
              budget: ["预算数"],
              executed: ["支出数"],
              weight: ["权数"],
              rate: ["执行比例"],
              score: ["评分"],
            },
            rows: { total: ["总计"] },
          },
          indicators: {
            columns: {
              target: ["目标值"],
              actual: ["完成值"],
              weight: ["权数"],
              score: ["评分"],
              explanation: ["说明"],
            },
          },
          total: { labels: ["总计得分"] },
        },
      ],
    });
    const [r] = analyzeSheet(gridFromRows(rows), { settings }).tables;
    expect(r.table.family).toBe("taught");
    expect(r.table.range.address).toBe("A1:I9");
    expect(r.table.funding?.rows.map((x) => x.kind)).toEqual(["total"]);
    expect(r.table.indicators?.rows).toHaveLength(2);
    // 9 / 10 = 90 %, 9 points; 10 + 50 + 40 = 100 weights, 9 + 50 + 40 = 99: a clean table.
    expect(show(r.findings)).toEqual([]);
    // With a wrong total the arithmetic runs as for any other family.
    rows[8][7] = 100;
    expect(show(analyzeSheet(gridFromRows(rows), { settings }).tables[0].findings)).toEqual([
      "error:TOTAL_SCORE_MISMATCH@H9",
    ]);
  });
});
