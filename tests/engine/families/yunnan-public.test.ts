/** The 云南 公开 form (公开14表): two-row header, amounts in 元, grade in the 总分 row. */
import { analyzeSheet } from "../../../src/engine/analyze";
import { yunnanPublic } from "../../helpers/family-tables";

const show = (fs: { severity: string; code: string; cell: string | null }[]) =>
  fs.map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("云南 公开 form", () => {
  it("is found with its range, family, unit and the two-row header's columns", () => {
    const [r] = analyzeSheet(yunnanPublic()).tables;
    const t = r.table;
    expect(t.family).toBe("yunnan-public");
    expect(t.unit).toBe("元");
    expect(t.range.address).toBe("A1:J24");
    expect(t.indicators?.headerRow).toBe(13); // the lower header row (sheet row 14)
    expect(t.indicators?.columns).toMatchObject({
      level1: 0,
      level2: 1,
      level3: 2,
      nature: 3,
      target: 4,
      measureUnit: 5,
      actual: 6, // 实际完成值, 分值, 得分, 偏差原因 merged down over both header rows
      weight: 7,
      score: 8,
      explanation: 9,
    });
    // 生态效益指标 (blank) and 其他需要说明事项 are not indicators.
    expect(t.indicators?.rows.map((x) => x.row + 1)).toEqual([15, 16, 17, 18, 19, 21, 22]);
    expect(t.total?.row).toBe(23);
    expect(t.grade).toMatchObject({ row: 23, value: "优" });
    expect(t.grade?.valueCell.address).toBe("J24");
  });

  it("finds its real defects and nothing else (≦ cost met by a lower actual, ═ and 有效 met)", () => {
    const [r] = analyzeSheet(yunnanPublic()).tables;
    expect(show(r.findings)).toEqual([
      "error:DEVIATION_UNEXPLAINED@J22",
      "warning:TARGET_MISSED_FULL_SCORE@G19",
    ]);
  });

  it("checks the grade in the last cell of the 总分 row", () => {
    const [r] = analyzeSheet(yunnanPublic({ J24: "良" })).tables;
    expect(show(r.findings)).toContain("error:GRADE_MISMATCH@J24");
  });

  it("reads ≦ from 指标性质: a cost above its ceiling is missed", () => {
    const [r] = analyzeSheet(yunnanPublic({ G18: 1200 })).tables;
    expect(show(r.findings)).toContain("warning:TARGET_MISSED_FULL_SCORE@G18");
  });
});
