/**
 * The bad-input corpus (scripts/make-bad-corpus.ts), generated into a temporary folder and run
 * through the built CLI as a user would: each workbook's `check` exit code as the corpus declares,
 * exactly one stderr line for exit 2, the input byte for byte as it was, and a generous wall-clock
 * bound per file (the target, under 2 s and 300 MB, is measured by `npm run bench:bad-input`; the
 * times seen here are printed at the end). `fill` is held to the same corpus in its own describe.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildCorpus, CorpusEntry } from "../../scripts/make-bad-corpus";
import { analyzeWorkbook } from "../../src/engine/analyze";
import { planFill } from "../../src/engine/fill/plan-fill";
import { isSparseSnapshot, SheetSnapshot } from "../../src/engine/grid/snapshot";
import { resolveSettings } from "../../src/engine/settings";
import { readXlsxFast } from "../../src/hosts/exceljs/xlsx-fast";
import { openZip } from "../../src/hosts/xlsx-package/zip";
import { BIN, ensureCliBuilt, mapLimit, RunResult, runCli, sha256 } from "../cli/harness";

jest.setTimeout(900_000);

/**
 * Per-file bound for check on a loaded 2-core machine (the whole suite running beside other work
 * has taken the 200k-row workbook to 11 s); the real figures are printed here and benched.
 */
const WALL_MS = 20_000;
/** A fill that runs longer than this (or past 1 GB of heap) is stopped and counted as failed. */
const FILL_LIMIT_MS = 120_000;

/** Built once when the file loads (a few seconds), so each workbook can have its own test. */
const built = buildCorpus();
let dir: string;
let corpus: (CorpusEntry & { file: string })[] = [];
const timings: string[] = [];

beforeAll(() => {
  ensureCliBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-corpus-"));
  corpus = built.map((e) => {
    const file = path.join(dir, e.name);
    fs.writeFileSync(file, e.bytes);
    return { ...e, file };
  });
});

afterAll(() => {
  if (timings.length)
    process.stdout.write(`check on the bad-input corpus (wall, ms):\n${timings.join("\n")}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
});

function lines(text: string): string[] {
  return text.split("\n").filter((l) => l !== "");
}

async function timed(args: string[]): Promise<RunResult & { ms: number }> {
  const t0 = Date.now();
  const r = await runCli(args);
  return { ...r, ms: Date.now() - t0 };
}

describe("check on the bad-input corpus", () => {
  it("has at least 40 workbooks, each with a declared outcome", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((e) => e.name)).size).toBe(corpus.length);
    for (const code of [0, 1, 2])
      if (code !== 0) expect(corpus.some((e) => e.check === code)).toBe(true);
  });

  it("exits as declared, one stderr line on 2, input untouched, within the bound", async () => {
    const results = await mapLimit(corpus, 2, async (e) => {
      const before = sha256(e.file);
      const r = await timed(["check", e.file]);
      timings.push(`  ${String(r.ms).padStart(6)}  ${JSON.stringify(e.name)}  exit ${r.code}`);
      return { e, r, same: sha256(e.file) === before };
    });
    const problems: string[] = [];
    for (const { e, r, same } of results) {
      const where = `${JSON.stringify(e.name)} (${e.what})`;
      if (r.code !== e.check)
        problems.push(`${where}: exit ${r.code}, declared ${e.check}; stderr ${r.stderr.trim()}`);
      if (r.code === 2 && lines(r.stderr).length !== 1)
        problems.push(`${where}: ${lines(r.stderr).length} stderr lines`);
      if (r.code !== 2 && r.stderr.trim() !== "")
        problems.push(`${where}: stderr on exit ${r.code}: ${r.stderr.trim()}`);
      if (!same) problems.push(`${where}: input changed`);
      if (r.ms > WALL_MS) problems.push(`${where}: ${r.ms} ms`);
      if (/at .+\.js:\d+|Error:|Check failed/.test(r.stderr))
        problems.push(`${where}: a stack trace or raw error`);
    }
    expect(problems).toEqual([]);
  });

  it("reports the other files and still prints JSON when one file is a bomb", async () => {
    const pick = (n: string) => corpus.find((e) => e.name === n)!.file;
    const files = [
      pick("no-docprops.xlsx"),
      pick("bomb-sharedstrings.xlsx"),
      pick("corrupt-deflate-sheet.xlsx"),
    ];
    const r = await runCli(["check", "--json", ...files]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(2);
    const json = JSON.parse(r.stdout) as {
      files: {
        file: string;
        error?: string;
        sheets: { name: string; error?: string; tables: unknown[] }[];
      }[];
    };
    expect(json.files.map((f) => f.file)).toEqual(files);
    expect(json.files[0].error).toBeUndefined();
    expect(json.files[0].sheets.flatMap((s) => s.tables)).toHaveLength(19);
    expect(json.files[1].error).toMatch(/超出读取上限.*100 MB.*sharedStrings/);
    // The damaged sheet is named with its reason; the 18 others are checked.
    const damaged = json.files[2].sheets.filter((s) => s.error);
    expect(damaged.map((s) => [s.name, s.error])).toEqual([["社保所软件服务费", "压缩数据已损坏"]]);
    expect(json.files[2].sheets.flatMap((s) => s.tables)).toHaveLength(18);
  });

  it("says why a sheet cannot be read, in English with --lang en, never 'no table'", async () => {
    const pick = (n: string) => corpus.find((e) => e.name === n)!.file;
    const r = await runCli(["check", "--lang", "en", pick("truncated-sheet-xml.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /cannot read sheet "房屋场所租赁" \(incomplete \(the XML ends early\)\); the other sheets were checked/
    );
    expect(r.stdout).toMatch(/Sheet "房屋场所租赁": cannot be read: incomplete/);
    expect(r.stdout).not.toMatch(/房屋场所租赁": no self-evaluation table/);
  });

  it("never resolves an entity: the DTD is refused and no file content is read in", async () => {
    const pick = (n: string) => corpus.find((e) => e.name === n)!.file;
    for (const n of ["entity-expansion.xlsx", "external-entity.xlsx"]) {
      const r = await runCli(["check", "--json", pick(n)]);
      expect(r.code).toBe(2);
      expect(r.stdout).not.toMatch(/root:|lollol/);
      expect(r.stdout + r.stderr).toMatch(/DOCTYPE/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// fill over the same corpus: writes what the corpus says it can, refuses the rest, changes no cell
// outside its plan, keeps every part of the package, and a second fill changes nothing.

interface CellDump {
  cells: Map<string, string>;
}

/** Every cell (value and formula) of every sheet, by sheet!address. */
function dump(file: string): CellDump {
  const r = readXlsxFast(fs.readFileSync(file), {});
  const cells = new Map<string, string>();
  for (const s of r.snapshots as SheetSnapshot[]) {
    if (!isSparseSnapshot(s)) continue;
    for (const c of s.cells)
      cells.set(`${s.sheetName}!${c.row},${c.col}`, JSON.stringify([c.value, c.formula ?? null]));
  }
  return { cells };
}

/** The cells fill plans to write, as check's reader sees the input. */
function planned(file: string): Set<string> {
  const r = readXlsxFast(fs.readFileSync(file), { skip: ["_selfeval"] });
  const settings = resolveSettings();
  const out = new Set<string>();
  for (const rep of analyzeWorkbook(r.snapshots, { settings }))
    for (const t of rep.tables)
      for (const w of planFill(t.table, settings)) out.add(`${w.sheet}!${w.row},${w.col}`);
  return out;
}

/**
 * Workbooks on which today's fill (an ExcelJS round trip) is known to fall short of the corpus's
 * declarations, with what it does. They run as `test.failing`: visible in every run, and the day
 * the lossless writer makes one pass, its failing test fails and it comes off this list.
 */
const FILL_GAPS: Record<string, string> = {};

describe("fill on the bad-input corpus", () => {
  const cases = () => corpus;
  let outDir: string;
  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-corpus-fill-"));
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  /**
   * fill as a child process with a memory ceiling and a time limit, so a workbook that makes
   * today's fill take minutes or gigabytes fails its test quickly instead of holding up the run.
   */
  function boundedFill(args: string[]): Promise<RunResult & { ms: number }> {
    const t0 = Date.now();
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ["--max-old-space-size=1024", BIN, "fill", ...args],
        {
          timeout: FILL_LIMIT_MS,
          killSignal: "SIGKILL",
          maxBuffer: 16 * 1024 * 1024,
          encoding: "utf8",
        },
        (err, stdout, stderr) => {
          const e = err as (Error & { code?: unknown; killed?: boolean }) | null;
          const code = !e ? 0 : typeof e.code === "number" ? e.code : e.killed ? -9 : -1;
          resolve({ code, stdout, stderr, ms: Date.now() - t0 });
        }
      );
    });
  }

  async function fillCase(e: CorpusEntry & { file: string }): Promise<string[]> {
    const problems: string[] = [];
    // A macro workbook keeps its kind: fill refuses to write one under an .xlsx name.
    const ext = /\.xlsm$/i.test(e.name) ? ".xlsm" : ".xlsx";
    const out = path.join(outDir, `out-${Buffer.from(e.name).toString("hex").slice(0, 40)}${ext}`);
    const before = sha256(e.file);
    const r = await boundedFill([e.file, "-o", out]);
    if (sha256(e.file) !== before) problems.push("input changed");
    if (r.code === -9) return [...problems, `killed after ${FILL_LIMIT_MS} ms`];
    if (e.fill === "refuses") {
      if (r.code !== 2) problems.push(`exit ${r.code}, expected 2`);
      if (lines(r.stderr).length !== 1)
        problems.push(`${lines(r.stderr).length} stderr lines: ${r.stderr.trim()}`);
      if (fs.existsSync(out)) problems.push("an output was written");
      return problems;
    }
    if (r.code !== 0) return [...problems, `exit ${r.code}: ${r.stderr.trim()}`];
    if (!fs.existsSync(out)) return [...problems, `no output: ${r.stdout.trim().split("\n")[0]}`];
    // Every part of the input is still there.
    const inParts = openZip(fs.readFileSync(e.file)).entries.map((x) => x.name.toLowerCase());
    const outParts = new Set(
      openZip(fs.readFileSync(out)).entries.map((x) => x.name.toLowerCase())
    );
    const lost = inParts.filter(
      (n) => !n.endsWith("/") && !outParts.has(n) && n !== "xl/calcchain.xml"
    );
    if (lost.length) problems.push(`parts lost: ${lost.join(", ")}`);
    // No cell outside the plan changed.
    const plan = planned(e.file);
    const a = dump(e.file).cells;
    const b = dump(out).cells;
    const changed = [...new Set([...a.keys(), ...b.keys()])].filter(
      (k) => a.get(k) !== b.get(k) && !plan.has(k)
    );
    if (changed.length)
      problems.push(
        `cells outside the plan changed: ${changed.slice(0, 5).join(" ")}${changed.length > 5 ? " …" : ""}`
      );
    // A second fill on the output plans nothing.
    const again = path.join(outDir, `again-${path.basename(out)}`);
    const r2 = await boundedFill([out, "-o", again]);
    if (r2.code !== 0 || fs.existsSync(again))
      problems.push(
        `second fill: exit ${r2.code}, output ${fs.existsSync(again) ? "written" : "none"}`
      );
    return problems;
  }

  it("covers every corpus workbook", () => {
    expect(cases().length).toBeGreaterThanOrEqual(40);
  });

  // One test per workbook, so each gap shows by name.
  for (const { name } of built) {
    const t = FILL_GAPS[name] ? it.failing : it;
    t(
      `fill ${JSON.stringify(name)}${FILL_GAPS[name] ? ` (known gap: ${FILL_GAPS[name]})` : ""}`,
      async () => {
        const e = corpus.find((x) => x.name === name)!;
        expect(await fillCase(e)).toEqual([]);
      }
    );
  }
});
