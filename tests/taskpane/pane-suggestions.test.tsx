/** @jest-environment jsdom */
/**
 * 采用建议得分 in the pane: a SCORE_POLICY_MISMATCH finding shows its suggested score with a button
 * that writes only its own row; 全部采用建议得分 writes every listed row of the table; undo.
 */
import "./setup-dom";
import { screen } from "@testing-library/react";
import { RETIREES, workbook } from "./fixtures";
import { button, queryButton, setup, validateSheet, zh } from "./pane-helpers";

describe("Pane: 采用建议得分", () => {
  function policyWorkbook() {
    const host = workbook({ active: RETIREES });
    host.state.rules = { version: 1, indicatorScoring: { enabled: true } };
    return host;
  }

  test("each SCORE_POLICY_MISMATCH finding shows its suggestion and applies only its own row", async () => {
    const { host, user } = await setup(policyWorkbook());
    await validateSheet(user);
    const h17 = button("在单元格 H17 采用建议得分 16");
    expect(button("在单元格 H18 采用建议得分 19.38")).toBeTruthy();
    const item = h17.closest("li") as HTMLElement;
    expect(item.textContent).toContain("建议得分：16");
    expect(item.textContent).toContain("表中为：20");
    // Shown, never applied by itself.
    expect(host.calls.applyPlan).toEqual([]);

    await user.click(h17);
    await screen.findByText(/已把单元格 H17 的得分改为建议得分 16/);
    expect(host.calls.applyPlan).toHaveLength(1);
    expect(host.calls.applyPlan[0].action).toBe("applySuggestedScores");
    expect(host.calls.applyPlan[0].plan.writes.map((w) => [w.address, w.value])).toEqual([
      ["H17", 16],
    ]);
    expect(host.cell(RETIREES, "H17").value).toBe(16);
    expect(host.cell(RETIREES, "H18").value).toBe(19);
    expect(queryButton(/在单元格 H17 采用建议得分/)).toBeNull();

    await user.click(button(zh.undo));
    await screen.findByText("已撤销“采用建议得分”。");
    expect(host.cell(RETIREES, "H17").value).toBe(20);
    expect(button("在单元格 H17 采用建议得分 16")).toBeTruthy();
  });

  test("全部采用建议得分 applies every suggestion of the table at once", async () => {
    const { host, user } = await setup(policyWorkbook());
    await validateSheet(user);
    const all = button(/^全部采用建议得分：/);
    expect(all.textContent).toBe("全部采用建议得分（2）");
    await user.click(all);
    await screen.findByText(/已在 2 个单元格中采用建议得分/);
    expect(host.calls.applyPlan[0].plan.writes.map((w) => `${w.address}=${w.value}`)).toEqual([
      "H17=16",
      "H18=19.38",
    ]);
    expect(queryButton(/采用建议得分/)).toBeNull();
  });

  test("without the policy there is no suggestion button", async () => {
    const { user } = await setup(workbook({ active: RETIREES }));
    await validateSheet(user);
    expect(queryButton(/采用建议得分/)).toBeNull();
  });
});
