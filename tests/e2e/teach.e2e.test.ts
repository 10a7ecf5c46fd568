/**
 * 识别此表格式 end to end, in a real browser: the preview page (webpack-dev-server, started here) in
 * headless Debian Chromium driven by playwright-core. A workbook is built here with ExcelJS from a
 * sample sheet whose 分值 and 得分 headings are renamed 标准分 and 评分结果, so no built-in family
 * reads it (checked first). The pane offers to teach the layout; the funding header's 标准分 is
 * mapped to 分值 in the dialog, the preview follows; a heading the draft did map (the indicator
 * 标准分) is set to 忽略 with the keyboard and back, the preview following each change; and the
 * family is saved in the workbook's rule set; the sheet's table is then found with the range the
 * original sheet has, validating again finds it too, and the downloaded workbook carries the
 * family. Saves tests/artifacts/teach-dialog.png and tests/artifacts/teach.png.
 *
 * The browser is found by tests/e2e/browser.ts; without one this test fails with one line saying so.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { Browser } from "playwright-core";
import { analyzeSheet } from "../../src/engine/analyze";
import { ruleSetFromState } from "../../src/engine/policy/ruleset";
import { resolveSettings } from "../../src/engine/settings";
import { normalizeLabel } from "../../src/engine/text/normalize";
import { openWorkbookFromArrayBuffer } from "../../src/hosts/preview/preview-host";
import { PREVIEW_STRINGS } from "../../src/preview/strings";
import { STRINGS } from "../../src/taskpane/i18n";
import { draftLayout, familyWithMapping, rulesWithFamily } from "../../src/taskpane/teach";
import { TEACH_STRINGS } from "../../src/taskpane/teach-i18n";
import { launchBrowser } from "./browser";
import { PreviewServer, SERVER_START_MS, startPreviewServer } from "./preview-server";

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, "../..");
const SEED = path.join(ROOT, "seeds/beijing-2023.xlsx");
const ARTIFACTS = path.join(ROOT, "tests/artifacts");
/** A sample sheet (seed table 001-04) laid out on A1:I22 with 分值/得分 headings at G6, I6, G13, H13. */
const SHEET = "博士后、高研班工作经费";
const RENAMED: Readonly<Record<string, string>> = { 分值: "标准分", 得分: "评分结果" };
const zh = STRINGS["zh-CN"];
const t = TEACH_STRINGS["zh-CN"];
const ps = PREVIEW_STRINGS["zh-CN"];

const STEP_MS = 30_000;

let server: PreviewServer | null = null;
let browserError: Error | null = null;
let baseUrl = "";
let browser: Browser | null = null;

/** The sample sheet alone, its 分值/得分 headings renamed (the other sheets are removed). */
async function renamedWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SEED);
  for (const ws of [...wb.worksheets]) if (ws.name !== SHEET) wb.removeWorksheet(ws.id);
  const ws = wb.getWorksheet(SHEET)!;
  let renamed = 0;
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const to = typeof cell.value === "string" ? RENAMED[normalizeLabel(cell.value)] : undefined;
      if (to) {
        cell.value = to;
        renamed++;
      }
    })
  );
  expect(renamed).toBe(4);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

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

test("a layout no family knows is taught in the pane, and its table is then found", async () => {
  if (browserError) throw browserError;
  expect(browser).not.toBeNull();

  // In Node, with the same engine and host code: the original sheet's table, and that the renamed
  // one is found by no family; what the pane must show once 标准分 (G6) is taught as the funding 分值.
  const original = await openWorkbookFromArrayBuffer(new Uint8Array(await fs.readFile(SEED)));
  const [originalSnap] = await original.readSheets([SHEET]);
  const originalReport = analyzeSheet(originalSnap);
  expect(originalReport.tables).toHaveLength(1);
  const range = originalReport.tables[0].table.range.address;
  const bytes = await renamedWorkbook();
  const reference = await openWorkbookFromArrayBuffer(new Uint8Array(bytes));
  const [snap] = await reference.readSheets([SHEET]);
  expect(analyzeSheet(snap).findings.map((f) => f.code)).toEqual(["TABLE_NOT_FOUND"]);
  const draft = draftLayout(snap, resolveSettings())!;
  expect(draft.headings.filter((h) => !h.drafted).map((h) => [h.cell, h.text])).toEqual([
    ["G6", "标准分"],
  ]);
  const taught = analyzeSheet(snap, {
    settings: rulesWithFamily(
      resolveSettings(),
      familyWithMapping(draft, { G6: "funding.weight" })
    ),
  });
  expect(taught.tables.map((x) => x.table.range.address)).toEqual([range]);
  const expectedCells = taught.tables[0].findings.map((f) => f.cell!).sort();

  const context = await browser!.newContext({
    locale: "zh-CN",
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  try {
    await page.goto(baseUrl, { waitUntil: "load" });
    const validate = page.getByRole("button", { name: zh.validateSheet, exact: true });
    await validate.waitFor();
    await page.locator("[data-testid=workbook-file]").setInputFiles({
      name: "taught-layout.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: bytes,
    });
    await page.locator(`table[role=grid][data-sheet="${SHEET}"]`).waitFor();

    // ---- validate: no table, and the offer to teach the layout
    await validate.click();
    const teach = page.getByRole("button", { name: t.teach, exact: true });
    await teach.waitFor();
    await expect(page.getByText(zh.noTableOnSheet, { exact: false }).count()).resolves.toBe(1);
    await teach.click();

    // ---- the dialog: the heading it could not map, with its drop-down; the preview follows
    const dialog = page.getByRole("dialog");
    const select = dialog.getByRole("combobox", { name: "G6“标准分”" });
    await select.waitFor();
    const preview = dialog.getByTestId("teach-preview");
    const findingsIn = async () =>
      Number(/发现问题 (\d+) 条/.exec((await preview.textContent()) ?? "")?.[1] ?? NaN);
    await expect(preview.textContent()).resolves.toContain(`按此格式读出表格 ${range}`);
    const before = await findingsIn();
    await select.selectOption("funding.weight");
    await page.waitForFunction((n) => {
      const m = /发现问题 (\d+) 条/.exec(
        document.querySelector("[data-testid=teach-preview]")?.textContent ?? ""
      );
      return !!m && Number(m[1]) === n;
    }, expectedCells.length);
    expect(await findingsIn()).toBeLessThan(before);

    // ---- a heading the draft did map: the indicator 标准分 (G13, 分值) set to 忽略 with the
    // keyboard (Home picks the first option); the preview follows, and back to 分值 it returns.
    const mappedText = (await preview.textContent()) ?? "";
    expect(mappedText).toContain("分值 G");
    const weight = dialog.getByRole("combobox", { name: "G13“标准分”" });
    await expect(weight.inputValue()).resolves.toBe("indicators.weight");
    await weight.focus();
    await page.keyboard.press("Home");
    await expect(weight.inputValue()).resolves.toBe("");
    await page.waitForFunction(
      (was) => document.querySelector("[data-testid=teach-preview]")?.textContent !== was,
      mappedText
    );
    expect(await preview.textContent()).not.toContain("分值 G");
    await dialog.getByText("已更改（自动识别为：分值）").waitFor();
    await weight.selectOption("indicators.weight");
    await page.waitForFunction(
      (was) => document.querySelector("[data-testid=teach-preview]")?.textContent === was,
      mappedText
    );
    await fs.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "teach-dialog.png") });

    // ---- save: the table is found with the original sheet's range and the findings Node computes
    await dialog.getByRole("button", { name: t.save, exact: true }).click();
    await page.getByText(`工作表“${SHEET}”现读出表格 ${range}`, { exact: false }).waitFor();
    const findingCells = () =>
      page
        .locator("[data-testid=pane] button[data-cell]")
        .evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.cell!).sort());
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=pane] button[data-cell]").length === n,
      expectedCells.length
    );
    expect(await findingCells()).toEqual(expectedCells);
    await expect(teach.count()).resolves.toBe(0);

    // ---- validating again finds the table (the family is in the workbook's rule set)
    await validate.click();
    await page.getByText(range, { exact: false }).first().waitFor();
    await page.waitForFunction(
      (n) => document.querySelectorAll("[data-testid=pane] button[data-cell]").length === n,
      expectedCells.length
    );
    expect(await findingCells()).toEqual(expectedCells);
    await page.screenshot({ path: path.join(ARTIFACTS, "teach.png") });

    // ---- the downloaded workbook carries the family; read with its rule set, the table is found
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: ps.download }).click(),
    ]);
    const saved = await openWorkbookFromArrayBuffer(
      new Uint8Array(await fs.readFile(await download.path()))
    );
    const rules = ruleSetFromState(await saved.readState());
    expect(rules.source).toBe("embedded");
    expect(rules.rules.families.map((f) => f.id)).toEqual(["taught"]);
    const [savedSnap] = await saved.readSheets([SHEET]);
    expect(
      analyzeSheet(savedSnap, { settings: rules.rules }).tables.map((x) => [
        x.table.range.address,
        x.table.family,
      ])
    ).toEqual([[range, "taught"]]);

    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
});
