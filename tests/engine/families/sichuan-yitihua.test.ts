/**
 * The 四川 预算管理一体化 form (0013zp), from the real published, unfilled form kept in
 * tests/fixtures/national: found with the right range, family, unit and fields; the blank form
 * gives only findings about blanks; a filled copy's real defects are found and nothing else.
 */
import { analyzeSheet } from "../../../src/engine/analyze";
import { readTsvFixture, tsvSnapshot } from "../../helpers/tsv-grid";

const FORM = readTsvFixture("sichuan-yitihua-0013zp.txt");
const show = (fs: { severity: string; code: string; cell: string | null }[]) =>
  fs.map((f) => `${f.severity}:${f.code}@${f.cell}`);

/** Cells typed into a copy of the blank form, by A1 address (rows as the sheet numbers them). */
function filled(cells: Record<string, string>) {
  return tsvSnapshot(FORM, {
    edit: (r, c, text) => cells[`${String.fromCharCode(65 + c)}${r + 1}`] ?? text,
  });
}

describe("四川 预算管理一体化 (0013zp)", () => {
  it("keeps its provenance", () => {
    expect(FORM.provenance).toContain("https://www.scqs.gov.cn/info/13206/211004.htm");
  });

  it("finds the blank form with its range, family, unit and fields", () => {
    const report = analyzeSheet(tsvSnapshot(FORM));
    expect(report.tables).toHaveLength(1);
    const t = report.tables[0].table;
    // From the title to 合计: 报表编号 above and 评价结论 … 财务负责人 below are not the scored table.
    expect(t.range.address).toBe("A2:K17");
    expect(t.family).toBe("sichuan-yitihua");
    expect(t.unit).toBe("万元");
    expect(t.header.projectName?.value?.value).toBe("51000021R000000019951-工资性支出");
    expect(t.header.unit?.value?.address).toBe("I4");
    expect(t.funding?.columns).toMatchObject({
      initialBudget: 2, // 年初预算
      budget: 3, // 调整后预算数: the rate denominator
      executed: 4, // 预算执行数
      rate: 5,
      weight: 6, // 权重
      score: 7,
      reason: 8, // 原因
    });
    expect(t.funding?.rows.map((r) => r.kind)).toEqual([
      "total",
      "fiscal",
      "other",
      "other",
      "other",
    ]);
    expect(t.indicators?.columns).toMatchObject({
      level1: 1,
      level2: 2,
      level3: 3,
      nature: 4,
      target: 5,
      measureUnit: 6,
      actual: 7,
      weight: 8,
      score: 9,
      explanation: 10,
    });
    expect(t.indicators?.rows.map((r) => r.level3?.value)).toEqual([
      "发放(缴纳)覆盖率",
      "足额保障率(参保率)",
    ]);
    expect(t.total?.label.address).toBe("A17");
    expect(t.total?.weight?.value).toBe(100);
    expect(t.goal?.expected?.address).toBe("C6");
  });

  it("gives the blank form only findings about its blanks, no arithmetic errors", () => {
    const [{ findings }] = analyzeSheet(tsvSnapshot(FORM)).tables;
    expect(show(findings)).toEqual([
      "warning:MISSING_FIELD@J15",
      "warning:MISSING_FIELD@J16",
      "warning:MISSING_FIELD@J17",
      // The blank funding 得分 is one a formula can fill (执行率 100% × 权重 10).
      "info:FUNDING_SCORE_MISMATCH@H9",
    ]);
    for (const f of findings)
      expect(f.code === "MISSING_FIELD" || /未填写/.test(f.message_zh)).toBe(true);
  });

  it("finds a filled copy's real defects and nothing else", () => {
    const snap = filled({
      H9: "10", // funding 得分
      H15: "100", // 完成值
      J15: "60",
      H16: "96", // 足额保障率 = 100 %, 96 % reached …
      J16: "27", // … 3 points lost, 未完成原因分析 left empty
      J17: "100", // 合计 得分 stated 100 although 10 + 60 + 27 = 97
    });
    const [{ table, findings }] = analyzeSheet(snap).tables;
    expect(table.family).toBe("sichuan-yitihua");
    expect(show(findings)).toEqual([
      "error:TOTAL_SCORE_MISMATCH@J17",
      "error:DEVIATION_UNEXPLAINED@K16",
    ]);
  });

  it("lets 指标性质 decide the direction of the target comparison", () => {
    // ≤ 5 % and 3 % reached: met, although a bare "5" against "3" would read as missed.
    const at = (nature: string) =>
      analyzeSheet(
        filled({
          H9: "10",
          E15: nature,
          F15: "5",
          H15: "3",
          J15: "60",
          H16: "100",
          J16: "30",
          J17: "100",
        })
      ).tables[0].findings;
    expect(show(at("≤"))).toEqual([]);
    expect(show(at("≦"))).toEqual([]);
    expect(show(at("≥"))).toEqual(["warning:TARGET_MISSED_FULL_SCORE@H15"]);
  });
});
