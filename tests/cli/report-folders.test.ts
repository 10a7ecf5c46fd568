/**
 * A reviewer's folder as it arrives: .xlsx, .xlsm, legacy .xls, WPS .et (BIFF8 and WPS's own
 * format), a format we do not read and a file that is not a workbook. Every file is reported —
 * checked, or why not — and the .xls checks exactly as the .xlsx it was saved from.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as XLSX from "@e965/xlsx";
import { JsonReport } from "../../src/cli/report-json";
import { ensureCliBuilt, REPO, runCli, SEEDS } from "./harness";

jest.setTimeout(300_000);

const LEGACY = path.join(REPO, "tests/fixtures/legacy");
let tmp: string;
let dir: string;

beforeAll(() => {
  ensureCliBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-folders-"));
  dir = path.join(tmp, "收件");
  fs.mkdirSync(path.join(dir, "子目录"), { recursive: true });
  fs.copyFileSync(path.join(LEGACY, "beijing-2023.xls"), path.join(dir, "a.xls"));
  fs.copyFileSync(path.join(LEGACY, "hunan-2020.xls"), path.join(dir, "b.ET"));
  fs.copyFileSync(path.join(SEEDS, "hunan-2020.xlsx"), path.join(dir, "c.xlsx"));
  fs.copyFileSync(
    path.join(SEEDS, "beijing-2020-stacked.xlsx"),
    path.join(dir, "子目录", "d.XLSM")
  );
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, "/WpsSheetData", Buffer.from("WPS"));
  fs.writeFileSync(path.join(dir, "e.et"), XLSX.CFB.write(cfb, { type: "buffer" }));
  fs.writeFileSync(path.join(dir, "f.xlsb"), "binary workbook");
  fs.writeFileSync(path.join(dir, "说明.pdf"), "%PDF-1.4");
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("check on a mixed folder", () => {
  it("checks .xlsx .xlsm .xls .et (any case) and names every other file; an unsupported one is exit 2", async () => {
    const r = await runCli(["check", "--json", dir]);
    expect(r.code).toBe(2);
    const rep = JSON.parse(r.stdout) as JsonReport;
    expect(rep.files.map((f) => path.relative(dir, f.file))).toEqual([
      "a.xls",
      "b.ET",
      "c.xlsx",
      "e.et",
      path.join("子目录", "d.XLSM"),
    ]);
    const byName = new Map(rep.files.map((f) => [path.basename(f.file), f]));
    for (const n of ["a.xls", "b.ET", "c.xlsx", "d.XLSM"]) {
      expect(byName.get(n)!.error).toBeUndefined();
      expect(byName.get(n)!.sheets.some((s) => s.tables.length > 0)).toBe(true);
    }
    expect(byName.get("e.et")!.error).toMatch(/WPS.*另存为/);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines).toContain(
      `selfeval: ${path.join(dir, "f.xlsb")}：不支持的文件类型（.xlsb），未检查；请在 Excel 或 WPS 中另存为 .xlsx`
    );
    expect(lines).toContain(`selfeval: 文件夹 ${dir}：另有 1 个文件不是工作簿，未检查（说明.pdf）`);
    expect(lines.some((l) => l.includes("e.et") && l.includes("WPS"))).toBe(true);
    // the text report's total counts the unsupported file with the unreadable one
    const text = await runCli(["check", dir]);
    expect(text.stdout).toMatch(/合计：6 个文件，\d+ 张自评表；.*；2 个文件无法读取/);
  });

  it("the .xls saved from a seed reports exactly what the .xlsx does", async () => {
    for (const seed of ["beijing-2023", "hunan-2020"]) {
      const a = JSON.parse(
        (await runCli(["check", "--json", path.join(LEGACY, `${seed}.xls`)])).stdout
      ) as JsonReport;
      const b = JSON.parse(
        (await runCli(["check", "--json", path.join(SEEDS, `${seed}.xlsx`)])).stdout
      ) as JsonReport;
      expect(a.files[0].sheets.length).toBeGreaterThan(0);
      expect(a.files[0].sheets).toEqual(b.files[0].sheets);
    }
  });

  it("fill on a .xls writes a new .xlsx, says so, and a second fill plans nothing", async () => {
    const input = path.join(LEGACY, "beijing-2023.xls");
    const before = fs.readFileSync(input);
    const out = path.join(tmp, "filled.xlsx");
    const r = await runCli(["fill", input, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("是旧版格式（.xls/.et），输出将是新的 .xlsx 工作簿");
    expect(r.stdout).toMatch(/已写入 .*filled\.xlsx：\d+ 个单元格/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect([...fs.readFileSync(out).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    // the same cells as filling the .xlsx the .xls was saved from
    const modern = await runCli([
      "fill",
      path.join(SEEDS, "beijing-2023.xlsx"),
      "-o",
      path.join(tmp, "modern.xlsx"),
    ]);
    const written = (s: string) =>
      s
        .split("\n")
        .filter((l) => /^已写入|^ {2}/.test(l) && !l.includes("工作表"))
        .map((l) => l.replace(/已写入 \S+：/, ""));
    expect(written(r.stdout).slice(0, 6)).toEqual(written(modern.stdout).slice(0, 6));
    const again = await runCli(["fill", out, "-o", path.join(tmp, "again.xlsx")]);
    expect(again.stdout).toContain("无需写入任何内容");
    expect(fs.existsSync(path.join(tmp, "again.xlsx"))).toBe(false);
  });

  it("fill on a WPS-format .et is one line and exit 2, nothing written", async () => {
    const out = path.join(tmp, "never.xlsx");
    const r = await runCli(["fill", path.join(dir, "e.et"), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("另存为");
    expect(fs.existsSync(out)).toBe(false);
  });
});
