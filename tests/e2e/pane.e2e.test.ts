/**
 * End to end, in a real browser: the preview page (webpack-dev-server on localhost, started here)
 * in headless Debian Chromium driven by playwright-core. Opens the sample workbook through the file
 * picker, validates a sheet with the task pane, selects a finding's cell, fills the formulas and
 * undoes the fill, types into the grid, fills again and changes an input of the formulas —
 * checking the grid against what the engine and the preview host compute in Node on the same file,
 * and the downloaded workbook's values against HyperFormula (a dev dependency: the page itself
 * ships no spreadsheet calculator). Saves tests/artifacts/pane.png and prints the pane's time to
 * first paint. Also: fill → edit a filled cell → undo keeps the edit and reports the conflict.
 *
 * The browser is found by tests/e2e/browser.ts (CHROMIUM_PATH, /usr/bin/chromium, Chrome or Edge);
 * without one this test fails with one line saying so.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { Browser, Page } from "playwright-core";
import { analyzeSheet } from "../../src/engine/analyze";
import { toA1 } from "../../src/engine/grid/a1";
import { planFill } from "../../src/engine/fill";
import { resolveSettings } from "../../src/engine/settings";
import { openWorkbookFromArrayBuffer } from "../../src/hosts/preview/preview-host";
import { cellNumberFormat } from "../../src/hosts/preview/cells";
import { formatCellValue } from "../../src/preview/format";
import { PREVIEW_STRINGS } from "../../src/preview/strings";
import { STRINGS } from "../../src/taskpane/i18n";
import { evaluateWorkbook } from "../helpers/evaluate";
import { launchBrowser } from "./browser";
import { PreviewServer, SERVER_START_MS, startPreviewServer } from "./preview-server";

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, "../..");
const SEED = path.join(ROOT, "seeds/beijing-2023.xlsx");
const ARTIFACTS = path.join(ROOT, "tests/artifacts");
const SHEET = "部门运转工作经费——人力社保工作体系建设工作";
const zh = STRINGS["zh-CN"];
const ps = PREVIEW_STRINGS["zh-CN"];

const STEP_MS = 20_000;

let server: PreviewServer | null = null;
let baseUrl = "";
let browser: Browser | null = null;
let browserError: Error | null = null;

beforeAll(async () => {
  try {
    browser = await launchBrowser();
  } catch (e) {
    browserError = e as Error; // the test itself fails with the reason
    return;
  }
  server = await startPreviewServer();
  baseUrl = server.baseUrl;
}, SERVER_START_MS + 40_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
}, 20_000);

interface CellShown {
  text: string;
  formula: string | null;
  status: string | null;
  fill: string | null;
  note: string | null;
  title: string | null;
}

/** Every drawn cell of the grid: shown text, formula, fill, note and tooltip. */
async function gridCells(page: Page): Promise<Record<string, CellShown>> {
  return page.locator("table[role=grid] td[data-address]").evaluateAll((tds) => {
    const out: Record<
      string,
      {
        text: string;
        formula: string | null;
        status: string | null;
        fill: string | null;
        note: string | null;
        title: string | null;
      }
    > = {};
    for (const td of tds as HTMLElement[]) {
      out[td.dataset.address!] = {
        text: td.textContent ?? "",
        formula: td.dataset.formula ?? null,
        status: td.dataset.formulaStatus ?? null,
        fill: td.dataset.fill ?? null,
        note: td.dataset.note ?? null,
        title: td.getAttribute("title"),
      };
    }
    return out;
  });
}

/** Waits until the grid's cell shows this text (and formula). */
async function waitForCell(
  page: Page,
  address: string,
  want: { text: string; formula?: string }
): Promise<void> {
  await page.waitForFunction(
    ([a, text, formula]) => {
      const td = document.querySelector<HTMLElement>(`table[role=grid] td[data-address="${a}"]`);
      return (
        !!td && td.textContent === text && (formula === null || td.dataset.formula === formula)
      );
    },
    [address, want.text, want.formula ?? null] as const
  );
}

test("the task pane validates, selects, fills and undoes on a workbook in the browser preview", async () => {
  if (browserError) throw browserError;
  expect(browser).not.toBeNull();

  // What the page must show, computed in Node from the same file with the same engine and host code.
  const bytes = await fs.readFile(SEED);
  const reference = await openWorkbookFromArrayBuffer(new Uint8Array(bytes));
  const [snap] = await reference.readSheets([SHEET]);
  const report = analyzeSheet(snap);
  expect(report.tables).toHaveLength(1);
  const findings = report.tables[0].findings;
  expect(findings.filter((f) => f.code === "DEVIATION_UNEXPLAINED")).toHaveLength(4);
  const writes = planFill(report.tables[0].table, resolveSettings());
  expect(writes.length).toBeGreaterThan(0);
  await reference.applyPlan({ writes, highlights: [] }, "fill");
  const refSheet = reference.workbook!.getWorksheet(SHEET)!;
  /** What the page must show in the written cells: the reference host's values, formatted. */
  const shownByReference = () =>
    writes.map((w) => {
      const info = reference.cellInfo(SHEET, w.address);
      return {
        address: w.address,
        formula: w.formula!,
        text: formatCellValue(info.value, cellNumberFormat(refSheet.getCell(w.address))),
      };
    });
  const filled = shownByReference();

  const context = await browser!.newContext({
    locale: "zh-CN",
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(e.message));

  try {
    // ---- load: the pane paints without a workbook, and Office.js is nowhere
    await page.goto(baseUrl, { waitUntil: "load" });
    const validate = page.getByRole("button", { name: zh.validateSheet, exact: true });
    await validate.waitFor();
    await page.waitForFunction(
      () => performance.getEntriesByName("selfeval-pane-painted").length > 0
    );
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
      paneRendered: performance.getEntriesByName("selfeval-pane-rendered")[0]?.startTime ?? null,
      panePainted: performance.getEntriesByName("selfeval-pane-painted")[0]?.startTime ?? null,
      domContentLoaded:
        (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)
          ?.domContentLoadedEventEnd ?? null,
      hasOffice: typeof (window as unknown as { Office?: unknown }).Office !== "undefined",
    }));
    const ms = (v: number | null) => (v === null ? "n/a" : `${Math.round(v)} ms`);
    console.log(
      `[e2e] headless Chromium, dev-server bundle: first-contentful-paint ${ms(timing.fcp)}, pane rendered ${ms(timing.paneRendered)}, ` +
        `pane painted ${ms(timing.panePainted)}, DOMContentLoaded ${ms(timing.domContentLoaded)} (from navigation start)`
    );
    expect(timing.fcp).not.toBeNull();
    expect(timing.hasOffice).toBe(false);
    expect(requests.filter((u) => /office\.js|appsforoffice/i.test(u))).toEqual([]);

    // ---- open the sample through the file picker
    await page.locator("[data-testid=workbook-file]").setInputFiles(SEED);
    await page.locator("table[role=grid]").waitFor();
    await expect(page.getByTestId("open-file-name").textContent()).resolves.toBe(
      "beijing-2023.xlsx"
    );

    // ---- show the sheet and validate it
    await page.getByRole("tab", { name: SHEET }).click();
    await page.locator(`table[role=grid][data-sheet="${SHEET}"]`).waitFor();
    const original = await gridCells(page);
    await validate.click();
    const findingButtons = page.locator("[data-testid=pane] button[data-cell]");
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=pane] button[data-cell]").length === n,
      findings.length
    );
    const shown = await findingButtons.evaluateAll((bs) =>
      bs.map((b) => ({ cell: (b as HTMLElement).dataset.cell!, text: b.textContent ?? "" }))
    );
    expect(shown.map((s) => s.cell).sort()).toEqual(findings.map((f) => f.cell!).sort());
    for (const f of findings) {
      expect(shown.some((s) => s.cell === f.cell && s.text.includes(f.message_zh))).toBe(true);
    }

    // ---- a finding selects its cell in the grid (outlined and scrolled into view)
    const target = findings.find((f) => f.code === "DEVIATION_UNEXPLAINED")!;
    await page.locator(`[data-testid=pane] button[data-cell="${target.cell}"]`).click();
    const selectedCell = page.locator(`table[role=grid] td[data-address="${target.cell}"]`);
    await page.waitForFunction(() => {
      const selected = document.querySelectorAll('table[role=grid] td[aria-selected="true"]');
      return selected.length === 1 ? (selected[0] as HTMLElement).dataset.address : false;
    });
    await expect(selectedCell.getAttribute("aria-selected")).resolves.toBe("true");
    await expect(selectedCell.isVisible()).resolves.toBe(true);
    const inView = await selectedCell.evaluate((td) => {
      const box = td.getBoundingClientRect();
      const scroller = td.closest("table")!.parentElement!.getBoundingClientRect();
      return (
        box.top >= scroller.top &&
        box.bottom <= scroller.bottom &&
        box.left >= scroller.left &&
        box.right <= scroller.right
      );
    });
    expect(inView).toBe(true);

    // ---- fill: the cells show their formulas (tooltip and attribute) and the computed values
    await page.getByRole("button", { name: zh.fill, exact: true }).click();
    await page.waitForFunction(
      (addresses) =>
        addresses.every((a) =>
          document
            .querySelector(`table[role=grid] td[data-address="${a}"]`)
            ?.hasAttribute("data-formula")
        ),
      writes.map((w) => w.address)
    );
    await page.waitForFunction(
      () => !document.querySelector("[data-testid=pane] main[aria-busy=true]")
    );
    const afterFill = await gridCells(page);
    for (const f of filled) {
      expect({ address: f.address, ...afterFill[f.address] }).toMatchObject({
        address: f.address,
        formula: f.formula,
        status: "live",
        text: f.text,
      });
      expect(afterFill[f.address].title).toContain(f.formula);
      expect(afterFill[f.address].title).toContain(ps.formulaStatus.live);
      expect(f.text).not.toBe("");
    }
    await fs.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "pane.png") });

    // ---- undo: every cell of the grid is back as it was
    await page.getByRole("button", { name: zh.undo, exact: true }).click();
    await page.waitForFunction(
      (addresses) =>
        addresses.every(
          (a) =>
            !document
              .querySelector(`table[role=grid] td[data-address="${a}"]`)
              ?.hasAttribute("data-formula")
        ),
      writes.filter((w) => !original[w.address]?.formula).map((w) => w.address)
    );
    await page.waitForFunction(
      () => !document.querySelector("[data-testid=pane] main[aria-busy=true]")
    );
    expect(await gridCells(page)).toEqual(original);
    // The pane re-validated after the undo: the same findings again.
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=pane] button[data-cell]").length === n,
      findings.length
    );

    // ---- typing into the grid: double-click, type, Enter. Explaining the deviation in the
    // explanation cell makes the pane re-check the table by itself (onCellsChanged): one finding less.
    const explanation = "已说明：指标口径调整";
    await selectedCell.dblclick();
    const editor = page.locator(`table[role=grid] td[data-address="${target.cell}"] input`);
    await editor.fill(explanation);
    await editor.press("Enter");
    await waitForCell(page, target.cell!, { text: explanation });
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=pane] button[data-cell]").length === n,
      findings.length - 1
    );
    expect(
      await page.locator(`[data-testid=pane] button[data-cell="${target.cell}"]`).count()
    ).toBe(0);
    // A formula typed outside the table (just below and right of the used range) is not ours: the
    // page keeps it but does not compute it — it shows the formula, greyed, and says so.
    const spareAddress = toA1(refSheet.rowCount, refSheet.columnCount);
    const spare = page.locator(`table[role=grid] td[data-address="${spareAddress}"]`);
    await spare.dblclick();
    await spare.locator("input").fill("=N(G7)*3");
    await spare.locator("input").press("Enter");
    await waitForCell(page, spareAddress, { text: "=N(G7)*3", formula: "=N(G7)*3" });
    expect((await gridCells(page))[spareAddress]).toMatchObject({
      status: "uncomputed",
      title: `=N(G7)*3\n${ps.formulaStatus.uncomputed}`,
    });

    // ---- fill again, then change an input of the formulas: the page recomputes them (the engine
    // plans the sheet afresh) — the same values as the reference host given the same edit.
    await page.getByRole("button", { name: zh.fill, exact: true }).click();
    await page.waitForFunction(
      (addresses) =>
        addresses.every(
          (a) =>
            document.querySelector<HTMLElement>(`table[role=grid] td[data-address="${a}"]`)?.dataset
              .formulaStatus === "live"
        ),
      writes.map((w) => w.address)
    );
    await page.waitForFunction(
      () => !document.querySelector("[data-testid=pane] main[aria-busy=true]")
    );
    const totalRow = report.tables[0].table.funding!.rows.find((r) => r.kind === "total")!;
    const executed = totalRow.executed!.address;
    const newExecuted = String(Math.round(Number(totalRow.budget!.value) * 0.61 * 1e4) / 1e4);
    await reference.editCell(SHEET, executed, newExecuted);
    const recomputed = shownByReference();
    expect(recomputed.map((r) => r.text)).not.toEqual(filled.map((f) => f.text));
    const executedCell = page.locator(`table[role=grid] td[data-address="${executed}"]`);
    await executedCell.dblclick();
    await executedCell.locator("input").fill(newExecuted);
    await executedCell.locator("input").press("Enter");
    for (const r of recomputed)
      await waitForCell(page, r.address, { text: r.text, formula: r.formula });
    const afterEdit = await gridCells(page);
    for (const r of recomputed) expect(afterEdit[r.address].status).toBe("live");

    // ---- download: the modified workbook, with the journal in its very hidden state sheet
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: ps.download }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("beijing-2023.selfeval.xlsx");
    const saved = await openWorkbookFromArrayBuffer(
      new Uint8Array(await fs.readFile(await download.path()))
    );
    expect(saved.workbook!.getWorksheet("_selfeval")?.state).toBe("veryHidden");
    expect((await saved.readState()).journal.map((e) => e.action)).toEqual(["fill"]);
    expect(saved.cellInfo(SHEET, target.cell!).value).toBe(explanation);
    expect(saved.cellInfo(SHEET, spareAddress)).toEqual({ value: null, formula: "=N(G7)*3" });
    // The values saved with our formulas are what a spreadsheet computes from the saved workbook.
    const ev = evaluateWorkbook(saved.workbook!);
    try {
      for (const w of writes) {
        const kept = saved.cellInfo(SHEET, w.address);
        expect(kept.formula).toBe(w.formula);
        const computed = ev.valueAt(SHEET, w.address);
        if (typeof computed === "number") expect(kept.value).toBeCloseTo(computed, 9);
        else expect(kept.value).toBe(computed);
      }
    } finally {
      ev.destroy();
    }

    // ---- fill → a person edits a filled cell → undo keeps the edit and reports the conflict
    const scoreWrite = writes.find((w) => w.purpose === "fundingScore")!;
    const scoreCell = page.locator(`table[role=grid] td[data-address="${scoreWrite.address}"]`);
    await scoreCell.dblclick();
    await scoreCell.locator("input").fill("8");
    await scoreCell.locator("input").press("Enter");
    await waitForCell(page, scoreWrite.address, { text: "8" });
    await page.getByRole("button", { name: zh.undo, exact: true }).click();
    const conflict = page.getByText("冲突：这些单元格在填充后又被修改，未撤销", { exact: false });
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain(`${SHEET}!${scoreWrite.address}`);
    expect((await gridCells(page))[scoreWrite.address]).toMatchObject({ text: "8" });
    // The other cells of the fill are back as the file had them.
    const rate = writes.find((w) => w.purpose === "rate" && !original[w.address]?.formula)!;
    expect((await gridCells(page))[rate.address].formula ?? null).toBeNull();

    // ---- 打开示例 loads the bundled sample from the server, afresh
    await page.getByRole("button", { name: ps.openSample }).click();
    await page.waitForFunction(
      (first) => document.querySelector("table[role=grid]")?.getAttribute("data-sheet") === first,
      (await reference.sheetNames())[0]
    );

    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
});

/** The pane's scroll box (the preview's aside) and what it shows, measured in the page. */
interface PaneMeasure {
  width: number;
  scrollHeight: number;
  clientHeight: number;
  headings: number;
  findings: number;
}

async function measurePane(page: Page): Promise<PaneMeasure> {
  return page.evaluate((label) => {
    const aside = document.querySelector<HTMLElement>("[data-testid=pane]")!;
    const results = aside.querySelector<HTMLElement>(`section[aria-label="${label}"]`)!;
    return {
      width: aside.getBoundingClientRect().width,
      scrollHeight: aside.scrollHeight,
      clientHeight: aside.clientHeight,
      headings: results.querySelectorAll("h2").length,
      findings: results.querySelectorAll("button[data-cell]").length,
    };
  }, zh.resultsLabel);
}

test("a 19-table workbook at a 330 px pane: clean tables folded, the actions stay in reach", async () => {
  if (browserError) throw browserError;
  const context = await browser!.newContext({
    locale: "zh-CN",
    viewport: { width: 1200, height: 800 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  try {
    await page.goto(baseUrl, { waitUntil: "load" });
    await page.getByRole("button", { name: zh.validateWorkbook, exact: true }).waitFor();
    // The Excel task pane's narrowest usual width.
    await page.addStyleTag({
      content: "[data-testid=pane]{width:330px !important;box-sizing:border-box !important}",
    });
    await page.locator("[data-testid=workbook-file]").setInputFiles(SEED);
    await page.locator("table[role=grid]").waitFor();
    await page.getByRole("button", { name: zh.validateWorkbook, exact: true }).click();
    await page.getByText(/已校验 19 张表/).waitFor();

    const open = await measurePane(page);
    expect(open.width).toBe(330);
    // 16 tables with findings or fill notes, and one line for the 3 clean ones.
    expect(open.headings).toBe(17);
    await expect(page.getByRole("heading", { name: "✓ 3 张表无问题" }).count()).resolves.toBe(1);

    // Scrolled to the end, the action bar is still at the top of the pane.
    await page.evaluate(() => {
      const aside = document.querySelector<HTMLElement>("[data-testid=pane]")!;
      aside.scrollTop = aside.scrollHeight;
    });
    const bar = await page.evaluate(() => {
      const aside = document.querySelector<HTMLElement>("[data-testid=pane]")!;
      const el = aside.querySelector<HTMLElement>("[data-sticky-actions]")!;
      return {
        position: getComputedStyle(el).position,
        offset: el.getBoundingClientRect().top - aside.getBoundingClientRect().top,
        scrollTop: aside.scrollTop,
      };
    });
    expect(bar.position).toBe("sticky");
    expect(bar.scrollTop).toBeGreaterThan(0);
    expect(Math.abs(bar.offset)).toBeLessThan(2);
    await expect(
      page.getByRole("button", { name: zh.fill, exact: true }).isVisible()
    ).resolves.toBe(true);
    await fs.mkdir(ARTIFACTS, { recursive: true });
    await page.locator("[data-testid=pane]").screenshot({
      path: path.join(ARTIFACTS, "pane-overview-330-end.png"),
    });

    await page.getByRole("button", { name: zh.collapseAll, exact: true }).click();
    // The panels close with a short animation.
    await page.waitForFunction(
      () => document.querySelectorAll("[data-testid=pane] button[data-cell]").length === 0
    );
    const folded = await measurePane(page);
    expect(folded.findings).toBe(0);
    expect(folded.scrollHeight).toBeLessThan(open.scrollHeight / 2);
    await page.locator("[data-testid=pane]").screenshot({
      path: path.join(ARTIFACTS, "pane-overview-330-folded.png"),
    });
    const screens = (m: PaneMeasure) => (m.scrollHeight / m.clientHeight).toFixed(1);
    console.log(
      `[e2e] 19-table workbook at 330 px: ${open.headings} heading lines, ${open.findings} findings, ` +
        `scroll height ${open.scrollHeight} px (${screens(open)} screens of ${open.clientHeight} px); ` +
        `all folded: ${folded.headings} lines, ${folded.scrollHeight} px (${screens(folded)} screens)`
    );
  } finally {
    await context.close();
  }
});
