/**
 * `selfeval fill` keeps everything it does not write: on workbooks made by another writer
 * (openpyxl, tests/fixtures/writers) with a chart sheet, a chart and an image in a sheet, data
 * validation, a conditional format, a defined name, notes at xl/comments/comment1.xml and a VBA
 * project, every part the plan does not need is byte-identical, every cell outside the plan keeps
 * its XML, the formulas compute the right values (ExcelJS, and LibreOffice when installed), and a
 * second fill plans nothing. Odd values (dates, `abc`, `1,5`, `0x10`, control characters) stay
 * exactly as they were, even with --convert-numbers. Failures are one line on stderr.
 */
import { toDenseSnapshot } from "../../src/engine/grid/snapshot";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/engine/analyze";
import { planFill, planHighlights } from "../../src/engine/fill";
import { CellWrite, Highlight } from "../../src/engine/fill/plan-types";
import { parseA1 } from "../../src/engine/grid/a1";
import { resolveSettings } from "../../src/engine/settings";
import { loadWorkbookBuffer } from "../../src/hosts/exceljs/snapshot";
import { readXlsxFast } from "../../src/hosts/exceljs/xlsx-fast";
import { CommentsPatch } from "../../src/hosts/xlsx-package/comments-patch";
import { snapshotsOfBytes } from "../../src/hosts/xlsx-package/read-input";
import { patchWorkbook } from "../../src/hosts/xlsx-package/patch-workbook";
import { SheetIndex } from "../../src/hosts/xlsx-package/sheet-patch";
import { openZip } from "../../src/hosts/xlsx-package/zip";
import { workbookSheets } from "../../src/hosts/xlsx-package/opc";
import { ensureCliBuilt, REPO, runCli } from "./harness";

jest.setTimeout(180_000);

const FIX = path.join(REPO, "tests/fixtures/writers");
let tmp: string;
beforeAll(() => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-lossless-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function planOf(
  file: string,
  convertNumbers = false
): Promise<{ writes: CellWrite[]; highlights: Highlight[] }> {
  const settings = resolveSettings();
  const { snapshots } = await snapshotsOfBytes(fs.readFileSync(file));
  const writes: CellWrite[] = [];
  const highlights: Highlight[] = [];
  for (const r of analyzeWorkbook(snapshots, { settings })) {
    for (const t of r.tables) {
      writes.push(...planFill(t.table, settings, { convertNumbers }));
      highlights.push(...planHighlights(t, settings));
    }
  }
  return { writes, highlights };
}

/** Raw (compressed) bytes of every entry, as the archive stores them. */
function entries(file: string): Map<string, Buffer> {
  const zip = openZip(fs.readFileSync(file));
  return new Map(zip.entries.map((e) => [e.name, zip.read(e.name)]));
}

function sheetParts(file: string): Map<string, string> {
  const zip = openZip(fs.readFileSync(file));
  const { sheets } = workbookSheets((p) => (zip.has(p) ? zip.readText(p) : null));
  return new Map(sheets.filter((s) => s.part).map((s) => [s.name, s.part!]));
}

/** Every `<c>` of a sheet part: address → its exact XML. */
function cellsOf(xml: string): Map<string, string> {
  const index = new SheetIndex(xml);
  const out = new Map<string, string>();
  for (const row of index.rows)
    for (const c of row.cells) out.set(`${row.row}:${c.col}`, xml.slice(c.start, c.end));
  return out;
}

/** The parts fill may change for a plan; everything else must be byte-identical. */
const MAY_CHANGE = [
  /^xl\/worksheets\/sheet\d+\.xml$/,
  /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/,
  /^xl\/styles\.xml$/,
  /^xl\/comments/,
  /\.vml$/,
  /^\[Content_Types\]\.xml$/,
  /^xl\/workbook\.xml$/,
  /^xl\/_rels\/workbook\.xml\.rels$/,
];

function expectLossless(
  input: string,
  output: string,
  plan: { writes: CellWrite[]; highlights: Highlight[] }
) {
  const a = entries(input);
  const b = entries(output);
  const changed: string[] = [];
  for (const [name, bytes] of a) {
    // Nothing disappears except a calculation chain.
    if (!b.has(name)) {
      expect(name).toMatch(/calcChain/);
      continue;
    }
    if (!b.get(name)!.equals(bytes)) changed.push(name);
  }
  for (const name of changed) expect(MAY_CHANGE.some((re) => re.test(name))).toBe(true);
  // Sheets without writes are untouched.
  const planned = new Set([...plan.writes, ...plan.highlights].map((w) => w.sheet));
  const parts = sheetParts(input);
  for (const [sheet, part] of parts) {
    if (!planned.has(sheet)) expect(changed).not.toContain(part);
  }
  // Every cell outside the plan keeps its exact XML.
  for (const [sheet, part] of parts) {
    if (!planned.has(sheet)) continue;
    const at = new Set(
      [...plan.writes, ...plan.highlights]
        .filter((w) => w.sheet === sheet)
        .map((w) => `${w.row}:${w.col}`)
    );
    const before = cellsOf(a.get(part)!.toString("utf8"));
    const after = cellsOf(b.get(part)!.toString("utf8"));
    for (const [key, xml] of before) {
      if (at.has(key)) continue;
      if (after.get(key) !== xml) {
        // Only the dependents of a shared formula we overwrote may change (to their own formula).
        expect({ key, xml: after.get(key) }).toEqual({ key, xml });
      }
    }
  }
  return changed;
}

/** ExcelJS with the project's reader fixes (a chart-only drawing otherwise fails the load). */
function loadBook(file: string): Promise<ExcelJS.Workbook> {
  return loadWorkbookBuffer(fs.readFileSync(file));
}

async function cachedValue(file: string, sheet: string, address: string): Promise<unknown> {
  const wb = await loadBook(file);
  const v = wb.getWorksheet(sheet)!.getCell(address).value as unknown;
  // A formula whose cached result is the empty string reads back without a result.
  if (v && typeof v === "object" && "formula" in (v as object))
    return (v as { result?: unknown }).result ?? "";
  return v;
}

/** RFC 4180 CSV (quoted fields may hold commas and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      rows[rows.length - 1].push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      rows[rows.length - 1].push(field);
      field = "";
      rows.push([]);
    } else field += ch;
  }
  rows[rows.length - 1].push(field);
  return rows;
}

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));

describe("fill on a workbook written by openpyxl (charts, image, validation, notes, names)", () => {
  const input = path.join(FIX, "openpyxl-features.xlsx");
  let out: string;
  let plan: { writes: CellWrite[]; highlights: Highlight[] };
  beforeAll(async () => {
    out = path.join(tmp, "features-out.xlsx");
    plan = await planOf(input);
    const r = await runCli(["fill", input, "-o", out]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
  });

  test("every part the plan does not need is byte-identical; charts, drawings, images stay", () => {
    expect(plan.writes.length).toBeGreaterThan(0);
    expect(plan.highlights.length).toBeGreaterThan(0);
    const changed = expectLossless(input, out, plan);
    const b = entries(out);
    for (const name of [
      "xl/charts/chart1.xml",
      "xl/charts/chart2.xml",
      "xl/chartsheets/sheet1.xml",
      "xl/drawings/drawing1.xml",
      "xl/media/image1.png",
      "xl/comments/comment1.xml",
    ]) {
      expect(b.has(name)).toBe(true);
      expect(changed).not.toContain(name);
    }
    // The notes of the sheet with highlights are extended in place, at the path openpyxl chose.
    expect(changed).toContain("xl/comments/comment2.xml");
    const notes = b.get("xl/comments/comment2.xml")!.toString("utf8");
    expect(notes).toContain("第二张表的批注");
    expect(notes).toMatch(
      /已有批注<\/t><r><t xml:space="preserve">\s+请填写偏差原因分析及改进措施/
    );
    // Data validation, conditional format and defined name are still there.
    const sheet1 = b.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(sheet1).toContain("<dataValidation ");
    expect(sheet1).toContain("<conditionalFormatting ");
    expect(b.get("xl/workbook.xml")!.toString("utf8")).toContain("预算合计");
  });

  test("the formulas carry the plan's results (ExcelJS cannot open openpyxl's note paths; our reader)", async () => {
    const snaps = readXlsxFast(fs.readFileSync(out)).snapshots.map((x) => toDenseSnapshot(x));
    for (const w of plan.writes.filter((x) => x.formula)) {
      const snap = snaps.find((x) => x.sheetName === w.sheet)!;
      const v = snap.values[w.row - snap.origin.row]?.[w.col - snap.origin.col];
      expect(snap.formulas?.[w.row - snap.origin.row]?.[w.col - snap.origin.col]).toBe(w.formula);
      if (typeof w.result === "number") expect(v).toBeCloseTo(w.result, 9);
      else expect(v ?? "").toBe(w.result);
    }
  });

  test("every highlighted cell has its note, and a shape in the sheet's VML drawing", () => {
    const b = entries(out);
    const notes = new CommentsPatch(b.get("xl/comments/comment2.xml")!.toString("utf8"));
    const vml = b.get("xl/drawings/commentsDrawing2.vml")!.toString("utf8");
    for (const h of plan.highlights) {
      expect(notes.noteText(h.address)).toContain(h.note_zh);
      // Ours or openpyxl's shape (its own prefixes) for the cell.
      expect(vml).toMatch(new RegExp(`:Row>${h.row}</\\w+:Row><\\w+:Column>${h.col}</`));
    }
  });

  test("a second fill plans nothing and writes no file", async () => {
    const again = path.join(tmp, "features-again.xlsx");
    const r = await runCli(["fill", out, "-o", again]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(again)).toBe(false);
    const replan = await planOf(out);
    expect(replan.writes).toEqual([]);
  });

  (SOFFICE ? test : test.skip)("LibreOffice opens the output and computes the same values", () => {
    const dir = path.join(tmp, "lo");
    fs.mkdirSync(dir, { recursive: true });
    execFileSync(
      SOFFICE!,
      [
        "--headless",
        `-env:UserInstallation=file://${path.join(tmp, "lo-profile")}`,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
        "--outdir",
        dir,
        out,
      ],
      { stdio: "pipe", timeout: 120_000 }
    );
    const csvs = fs.readdirSync(dir).filter((n) => n.endsWith(".csv"));
    expect(csvs.length).toBeGreaterThan(0);
    // The second table's sheet: a formula of ours as LibreOffice recomputed it equals the plan's
    // result (its 总分 is left as stated when its weights do not add up, so the funding 得分).
    const onSheet = plan.writes.filter(
      (w) => w.formula && typeof w.result === "number" && w.sheet.startsWith("部门运转")
    );
    const total =
      onSheet.find((w) => w.purpose === "totalScore") ??
      onSheet.find((w) => w.purpose === "fundingScore")!;
    const csv = fs.readFileSync(
      path.join(dir, csvs.find((n) => n.includes("部门运转")) ?? csvs[1]),
      "utf8"
    );
    const rows = parseCsv(csv);
    const { row, col } = parseA1(total.address);
    expect(Number(rows[row][col])).toBeCloseTo(total.result as number, 6);
  });
});

describe("fill on a macro workbook (.xlsm)", () => {
  test("keeps vbaProject.bin and the macro-enabled content type; the output keeps its .xlsm name", async () => {
    const input = path.join(FIX, "openpyxl-macro.xlsm");
    const out = path.join(tmp, "macro-out.xlsm");
    const plan = await planOf(input);
    const r = await runCli(["fill", input, "-o", out]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expectLossless(input, out, plan);
    const a = entries(input);
    const b = entries(out);
    expect(b.get("xl/vbaProject.bin")!.equals(a.get("xl/vbaProject.bin")!)).toBe(true);
    expect(b.get("[Content_Types].xml")!.toString("utf8")).toContain(
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    );
  });
});

describe("cells outside the plan keep their value, type and format exactly", () => {
  test("dates, abc, 1,5, 0x10 and control characters survive fill --convert-numbers", async () => {
    const input = path.join(FIX, "odd-values.xlsx");
    const out = path.join(tmp, "odd-out.xlsx");
    const plan = await planOf(input, true);
    // None of them is a number we can read with certainty: nothing converts them.
    for (const a of ["D8", "E8", "D9", "E9", "D10", "B9"])
      expect(plan.writes.map((w) => w.address)).not.toContain(a);
    const r = await runCli(["fill", input, "-o", out, "--convert-numbers"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expectLossless(input, out, plan);
    const before = cellsOf(entries(input).get("xl/worksheets/sheet1.xml")!.toString("utf8"));
    const after = cellsOf(entries(out).get("xl/worksheets/sheet1.xml")!.toString("utf8"));
    for (const a of ["D8", "E8", "D9", "E9", "D10", "B9"]) {
      const { row, col } = parseA1(a);
      expect(after.get(`${row}:${col}`)).toBe(before.get(`${row}:${col}`));
    }
    // ExcelJS opens the output and reads the formulas' cached results.
    for (const w of plan.writes.filter((x) => x.formula)) {
      const v = await cachedValue(out, w.sheet, w.address);
      if (typeof w.result === "number") expect(v).toBeCloseTo(w.result, 9);
      else expect(v ?? "").toBe(w.result);
    }
    expect(before.get("7:3")).toContain('t="d"');
    expect(before.get("8:1")).toContain("_x0001_");
  });
});

describe("one line on stderr", () => {
  test("a sheet name over 31 characters is filled like any other", async () => {
    const out = path.join(tmp, "long-out.xlsx");
    const r = await runCli(["fill", path.join(FIX, "long-sheet-name.xlsx"), "-o", out]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(fs.existsSync(out)).toBe(true);
  });

  test("a file name with a line break: the reason is one line, the break shown as \\n", async () => {
    const odd = path.join(tmp, "bad\nname.xlsx");
    fs.writeFileSync(odd, "not a workbook");
    const r = await runCli(["fill", odd, "-o", path.join(tmp, "x.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("bad\\x0aname.xlsx");
  });

  /** odd-values.xlsx with one field of sheet1's central directory entry overwritten. */
  function withCentralField(offset: number, value: (e: { crc32: number }) => number): Buffer {
    const buf = fs.readFileSync(path.join(FIX, "odd-values.xlsx"));
    const e = openZip(buf).entry("xl/worksheets/sheet1.xml")!;
    const name = Buffer.from(e.name);
    const sig = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    let p = buf.indexOf(sig);
    while (!buf.subarray(p + 46, p + 46 + name.length).equals(name)) {
      p = buf.indexOf(sig, p + 4);
      expect(p).toBeGreaterThan(0);
    }
    const bad = Buffer.from(buf);
    bad.writeUInt32LE(value(e) >>> 0, p + offset);
    return bad;
  }

  test("a part declared over the size cap: exit 2 at once, one line naming the part and the limit", async () => {
    const file = path.join(tmp, "big.xlsx");
    fs.writeFileSync(
      file,
      withCentralField(24, () => 200 * 1024 * 1024)
    );
    const started = Date.now();
    const r = await runCli(["fill", file, "-o", path.join(tmp, "big-out.xlsx")]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("xl/worksheets/sheet1.xml");
    expect(r.stderr).toContain("100 MiB");
  });

  test("a damaged part (CRC mismatch) is one plain line, no library message", async () => {
    const bad = withCentralField(16, (e) => e.crc32 ^ 0xffff);
    const file = path.join(tmp, "crc.xlsx");
    fs.writeFileSync(file, bad);
    const r = await runCli(["fill", file, "-o", path.join(tmp, "crc-out.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
    expect(fs.existsSync(path.join(tmp, "crc-out.xlsx"))).toBe(false);
  });
});

describe("a write never lands on text that is not a value of its field", () => {
  test("formula-looking text in the funding 得分: the table is refused with one line, nothing is written", async () => {
    const input = path.join(FIX, "odd-values.xlsx");
    const total = (await planOf(input)).writes.find((w) => w.purpose === "fundingScore")!;
    const typed = patchWorkbook(fs.readFileSync(input), {
      writes: [{ ...total, formula: undefined, result: undefined, value: "=SUM(G14:G21)" }],
      highlights: [],
    });
    const file = path.join(tmp, "typed-formula.xlsx");
    fs.writeFileSync(file, typed.bytes);
    const out = path.join(tmp, "typed-formula-out.xlsx");
    const r = await runCli(["fill", file, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`未填充 工作表“基层党组织党建活动经费”的自评表`);
    expect(r.stdout).toContain(`公式将写入 ${total.address}`);
    expect(r.stdout).toContain("=SUM(G14:G21)");
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("the output is claimed atomically", () => {
  test("two concurrent fills to the same new path: one writes, the other refuses", async () => {
    const input = path.join(FIX, "odd-values.xlsx");
    const out = path.join(tmp, "race.xlsx");
    const rs = await Promise.all([0, 1, 2].map(() => runCli(["fill", input, "-o", out])));
    const codes = rs.map((r) => r.code).sort();
    expect(codes).toEqual([0, 2, 2]);
    for (const r of rs.filter((x) => x.code === 2)) expect(r.stderr).toMatch(/已存在/);
    expect(
      fs.readdirSync(tmp).filter((n) => n.includes("race.xlsx") && n.endsWith(".tmp"))
    ).toEqual([]);
    expect(openZip(fs.readFileSync(out)).entries.length).toBeGreaterThan(0);
  });
});
