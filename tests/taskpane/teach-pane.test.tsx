/** @jest-environment jsdom */
/**
 * 识别此表格式 in the pane: a sheet whose table no family reads (分值/得分 spelt 标准分/评分结果)
 * offers to teach its layout; the dialog lists the heading it could not map with a drop-down of
 * fields, previews the table with the mapping, and saves a family into the workbook's rule set,
 * after which the sheet's table is found; 撤销 puts the rule set from before back, but not over a
 * later change.
 */
import "./setup-dom";
import { act, screen, waitFor, within } from "@testing-library/react";
import { analyzeGrid } from "../../src/engine/analyze";
import { Grid } from "../../src/engine/grid/snapshot";
import { ruleSetFromState } from "../../src/engine/policy/ruleset";
import { TEACH_STRINGS } from "../../src/taskpane/teach-i18n";
import { FakeHost, snapshotFromRows } from "./fake-host";
import { button, en, queryButton, setup, zh } from "./pane-helpers";
import { renamedSnapshot, TAUGHT_SHEET } from "./teach-layouts";

const t = TEACH_STRINGS["zh-CN"];

function host(): FakeHost {
  return new FakeHost(
    [snapshotFromRows("说明", [["填表说明：金额单位为万元。"]]), renamedSnapshot()],
    { active: TAUGHT_SHEET }
  );
}

/** 校验当前工作表 on a sheet without a table: done when the pane says no table was found. */
async function validateSheet(user: Awaited<ReturnType<typeof setup>>["user"], strings = zh) {
  await user.click(button(strings.validateSheet));
  await screen.findByText(strings.noTableOnSheet, { exact: false });
}

function dialog(): HTMLElement {
  return screen.getByRole("dialog");
}

describe("Pane: 识别此表格式", () => {
  test("teaches the layout: unmapped heading, drop-down, preview, save, table found, undo", async () => {
    const h = host();
    const { user } = await setup(h);
    await validateSheet(user);
    expect(
      screen.getByText(new RegExp(`工作表“${TAUGHT_SHEET}”中有类似自评表的表格`))
    ).toBeTruthy();
    await user.click(button(t.teach));

    // The one heading the draft could not place, with the funding block's fields.
    const select = within(dialog()).getByRole("combobox", { name: "G6“标准分”" });
    const options = [...(select as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options[0]).toBe(t.notMapped);
    expect(options).toContain("分值（funding.weight）");
    expect(options).not.toContain("三级指标（indicators.level3）");

    const preview = () => within(dialog()).getByTestId("teach-preview").textContent ?? "";
    expect(preview()).toMatch(/按此格式读出表格 A1:I22：指标 8 个，总分 94（按行计算 97）/);
    const findingsBefore = Number(/发现问题 (\d+) 条/.exec(preview())![1]);
    await user.selectOptions(select, "funding.weight");
    await waitFor(() =>
      expect(Number(/发现问题 (\d+) 条/.exec(preview())![1])).toBeLessThan(findingsBefore)
    );

    expect(h.calls.writeState).toHaveLength(0); // nothing saved before 保存为表格式
    await user.click(button(t.save, dialog()));
    await screen.findByText(
      /已将表格式“taught”保存到工作簿的规则集；工作表“自定义格式”现读出表格 A1:I22/
    );

    // The family is in the workbook's rule set and reads the table with the right range.
    const stored = ruleSetFromState(h.state);
    expect(stored.source).toBe("embedded");
    const family = stored.rules.families.find((f) => f.id === "taught")!;
    expect(family.funding?.columns?.weight).toEqual(["标准分"]);
    const [snap] = await h.readSheets([TAUGHT_SHEET]);
    const report = analyzeGrid(new Grid(snap), stored.rules);
    expect(report.tables.map((x) => [x.table.range.address, x.table.family])).toEqual([
      ["A1:I22", "taught"],
    ]);
    // The pane shows the table now, and no longer offers to teach.
    expect(screen.getByText(/A1:I22/, { selector: "span" })).toBeTruthy();
    expect(queryButton(t.teach)).toBeNull();

    // 撤销: the workbook had no rule set, so it has none again, and the table is not found.
    await user.click(button(t.undo));
    await screen.findByText(t.undone);
    expect(h.state.rules ?? null).toBeNull();
    expect(queryButton(t.teach)).toBeTruthy();
  });

  test("a heading the draft mapped can be remapped or ignored; the preview follows, the family holds the choice", async () => {
    const h = host();
    const { user } = await setup(h);
    await validateSheet(user);
    await user.click(button(t.teach));
    // Every heading of the header has a drop-down: the unplaced one first, then the placed ones.
    const selects = within(dialog()).getAllByRole("combobox") as HTMLSelectElement[];
    expect(selects[0].dataset.cell).toBe("G6");
    // funding header with its block label, funding rows, indicator header and label, total row
    expect(selects.map((s) => s.dataset.cell)).toEqual(
      "G6 A6 D6 E6 F6 H6 I6 B7 B8 B9 B10 A13 B13 C13 D13 E13 F13 G13 H13 I13 A22".split(" ")
    );
    expect(within(dialog()).getByText(t.unmappedHeading)).toBeTruthy();
    expect(within(dialog()).getByText(t.mappedHeading)).toBeTruthy();
    const weight = within(dialog()).getByRole("combobox", { name: "G13“标准分”" });
    expect((weight as HTMLSelectElement).value).toBe("indicators.weight");
    const options = [...(weight as HTMLSelectElement).options].map((o) => o.value);
    expect(options[0]).toBe("");
    expect(options).toContain("indicators.label");
    expect(options).not.toContain("funding.weight");
    const total = within(dialog()).getByRole("combobox", { name: "A22“总分”" });
    expect([...(total as HTMLSelectElement).options].map((o) => o.value)).toEqual(["", "total"]);

    const preview = () => within(dialog()).getByTestId("teach-preview").textContent ?? "";
    expect(preview()).toContain("读出的列：");
    expect(preview()).toContain("分值 G");
    const before = preview();
    // 忽略 the indicator 分值: the family loses its weight column, the preview says so.
    await user.selectOptions(weight, "");
    await waitFor(() => expect(preview()).not.toBe(before));
    expect(preview()).not.toContain("分值 G");
    expect(within(dialog()).getByText("已更改（自动识别为：分值）")).toBeTruthy();
    // Back to 分值, and the preview is what it was.
    await user.selectOptions(weight, "indicators.weight");
    await waitFor(() => expect(preview()).toBe(before));

    await user.selectOptions(
      within(dialog()).getByRole("combobox", { name: "G6“标准分”" }),
      "funding.weight"
    );
    // 其他资金 (B10) set to 忽略 and saved: the national family reads 其他资金 itself, so the family
    // is written whole without that spelling (a patch could only add to it).
    await user.selectOptions(within(dialog()).getByRole("combobox", { name: "B10“其他资金”" }), "");
    await user.click(button(t.save, dialog()));
    await screen.findByText(/已将表格式“taught”保存/);
    const family = ruleSetFromState(h.state).rules.families.find((f) => f.id === "taught")!;
    expect(family.extends).toBeUndefined();
    expect(family.funding?.columns?.weight).toContain("标准分");
    expect(family.funding?.rows?.other ?? []).not.toContain("其他资金");
    expect(family.unmapped).toEqual(["B10 其他资金"]);
  });

  test("undo does not overwrite a rule set changed after the save", async () => {
    const h = host();
    const { user } = await setup(h);
    await validateSheet(user);
    await user.click(button(t.teach));
    await user.selectOptions(
      within(dialog()).getByRole("combobox", { name: "G6“标准分”" }),
      "funding.weight"
    );
    await user.click(button(t.save, dialog()));
    await screen.findByText(/已将表格式“taught”保存/);
    // A later change to the rule set (another pane, or the rules editor).
    const later = { ...(h.state.rules as Record<string, unknown>), fundingWeight: 20 };
    await act(async () => {
      h.state.rules = later;
    });
    await user.click(button(t.undo));
    await screen.findByText(t.undoStale);
    expect(h.state.rules).toEqual(later);
  });

  test("undo puts back the rule set the workbook held before", async () => {
    const h = host();
    const before = { version: 1, overachievementThreshold: 1.2 };
    h.state.rules = before;
    const { user } = await setup(h);
    await validateSheet(user);
    await user.click(button(t.teach));
    await user.click(button(t.save, dialog()));
    await screen.findByText(/已将表格式“taught”保存/);
    expect(ruleSetFromState(h.state).rules.overachievementThreshold).toBe(1.2);
    expect(ruleSetFromState(h.state).rules.families.map((f) => f.id)).toEqual(["taught"]);
    await user.click(button(t.undo));
    await screen.findByText(t.undone);
    expect(h.state.rules).toEqual(before);
  });

  test("a sheet with nothing table-like offers nothing", async () => {
    const { user } = await setup(
      new FakeHost([snapshotFromRows("说明", [["填表说明：金额单位为万元。"]])], { active: "说明" })
    );
    await validateSheet(user);
    expect(queryButton(t.teach)).toBeNull();
  });

  test("speaks English when Office does", async () => {
    const te = TEACH_STRINGS["en-US"];
    const { user } = await setup(host(), en);
    await validateSheet(user, en);
    expect(screen.getByText(/holds something like a self-evaluation table/)).toBeTruthy();
    await user.click(button(te.teach));
    const select = within(dialog()).getByRole("combobox", { name: "G6 “标准分”" });
    const options = [...(select as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toContain("weight (funding.weight)");
    expect(within(dialog()).getByTestId("teach-preview").textContent).toMatch(
      /^With this layout the table reads as A1:I22: 8 indicators, total 94 \(rows add up to 97\)/
    );
  });
});
