/**
 * Start-up cost: `check` and `fill` on an .xlsx file read it with the project's own zip reader, so
 * they must not load ExcelJS (about a quarter of a second; one small utility of it is used) or the
 * legacy .xls reader. Only the
 * commands and formats that write or read through them (template, xlsx reports, .xls input) do.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BIN, ensureCliBuilt, REPO, SEEDS } from "./harness";

/** Runs the CLI in-process under node and prints which heavy libraries ended up loaded. */
function loadedBy(args: string[]): { exceljs: boolean; legacy: boolean } {
  const script = `
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    process.on("exit", () => {
      const keys = Object.keys(require.cache);
      process.stderr.write("\\n__LOADED__" + JSON.stringify({
        exceljs: keys.includes(require.resolve("exceljs", { paths: [${JSON.stringify(REPO)}] })),
        legacy: keys.some((k) => /[\\\\/]node_modules[\\\\/]@e965[\\\\/]xlsx[\\\\/]/.test(k)),
      }) + "\\n");
    });
    require(${JSON.stringify(BIN)});`;
  const stderr = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stderr ?? "";
  const line = stderr.split("\n").find((l) => l.startsWith("__LOADED__"));
  if (!line) throw new Error(`no module report; stderr: ${stderr.slice(0, 400)}`);
  return JSON.parse(line.slice("__LOADED__".length));
}

beforeAll(() => ensureCliBuilt(), 300_000);

const seed = path.join(SEEDS, "beijing-2023.xlsx");

test("check on an .xlsx file loads neither ExcelJS nor the legacy reader", () => {
  expect(loadedBy(["check", seed, "--json"])).toEqual({ exceljs: false, legacy: false });
}, 60_000);

test("fill --dry-run on an .xlsx file loads neither ExcelJS nor the legacy reader", () => {
  expect(loadedBy(["fill", seed, "--dry-run"])).toEqual({ exceljs: false, legacy: false });
}, 60_000);

test("template, which writes with ExcelJS, does load it (the probe can see a loaded library)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-modload-"));
  try {
    expect(loadedBy(["template", "-o", path.join(dir, "t.xlsx")]).exceljs).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

test("check on a legacy .xls file does load the legacy reader (the probe can see it)", () => {
  const xls = fs
    .readdirSync(path.join(SEEDS, "..", "tests", "fixtures"), { recursive: true })
    .map(String)
    .find((f) => f.endsWith(".xls"));
  expect(xls).toBeDefined();
  const file = path.join(SEEDS, "..", "tests", "fixtures", xls!);
  expect(loadedBy(["check", file, "--json"]).legacy).toBe(true);
}, 60_000);
