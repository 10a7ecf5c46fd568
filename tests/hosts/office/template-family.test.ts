/**
 * OfficeHost.insertTemplateSheet with a family's blank table (四川 0013zp, 云南 公开14表; layouts
 * wider than the presets' 9 columns, a preface row above the title, rows after the total): the new
 * sheet reads back as one table of that family whose findings are the blank required fields.
 */
import { analyzeGrid } from "../../../src/engine/analyze";
import { Grid } from "../../../src/engine/grid/snapshot";
import { resolveSettings } from "../../../src/engine/settings";
import { buildTemplateLayout } from "../../../src/engine/template";
import { setup } from "./helpers";

const NOTES = { name: "说明", cells: { A1: "填表说明" } };

test.each(["sichuan-yitihua", "yunnan-public"])(
  "the %s blank table reads back as its family, with only MISSING_FIELD",
  async (family) => {
    const layout = buildTemplateLayout({ variant: "beijing", family, projects: 1, year: 2024 });
    const sheet = layout.sheets[0];
    const { wb, host } = setup([NOTES]);
    const name = await host.insertTemplateSheet(sheet, { rules: layout.rules });
    // The fake does not calculate: give the formula cells the results Excel would show.
    for (const c of sheet.cells) {
      if (c.formula === undefined) continue;
      wb.sheet(name).cell(c.row, c.col)!.value = c.result === undefined ? "" : c.result;
    }
    const [snapshot] = await host.readSheets([name]);
    expect(snapshot.merges.length).toBe(sheet.merges.length);
    const report = analyzeGrid(new Grid(snapshot), resolveSettings(layout.rules));
    expect(report.tables).toHaveLength(1);
    const { table, findings } = report.tables[0];
    expect([table.family, table.range.address]).toEqual([family, sheet.anchors.range]);
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(["MISSING_FIELD"]));
  }
);
