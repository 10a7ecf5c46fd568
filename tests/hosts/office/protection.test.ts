/**
 * The Office host and protection, on the fake Excel: our template is protected again with the very
 * options it had, in the same batch as the write; a recorded template that has a password is
 * refused (up front where ExcelApiOnline tells, else when Excel refuses the unprotect — and then no
 * sheet is left unprotected); a read-only workbook and Office's error codes give plain Chinese.
 */
import { buildTemplateLayout } from "../../../src/engine/template";
import { STATE_SHEET } from "../../../src/engine/state/schema";
import { HostError } from "../../../src/hosts/host";
import { OfficeHost } from "../../../src/hosts/office";
import { toHostError } from "../../../src/hosts/office/errors";
import { FakeExcel, FakeOfficeError, FakeWorkbook, versionAtMost } from "./fake-excel";
import { highlight, plan, setup, storedState, write } from "./helpers";

const layout = buildTemplateLayout({ variant: "beijing", projects: 1, year: 2024 });
const TEMPLATE = layout.sheets[0];
const SCORE = TEMPLATE.anchors.indicators[0].score;
const TOTAL = TEMPLATE.anchors.total.score;

/** A host whose Office also reports ExcelApiOnline 1.1 (WorksheetProtection.isPasswordProtected). */
function onlineHost(wb: FakeWorkbook): OfficeHost {
  // Only requirement sets matter to the host here; a plain object will do.
  const office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          (name === "ExcelApi" && versionAtMost(version ?? "1.1", "1.20")) ||
          (name === "ExcelApiOnline" && version === "1.1"),
      },
    },
  } as unknown as typeof Office;
  return new OfficeHost({
    language: "zh",
    excel: new FakeExcel(wb) as unknown as typeof Excel,
    office,
  });
}

async function templateIn(host: OfficeHost): Promise<string> {
  return host.insertTemplateSheet(TEMPLATE, { rules: layout.rules });
}

/** No English words in Chinese text; product names, the state sheet and key names aside. */
function plainChinese(text: string): boolean {
  return !/[A-Za-z]{3,}/.test(text.replace(/_selfeval|Excel|Office|Enter|Esc/g, ""));
}

describe("OfficeHost on our protected template", () => {
  test("unprotect, write, protect again with the same options: one batch, the record in the state", async () => {
    const { wb, host } = setup([{ name: "S", rows: [[1]] }]);
    const sheet = await templateIn(host);
    expect(storedState(wb)?.ownProtection).toEqual([{ sheet }]);
    const options = { ...wb.sheet(sheet).protectionOptions };
    await host.readSheets([sheet]); // as the pane does: the write anchors from this read
    wb.writes = [];
    const syncsBefore = wb.syncCount;
    await host.applyPlan(
      plan(
        [write(sheet, SCORE, { value: 8 }), write(sheet, TOTAL, { formula: "=90" })],
        [highlight(sheet, TEMPLATE.anchors.indicators[0].explanation)]
      ),
      "applySuggestedScores"
    );
    expect(wb.syncCount - syncsBefore).toBe(2);
    const kinds = wb.writes.filter((w) => w.sheet === sheet).map((w) => w.kind);
    expect(kinds[0]).toBe("unprotect");
    expect(kinds[kinds.length - 1]).toBe("protect");
    expect(wb.sheet(sheet).protected).toBe(true);
    expect(wb.sheet(sheet).protectionOptions).toEqual(options);
    expect(wb.cellState(sheet, TOTAL).formula).toBe("=90");
    expect(storedState(wb)?.journal[0].reprotected).toEqual([sheet]);
  });

  test("given a password since: refused up front by name where Excel tells (ExcelApiOnline)", async () => {
    const wb = new FakeWorkbook([{ name: "S", rows: [[1]] }]);
    const host = onlineHost(wb);
    const sheet = await templateIn(host);
    wb.sheet(sheet).password = "secret";
    wb.writes = [];
    const e = (await host
      .applyPlan(plan([write(sheet, SCORE, { value: 8 })]), "fill")
      .catch((x: unknown) => x)) as HostError;
    expect(e).toBeInstanceOf(HostError);
    expect(e.kind).toBe("protected");
    expect(e.message_zh).toContain(`“${sheet}”`);
    expect(wb.writes).toEqual([]);
  });

  test("given a password since, without ExcelApiOnline: Excel refuses the unprotect, nothing stays unprotected", async () => {
    const { wb, host } = setup([{ name: "S", rows: [[1]] }]);
    const first = await templateIn(host);
    const second = await templateIn(host);
    wb.sheet(second).password = "secret";
    const before = wb.cellState(first, SCORE);
    const e = (await host
      .applyPlan(
        plan([write(first, SCORE, { value: 8 }), write(second, SCORE, { value: 8 })]),
        "fill"
      )
      .catch((x: unknown) => x)) as HostError;
    expect(e).toBeInstanceOf(HostError);
    expect(e.kind).toBe("protected");
    expect(e.message_zh).toContain("密码");
    expect(e.message_zh).toContain(`“${second}”`);
    expect(plainChinese(e.message_zh)).toBe(true);
    // The first sheet was unprotected in the failed batch and is protected again.
    expect(wb.sheet(first).protected).toBe(true);
    expect(wb.sheet(second).protected).toBe(true);
    expect(wb.cellState(first, SCORE)).toEqual(before);
    expect(storedState(wb)?.journal).toEqual([]);
  });

  test("a template sheet renamed since is not recognised: refused by its new name", async () => {
    const { wb, host } = setup([{ name: "S", rows: [[1]] }]);
    const sheet = await templateIn(host);
    wb.sheet(sheet).name = "改名";
    const e = (await host
      .applyPlan(plan([write("改名", SCORE, { value: 8 })]), "fill")
      .catch((x: unknown) => x)) as HostError;
    expect(e.kind).toBe("protected");
    expect(e.message_zh).toContain("“改名”");
    expect(wb.sheet("改名").protected).toBe(true);
  });
});

describe("OfficeHost: workbook structure and read-only", () => {
  test("the first ignore in a structure-protected workbook: plain Chinese, no sheet added", async () => {
    const { wb, host } = setup([{ name: "S", rows: [[1]] }]);
    wb.structureProtected = true;
    const e = (await host
      .writeState({ ...(await host.readState()), suppressions: [] })
      .catch((x: unknown) => x)) as HostError;
    expect(e.kind).toBe("protected");
    expect(e.message_zh).toContain("工作簿结构受保护");
    expect(plainChinese(e.message_zh)).toBe(true);
    expect(wb.findSheet(STATE_SHEET)).toBeUndefined();
  });

  test("with the state sheet there already, a protected structure does not matter", async () => {
    const { wb, host } = setup([{ name: "S", rows: [[1]] }]);
    await host.writeState(await host.readState());
    wb.structureProtected = true;
    await host.applyPlan(plan([write("S", "B1", { value: 2 })]), "fill");
    expect(wb.cellState("S", "B1").value).toBe(2);
  });

  test("a write refused in a read-only workbook says the workbook is read-only", async () => {
    const { wb, host } = setup([{ name: "S", rows: [[1]] }]);
    wb.readOnly = true;
    const excel = (host as unknown as { excelNs: { run: (...a: unknown[]) => unknown } }).excelNs;
    const run = excel.run.bind(excel);
    let calls = 0;
    // The write itself fails as Excel fails it; the explanation's own read goes through.
    excel.run = (...args: unknown[]) =>
      calls++ === 0
        ? Promise.reject(new FakeOfficeError("AccessDenied", "The workbook is read-only."))
        : (run(...args) as Promise<unknown>);
    const e = (await host
      .applyPlan(plan([write("S", "B1", { value: 2 })]), "fill")
      .catch((x: unknown) => x)) as HostError;
    expect(e.kind).toBe("protected");
    expect(e.message_zh).toContain("只读");
    expect(plainChinese(e.message_zh)).toBe(true);
  });
});

describe("Office error codes in plain Chinese", () => {
  test.each([
    "InvalidOperation",
    "InvalidOperationInCellEditMode",
    "AccessDenied",
    "ItemNotFound",
    "InvalidArgument",
    "GeneralException",
    "Conflict",
    "SomethingNew",
  ])("%s", (code) => {
    const e = toHostError(new FakeOfficeError(code, `${code}: The operation failed in Excel.`));
    expect(plainChinese(e.message_zh)).toBe(true);
    expect(e.message_zh).not.toContain("operation");
    expect(e.message_en.length).toBeGreaterThan(10);
  });
});
