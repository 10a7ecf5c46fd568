/**
 * Where the pane gets its Office host. The Office.js adapter lives in src/hosts/office (the only
 * place Office.js is used); this factory keeps the pane's import of it in one spot.
 */
import type { WorkbookHost } from "../hosts/host";
import { OfficeHost } from "../hosts/office";
import { pickLocale } from "./i18n";

export interface OfficeHostOptions {
  /** Office's display language as a BCP 47 tag ("zh-CN", "en-US"); notes are written in it. */
  language: string;
}

/** The Office host for the workbook Excel has open (notes in English when Office runs in English). */
export function createOfficeHost(options: OfficeHostOptions): WorkbookHost | null {
  return new OfficeHost({ language: pickLocale(options.language) === "en-US" ? "en" : "zh" });
}
