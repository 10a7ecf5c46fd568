import { gradeMismatch } from "../../src/engine/rules/grade-mismatch";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { codesAt, edited, findings, hunanSeed } from "../helpers/table-builder";

describe("GRADE_MISMATCH", () => {
  it.each<[string, SeedTable]>([
    ["004-02: 100 → 优", seedTable("004-02")],
    ["004-05: 99 → 优", seedTable("004-05")],
    ["000-01: no grade row (Beijing)", seedTable("000-01")],
    [
      "004-05 at exactly 90 → 优 (90 含)",
      edited(seedTable("004-05"), (t) => (t.total.score = "90")),
    ],
    [
      "004-05 at 85 graded 良",
      edited(seedTable("004-05"), (t) => {
        t.total.score = "85";
        t.grade!.text = "等级：良";
      }),
    ],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(gradeMismatch, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "004-05 graded 良 at 99",
      edited(seedTable("004-05"), (t) => (t.grade!.text = "等级：良")),
      ["GRADE_MISMATCH@A24"],
    ],
    [
      "004-02 at 89.99 still graded 优",
      edited(seedTable("004-02"), (t) => (t.total.score = "89.99")),
      ["GRADE_MISMATCH@A24"],
    ],
    [
      "the Hunan builder table at 59 graded 中",
      edited(hunanSeed(), (t) => {
        t.total.score = "59";
        t.grade!.text = "等级：中";
      }),
      ["GRADE_MISMATCH@A21"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(gradeMismatch, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs[0].severity).toBe("error");
  });

  it("names the total and both grades", () => {
    const [f] = findings(
      gradeMismatch,
      edited(seedTable("004-02"), (t) => (t.total.score = "89.99"))
    );
    expect(f.message_zh).toBe("总分 89.99 对应等级为“良”，表中填写为“优”");
    expect(f).toMatchObject({ expected: "良", actual: "优" });
  });

  it("follows settings.gradeBands", () => {
    const seed = edited(seedTable("004-05"), (t) => (t.grade!.text = "等级：良"));
    expect(
      findings(gradeMismatch, seed, {
        gradeBands: [
          { min: 100, label: "优" },
          { min: 80, label: "良" },
        ],
      })
    ).toEqual([]);
  });
});
