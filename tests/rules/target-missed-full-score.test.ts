import { targetMissedFullScore } from "../../src/engine/rules/target-missed-full-score";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, codesAt, edited, findings } from "../helpers/table-builder";

describe("TARGET_MISSED_FULL_SCORE", () => {
  it.each<[string, SeedTable]>([
    [
      "001-04: 成本 全年支出金额 36 → 25 (a cost row is met by a lower actual)",
      seedTable("001-04"),
    ],
    ["000-06: 成本 5.46万元 → 4.71万元", seedTable("000-06")],
    ["001-02: ≤12 月 → 12 月, 优良中低差 → 优, ≥98 → 98", seedTable("001-02")],
    ["000-01: 13 → 7 at full marks but explained", seedTable("000-01")],
    [
      "001-15 with an explanation for 领取人数",
      edited(
        seedTable("001-15"),
        (t) => (t.indicators.rows[3][7] = "部分离休干部去世，领取人数减少")
      ),
    ],
    ["004-01: ≤4.5% → 4.5%, ≧95% → 95%", seedTable("004-01")],
    ["the builder table", beijingSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(targetMissedFullScore, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "001-15 区属离休干部生活补助: 领取人数 25 → 20, full 20 points, no explanation",
      seedTable("001-15"),
      ["TARGET_MISSED_FULL_SCORE@F17"],
    ],
    [
      "000-05: 剩余部分 3750份 → 1869份 at full marks, no explanation",
      seedTable("000-05"),
      ["TARGET_MISSED_FULL_SCORE@F14"],
    ],
    [
      "001-04 with 举办高研班数量 3 → 2 scored 10 of 10 and no explanation",
      edited(seedTable("001-04"), (t) => {
        t.indicators.rows[0][6] = "10";
        t.indicators.rows[0][7] = "";
      }),
      ["TARGET_MISSED_FULL_SCORE@F14"],
    ],
    [
      "001-04 with 成本 全年支出金额 36 → 40 (cost overrun at full marks)",
      edited(seedTable("001-04"), (t) => (t.indicators.rows[5][4] = "40")),
      ["TARGET_MISSED_FULL_SCORE@F19"],
    ],
    [
      "001-13 with 满意率 96% → 90%",
      edited(seedTable("001-13"), (t) => {
        t.indicators.rows[9][4] = "90%";
        t.indicators.rows[9][7] = "无";
      }),
      ["TARGET_MISSED_FULL_SCORE@F23"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(targetMissedFullScore, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs.every((f) => f.severity === "warning")).toBe(true);
  });

  it("names the target, the actual and the score", () => {
    const [f] = findings(targetMissedFullScore, seedTable("001-15"));
    expect(f.message_zh).toBe(
      "指标“2023年区属离休干部生活补贴领取人数”实际完成值“20”未达到年度指标值“25”，却得满分 20，且未说明偏差原因"
    );
    expect(f).toMatchObject({ expected: 25, actual: 20 });
  });
});
