/**
 * `selfeval strip`: the _selfeval state sheet (journal, ignored findings, marks, rule set) goes,
 * or stays with the rule set only (--keep-rules); its texts leave the shared strings too; every
 * other part is byte-identical; the summary says what went.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { decodeState, encodeState, WorkbookState } from "../../src/engine/state";
import { readXlsxFast } from "../../src/hosts/exceljs/xlsx-fast";
import { openZip } from "../../src/hosts/xlsx-package/zip";
import { ensureCliBuilt, REPO, runCli } from "./harness";

jest.setTimeout(120_000);

let tmp: string;
let withState: string;
const STATE: WorkbookState = {
  version: 1,
  journal: [
    {
      id: "j1",
      at: "2026-01-01T00:00:00Z",
      action: "fill",
      cells: [
        {
          sheet: "表",
          address: "B2",
          value: "旧值-机密-12345",
          formula: null,
          numberFormat: null,
          fill: null,
          note: null,
        },
      ],
    },
  ],
  suppressions: [
    {
      code: "DEVIATION_UNEXPLAINED",
      sheet: "表",
      cell: "I12",
      reason: "审核人的理由-XYZ",
      at: "2026-01-01",
    },
  ],
  marks: [{ sheet: "表", address: "I12", fill: null, note: null }],
  rules: { expectedTotalWeight: 110 },
};

beforeAll(async () => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-strip-"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("表");
  ws.getCell("A1").value = "保留的文字";
  ws.getCell("B2").value = 42;
  const st = wb.addWorksheet("_selfeval", { state: "veryHidden" });
  encodeState(STATE).forEach((row, i) => (st.getCell(i + 1, 1).value = row[0]));
  wb.addWorksheet("后面的表").getCell("A1").value = "也保留";
  withState = path.join(tmp, "with-state.xlsx");
  await wb.xlsx.writeFile(withState);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function parts(file: string): Map<string, Buffer> {
  const zip = openZip(fs.readFileSync(file));
  return new Map(zip.entries.map((e) => [e.name, zip.read(e.name)]));
}

test("removes the state sheet and its texts; everything else stays byte for byte", async () => {
  const out = path.join(tmp, "stripped.xlsx");
  const r = await runCli(["strip", withState, "-o", out]);
  expect(r).toMatchObject({ code: 0, stderr: "" });
  expect(r.stdout).toContain("删除状态表 _selfeval");
  expect(r.stdout).toContain("操作记录 1 条");
  expect(r.stdout).toContain("已忽略的问题 1 条");
  const a = parts(withState);
  const b = parts(out);
  const all = [...b.values()].map((x) => x.toString("utf8")).join("\n");
  for (const secret of ["旧值-机密-12345", "审核人的理由-XYZ", "selfeval-state"])
    expect(all).not.toContain(secret);
  // (docProps/app.xml keeps its list of sheet titles as written: a name, no data.)
  expect(b.get("xl/workbook.xml")!.toString("utf8")).not.toContain("_selfeval");
  for (const [name, bytes] of a) {
    if (!b.has(name)) {
      expect(name).toMatch(/sheet2\.xml/);
      continue;
    }
    if (!b.get(name)!.equals(bytes))
      expect(name).toMatch(
        /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|xl\/sharedStrings\.xml)$/
      );
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["表", "后面的表"]);
  expect(wb.getWorksheet("表")!.getCell("A1").value).toBe("保留的文字");
  expect(wb.getWorksheet("后面的表")!.getCell("A1").value).toBe("也保留");
  // The input is untouched, and a second strip finds nothing to remove.
  expect(parts(withState).size).toBe(a.size);
  const again = await runCli(["strip", out, "-o", path.join(tmp, "again.xlsx")]);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("没有助手数据");
  expect(fs.existsSync(path.join(tmp, "again.xlsx"))).toBe(false);
});

test("--keep-rules keeps the state sheet with the rule set only", async () => {
  const out = path.join(tmp, "rules-only.xlsx");
  const r = await runCli(["strip", withState, "-o", out, "--keep-rules", "--lang", "en"]);
  expect(r).toMatchObject({ code: 0, stderr: "" });
  expect(r.stdout).toContain("kept the rule set");
  expect(r.stdout).toContain("removed 1 journal entries");
  const read = readXlsxFast(fs.readFileSync(out), { skip: ["_selfeval"], stateSheet: "_selfeval" });
  const decoded = decodeState(read.stateColumn!);
  expect(decoded).toMatchObject({
    ok: true,
    state: { journal: [], suppressions: [], marks: [], rules: { expectedTotalWeight: 110 } },
  });
  const all = [...parts(out).values()].map((x) => x.toString("utf8")).join("\n");
  expect(all).not.toContain("旧值-机密-12345");
  expect(all).not.toContain("审核人的理由-XYZ");
});

test("refusals: an existing output without --force; the output may not be the input", async () => {
  const out = path.join(tmp, "exists.xlsx");
  fs.writeFileSync(out, "x");
  const r = await runCli(["strip", withState, "-o", out]);
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(fs.readFileSync(out, "utf8")).toBe("x");
  const same = await runCli(["strip", withState, "-o", withState, "--force"]);
  expect(same.code).toBe(2);
  const noOut = await runCli(["strip", withState]);
  expect(noOut.code).toBe(2);
  expect(noOut.stderr).toContain("strip 需要用 -o 指定输出文件");
});

test("a macro workbook keeps .xlsm: fill to an .xlsx name is refused in one line", async () => {
  const input = path.join(REPO, "tests/fixtures/writers/openpyxl-macro.xlsm");
  const out = path.join(tmp, "macro.xlsx");
  const r = await runCli(["fill", input, "-o", out]);
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toContain(".xlsm");
  expect(fs.existsSync(out)).toBe(false);
});
