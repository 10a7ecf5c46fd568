/** @jest-environment jsdom */
/** jest-axe on the rule set editor (its own file: a fresh document, see pane-helpers.tsx). */
import "./setup-dom";
import { within } from "@testing-library/react";
import { axe } from "jest-axe";
import { button, openEditor, setup, zh } from "./pane-helpers";

describe("Pane: 规则设置 accessibility", () => {
  test("the rule set form has no accessibility violations (form and JSON tabs, with an error)", async () => {
    const { container, user } = await setup();
    const form = await openEditor(user);
    expect(await axe(container)).toHaveNoViolations();
    await user.click(within(form).getByRole("radio", { name: zh.rulesJsonTab }));
    const json = within(form).getByRole("textbox", { name: new RegExp(zh.rulesJsonLabel) });
    await user.clear(json);
    await user.paste("[]");
    await user.click(button(zh.rulesSave, form));
    await within(form).findByText(zh.rulesInvalidTitle);
    expect(await axe(container)).toHaveNoViolations();
  });
});
