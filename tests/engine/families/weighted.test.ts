/** Weighted 一级 labels, 指标1: prefixes, placeholder rows and 年度资金总额: (山西, 河北, 安徽 …). */
import { analyzeSheet } from "../../../src/engine/analyze";
import { weightedTemplate } from "../../helpers/family-tables";

const show = (fs: { severity: string; code: string; cell: string | null }[]) =>
  fs.map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("weighted-label template", () => {
  it("reads the weights, prefixes and colon, and skips the placeholder rows", () => {
    const [r] = analyzeSheet(weightedTemplate()).tables;
    const t = r.table;
    expect(t.family).toBe("weighted");
    expect(t.unit).toBe("万元");
    expect(t.range.address).toBe("A1:I20");
    expect(t.funding?.rows.map((x) => x.kind)).toEqual(["total", "fiscal", "other"]);
    // 指标2 (row 13), …… (row 16) and a bare 指标1: (row 18) are placeholders, not indicators.
    expect(t.indicators?.rows.map((x) => x.row + 1)).toEqual([12, 14, 15, 17, 19]);
    expect(t.indicators?.rows.map((x) => x.level1DeclaredWeight)).toEqual([50, 50, 50, 30, 10]);
    expect(t.indicators?.rows[3].level2).toBe("社会效益");
  });

  it("reports the breakdown that does not add up, and no missing field for placeholders", () => {
    const [r] = analyzeSheet(weightedTemplate()).tables;
    expect(show(r.findings)).toEqual([
      "error:BREAKDOWN_MISMATCH@D6",
      "error:BREAKDOWN_MISMATCH@E6",
      "error:BREAKDOWN_MISMATCH@F6",
    ]);
  });

  it("still reports a placeholder once it is given a 分值 but no 得分", () => {
    const [r] = analyzeSheet(weightedTemplate({ G13: 5 })).tables;
    expect(r.table.indicators?.rows.map((x) => x.row + 1)).toContain(13);
  });
});
