/** @jest-environment jsdom */
/**
 * 插入标准自评表 offers, after the Beijing and Hunan presets, the blank table of every family that
 * lays one out as data, named by the family; the inserted sheet is that family's table.
 */
import "./setup-dom";
import { screen, within } from "@testing-library/react";
import { POSTDOC, workbook } from "./fixtures";
import { button, findingCells, setup, zh } from "./pane-helpers";

describe("Pane: 插入标准自评表 of a table family", () => {
  test("offers the families by name and inserts the 云南 公开14表", async () => {
    const { host, user } = await setup(workbook({ active: POSTDOC }));
    await user.click(button(zh.insertTemplate));
    const dialog = await screen.findByRole("dialog");
    expect(
      within(dialog)
        .getAllByRole("radio")
        .map((r) => r.getAttribute("value"))
    ).toEqual(["beijing", "hunan", "sichuan-yitihua", "yunnan-public"]);
    expect(
      within(dialog).getByRole("radio", { name: "预算管理一体化（四川 0013zp）" })
    ).toBeTruthy();
    await user.click(within(dialog).getByRole("radio", { name: "云南公开表（公开14表）" }));
    const year = within(dialog).getByRole("spinbutton", { name: new RegExp(zh.templateYearLabel) });
    await user.clear(year);
    await user.type(year, "2023");
    await user.click(button(zh.insertTemplateConfirm, dialog));
    await screen.findByText(/已插入工作表“项目1”/);
    const { layout } = host.calls.insertTemplateSheet[0];
    expect(layout.cells[0].value).toBe("2023年度项目支出绩效自评表");
    expect(layout.cells.some((c) => c.value === "项目资金\n(元)")).toBe(true);
    expect(layout.anchors.grade).toBe("J23");
    // Checked at once: only the blanks a person must fill in.
    expect(findingCells().length).toBeGreaterThan(0);
  });
});
