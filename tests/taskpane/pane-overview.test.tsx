/**
 * The pane's overview of a long workbook: the 19 tables of the 2023 sample (seed 001) fold their
 * clean tables into one line, the others stay collapsible, a summary line leads; hidden sheets
 * skipped are counted, with an option to include them; the actions sit in a sticky bar; 已标出 N 处
 * steps through the marked cells; and each table says why 填充公式 leaves its 总分 alone.
 */
import { screen, waitFor, within } from "@testing-library/react";
import { axe } from "jest-axe";
import type { GridSnapshot } from "../../src/engine/grid/snapshot";
import type { WorkbookHost } from "../../src/hosts/host";
import { SEED_INDEX } from "../helpers/seed-workbooks";
import { seedGrid, seedTable } from "../helpers/seed-grid";
import { FakeHost } from "./fake-host";
import { POSTDOC, RETIREES, RUNNING, workbook } from "./fixtures";
import { button, en, findingCells, queryButton, setup, zh } from "./pane-helpers";

// Nineteen tables analysed and rendered in jsdom on a loaded machine; no timing is asserted.
jest.setTimeout(120_000);

/** The 19 tables of the 2023 sample workbook, each on its own sheet as in beijing-2023.xlsx. */
function sample2023(): FakeHost {
  const snapshots: GridSnapshot[] = SEED_INDEX.tables
    .filter((t) => t.workbook === "beijing-2023.xlsx")
    .map((t) => seedGrid(seedTable(t.id), { sheetName: t.sheet }).snapshot);
  return new FakeHost(snapshots);
}

/** The second-level headings of the results: one per listed table, one for the clean tables. */
function resultHeadings(): string[] {
  const results = screen.getByRole("region", { name: zh.resultsLabel });
  return [...results.querySelectorAll("h2")].map((h) => h.textContent ?? "");
}

/** The accordion item (heading and panel) whose heading contains `text`. */
function item(text: string): HTMLElement {
  const h = [...document.querySelectorAll("h2")].find((x) => x.textContent?.includes(text));
  if (!h) throw new Error(`no heading with ${text}`);
  return h.parentElement as HTMLElement;
}

const CLEAN_SHEETS = [
  "对口就业帮扶经费",
  "退休人员活动经费",
  "国有企业退休人员社会化管理服务补助资金(市属)",
];

async function checkWorkbook(user: Awaited<ReturnType<typeof setup>>["user"]) {
  await user.click(button(zh.validateWorkbook));
  await screen.findByText(/已校验 \d+ 张表/);
}

describe("the overview of a 19-table workbook", () => {
  test("clean tables fold into one line; the others stay open and collapse; expand/collapse all", async () => {
    const { host, user } = await setup(sample2023());
    await checkWorkbook(user);
    expect(screen.getByText("已校验 19 张表：18 个错误，7 个警告，3 条提示。")).toBeTruthy();

    // 16 tables with something to say, then one line for the 3 without.
    const headings = resultHeadings();
    expect(headings).toHaveLength(17);
    expect(headings[16]).toBe("✓ 3 张表无问题");
    // Every finding of the listed tables is shown (the tables start open).
    expect(findingCells()).toHaveLength(28);
    // The clean tables are not listed until their line is opened.
    expect(queryButton(new RegExp(CLEAN_SHEETS[0]))).toBeNull();

    await user.click(within(item("✓ 3 张表无问题")).getByRole("button", { expanded: false }));
    const clean = screen.getByRole("list", { name: "✓ 3 张表无问题" });
    const lines = within(clean).getAllByRole("button");
    expect(lines).toHaveLength(3);
    CLEAN_SHEETS.forEach((sheet, i) => expect(lines[i].textContent).toContain(`工作表：${sheet}`));
    // One click takes the person to the table.
    await user.click(lines[1]);
    expect(host.calls.selectCell.at(-1)).toEqual({ sheet: CLEAN_SHEETS[1], address: "A1" });

    // A table with findings collapses to its heading (with its counts) and opens again.
    const running = item("部门运转工作经费");
    await user.click(within(running).getByRole("button", { expanded: true }));
    expect(findingCells(item("部门运转工作经费"))).toEqual([]);
    expect(within(item("部门运转工作经费")).getByText("错误 5")).toBeTruthy();
    await user.click(within(item("部门运转工作经费")).getByRole("button", { expanded: false }));
    expect(findingCells(item("部门运转工作经费"))).toHaveLength(5);

    // 全部折叠: only the 17 heading lines remain; 全部展开 opens everything, clean list included.
    await user.click(button(zh.collapseAll));
    expect(findingCells()).toEqual([]);
    expect(screen.queryByRole("list", { name: "✓ 3 张表无问题" })).toBeNull();
    expect(resultHeadings()).toHaveLength(17);
    await user.click(button(zh.expandAll));
    expect(findingCells()).toHaveLength(28);
    expect(screen.getByRole("list", { name: "✓ 3 张表无问题" })).toBeTruthy();
  });

  test("a single table is shown as itself, not folded", async () => {
    const host = new FakeHost([
      seedGrid(seedTable("001-07"), { sheetName: CLEAN_SHEETS[0] }).snapshot,
    ]);
    const { user } = await setup(host);
    await user.click(button(zh.validateSheet));
    await screen.findByText(/已校验 1 张表/);
    expect(resultHeadings()).toEqual([expect.stringContaining("对口就业帮扶经费")]);
    expect(screen.getByText(zh.noFindings)).toBeTruthy();
    expect(screen.queryByText(/张表无问题/)).toBeNull();
    expect(queryButton(zh.collapseAll)).toBeNull();
  });
});

describe("a table's heading", () => {
  test("names its sheet unless the title already does", async () => {
    const host = new FakeHost([
      seedGrid(seedTable("001-04"), { sheetName: "表3" }).snapshot,
      seedGrid(seedTable("001-19"), { sheetName: RUNNING }).snapshot,
    ]);
    const { user } = await setup(host);
    await checkWorkbook(user);
    expect(within(item("博士后")).getByText("工作表：表3")).toBeTruthy();
    expect(within(item(RUNNING)).queryByText(/工作表：/)).toBeNull();
  });
});

describe("the action bar", () => {
  test("every action sits in the sticky bar, above the results", async () => {
    await setup();
    const bar = document.querySelector("[data-sticky-actions]") as HTMLElement;
    expect(bar).not.toBeNull();
    const group = within(bar).getByRole("group", { name: zh.actionsLabel });
    expect(
      within(group)
        .getAllByRole("button")
        .map((b) => b.textContent)
    ).toEqual([
      zh.validateSheet,
      zh.validateWorkbook,
      zh.fill,
      zh.highlight,
      zh.clearHighlights,
      zh.undo,
      zh.insertTemplate,
      zh.clearAssistantData,
    ]);
    // The busy indicator is in the bar too, so an action under way is seen wherever one scrolled.
    const results = screen.queryByRole("region", { name: zh.resultsLabel });
    expect(results === null || !bar.contains(results)).toBe(true);
  });
});

describe("hidden sheets", () => {
  beforeEach(() => sessionStorage.clear());

  test("a workbook check says how many hidden sheets it skipped; including them reads again", async () => {
    const host = workbook();
    host.hiddenSheetsSkipped = 2;
    const reads = jest.spyOn(host as WorkbookHost, "readSheets");
    const { user } = await setup(host);
    await checkWorkbook(user);
    expect(reads.mock.calls.at(-1)![2]).toEqual({ includeHidden: false });
    expect(screen.getByText("已跳过 2 个隐藏工作表")).toBeTruthy();

    host.hiddenSheetsSkipped = 0;
    await user.click(screen.getByRole("checkbox", { name: zh.includeHidden }));
    await waitFor(() => expect(reads).toHaveBeenCalledTimes(2));
    await screen.findByText(/已校验 3 张表/);
    expect(reads.mock.calls[1][2]).toEqual({ includeHidden: true });
    expect(screen.queryByText(/个隐藏工作表/)).toBeNull();
    expect(
      (screen.getByRole("checkbox", { name: zh.includeHidden }) as HTMLInputElement).checked
    ).toBe(true);

    // Fill and highlight on the whole workbook follow the same choice.
    await user.click(button(zh.highlight));
    await screen.findByText(/已标出/);
    expect(reads.mock.calls.slice(2).map((c) => [c[0], c[2]])).toEqual([
      [undefined, { includeHidden: true }],
      [undefined, { includeHidden: true }],
    ]);
    reads.mockClear();
    await user.click(button(zh.fill));
    await screen.findByRole("dialog");
    expect(reads.mock.calls[0][2]).toEqual({ includeHidden: true });
  });

  test("the choice is remembered for the session; a sheet check reads just the sheet", async () => {
    sessionStorage.setItem("selfeval.includeHidden", "1");
    const host = workbook({ active: POSTDOC });
    const reads = jest.spyOn(host as WorkbookHost, "readSheets");
    const { user } = await setup(host);
    await user.click(button(zh.validateSheet));
    await screen.findByText(/已校验 1 张表/);
    expect(reads.mock.calls[0][0]).toEqual([POSTDOC]);
    expect(reads.mock.calls[0][2]).toBeUndefined();
    // No whole-workbook read yet: no hidden-sheet line.
    expect(screen.queryByRole("checkbox", { name: zh.includeHidden })).toBeNull();
    await checkWorkbook(user);
    expect(reads.mock.calls[1][2]).toEqual({ includeHidden: true });
    await user.click(screen.getByRole("checkbox", { name: zh.includeHidden }));
    await waitFor(() => expect(sessionStorage.getItem("selfeval.includeHidden")).toBeNull());
  });
});

describe("已标出 N 处 leads to the marked cells", () => {
  test("查看 selects the first, 下一处/上一处 step through them in order", async () => {
    const { host, user } = await setup(workbook({ active: RUNNING }));
    await user.click(button(zh.validateSheet));
    await screen.findByText(/已校验/);
    await user.click(button(zh.highlight));
    await screen.findByText(/已标出 4 处未说明的偏差/);
    const steps = screen.getByRole("group", { name: zh.marksLabel });
    const before = host.calls.selectCell.length;
    expect(button(zh.marksPrevious, steps).disabled).toBe(true);

    await user.click(button(zh.marksShow, steps));
    await user.click(button(zh.marksNext, steps));
    await user.click(button(zh.marksNext, steps));
    await user.click(button(zh.marksNext, steps));
    expect(within(steps).getByText(`第 4/4 处：${RUNNING}!I23`)).toBeTruthy();
    expect(button(zh.marksNext, steps).disabled).toBe(true);
    await user.click(button(zh.marksPrevious, steps));
    expect(host.calls.selectCell.slice(before)).toEqual(
      ["I20", "I21", "I22", "I23", "I22"].map((address) => ({ sheet: RUNNING, address }))
    );
    expect(within(steps).getByText(`第 3/4 处：${RUNNING}!I22`)).toBeTruthy();
  });

  test("after a workbook check the marks of every sheet are stepped through, sheet by sheet", async () => {
    const { host, user } = await setup(workbook());
    await checkWorkbook(user);
    await user.click(button(zh.highlight));
    const notice = await screen.findByText(/已标出 \d+ 处未说明的偏差/);
    const n = Number(/已标出 (\d+) 处/.exec(notice.textContent ?? "")![1]);
    const planned = host.calls.applyPlan[0].plan.highlights;
    expect(planned).toHaveLength(n);
    const steps = screen.getByRole("group", { name: zh.marksLabel });
    const before = host.calls.selectCell.length;
    await user.click(button(zh.marksShow, steps));
    for (let i = 1; i < n; i++) await user.click(button(zh.marksNext, steps));
    const visited = host.calls.selectCell.slice(before);
    expect(visited).toHaveLength(n);
    const order = [POSTDOC, RUNNING, RETIREES];
    const rank = (c: { sheet: string; address: string }) =>
      order.indexOf(c.sheet) * 1e6 + Number(c.address.replace(/\D/g, ""));
    expect(visited.map(rank)).toEqual([...visited.map(rank)].sort((a, b) => a - b));
    expect(new Set(visited.map((v) => `${v.sheet}!${v.address}`))).toEqual(
      new Set(planned.map((h) => `${h.sheet}!${h.address}`))
    );
  });
});

describe("why 填充公式 leaves a table's 总分 alone", () => {
  test("a 110-point table says so in its section, before any fill, and in the fill's notice", async () => {
    const { user } = await setup(workbook({ active: RUNNING }));
    await user.click(button(zh.validateSheet));
    await screen.findByText(/已校验/);
    const notes = screen.getByRole("list", { name: zh.fillNotesHeading });
    expect(
      within(notes)
        .getAllByRole("listitem")
        .map((li) => li.textContent)
    ).toEqual([
      // One sentence per reason: 总分 分值 and 得分 are kept for the same one.
      "G24（总分分值）、H24（总分得分）保留原值：各项分值之和为 110，不等于 100，公式只会显示不可能的结果；请先核对分值",
    ]);

    await user.click(button(zh.fill));
    const notice = await screen.findByText(/已在 \d+ 个单元格中填入公式/);
    expect(notice.textContent).toContain(zh.fillSkippedHeading);
    expect(notice.textContent).toContain(
      `2023 年部门运转工作经费——人力社保工作体系建设工作（${RUNNING}!A1:I24）：G24（总分分值）、H24（总分得分）保留原值`
    );
  });

  test("the confirmation of a workbook fill names each table whose 总分 it leaves, and why", async () => {
    const { host, user } = await setup(workbook());
    await checkWorkbook(user);
    expect(within(item(RUNNING)).getByText(zh.fillNotesBadge)).toBeTruthy();
    expect(within(item(POSTDOC)).queryByText(zh.fillNotesBadge)).toBeNull();
    await user.click(button(zh.fill));
    const dialog = await screen.findByRole("dialog");
    // The typed 总分 it replaces (博士后…) is listed, then what it leaves alone, table by table.
    expect(within(dialog).getByText(/H22 总分得分：94 → 97/)).toBeTruthy();
    const kept = within(dialog)
      .getAllByRole("listitem")
      .map((li) => li.textContent ?? "")
      .filter((t) => t.includes("保留原值"));
    expect(kept).toEqual([
      `2023 年部门运转工作经费——人力社保工作体系建设工作（${RUNNING}!A1:I24）：G24（总分分值）、H24（总分得分）保留原值：各项分值之和为 110，不等于 100，公式只会显示不可能的结果；请先核对分值`,
      `区属离休干部生活补助（${RETIREES}!A1:I20）：G20（总分分值）、H20（总分得分）保留原值：各项分值之和为 110，不等于 100，公式只会显示不可能的结果；请先核对分值`,
    ]);
    expect(host.calls.applyPlan).toHaveLength(0);
  });

  test("in English when Office is English", async () => {
    const { user } = await setup(workbook({ active: RUNNING }), en);
    await user.click(button(en.validateSheet));
    await screen.findByText(/Checked 1 table/);
    const notes = screen.getByRole("list", { name: en.fillNotesHeading });
    expect(
      within(notes)
        .getAllByRole("listitem")
        .map((li) => li.textContent)
    ).toEqual([
      "G24 (total weight), H24 (total score) kept as it is: the weights add up to 110, not 100, so a formula would only show an impossible figure; check the weights first",
    ]);
  });

  test("a table whose 总分 cell holds text is refused as a whole, and the pane says where and why", async () => {
    const host = workbook({ active: POSTDOC });
    host.edit(POSTDOC, "H22", "见附件说明");
    const { user } = await setup(host);
    await user.click(button(zh.validateSheet));
    await screen.findByText(/已校验/);
    const refused =
      "未填充此表：公式将写入 H22，该单元格填有非本栏数值的文字“见附件说明”，表头无法一致读取；请核对表格后再填充";
    const notes = screen.getByRole("list", { name: zh.fillNotesHeading });
    expect(within(notes).getAllByRole("listitem")[0].textContent).toBe(refused);

    await user.click(button(zh.fill));
    const notice = await screen.findByText(/没有填充任何公式/);
    expect(notice.textContent).toContain(`（${POSTDOC}!A1:I22）：${refused}`);
    expect(host.calls.applyPlan).toHaveLength(0);
  });
});

describe("accessibility of the overview", () => {
  test("folded tables, the hidden-sheet option and the marked-cell steps have no violations", async () => {
    const host = workbook();
    host.hiddenSheetsSkipped = 1;
    const { container, user } = await setup(host);
    await checkWorkbook(user);
    await user.click(button(zh.highlight));
    await screen.findByText(/已标出/);
    await user.click(button(zh.marksShow));
    expect(await axe(container)).toHaveNoViolations();
  });
});
