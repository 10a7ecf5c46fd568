/**
 * SCORE_BASIS_MISMATCH and 按百分制折算 (hundredPointConversion) over the real 110-point tables:
 * indicators weighted 100 beside a funding 分值 of 10, 总分 on 100 (seed 001: 8 tables, 004: all 6).
 */
import { ALL_RULES } from "../../src/engine/rules";
import { runRules } from "../../src/engine/rules/rule";
import { scoreBasisMismatch } from "../../src/engine/rules/score-basis";
import { allSeedTables, seedTable } from "../helpers/seed-grid";
import { codesAt, detectSeed, findings, settingsOf } from "../helpers/table-builder";

const ON_100 = [
  "001-02",
  "001-05",
  "001-06",
  "001-09",
  "001-15",
  "001-16",
  "001-17",
  "001-19",
  "004-01",
  "004-02",
  "004-03",
  "004-04",
  "004-05",
  "004-06",
];
const TOTALS = ["SCORE_BASIS_MISMATCH", "WEIGHT_TOTAL_MISMATCH", "TOTAL_SCORE_MISMATCH"];

function totalFindings(id: string, conversion: boolean): string[] {
  const { table } = detectSeed(seedTable(id));
  const settings = settingsOf({ hundredPointConversion: conversion });
  return codesAt(runRules(ALL_RULES, table, settings).filter((f) => TOTALS.includes(f.code)));
}

describe("SCORE_BASIS_MISMATCH", () => {
  it("is the one finding about the totals of every 110-point table, and of no other", () => {
    for (const s of allSeedTables()) {
      const basis = findings(scoreBasisMismatch, s);
      expect([s.id, basis.length]).toEqual([s.id, ON_100.includes(s.id) ? 1 : 0]);
      if (ON_100.includes(s.id)) {
        expect(totalFindings(s.id, false)).toEqual([`SCORE_BASIS_MISMATCH@${basis[0].cell}`]);
      }
    }
  });

  it("says what happened", () => {
    const [f] = findings(scoreBasisMismatch, seedTable("004-02"));
    expect(f.cell).toBe("G23");
    expect(f.severity).toBe("error");
    expect(f.message_zh).toBe(
      "指标分值合计 100，另计资金分值 10，总分口径不一致（分值共 110，总分按 100 计；总分得分 100 只计了指标得分，未计资金得分 10）。若按百分制折算，请在规则集中开启 hundredPointConversion"
    );
    expect(f).toMatchObject({ expected: 100, actual: 110 });
  });
});

describe("按百分制折算 (hundredPointConversion)", () => {
  it("is off by default", () => {
    expect(settingsOf().hundredPointConversion).toBe(false);
  });

  it("checks the 110-point tables clean where the stated total matches the conversion", () => {
    // 10 + 100 × 90/100 = 100.
    for (const id of [
      "001-02",
      "001-05",
      "001-06",
      "001-09",
      "001-16",
      "001-17",
      "004-01",
      "004-02",
    ])
      expect([id, totalFindings(id, true)]).toEqual([id, []]);
    // 001-01: indicators 80 (no 满意度 row) → 10 + 80 × 90/80 = 100, as stated.
    expect(totalFindings("001-01", true)).toEqual([]);
  });

  it("still reports a total that does not match the conversion", () => {
    // 10 + 99 × 0.9 = 99.1, stated 99.
    expect(totalFindings("001-15", true)).toEqual(["TOTAL_SCORE_MISMATCH@H20"]);
    expect(totalFindings("004-05", true)).toEqual(["TOTAL_SCORE_MISMATCH@H23"]);
    const { table } = detectSeed(seedTable("001-15"));
    const f = runRules(ALL_RULES, table, settingsOf({ hundredPointConversion: true })).find(
      (x) => x.code === "TOTAL_SCORE_MISMATCH"
    )!;
    expect(f.message_zh).toBe(
      "总分应为 99.1（资金得分 10 + 各指标得分之和 89.1，按百分制折算），表中填写为 99"
    );
  });

  it("leaves ordinary tables as they are (factor 1)", () => {
    expect(totalFindings("001-04", true)).toEqual(["TOTAL_SCORE_MISMATCH@H22"]);
    expect(totalFindings("000-01", true)).toEqual([]);
  });
});
