/**
 * Property-based fuzz over the seed workbooks' cell XML (fast-check, fixed seed): labels swapped,
 * cells and rows deleted or duplicated, a sheet's XML cut short, random text, numbers and errors typed into cells, merges
 * removed, moved or added. Every mutated workbook must be checked without a crash: exit 0, 1 or 2,
 * and on 2 exactly one line that says why the file (or a sheet) cannot be read, within a generous
 * time bound. Each is then filled: the input stays byte-identical, and a second fill of the output
 * plans nothing (fill is idempotent). The engine runs in-process (the CLI's main with its own output
 * sink) for speed; a few iterations go through the built CLI as well.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { partsOf, zipParts } from "../../scripts/make-bad-corpus";
import { main } from "../../src/cli/main";
import { ensureCliBuilt, runCli } from "../cli/harness";

jest.setTimeout(600_000);

const SEEDS = path.resolve(__dirname, "../../seeds");
const SEED_FILES = fs
  .readdirSync(SEEDS)
  .filter((n) => n.endsWith(".xlsx"))
  .sort();
const seeds = SEED_FILES.map((n) => partsOf(fs.readFileSync(path.join(SEEDS, n))));

/** Per-iteration bound for a loaded 2-core machine (the seeds check in well under a second). */
const WALL_MS = 10_000;
const RUNS = 300;
/** Every how many iterations the built CLI runs too. */
const CLI_EVERY = 60;

const CELL = /<c r="[A-Z]+\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;
const ROW = /<row [^>]*>[\s\S]*?<\/row>/g;
const MERGE = /<mergeCell ref="[^"]*"\/>/g;

type Op =
  | { kind: "swap"; a: number; b: number }
  | { kind: "deleteCell"; a: number }
  | { kind: "duplicateCell"; a: number }
  | { kind: "deleteRow"; a: number }
  | { kind: "duplicateRow"; a: number }
  | { kind: "text"; a: number; text: string }
  | { kind: "number"; a: number; n: number }
  | { kind: "error"; a: number; e: string }
  | { kind: "unmerge"; a: number }
  | { kind: "merge"; top: number; left: number; h: number; w: number }
  | { kind: "cut"; at: number };

const LABELS = [
  "分值",
  "得分",
  "总分",
  "合计",
  "执行率",
  "全年预算数",
  "一级指标",
  "项目名称",
  "等级",
  "=SUM(G14:G21)",
  "+1+1",
  "@SUM(1)",
  "",
  " ",
  "无",
  "—",
];

const text = fc.oneof(
  fc.constantFrom(...LABELS),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 })
);

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("swap" as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant("deleteCell" as const), a: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateCell" as const), a: fc.nat() }),
  fc.record({ kind: fc.constant("deleteRow" as const), a: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateRow" as const), a: fc.nat() }),
  fc.record({ kind: fc.constant("text" as const), a: fc.nat(), text }),
  fc.record({ kind: fc.constant("number" as const), a: fc.nat(), n: fc.double({ noNaN: false }) }),
  fc.record({
    kind: fc.constant("error" as const),
    a: fc.nat(),
    e: fc.constantFrom("#DIV/0!", "#N/A", "#VALUE!", "#REF!"),
  }),
  fc.record({ kind: fc.constant("unmerge" as const), a: fc.nat() }),
  fc.record({
    kind: fc.constant("merge" as const),
    top: fc.nat({ max: 60 }),
    left: fc.nat({ max: 12 }),
    h: fc.integer({ min: 1, max: 30 }),
    w: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() })
);

const mutation = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  sheet: fc.nat(),
  ops: fc.array(op, { minLength: 1, maxLength: 6 }),
});

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function colName(c: number): string {
  let n = c + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Replaces the match at index `i mod count` of `re` by f(match); unchanged when nothing matches. */
function atMatch(xml: string, re: RegExp, i: number, f: (m: string) => string): string {
  const all = [...xml.matchAll(re)];
  if (all.length === 0) return xml;
  const m = all[i % all.length];
  return xml.slice(0, m.index!) + f(m[0]) + xml.slice(m.index! + m[0].length);
}

function refOf(cell: string): string {
  return /<c r="([A-Z]+\d+)"/.exec(cell)![1];
}

function apply(xml: string, o: Op): string {
  switch (o.kind) {
    case "swap": {
      // Two cells trade contents (each keeps its own address).
      const all = [...xml.matchAll(CELL)];
      if (all.length < 2) return xml;
      const a = all[o.a % all.length][0];
      const b = all[o.b % all.length][0];
      const moved = (from: string, to: string) =>
        from.replace(/^<c r="[A-Z]+\d+"/, `<c r="${refOf(to)}"`);
      return xml.replace(a, "\u0000A").replace(b, moved(a, b)).replace("\u0000A", moved(b, a));
    }
    case "deleteCell":
      return atMatch(xml, CELL, o.a, () => "");
    case "duplicateCell":
      return atMatch(xml, CELL, o.a, (m) => m + m);
    case "deleteRow":
      return atMatch(xml, ROW, o.a, () => "");
    case "duplicateRow":
      return atMatch(xml, ROW, o.a, (m) => m + m);
    case "text":
      return atMatch(
        xml,
        CELL,
        o.a,
        (m) =>
          `<c r="${refOf(m)}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(o.text)}</t></is></c>`
      );
    case "number":
      return atMatch(xml, CELL, o.a, (m) => `<c r="${refOf(m)}"><v>${String(o.n)}</v></c>`);
    case "error":
      return atMatch(xml, CELL, o.a, (m) => `<c r="${refOf(m)}" t="e"><v>${o.e}</v></c>`);
    case "unmerge":
      return atMatch(xml, MERGE, o.a, () => "");
    case "merge": {
      const ref = `${colName(o.left)}${o.top + 1}:${colName(o.left + o.w - 1)}${o.top + o.h}`;
      return xml.includes("</mergeCells>")
        ? xml.replace("</mergeCells>", `<mergeCell ref="${ref}"/></mergeCells>`)
        : xml.replace(
            "</sheetData>",
            `</sheetData><mergeCells><mergeCell ref="${ref}"/></mergeCells>`
          );
    }
    case "cut":
      // The part ends anywhere: that sheet cannot be read, the others can.
      return xml.slice(0, o.at % xml.length);
  }
}

function mutate(m: { seed: number; sheet: number; ops: Op[] }): Buffer {
  const parts = new Map(seeds[m.seed]);
  const sheets = [...parts.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const name = sheets[m.sheet % sheets.length];
  let xml = parts.get(name)!.toString("utf8");
  for (const o of m.ops) xml = apply(xml, o);
  parts.set(name, Buffer.from(xml, "utf8"));
  return zipParts(parts);
}

/** stderr lines of a read failure: the file, or some of its sheets, could not be read. */
const READ_FAILURE = /无法读取/;

let dir: string;
beforeAll(() => {
  ensureCliBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-fuzz-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("fuzz: mutated seed workbooks", () => {
  it(`${RUNS} mutations check without a crash, within the bound, one line on exit 2; fill is idempotent`, async () => {
    let iteration = 0;
    let slowest = 0;
    const codes = [0, 0, 0];
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const file = path.join(dir, `m${iteration % 4}.xlsx`);
        fs.writeFileSync(file, mutate(m));
        const out: string[] = [];
        const err: string[] = [];
        const t0 = Date.now();
        const code = await main(["check", "--json", file], {
          out: (t) => out.push(t),
          err: (l) => err.push(l),
        });
        const ms = Date.now() - t0;
        slowest = Math.max(slowest, ms);
        expect([0, 1, 2]).toContain(code);
        codes[code]++;
        expect(ms).toBeLessThan(WALL_MS);
        // The JSON report is always printed, and parses.
        expect(() => JSON.parse(out.join(""))).not.toThrow();
        if (code === 2) {
          expect(err).toHaveLength(1);
          expect(err[0]).toMatch(READ_FAILURE);
          expect(err[0]).not.toMatch(/\n/);
        } else expect(err).toEqual([]);
        // Fill: never the input changed; on its own output, nothing more to write.
        const before = fs.readFileSync(file);
        const filled = path.join(dir, `f${iteration % 4}.xlsx`);
        const again = path.join(dir, `g${iteration % 4}.xlsx`);
        fs.rmSync(filled, { force: true });
        fs.rmSync(again, { force: true });
        const fillErr: string[] = [];
        const sink = { out: () => undefined, err: (l: string) => fillErr.push(l) };
        const fillCode = await main(["fill", file, "-o", filled], sink);
        expect(fs.readFileSync(file).equals(before)).toBe(true);
        expect([0, 2]).toContain(fillCode);
        if (fillCode === 2) expect(fillErr).toHaveLength(1);
        if (fillCode === 0 && fs.existsSync(filled)) {
          const secondOut: string[] = [];
          const second = await main(["fill", filled, "-o", again], {
            out: (t) => secondOut.push(t),
            err: () => undefined,
          });
          expect(second).toBe(0);
          if (fs.existsSync(again))
            throw new Error(`a second fill wrote again:\n${secondOut.join("")}`);
        }
        if (iteration++ % CLI_EVERY === 0) {
          const r = await runCli(["check", file]);
          expect(r.code).toBe(code);
          if (r.code === 2) expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
        }
      }),
      { seed: 20261130, numRuns: RUNS, endOnFailure: true }
    );
    process.stdout.write(
      `fuzz: ${RUNS} mutations, exit codes 0/1/2: ${codes.join("/")}, slowest check ${slowest} ms\n`
    );
  });
});
