/**
 * `selfeval fill` lists every typed value it changes (table, cell, field, before → after) and the
 * formulas it left out; `fill --dry-run` prints that plan (text or the documented JSON) and writes
 * nothing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureCliBuilt, runCli, SEEDS, sha256 } from "./harness";

jest.setTimeout(120_000);

let tmp: string;
beforeAll(() => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-fill-changes-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const STACKED = path.join(SEEDS, "beijing-2020-stacked.xlsx");
const HUNAN = path.join(SEEDS, "hunan-2020.xlsx");

test("the summary lists every changed typed value under its table", async () => {
  const out = path.join(tmp, "stacked.xlsx");
  const r = await runCli(["fill", STACKED, "-o", out]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("改动的填写值 5 处（表、单元格、字段：原值 → 新值）：");
  expect(r.stdout).toMatch(
    /优化失业人员档案管理服务经费（A75:I94）\n\s+工作表“自评表\(二\)” I80 资金得分：9\.86 → 9\.99\n\s+工作表“自评表\(二\)” H94 总分得分：99\.86 → 99\.99/
  );
  // The table that checks clean keeps its 1-decimal figures: nothing of it is listed.
  expect(r.stdout).not.toContain("I6 资金得分");
  expect(r.stdout).not.toContain(" H17 ");
});

test("--dry-run prints the plan, the changes and what was left out, and writes nothing", async () => {
  const out = path.join(tmp, "never.xlsx");
  const hash = sha256(HUNAN);
  const r = await runCli(["fill", HUNAN, "--dry-run", "-o", out]);
  expect(r.code).toBe(0);
  expect(fs.existsSync(out)).toBe(false);
  expect(sha256(HUNAN)).toBe(hash);
  expect(r.stdout).toContain("试运行（不写入文件）");
  expect(r.stdout).toContain("没有改动任何填写值。");
  expect(r.stdout).toContain("H23（总分得分）保留原值：各项分值之和为 110，不等于 100");
});

test("--dry-run --json follows the documented shape, in the language asked for", async () => {
  const r = await runCli(["fill", STACKED, "--dry-run", "--json", "--lang", "en"]);
  expect(r.code).toBe(0);
  const plan = JSON.parse(r.stdout);
  expect(Object.keys(plan)).toEqual([
    "version",
    "file",
    "dryRun",
    "writes",
    "changes",
    "skipped",
    "highlights",
  ]);
  expect(plan.version).toBe(1);
  expect(plan.dryRun).toBe(true);
  expect(plan.changes).toContainEqual({
    sheet: "自评表(二)",
    cell: "I80",
    table: "A75:I94",
    projectName: expect.any(String),
    field: "funding score",
    before: "9.86",
    after: "9.99",
  });
  const i6 = plan.writes.find(
    (w: { sheet: string; cell: string }) => w.sheet === "自评表(一)" && w.cell === "I6"
  );
  expect(i6).toMatchObject({
    purpose: "fundingScore",
    result: 5.4,
    before: { value: 5.4, formula: null },
  });
  expect(i6.formula).toContain(",1)");
  expect(plan.highlights.length).toBeGreaterThan(0);
});

test("fill without -o needs --dry-run; --json only with --dry-run", async () => {
  expect((await runCli(["fill", STACKED])).code).toBe(2);
  expect((await runCli(["fill", STACKED, "-o", path.join(tmp, "x.xlsx"), "--json"])).code).toBe(2);
});
