/**
 * npm run bench:formats — `selfeval check` on a folder of 200 submissions in every report format.
 *
 * Copies one sample workbook (seeds/beijing-2023.xlsx, 19 tables) N times into a temporary folder,
 * then times `selfeval check <folder> --format F -o <report>` for text, summary, json, csv, xlsx
 * and html as child processes (wall time including node start-up), and prints each time, the
 * report's size and, for comparison, the time per workbook. The first format run also warms the
 * file cache for the others; each format is run --runs times (default 1) and the median printed.
 *
 * Options: --copies N (default 200), --runs N (default 1), --keep (keep the temporary folder).
 * Exit code: 0 when every format ran with exit code 0 or 1 (the sample has error findings), else 1.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "selfeval.js");
const MAIN_JS = path.join(ROOT, "dist", "cli", "cli", "main.js");
const SAMPLE = path.join(ROOT, "seeds", "beijing-2023.xlsx");
const FORMATS = ["text", "summary", "json", "csv", "xlsx", "html"] as const;

function argInt(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return dflt;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive integer`);
  return n;
}
const COPIES = argInt("--copies", 200);
const RUNS = argInt("--runs", 1);
const KEEP = process.argv.includes("--keep");

function newestTs(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestTs(p));
    else if (e.name.endsWith(".ts")) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/cli when it is missing or older than the sources it compiles. */
function ensureCli(): void {
  const built = fs.existsSync(MAIN_JS) ? fs.statSync(MAIN_JS).mtimeMs : 0;
  const dirs = ["src/engine", "src/cli", "src/hosts/exceljs", "src/hosts/legacy"];
  if (built > 0 && dirs.every((d) => newestTs(path.join(ROOT, d)) <= built)) return;
  console.log("building dist/cli …");
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  spawnSync(process.execPath, [tsc, "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "inherit" });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function main(): number {
  ensureCli();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-formats-bench-"));
  const dir = path.join(tmp, "submissions");
  fs.mkdirSync(dir);
  for (let i = 1; i <= COPIES; i++)
    fs.copyFileSync(SAMPLE, path.join(dir, `submission-${String(i).padStart(3, "0")}.xlsx`));
  console.log(
    `selfeval check, ${COPIES} copies of ${path.basename(SAMPLE)} — node ${process.version}, ` +
      `${os.cpus().length} CPU(s), ${RUNS} run(s) per format (median shown)`
  );
  let ok = true;
  try {
    for (const format of FORMATS) {
      const out = path.join(tmp, `report.${format}`);
      const times: number[] = [];
      let code: number | null = null;
      let stderr = "";
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const res = spawnSync(
          process.execPath,
          [BIN, "check", dir, "--format", format, "-o", out],
          {
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
          }
        );
        times.push(performance.now() - t0);
        code = res.status;
        stderr = res.stderr;
      }
      const size = fs.existsSync(out) ? fs.statSync(out).size : 0;
      const good = (code === 0 || code === 1) && size > 0;
      ok &&= good;
      const ms = median(times);
      console.log(
        `  ${format.padEnd(8)} ${(ms / 1000).toFixed(2).padStart(7)} s  ` +
          `${(ms / COPIES).toFixed(1).padStart(6)} ms/workbook  ` +
          `report ${(size / 1024).toFixed(0).padStart(7)} KB  exit ${code}` +
          (good ? "" : `  FAILED: ${stderr.split("\n")[0]}`)
      );
    }
  } finally {
    if (KEEP) console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  return ok ? 0 : 1;
}

process.exitCode = main();
