import { overspent } from "../../src/engine/rules/overspent";
import type { SeedTable } from "../../scripts/seed-model";
import { allSeedTables, seedTable } from "../helpers/seed-grid";
import { edited, findings } from "../helpers/table-builder";
import { ruleTester } from "./rule-tester";

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

  it("names both amounts", () => {
    const [f] = findings(
      overspent,
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][3] = "8.2"))
    );
    expect(f.message_zh).toBe("年度资金总额的全年执行数 8.2 超过全年预算数 7.8");
    expect(f.message_en).toBe(
      'Spending of "年度资金总额" (8.2) exceeds its full-year budget (7.8)'
    );
  });
});

ruleTester(overspent, {
  valid: [{ name: "000-04: spent exactly the budget (98.01 of 98.01)", seed: seedTable("000-04") }],
  invalid: [
    {
      name: "000-01 with 8.2 spent of 7.8 on 年度资金总额 and 当年财政拨款",
      seed: edited(seedTable("000-01"), (t) => {
        t.funding.rows[0][3] = "8.2";
        t.funding.rows[1][3] = "8.2";
      }),
      errors: [
        {
          messageId: "overspent",
          cell: "F6",
          severity: "warning",
          data: { name: "年度资金总额", executed: 8.2, budget: 7.8 },
        },
        { messageId: "overspent", cell: "F7", severity: "warning", data: { executed: 8.2 } },
      ],
    },
    {
      name: "000-07 with 其他资金 spending 9.05 of 9.04",
      seed: edited(seedTable("000-07"), (t) => (t.funding.rows[3][3] = "9.05")),
      errors: [
        {
          messageId: "overspent",
          cell: "F9",
          data: {
            executed: 9.05,
            budget: 9.04,
            budgetName: { zh: "全年预算数", en: "full-year budget" },
          },
        },
      ],
    },
  ],
});
