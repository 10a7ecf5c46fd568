/**
 * The browser preview and protection: typing into a protected sheet works in its unlocked input
 * cells and is refused, with the cell's address in Chinese, in a locked one (the grid shows that
 * message); structure protection is found in the package's workbook.xml, which ExcelJS ignores.
 */
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { buildTemplateLayout } from "../../src/engine/template";
import { HostError } from "../../src/hosts/host";
import { openWorkbookFromArrayBuffer } from "../../src/hosts/preview/preview-host";
import { structureProtectedIn } from "../../src/hosts/preview/protection";

const layout = buildTemplateLayout({ variant: "beijing", projects: 1, year: 2024 });
const TEMPLATE = layout.sheets[0];

async function blankHost() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("S").getCell("A1").value = 1;
  return openWorkbookFromArrayBuffer(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

describe("PreviewHost.editCell on a protected sheet", () => {
  test("an unlocked input takes the value; a locked cell is refused with its address", async () => {
    const host = await blankHost();
    const sheet = await host.insertTemplateSheet(TEMPLATE);
    const input = TEMPLATE.anchors.indicators[0].target;
    await host.editCell(sheet, input, "≥95%");
    expect(host.cellInfo(sheet, input).value).toBe("≥95%");

    const total = TEMPLATE.anchors.total.score;
    const before = host.cellInfo(sheet, total);
    const e = (await host.editCell(sheet, total, "100").catch((x: unknown) => x)) as HostError;
    expect(e).toBeInstanceOf(HostError);
    expect(e.kind).toBe("protected");
    expect(e.message_zh).toContain(`${sheet}!${total}`);
    expect(e.message_zh).toContain("已锁定");
    expect(host.cellInfo(sheet, total)).toEqual(before);
  });

  test("an unprotected sheet takes any cell", async () => {
    const host = await blankHost();
    await host.editCell("S", "B2", "5");
    expect(host.cellInfo("S", "B2").value).toBe(5);
  });
});

describe("structureProtectedIn", () => {
  const pkg = (workbookXml: string) =>
    zipSync({
      "xl/workbook.xml": strToU8(workbookXml),
      "[Content_Types].xml": strToU8("<Types/>"),
    });

  test("reads lockStructure from workbook.xml", () => {
    expect(
      structureProtectedIn(
        pkg('<workbook><workbookProtection lockStructure="1"/><sheets/></workbook>')
      )
    ).toBe(true);
    expect(
      structureProtectedIn(
        pkg('<x:workbook><x:workbookProtection lockStructure="true"/></x:workbook>')
      )
    ).toBe(true);
    expect(
      structureProtectedIn(pkg('<workbook><workbookProtection lockWindows="1"/></workbook>'))
    ).toBe(false);
    expect(structureProtectedIn(pkg("<workbook><sheets/></workbook>"))).toBe(false);
  });

  test("a package it cannot read is taken as unprotected", () => {
    expect(structureProtectedIn(new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
