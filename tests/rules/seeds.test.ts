/**
 * Every rule over every transcribed real table. Each finding below was checked against the
 * published table (see the seed's `notes`); tables without an entry must produce nothing at all.
 */
import { analyzeSheet } from "../../src/engine/analyze";
import { ALL_RULES } from "../../src/engine/rules";
import { runRules } from "../../src/engine/rules/rule";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { allSeedTables, seedSheet } from "../helpers/seed-grid";
import { detectSeed } from "../helpers/table-builder";

/**
 * The 110-point table: indicators weighted 100 beside a funding 分值 of 10, 总分 on 100. One root
 * cause (SCORE_BASIS_MISMATCH at the total row's 分值); the total score does not repeat it.
 */
const WEIGHT_110 = (w: string, s: string) => {
  void s;
  return [`error:SCORE_BASIS_MISMATCH@${w}`];
};

const EXPECTED: Record<string, string[]> = {
  // 13.14 ÷ 13.44 = 97.77%, stated 97.83%.
  "000-03": ["error:RATE_MISMATCH@H6"],
  // 当年财政拨款 has 全年执行数 98.01 but a blank 全年预算数.
  "000-04": ["info:RATE_UNCOMPUTABLE@E7"],
  // 剩余部分在合同规定时间内全部完成: 3750份 → 1869份 at 10 of 10, no explanation.
  "000-05": ["warning:TARGET_MISSED_FULL_SCORE@F14"],
  // 4.71 ÷ 5.46 = 86.26%, stated 86.31%.
  "000-06": ["error:RATE_MISMATCH@H6"],
  // 其他资金 13.51 ÷ 26.03 = 51.90%, stated 51.91%.
  "000-08": ["error:RATE_MISMATCH@H9"],
  // 98.0354% truncated to 98.03%; 成本指标 9.8 of 10 without explanation.
  "000-09": ["info:RATE_MISMATCH@H6", "error:DEVIATION_UNEXPLAINED@I19"],
  // 99.8677% truncated to 99.86%; funding 得分 9.86 where 99.87% × 10 = 9.99.
  "000-12": ["info:RATE_MISMATCH@H6", "error:FUNDING_SCORE_MISMATCH@I6"],
  // 成本指标 8.4 of 10 without explanation.
  "000-14": ["error:DEVIATION_UNEXPLAINED@I17"],
  // Indicators carry 80 (no 满意度 row): 10 + 80 = 90 weights, 90 points, 总分 100/100.
  "001-01": ["error:WEIGHT_TOTAL_MISMATCH@G22", "error:TOTAL_SCORE_MISMATCH@H22"],
  // Indicators carry 100: 10 + 100 = 110; 得分 blank (fillable) so the total leaves out the funding score.
  "001-02": ["info:FUNDING_SCORE_MISMATCH@I7", ...WEIGHT_110("G20", "H20")],
  "001-03": ["info:FUNDING_SCORE_MISMATCH@I7"],
  // 总分 94 although 10 + 87 = 97.
  "001-04": ["error:TOTAL_SCORE_MISMATCH@H22"],
  "001-05": WEIGHT_110("G20", "H20"),
  "001-06": ["info:FUNDING_SCORE_MISMATCH@I7", ...WEIGHT_110("G25", "H25")],
  "001-09": WEIGHT_110("G21", "H21"),
  // 总分 96 although 10 + 87 = 97.
  "001-11": ["error:TOTAL_SCORE_MISMATCH@H23"],
  // "96 万", "114.4 万" stored as text.
  "001-12": ["D7", "E7", "F7", "D8", "E8", "F8"].map((c) => `warning:NUMBER_AS_TEXT@${c}`),
  // 总分 96.7 although funding 10 and every indicator at full marks.
  "001-14": ["error:TOTAL_SCORE_MISMATCH@H24"],
  // Indicators carry 100 (10 + 100 = 110, total 109 vs 99); 领取人数 25 → 20 at full marks.
  "001-15": [...WEIGHT_110("G20", "H20"), "warning:TARGET_MISSED_FULL_SCORE@F17"],
  "001-16": WEIGHT_110("G20", "H20"),
  "001-17": WEIGHT_110("G20", "H20"),
  // 年初预算数 1098.0558 vs 当年财政拨款 1098.055.
  "001-18": ["error:BREAKDOWN_MISMATCH@D7"],
  // 110; four rows 9 of 10 without explanation.
  "001-19": [
    ...WEIGHT_110("G24", "H24"),
    ...["I20", "I21", "I22", "I23"].map((c) => `error:DEVIATION_UNEXPLAINED@${c}`),
  ],
  // Hunan: 产出指标(50分) rows carry 80 (or 90), 效益指标（30分） 10 (or 5): 110 in all while 总分 is 100.
  "004-01": [
    "error:SECTION_WEIGHT_MISMATCH@B11",
    "error:SECTION_WEIGHT_MISMATCH@B16",
    ...WEIGHT_110("G21", "H21"),
  ],
  "004-02": [
    "error:SECTION_WEIGHT_MISMATCH@B14",
    "error:SECTION_WEIGHT_MISMATCH@B18",
    ...WEIGHT_110("G23", "H23"),
  ],
  "004-03": [
    "error:SECTION_WEIGHT_MISMATCH@B14",
    "error:SECTION_WEIGHT_MISMATCH@B21",
    "error:SECTION_WEIGHT_MISMATCH@B25",
    ...WEIGHT_110("G26", "H26"),
  ],
  "004-04": [
    "error:SECTION_WEIGHT_MISMATCH@B14",
    "error:SECTION_WEIGHT_MISMATCH@B19",
    ...WEIGHT_110("G24", "H24"),
  ],
  // … and 办公网络稳定性 9 of 10 without explanation.
  "004-05": [
    "error:SECTION_WEIGHT_MISMATCH@B14",
    "error:SECTION_WEIGHT_MISMATCH@B18",
    ...WEIGHT_110("G23", "H23"),
    "error:DEVIATION_UNEXPLAINED@I21",
  ],
  "004-06": [
    "error:SECTION_WEIGHT_MISMATCH@B14",
    "error:SECTION_WEIGHT_MISMATCH@B19",
    ...WEIGHT_110("G24", "H24"),
  ],
};

const show = (fs: { severity: string; code: string; cell: string | null }[]) =>
  fs.map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("all rules over the real seed tables", () => {
  const seeds = allSeedTables();

  it("covers the 40 transcribed tables", () => {
    expect(seeds.length).toBe(40);
    for (const id of Object.keys(EXPECTED)) expect(seeds.map((s) => s.id)).toContain(id);
  });

  it.each(seeds.map((s) => [s.id, s] as const))("%s", (id, seed) => {
    const { table } = detectSeed(seed);
    expect(show(runRules(ALL_RULES, table, DEFAULT_SETTINGS))).toEqual(EXPECTED[id] ?? []);
  });

  it("finds the same on a sheet holding all of a document's tables stacked, shifted to C5", () => {
    for (const doc of ["000", "001", "004"]) {
      const tables = seeds.filter((s) => s.id.startsWith(doc));
      const { snapshot, layouts } = seedSheet(tables, { origin: { row: 4, col: 2 }, gap: 3 });
      const report = analyzeSheet(snapshot);
      expect(report.tables.length).toBe(tables.length);
      report.tables.forEach((t, i) => {
        // Same findings, moved by the table's offset: compare codes and (row, col) relative to the layout.
        const rel = t.findings.map(
          (f) => `${f.severity}:${f.code}@${(f.row ?? 0) - 1 - layouts[i].titleRow}`
        );
        const single = runRules(ALL_RULES, detectSeed(tables[i]).table, DEFAULT_SETTINGS).map(
          (f) => `${f.severity}:${f.code}@${(f.row ?? 0) - 1}`
        );
        expect([tables[i].id, rel]).toEqual([tables[i].id, single]);
      });
    }
  });
});
