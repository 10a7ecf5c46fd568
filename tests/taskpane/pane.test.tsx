/** @jest-environment jsdom */
import "./setup-dom";
import { StrictMode } from "react";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { axe } from "jest-axe";
import App from "../../src/taskpane/components/App";
import { Pane } from "../../src/taskpane/components/Pane";
import { stringsFor } from "../../src/taskpane/i18n";
import { FakeHost } from "./fake-host";
import { NOTES, POSTDOC, RUNNING, workbook } from "./fixtures";

const zh = stringsFor("zh-CN");
const en = stringsFor("en-US");

const POSTDOC_TITLE = "2023 年博士后、高研班工作经费 · A1:I22";
const RUNNING_TITLE = "2023 年部门运转工作经费——人力社保工作体系建设工作 · A1:I24";
const RETIREES_TITLE = "区属离休干部生活补助 · A1:I20";

async function setup(host: FakeHost = workbook(), strings = zh) {
  const user = userEvent.setup();
  let view!: ReturnType<typeof render>;
  // act() lets the pane's start-up (listening for edits, reading the ignored findings) settle.
  await act(async () => {
    view = render(<Pane host={host} strings={strings} />);
  });
  return { host, user, ...view };
}

/** A modal dialog hides the rest of the page until it has fully closed. */
async function dialogClosed(container: HTMLElement) {
  await waitFor(() => {
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(container.closest("[aria-hidden=true]")).toBeNull();
  });
}

/** The accordion item of a table, found by its heading. */
function tableSection(title: string): HTMLElement {
  const heading = screen.getByRole("heading", { level: 2, name: new RegExp(escape(title)) });
  return heading.parentElement as HTMLElement;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The finding buttons (selectable findings) inside an element. */
function findingButtons(el: HTMLElement): HTMLElement[] {
  return within(el)
    .queryAllByRole("button")
    .filter((b) => b.hasAttribute("data-cell"));
}

async function validateSheet(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: zh.validateSheet }));
  await screen.findByText(/已校验/);
}

describe("Pane", () => {
  test("before any check it says how to start; the actions are buttons", async () => {
    await setup();
    expect(screen.getByText(zh.intro)).toBeTruthy();
    const group = screen.getByRole("group", { name: zh.actionsLabel });
    expect(
      within(group)
        .getAllByRole("button")
        .map((b) => b.textContent)
    ).toEqual([
      "校验当前工作表",
      "校验整个工作簿",
      "填充公式",
      "标出未说明的偏差",
      "清除标记",
      "撤销上次操作",
      "插入标准自评表…",
      "清除助手数据",
    ]);
  });

  test("workbook check: findings grouped by table, with counts per severity", async () => {
    const { user } = await setup();
    await user.click(screen.getByRole("button", { name: zh.validateWorkbook }));
    await screen.findByText("已校验 3 张表：7 个错误，1 个警告，0 条提示。");

    const results = screen.getByRole("region", { name: zh.resultsLabel });
    const headings = within(results)
      .getAllByRole("heading", { level: 2 })
      .map((h) => h.textContent);
    expect(headings).toEqual([
      expect.stringContaining(POSTDOC_TITLE),
      expect.stringContaining(RUNNING_TITLE),
      expect.stringContaining(RETIREES_TITLE),
    ]);

    const postdoc = tableSection(POSTDOC_TITLE);
    expect(within(postdoc).getByText("错误 1")).toBeTruthy();
    // The title already names the sheet, so the header does not repeat it.
    expect(within(postdoc).queryByText(`工作表：${POSTDOC}`)).toBeNull();
    const [total] = findingButtons(postdoc);
    expect(total.textContent).toContain("错误");
    expect(total.textContent).toContain("单元格 H22");
    expect(total.textContent).toContain(
      "总分应为 97（资金得分 10 + 各指标得分之和 87），表中填写为 94"
    );
    expect(total.textContent).toContain("应为：97");
    expect(total.textContent).toContain("表中为：94");

    const running = tableSection(RUNNING_TITLE);
    // 10 + 100 = 110 with 总分 on 100: one root-cause finding at G24.
    expect(within(running).getByText("错误 5")).toBeTruthy();
    expect(findingButtons(running).map((b) => b.getAttribute("data-cell"))).toEqual([
      "I20",
      "I21",
      "I22",
      "I23",
      "G24",
    ]);
    // A blank "actual" (the explanation cell of an unexplained deviation) is not shown as "表中为：".
    expect(findingButtons(running)[0].textContent).not.toContain("表中为");

    const retirees = tableSection(RETIREES_TITLE);
    expect(within(retirees).getByText("错误 1")).toBeTruthy();
    expect(within(retirees).getByText("警告 1")).toBeTruthy();

    expect(screen.getByText(`以下工作表中没有自评表：${NOTES}`)).toBeTruthy();
  });

  test("the filter shows only the chosen severity", async () => {
    const { user } = await setup();
    await user.click(screen.getByRole("button", { name: zh.validateWorkbook }));
    await screen.findByText(/已校验 3 张表/);
    const filter = screen.getByRole("radiogroup", { name: zh.filterLabel });

    await user.click(within(filter).getByRole("radio", { name: zh.filterWarnings }));
    expect(
      findingButtons(tableSection(RETIREES_TITLE)).map((b) => b.getAttribute("data-cell"))
    ).toEqual(["F17"]);
    expect(findingButtons(tableSection(RUNNING_TITLE))).toEqual([]);
    expect(within(tableSection(RUNNING_TITLE)).getByText(zh.noFindingsForFilter)).toBeTruthy();

    await user.click(within(filter).getByRole("radio", { name: zh.filterErrors }));
    expect(
      findingButtons(tableSection(RETIREES_TITLE)).map((b) => b.getAttribute("data-cell"))
    ).toEqual(["G20"]);
    expect(findingButtons(tableSection(RUNNING_TITLE))).toHaveLength(5);

    await user.click(within(filter).getByRole("radio", { name: zh.filterInfo }));
    expect(screen.queryAllByRole("button").filter((b) => b.hasAttribute("data-cell"))).toEqual([]);

    await user.click(within(filter).getByRole("radio", { name: zh.filterAll }));
    expect(screen.queryAllByRole("button").filter((b) => b.hasAttribute("data-cell"))).toHaveLength(
      8
    );
  });

  test("clicking a finding, or Enter / Space on it, selects its cell", async () => {
    const { host, user } = await setup();
    await validateSheet(user);
    const [first, second, third] = findingButtons(tableSection(RUNNING_TITLE));
    await user.click(first);
    expect(host.calls.selectCell).toEqual([{ sheet: RUNNING, address: "I20" }]);

    second.focus();
    await user.keyboard("{Enter}");
    third.focus();
    await user.keyboard(" ");
    expect(host.calls.selectCell).toEqual([
      { sheet: RUNNING, address: "I20" },
      { sheet: RUNNING, address: "I21" },
      { sheet: RUNNING, address: "I22" },
    ]);
  });

  test("finding items are in the tab order (native buttons; jsdom cannot walk Fluent's tab order itself)", async () => {
    const { user } = await setup(workbook({ active: POSTDOC }));
    await validateSheet(user);
    for (const b of findingButtons(tableSection(POSTDOC_TITLE))) {
      expect(b.tagName).toBe("BUTTON");
      expect(b.tabIndex).toBe(0);
      expect(b.closest("[aria-hidden=true], [inert]")).toBeNull();
    }
  });

  test("fill writes the formulas with applyPlan('fill') and the findings refresh", async () => {
    const { host, user } = await setup(workbook({ active: POSTDOC }));
    await validateSheet(user);
    expect(findingButtons(tableSection(POSTDOC_TITLE))).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: zh.fill }));
    // The typed 总分 it replaces is shown first; nothing is written until confirmed.
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/H22 总分得分：94 → 97/)).toBeTruthy();
    expect(host.calls.applyPlan).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: zh.confirmFillWrite }));
    await screen.findByText("已在 5 个单元格中填入公式，并重新校验。");
    expect(host.calls.applyPlan).toHaveLength(1);
    expect(host.calls.applyPlan[0].action).toBe("fill");
    expect(host.calls.applyPlan[0].plan.writes.map((w) => [w.address, w.formula])).toEqual([
      ["H7", '=IF(AND(ISNUMBER(E7),ISNUMBER(F7),E7<>0),F7/E7,"")'],
      ["H8", '=IF(AND(ISNUMBER(E8),ISNUMBER(F8),E8<>0),F8/E8,"")'],
      ["I7", '=IF(AND(ISNUMBER(H7),ISNUMBER(G7)),ROUND(MIN(H7,1)*G7,2),"")'],
      ["G22", "=N(G7)+SUM(G14:G21)"],
      ["H22", "=N(I7)+SUM(H14:H21)"],
    ]);
    const postdoc = tableSection(POSTDOC_TITLE);
    expect(findingButtons(postdoc)).toEqual([]);
    expect(within(postdoc).getByText(zh.noFindings)).toBeTruthy();
    expect(within(postdoc).getByText(zh.cleanBadge)).toBeTruthy();
  });

  test("fill with 'convert numbers' ticked asks for number conversions", async () => {
    const { host, user } = await setup(workbook({ active: POSTDOC }));
    await validateSheet(user);
    await user.click(screen.getByRole("checkbox", { name: zh.convertNumbers }));
    await user.click(screen.getByRole("button", { name: zh.fill }));
    await user.click(await screen.findByRole("button", { name: zh.confirmFillWrite }));
    await screen.findByText(/已在 \d+ 个单元格中填入公式/);
    expect(host.calls.applyPlan[0].action).toBe("fill");
  });

  test("highlight marks the unexplained deviations; clear and undo report back", async () => {
    const { host, user } = await setup();
    await validateSheet(user);
    await user.click(screen.getByRole("button", { name: zh.highlight }));
    await screen.findByText(/已标出 4 处未说明的偏差/);
    expect(host.calls.applyPlan.map((c) => c.action)).toEqual(["highlight"]);
    expect(host.calls.applyPlan[0].plan.highlights.map((h) => h.address)).toEqual([
      "I20",
      "I21",
      "I22",
      "I23",
    ]);
    // The findings were checked again (the deviations are still unexplained).
    expect(host.calls.readSheets).toHaveLength(3);
    expect(findingButtons(tableSection(RUNNING_TITLE))).toHaveLength(5);

    await user.click(screen.getByRole("button", { name: zh.undo }));
    await screen.findByText("已撤销“标出未说明的偏差”。");
    expect(host.cell(RUNNING, "I20").fill).toBeNull();

    await user.click(screen.getByRole("button", { name: zh.clearHighlights }));
    await screen.findByText(zh.noticeClearedNone);
  });

  test("undo after fill brings the old values and their findings back", async () => {
    const { host, user } = await setup(workbook({ active: POSTDOC }));
    await validateSheet(user);
    await user.click(screen.getByRole("button", { name: zh.fill }));
    await user.click(await screen.findByRole("button", { name: zh.confirmFillWrite }));
    await screen.findByText(/已在 5 个单元格/);
    await user.click(screen.getByRole("button", { name: zh.undo }));
    await screen.findByText("已撤销“填充公式”。");
    expect(host.calls.undoLast).toBe(1);
    expect(
      findingButtons(tableSection(POSTDOC_TITLE)).map((b) => b.getAttribute("data-cell"))
    ).toEqual(["H22"]);
  });

  test("ignore asks for a reason, saves it in the state, and moves the finding to 已忽略; restore brings it back", async () => {
    const { host, user, container } = await setup(workbook({ active: POSTDOC }));
    await validateSheet(user);

    await user.click(screen.getByRole("button", { name: "忽略单元格 H22 的问题" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(zh.ignoreTitle)).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: zh.ignoreConfirm }));
    expect(within(dialog).getByText(zh.ignoreReasonRequired)).toBeTruthy();
    expect(host.calls.writeState).toEqual([]);

    await user.type(
      within(dialog).getByRole("textbox", { name: new RegExp(zh.ignoreReasonLabel) }),
      "总分按主管部门核定数填写"
    );
    await user.click(within(dialog).getByRole("button", { name: zh.ignoreConfirm }));
    await screen.findByText(zh.noticeIgnored);
    await dialogClosed(container);

    expect(host.state.suppressions).toEqual([
      expect.objectContaining({
        code: "TOTAL_SCORE_MISMATCH",
        sheet: POSTDOC,
        cell: "H22",
        reason: "总分按主管部门核定数填写",
      }),
    ]);
    expect(findingButtons(tableSection(POSTDOC_TITLE))).toEqual([]);
    expect(within(tableSection(POSTDOC_TITLE)).queryByText("错误 1")).toBeNull();

    // The ignored group starts collapsed; opening it shows the finding with its reason.
    const ignoredHeader = screen.getByRole("button", { name: /已忽略/ });
    expect(ignoredHeader.getAttribute("aria-expanded")).toBe("false");
    await user.click(ignoredHeader);
    const ignored = screen.getByRole("list", { name: zh.ignoredGroup });
    expect(within(ignored).getByText("原因：总分按主管部门核定数填写")).toBeTruthy();
    expect(within(ignored).getByText(/总分应为 97/)).toBeTruthy();

    await user.click(within(ignored).getByRole("button", { name: "恢复单元格 H22 的问题" }));
    await screen.findByText(zh.noticeRestored);
    expect(host.state.suppressions).toEqual([]);
    expect(
      findingButtons(tableSection(POSTDOC_TITLE)).map((b) => b.getAttribute("data-cell"))
    ).toEqual(["H22"]);
    expect(screen.queryByRole("button", { name: /已忽略/ })).toBeNull();
  });

  test("cancelling the ignore dialog writes nothing", async () => {
    const { host, user, container } = await setup(workbook({ active: POSTDOC }));
    await validateSheet(user);
    await user.click(screen.getByRole("button", { name: "忽略单元格 H22 的问题" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: zh.cancel }));
    await dialogClosed(container);
    expect(host.calls.writeState).toEqual([]);
    expect(findingButtons(tableSection(POSTDOC_TITLE))).toHaveLength(1);
  });

  test("no table on the sheet: the empty state says what the pane looks for, and fill writes nothing", async () => {
    const { host, user } = await setup(workbook({ active: NOTES }));
    await user.click(screen.getByRole("button", { name: zh.validateSheet }));
    await screen.findByText(
      "未在此工作表找到项目支出绩效自评表：请确认表中有“一级指标 … 分值 得分”表头。",
      { exact: false }
    );
    await user.click(screen.getByRole("button", { name: zh.fill }));
    await screen.findByText(zh.noticeNoTableNoWrite);
    expect(host.calls.applyPlan).toEqual([]);
  });

  test("a protected sheet shows the host's message and what to do, never a stack", async () => {
    const { host, user } = await setup(workbook({ active: POSTDOC }));
    host.protectedSheets.add(POSTDOC);
    await validateSheet(user);
    await user.click(screen.getByRole("button", { name: zh.fill }));
    await user.click(await screen.findByRole("button", { name: zh.confirmFillWrite }));
    const alert = await screen.findByText(`工作表“${POSTDOC}”受保护，无法写入。`, { exact: false });
    const bar = alert.closest("[role=group], .fui-MessageBar") as HTMLElement;
    expect(bar.textContent).toContain(zh.errorTitle);
    expect(bar.textContent).toContain(zh.hintProtected);
    expect(bar.textContent).not.toMatch(/HostError|at \w+ \(/);
    // Dismissable; the buttons work again.
    await user.click(within(bar).getByRole("button", { name: zh.dismiss }));
    expect(screen.queryByText(zh.hintProtected, { exact: false })).toBeNull();
    expect((screen.getByRole("button", { name: zh.fill }) as HTMLButtonElement).disabled).toBe(
      false
    );
  });

  test("an unexpected error is one readable line", async () => {
    const { host, user } = await setup();
    host.failNext(
      "readSheets",
      new TypeError(
        "Cannot read properties of undefined (reading 'values')\n    at readSheets (office.ts:10:5)"
      )
    );
    await user.click(screen.getByRole("button", { name: zh.validateSheet }));
    const msg = await screen.findByText(/发生了意外错误/);
    expect(msg.closest(".fui-MessageBar")!.textContent).not.toContain("office.ts");
  });

  test("buttons are disabled while working, with a progress bar naming the sheet being read", async () => {
    const host = workbook();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const read = host.readSheets.bind(host);
    host.readSheets = async (names, onProgress) => {
      onProgress?.(NOTES, 1, 4);
      onProgress?.(POSTDOC, 2, 4);
      await gate;
      return read(names, onProgress);
    };
    const { user } = await setup(host);
    await user.click(screen.getByRole("button", { name: zh.validateWorkbook }));
    await screen.findByText(`正在读取工作表“${POSTDOC}”（2/4）`);
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("2");
    expect(bar.getAttribute("aria-valuemax")).toBe("4");
    for (const b of within(screen.getByRole("group", { name: zh.actionsLabel })).getAllByRole(
      "button"
    )) {
      expect((b as HTMLButtonElement).disabled).toBe(true);
    }
    await act(async () => release());
    await screen.findByText(/已校验 3 张表/);
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect((screen.getByRole("button", { name: zh.fill }) as HTMLButtonElement).disabled).toBe(
      false
    );
  });

  test("English when the display language is English", async () => {
    const { user } = await setup(workbook({ active: POSTDOC }), en);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(en.productName);
    await user.click(screen.getByRole("button", { name: "Check this sheet" }));
    await screen.findByText("Checked 1 table(s): 1 error(s), 0 warning(s), 0 note(s).");
    const [finding] = findingButtons(tableSection(POSTDOC_TITLE));
    expect(finding.textContent).toContain("Error");
    expect(finding.textContent).toContain("Cell H22");
    expect(finding.textContent).toContain("Expected: 97");
    expect(finding.textContent).not.toMatch(/总分应为/);
    expect(within(tableSection(POSTDOC_TITLE)).getByText("Errors: 1")).toBeTruthy();
    expect(screen.getByRole("radiogroup", { name: "Show" })).toBeTruthy();
  });

  test("has no accessibility violations with results shown", async () => {
    const { container, user } = await setup();
    await user.click(screen.getByRole("button", { name: zh.validateWorkbook }));
    await screen.findByText(/已校验 3 张表/);
    expect(await axe(container)).toHaveNoViolations();
  });

  test("has no accessibility violations with the ignore dialog open", async () => {
    const { user } = await setup(workbook({ active: POSTDOC }));
    await validateSheet(user);
    await user.click(screen.getByRole("button", { name: "忽略单元格 H22 的问题" }));
    await screen.findByRole("dialog");
    expect(await axe(document.body)).toHaveNoViolations();
  });
});

describe("Pane: edits refresh the table", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("an edit inside a detected table re-checks it after ~600 ms; outside a table nothing is read", async () => {
    const host = workbook({ active: POSTDOC });
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    render(<Pane host={host} strings={zh} />);
    await user.click(screen.getByRole("button", { name: zh.validateSheet }));
    await screen.findByText(/已校验 1 张表/);
    expect(findingButtons(tableSection(POSTDOC_TITLE))).toHaveLength(1);
    const reads = host.calls.readSheets.length;

    act(() => host.edit(POSTDOC, "Z99", "旁注"));
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000);
    });
    expect(host.calls.readSheets).toHaveLength(reads);

    act(() => host.edit(POSTDOC, "H22", 97));
    await act(async () => {
      await jest.advanceTimersByTimeAsync(500);
    });
    expect(host.calls.readSheets).toHaveLength(reads);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(200);
    });
    expect(host.calls.readSheets).toHaveLength(reads + 1);
    expect(host.calls.readSheets[reads]).toEqual([POSTDOC]);
    await waitFor(() => expect(findingButtons(tableSection(POSTDOC_TITLE))).toEqual([]));
  });
});

describe("Pane in React's StrictMode", () => {
  test("effects mounted twice still leave one change listener, and the pane works", async () => {
    const host = workbook({ active: POSTDOC });
    const user = userEvent.setup();
    await act(async () => {
      render(
        <StrictMode>
          <Pane host={host} strings={zh} />
        </StrictMode>
      );
    });
    await waitFor(() => expect(host.listenerCount).toBe(1));
    await user.click(screen.getByRole("button", { name: zh.validateSheet }));
    await screen.findByText(/已校验 1 张表/);
    expect(findingButtons(tableSection(POSTDOC_TITLE))).toHaveLength(1);
  });
});

describe("App", () => {
  test("outside Office without a host it explains where the pane runs", () => {
    render(<App strings={zh} host={null} />);
    expect(screen.getByText(zh.outsideOfficeTitle)).toBeTruthy();
    expect(screen.getByText(zh.outsideOfficeBody)).toBeTruthy();
    expect(screen.queryByRole("button", { name: zh.validateSheet })).toBeNull();
  });

  test("with a host it renders the pane", async () => {
    const host = workbook();
    render(<App strings={zh} host={host} />);
    expect(screen.getByRole("button", { name: zh.validateSheet })).toBeTruthy();
    await waitFor(() => expect(host.listenerCount).toBe(1));
  });

  test("the HostError of another bundle copy is still recognised", async () => {
    const host = workbook();
    const foreign = Object.assign(new Error("x"), {
      name: "HostError",
      kind: "noWorkbook",
      message_zh: "没有打开的工作簿。",
      message_en: "No workbook is open.",
    });
    host.failNext("activeSheetName", foreign);
    const user = userEvent.setup();
    render(<Pane host={host} strings={zh} />);
    await user.click(screen.getByRole("button", { name: zh.validateSheet }));
    await screen.findByText(/没有打开的工作簿。/);
    expect(screen.getByText(new RegExp(zh.hintNoWorkbook))).toBeTruthy();
  });
});
