/**
 * The fill plan's last check (write-guard.ts): a write never lands on a label of the table or on
 * text that is not a value of the field it computes; such a table is refused whole and says why.
 */
import { analyzeWorkbook } from "../../src/engine/analyze";
import { planFill } from "../../src/engine/fill";
import { CellWrite } from "../../src/engine/fill/plan-types";
import { fillRefusal, guardWrites } from "../../src/engine/fill/write-guard";
import { AssessmentTable } from "../../src/engine/model/table";
import { resolveSettings } from "../../src/engine/settings";
import { allSeedTables, COL, seedGrid } from "../helpers/seed-grid";

const settings = resolveSettings();

function tableOf(
  mutate?: (values: unknown[][], l: ReturnType<typeof seedGrid>["layouts"][0]) => void
): AssessmentTable {
  const g = seedGrid(allSeedTables()[0]);
  mutate?.(g.snapshot.values as unknown[][], g.layouts[0]);
  const [report] = analyzeWorkbook([g.snapshot], { settings });
  expect(report.tables).toHaveLength(1);
  return report.tables[0].table;
}

test("a plan over a table read consistently passes untouched", () => {
  const t = tableOf();
  const writes = planFill(t, settings);
  expect(writes.length).toBeGreaterThan(0);
  expect(fillRefusal(t)).toBeNull();
});

test("a write onto one of the table's labels refuses the whole table", () => {
  const t = tableOf();
  const writes = planFill(t, settings);
  const label = t.total!.label;
  const onLabel: CellWrite = {
    ...writes[0],
    row: label.row,
    col: label.col,
    address: label.address,
    before: { value: label.value, formula: null, numberFormat: null },
  };
  expect(guardWrites(t, [...writes, onLabel], settings)).toEqual([]);
  const r = fillRefusal(t)!;
  expect(r.unsafe).toEqual([{ write: onLabel, holds: String(label.value), isLabel: true }]);
  expect(r.range).toBe(t.range.address);
});

test.each(["=SUM(G14:G21)", "+1+1", "@SUM(1)", "合计", "见附件"])(
  "text %p typed in the 总分 得分 cell is not overwritten: the table is refused",
  (text) => {
    const t = tableOf((values, l) => {
      values[l.totalRow][l.left + COL.score] = text;
    });
    expect(planFill(t, settings)).toEqual([]);
    const r = fillRefusal(t)!;
    expect(r.unsafe.map((u) => [u.write.address, u.holds, u.isLabel])).toEqual([
      [t.total!.score!.address, text, false],
    ]);
  }
);

test.each(["", "—", "94", "94 分", "#DIV/0!"])(
  "a 总分 得分 cell holding %p is a value: filled",
  (v) => {
    const t = tableOf((values, l) => {
      values[l.totalRow][l.left + COL.score] = v;
    });
    expect(planFill(t, settings).some((w) => w.purpose === "totalScore")).toBe(true);
    expect(fillRefusal(t)).toBeNull();
  }
);
