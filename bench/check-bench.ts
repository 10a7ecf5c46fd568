/**
 * npm run bench — how much slower is `selfeval check` than ExcelJS merely loading the workbook?
 *
 * 1. Builds, in a temporary folder, a workbook of 500 tables made from the 40 real seed tables
 *    cycled: half stacked (10 sheets × 25, 2 blank rows between), half one per sheet (250 sheets).
 * 2. Times, as child processes measured the same way, (a) a bare ExcelJS load of it
 *    (`new ExcelJS.Workbook().xlsx.readFile(f)`) and (b) `selfeval check <f> --json > /dev/null`,
 *    each N times, alternating a/b (ABBA order) to spread machine noise; prints median and min,
 *    the ratio of medians b/a and the peak RSS of each. One untimed run of each comes first
 *    (warm-up); the JSON of that check run is parsed and its table count must equal the number built.
 * 3. Times the engine alone in-process (snapshot → analyze → report), for information, and the
 *    engine (detect + rules) against check's reader on the same workbook: engine ÷ read, target ≤ 1,
 *    in three regimes: steady state (read then engine back to back, no forced GC, as check runs
 *    them), each run after a forced full GC, and cold (a fresh node process per run).
 *
 * Options: --runs N (default 5), --tables N (default 500), --keep (keep the temporary folder),
 *          --profile (also CPU-profile one run of each and summarise where the time goes).
 * Exit code: 0 when check ran and found every table (a missed ratio target is printed, not fatal),
 *            1 otherwise.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import ExcelJS from "exceljs";
import { buildBenchWorkbook, loadSeedTables } from "./build-workbook";
import { formatSummary, summarizeProfile } from "./profile-summary";

const ROOT = path.resolve(__dirname, "..");
const CLI_MAIN = path.join(ROOT, "dist", "cli", "cli", "main.js");
const CLI_BIN = path.join(ROOT, "bin", "selfeval.js");
const CLI_SOURCES = ["src/engine", "src/cli", "src/hosts/exceljs", "src/hosts/legacy"].map((d) =>
  path.join(ROOT, d)
);
const TARGET_RATIO = 1.3;
const TIME_BIN = "/usr/bin/time";

// ---------------------------------------------------------------------------------------------
// Arguments

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function argInt(name: string, dflt: number): number {
  const v = argValue(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive integer, got ${v}`);
  return n;
}
const RUNS = argInt("--runs", 5);
const TABLES = argInt("--tables", 500);
const KEEP = process.argv.includes("--keep");
const PROFILE = process.argv.includes("--profile");

// ---------------------------------------------------------------------------------------------
// Helpers

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const min = (xs: number[]): number => Math.min(...xs);
const max = (xs: number[]): number => Math.max(...xs);
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const mb = (kb: number | null): string => (kb === null ? "n/a" : `${(kb / 1024).toFixed(0)} MB`);
const gc = (): void => (global as { gc?: () => void }).gc?.();

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return /\.tsx?$/.test(p) ? st.mtimeMs : 0;
  let m = 0;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

/** Builds the CLI (npm run build:cli) when dist/cli/cli/main.js is missing or older than its sources. */
function ensureCli(): void {
  const src = Math.max(...CLI_SOURCES.filter((d) => fs.existsSync(d)).map(newestMtime));
  const built = fs.existsSync(CLI_MAIN) ? fs.statSync(CLI_MAIN).mtimeMs : -1;
  if (built >= src) {
    console.log("CLI: dist/cli is up to date");
    return;
  }
  console.log(
    built < 0
      ? "CLI: dist/cli/cli/main.js missing, running npm run build:cli"
      : "CLI: dist/cli older than src, running npm run build:cli"
  );
  const r = spawnSync("npm", ["run", "--silent", "build:cli"], { cwd: ROOT, stdio: "inherit" });
  if (!fs.existsSync(CLI_MAIN))
    throw new Error("npm run build:cli failed (no dist/cli/cli/main.js)");
  // tsc still emits on type errors; time what it emitted, but say so.
  if (r.status !== 0)
    console.log(
      "CLI: WARNING npm run build:cli reported errors (see above); timing the JavaScript it emitted"
    );
}

/** Names, sizes and mtimes of dist/cli: another build during the run would mix two CLIs in the figures. */
function distFingerprint(dir = path.join(ROOT, "dist", "cli")): string {
  if (!fs.existsSync(dir)) return "";
  const parts: string[] = [];
  for (const e of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) parts.push(distFingerprint(p));
    else {
      const st = fs.statSync(p);
      parts.push(`${p}:${st.size}:${st.mtimeMs}`);
    }
  }
  return parts.join("|");
}

interface ChildResult {
  ms: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  maxRssKb: number | null;
  stdout: string;
  stderr: string;
}

const useTimeBin = fs.existsSync(TIME_BIN);
let rssHook = "";

/**
 * Runs `node <nodeArgs>` and measures its wall time. Peak RSS comes from /usr/bin/time -v, or,
 * without it, from a -r hook that prints process.resourceUsage().maxRSS on exit.
 * stdout goes to /dev/null unless captured.
 */
function runNode(nodeArgs: string[], captureStdout = false): Promise<ChildResult> {
  const devnull = fs.openSync("/dev/null", "w");
  const [cmd, args] = useTimeBin
    ? [TIME_BIN, ["-v", process.execPath, ...nodeArgs]]
    : [process.execPath, ["-r", rssHook, ...nodeArgs]];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ["ignore", captureStdout ? "pipe" : devnull, "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => {
      fs.closeSync(devnull);
      reject(e);
    });
    child.on("close", (code, signal) => {
      const t = performance.now() - t0;
      fs.closeSync(devnull);
      let stderr = Buffer.concat(err).toString("utf8");
      let maxRssKb: number | null = null;
      const m = useTimeBin
        ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
        : /__BENCH_MAXRSS_KB__=(\d+)/.exec(stderr);
      if (m) maxRssKb = Number(m[1]);
      if (useTimeBin) {
        // /usr/bin/time reports the command's exit status in its own text; keep only the child's stderr.
        const i = stderr.lastIndexOf("\tCommand being timed:");
        if (i >= 0)
          stderr = stderr.slice(0, i).replace(/Command exited with non-zero status \d+\n?$/, "");
      } else {
        stderr = stderr.replace(/\n?__BENCH_MAXRSS_KB__=\d+\n?/, "");
      }
      resolve({
        ms: t,
        code,
        signal,
        maxRssKb,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: stderr.trim(),
      });
    });
  });
}

const LOAD_SCRIPT =
  "const ExcelJS=require('exceljs');" +
  "new ExcelJS.Workbook().xlsx.readFile(process.argv[1]).then(wb=>{if(wb.worksheets.length===0)process.exitCode=3;});";

const loadArgs = (file: string, extra: string[] = []): string[] => [
  ...extra,
  "-e",
  LOAD_SCRIPT,
  file,
];
const checkArgs = (file: string, extra: string[] = []): string[] => [
  ...extra,
  CLI_BIN,
  "check",
  file,
  "--json",
];

/** check exits 0 (no error finding) or 1 (error findings — the seed tables carry real errors); 2 or a signal is a failure. */
function checkOk(r: ChildResult): boolean {
  return r.signal === null && (r.code === 0 || r.code === 1);
}

function countTables(json: string): {
  tables: number;
  sheets: number;
  fileErrors: string[];
  findings: number;
} {
  const doc = JSON.parse(json) as {
    version: number;
    files: { file: string; error?: string; sheets: { tables: { findings: unknown[] }[] }[] }[];
  };
  let tables = 0;
  let sheets = 0;
  let findings = 0;
  const fileErrors: string[] = [];
  for (const f of doc.files) {
    if (f.error) fileErrors.push(`${f.file}: ${f.error}`);
    for (const s of f.sheets) {
      sheets++;
      tables += s.tables.length;
      for (const t of s.tables) findings += t.findings.length;
    }
  }
  return { tables, sheets, fileErrors, findings };
}

// ---------------------------------------------------------------------------------------------
// In-process engine timing (the compiled CLI modules, so it is the code the CLI runs)

type Snapshots = { sheetName: string; values?: unknown[][] }[];

type Reader = (file: string) => Promise<Snapshots>;

/** check's own read (readWorkbookFile, or the ExcelJS read-only load + snapshots). */
function snapshotsReader(
  read: {
    readWorkbookFile?: (f: string, o: object) => Promise<Snapshots>;
    loadWorkbook: (f: string, o: object) => Promise<unknown>;
    snapshotsFromWorkbook: (w: unknown, o: object) => Snapshots;
  },
  hasReadFile: boolean
): Reader {
  return async (f) =>
    hasReadFile && read.readWorkbookFile
      ? read.readWorkbookFile(f, {})
      : read.snapshotsFromWorkbook(await read.loadWorkbook(f, { readOnly: true }), {});
}

interface EngineModules {
  Grid: new (s: unknown) => unknown;
  detectTables: (g: unknown, c: unknown) => unknown[];
  familiesFor: (s: unknown) => unknown;
  runRules: (rules: unknown, t: unknown, s: unknown) => unknown[];
  ALL_RULES: unknown;
}

interface RegimeTimes {
  read: number[];
  detect: number[];
  rules: number[];
}

/**
 * Read, then detect + rules, back to back with no forced GC between, as `check` runs them;
 * two untimed rounds first, then `2 × runs` (at least 6) timed ones.
 */
async function steadyStateAsync(
  readFile: Reader,
  file: string,
  settings: unknown,
  runs: number,
  m: EngineModules
): Promise<RegimeTimes> {
  const out: RegimeTimes = { read: [], detect: [], rules: [] };
  const rounds = 2 + Math.max(6, 2 * runs);
  for (let i = 0; i < rounds; i++) {
    let t0 = performance.now();
    const snaps = await readFile(file);
    const tRead = performance.now() - t0;
    t0 = performance.now();
    const found = snaps.map((s) => m.detectTables(new m.Grid(s), m.familiesFor(settings)));
    const tDetect = performance.now() - t0;
    t0 = performance.now();
    for (const ts of found) for (const t of ts) m.runRules(m.ALL_RULES, t, settings);
    const tRules = performance.now() - t0;
    if (i < 2) continue;
    out.read.push(tRead);
    out.detect.push(tDetect);
    out.rules.push(tRules);
  }
  return out;
}

/** The same pass, once, in a fresh node process per run: what one `check` of one file costs. */
function coldRuns(file: string, runs: number): RegimeTimes {
  const out: RegimeTimes = { read: [], detect: [], rules: [] };
  const dist = path.join(ROOT, "dist/cli");
  const script = `
    const { performance } = require("perf_hooks");
    const d = ${JSON.stringify(dist)} + "/";
    const read = require(d + "hosts/exceljs/read-workbook.js");
    const { Grid } = require(d + "engine/grid/snapshot.js");
    const { detectTables } = require(d + "engine/detect/detect.js");
    const { familiesFor } = require(d + "engine/families/catalog.js");
    const { resolveSettings } = require(d + "engine/settings.js");
    const { runRules } = require(d + "engine/rules/rule.js");
    const { ALL_RULES } = require(d + "engine/rules/index.js");
    (async () => {
      const settings = resolveSettings();
      familiesFor(settings);
      let t = performance.now();
      const snaps = await read.readWorkbookFile(process.argv[1], {});
      const r = performance.now() - t;
      t = performance.now();
      const found = snaps.map((s) => detectTables(new Grid(s), familiesFor(settings)));
      const dt = performance.now() - t;
      t = performance.now();
      for (const ts of found) for (const tb of ts) runRules(ALL_RULES, tb, settings);
      console.log(JSON.stringify({ read: r, detect: dt, rules: performance.now() - t }));
    })();`;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ["-e", script, file], { encoding: "utf8" });
    if (r.status !== 0) {
      console.log(`  cold run failed: ${(r.stderr || "").split("\n")[0]}`);
      return { read: [], detect: [], rules: [] };
    }
    const t = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as Record<string, number>;
    out.read.push(t.read);
    out.detect.push(t.detect);
    out.rules.push(t.rules);
  }
  return out;
}

async function engineInProcess(file: string, runs: number): Promise<void> {
  const read = require(path.join(ROOT, "dist/cli/hosts/exceljs/read-workbook.js"));
  const { analyzeWorkbook } = require(path.join(ROOT, "dist/cli/engine/analyze.js"));
  const { resolveSettings } = require(path.join(ROOT, "dist/cli/engine/settings.js"));
  const { checkedSheets } = require(path.join(ROOT, "dist/cli/cli/model.js"));
  const { renderJson } = require(path.join(ROOT, "dist/cli/cli/report-json.js"));
  const fastPath = path.join(ROOT, "dist/cli/hosts/exceljs/xlsx-fast.js");
  const fast = fs.existsSync(fastPath) ? require(fastPath) : null;
  const settings = resolveSettings();
  const line = (label: string, xs: number[]): string =>
    `  ${label.padEnd(44)} median ${ms(median(xs)).padStart(8)}   min ${ms(min(xs)).padStart(8)}`;
  const tablesOf = (reports: { tables: unknown[] }[]): number =>
    reports.reduce((n, r) => n + r.tables.length, 0);

  // Whether check's own reader handles the file or falls back to ExcelJS.
  let fastNote = "no xlsx-fast reader in dist (check reads through ExcelJS)";
  if (fast?.readXlsxFast) {
    try {
      const r = fast.readXlsxFast(fs.readFileSync(file), { skip: ["_selfeval"] });
      fastNote = `xlsx-fast reader handles it (${r.snapshots.length} snapshots)`;
    } catch (e) {
      fastNote = `xlsx-fast reader REFUSED it, check falls back to ExcelJS: ${(e as Error).message}`;
    }
  }

  // The read paths, alternating (the first read in a process pays for JIT warm-up):
  // bare ExcelJS, check's own (readWorkbookFile, or the ExcelJS read-only load + snapshot), and
  // when check no longer uses it, the ExcelJS read-only load + snapshot for comparison.
  const hasReadFile = typeof read.readWorkbookFile === "function";
  const bare: number[] = [];
  const cliRead: number[] = [];
  const exceljsRead: number[] = [];
  let snapshots: Snapshots = [];
  let exceljsSnapshots: Snapshots = [];
  let t0 = 0;
  for (let i = 0; i < Math.min(runs, 3); i++) {
    snapshots = [];
    exceljsSnapshots = [];
    gc();
    t0 = performance.now();
    await new ExcelJS.Workbook().xlsx.readFile(file);
    bare.push(performance.now() - t0);
    gc();
    t0 = performance.now();
    snapshots = hasReadFile
      ? await read.readWorkbookFile(file, {})
      : read.snapshotsFromWorkbook(await read.loadWorkbook(file, { readOnly: true }), {});
    cliRead.push(performance.now() - t0);
    if (
      hasReadFile &&
      typeof read.loadWorkbook === "function" &&
      typeof read.snapshotsFromWorkbook === "function"
    ) {
      gc();
      t0 = performance.now();
      exceljsSnapshots = read.snapshotsFromWorkbook(
        await read.loadWorkbook(file, { readOnly: true }),
        {}
      );
      exceljsRead.push(performance.now() - t0);
    }
  }

  const analyze: number[] = [];
  const report: number[] = [];
  let tables = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    t0 = performance.now();
    const reports = analyzeWorkbook(snapshots, { settings });
    const t1 = performance.now();
    const json = renderJson([{ file, sheets: checkedSheets(reports, settings) }], "zh");
    const t2 = performance.now();
    analyze.push(t1 - t0);
    report.push(t2 - t1);
    tables = tablesOf(reports);
    if (json.length === 0) throw new Error("empty JSON");
  }
  // Detect and rules apart (the same modules analyzeWorkbook calls), to see which half costs what.
  const { Grid } = require(path.join(ROOT, "dist/cli/engine/grid/snapshot.js"));
  const { detectTables } = require(path.join(ROOT, "dist/cli/engine/detect/detect.js"));
  const { familiesFor } = require(path.join(ROOT, "dist/cli/engine/families/catalog.js"));
  const { runRules } = require(path.join(ROOT, "dist/cli/engine/rules/rule.js"));
  const { ALL_RULES } = require(path.join(ROOT, "dist/cli/engine/rules/index.js"));
  const detect: number[] = [];
  const rules: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    t0 = performance.now();
    const found = snapshots.map((s) => detectTables(new Grid(s), familiesFor(settings)));
    const t1 = performance.now();
    for (const ts of found) for (const t of ts) runRules(ALL_RULES, t, settings);
    detect.push(t1 - t0);
    rules.push(performance.now() - t1);
  }
  let cells = 0;
  for (const s of snapshots) for (const row of s.values ?? []) cells += row.length;

  console.log(`\nIn-process (compiled dist/cli modules, warm JIT; for information):`);
  console.log(`  read path: ${fastNote}`);
  console.log(line(`bare ExcelJS readFile (${bare.length} runs)`, bare));
  console.log(
    line(
      `check's read: ${hasReadFile ? "readWorkbookFile" : "loadWorkbook readOnly + snapshots"} (${cliRead.length})`,
      cliRead
    )
  );
  if (exceljsRead.length)
    console.log(
      line(`ExcelJS readOnly load + snapshots (${exceljsRead.length} runs)`, exceljsRead)
    );
  console.log(line(`analyzeWorkbook, detect + rules (${runs} runs)`, analyze));
  console.log(line(`  of which detect (all families) (${runs})`, detect));
  console.log(line(`  of which rules (${runs})`, rules));
  console.log(line(`checkedSheets + renderJson (${runs} runs)`, report));
  console.log(
    line(
      "analyze → report",
      analyze.map((x, i) => x + report[i])
    )
  );
  // The engine alone against the reader alone, on the same workbook, in three regimes.
  const forcedEngine = detect.map((d, i) => d + rules[i]);
  const steady = await steadyStateAsync(snapshotsReader(read, hasReadFile), file, settings, runs, {
    Grid,
    detectTables,
    familiesFor,
    runRules,
    ALL_RULES,
  });
  const cold = coldRuns(file, runs);
  console.log(
    `\n  Engine alone vs reader alone (same workbook, ${tables} tables; target engine ≤ read):`
  );
  const regime = (label: string, r: number[], d: number[], u: number[], e: number[]): number => {
    const ratio = median(e) / median(r);
    console.log(
      `  ${label}\n      read ${ms(median(r))}, detect ${ms(median(d))}, rules ${ms(median(u))}, ` +
        `engine ${ms(median(e))} (medians) → engine ÷ read ${ratio.toFixed(2)}  ${ratio <= 1 ? "target met" : "target missed"}`
    );
    return ratio;
  };
  regime(
    `steady state: read, then detect + rules, back to back as check runs them, no forced GC (${steady.read.length} runs after 2 untimed)`,
    steady.read,
    steady.detect,
    steady.rules,
    steady.detect.map((d, i) => d + steady.rules[i])
  );
  regime(
    `each run after a forced full GC (read ${cliRead.length}, engine ${runs} runs)`,
    cliRead,
    detect,
    rules,
    forcedEngine
  );
  if (cold.read.length)
    regime(
      `cold: a fresh node process per run, one read and one engine pass (${cold.read.length} processes)`,
      cold.read,
      cold.detect,
      cold.rules,
      cold.detect.map((d, i) => d + cold.rules[i])
    );
  console.log(
    "  (A full GC frees the previous run's objects; V8 then drops their hidden classes and the optimised\n" +
      '   code that used them (deopt "weak objects") unless one instance is left, so the engine keeps its\n' +
      "   last grid, label index and checked table. A cold process runs most of the engine unoptimised.\n" +
      "   Memos of parsed labels, numbers and comparisons live for the process (bounded), so runs after\n" +
      "   the first hit them, as in the task pane.)"
  );
  console.log(
    `  analyzeWorkbook ÷ read (forced GC): ${(median(analyze) / median(cliRead)).toFixed(2)}`
  );
  let extra = "";
  if (exceljsSnapshots.length) {
    const t = tablesOf(analyzeWorkbook(exceljsSnapshots, { settings }));
    extra = `; via the ExcelJS read path: ${t}${t === tables ? "" : " (DIFFERS)"}`;
  }
  console.log(
    `  tables found in-process: ${tables}${extra}; ${snapshots.length} snapshots, ${cells} grid cells`
  );
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  console.log(
    `selfeval check benchmark — node ${process.version}, ${os.cpus().length} CPU(s), ${os.platform()} ${os.arch()}, runs ${RUNS}`
  );
  ensureCli();
  const fingerprint = distFingerprint();
  const distChanged = (): boolean => distFingerprint() !== fingerprint;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-bench-"));
  const file = path.join(dir, `bench-${TABLES}.xlsx`);
  rssHook = path.join(dir, "rss-hook.js");
  fs.writeFileSync(
    rssHook,
    "process.on('exit',()=>{require('fs').writeSync(2,'\\n__BENCH_MAXRSS_KB__='+process.resourceUsage().maxRSS+'\\n');});\n"
  );
  let exit = 0;
  try {
    // 1. The workbook.
    let t0 = performance.now();
    const seeds = loadSeedTables();
    const built = buildBenchWorkbook(seeds, { total: TABLES, stackedSheets: 10, gap: 2 });
    const tBuild = performance.now() - t0;
    t0 = performance.now();
    await built.workbook.xlsx.writeFile(file);
    const tWrite = performance.now() - t0;
    const size = fs.statSync(file).size;
    console.log(
      `Workbook: ${file}\n  ${built.tables} tables from ${seeds.length} seed tables cycled: ${built.stackedTables} stacked on ${built.stackedSheets} sheets ` +
        `(2 blank rows between), ${built.singleSheets} one per sheet; ${built.workbook.worksheets.length} sheets, ` +
        `${(size / 1024 / 1024).toFixed(2)} MB; built in ${ms(tBuild)}, written in ${ms(tWrite)}`
    );
    (built as { workbook: unknown }).workbook = null;
    gc();

    // 2. Warm-up (untimed) and correctness: one load, one check whose JSON is parsed.
    const wLoad = await runNode(loadArgs(file));
    if (wLoad.code !== 0)
      throw new Error(
        `bare ExcelJS load failed (exit ${wLoad.code}): ${wLoad.stderr.split("\n")[0]}`
      );
    const wCheck = await runNode(checkArgs(file), true);
    let found = -1;
    if (!checkOk(wCheck)) {
      console.log(
        `\nselfeval check FAILED (exit ${wCheck.code ?? wCheck.signal}): ${wCheck.stderr.split("\n").slice(0, 5).join("\n  ")}`
      );
      return 1;
    }
    try {
      const c = countTables(wCheck.stdout);
      found = c.tables;
      console.log(
        `check --json (warm-up run, exit ${wCheck.code}): ${c.tables} tables found on ${c.sheets} sheets, ${c.findings} table findings` +
          (c.fileErrors.length ? `; FILE ERROR: ${c.fileErrors.join("; ")}` : "")
      );
    } catch (e) {
      console.log(`check --json output is not valid JSON: ${(e as Error).message}`);
      return 1;
    }
    if (found !== built.tables) {
      console.log(`TABLE COUNT WRONG: check found ${found}, the workbook holds ${built.tables}`);
      exit = 1;
    }

    // 3. Timed runs, ABBA order.
    const a: ChildResult[] = [];
    const b: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      const order: ("a" | "b")[] = i % 2 === 0 ? ["a", "b"] : ["b", "a"];
      for (const which of order) {
        if (which === "a") {
          const r = await runNode(loadArgs(file));
          if (r.code !== 0)
            throw new Error(`bare ExcelJS load failed in run ${i + 1} (exit ${r.code})`);
          a.push(r);
        } else {
          const r = await runNode(checkArgs(file));
          if (!checkOk(r)) {
            console.log(
              `selfeval check failed in run ${i + 1} (exit ${r.code ?? r.signal}): ${r.stderr.split("\n")[0]}`
            );
            return 1;
          }
          b.push(r);
        }
      }
      process.stdout.write(`  run ${i + 1}/${RUNS}: load ${ms(a[i].ms)}, check ${ms(b[i].ms)}\n`);
    }
    const ta = a.map((r) => r.ms);
    const tb = b.map((r) => r.ms);
    const rssA = a.map((r) => r.maxRssKb).filter((x): x is number => x !== null);
    const rssB = b.map((r) => r.maxRssKb).filter((x): x is number => x !== null);
    const ratio = median(tb) / median(ta);
    const row = (label: string, t: number[], rss: number[]): string =>
      `  ${label.padEnd(40)} median ${ms(median(t)).padStart(8)}   min ${ms(min(t)).padStart(8)}   max ${ms(max(t)).padStart(8)}   peak RSS ${rss.length ? mb(max(rss)) : "n/a"}`;
    console.log(
      `\nChild processes, wall time incl. node start-up (${RUNS} runs each, alternating; RSS via ${useTimeBin ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS"}):`
    );
    console.log(row("(a) bare ExcelJS load (xlsx.readFile)", ta, rssA));
    console.log(row("(b) selfeval check --json > /dev/null", tb, rssB));
    console.log(
      `  ratio of medians b/a: ${ratio.toFixed(2)}   (ratio of mins ${(min(tb) / min(ta)).toFixed(2)}; target ≤ ${TARGET_RATIO})`
    );
    console.log(`  tables found by check --json: ${found} (expected ${built.tables})`);
    console.log(ratio <= TARGET_RATIO ? "  target met" : "  target missed");
    if (distChanged())
      console.log(
        "  WARNING: dist/cli was rebuilt during the timed runs (by another process); these figures mix two builds — run again"
      );

    // 4. Engine alone, in-process.
    await engineInProcess(file, RUNS);

    // 5. Optional CPU profiles.
    if (PROFILE) {
      const profDir = path.join(dir, "profiles");
      const pc = path.join(profDir, "check");
      const pl = path.join(profDir, "load");
      const rc = await runNode(checkArgs(file, ["--cpu-prof", `--cpu-prof-dir=${pc}`]));
      const rl = await runNode(loadArgs(file, ["--cpu-prof", `--cpu-prof-dir=${pl}`]));
      const first = (d: string): string =>
        path.join(d, fs.readdirSync(d).filter((f) => f.endsWith(".cpuprofile"))[0]);
      console.log(
        `\nCPU profiles (${profDir}; one run each, wall ${ms(rc.ms)} check, ${ms(rl.ms)} load, under the profiler):`
      );
      const cs = summarizeProfile(first(pc), 30);
      console.log(formatSummary("selfeval check --json", cs));
      // Phases of the check run (inclusive times of the project's entry points).
      const all = summarizeProfile(first(pc), 100000).inclusiveOwn;
      const inc = (name: string, file: string): number =>
        all.find((r) => r.key.startsWith(`${name}  `) && r.key.includes(file))?.ms ?? 0;
      const modules = inc("(anonymous)", "bin/selfeval.js:1");
      const gcMs = cs.byArea.find((r) => r.key === "(garbage collector)")?.ms ?? 0;
      const phases: [string, number][] = [
        ["module loading (everything bin/selfeval.js requires)", modules],
        ["readWorkbookFile (check's read)", inc("readWorkbookFile", "read-workbook.js")],
        ["  readXlsxFast", inc("readXlsxFast", "xlsx-fast.js")],
        [
          "  loadWorkbook / loadWorkbookBuffer (ExcelJS)",
          Math.max(
            inc("loadWorkbook", "read-workbook.js"),
            inc("loadWorkbookBuffer", "hosts/exceljs")
          ),
        ],
        ["  snapshotsFromWorkbook", inc("snapshotsFromWorkbook", "hosts/exceljs")],
        ["analyzeWorkbook (detect + rules)", inc("analyzeWorkbook", "engine/analyze.js")],
        ["  detectTables", inc("detectTables", "detect/detect.js")],
        ["  runRules", inc("runRules", "rules/rule.js")],
        ["checkedSheets (summaries)", inc("checkedSheets", "cli/model.js")],
        ["renderJson", inc("renderJson", "cli/report-json.js")],
        [
          "garbage collector (whole run; bare load: " +
            (
              summarizeProfile(first(pl), 100000).byArea.find(
                (r) => r.key === "(garbage collector)"
              )?.ms ?? 0
            ).toFixed(0) +
            " ms)",
          gcMs,
        ],
      ];
      console.log(
        "  phases (inclusive, sampled; async reads may be split across ticks):\n" +
          phases
            .filter(([, v]) => v > 0)
            .map(([k, v]) => `    ${v.toFixed(1).padStart(9)} ms  ${k}`)
            .join("\n")
      );
      const ls = summarizeProfile(first(pl), 15);
      console.log(`\nbare ExcelJS load: ${ls.totalMs.toFixed(0)} ms sampled`);
      console.log(
        "  self time by area:\n" +
          ls.byArea
            .map(
              (x) =>
                `    ${x.ms.toFixed(1).padStart(9)} ms ${x.pct.toFixed(1).padStart(5)}%  ${x.key}`
            )
            .join("\n")
      );
    } else if (ratio > TARGET_RATIO) {
      console.log("\n(run `npm run bench -- --profile` to see where check spends its time)");
    }
  } finally {
    if (KEEP || PROFILE) console.log(`\nkept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  return exit;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  }
);
