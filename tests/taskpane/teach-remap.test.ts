/**
 * 识别此表格式 with a heading the draft maps wrongly (tests/fixtures/teach/remap-layout.json): the
 * draft takes 完成情况 (the explanation column) for 实际完成值 and cannot place 全年实绩 (the real
 * actual). Correcting both through the teach model gives a family that makes check read the right
 * fields; an ignored heading is left out of the family, and ignoring a heading the built-in base
 * family itself knows gives a family written whole, without that spelling.
 */
import { analyzeGrid } from "../../src/engine/analyze";
import { resolveFamilies } from "../../src/engine/families";
import { Grid } from "../../src/engine/grid/snapshot";
import { parseRuleSet, ruleSetDocument } from "../../src/engine/policy/ruleset";
import { resolveSettings, RuleSet } from "../../src/engine/settings";
import {
  chosenField,
  draftLayout,
  familyWithMapping,
  previewLayout,
  rulesWithFamily,
  TeachMapping,
} from "../../src/taskpane/teach";
import { remapSnapshot } from "./teach-layouts";

const defaults = resolveSettings();
const CORRECTED: TeachMapping = { F7: "indicators.actual", I7: "indicators.explanation" };

/** The rule set as the workbook stores it, read back. */
function stored(rules: RuleSet): RuleSet {
  const parsed = parseRuleSet(JSON.parse(JSON.stringify(ruleSetDocument(rules))));
  if (!parsed.ok) throw new Error(`${parsed.path}: ${parsed.error_en}`);
  return parsed.rules;
}

function read(rules: RuleSet) {
  return analyzeGrid(new Grid(remapSnapshot()), rules).tables.map((t) => ({
    range: t.table.range.address,
    family: t.table.family,
    actual: t.table.indicators?.columns.actual,
    explanation: t.table.indicators?.columns.explanation,
    target: t.table.indicators?.columns.target,
    findings: t.findings.map((f) => `${f.code}@${f.cell}`),
  }));
}

describe("识别此表格式: correcting a heading the draft mapped wrongly", () => {
  test("no built-in family reads the table; the draft takes 完成情况 for the actual", () => {
    expect(read(defaults)).toEqual([]);
    const draft = draftLayout(remapSnapshot(), defaults)!;
    expect(draft.headings[0]).toEqual({
      cell: "F7",
      text: "全年实绩",
      section: "indicators",
      drafted: "",
    });
    const byCell = Object.fromEntries(draft.headings.map((h) => [h.cell, h.drafted]));
    expect(byCell).toMatchObject({
      I7: "indicators.actual",
      A4: "funding.label",
      B5: "funding.rows.total",
      B6: "funding.rows.fiscal",
      A7: "indicators.label",
      A12: "total",
    });
    expect(draft.family.extends).toBe("national");
    // Read with the draft as it is: the explanations are taken for actuals, the real one is lost.
    expect(read(rulesWithFamily(defaults, familyWithMapping(draft, {})))).toEqual([
      {
        range: "A1:I12",
        family: "taught",
        actual: 8,
        explanation: null,
        target: 4,
        findings: ["MISSING_FIELD@A7", "DEVIATION_UNEXPLAINED@H8", "DEVIATION_UNEXPLAINED@H10"],
      },
    ]);
  });

  test("remapped, the family moves 完成情况 to the explanation, and check reads the right fields", () => {
    const snap = remapSnapshot();
    const draft = draftLayout(snap, defaults)!;
    const family = familyWithMapping(draft, CORRECTED);
    expect(family.extends).toBe("national");
    expect(family.indicators?.columns).toMatchObject({
      actual: ["全年实绩"],
      explanation: ["完成情况"],
    });
    expect(JSON.stringify(family)).not.toMatch(/"actual":\[[^\]]*完成情况/);
    expect(family.unmapped).toBeUndefined();
    for (const h of draft.headings)
      expect(chosenField(h, CORRECTED)).toBe(CORRECTED[h.cell] ?? h.drafted);

    const preview = previewLayout(snap, defaults, family);
    expect(preview).toMatchObject({ range: "A1:I12", indicators: 4, findings: 1, errors: 1 });
    expect(preview.fields).toEqual(
      expect.arrayContaining([
        { id: "indicators.actual", column: "F" },
        { id: "indicators.explanation", column: "I" },
      ])
    );

    // Saved in the workbook's rule set and read back, as check reads it.
    expect(read(stored(rulesWithFamily(defaults, family)))).toEqual([
      {
        range: "A1:I12",
        family: "taught",
        actual: 5,
        explanation: 8,
        target: 4,
        findings: ["DEVIATION_UNEXPLAINED@I10"],
      },
    ]);
  });

  test("an ignored heading is left out of the family and listed as unmapped", () => {
    const draft = draftLayout(remapSnapshot(), defaults)!;
    const family = familyWithMapping(draft, { F7: "indicators.actual", I7: "" });
    expect(family.extends).toBe("national");
    expect(JSON.stringify(family.indicators)).not.toContain("完成情况");
    expect(family.markers).not.toContain("完成情况");
    expect(family.unmapped).toEqual(["I7 完成情况"]);
    const [t] = read(stored(rulesWithFamily(defaults, family)));
    // Without its heading the last column is not part of the table any more.
    expect(t).toMatchObject({ range: "A1:H12", actual: 5, explanation: null });
  });

  test("ignoring a heading the base family knows writes the family whole, without that spelling", () => {
    const draft = draftLayout(remapSnapshot(), defaults)!;
    const family = familyWithMapping(draft, { ...CORRECTED, E7: "" });
    expect(family.extends).toBeUndefined();
    const resolved = resolveFamilies({ labelSynonyms: {}, families: [family] }).find(
      (f) => f.id === "taught"
    )!;
    expect(resolved.indicators.columns.target).not.toContain("年度指标值");
    // The rest of the national layout is kept (its other spellings, its 等级 labels …).
    expect(resolved.indicators.columns.target).toContain("年度目标值");
    expect(resolved.grade.labels).toContain("等级");
    expect(resolved.indicators.columns.actual).toEqual(
      expect.arrayContaining(["全年实绩", "实际完成值"])
    );
    expect(family.unmapped).toEqual(["E7 年度指标值"]);
    const [t] = read(stored(rulesWithFamily(defaults, family)));
    expect(t).toMatchObject({ range: "A1:I12", family: "taught", actual: 5, target: null });
  });
});
