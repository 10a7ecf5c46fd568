import { overspent } from "../../src/engine/rules/overspent";
import type { SeedTable } from "../../scripts/seed-model";
import { allSeedTables, seedTable } from "../helpers/seed-grid";
import { codesAt, edited, findings } from "../helpers/table-builder";

describe("OVERSPENT", () => {
  it.each<[string, SeedTable]>([
    ["000-04: spent exactly the budget (98.01 of 98.01)", seedTable("000-04")],
    ["000-14: 360.82 of 430.49", seedTable("000-14")],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(overspent, seed)).toEqual([]);
  });

  it("finds nothing in any seed table (none overspends)", () => {
    for (const seed of allSeedTables())
      expect([seed.id, findings(overspent, seed)]).toEqual([seed.id, []]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "000-01 with 8.2 spent of 7.8 on 年度资金总额 and 当年财政拨款",
      edited(seedTable("000-01"), (t) => {
        t.funding.rows[0][3] = "8.2";
        t.funding.rows[1][3] = "8.2";
      }),
      ["OVERSPENT@F6", "OVERSPENT@F7"],
    ],
    [
      "000-07 with 其他资金 spending 9.05 of 9.04",
      edited(seedTable("000-07"), (t) => (t.funding.rows[3][3] = "9.05")),
      ["OVERSPENT@F9"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    const fs = findings(overspent, seed);
    expect(codesAt(fs)).toEqual(expected);
    expect(fs[0].severity).toBe("warning");
  });

  it("names both amounts", () => {
    const [f] = findings(
      overspent,
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][3] = "8.2"))
    );
    expect(f.message_zh).toBe("年度资金总额的全年执行数 8.2 超过全年预算数 7.8");
  });
});
