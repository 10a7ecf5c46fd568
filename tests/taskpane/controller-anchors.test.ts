/**
 * Ignored findings follow their cell: anchored to the table, the field and the sheet's stable id,
 * an ignore survives a row inserted above the table and the sheet being renamed.
 */
import { PaneController } from "../../src/taskpane/controller";
import { stringsFor } from "../../src/taskpane/i18n";
import { POSTDOC, workbook } from "./fixtures";

test("an ignored finding stays ignored after a row is inserted and the sheet renamed", async () => {
  const host = workbook({ active: POSTDOC });
  const controller = new PaneController(host, { strings: stringsFor("zh-CN") });
  await controller.validateActiveSheet();
  const finding = controller.getState().results![0].tables[0].findings[0];
  expect(`${finding.code}@${finding.cell}`).toBe("TOTAL_SCORE_MISMATCH@H22");
  expect(await controller.ignoreFinding(finding, POSTDOC, "总分按主管部门核定数填写")).toBe(true);

  host.shiftRows(POSTDOC, 0, 1);
  host.renameSheet(POSTDOC, "改名后");
  host.active = "改名后";
  await controller.validateActiveSheet();
  const [table] = controller.getState().results![0].tables;
  expect(table.findings).toEqual([]);
  expect(table.ignored.map((i) => `${i.finding.code}@${i.finding.cell}`)).toEqual([
    "TOTAL_SCORE_MISMATCH@H23",
  ]);
});
