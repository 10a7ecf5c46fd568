/** @jest-environment jsdom */
/**
 * jest-axe and the keyboard on the 识别此表格式 dialog (its own file: a fresh document, see
 * pane-helpers.tsx): every heading's drop-down is labelled and in the tab order, in both languages.
 */
import "./setup-dom";
import { screen, within } from "@testing-library/react";
import { axe } from "jest-axe";
import { TEACH_STRINGS } from "../../src/taskpane/teach-i18n";
import { FakeHost, snapshotFromRows } from "./fake-host";
import { button, en, setup, zh } from "./pane-helpers";
import { renamedSnapshot, TAUGHT_SHEET } from "./teach-layouts";

function host(): FakeHost {
  return new FakeHost(
    [snapshotFromRows("说明", [["填表说明：金额单位为万元。"]]), renamedSnapshot()],
    { active: TAUGHT_SHEET }
  );
}

describe.each([
  ["zh-CN", zh],
  ["en-US", en],
] as const)("识别此表格式 dialog (%s)", (locale, strings) => {
  const t = TEACH_STRINGS[locale];
  test("has no accessibility violations, and every drop-down is in the tab order", async () => {
    const { user } = await setup(host(), strings);
    await user.click(button(strings.validateSheet));
    await screen.findByText(strings.noTableOnSheet, { exact: false });
    await user.click(button(t.teach));
    const dialog = screen.getByRole("dialog");
    expect(await axe(dialog)).toHaveNoViolations();

    const selects = within(dialog).getAllByRole("combobox");
    expect(selects.length).toBe(21);
    // Focus moves into the dialog; every drop-down is a native select in the tab order (the
    // keyboard itself is driven in Chromium by tests/e2e/teach.e2e.test.ts).
    expect(dialog.contains(document.activeElement)).toBe(true);
    for (const s of selects) {
      expect(s.tabIndex).toBe(0);
      expect((s as HTMLSelectElement).disabled).toBe(false);
    }
    // A changed field is announced with the draft's field beside it, then axe again.
    await user.selectOptions(selects[1], "");
    await within(dialog).findByText(new RegExp(t.changedHint.replace(/[{(（].*$/, "")));
    expect(await axe(dialog)).toHaveNoViolations();
  });
});
