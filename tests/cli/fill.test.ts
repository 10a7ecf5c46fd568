/**
 * `selfeval fill`, end to end: the formulas it writes compute (HyperFormula) the numbers computed
 * here independently from the input; the input is never touched; nothing but the planned cells
 * changes; a second fill writes nothing; refusals; --convert-numbers; the foreign workbooks.
 */
/* The office-addins lint rules take ExcelJS cells for Office.js proxies; nothing here talks to Office. */

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/engine/analyze";
import { planFill, planHighlights } from "../../src/engine/fill";
import { CellWrite, Highlight } from "../../src/engine/fill/plan-types";
import { columnIndex, parseA1, toA1 } from "../../src/engine/grid/a1";
import { resolveSettings } from "../../src/engine/settings";
import { loadWorkbook, snapshotsFromWorkbook } from "../../src/hosts/exceljs/read-workbook";
import { xlsxPartText } from "../../src/hosts/exceljs/xlsx-fast";
import { evaluateFile, EvaluatedWorkbook } from "../helpers/evaluate";
import {
  ensureCliBuilt,
  foreignFiles,
  LOCKFILE_NAME,
  mapLimit,
  runCli,
  SEEDS,
  SeedIndexTable,
  seedFiles,
  seedIndex,
  sha256,
} from "./harness";

jest.setTimeout(300_000);

let tmp: string;
beforeAll(() => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-fill-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Plan {
  writes: CellWrite[];
  highlights: Highlight[];
}

/** The plan the CLI makes, made here in-process with the same engine (to know which cells it names). */
async function planFor(file: string, convertNumbers: boolean): Promise<Plan> {
  const settings = resolveSettings();
  const wb = await loadWorkbook(file);
  const reports = analyzeWorkbook(snapshotsFromWorkbook(wb), { settings });
  const writes: CellWrite[] = [];
  const highlights: Highlight[] = [];
  for (const r of reports) {
    for (const t of r.tables) {
      writes.push(...planFill(t.table, settings, { convertNumbers }));
      highlights.push(...planHighlights(t, settings));
    }
  }
  return { writes, highlights };
}

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

// ---------------------------------------------------------------------------------------------
// Independent arithmetic (domain.md): rate = executed / budget; funding score = ROUND(MIN(rate, 1) × 分值, 2);
// 总分 = funding score + Σ indicator scores. Numbers typed as text count only with --convert-numbers.

function roundHalfUp2(x: number): number {
  const y = Number(x.toPrecision(12)) * 100;
  return (Math.sign(y) * Math.round(Math.abs(y) + 1e-9)) / 100;
}

function numberIn(v: ExcelJS.CellValue, convert: boolean): number | null {
  if (typeof v === "number") return v;
  if (convert && typeof v === "string") {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*(万元|万|元|分)?\s*$/.exec(v.replace(/\s+/g, " "));
    if (m) return Number(m[1]);
  }
  if (
    v &&
    typeof v === "object" &&
    "result" in v &&
    typeof (v as { result?: unknown }).result === "number"
  ) {
    return (v as { result: number }).result;
  }
  return null;
}

function valueAt(wb: ExcelJS.Workbook, sheet: string, col: string, row: number): ExcelJS.CellValue {
  return wb.getWorksheet(sheet)!.getCell(`${col}${row}`).value;
}

interface Expected {
  rate: number | "" | null;
  fundingScore: number | null;
  totalScore: number;
  totalWeight: number;
  consistent: boolean;
  statedTotal: number | null;
}

function expectedFor(t: SeedIndexTable, input: ExcelJS.Workbook, convert: boolean): Expected {
  const c = t.columns;
  const F = t.fundingTotalRow;
  const budget = numberIn(valueAt(input, t.sheet, c.budget, F), convert);
  const executed = numberIn(valueAt(input, t.sheet, c.executed, F), convert);
  const weight = numberIn(valueAt(input, t.sheet, c.indicatorWeight, F), convert);
  const statedScore = numberIn(valueAt(input, t.sheet, c.fundingScore, F), convert);
  const statedRate = numberIn(valueAt(input, t.sheet, c.rateCol, F), convert);
  let rate: number | "" | null = null;
  let fundingScore: number | null = null;
  if (budget !== null && executed !== null) {
    rate = budget !== 0 ? executed / budget : "";
    // The table's rounding: a stated rate cut (not rounded) at 2 decimals in percent stays cut.
    if (typeof rate === "number" && statedRate !== null) {
      const cut = Math.floor(rate * 1e4 + 1e-9) / 1e4;
      if (
        Math.abs(statedRate - cut) < 1e-12 &&
        Math.abs(statedRate - Math.round(rate * 1e4) / 1e4) > 1e-12
      )
        rate = cut;
    }
    if (typeof rate === "number" && weight !== null) {
      const raw = Math.min(rate, 1) * weight;
      fundingScore = roundHalfUp2(raw);
      // A stated score the raw score gives at the stated figure's own decimals (half-up or cut) stays.
      if (statedScore !== null) {
        const d = (String(statedScore).split(".")[1] ?? "").length;
        const k = 10 ** d;
        const half = Math.round(Number((raw * k).toPrecision(12))) / k;
        const cut = Math.floor(Number((raw * k).toPrecision(12))) / k;
        const cut2 = Math.floor(Number((raw * 100).toPrecision(12))) / 100;
        if ([half, cut, cut2].some((x) => Math.abs(x - statedScore) < 1e-9))
          fundingScore = statedScore;
      }
    }
  }
  const statedTotal = numberIn(valueAt(input, t.sheet, c.indicatorScore, t.totalRow), convert);
  let totalScore = fundingScore ?? statedScore ?? 0;
  let totalWeight = weight ?? 0;
  for (let r = t.indicatorRows[0]; r <= t.indicatorRows[1]; r++) {
    totalScore += numberIn(valueAt(input, t.sheet, c.indicatorScore, r), convert) ?? 0;
    totalWeight += numberIn(valueAt(input, t.sheet, c.indicatorWeight, r), convert) ?? 0;
  }
  // Weights that miss 100 leave the stated 总分 as it is (fill writes no impossible figure).
  const consistent = Math.abs(totalWeight - 100) < 1e-9;
  return { rate, fundingScore, totalScore, totalWeight, consistent, statedTotal };
}

function gradeOf(total: number): string {
  return total >= 90 ? "优" : total >= 80 ? "良" : total >= 60 ? "中" : "差";
}

function checkComputed(t: SeedIndexTable, ev: EvaluatedWorkbook, exp: Expected, plan: Plan): void {
  const c = t.columns;
  const at = (col: string, row: number) => ev.valueAt(t.sheet, `${col}${row}`);
  const where = `${t.id} ${t.sheet}`;
  const written = (col: string, row: number) =>
    plan.writes.some((w) => w.sheet === t.sheet && w.address === `${col}${row}`);

  if (exp.rate !== null) {
    expect({ where, written: written(c.rateCol, t.fundingTotalRow) }).toEqual({
      where,
      written: true,
    });
    const got = at(c.rateCol, t.fundingTotalRow);
    if (exp.rate === "") expect({ where, got }).toEqual({ where, got: "" });
    else
      expect({ where, diff: Math.abs((got as number) - exp.rate) < 1e-12 }).toEqual({
        where,
        diff: true,
      });
    if (exp.rate !== "")
      expect({ where, rate: roundHalfUp2((got as number) * 100) }).toEqual({
        where,
        rate: roundHalfUp2(exp.rate * 100),
      });
  }
  if (exp.fundingScore !== null) {
    expect({ where, written: written(c.fundingScore, t.fundingTotalRow) }).toEqual({
      where,
      written: true,
    });
    const got = at(c.fundingScore, t.fundingTotalRow) as number;
    expect({ where, fundingScore: got }).toEqual({ where, fundingScore: exp.fundingScore });
  }
  const total = at(c.indicatorScore, t.totalRow) as number;
  expect({ where, totalWritten: written(c.indicatorScore, t.totalRow) }).toEqual({
    where,
    totalWritten: exp.consistent,
  });
  const shownTotal = exp.consistent ? exp.totalScore : exp.statedTotal!;
  expect({ where, total: roundHalfUp2(total) }).toEqual({
    where,
    total: roundHalfUp2(shownTotal),
  });
  const weight = at(c.indicatorWeight, t.totalRow) as number;
  if (exp.consistent)
    expect({ where, weight: roundHalfUp2(weight) }).toEqual({
      where,
      weight: roundHalfUp2(exp.totalWeight),
    });

  if (t.gradeRow !== null) {
    const g = plan.writes.find(
      (w) => w.sheet === t.sheet && w.purpose === "grade" && w.row === t.gradeRow! - 1
    );
    expect({ where, grade: !!g }).toEqual({ where, grade: true });
    const shown = ev.valueAt(t.sheet, g!.address);
    expect({ where, grade: String(shown).slice(-1) }).toEqual({
      where,
      grade: gradeOf(shownTotal),
    });
  }
}

/** Every cell of every sheet: value and style the same in both, except what the plan names. */
function compareWorkbooks(before: ExcelJS.Workbook, after: ExcelJS.Workbook, plan: Plan): void {
  expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
  const writes = new Map(plan.writes.map((w) => [`${w.sheet}!${w.address}`, w]));
  const highlights = new Map(plan.highlights.map((h) => [`${h.sheet}!${h.address}`, h]));
  for (const ws of before.worksheets) {
    const ws2 = after.getWorksheet(ws.name)!;
    expect(Object.keys((ws2 as unknown as { _merges: object })._merges).sort()).toEqual(
      Object.keys((ws as unknown as { _merges: object })._merges).sort()
    );
    const addresses = new Set<string>();
    for (const w of [ws, ws2])
      w.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => addresses.add(cell.address))
      );
    for (const a of addresses) {
      const key = `${ws.name}!${a}`;
      const c1 = ws.getCell(a);
      const c2 = ws2.getCell(a);
      const w = writes.get(key);
      const h = highlights.get(key);
      // A covered cell of a merge shows its top-left cell's value: compare what it is merged into.
      const value = (c: ExcelJS.Cell) =>
        c.type === ExcelJS.ValueType.Merge ? { mergedInto: c.master.address } : c.value;
      if (!w) expect({ key, value: value(c2) }).toEqual({ key, value: value(c1) });
      const s1 = { ...c1.style } as Record<string, unknown>;
      const s2 = { ...c2.style } as Record<string, unknown>;
      if (w?.numberFormat) {
        expect({ key, numFmt: s2.numFmt }).toEqual({ key, numFmt: w.numberFormat });
        delete s1.numFmt;
        delete s2.numFmt;
      }
      if (h) {
        expect({ key, fill: (s2.fill as ExcelJS.FillPattern).fgColor?.argb }).toEqual({
          key,
          fill: h.fillArgb,
        });
        expect(String(c2.note)).toContain(h.note_zh);
        delete s1.fill;
        delete s2.fill;
      } else {
        expect({ key, note: c2.note }).toEqual({ key, note: c1.note });
      }
      expect({ key, style: JSON.parse(JSON.stringify(s2)) }).toEqual({
        key,
        style: JSON.parse(JSON.stringify(s1)),
      });
    }
  }
}

describe.each(seedFiles().map((f) => [path.basename(f), f]))("fill %s", (name, input) => {
  const out = () => path.join(tmp, `filled-${name}`);
  let plan: Plan;
  let hashBefore: string;
  let result: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    hashBefore = sha256(input);
    plan = await planFor(input, false);
    result = await runCli(["fill", input, "-o", out()]);
  });

  it("writes a new file, says what it wrote, and leaves the input byte-identical", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(plan.writes.length).toBeGreaterThan(0);
    expect(fs.existsSync(out())).toBe(true);
    expect(sha256(input)).toBe(hashBefore);
    expect(result.stdout).toContain(`已写入 ${out()}：${plan.writes.length} 个单元格`);
    expect(result.stdout).toMatch(/执行率: \d+/);
    if (plan.writes.some((w) => w.purpose === "totalScore"))
      expect(result.stdout).toMatch(/总分得分: \d+/);
  });

  it("writes formulas that compute 执行率, the funding score and 总分 as the domain says", async () => {
    const before = await readBook(input);
    const ev = await evaluateFile(out());
    try {
      const tables = seedIndex().tables.filter((t) => t.workbook === name);
      expect(tables.length).toBeGreaterThan(0);
      for (const t of tables) checkComputed(t, ev, expectedFor(t, before, false), plan);
      // No written formula shows an error value.
      for (const w of plan.writes) {
        const v = ev.valueAt(w.sheet, w.address);
        expect({
          cell: `${w.sheet}!${w.address}`,
          error: typeof v === "string" && v.startsWith("#"),
        }).toEqual({
          cell: `${w.sheet}!${w.address}`,
          error: false,
        });
      }
    } finally {
      ev.destroy();
    }
  });

  it("changes nothing but the cells the plan names (values, styles, notes, merges)", async () => {
    compareWorkbooks(await readBook(input), await readBook(out()), plan);
    const after = await readBook(out());
    for (const w of plan.writes) {
      const cell = after.getWorksheet(w.sheet)!.getCell(w.address);
      if (w.formula)
        expect((cell.value as ExcelJS.CellFormulaValue).formula).toBe(w.formula.slice(1));
      else expect(cell.value).toBe(w.value);
    }
    // Excel recalculates on open (ExcelJS does not read calcPr back, so look at the XML).
    expect(xlsxPartText(fs.readFileSync(out()), "xl/workbook.xml")).toMatch(
      /<calcPr[^>]*fullCalcOnLoad="1"/
    );
  });

  it("is idempotent: filling the filled file writes nothing and creates no file", async () => {
    const again = path.join(tmp, `again-${name}`);
    const r = await runCli(["fill", out(), "-o", again]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/无需写入任何内容，未生成输出文件/);
    expect(fs.existsSync(again)).toBe(false);
    const replan = await planFor(out(), false);
    expect(replan.writes).toEqual([]);
  });
});

describe("fill refusals", () => {
  const input = () => seedFiles()[0];

  it("refuses to overwrite an existing file without --force, and overwrites it with --force", async () => {
    const out = path.join(tmp, "exists.xlsx");
    fs.writeFileSync(out, "keep me");
    const r = await runCli(["fill", input(), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("--force");
    expect(fs.readFileSync(out, "utf8")).toBe("keep me");
    const f = await runCli(["fill", input(), "-o", out, "--force"]);
    expect(f.code).toBe(0);
    expect((await readBook(out)).worksheets.length).toBeGreaterThan(0);
  });

  it("refuses to write over its input, however the path is spelled, even with --force", async () => {
    const copy = path.join(tmp, "self.xlsx");
    fs.copyFileSync(input(), copy);
    const h = sha256(copy);
    for (const args of [
      ["fill", copy, "-o", copy],
      ["fill", copy, "-o", path.join(tmp, ".", "self.xlsx"), "--force"],
      ["fill", "self.xlsx", "-o", `../${path.basename(tmp)}/self.xlsx`, "--force"],
    ]) {
      const r = await runCli(args, tmp);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    // A hard link is the same file too.
    const link = path.join(tmp, "self-link.xlsx");
    fs.linkSync(copy, link);
    const r = await runCli(["fill", copy, "-o", link, "--force"]);
    expect(r.code).toBe(2);
    expect(sha256(copy)).toBe(h);
  });

  it("exits 2 with a one-line reason when the input cannot be read, and writes nothing", async () => {
    const out = path.join(tmp, "from-lock.xlsx");
    const lock = foreignFiles().find((f) => path.basename(f) === LOCKFILE_NAME)!;
    const r = await runCli(["fill", lock, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      `selfeval: ${lock}：无法读取：不是有效的 .xlsx 文件（无法解压）`,
    ]);
    expect(fs.existsSync(out)).toBe(false);
    const missing = await runCli(["fill", path.join(tmp, "nope.xlsx"), "-o", out, "--lang", "en"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("file not found");
  });
});

describe("fill --convert-numbers", () => {
  it("turns amounts typed as text into numbers, and the formulas then compute with them", async () => {
    const input = path.join(SEEDS, "beijing-2023.xlsx");
    const plan = await planFor(input, true);
    const conversions = plan.writes.filter((w) => w.purpose === "convertNumber");
    expect(conversions.length).toBeGreaterThan(0);
    const out = path.join(tmp, "converted.xlsx");
    const r = await runCli(["fill", input, "-o", out, "--convert-numbers"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/文本转数字: \d+/);
    const before = await readBook(input);
    const after = await readBook(out);
    for (const w of conversions) {
      const was = before.getWorksheet(w.sheet)!.getCell(w.address).value;
      const now = after.getWorksheet(w.sheet)!.getCell(w.address).value;
      expect(typeof was).toBe("string");
      expect(typeof now).toBe("number");
      expect(now).toBe(numberIn(was, true));
    }
    compareWorkbooks(before, after, plan);

    // The tables holding converted cells now compute from them.
    const ev = await evaluateFile(out);
    try {
      const sheets = new Set(conversions.map((w) => w.sheet));
      const tables = seedIndex().tables.filter(
        (t) => t.workbook === "beijing-2023.xlsx" && sheets.has(t.sheet)
      );
      expect(tables.length).toBeGreaterThan(0);
      for (const t of tables) {
        const exp = expectedFor(t, before, true);
        expect(exp.rate).not.toBeNull();
        checkComputed(t, ev, exp, plan);
      }
    } finally {
      ev.destroy();
    }

    // Without the flag the text stays text.
    const plain = path.join(tmp, "not-converted.xlsx");
    expect((await runCli(["fill", input, "-o", plain])).code).toBe(0);
    const kept = await readBook(plain);
    for (const w of conversions)
      expect(typeof kept.getWorksheet(w.sheet)!.getCell(w.address).value).toBe("string");
  });
});

describe("fill --no-highlight and --lang en", () => {
  it("writes the formulas only, and reports in English", async () => {
    const input = seedFiles().find((f) => path.basename(f) === "beijing-2023.xlsx")!;
    const plan = await planFor(input, false);
    expect(plan.highlights.length).toBeGreaterThan(0);
    const out = path.join(tmp, "no-highlight.xlsx");
    const r = await runCli(["fill", input, "-o", out, "--no-highlight", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote ${out}: ${plan.writes.length} cells`);
    expect(r.stdout).not.toContain("marked");
    compareWorkbooks(await readBook(input), await readBook(out), {
      writes: plan.writes,
      highlights: [],
    });
  });

  it("marks unexplained deviations with a fill and an English note", async () => {
    const input = seedFiles().find((f) => path.basename(f) === "beijing-2023.xlsx")!;
    const plan = await planFor(input, false);
    const out = path.join(tmp, "highlight-en.xlsx");
    expect((await runCli(["fill", input, "-o", out, "--lang", "en"])).code).toBe(0);
    const after = await readBook(out);
    for (const h of plan.highlights) {
      const cell = after.getWorksheet(h.sheet)!.getCell(h.address);
      expect(String(cell.note)).toContain(h.note_en);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(h.fillArgb);
    }
  });
});

describe("fill on the foreign workbooks", () => {
  it("finds no table in any of them, writes nothing, and exits 0 (2 for the lock file)", async () => {
    const files = foreignFiles();
    expect(files.length).toBeGreaterThan(30);
    const results = await mapLimit(files, 3, async (f) => {
      const out = path.join(tmp, `foreign-${path.basename(f)}`);
      const h = sha256(f);
      const r = await runCli(["fill", f, "-o", out]);
      return { f, out, r, unchanged: sha256(f) === h };
    });
    for (const { f, out, r, unchanged } of results) {
      const name = path.basename(f);
      expect({ name, exists: fs.existsSync(out), unchanged }).toEqual({
        name,
        exists: false,
        unchanged: true,
      });
      if (name === LOCKFILE_NAME) {
        expect({ name, code: r.code }).toEqual({ name, code: 2 });
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
      } else {
        expect({ name, code: r.code, stderr: r.stderr }).toEqual({ name, code: 0, stderr: "" });
        expect(r.stdout).toContain("未找到项目支出绩效自评表，未生成输出文件");
      }
    }
  });
});

// Keep the A1 helpers honest where the test leans on them.
test("A1 helpers round-trip", () => {
  expect(toA1(parseA1("AB12").row, columnIndex("AB"))).toBe("AB12");
});
