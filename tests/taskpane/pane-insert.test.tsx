/** @jest-environment jsdom */
/**
 * 插入标准自评表 in the pane: from the empty state of a sheet without a table and from the
 * actions; the host is asked to insert the layout, and the new sheet is checked.
 */
import "./setup-dom";
import { screen, waitFor, within } from "@testing-library/react";
import { axe } from "jest-axe";
import { NOTES, POSTDOC, workbook } from "./fixtures";
import { button, findingCells, setup, zh } from "./pane-helpers";

describe("Pane: 插入标准自评表", () => {
  test("from the empty state of a sheet without a table: inserts, then lists the blank required fields", async () => {
    const { host, user, container } = await setup(workbook({ active: NOTES }));
    await user.click(button(zh.validateSheet));
    const empty = await screen.findByText(zh.noTableOnSheet, { exact: false });
    const bar = empty.closest(".fui-MessageBar") as HTMLElement;
    expect(bar.textContent).toContain(zh.noTableInsertHint);
    await user.click(button(zh.insertTemplate, bar));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(zh.insertTemplateTitle)).toBeTruthy();
    expect(
      (within(dialog).getByRole("radio", { name: zh.templateVariantBeijing }) as HTMLInputElement)
        .checked
    ).toBe(true);
    const year = within(dialog).getByRole("spinbutton", { name: new RegExp(zh.templateYearLabel) });
    await user.clear(year);
    await user.type(year, "2024");
    await user.click(button(zh.insertTemplateConfirm, dialog));

    await screen.findByText(/已插入工作表“项目1”并校验/);
    // The dialog has gone and the page is no longer hidden behind it.
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).toBeNull();
      expect(container.closest("[aria-hidden=true]")).toBeNull();
    });
    expect(host.calls.insertTemplateSheet).toHaveLength(1);
    const { layout, options } = host.calls.insertTemplateSheet[0];
    expect(layout.name).toBe("项目1");
    expect(layout.protect).toBe(true);
    expect(layout.cells.find((c) => c.address === "A2")?.value).toBe("（2024年度）");
    expect(options.rules?.version).toBe(1);
    expect(host.calls.readSheets[host.calls.readSheets.length - 1]).toEqual(["项目1"]);
    expect(findingCells()).toEqual(["B3", "B4", "G4", "E7", "F7", "I7"]);
    expect(screen.getByText("已校验 1 张表：0 个错误，6 个警告，0 条提示。")).toBeTruthy();
  });

  test("from the actions: the Hunan layout, unprotected", async () => {
    const { host, user } = await setup(workbook({ active: POSTDOC }));
    await user.click(button(zh.insertTemplate));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("radio", { name: zh.templateVariantHunan }));
    await user.click(within(dialog).getByRole("switch", { name: zh.templateProtect }));
    const year = within(dialog).getByRole("spinbutton", { name: new RegExp(zh.templateYearLabel) });
    await user.clear(year);
    await user.type(year, "2023");
    await user.click(button(zh.insertTemplateConfirm, dialog));
    await screen.findByText(/已插入工作表“项目1”/);
    const { layout } = host.calls.insertTemplateSheet[0];
    expect(layout.protect).toBe(false);
    expect(layout.cells[0].value).toBe("2023年度项目支出绩效自评表");
    expect(findingCells().length).toBeGreaterThan(0);
  });

  test("a year that is not a four-digit year between 1990 and 2100 is not accepted", async () => {
    const { host, user } = await setup(workbook({ active: NOTES }));
    await user.click(button(zh.insertTemplate));
    const dialog = await screen.findByRole("dialog");
    const year = within(dialog).getByRole("spinbutton", { name: new RegExp(zh.templateYearLabel) });
    await user.clear(year);
    await user.type(year, "24");
    await user.click(button(zh.insertTemplateConfirm, dialog));
    expect(within(dialog).getByText(zh.templateYearInvalid)).toBeTruthy();
    expect(host.calls.insertTemplateSheet).toEqual([]);
    expect(await axe(document.body)).toHaveNoViolations();
  });
});
