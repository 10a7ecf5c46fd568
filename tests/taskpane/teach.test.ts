import { analyzeGrid } from "../../src/engine/analyze";
import { Grid } from "../../src/engine/grid/snapshot";
import { parseRuleSet } from "../../src/engine/policy/ruleset";
import { resolveSettings } from "../../src/engine/settings";
import {
  draftLayout,
  familyWithMapping,
  fieldsOf,
  freeFamilyId,
  previewLayout,
  rulesWithFamily,
  sameRules,
  TEACH_FIELDS,
} from "../../src/taskpane/teach";
import { yunnanPublic } from "../helpers/family-tables";
import { snapshotFromRows } from "./fake-host";
import { renamedSnapshot } from "./teach-layouts";

const defaults = resolveSettings();

describe("识别此表格式: the pure steps", () => {
  test("the renamed table is found by no built-in family", () => {
    const report = analyzeGrid(new Grid(renamedSnapshot()), defaults);
    expect(report.tables).toHaveLength(0);
    expect(report.findings.map((f) => f.code)).toEqual(["TABLE_NOT_FOUND"]);
  });

  test("a draft lists the heading it could not map, in the funding header", () => {
    const draft = draftLayout(renamedSnapshot(), defaults)!;
    expect(draft).not.toBeNull();
    expect(draft.family.id).toBe("taught");
    expect(draft.headings.filter((h) => !h.drafted)).toEqual([
      { cell: "G6", text: "标准分", section: "funding", drafted: "" },
    ]);
    expect(draft.headings[0].cell).toBe("G6"); // the unplaced heading comes first
    expect(draft.headings).toContainEqual({
      cell: "G13",
      text: "标准分",
      section: "indicators",
      drafted: "indicators.weight",
    });
  });

  test("a sheet with nothing table-like gives no draft", () => {
    const notes = snapshotFromRows("说明", [["填表说明"], ["金额单位为万元"]]);
    expect(draftLayout(notes, defaults)).toBeNull();
  });

  test("the mapping changes the preview: the funding 分值 is found once 标准分 is mapped to it", () => {
    const snap = renamedSnapshot();
    const draft = draftLayout(snap, defaults)!;
    const before = previewLayout(snap, defaults, familyWithMapping(draft, {}));
    expect(before.range).toBe("A1:I22");
    expect(before.indicators).toBe(8);
    const family = familyWithMapping(draft, { G6: "funding.weight" });
    expect(family.funding?.columns?.weight).toEqual(["标准分"]);
    expect(family.markers).toContain("标准分");
    expect(family.unmapped).toBeUndefined();
    expect(familyWithMapping(draft, {}).unmapped).toEqual(["G6 标准分"]);
    const after = previewLayout(snap, defaults, family);
    expect(after.range).toBe("A1:I22");
    expect(after.indicators).toBe(before.indicators);
    // 001-04 states 总分 94; its rows add up to 97 (the one real error).
    expect(after.statedTotal).toBe(94);
    expect(after.computedTotal).toBe(97);
    expect(after.findings).toBeLessThan(before.findings);
  });

  test("the family saved in a rule set round-trips: the rule set parses and reads the table", () => {
    const snap = renamedSnapshot();
    const draft = draftLayout(snap, defaults)!;
    const rules = rulesWithFamily(defaults, familyWithMapping(draft, { G6: "funding.weight" }));
    const parsed = parseRuleSet(JSON.parse(JSON.stringify(rules)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(sameRules(parsed.rules, rules)).toBe(true);
    expect(sameRules(parsed.rules, defaults)).toBe(false);
    const report = analyzeGrid(new Grid(snap), parsed.rules);
    expect(report.tables.map((t) => [t.table.range.address, t.table.family])).toEqual([
      ["A1:I22", "taught"],
    ]);
    expect(freeFamilyId(parsed.rules)).toBe("taught-2");
  });

  test("a two-row header: both rows' headings are listed, and the family saved reads the table", () => {
    const snap = yunnanPublic({ G6: "权数", I6: "评分", H13: "权数", I13: "评分" });
    const draft = draftLayout(snap, defaults)!;
    const indicatorCells = draft.headings
      .filter((h) => h.section === "indicators")
      .map((h) => `${h.cell}:${h.drafted}`);
    expect(indicatorCells).toEqual([
      "D13:", // 年度指标值 over 指标性质/指标值/度量单位, not placed: first
      "A13:indicators.label",
      "G13:indicators.actual",
      "H13:indicators.weight",
      "I13:indicators.score",
      "J13:indicators.explanation",
      "A14:indicators.level1",
      "B14:indicators.level2",
      "C14:indicators.level3",
      "D14:indicators.nature",
      "E14:indicators.target",
      "F14:indicators.measureUnit",
    ]);
    const family = familyWithMapping(draft, {});
    expect(family.extends).toBe("yunnan-public");
    expect(family.indicators?.headerRows).toBe(2);
    expect(previewLayout(snap, defaults, family)).toMatchObject({
      range: "A1:J24",
      indicators: 7,
      findings: 2,
    });
  });

  test("every field has a Chinese and an English name, by block", () => {
    for (const f of TEACH_FIELDS) {
      expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.en).toMatch(/[a-z]/);
    }
    expect(fieldsOf("funding").map((f) => f.id)).toContain("funding.weight");
    expect(fieldsOf("indicators").map((f) => f.id)).toContain("indicators.explanation");
  });
});
