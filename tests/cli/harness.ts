/**
 * End-to-end harness: builds the CLI once when dist/ is older than its sources, then runs
 * `node bin/selfeval.js …` as a user would.
 */
import { execFile, execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

export const REPO = path.resolve(__dirname, "../..");
export const BIN = path.join(REPO, "bin/selfeval.js");
export const SEEDS = path.join(REPO, "seeds");
export const FOREIGN = path.join(REPO, "tests/fixtures/foreign-workbooks");
const MAIN_JS = path.join(REPO, "dist/cli/cli/main.js");
const SOURCE_DIRS = [
  "src/engine",
  "src/cli",
  "src/hosts/exceljs",
  "src/hosts/xlsx-package",
  "src/hosts/legacy",
].map((d) => path.join(REPO, d));
const LOCK = path.join(REPO, "dist/.cli-build.lock");

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!fs.existsSync(MAIN_JS)) return true;
  const built = fs.statSync(MAIN_JS).mtimeMs;
  return (
    SOURCE_DIRS.some((d) => newestMtime(d) > built) ||
    fs.statSync(path.join(REPO, "tsconfig.cli.json")).mtimeMs > built
  );
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Compiles src/{engine,cli,hosts/exceljs} to dist/cli when stale. Test files run in parallel
 * workers, so one builds while the others wait on a lock directory.
 */
export function ensureCliBuilt(): void {
  if (!isStale()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another worker is building; a lock older than the deadline is a crashed build.
      if (!isStale()) return;
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > 180_000)
          fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error("timed out waiting for the CLI build");
      sleep(250);
    }
  }
  try {
    if (!isStale()) return;
    const tsc = path.join(REPO, "node_modules/typescript/bin/tsc");
    try {
      execFileSync(process.execPath, [tsc, "-p", "tsconfig.cli.json"], {
        cwd: REPO,
        stdio: "pipe",
      });
    } catch (e) {
      // tsc emits despite type errors; only a missing output is fatal here (the type check is its own step).
      if (!fs.existsSync(MAIN_JS)) throw e;
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/selfeval.js …`; `env` adds to (or, with undefined values, removes from) the environment. */
export function runCli(
  args: string[],
  cwd = REPO,
  env: Record<string, string | undefined> = {}
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, encoding: "utf8", env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === "number"
            ? (err as { code: number }).code
            : -1
          : 0;
        resolve({ code, stdout, stderr });
      }
    );
  });
}

/** Runs fn over items with at most `limit` at a time. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

export function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export function seedFiles(): string[] {
  return fs
    .readdirSync(SEEDS)
    .filter((n) => n.endsWith(".xlsx"))
    .sort()
    .map((n) => path.join(SEEDS, n));
}

export function foreignFiles(): string[] {
  return fs
    .readdirSync(FOREIGN)
    .filter((n) => n.endsWith(".xlsx"))
    .sort()
    .map((n) => path.join(FOREIGN, n));
}

export const LOCKFILE_NAME = "lockfile_act3_lab23_posey.xlsx";

/** seeds/seed-index.json, the ground truth the seed builder wrote. */
export interface SeedIndexTable {
  id: string;
  workbook: string;
  sheet: string;
  range: string;
  titleRow: number;
  projectName: string | null;
  kind: "project" | "department";
  variant: "beijing" | "hunan";
  fundingTotalRow: number;
  indicatorRows: [number, number];
  totalRow: number;
  gradeRow: number | null;
  extraEmptyColumn: string | null;
  columns: {
    budget: string;
    executed: string;
    rateCol: string;
    fundingScore: string;
    indicatorWeight: string;
    indicatorScore: string;
    explanation: string;
  };
}

export function seedIndex(): { tables: SeedIndexTable[] } {
  return JSON.parse(fs.readFileSync(path.join(SEEDS, "seed-index.json"), "utf8"));
}
