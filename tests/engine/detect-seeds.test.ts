import { detectTables } from "../../src/engine/detect/detect";
import { columnName } from "../../src/engine/grid/a1";
import { Grid } from "../../src/engine/grid/snapshot";
import { familiesFor } from "../../src/engine/analyze";
import { DEFAULT_SETTINGS } from "../../src/engine/settings";
import { AssessmentTable } from "../../src/engine/model/table";
import { AssessmentTableSchema } from "../../src/engine/model/table";
import { cellText } from "../../src/engine/text/normalize";
import {
  SEED_INDEX,
  SEED_WORKBOOKS,
  SeedIndexEntry,
  seedSnapshots,
} from "../helpers/seed-workbooks";

const matcher = familiesFor(DEFAULT_SETTINGS);
const detected = new Map<string, AssessmentTable[]>();

beforeAll(async () => {
  for (const wb of SEED_WORKBOOKS) {
    for (const snap of await seedSnapshots(wb))
      detected.set(`${wb}/${snap.sheetName}`, detectTables(new Grid(snap), matcher));
  }
});

function tableFor(entry: SeedIndexEntry): AssessmentTable {
  const onSheet = detected.get(`${entry.workbook}/${entry.sheet}`) ?? [];
  const t = onSheet.find((x) => x.range.address === entry.range);
  if (!t)
    throw new Error(
      `${entry.id}: no table at ${entry.range}; found ${onSheet.map((x) => x.range.address).join(", ")}`
    );
  return t;
}

describe("every sample table is found where the seed index says", () => {
  it("finds exactly the indexed tables on every sheet, and nothing else", () => {
    const expected = new Map<string, string[]>();
    for (const e of SEED_INDEX.tables) {
      const key = `${e.workbook}/${e.sheet}`;
      expected.set(key, [...(expected.get(key) ?? []), e.range]);
    }
    for (const [key, tables] of detected) {
      expect({ key, ranges: tables.map((t) => t.range.address) }).toEqual({
        key,
        ranges: expected.get(key) ?? [],
      });
    }
    expect(SEED_INDEX.tables).toHaveLength(40);
  });

  it.each(SEED_INDEX.tables.map((e) => [e.id, e] as const))(
    "%s: range, kind, variant and fields",
    (_id, e) => {
      const t = tableFor(e);
      expect(AssessmentTableSchema.parse(t)).toBeTruthy();
      expect(t.kind).toBe(e.kind);
      expect(t.variant).toBe(e.variant);
      // The family that reads it: national (Beijing, seeds 000/001) or hunan (seed 004), amounts in 万元.
      expect(t.family).toBe(e.variant === "hunan" ? "hunan" : "national");
      expect(t.unit).toBe("万元");
      const name = t.header.projectName?.value?.value;
      expect(name === undefined || name === null ? null : cellText(name)).toBe(e.projectName);

      const fundingTotal = t.funding?.rows.find((r) => r.kind === "total");
      expect(fundingTotal?.row).toBe(e.fundingTotalRow - 1);
      expect(t.funding?.rows.map((r) => r.kind)).toEqual(["total", "fiscal", "carryover", "other"]);
      const col = (c: number | null | undefined) =>
        c === null || c === undefined ? null : columnName(c);
      expect(col(t.funding?.columns.budget)).toBe(e.columns.budget);
      expect(col(t.funding?.columns.executed)).toBe(e.columns.executed);
      expect(col(t.funding?.columns.rate)).toBe(e.columns.rateCol);
      expect(col(t.funding?.columns.score)).toBe(e.columns.fundingScore);
      expect(col(t.indicators?.columns.weight)).toBe(e.columns.indicatorWeight);
      expect(col(t.indicators?.columns.score)).toBe(e.columns.indicatorScore);
      expect(col(t.indicators?.columns.explanation)).toBe(e.columns.explanation);

      const rows = t.indicators?.rows ?? [];
      expect([rows[0]?.row + 1, rows[rows.length - 1]?.row + 1]).toEqual(e.indicatorRows);
      expect(t.total ? t.total.row + 1 : null).toBe(e.totalRow);
      expect(t.grade ? t.grade.row + 1 : null).toBe(e.gradeRow);
    }
  );
});

describe("fields read from real tables", () => {
  const byId = (id: string) => tableFor(SEED_INDEX.tables.find((e) => e.id === id)!);

  it("001-04 高研班: 举办高研班数量 3 → 2, 7 of 10, explained", () => {
    const row = byId("001-04").indicators!.rows.find((r) =>
      String(r.level3?.value).includes("高研班")
    )!;
    expect([row.target?.value, row.actual?.value, row.weight?.value, row.score?.value]).toEqual([
      3, 2, 10, 7,
    ]);
    expect(String(row.explanation?.value).length).toBeGreaterThan(5);
  });

  it("001-15: 成本指标 is a 一级 group of its own and the 效益 row follows it", () => {
    const rows = byId("001-15").indicators!.rows;
    expect(rows.map((r) => r.level1)).toEqual([
      "产出指标",
      "产出指标",
      "产出指标",
      "成本指标",
      "效益指标",
      "满意度指标",
    ]);
  });

  it("004-02 (Hunan): declared section weights are read from 产出指标(50分)", () => {
    const rows = byId("004-02").indicators!.rows;
    expect(rows[0].level1DeclaredWeight).toBe(50);
    expect(rows.filter((r) => r.level1DeclaredWeight === 50).map((r) => r.weight?.value)).toEqual([
      30, 30, 20,
    ]);
    expect(byId("004-02").grade?.value).toBe("优");
  });

  it("004-01 is the whole-department table with no project header", () => {
    const t = byId("004-01");
    expect(t.kind).toBe("department");
    expect(t.header.projectName).toBeUndefined();
    expect(t.header.deptName?.label.address).toBeDefined();
  });

  it("000-13: a 总分 row with a blank label is still the total row", () => {
    const t = byId("000-13");
    expect(t.total?.weight?.value).toBe(100);
    expect(t.total?.score?.value).toBe(99.99);
    expect(t.indicators!.rows.map((r) => r.level1)).toContain("决策");
  });

  it("000-10: the extra empty column inside the table does not shift any field", () => {
    const t = byId("000-10");
    const first = t.indicators!.rows[0];
    expect(columnName(first.target!.col)).toBe("F");
    expect(typeof first.weight?.value).toBe("number");
  });
});
