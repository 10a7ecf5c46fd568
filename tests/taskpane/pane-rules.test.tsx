/** @jest-environment jsdom */
/**
 * 规则设置 in the pane: the summary of the rule set in force, the editor (form and JSON), faults
 * rejected with their zod path and nothing saved, saving into state.rules, 恢复默认. The test that
 * renders results and the form together comes last (see pane-helpers.tsx on the 1000-rule cliff).
 */
import "./setup-dom";
import { screen, waitFor, within } from "@testing-library/react";
import { POSTDOC, workbook } from "./fixtures";
import {
  button,
  en,
  findingCells,
  openEditor,
  queryButton,
  rulesSection,
  setup,
  summary,
  validateSheet,
  zh,
} from "./pane-helpers";

describe("Pane: 规则设置", () => {
  test("shows the default rule set and its key values", async () => {
    await setup();
    const section = rulesSection();
    expect(within(section).getByRole("heading", { level: 2 }).textContent).toBe(zh.rulesHeading);
    expect(within(section).getByText(zh.rulesSourceDefault)).toBeTruthy();
    expect(summary()).toEqual([
      "资金分值: 10",
      "一级指标分值: 产出指标 50 · 效益指标 30 · 满意度指标 10（仅核对表中注明分值的一级指标）",
      "总分: 100",
      "执行率分母: 全年预算数",
      "执行率上限: 100%",
      "资金得分取整: 四舍五入，保留 2 位小数",
      "等级: 优 ≥ 90，良 ≥ 80，中 ≥ 60，其余为差",
      "视为未说明偏差的文字: 空白、无、—",
      "超额完成需说明: 关闭",
      "指标评分规则（建议得分）: 关闭",
    ]);
    // Nothing embedded: nothing to restore.
    expect(queryButton(zh.rulesRestoreDefaults, section)).toBeNull();
  });

  test("an embedded rule set shows as such, with its preset", async () => {
    const host = workbook({ active: POSTDOC });
    host.state.rules = {
      version: 1,
      preset: "hunan",
      overachievementThreshold: 1.2,
      emptyExplanationWords: ["见附件"],
    };
    await setup(host);
    const section = rulesSection();
    expect(within(section).getByText(zh.rulesSourceEmbedded)).toBeTruthy();
    expect(within(section).getByText("预设：湖南")).toBeTruthy();
    expect(summary()).toEqual(
      expect.arrayContaining([
        "一级指标分值: 产出指标 50 · 效益指标 30 · 满意度指标 10（强制核对）",
        "视为未说明偏差的文字: 空白、无、—，以及 见附件",
        "超额完成需说明: 完成值达到指标值的 120% 时",
      ])
    );
    expect(button(zh.rulesRestoreDefaults, section)).toBeTruthy();
  });

  test("invalid JSON and a wrong type are rejected with their path; nothing is saved", async () => {
    const { host, user } = await setup();
    const form = await openEditor(user);
    await user.click(within(form).getByRole("radio", { name: zh.rulesJsonTab }));
    const json = within(form).getByRole("textbox", { name: new RegExp(zh.rulesJsonLabel) });
    // The JSON tab starts from the rule set in force.
    expect(JSON.parse((json as HTMLTextAreaElement).value)).toMatchObject({
      fundingWeight: 10,
      gradeBands: [
        { min: 90, label: "优" },
        { min: 80, label: "良" },
        { min: 60, label: "中" },
      ],
    });

    await user.clear(json);
    await user.type(json, "{{ not json");
    await user.click(button(zh.rulesSave, form));
    let bar = await within(form).findByText(zh.rulesInvalidTitle);
    expect(bar.closest(".fui-MessageBar")!.textContent).toContain("不是有效的 JSON");
    expect(host.calls.writeState).toEqual([]);

    await user.clear(json);
    await user.paste('{"gradeBands": [{"min": 90, "label": "优"}, {"min": "80", "label": "良"}]}');
    await user.click(button(zh.rulesSave, form));
    bar = await within(form).findByText("出错位置：gradeBands.1.min");
    expect(bar.closest(".fui-MessageBar")!.textContent).toContain(
      "规则集有误，已沿用原设置：gradeBands.1.min：应为数字，实际为文本"
    );
    expect(host.calls.writeState).toEqual([]);
    expect(host.state.rules).toBeUndefined();

    // Going back to the form with a faulty document is refused the same way.
    await user.click(within(form).getByRole("radio", { name: zh.rulesFormTab }));
    expect(
      (within(form).getByRole("radio", { name: zh.rulesJsonTab }) as HTMLInputElement).checked
    ).toBe(true);
    expect(within(form).getByRole("textbox", { name: new RegExp(zh.rulesJsonLabel) })).toBeTruthy();
  });

  test("a value outside its range from the form is rejected with its path", async () => {
    const { host, user } = await setup();
    const form = await openEditor(user);
    const weight = within(form).getByRole("spinbutton", { name: zh.rulesFundingWeight });
    await user.clear(weight);
    await user.type(weight, "-5");
    await user.tab();
    await user.click(button(zh.rulesSave, form));
    await within(form).findByText("出错位置：fundingWeight");
    expect(host.calls.writeState).toEqual([]);
    // Cancel closes the editor and clears the message.
    await user.click(button(zh.cancel, form));
    expect(screen.queryByRole("form", { name: zh.rulesEditorLabel })).toBeNull();
    expect(screen.queryByText(zh.rulesInvalidTitle)).toBeNull();
  });

  test("English summary", async () => {
    await setup(workbook(), en);
    expect(within(rulesSection(en)).getByText(en.rulesSourceDefault)).toBeTruthy();
    const dl = rulesSection(en).querySelector("dl") as HTMLElement;
    expect(dl.textContent).toContain("rounded to 2 decimal(s)");
    expect(dl.textContent).toContain("优 ≥ 90, 良 ≥ 80, 中 ≥ 60, otherwise 差");
    expect(dl.textContent).not.toMatch(/[开关]/);
  });

  test("the form saves into state.rules, the summary and findings follow, and 恢复默认 removes it", async () => {
    const { host, user } = await setup(workbook({ active: POSTDOC }));
    await validateSheet(user);
    expect(findingCells()).toEqual(["H22"]);

    const form = await openEditor(user);
    await user.click(within(form).getByRole("switch", { name: zh.rulesScoringLabel }));
    const decimals = within(form).getByRole("spinbutton", { name: zh.rulesDecimalsLabel });
    await user.clear(decimals);
    await user.type(decimals, "1");
    await user.tab();
    const lowest = within(form).getByRole("textbox", { name: zh.lowestGradeLabel });
    await user.clear(lowest);
    await user.type(lowest, "不合格");
    await user.click(button(zh.rulesSave, form));
    await screen.findByText(zh.noticeRulesSavedChecked);

    expect(host.state.rules).toEqual({
      version: 1,
      fundingScoreDecimals: 1,
      lowestGrade: "不合格",
      indicatorScoring: { enabled: true },
    });
    expect(screen.queryByRole("form", { name: zh.rulesEditorLabel })).toBeNull();
    expect(within(rulesSection()).getByText(zh.rulesSourceEmbedded)).toBeTruthy();
    expect(summary()).toEqual(
      expect.arrayContaining([
        "资金得分取整: 四舍五入，保留 1 位小数",
        "等级: 优 ≥ 90，良 ≥ 80，中 ≥ 60，其余为不合格",
        "指标评分规则（建议得分）: 开启",
      ])
    );
    // Checked again with the new rules: the scoring policy reports H14.
    await waitFor(() => expect(findingCells()).toEqual(["H14", "H22"]));

    await user.click(button(zh.rulesRestoreDefaults, rulesSection()));
    await screen.findByText(zh.noticeRulesRestored);
    expect(host.state.rules).toBeUndefined();
    expect(within(rulesSection()).getByText(zh.rulesSourceDefault)).toBeTruthy();
    await waitFor(() => expect(findingCells()).toEqual(["H22"]));
  });

  test("choosing a preset loads its settings; the JSON tab shows them and saving keeps the preset", async () => {
    const { host, user } = await setup();
    const form = await openEditor(user);
    await user.selectOptions(
      within(form).getByRole("combobox", { name: zh.rulesPresetLabel }),
      "hunan"
    );
    expect(
      (within(form).getByRole("switch", { name: zh.rulesEnforceLabel }) as HTMLInputElement).checked
    ).toBe(true);
    await user.click(within(form).getByRole("radio", { name: zh.rulesJsonTab }));
    const json = within(form).getByRole("textbox", { name: new RegExp(zh.rulesJsonLabel) });
    expect(JSON.parse((json as HTMLTextAreaElement).value)).toMatchObject({
      preset: "hunan",
      sectionWeights: { enforce: true },
    });
    await user.click(button(zh.rulesSave, form));
    await screen.findByText(zh.noticeRulesSaved);
    expect(host.state.rules).toEqual({ version: 1, preset: "hunan" });
    expect(within(rulesSection()).getByText("预设：湖南")).toBeTruthy();
  });
});
