import { detectTables } from "./detect/detect";
import { Grid, SheetSnapshot } from "./grid/snapshot";
import { familiesFor } from "./families/catalog";
import { Finding } from "./model/finding";
import { AssessmentTable } from "./model/table";
import { runRules } from "./rules/rule";
import { ALL_RULES } from "./rules";
import { tableNotFound } from "./rules/table-not-found";
import { EngineSettings, EngineSettingsInput, resolveSettings } from "./settings";

export interface TableReport {
  table: AssessmentTable;
  findings: Finding[];
}

export interface SheetReport {
  sheet: string;
  tables: TableReport[];
  /** Sheet-level findings (TABLE_NOT_FOUND). */
  findings: Finding[];
}

export interface AnalyzeOptions {
  settings?: EngineSettingsInput | EngineSettings;
}

export { familiesFor };

/** What detectTables takes under a rule set (the name hosts have always used). */
export const matcherFor = familiesFor;

export function analyzeSheet(snapshot: SheetSnapshot, options: AnalyzeOptions = {}): SheetReport {
  const settings = resolveSettings(options.settings);
  return analyzeGrid(new Grid(snapshot), settings);
}

export function analyzeGrid(grid: Grid, settings: EngineSettings): SheetReport {
  const tables = detectTables(grid, matcherFor(settings)).map((table) => ({
    table,
    findings: runRules(ALL_RULES, table, settings),
  }));
  const findings: Finding[] = [];
  if (tables.length === 0) {
    findings.push(tableNotFound(grid.sheetName));
  }
  return { sheet: grid.sheetName, tables, findings };
}

/** Analyses every sheet; the settings are resolved once for the whole workbook. */
export function analyzeWorkbook(
  snapshots: Iterable<SheetSnapshot>,
  options: AnalyzeOptions = {}
): SheetReport[] {
  const settings = resolveSettings(options.settings);
  const out: SheetReport[] = [];
  for (const s of snapshots) out.push(analyzeGrid(new Grid(s), settings));
  return out;
}
