/**
 * Which transcribed tables go where: the three seed workbooks, their sheets, the position of
 * every table, the notes real sheets carry above a table, and the one table with an extra empty
 * column. Rendering itself is in seed-layout.ts.
 */
import ExcelJS from "exceljs";
import type { SeedDocument, SeedTable } from "./seed-model";
import { PlacedTable, renderTable } from "./seed-layout";

/** Fixed document properties so that regenerating gives the same workbook. */
export const FIXED_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));
export const CREATOR = "绩效自评表助手 seed builder";

/** A note cell near a table, relative to the table's title row and left column. */
interface NoteSpec {
  /** Rows above the title row (1 = the row right above it). */
  above: number;
  /** Logical column 0..8 of the table. */
  col: number;
  text: string | ((t: SeedTable) => string);
  align: "left" | "right" | "center";
  /** Merge the note across logical columns col..mergeTo. */
  mergeTo?: number;
  bold?: boolean;
}

interface Placement {
  id: string;
  /** Column of the table's left edge (1-based); default 1 (A). */
  col?: number;
  /** Title row of the first table on a sheet (1-based); default 1. */
  row?: number;
  /** Blank rows between the previous table (incl. its footnotes) and this one's first row (notes included). */
  gap?: number;
  extraEmptyColumn?: boolean;
  notes?: NoteSpec[];
}

interface SheetPlan {
  /** Fixed name, or derived from the (only) table's project name when absent. */
  name?: string;
  coverLines?: string[];
  tables: Placement[];
}

interface WorkbookPlan {
  file: string;
  /** Which transcription (seeds/source/<doc>.json) it draws on. */
  doc: string;
  sheets: SheetPlan[];
}

export interface BuiltWorkbook {
  file: string;
  doc: string;
  workbook: ExcelJS.Workbook;
  placed: PlacedTable[];
}

const headerValue = (t: SeedTable, label: string): string =>
  t.header.find(([l]) => l.replace(/\s+/g, "") === label)?.[1] ?? "";
const UNIT_NOTE: NoteSpec = { above: 1, col: 8, text: "单位：万元", align: "right" };

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** The 2023 Beijing bureau: one table per sheet, a few at an offset with notes above. */
function beijing2023(doc: SeedDocument): WorkbookPlan {
  const offsets: Record<number, Omit<Placement, "id">> = {
    5: { row: 3, col: 2, notes: [UNIT_NOTE] },
    12: {
      row: 2,
      col: 3,
      notes: [{ above: 1, col: 0, text: (t) => headerValue(t, "主管部门"), align: "left" }],
    },
    17: {
      row: 4,
      col: 1,
      notes: [
        {
          above: 3,
          col: 0,
          mergeTo: 8,
          text: (t) => headerValue(t, "主管部门"),
          align: "center",
          bold: true,
        },
        { ...UNIT_NOTE, above: 1 },
      ],
    },
  };
  return {
    file: "beijing-2023.xlsx",
    doc: "001",
    sheets: doc.tables.map((t, i) => ({ tables: [{ id: t.id, ...(offsets[i + 1] ?? {}) }] })),
  };
}

/** The 2020 Beijing centre: 15 tables stacked on two sheets, one with an extra empty column. */
function beijing2020(doc: SeedDocument): WorkbookPlan {
  const id = (n: number): string => `${doc.tables[0]?.id.split("-")[0] ?? "000"}-${pad2(n)}`;
  const sheet1: Placement[] = [];
  for (let n = 1; n <= 8; n++)
    sheet1.push({ id: id(n), gap: n % 2 === 0 ? 3 : 2, ...(n === 4 ? { col: 2 } : {}) });
  const sheet2: Placement[] = [];
  for (let n = 9; n <= 15; n++)
    sheet2.push({
      id: id(n),
      gap: n % 2 === 0 ? 2 : 3,
      ...(n === 10 ? { extraEmptyColumn: true } : {}),
    });
  const present = new Set(doc.tables.map((t) => t.id));
  return {
    file: "beijing-2020-stacked.xlsx",
    doc: "000",
    sheets: [
      {
        name: "说明",
        coverLines: [
          "丰台区人力资源公共服务中心2020年度项目支出绩效自评表",
          "",
          "本工作簿收录2020年度部门决算第四部分的项目支出绩效自评表，共15张：",
          "“自评表(一)”工作表：第1—8张；“自评表(二)”工作表：第9—15张。",
          "金额单位：万元。",
          "执行率 = 全年执行数 / 全年预算数；总分 = 资金执行得分 + 各项绩效指标得分。",
        ],
        tables: [],
      },
      { name: "自评表(一)", tables: sheet1.filter((p) => present.has(p.id)) },
      { name: "自评表(二)", tables: sheet2.filter((p) => present.has(p.id)) },
    ],
  };
}

/** The 2020 Hunan bureau: the department table, two project tables stacked, three alone. */
function hunan2020(doc: SeedDocument): WorkbookPlan {
  const t = doc.tables;
  const sheets: SheetPlan[] = [];
  if (t[0])
    sheets.push({
      name: "部门整体",
      tables: [
        { id: t[0].id, notes: [{ above: 1, col: 0, text: "附件1", align: "left" }], row: 2 },
      ],
    });
  const pair = t.slice(1, 3);
  if (pair.length)
    sheets.push({ name: "项目(1-2)", tables: pair.map((x, i) => ({ id: x.id, gap: 2 + i })) });
  for (const x of t.slice(3)) sheets.push({ tables: [{ id: x.id }] });
  return { file: "hunan-2020.xlsx", doc: "004", sheets };
}

const FORBIDDEN = /[[\]:*?/\\]/g;

/** A short sheet name derived from a project name, unique within `used` (case-insensitive, as Excel compares). */
export function sheetNameFor(projectName: string, used: Set<string>, maxLen = 31): string {
  let base = projectName
    .replace(/\s+/g, "")
    .replace(/^\d{4}年(度)?/, "")
    .replace(FORBIDDEN, "")
    .replace(/^'+|'+$/g, "");
  if (base === "" || base.toLowerCase() === "history") base = "自评表";
  base = Array.from(base).slice(0, maxLen).join("");
  let name = base;
  for (let k = 2; used.has(name.toLowerCase()); k++)
    name = `${Array.from(base)
      .slice(0, 31 - 4)
      .join("")}(${k})`;
  used.add(name.toLowerCase());
  return name;
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastPrinted = FIXED_DATE;
  return wb;
}

function addSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    properties: { defaultRowHeight: 15 },
  });
}

function writeNote(
  ws: ExcelJS.Worksheet,
  note: NoteSpec,
  t: SeedTable,
  titleRow: number,
  left: number
): void {
  const r = titleRow - note.above;
  const c = left + note.col;
  const cell = ws.getCell(r, c);
  cell.value = typeof note.text === "string" ? note.text : note.text(t);
  cell.font = { name: "宋体", size: note.bold ? 12 : 10, bold: !!note.bold };
  cell.alignment = { horizontal: note.align, vertical: "middle" };
  if (note.mergeTo !== undefined) ws.mergeCells(r, c, r, left + note.mergeTo);
}

function build(plan: WorkbookPlan, doc: SeedDocument): BuiltWorkbook {
  const byId = new Map(doc.tables.map((t) => [t.id, t]));
  const wb = newWorkbook();
  const placed: PlacedTable[] = [];
  const used = new Set<string>();
  for (const sp of plan.sheets) {
    const first = sp.tables[0] ? byId.get(sp.tables[0].id) : undefined;
    let name: string;
    if (sp.name) {
      name = sp.name;
      used.add(name.toLowerCase());
    } else {
      const pn =
        first?.header.find(([l]) => /^(项目名称|专项名称)$/.test(l.replace(/\s+/g, "")))?.[1] ??
        first?.id ??
        "自评表";
      name = sheetNameFor(pn, used);
    }
    const ws = addSheet(wb, name);
    if (sp.coverLines) {
      ws.getColumn(1).width = 90;
      sp.coverLines.forEach((line, i) => {
        const cell = ws.getCell(i + 1, 1);
        if (line !== "") cell.value = line;
        cell.font = { name: "宋体", size: i === 0 ? 14 : 11, bold: i === 0 };
      });
    }
    let nextFree = 1; // first row after the previous table (incl. footnotes)
    for (const pl of sp.tables) {
      const t = byId.get(pl.id);
      if (!t) throw new Error(`${plan.file}: table ${pl.id} is not in ${doc.source}`);
      const notesAbove = Math.max(0, ...(pl.notes ?? []).map((n) => n.above));
      const titleRow =
        pl.row ?? (nextFree === 1 ? 1 + notesAbove : nextFree + (pl.gap ?? 2) + notesAbove);
      if (titleRow - notesAbove < nextFree)
        throw new Error(`${plan.file}/${name}: ${pl.id} would overlap the table above`);
      const left = pl.col ?? 1;
      for (const note of pl.notes ?? []) writeNote(ws, note, t, titleRow, left);
      const p = renderTable(
        ws,
        t,
        { row: titleRow, col: left },
        { extraEmptyColumn: pl.extraEmptyColumn }
      );
      placed.push(p);
      nextFree = Number(/(\d+)$/.exec(p.occupied)![1]) + 1;
    }
  }
  return { file: plan.file, doc: plan.doc, workbook: wb, placed };
}

/** Builds every workbook whose transcription is available in `docs` (keyed "000", "001", "004"). */
export function buildWorkbooks(docs: Partial<Record<string, SeedDocument>>): BuiltWorkbook[] {
  const out: BuiltWorkbook[] = [];
  const plans: [string, (d: SeedDocument) => WorkbookPlan][] = [
    ["001", beijing2023],
    ["000", beijing2020],
    ["004", hunan2020],
  ];
  for (const [key, planFor] of plans) {
    const doc = docs[key];
    if (doc) out.push(build(planFor(doc), doc));
  }
  return out;
}
