import { RangePos, toA1 } from "../../engine/grid/a1";
import { CellValue } from "../../engine/grid/snapshot";
import { CellBefore } from "../../engine/state/schema";
import { parseAreaList, parseSheetRange } from "./address";
import { groupIntoBlocks, mergeBlocks } from "./blocks";

/**
 * Queuing reads of individual cells (what a cell holds before we write it, or what it holds now
 * before we put it back) and queuing the writes that restore a cell. Nothing here syncs: the
 * caller decides when the batch goes to Excel.
 */

export type NoteApi = "notes" | "comments" | "none";

export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

export function cellKey(sheet: string, row: number, col: number): string {
  return `${sheet}\u0000${row},${col}`;
}

/** What a cell holds now, with the object behind its note (to edit or delete it). */
export interface CellNow {
  value: CellValue;
  formula: string | null;
  numberFormat: string | null;
  /** "#RRGGBB" or null for no fill. */
  fill: string | null;
  note: string | null;
  noteObject: Excel.Note | Excel.Comment | null;
  /** Position in a merged area: a write to an "inside" cell would fail or land elsewhere. */
  merge: "none" | "topLeft" | "inside";
}

/** Office "" (an empty cell) → null; everything else as is. */
export function plainValue(v: unknown): CellValue {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

export function plainFormula(f: unknown): string | null {
  return typeof f === "string" && f.startsWith("=") ? f : null;
}

/** "General" is the absence of a format: null, as the ExcelJS host reports it. */
export function plainNumberFormat(f: unknown): string | null {
  return typeof f === "string" && f !== "" && f !== "General" ? f : null;
}

export function plainFill(color: unknown, pattern: unknown): string | null {
  if (pattern === "None" || typeof color !== "string" || color === "") return null;
  return color.toUpperCase();
}

/** "FFFFE699" (ARGB) or "#FFE699" → "#FFE699". */
export function argbToHex(argb: string): string {
  const s = argb.replace(/^#/, "").toUpperCase();
  return `#${s.length === 8 ? s.slice(2) : s}`;
}

/** Comments (ExcelApi 1.10) located by cell: loading the list, then each one's location. */
export class CommentIndex {
  private readonly list: Excel.CommentCollection;
  private locations: { comment: Excel.Comment; range: Excel.Range }[] = [];

  constructor(ctx: Excel.RequestContext) {
    this.list = ctx.workbook.comments;
    this.list.load("items/id,items/content");
  }

  /** After the list is loaded: queues each comment's location. True when there is something to sync. */
  queueLocations(): boolean {
    this.locations = this.list.items.map((comment) => {
      const range = comment.getLocation();
      range.load("address");
      return { comment, range };
    });
    return this.locations.length > 0;
  }

  /** After the locations are loaded. */
  byCell(): Map<string, Excel.Comment> {
    const out = new Map<string, Excel.Comment>();
    for (const { comment, range } of this.locations) {
      const { sheet, range: r } = parseSheetRange(range.address);
      if (sheet !== null) out.set(cellKey(sheet, r.top, r.left), comment);
    }
    return out;
  }
}

interface BlockRead {
  sheet: string;
  block: RangePos;
  range: Excel.Range;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  merges: Excel.RangeAreas[];
}

/**
 * Queues the reads of a set of cells: values, formulas and number formats per contiguous block,
 * fills through getCellProperties on the same blocks, notes per cell (notes API), merged areas
 * per block when asked. `read()` after the sync gives each cell's CellNow.
 */
export class CellReads {
  private readonly blocks: BlockRead[] = [];
  private readonly notes = new Map<string, Excel.Note>();

  constructor(
    wsOf: (sheet: string) => Excel.Worksheet,
    cells: readonly CellRef[],
    private readonly noteApi: NoteApi,
    withMerges: boolean,
    mergeAreaLimit = 512
  ) {
    const bySheet = new Map<string, CellRef[]>();
    for (const c of cells) {
      const list = bySheet.get(c.sheet) ?? [];
      list.push(c);
      bySheet.set(c.sheet, list);
    }
    for (const [sheet, list] of bySheet) {
      const ws = wsOf(sheet);
      for (const b of groupIntoBlocks(
        list.map((c) => ({ row: c.row, col: c.col, payload: null }))
      )) {
        const range = ws.getRangeByIndexes(
          b.top,
          b.left,
          b.bottom - b.top + 1,
          b.right - b.left + 1
        );
        range.load("values,formulas,numberFormat");
        const props = range.getCellProperties({ format: { fill: { color: true, pattern: true } } });
        const merges: Excel.RangeAreas[] = [];
        if (withMerges) {
          for (const piece of mergeBlocks(b, mergeAreaLimit)) {
            const areas = ws
              .getRangeByIndexes(
                piece.top,
                piece.left,
                piece.bottom - piece.top + 1,
                piece.right - piece.left + 1
              )
              .getMergedAreasOrNullObject();
            areas.load("address");
            merges.push(areas);
          }
        }
        this.blocks.push({
          sheet,
          block: { top: b.top, left: b.left, bottom: b.bottom, right: b.right },
          range,
          props,
          merges,
        });
      }
      if (this.noteApi === "notes") {
        for (const c of list) {
          const note = ws.notes.getItemOrNullObject(toA1(c.row, c.col));
          note.load("content");
          this.notes.set(cellKey(sheet, c.row, c.col), note);
        }
      }
    }
  }

  read(comments?: Map<string, Excel.Comment>): Map<string, CellNow> {
    const out = new Map<string, CellNow>();
    for (const br of this.blocks) {
      const merged: RangePos[] = [];
      for (const areas of br.merges)
        if (!areas.isNullObject) merged.push(...parseAreaList(areas.address));
      const values = br.range.values;
      const formulas = br.range.formulas;
      const formats = br.range.numberFormat;
      const props = br.props.value;
      for (let r = br.block.top; r <= br.block.bottom; r++) {
        for (let c = br.block.left; c <= br.block.right; c++) {
          const i = r - br.block.top;
          const j = c - br.block.left;
          const key = cellKey(br.sheet, r, c);
          const m = merged.find((a) => r >= a.top && r <= a.bottom && c >= a.left && c <= a.right);
          let note: string | null = null;
          let noteObject: Excel.Note | Excel.Comment | null = null;
          if (this.noteApi === "notes") {
            const n = this.notes.get(key);
            if (n && !n.isNullObject) {
              note = n.content;
              noteObject = n;
            }
          } else if (this.noteApi === "comments") {
            const cm = comments?.get(key);
            if (cm) {
              note = cm.content;
              noteObject = cm;
            }
          }
          const fill = props[i]?.[j]?.format?.fill;
          out.set(key, {
            value: plainValue(values[i]?.[j]),
            formula: plainFormula(formulas[i]?.[j]),
            numberFormat: plainNumberFormat(formats[i]?.[j]),
            fill: plainFill(fill?.color, fill?.pattern),
            note,
            noteObject,
            merge: !m ? "none" : m.top === r && m.left === c ? "topLeft" : "inside",
          });
        }
      }
    }
    return out;
  }
}

export function beforeOf(ref: CellRef, now: CellNow): CellBefore {
  return {
    sheet: ref.sheet,
    address: toA1(ref.row, ref.col),
    value: now.value,
    formula: now.formula,
    numberFormat: now.numberFormat,
    fill: now.fill,
    note: now.note,
  };
}

function sameValue(a: CellValue, b: CellValue): boolean {
  return (a ?? null) === (b ?? null);
}

/**
 * Writes a text into a cell as text: Excel parses what `values` receives as if typed ("10" would
 * become a number, "=x" a formula), so the cell is formatted as Text for the write and then given
 * its final number format (a format change leaves stored text as text).
 */
export function queueTextWrite(range: Excel.Range, text: string, finalFormat: string | null): void {
  range.numberFormat = [["@"]];
  range.values = [[text]];
  range.numberFormat = [[finalFormat ?? "General"]];
}

export interface RestoreParts {
  content: boolean;
  fill: boolean;
  note: boolean;
}

/**
 * Queues the writes that put one cell back to `target`, touching only what differs from `now`
 * (so an unchanged cell is not written at all and a patterned fill we never changed is kept).
 */
export function queueRestore(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  target: CellBefore,
  now: CellNow,
  parts: RestoreParts,
  noteApi: NoteApi
): boolean {
  let wrote = false;
  const range = () => ws.getRange(target.address);
  if (parts.content) {
    const nfDiffers = (now.numberFormat ?? "General") !== (target.numberFormat ?? "General");
    let nfDone = false;
    if (target.formula !== null) {
      if (now.formula !== target.formula) {
        range().formulas = [[target.formula]];
        wrote = true;
      }
    } else if (now.formula !== null || !sameValue(now.value, target.value)) {
      if (typeof target.value === "string") {
        queueTextWrite(range(), target.value, target.numberFormat);
        nfDone = true;
      } else {
        range().values = [[target.value === null ? "" : target.value]];
      }
      wrote = true;
    }
    if (nfDiffers && !nfDone) {
      range().numberFormat = [[target.numberFormat ?? "General"]];
      wrote = true;
    }
  }
  if (parts.fill && (now.fill ?? null) !== (target.fill ? target.fill.toUpperCase() : null)) {
    if (target.fill === null) range().format.fill.clear();
    else range().format.fill.color = target.fill;
    wrote = true;
  }
  if (parts.note && noteApi !== "none" && (now.note ?? null) !== (target.note ?? null)) {
    if (target.note === null) {
      now.noteObject?.delete();
    } else if (now.noteObject) {
      now.noteObject.content = target.note;
    } else if (noteApi === "notes") {
      ctx.workbook.notes.add(range(), target.note);
    } else {
      ctx.workbook.comments.add(range(), target.note);
    }
    wrote = true;
  }
  return wrote;
}
