import { buildTemplateLayout } from "../../src/engine/template";
import { HostError } from "../../src/hosts/host";
import { PaneController, Progress, totalCounts } from "../../src/taskpane/controller";
import { stringsFor } from "../../src/taskpane/i18n";
import { seedGrid, seedTable } from "../helpers/seed-grid";
import { FakeHost } from "./fake-host";
import { NOTES, POSTDOC, RETIREES, RUNNING, workbook } from "./fixtures";

const zh = stringsFor("zh-CN");

/** 填充公式, confirming the typed values it changes (the confirmation itself: trust.test.ts). */
async function fillConfirmed(
  controller: PaneController,
  options?: Parameters<PaneController["fill"]>[0]
): Promise<boolean> {
  const ok = await controller.fill(options);
  return controller.getState().pendingFill ? controller.confirmFill() : ok;
}
const en = stringsFor("en-US");

function setup(options: { active?: string; host?: FakeHost } = {}) {
  const host = options.host ?? workbook({ active: options.active });
  const controller = new PaneController(host, {
    strings: zh,
    now: () => new Date("2024-03-01T08:00:00Z"),
  });
  return { host, controller };
}

const codes = (c: PaneController, sheet: string) =>
  c
    .getState()
    .results!.find((s) => s.sheet === sheet)!
    .tables.flatMap((t) => t.findings.map((f) => `${f.code}@${f.cell}`));

describe("PaneController: validation", () => {
  test("validates the active sheet: one table with its name, range, findings and counts", async () => {
    const { host, controller } = setup();
    expect(await controller.validateActiveSheet()).toBe(true);
    const s = controller.getState();
    expect(host.calls.readSheets).toEqual([[RUNNING]]);
    expect(s.scope).toEqual({ kind: "sheet", sheets: [RUNNING] });
    expect(s.busy).toBeNull();
    expect(s.results).toHaveLength(1);
    const [table] = s.results![0].tables;
    expect(table.name).toBe("2023 年部门运转工作经费——人力社保工作体系建设工作");
    expect(table.range).toBe("A1:I24");
    expect(table.key).toBe(`${RUNNING}!A1:I24`);
    // 10 + 100 = 110 with 总分 on 100: one root-cause finding (SCORE_BASIS_MISMATCH).
    expect(table.counts).toEqual({ error: 5, warning: 0, info: 0 });
    expect(codes(controller, RUNNING)).toEqual([
      "DEVIATION_UNEXPLAINED@I20",
      "DEVIATION_UNEXPLAINED@I21",
      "DEVIATION_UNEXPLAINED@I22",
      "DEVIATION_UNEXPLAINED@I23",
      "SCORE_BASIS_MISMATCH@G24",
    ]);
  });

  test("validates the whole workbook with progress per sheet", async () => {
    const { host, controller } = setup();
    const seen: Progress[] = [];
    const states: (Progress | null)[] = [];
    controller.subscribe(() => {
      const p = controller.getState().progress;
      if (p && p !== states[states.length - 1]) states.push(p);
    });
    expect(await controller.validateWorkbook((p) => seen.push(p))).toBe(true);
    expect(host.calls.readSheets).toEqual([undefined]);
    expect(seen.map((p) => `${p.sheet} ${p.done}/${p.total}`)).toEqual([
      `${NOTES} 1/4`,
      `${POSTDOC} 2/4`,
      `${RUNNING} 3/4`,
      `${RETIREES} 4/4`,
    ]);
    expect(states.map((p) => p!.sheet)).toEqual([NOTES, POSTDOC, RUNNING, RETIREES]);
    const s = controller.getState();
    expect(s.progress).toBeNull();
    expect(s.scope).toEqual({ kind: "workbook", sheets: [NOTES, POSTDOC, RUNNING, RETIREES] });
    expect(s.results!.map((r) => r.tables.length)).toEqual([0, 1, 1, 1]);
    expect(totalCounts(s.results!)).toEqual({ tables: 3, error: 7, warning: 1, info: 0 });
    expect(codes(controller, RETIREES)).toContain("TARGET_MISSED_FULL_SCORE@F17");
  });

  test("a sheet without a table gives no tables and no sheet-level findings to list", async () => {
    const { controller } = setup({ active: NOTES });
    await controller.validateActiveSheet();
    const [sheet] = controller.getState().results!;
    expect(sheet.tables).toEqual([]);
    expect(sheet.findings).toEqual([]);
  });

  test("only one action runs at a time", async () => {
    const { host, controller } = setup();
    const a = controller.validateActiveSheet();
    expect(controller.getState().busy).toBe("validateSheet");
    expect(await controller.validateWorkbook()).toBe(false);
    expect(await a).toBe(true);
    expect(host.calls.readSheets).toHaveLength(1);
  });
});

describe("PaneController: fill, highlight, undo", () => {
  test("fill writes the plan's formulas for the analysed sheet, then re-checks", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    await controller.validateActiveSheet();
    expect(codes(controller, POSTDOC)).toEqual(["TOTAL_SCORE_MISMATCH@H22"]);
    expect(await fillConfirmed(controller)).toBe(true);
    expect(host.calls.applyPlan).toHaveLength(1);
    const { plan, action } = host.calls.applyPlan[0];
    expect(action).toBe("fill");
    expect(plan.highlights).toEqual([]);
    expect(plan.writes.map((w) => `${w.sheet}!${w.address} ${w.formula}`)).toEqual([
      `${POSTDOC}!H7 =IF(AND(ISNUMBER(E7),ISNUMBER(F7),E7<>0),F7/E7,"")`,
      `${POSTDOC}!H8 =IF(AND(ISNUMBER(E8),ISNUMBER(F8),E8<>0),F8/E8,"")`,
      `${POSTDOC}!I7 =IF(AND(ISNUMBER(H7),ISNUMBER(G7)),ROUND(MIN(H7,1)*G7,2),"")`,
      `${POSTDOC}!G22 =N(G7)+SUM(G14:G21)`,
      `${POSTDOC}!H22 =N(I7)+SUM(H14:H21)`,
    ]);
    // Re-checked after writing: the 总分 now computes 97, so its finding is gone.
    expect(host.calls.readSheets).toEqual([[POSTDOC], [POSTDOC], [POSTDOC]]);
    expect(host.cell(POSTDOC, "H22").value).toBe(97);
    expect(codes(controller, POSTDOC)).toEqual([]);
    expect(controller.getState().notice).toEqual({
      intent: "success",
      text: "已在 5 个单元格中填入公式，并重新校验。",
    });
  });

  test("fill after a workbook validation covers every table, and a second fill writes nothing", async () => {
    const { host, controller } = setup();
    await controller.validateWorkbook();
    await fillConfirmed(controller);
    const sheets = new Set(host.calls.applyPlan[0].plan.writes.map((w) => w.sheet));
    expect([...sheets]).toEqual([POSTDOC, RUNNING, RETIREES]);
    await fillConfirmed(controller);
    expect(host.calls.applyPlan).toHaveLength(1);
    // Nothing left to write, but the stated 总分 of the 110-point tables stays: it says so, per table.
    const notice = controller.getState().notice!;
    expect(notice.intent).toBe("warning");
    expect(notice.text.split("\n").slice(0, 2)).toEqual([
      zh.noticeFillNothing,
      zh.fillSkippedHeading,
    ]);
    expect(notice.text).toContain(
      `（${RUNNING}!A1:I24）：G24（总分分值）、H24（总分得分）保留原值：各项分值之和为 110，不等于 100`
    );
    expect(notice.text).toContain(
      `（${RETIREES}!A1:I20）：G20（总分分值）、H20（总分得分）保留原值`
    );
  });

  test("fill with convertNumbers passes the option to planFill", async () => {
    const rows = seedGridWithTextNumber();
    const host = new FakeHost([rows]);
    const { controller } = setup({ host });
    await controller.validateActiveSheet();
    await fillConfirmed(controller, { convertNumbers: true });
    expect(host.calls.applyPlan[0].plan.writes.some((w) => w.purpose === "convertNumber")).toBe(
      true
    );
  });

  test("never writes when no table is found, and says so", async () => {
    const { host, controller } = setup({ active: NOTES });
    await fillConfirmed(controller);
    await controller.highlight();
    expect(host.calls.applyPlan).toEqual([]);
    expect(controller.getState().notice).toEqual({
      intent: "warning",
      text: zh.noticeNoTableNoWrite,
    });
  });

  test("highlight marks the unexplained deviations, not twice, and skips ignored ones", async () => {
    const { host, controller } = setup();
    await controller.validateActiveSheet();
    const i23 = controller.getState().results![0].tables[0].findings.find((f) => f.cell === "I23")!;
    await controller.ignoreFinding(i23, RUNNING, "满意度调查因故顺延，经主管部门同意");
    await controller.highlight();
    expect(host.calls.applyPlan).toHaveLength(1);
    const { plan, action } = host.calls.applyPlan[0];
    expect(action).toBe("highlight");
    expect(plan.writes).toEqual([]);
    expect(plan.highlights.map((h) => h.address)).toEqual(["I20", "I21", "I22"]);
    expect(host.cell(RUNNING, "I20").fill).toBe("#FFE699");
    expect(controller.getState().notice?.intent).toBe("success");
    expect(host.calls.readSheets.length).toBe(3); // validate, plan, re-check

    await controller.highlight();
    expect(host.calls.applyPlan).toHaveLength(1);
    expect(controller.getState().notice).toEqual({
      intent: "info",
      text: zh.noticeHighlightNothing,
    });
  });

  test("clear highlights reports how many marks went", async () => {
    const { host, controller } = setup();
    await controller.validateActiveSheet();
    await controller.highlight();
    await controller.clearHighlights();
    expect(host.calls.clearHighlights).toBe(1);
    expect(controller.getState().notice).toEqual({ intent: "success", text: "已清除 4 处标记。" });
    expect(host.cell(RUNNING, "I20").fill).toBeNull();
    await controller.clearHighlights();
    expect(controller.getState().notice).toEqual({ intent: "info", text: zh.noticeClearedNone });
  });

  test("undo puts the last action back and re-checks; with nothing to undo it says so", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    await controller.validateActiveSheet();
    await fillConfirmed(controller);
    expect(codes(controller, POSTDOC)).toEqual([]);
    await controller.undoLast();
    expect(host.cell(POSTDOC, "H22")).toMatchObject({ value: 94, formula: null });
    expect(codes(controller, POSTDOC)).toEqual(["TOTAL_SCORE_MISMATCH@H22"]);
    expect(controller.getState().notice).toEqual({ intent: "success", text: "已撤销“填充公式”。" });
    await controller.undoLast();
    expect(controller.getState().notice).toEqual({ intent: "info", text: zh.noticeUndoNothing });
  });
});

describe("PaneController: ignoring findings", () => {
  test("ignore saves a suppression with the reason and moves the finding; unignore restores it", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    await controller.validateActiveSheet();
    const finding = controller.getState().results![0].tables[0].findings[0];
    expect(await controller.ignoreFinding(finding, POSTDOC, "  ")).toBe(false);
    expect(host.calls.writeState).toEqual([]);

    expect(await controller.ignoreFinding(finding, POSTDOC, "  总分按主管部门核定数填写  ")).toBe(
      true
    );
    expect(host.state.suppressions).toEqual([
      {
        code: "TOTAL_SCORE_MISMATCH",
        sheet: POSTDOC,
        cell: "H22",
        reason: "总分按主管部门核定数填写",
        at: "2024-03-01T08:00:00.000Z",
        anchor: {
          sheetId: expect.any(String), // the host's stable sheet id: the ignore survives a rename
          table: "2023年博士后、高研班工作经费#0",
          field: "total.score",
        },
      },
    ]);
    const table = controller.getState().results![0].tables[0];
    expect(table.findings).toEqual([]);
    expect(table.counts.error).toBe(0);
    expect(table.ignored.map((i) => [i.finding.code, i.suppression.reason])).toEqual([
      ["TOTAL_SCORE_MISMATCH", "总分按主管部门核定数填写"],
    ]);

    // A fresh controller (the pane reopened) sees it ignored too.
    const again = new PaneController(host, { strings: zh });
    await again.validateActiveSheet();
    expect(again.getState().results![0].tables[0].ignored).toHaveLength(1);

    await controller.unignore({ code: "TOTAL_SCORE_MISMATCH", sheet: POSTDOC, cell: "H22" });
    expect(host.state.suppressions).toEqual([]);
    expect(controller.getState().results![0].tables[0].findings.map((f) => f.cell)).toEqual([
      "H22",
    ]);
  });
});

describe("PaneController: edits refresh the table", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("an edit inside a detected table re-checks its sheet after the debounce", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    await controller.start();
    await controller.validateActiveSheet();
    expect(host.calls.readSheets).toHaveLength(1);

    host.edit(POSTDOC, "H22", 90);
    host.edit(POSTDOC, "H22", 97); // two edits, one refresh
    await jest.advanceTimersByTimeAsync(599);
    expect(host.calls.readSheets).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(host.calls.readSheets).toEqual([[POSTDOC], [POSTDOC]]);
    expect(codes(controller, POSTDOC)).toEqual([]); // 总分 now 97, as computed
    expect(controller.getState().refreshing).toBe(false);
  });

  test("an edit outside every table, or on another sheet, reads nothing", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    await controller.start();
    await controller.validateActiveSheet();
    host.edit(POSTDOC, "K40", "备注");
    host.edit(RUNNING, "H24", 100);
    await jest.advanceTimersByTimeAsync(1000);
    expect(host.calls.readSheets).toHaveLength(1);
    expect(await controller.refreshTable(POSTDOC, "Z1")).toBe(false);
    expect(await controller.refreshTable(POSTDOC, `${POSTDOC}!B3:C4`)).toBe(true);
  });

  test("dispose stops listening", async () => {
    const { host, controller } = setup();
    await controller.start();
    expect(host.listenerCount).toBe(1);
    controller.dispose();
    expect(host.listenerCount).toBe(0);
  });
});

describe("PaneController: the workbook's rule set", () => {
  test("analysis and fill use the rule set embedded in the workbook state", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    host.state.rules = { version: 1, fundingScoreDecimals: 1, highlightArgb: "FFFFC7CE" };
    await controller.validateActiveSheet();
    expect(controller.getState().rulesWarning).toBeNull();
    await fillConfirmed(controller);
    const score = host.calls.applyPlan[0].plan.writes.find((w) => w.purpose === "fundingScore")!;
    expect(score.formula).toBe('=IF(AND(ISNUMBER(H7),ISNUMBER(G7)),ROUND(MIN(H7,1)*G7,1),"")');
  });

  test("a malformed embedded rule set: defaults are used and the pane says why", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    host.state.rules = { version: 1, fundingScoreDecimal: 1 };
    await controller.validateActiveSheet();
    expect(controller.getState().rulesWarning).toMatch(/^工作簿内嵌的规则集有误，已沿用原设置/);
    expect(codes(controller, POSTDOC)).toEqual(["TOTAL_SCORE_MISMATCH@H22"]);
  });

  test("a rule set given to the controller wins over the embedded one", async () => {
    const host = workbook({ active: POSTDOC });
    host.state.rules = { version: 1, fundingScoreDecimals: 1 };
    const controller = new PaneController(host, {
      strings: zh,
      settings: { fundingScoreDecimals: 3 },
    });
    await controller.validateActiveSheet();
    await fillConfirmed(controller);
    const score = host.calls.applyPlan[0].plan.writes.find((w) => w.purpose === "fundingScore")!;
    expect(score.formula).toContain(",3)");
  });
});

describe("PaneController: errors", () => {
  test("a protected sheet gives the host's message and what to do next", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    host.protectedSheets.add(POSTDOC);
    await controller.validateActiveSheet();
    expect(await fillConfirmed(controller)).toBe(false);
    expect(controller.getState().error).toEqual({
      kind: "protected",
      title: zh.errorTitle,
      message: `工作表“${POSTDOC}”受保护，无法写入。`,
      hint: zh.hintProtected,
    });
    expect(controller.getState().busy).toBeNull();
  });

  test("English messages when the strings are English", async () => {
    const host = workbook({ active: POSTDOC });
    const controller = new PaneController(host, { strings: en });
    host.failNext(
      "readSheets",
      new HostError("tooLarge", "太大", "The sheet is too large to read at once.")
    );
    await controller.validateActiveSheet();
    expect(controller.getState().error).toEqual({
      kind: "tooLarge",
      title: en.errorTitle,
      message: "The sheet is too large to read at once.",
      hint: en.hintTooLarge,
    });
  });

  test("an unexpected error becomes one readable line, never a stack", async () => {
    const { host, controller } = setup();
    const e = new Error("RichApi.Error: The request failed.\n    at Object.run (office.js:1:2)");
    host.failNext("activeSheetName", e);
    await controller.validateActiveSheet();
    const error = controller.getState().error!;
    expect(error.kind).toBe("unexpected");
    expect(error.message).toBe("发生了意外错误（RichApi.Error: The request failed.）。");
    expect(error.message).not.toMatch(/ at /);
    expect(error.hint).toBe(zh.hintFailed);
  });

  test("a failing selectCell shows an error instead of throwing", async () => {
    const { host, controller } = setup();
    host.failNext(
      "selectCell",
      new HostError("failed", "无法选中单元格。", "Could not select the cell.")
    );
    await controller.selectFinding({ cell: "H22" }, POSTDOC);
    expect(controller.getState().error?.message).toBe("无法选中单元格。");
  });
});

/** A small table whose 得分 column holds a number typed as text ("10"). */
function seedGridWithTextNumber() {
  const { snapshot } = seedGrid(seedTable("001-04"), { sheetName: "文本数字" });
  snapshot.values[13][7] = "10 分";
  return snapshot;
}

describe("PaneController: the rule set editor", () => {
  test("start() reads which rule set is in force: the defaults, or the workbook's own", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    await controller.start();
    expect(controller.getState().rules).toMatchObject({ source: "default", stored: false });
    expect(controller.getState().rules.rules.fundingWeight).toBe(10);

    const other = new PaneController(host, { strings: zh });
    host.state.rules = { version: 1, preset: "hunan", fundingScoreDecimals: 1 };
    await other.start();
    const { rules } = other.getState();
    expect(rules.source).toBe("embedded");
    expect(rules.stored).toBe(true);
    expect(rules.rules.preset).toBe("hunan");
    expect(rules.rules.sectionWeights.enforce).toBe(true);
    expect(rules.rules.fundingScoreDecimals).toBe(1);
  });

  test("text that is not JSON is rejected with a reason, and nothing is written", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    expect(await controller.saveRules('{"fundingWeight": ')).toBe(false);
    const error = controller.getState().rulesError!;
    expect(error.path).toBe("");
    expect(error.message).toMatch(/^规则集有误，已沿用原设置：不是有效的 JSON/);
    expect(host.calls.writeState).toEqual([]);
    expect(host.state.rules).toBeUndefined();
  });

  test("a malformed rule set is rejected with the zod path of its fault, and nothing is written", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    const bad = {
      version: 1,
      gradeBands: [
        { min: 90, label: "优" },
        { min: "80", label: "良" },
      ],
    };
    expect(await controller.saveRules(bad)).toBe(false);
    expect(controller.getState().rulesError).toEqual({
      path: "gradeBands.1.min",
      message: "规则集有误，已沿用原设置：gradeBands.1.min：应为数字，实际为文本",
    });
    expect(await controller.saveRules(JSON.stringify({ fundingWieght: 10 }))).toBe(false);
    expect(controller.getState().rulesError?.path).toBe("fundingWieght");
    // Weights that do not add up while enforced: the cross-field check names its path too.
    expect(
      await controller.saveRules({ sectionWeights: { enforce: true }, fundingWeight: 20 })
    ).toBe(false);
    expect(controller.getState().rulesError?.path).toBe("sectionWeights.split");
    expect(host.calls.writeState).toEqual([]);

    const english = new PaneController(host, { strings: en });
    await english.saveRules(bad);
    expect(english.getState().rulesError?.message).toBe(
      "Rule set rejected, defaults kept: gradeBands.1.min: expected number, received string"
    );
    controller.dismissRulesError();
    expect(controller.getState().rulesError).toBeNull();
  });

  test("a valid rule set is saved into state.rules (its short document) and the findings refresh with it", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    await controller.validateActiveSheet();
    expect(codes(controller, POSTDOC)).toEqual(["TOTAL_SCORE_MISMATCH@H22"]);
    expect(
      await controller.saveRules({
        version: 1,
        fundingScoreDecimals: 1,
        indicatorScoring: { enabled: true },
      })
    ).toBe(true);
    expect(host.calls.writeState).toHaveLength(1);
    expect(host.state.rules).toEqual({
      version: 1,
      fundingScoreDecimals: 1,
      indicatorScoring: { enabled: true },
    });
    const s = controller.getState();
    expect(s.rules).toMatchObject({ source: "embedded", stored: true });
    expect(s.rules.rules.indicatorScoring.enabled).toBe(true);
    expect(s.rulesError).toBeNull();
    // Checked again with the new rules: the scoring policy now reports H14.
    expect(host.calls.readSheets).toEqual([[POSTDOC], [POSTDOC]]);
    expect(codes(controller, POSTDOC)).toEqual([
      "SCORE_POLICY_MISMATCH@H14",
      "TOTAL_SCORE_MISMATCH@H22",
    ]);
    expect(s.notice).toEqual({ intent: "success", text: zh.noticeRulesSavedChecked });
  });

  test("a preset and JSON text: the document keeps the preset and only what differs from it", async () => {
    const { host, controller } = setup();
    expect(await controller.saveRules('{"preset":"beijing","lowestGrade":"不合格"}')).toBe(true);
    expect(host.state.rules).toEqual({ version: 1, preset: "beijing", lowestGrade: "不合格" });
    // Before any validation there is nothing to re-check.
    expect(host.calls.readSheets).toEqual([]);
    expect(controller.getState().notice).toEqual({ intent: "success", text: zh.noticeRulesSaved });
  });

  test("恢复默认 removes the embedded rule set; with none it says so and writes nothing", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    host.state.rules = { version: 1, indicatorScoring: { enabled: true } };
    await controller.validateActiveSheet();
    expect(codes(controller, POSTDOC)).toContain("SCORE_POLICY_MISMATCH@H14");
    expect(await controller.restoreDefaultRules()).toBe(true);
    expect(host.state).not.toHaveProperty("rules");
    expect(controller.getState().rules).toMatchObject({ source: "default", stored: false });
    expect(codes(controller, POSTDOC)).toEqual(["TOTAL_SCORE_MISMATCH@H22"]);
    expect(controller.getState().notice).toEqual({
      intent: "success",
      text: zh.noticeRulesRestored,
    });

    await controller.restoreDefaultRules();
    expect(host.calls.writeState).toHaveLength(1);
    expect(controller.getState().notice).toEqual({
      intent: "info",
      text: zh.noticeRulesAlreadyDefault,
    });
  });

  test("a rejected embedded rule set can be removed with 恢复默认", async () => {
    const { host, controller } = setup({ active: POSTDOC });
    host.state.rules = { version: 1, fundingScoreDecimal: 1 };
    await controller.start();
    expect(controller.getState().rules).toMatchObject({ source: "default", stored: true });
    expect(controller.getState().rulesWarning).toMatch(/工作簿内嵌的规则集有误/);
    await controller.restoreDefaultRules();
    expect(host.state.rules).toBeUndefined();
    expect(controller.getState().rules.stored).toBe(false);
  });
});

describe("PaneController: 采用建议得分", () => {
  const POLICY = { version: 1, indicatorScoring: { enabled: true } };

  function policySetup() {
    const { host, controller } = setup({ active: RETIREES });
    host.state.rules = { ...POLICY };
    return { host, controller };
  }

  const policyFinding = (c: PaneController, cell: string) =>
    c
      .getState()
      .results![0].tables[0].findings.find(
        (f) => f.code === "SCORE_POLICY_MISMATCH" && f.cell === cell
      )!;

  test("one finding: only that row's suggested score is written, journalled, and the findings refresh", async () => {
    const { host, controller } = policySetup();
    await controller.validateActiveSheet();
    expect(codes(controller, RETIREES).filter((c) => c.startsWith("SCORE_POLICY"))).toEqual([
      "SCORE_POLICY_MISMATCH@H17",
      "SCORE_POLICY_MISMATCH@H18",
    ]);
    const h17 = policyFinding(controller, "H17");
    expect(h17.expected).toBe(16);
    expect(host.cell(RETIREES, "H17").value).toBe(20);

    expect(await controller.applySuggestedScore(h17, RETIREES)).toBe(true);
    expect(host.calls.applyPlan).toHaveLength(1);
    const { plan, action } = host.calls.applyPlan[0];
    expect(action).toBe("applySuggestedScores");
    expect(plan.highlights).toEqual([]);
    expect(plan.writes.map((w) => [w.address, w.value, w.purpose])).toEqual([
      ["H17", 16, "suggestedScore"],
    ]);
    expect(host.cell(RETIREES, "H17").value).toBe(16);
    expect(host.cell(RETIREES, "H18").value).toBe(19);
    expect(codes(controller, RETIREES)).not.toContain("SCORE_POLICY_MISMATCH@H17");
    expect(codes(controller, RETIREES)).toContain("SCORE_POLICY_MISMATCH@H18");
    expect(controller.getState().notice).toEqual({
      intent: "success",
      text: "已把单元格 H17 的得分改为建议得分 16，并重新校验。可用“撤销上次操作”恢复原得分。",
    });

    // Undo puts the typed score back, and its finding with it.
    await controller.undoLast();
    expect(host.cell(RETIREES, "H17").value).toBe(20);
    expect(codes(controller, RETIREES)).toContain("SCORE_POLICY_MISMATCH@H17");
    expect(controller.getState().notice?.text).toBe("已撤销“采用建议得分”。");
  });

  test("全部采用建议得分 writes every listed row of the table, not the ignored ones", async () => {
    const { host, controller } = policySetup();
    await controller.validateActiveSheet();
    const table = controller.getState().results![0].tables[0];
    expect(await controller.applyAllSuggestedScores(table.key)).toBe(true);
    expect(host.calls.applyPlan[0].plan.writes.map((w) => `${w.address}=${w.value}`)).toEqual([
      "H17=16",
      "H18=19.38",
    ]);
    expect(codes(controller, RETIREES).filter((c) => c.startsWith("SCORE_POLICY"))).toEqual([]);
    expect(controller.getState().notice?.text).toBe(
      "已在 2 个单元格中采用建议得分，并重新校验。可用“撤销上次操作”恢复原得分。"
    );

    await controller.undoLast();
    await controller.ignoreFinding(policyFinding(controller, "H18"), RETIREES, "按评审意见打分");
    await controller.applyAllSuggestedScores(table.key);
    expect(host.calls.applyPlan[1].plan.writes.map((w) => w.address)).toEqual(["H17"]);
    expect(host.cell(RETIREES, "H18").value).toBe(19);
  });

  test("nothing is written while the policy is off, or when the score already matches", async () => {
    const { host, controller } = setup({ active: RETIREES });
    await controller.validateActiveSheet();
    expect(codes(controller, RETIREES).some((c) => c.startsWith("SCORE_POLICY"))).toBe(false);
    expect(
      await controller.applySuggestedScore({ code: "SCORE_POLICY_MISMATCH", cell: "H17" }, RETIREES)
    ).toBe(true);
    expect(host.calls.applyPlan).toEqual([]);
    expect(controller.getState().notice).toEqual({ intent: "warning", text: zh.noticePolicyOff });

    host.state.rules = { ...POLICY };
    await controller.validateActiveSheet();
    const h17 = policyFinding(controller, "H17");
    host.edit(RETIREES, "H17", 16); // typed the suggestion meanwhile
    await controller.applySuggestedScore(h17, RETIREES);
    expect(host.calls.applyPlan).toEqual([]);
    expect(controller.getState().notice).toEqual({
      intent: "info",
      text: zh.noticeSuggestedNothing,
    });
    // Another finding code is never turned into a score write.
    expect(
      await controller.applySuggestedScore({ code: "GRADE_MISMATCH", cell: "H20" }, RETIREES)
    ).toBe(false);
  });
});

describe("PaneController: 插入标准自评表", () => {
  test("inserts the layout of one standard table, embeds the rules, and checks the new sheet", async () => {
    const { host, controller } = setup({ active: NOTES });
    await controller.validateActiveSheet();
    expect(controller.getState().results![0].tables).toEqual([]);

    expect(await controller.insertTemplate({ variant: "beijing", year: 2024 })).toBe(true);
    expect(host.calls.insertTemplateSheet).toHaveLength(1);
    const { layout, options } = host.calls.insertTemplateSheet[0];
    const expected = buildTemplateLayout({ variant: "beijing", projects: 1, year: 2024 });
    expect(layout).toEqual(JSON.parse(JSON.stringify(expected.sheets[0])));
    expect(options.rules).toEqual(JSON.parse(JSON.stringify(expected.rules)));

    const s = controller.getState();
    expect(s.scope).toEqual({ kind: "sheet", sheets: ["项目1"] });
    expect(host.active).toBe("项目1");
    expect(s.results![0].tables).toHaveLength(1);
    expect(codes(controller, "项目1")).toEqual([
      "MISSING_FIELD@B3",
      "MISSING_FIELD@B4",
      "MISSING_FIELD@G4",
      "MISSING_FIELD@E7",
      "MISSING_FIELD@F7",
      "MISSING_FIELD@I7",
    ]);
    expect(s.notice).toEqual({
      intent: "success",
      text: "已插入工作表“项目1”并校验：列出的是尚未填写的必填项。如需撤销，删除该工作表即可。",
    });
    // The workbook had no rule set: the one the table was laid out with is now embedded.
    expect(host.state.rules).toEqual({ version: 1 });
    expect(s.rules).toMatchObject({ source: "embedded", stored: true });

    // A second table gets the next free name.
    await controller.insertTemplate({ variant: "beijing", year: 2024, protect: false });
    expect(controller.getState().scope?.sheets).toEqual(["项目2"]);
    expect(host.calls.insertTemplateSheet[1].layout.protect).toBe(false);
  });

  test("the workbook's own rule set lays the table out and is kept", async () => {
    const { host, controller } = setup({ active: NOTES });
    host.state.rules = { version: 1, preset: "hunan", lowestGrade: "不合格" };
    await controller.insertTemplate({ variant: "hunan", year: "2023" });
    const { layout, options } = host.calls.insertTemplateSheet[0];
    expect(options.rules?.preset).toBe("hunan");
    expect(layout.cells.some((c) => String(c.value).includes("60分以下为不合格"))).toBe(true);
    expect(host.state.rules).toEqual({ version: 1, preset: "hunan", lowestGrade: "不合格" });
    expect(codes(controller, "项目1").every((c) => c.startsWith("MISSING_FIELD@"))).toBe(true);
  });

  test("a bad year is refused with the layout's reason, and nothing is inserted", async () => {
    const { host, controller } = setup({ active: NOTES });
    expect(await controller.insertTemplate({ variant: "beijing", year: 24 })).toBe(false);
    expect(host.calls.insertTemplateSheet).toEqual([]);
    const error = controller.getState().error!;
    expect(error.message).toMatch(/^年度“24”无效/);
    expect(error.hint).toBe(zh.hintTemplate);
  });

  test("a host failure is shown, not thrown", async () => {
    const { host, controller } = setup({ active: NOTES });
    host.failNext(
      "insertTemplateSheet",
      new HostError(
        "protected",
        "工作簿结构受保护，无法添加工作表。",
        "The workbook structure is protected."
      )
    );
    expect(await controller.insertTemplate({ variant: "beijing", year: 2024 })).toBe(false);
    expect(controller.getState().error?.message).toBe("工作簿结构受保护，无法添加工作表。");
  });
});
