/** Workbooks for the pane's tests, built from the real seed tables. */
import { seedGrid, seedTable } from "../helpers/seed-grid";
import { FakeHost, snapshotFromRows } from "./fake-host";

/** 001-04: 2023 年博士后、高研班工作经费, A1:I22; one error (总分 94 stated, 97 computed). */
export const POSTDOC = "博士后、高研班工作经费";
/** 001-19: 部门运转工作经费, A1:I24; 分值 110, 总分 mismatch, four unexplained deviations (I20–I23). */
export const RUNNING = "部门运转工作经费";
/** 001-15: 区属离休干部生活补助, A1:I20; target missed with full marks (a warning at F17). */
export const RETIREES = "区属离休干部生活补助";
export const NOTES = "说明";

export function workbook(options: { active?: string } = {}): FakeHost {
  return new FakeHost(
    [
      snapshotFromRows(NOTES, [
        ["本工作簿收录 2023 年度项目支出绩效自评表。"],
        ["填表说明：金额单位为万元。"],
      ]),
      seedGrid(seedTable("001-04"), { sheetName: POSTDOC }).snapshot,
      seedGrid(seedTable("001-19"), { sheetName: RUNNING }).snapshot,
      seedGrid(seedTable("001-15"), { sheetName: RETIREES }).snapshot,
    ],
    { active: options.active ?? RUNNING }
  );
}
