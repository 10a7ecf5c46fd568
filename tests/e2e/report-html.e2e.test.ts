/**
 * The HTML report in a real browser: `selfeval check --format html` on a folder (the three seed
 * workbooks and a copy), opened from disk in Chromium with the network cut off. The four charts
 * are there as SVG, the findings table filters, nothing is requested but the file itself, and the
 * page prints to an A4 PDF. Saves tests/artifacts/report-html.png and report-html.pdf.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { Browser } from "playwright-core";
import { ensureCliBuilt, runCli, seedFiles } from "../cli/harness";
import { launchBrowser } from "./browser";

jest.setTimeout(180_000);

const ARTIFACTS = path.resolve(__dirname, "../artifacts");
let tmp: string;
let report: string;
let browser: Browser | null = null;

beforeAll(async () => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-html-"));
  const dir = path.join(tmp, "submissions");
  fs.mkdirSync(dir);
  for (const f of seedFiles()) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  fs.copyFileSync(seedFiles()[0], path.join(dir, "copy.xlsx"));
  report = path.join(tmp, "report.html");
  const r = await runCli(["check", "--format", "html", "-o", report, dir]);
  expect(r.code).toBe(1);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("the HTML report renders its SVG charts offline, filters findings and prints to A4", async () => {
  const context = await browser!.newContext({
    viewport: { width: 1280, height: 900 },
    offline: true,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (req) => requests.push(req.url()));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  const url = pathToFileURL(report).href;
  await page.goto(url);

  // four charts, each drawn (bars are paths in ECharts' SVG)
  const charts = page.locator(".chart > svg");
  await expect(charts.count()).resolves.toBe(4);
  for (let i = 0; i < 4; i++)
    expect(await charts.nth(i).locator("path").count()).toBeGreaterThan(3);
  expect(await page.locator(".chart svg text", { hasText: "执行率分布" }).count()).toBe(1);

  // the findings table filters by code and by text
  const rows = page.locator("#findings tbody tr");
  const total = await rows.count();
  expect(total).toBeGreaterThan(10);
  const visible = () => page.locator("#findings tbody tr:visible").count();
  await expect(visible()).resolves.toBe(total);
  await page.selectOption("#code", "DEVIATION_UNEXPLAINED");
  const byCode = await visible();
  expect(byCode).toBeGreaterThan(0);
  expect(byCode).toBeLessThan(total);
  expect(await page.locator("#shown").textContent()).toContain(`${byCode} / ${total}`);
  await page.selectOption("#code", "");
  await page.fill("#q", "copy.xlsx");
  const byText = await visible();
  expect(byText).toBeGreaterThan(0);
  expect(byText).toBeLessThan(total);
  await page.fill("#q", "");

  expect(requests).toEqual([url]);
  expect(errors).toEqual([]);

  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, "report-html.png"), fullPage: false });
  const pdf = await page.pdf({ format: "A4", path: path.join(ARTIFACTS, "report-html.pdf") });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  await context.close();
});
