/**
 * Fill on the tables of the 四川 预算管理一体化 and 云南 公开 families, proven with HyperFormula (a dev
 * dependency, tests only): the formulas fill writes into the real layouts compute the right 执行率
 * (元 amounts as they are, 调整后预算数 as 四川's denominator), funding 得分 (capped at 权重/分值),
 * 总分 and — 云南 — the grade in the 总分 row's last cell; each write's `result` is what the
 * spreadsheet computes. The family's `fill` data decides which formulas are written.
 */
import { HyperFormula, RawCellContent } from "hyperformula";
import { analyzeSheet } from "../../src/engine/analyze";
import { planTableFill } from "../../src/engine/fill/plan-fill";
import { CellWrite } from "../../src/engine/fill/plan-types";
import { parseA1 } from "../../src/engine/grid/a1";
import { GridSnapshot } from "../../src/engine/grid/snapshot";
import { EngineSettings, EngineSettingsInput, resolveSettings } from "../../src/engine/settings";
import { yunnanPublic } from "../helpers/family-tables";
import { readTsvFixture, tsvSnapshot } from "../helpers/tsv-grid";

const FORM = readTsvFixture("sichuan-yitihua-0013zp.txt");

/** A copy of the real 四川 form with cells typed in, by A1 address. */
function sichuan(cells: Record<string, string>): GridSnapshot {
  return tsvSnapshot(FORM, {
    edit: (r, c, text) => cells[`${String.fromCharCode(65 + c)}${r + 1}`] ?? text,
  });
}

/** The sheet with the plan written into it, evaluated by HyperFormula. */
function evaluate(snap: GridSnapshot, writes: CellWrite[]) {
  const rows: RawCellContent[][] = snap.values.map((r) =>
    r.map((v) => (typeof v === "number" || typeof v === "string" ? v : null))
  );
  for (const w of writes) {
    while (rows.length <= w.row) rows.push([]);
    rows[w.row][w.col] = w.formula ?? (w.value as RawCellContent);
  }
  const hf = HyperFormula.buildFromArray(rows, { licenseKey: "gpl-v3", smartRounding: false });
  const at = (address: string) => {
    const { row, col } = parseA1(address);
    const v = hf.getCellValue({ sheet: 0, row, col });
    return v !== null && typeof v === "object" ? (v as { value: string }).value : v;
  };
  return { at, destroy: () => hf.destroy() };
}

function fill(snap: GridSnapshot, rules?: EngineSettingsInput) {
  const settings: EngineSettings = resolveSettings(rules);
  const [{ table }] = analyzeSheet(snap, { settings }).tables;
  const plan = planTableFill(table, settings);
  return { table, plan, ev: evaluate(snap, plan.writes) };
}

/** Every formula's `result` is what HyperFormula computes in its cell. */
function expectResultsComputed(writes: CellWrite[], at: (a: string) => unknown): void {
  for (const w of writes.filter((x) => x.formula)) {
    const v = at(w.address);
    if (typeof w.result === "number")
      expect([w.address, v]).toEqual([w.address, expect.closeTo(w.result, 9)]);
    else expect([w.address, v]).toEqual([w.address, w.result]);
  }
}

describe("四川 预算管理一体化: fill formulas compute in a spreadsheet", () => {
  it("divides 预算执行数 by 调整后预算数, scores 权重 × 执行率, adds up 合计; no grade cell", () => {
    // 调整后预算数 251.89 (年初 238.93): 执行 226.701 is 90 %; 权重 10 gives 9.00.
    const { table, plan, ev } = fill(
      sichuan({
        E9: "226.701",
        E10: "226.701",
        H15: "100",
        J15: "60",
        H16: "96",
        J16: "27",
        K16: "部分人员年中调入；下年度及时调整。",
      })
    );
    try {
      expect(table.family).toBe("sichuan-yitihua");
      const byPurpose = (p: string) => plan.writes.filter((w) => w.purpose === p);
      expect(byPurpose("rate").map((w) => w.address)).toEqual(["F9", "F10"]);
      expect(ev.at("F9")).toBeCloseTo(0.9, 12);
      expect(byPurpose("fundingScore").map((w) => w.address)).toEqual(["H9"]);
      expect(ev.at("H9")).toBeCloseTo(9, 12);
      expect(ev.at("I17")).toBe(100);
      expect(ev.at("J17")).toBeCloseTo(96, 12);
      expect(byPurpose("grade")).toEqual([]);
      // 0.00% typed where the budget is 0 is kept, and said so.
      expect(plan.skipped.map((s) => [s.address, s.reason])).toEqual([
        ["F11", "rateUncomputable"],
        ["F12", "rateUncomputable"],
      ]);
      expectResultsComputed(plan.writes, ev.at);
    } finally {
      ev.destroy();
    }
  });

  it("caps the funding 得分 at its 权重 when spending exceeds the budget", () => {
    const { plan, ev } = fill(sichuan({ E9: "300", H15: "100", J15: "60", H16: "100", J16: "30" }));
    try {
      expect(ev.at("F9")).toBeCloseTo(300 / 251.89, 12);
      expect(ev.at("H9")).toBe(10);
      expect(ev.at("J17")).toBe(100);
      expectResultsComputed(plan.writes, ev.at);
    } finally {
      ev.destroy();
    }
  });
});

describe("云南 公开14表: fill formulas compute in a spreadsheet", () => {
  it("keeps the 元 amounts as they are, and grades in the 总分 row's last cell", () => {
    const { table, plan, ev } = fill(yunnanPublic());
    try {
      expect(table.unit).toBe("元");
      // 456000 / 480000 元: the same 95 % as in 万元; no amount is written or scaled.
      expect(plan.writes.filter((w) => w.purpose === "convertNumber")).toEqual([]);
      expect(ev.at("H7")).toBeCloseTo(0.95, 12);
      expect(ev.at("I7")).toBe(9.5);
      expect(ev.at("H24")).toBe(100);
      expect(ev.at("I24")).toBeCloseTo(96.5, 12);
      const grade = plan.writes.find((w) => w.purpose === "grade");
      expect(grade?.address).toBe("J24");
      expect(ev.at("J24")).toBe("优");
      expectResultsComputed(plan.writes, ev.at);
    } finally {
      ev.destroy();
    }
  });

  it("grades a lower total 良, 中 or 差 by the rule set's bands", () => {
    // 执行 360000 of 480000 元 is 75 %: funding 7.5; scores cut to a total in the 中 band.
    const { ev, plan } = fill(
      yunnanPublic({ F7: 360000, F8: 360000, I15: 10, I16: 10, I17: 10, I19: 10, I21: 5 })
    );
    try {
      expect(ev.at("I7")).toBe(7.5);
      expect(ev.at("I24")).toBeCloseTo(7.5 + 10 + 10 + 10 + 10 + 10 + 5 + 4, 12);
      expect(ev.at("J24")).toBe("中");
      expectResultsComputed(plan.writes, ev.at);
    } finally {
      ev.destroy();
    }
  });
});

describe("the family's fill data decides which formulas are written", () => {
  it("by default a family takes every formula (the national behaviour)", () => {
    const { plan } = fill(yunnanPublic());
    expect([...new Set(plan.writes.map((w) => w.purpose))]).toEqual([
      "rate",
      "fundingScore",
      "totalWeight",
      "totalScore",
      "grade",
    ]);
  });

  it("a family without rate and grade formulas gets neither; the funding 得分 computes the rate itself", () => {
    const { plan, ev } = fill(yunnanPublic(), {
      families: [{ id: "yunnan-public", fill: { rate: false, grade: false } }],
    });
    try {
      expect([...new Set(plan.writes.map((w) => w.purpose))]).toEqual([
        "fundingScore",
        "totalWeight",
        "totalScore",
      ]);
      const score = plan.writes.find((w) => w.purpose === "fundingScore")!;
      expect(score.formula).toContain("F7/E7");
      expect(ev.at("I7")).toBe(9.5);
      expectResultsComputed(plan.writes, ev.at);
    } finally {
      ev.destroy();
    }
  });

  it("a family without total formulas keeps the stated 总分 and still grades it", () => {
    const { plan } = fill(yunnanPublic({ I24: 96 }), {
      families: [{ id: "yunnan-public", fill: { total: false, fundingScore: false } }],
    });
    expect(plan.writes.map((w) => w.purpose)).toEqual(["rate", "rate", "rate", "rate", "grade"]);
    expect(plan.writes.find((w) => w.purpose === "grade")?.result).toBe("优");
  });
});
