/**
 * The pane's controller and the trust rules: a fill that changes typed values waits for the user
 * (every change listed), undo keeps later edits and says so, an unreadable state is never written
 * over until 清除助手数据, which removes the journal, ignores and marks (the rule set only if asked).
 */
import { STATE_SHEET } from "../../src/engine/state/schema";
import { PaneController } from "../../src/taskpane/controller";
import { stringsFor } from "../../src/taskpane/i18n";
import { FakeHost } from "./fake-host";
import { POSTDOC, RUNNING, workbook } from "./fixtures";

// Reading and filling the seed workbooks is slow on a loaded machine; no timing is asserted.
jest.setTimeout(60_000);

const zh = stringsFor("zh-CN");

function setup(active: string): { host: FakeHost; controller: PaneController } {
  const host = workbook({ active });
  const controller = new PaneController(host, {
    strings: zh,
    now: () => new Date("2024-03-01T08:00:00Z"),
  });
  return { host, controller };
}

describe("填充公式 shows before it changes", () => {
  test("a fill that replaces a typed 总分 lists it and writes only on confirm", async () => {
    const { host, controller } = setup(POSTDOC);
    expect(await controller.fill()).toBe(true);
    const pending = controller.getState().pendingFill!;
    expect(host.calls.applyPlan).toHaveLength(0);
    expect(pending.changes.map((c) => [c.sheet, c.address, c.field_zh, c.before, c.after])).toEqual(
      [[POSTDOC, "H22", "总分得分", "94", "97"]]
    );
    expect(pending.changes[0].projectName).toContain("博士后");

    controller.cancelFill();
    expect(controller.getState().pendingFill).toBeNull();
    expect(host.calls.applyPlan).toHaveLength(0);

    await controller.fill();
    expect(await controller.confirmFill()).toBe(true);
    expect(host.calls.applyPlan).toHaveLength(1);
    expect(host.cell(POSTDOC, "H22").formula).toMatch(/^=N\(I7\)\+SUM/);
  });

  test("a fill that changes no typed value writes at once; 总分 of a 110-point table is left, with the reason", async () => {
    const { host, controller } = setup(RUNNING);
    await controller.fill();
    expect(controller.getState().pendingFill).toBeNull();
    expect(host.calls.applyPlan).toHaveLength(1);
    expect(host.cell(RUNNING, "H24")).toMatchObject({ value: 96, formula: null });
    const notice = controller.getState().notice!;
    expect(notice.intent).toBe("warning");
    expect(notice.text).toContain("以下公式未填写，单元格保留原值：");
    expect(notice.text).toContain("H24（总分得分）保留原值：各项分值之和为 110，不等于 100");
  });
});

test("fill → edit a filled cell → undo keeps the edit and reports the conflict", async () => {
  const { host, controller } = setup(POSTDOC);
  await controller.fill();
  await controller.confirmFill();
  host.edit(POSTDOC, "H22", 95);
  expect(await controller.undoLast()).toBe(true);
  expect(host.cell(POSTDOC, "H22")).toMatchObject({ value: 95, formula: null });
  const notice = controller.getState().notice!;
  expect(notice.intent).toBe("warning");
  expect(notice.text).toContain("冲突：这些单元格在填充后又被修改，未撤销");
  expect(notice.text).toContain(`${POSTDOC}!H22`);
});

describe("the workbook's state", () => {
  test("an unreadable state is shown, never written over, until 清除助手数据 resets it", async () => {
    const { host, controller } = setup(POSTDOC);
    host.stateError = "Unexpected token n in JSON";
    await controller.validateActiveSheet();
    expect(controller.getState().stateProblem).toContain(`隐藏工作表“${STATE_SHEET}”`);
    const finding = controller.getState().results![0].tables[0].findings[0];
    expect(await controller.ignoreFinding(finding, POSTDOC, "已说明")).toBe(false);
    expect(controller.getState().error?.kind).toBe("stateUnreadable");
    expect(host.calls.writeState).toHaveLength(1); // refused by the host, nothing stored
    expect(host.stateError).not.toBeNull();

    expect(await controller.clearAssistantData({ rules: false })).toBe(true);
    expect(controller.getState().stateProblem).toBeNull();
    expect(await controller.ignoreFinding(finding, POSTDOC, "已说明")).toBe(true);
  });

  test("清除助手数据 removes journal, ignores and marks; the rule set only when asked", async () => {
    const { host, controller } = setup(RUNNING);
    host.state = { ...host.state, rules: { expectedTotalWeight: 110 } };
    await controller.highlight();
    await controller.validateActiveSheet();
    const finding = controller.getState().results![0].tables[0].findings[0];
    await controller.ignoreFinding(finding, RUNNING, "已说明");
    expect(host.state.journal.length).toBeGreaterThan(0);
    expect(host.state.marks.length).toBeGreaterThan(0);

    await controller.clearAssistantData({ rules: false });
    expect(host.state).toMatchObject({
      journal: [],
      suppressions: [],
      marks: [],
      rules: { expectedTotalWeight: 110 },
    });
    await controller.clearAssistantData({ rules: true });
    expect(host.state.rules).toBeUndefined();
  });
});

test("an ignore made in the pane follows its finding when rows are inserted above the table", async () => {
  const { seedGrid, seedTable } = await import("../helpers/seed-grid");
  const { host, controller } = setup(POSTDOC);
  await controller.validateActiveSheet();
  const finding = controller.getState().results![0].tables[0].findings[0];
  expect(finding.cell).toBe("H22");
  await controller.ignoreFinding(finding, POSTDOC, "已在情况说明中解释");
  expect(host.state.suppressions[0].anchor).toMatchObject({ field: "total.score" });

  // The same workbook with three rows inserted above the table: the finding is now at H25.
  const moved = new FakeHost([
    seedGrid(seedTable("001-04"), { sheetName: POSTDOC, origin: { row: 3, col: 0 } }).snapshot,
  ]);
  moved.state = host.state;
  const c2 = new PaneController(moved, { strings: zh });
  await c2.validateActiveSheet();
  const table = c2.getState().results![0].tables[0];
  expect(table.findings).toEqual([]);
  expect(table.ignored.map((i) => [i.finding.cell, i.suppression.reason])).toEqual([
    ["H25", "已在情况说明中解释"],
  ]);
});
