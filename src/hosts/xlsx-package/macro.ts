import { openZip } from "./zip";

const MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

/**
 * Whether a package is a macro-enabled workbook (its workbook part has the .xlsm content type):
 * such a package keeps working only under an .xlsm name.
 */
export function isMacroWorkbook(data: Buffer): boolean {
  try {
    const zip = openZip(data);
    const ct = zip.entries.find((e) => e.name === "[Content_Types].xml");
    return !!ct && zip.readText(ct.name).includes(MACRO_MAIN);
  } catch {
    return false;
  }
}

/** An output name that fits the package: a macro workbook must end in .xlsm. */
export function outputNameFits(data: Buffer, output: string): boolean {
  return !isMacroWorkbook(data) || /\.xlsm$/i.test(output);
}
