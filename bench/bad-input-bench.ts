/**
 * npm run bench:bad-input (also the second half of npm run bench) — time and peak memory of
 * `selfeval check` on the worst of the bad-input corpus (scripts/make-bad-corpus.ts: inflate
 * bombs, an entry-count bomb, a cell-count bomb, a value at XFD1048576, 200k filler rows, huge
 * merges, 120k unclosed cells), against the target of under 2 s and under 300 MB each.
 *
 * Each file is checked once as a child process (`node bin/selfeval.js check <file>`), measured by
 * /usr/bin/time -v where it exists (else by the child's own process.resourceUsage()). The seed
 * workbook itself is measured first, as the baseline. Options: --all (every corpus file, not only
 * the heavy ones). Exit code 0 when every file gave its declared exit code; a missed target is
 * printed, not fatal (a loaded machine misses it without the code being at fault).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildCorpus, SEED } from "../scripts/make-bad-corpus";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "selfeval.js");
const CLI_MAIN = path.join(ROOT, "dist", "cli", "cli", "main.js");
const TIME_BIN = "/usr/bin/time";
const TARGET_MS = 2000;
const TARGET_MB = 300;

interface Measure {
  code: number;
  ms: number;
  rssMb: number;
}

function measure(file: string): Measure {
  const useTime = fs.existsSync(TIME_BIN);
  const hook = path.join(os.tmpdir(), "selfeval-bench-rss.js");
  if (!useTime)
    fs.writeFileSync(
      hook,
      'process.on("exit", () => process.stderr.write(`__MAXRSS_KB__=${process.resourceUsage().maxRSS}\\n`));\n'
    );
  const [cmd, args] = useTime
    ? [TIME_BIN, ["-v", process.execPath, BIN, "check", file]]
    : [process.execPath, ["-r", hook, BIN, "check", file]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = (useTime ? /Maximum resident set size \(kbytes\): (\d+)/ : /__MAXRSS_KB__=(\d+)/).exec(
    r.stderr ?? ""
  );
  return { code: r.status ?? -1, ms, rssMb: m ? Number(m[1]) / 1024 : NaN };
}

function main(): number {
  if (!fs.existsSync(CLI_MAIN)) {
    process.stderr.write("dist/cli is missing: run npm run build:cli first\n");
    return 1;
  }
  const all = process.argv.includes("--all");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-bad-bench-"));
  try {
    const corpus = buildCorpus().filter((e) => all || e.heavy);
    const rows: string[] = [];
    let wrong = 0;
    const line = (name: string, declared: number | string, m: Measure) => {
      const over = m.ms > TARGET_MS || m.rssMb > TARGET_MB ? "  over target" : "";
      rows.push(
        `${name.padEnd(42)} exit ${m.code} (declared ${declared})  ${m.ms.toFixed(0).padStart(6)} ms  ${m.rssMb.toFixed(0).padStart(5)} MB${over}`
      );
    };
    line("seed: beijing-2023.xlsx (baseline)", 1, measure(SEED));
    for (const e of corpus) {
      const file = path.join(dir, e.name.replace(/[\r\n]/g, "_"));
      fs.writeFileSync(file, e.bytes);
      const m = measure(file);
      if (m.code !== e.check) wrong++;
      line(e.name, e.check, m);
    }
    process.stdout.write(
      `selfeval check on the bad-input corpus (${all ? "every file" : "worst cases"}; target < ${TARGET_MS} ms and < ${TARGET_MB} MB each, node start-up included):\n${rows.join("\n")}\n`
    );
    if (wrong) process.stdout.write(`${wrong} file(s) gave another exit code than declared\n`);
    return wrong ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
