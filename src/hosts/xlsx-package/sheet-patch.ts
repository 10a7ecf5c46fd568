/**
 * Writes cells into a worksheet part by splicing its XML text: only the `<c>` elements written
 * change (and the `<row>` that receives a new cell); every other byte of the part stays as it was.
 * Rows and cells missing from the part are created in row and column order.
 */
import { columnIndex, columnName, parseRange, RangePos } from "../../engine/grid/a1";
import {
  attr,
  elements,
  encodeOoxmlText,
  escapeText,
  findStartTag,
  innerOf,
  prefixOf,
  removeAttr,
  setAttr,
  StartTag,
} from "./xml-text";
import { PackageError } from "./errors";
// ExcelJS's own translation of a shared formula to another cell (relative references move, $ ones stay).

const { slideFormula } = require("exceljs/lib/utils/shared-formula") as {
  slideFormula: (formula: string, from: string, to: string) => string;
};

/** A cell as it is in the part. */
export interface SheetCell {
  row: number;
  col: number;
  start: number;
  end: number;
  tag: StartTag;
  /** Whether the cell's `r` attribute is written (cells may leave their position implicit). */
  explicit: boolean;
  /** The style index (0 when absent). */
  s: number;
}

interface SheetRow {
  row: number;
  start: number;
  end: number;
  tag: StartTag;
  explicit: boolean;
  cells: SheetCell[];
}

/**
 * Where every row of the part starts and ends, without its cells: one lean pass over sheetData.
 * A sheet can hold hundreds of thousands of rows (filler below a table) while a fill writes a few
 * dozen cells, so cells are read only in the rows asked for (SheetIndex.rowAt).
 */
interface RowSkeleton {
  /** 0-based row numbers, in document order. */
  rowNo: number[];
  start: number[];
  end: number[];
  /** Whether any row leaves its number implicit. */
  anyImplicit: boolean;
  /** Row numbers strictly ascending (then look-ups are binary searches). */
  ascending: boolean;
  /** Row number → its last position, when the rows are not ascending. */
  positions: Map<number, number> | null;
}

/** Where everything is in a worksheet part (0-based rows and columns). */
export class SheetIndex {
  readonly merges: RangePos[] = [];
  /** Offsets of the sheetData element's content. */
  readonly dataStart: number;
  readonly dataEnd: number;
  readonly prefix: string;
  private readonly dataSelfClosing: boolean;
  private readonly dataTag: StartTag;
  /** Column styles from <cols>: [min, max, style] (0-based columns). */
  private readonly colStyles: [number, number, number][] = [];
  private skeletonCache: RowSkeleton | null = null;
  /** Rows whose cells have been read, by position in the skeleton. */
  private readonly parsed = new Map<number, SheetRow>();
  private allRows: SheetRow[] | null = null;

  constructor(readonly xml: string) {
    const data = findStartTag(xml, ["sheetData"]);
    if (!data) throw new PackageError("no-sheet-data", "the worksheet has no <sheetData>");
    this.dataTag = data;
    this.prefix = prefixOf(data.qname);
    this.dataSelfClosing = data.selfClosing;
    this.dataStart = data.end;
    const close = data.selfClosing ? data.end : xml.indexOf(`</${data.qname}`, data.end);
    if (close < 0) throw new PackageError("malformed-part", "<sheetData> is not closed");
    this.dataEnd = close;

    // <cols> comes before <sheetData>: look only there (a search of the whole part would walk
    // every row of a sheet that has no <cols>). The prefix keeps the part's offsets.
    const head = xml.slice(0, data.start);
    const cols = findStartTag(head, ["cols"]);
    if (cols) {
      for (const el of elements(head, "col", cols.end)) {
        const t = el.tag.text;
        const style = Number(attr(t, "style") ?? 0);
        const min = Number(attr(t, "min"));
        const max = Number(attr(t, "max"));
        if (style && min >= 1 && max >= min) this.colStyles.push([min - 1, max - 1, style]);
      }
    }

    for (const el of elements(xml, "mergeCell", this.dataEnd)) {
      const ref = attr(el.tag.text, "ref");
      if (!ref) continue;
      try {
        this.merges.push(parseRange(ref));
      } catch {
        /* a reference we cannot read covers nothing we write */
      }
    }
  }

  /** Every row with its cells, in document order (reads the whole sheetData: for callers that walk every cell). */
  get rows(): SheetRow[] {
    if (this.allRows) return this.allRows;
    const sk = this.skeleton();
    const out: SheetRow[] = [];
    for (let i = 0; i < sk.rowNo.length; i++) out.push(this.rowAtPosition(i));
    return (this.allRows = out);
  }

  cell(row: number, col: number): SheetCell | null {
    return this.rowAt(row)?.cells.find((c) => c.col === col) ?? null;
  }

  /** The merge that covers (row, col) without starting there. */
  coveredBy(row: number, col: number): RangePos | null {
    for (const m of this.merges) {
      if (row < m.top || row > m.bottom || col < m.left || col > m.right) continue;
      if (row === m.top && col === m.left) return null;
      return m;
    }
    return null;
  }

  /** The style a new cell at (row, col) shows already: its row's, else its column's, else 0. */
  inheritedStyle(row: number, col: number): number {
    const r = this.rowAt(row);
    if (r && attr(r.tag.text, "customFormat") === "1") return Number(attr(r.tag.text, "s") ?? 0);
    for (const [min, max, style] of this.colStyles) if (col >= min && col <= max) return style;
    return 0;
  }

  /** The <f> element of a cell, or null. */
  formulaOf(cell: SheetCell): StartTag | null {
    if (cell.tag.selfClosing) return null;
    // Searched within the cell only: a cell without a formula must not send the search to the
    // next formula of the sheet, maybe 200,000 rows further.
    return findStartTag(this.xml.slice(0, cell.end), ["f"], cell.tag.end);
  }

  /** Internal: the text of a splice target. */
  get sheetDataTag(): StartTag {
    return this.dataTag;
  }
  get sheetDataSelfClosing(): boolean {
    return this.dataSelfClosing;
  }

  /** The row numbered `row` with its cells (of two rows with one number, the later), or undefined. */
  rowAt(row: number): SheetRow | undefined {
    const i = this.positionOf(row);
    return i < 0 ? undefined : this.rowAtPosition(i);
  }

  /** Whether some row leaves its number implicit (then no row can be added safely). */
  hasImplicitRow(): boolean {
    return this.skeleton().anyImplicit;
  }

  /** Where the first row (in document order) numbered after `row` starts, or null. */
  nextRowStart(row: number): number | null {
    const sk = this.skeleton();
    const n = sk.rowNo.length;
    if (sk.ascending) {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sk.rowNo[mid] > row) hi = mid;
        else lo = mid + 1;
      }
      return lo < n ? sk.start[lo] : null;
    }
    for (let i = 0; i < n; i++) if (sk.rowNo[i] > row) return sk.start[i];
    return null;
  }

  private positionOf(row: number): number {
    const sk = this.skeleton();
    if (!sk.ascending) return sk.positions!.get(row) ?? -1;
    let lo = 0;
    let hi = sk.rowNo.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = sk.rowNo[mid];
      if (r === row) return mid;
      if (r < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The rows' numbers and offsets, found on first use. */
  private skeleton(): RowSkeleton {
    if (this.skeletonCache) return this.skeletonCache;
    const xml = this.xml;
    const sk: RowSkeleton = {
      rowNo: [],
      start: [],
      end: [],
      anyImplicit: false,
      ascending: true,
      positions: null,
    };
    let prevRow = -1;
    let i = this.dataStart;
    for (;;) {
      const tag = rowTagAt(xml, i) ?? findStartTag(xml, ["row"], i);
      if (!tag || tag.start >= this.dataEnd) break;
      const end = closingEnd(xml, tag);
      if (end < 0) break;
      const r = rowNumberAttr(tag.text);
      const rowNo = r !== null && /^\d+$/.test(r) ? Number(r) - 1 : prevRow + 1;
      if (r === null) sk.anyImplicit = true;
      if (sk.rowNo.length > 0 && rowNo <= prevRow) sk.ascending = false;
      prevRow = rowNo;
      sk.rowNo.push(rowNo);
      sk.start.push(tag.start);
      sk.end.push(end);
      i = end;
    }
    if (!sk.ascending) {
      sk.positions = new Map();
      sk.rowNo.forEach((r, k) => sk.positions!.set(r, k));
    }
    return (this.skeletonCache = sk);
  }

  /** The row at a skeleton position, its cells read on first use. */
  private rowAtPosition(i: number): SheetRow {
    const known = this.parsed.get(i);
    if (known) return known;
    const xml = this.xml;
    const sk = this.skeleton();
    const rowNo = sk.rowNo[i];
    const tag = findStartTag(xml, ["row"], sk.start[i])!;
    const row: SheetRow = {
      row: rowNo,
      start: sk.start[i],
      end: sk.end[i],
      tag,
      explicit: attr(tag.text, "r") !== null,
      cells: [],
    };
    let prevCol = -1;
    if (!tag.selfClosing) {
      for (const c of elements(xml, "c", tag.end, row.end)) {
        const ref = attr(c.tag.text, "r");
        const m = ref ? /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref) : null;
        const col = m ? columnIndex(m[1].toUpperCase()) : prevCol + 1;
        prevCol = col;
        row.cells.push({
          row: rowNo,
          col,
          start: c.tag.start,
          end: c.end,
          tag: c.tag,
          explicit: !!m,
          s: Number(attr(c.tag.text, "s") ?? 0) || 0,
        });
      }
    }
    this.parsed.set(i, row);
    return row;
  }
}

const ROW_TAG =
  /<((?:[A-Za-z_][\w.-]*:)?row)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

/**
 * The row start tag exactly at `at` (rows follow one another with nothing between), or null:
 * then findStartTag looks further (comments, whitespace, other elements).
 */
function rowTagAt(xml: string, at: number): StartTag | null {
  ROW_TAG.lastIndex = at;
  const m = ROW_TAG.exec(xml);
  if (!m) return null;
  const colon = m[1].indexOf(":");
  return {
    start: at,
    end: at + m[0].length,
    qname: m[1],
    local: colon >= 0 ? m[1].slice(colon + 1) : m[1],
    text: m[0],
    selfClosing: m[3] === "/",
  };
}

const ATTRIBUTE = /\s([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/g;

/** A row's r attribute, as attr(tag, "r") reads it, without a map of every attribute per row. */
function rowNumberAttr(tag: string): string | null {
  if (tag.includes("&")) return attr(tag, "r");
  let value: string | null = null;
  const name = /^<[^\s/>]+/.exec(tag);
  ATTRIBUTE.lastIndex = name ? name[0].length : 0;
  for (let m = ATTRIBUTE.exec(tag); m; m = ATTRIBUTE.exec(tag)) {
    if (m[1] === "r") value = m[2].slice(1, -1);
  }
  return value;
}

/**
 * The offset just past an element's end tag (as elementEnd, without building a pattern per
 * element: this runs once per row of the sheet). -1 when it is not closed.
 */
function closingEnd(xml: string, tag: StartTag): number {
  if (tag.selfClosing) return tag.end;
  const open = `</${tag.qname}`;
  let from = tag.end;
  for (;;) {
    const at = xml.indexOf(open, from);
    if (at < 0) return -1;
    let k = at + open.length;
    while (k < xml.length && /\s/.test(xml[k])) k++;
    if (xml[k] === ">") return k + 1;
    from = at + open.length;
  }
}

/** What a changed cell holds after the write. */
export type CellContent =
  { formula: string; cached?: number | string } | { value: number | string };

export interface CellChange {
  row: number;
  col: number;
  /** New content; absent for a style-only change. */
  content?: CellContent;
  /** The style index the cell gets (absent: it keeps its own). */
  style?: number;
}

export type SkipReason = "merged" | "array-formula" | "implicit-position" | "not-a-number";

export interface SheetPatchResult {
  xml: string;
  applied: CellChange[];
  skipped: { change: CellChange; reason: SkipReason }[];
}

function numberText(n: number): string | null {
  return Number.isFinite(n) ? String(n) : null;
}

/** The `<c>` element for a change, keeping the attributes of the cell it replaces but r/s/t. */
function renderCell(
  p: string,
  address: string,
  existing: StartTag | null,
  style: number,
  content: CellContent
): string | null {
  let start = existing ? existing.text.replace(/\/>$/, ">") : `<${p}c>`;
  // Attributes that describe the old value go; the position and the style are set anew.
  for (const a of ["t", "cm", "vm"]) start = removeAttr(start, a);
  start = setAttr(start, "r", address);
  start = style ? setAttr(start, "s", String(style)) : removeAttr(start, "s");
  if ("formula" in content) {
    const f = content.formula.startsWith("=") ? content.formula.slice(1) : content.formula;
    let v = "";
    if (typeof content.cached === "number") {
      const t = numberText(content.cached);
      if (t !== null) v = `<${p}v>${t}</${p}v>`;
    } else if (typeof content.cached === "string") {
      start = setAttr(start, "t", "str");
      v = `<${p}v>${escapeText(encodeOoxmlText(content.cached))}</${p}v>`;
    }
    return `${start}<${p}f>${escapeText(f)}</${p}f>${v}</${p}c>`;
  }
  if (typeof content.value === "number") {
    const t = numberText(content.value);
    if (t === null) return null;
    return `${start}<${p}v>${t}</${p}v></${p}c>`;
  }
  start = setAttr(start, "t", "inlineStr");
  return `${start}<${p}is><${p}t xml:space="preserve">${escapeText(encodeOoxmlText(content.value))}</${p}t></${p}is></${p}c>`;
}

/** A cell whose only change is its style: the start tag's s, the rest kept. */
function restyledCell(xml: string, cell: SheetCell, style: number): string {
  const tag = style ? setAttr(cell.tag.text, "s", String(style)) : removeAttr(cell.tag.text, "s");
  return tag + xml.slice(cell.tag.end, cell.end);
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies `changes` to the worksheet part indexed by `index`. A change to a cell covered by a merge
 * (not its top-left), to a cell inside an array formula, or one that would need a new cell in a
 * row whose cells leave their position implicit, is skipped with the reason.
 */
export function patchSheet(index: SheetIndex, changes: readonly CellChange[]): SheetPatchResult {
  const xml = index.xml;
  const p = index.prefix;
  const result: SheetPatchResult = { xml, applied: [], skipped: [] };
  const splices: Splice[] = [];
  const newCells = new Map<number, { col: number; text: string }[]>();
  const sharedMasters = new Map<string, { formula: string; address: string }>();
  const written = new Set<string>();

  for (const ch of changes) {
    if (index.coveredBy(ch.row, ch.col)) {
      result.skipped.push({ change: ch, reason: "merged" });
      continue;
    }
    const cell = index.cell(ch.row, ch.col);
    const address = `${columnName(ch.col)}${ch.row + 1}`;
    const f = cell ? index.formulaOf(cell) : null;
    if (ch.content && f && attr(f.text, "t") === "array") {
      result.skipped.push({ change: ch, reason: "array-formula" });
      continue;
    }
    const style = ch.style ?? (cell ? cell.s : index.inheritedStyle(ch.row, ch.col));
    let text: string | null;
    if (ch.content) text = renderCell(p, address, cell?.tag ?? null, style, ch.content);
    else text = cell ? restyledCell(xml, cell, style) : `<${p}c r="${address}" s="${style}"/>`;
    if (text === null) {
      result.skipped.push({ change: ch, reason: "not-a-number" });
      continue;
    }
    if (cell) {
      splices.push({ start: cell.start, end: cell.end, text });
    } else {
      const row = index.rowAt(ch.row);
      if (row && row.cells.some((c) => !c.explicit)) {
        result.skipped.push({ change: ch, reason: "implicit-position" });
        continue;
      }
      if (!row && index.hasImplicitRow()) {
        result.skipped.push({ change: ch, reason: "implicit-position" });
        continue;
      }
      let list = newCells.get(ch.row);
      if (!list) newCells.set(ch.row, (list = []));
      list.push({ col: ch.col, text });
    }
    written.add(`${ch.row}:${ch.col}`);
    // A shared formula's master that we overwrite: its dependents get their own formula.
    if (ch.content && cell && f && attr(f.text, "t") === "shared" && attr(f.text, "ref")) {
      const si = attr(f.text, "si");
      const body = f.selfClosing ? "" : xml.slice(f.end, xml.indexOf("</", f.end));
      if (si !== null && body.trim()) sharedMasters.set(si, { formula: body, address });
    }
    result.applied.push(ch);
  }

  if (sharedMasters.size > 0) {
    for (const row of index.rows) {
      for (const cell of row.cells) {
        if (written.has(`${cell.row}:${cell.col}`)) continue;
        const f = index.formulaOf(cell);
        if (!f || attr(f.text, "t") !== "shared") continue;
        const master = sharedMasters.get(attr(f.text, "si") ?? "");
        if (!master) continue;
        const fEnd = f.selfClosing ? f.end : xml.indexOf(">", xml.indexOf("</", f.end)) + 1;
        const here = `${columnName(cell.col)}${cell.row + 1}`;
        const own = slideFormula(master.formula, master.address, here);
        splices.push({ start: f.start, end: fEnd, text: `<${p}f>${own}</${p}f>` });
      }
    }
  }

  // New cells: into their row in column order, or a new row in row order.
  for (const [rowNo, cells] of newCells) {
    cells.sort((a, b) => a.col - b.col);
    const row = index.rowAt(rowNo);
    if (row) {
      let i = 0;
      for (const existing of row.cells) {
        while (i < cells.length && cells[i].col < existing.col) {
          splices.push({ start: existing.start, end: existing.start, text: cells[i].text });
          i++;
        }
      }
      const rest = cells
        .slice(i)
        .map((c) => c.text)
        .join("");
      let tag = row.tag.text;
      const spans = attr(tag, "spans");
      const sm = spans ? /^(\d+):(\d+)$/.exec(spans) : null;
      if (sm) {
        const lo = Math.min(Number(sm[1]), cells[0].col + 1);
        const hi = Math.max(Number(sm[2]), cells[cells.length - 1].col + 1);
        if (lo !== Number(sm[1]) || hi !== Number(sm[2]))
          tag = setAttr(tag, "spans", `${lo}:${hi}`);
      }
      if (row.tag.selfClosing) {
        splices.push({
          start: row.start,
          end: row.end,
          text: `${tag.replace(/\s*\/>$/, ">")}${rest}</${row.tag.qname}>`,
        });
      } else {
        if (tag !== row.tag.text) splices.push({ start: row.start, end: row.tag.end, text: tag });
        const close = xml.lastIndexOf(`</`, row.end - 1);
        if (rest) splices.push({ start: close, end: close, text: rest });
      }
    } else {
      const text = `<${p}row r="${rowNo + 1}">${cells.map((c) => c.text).join("")}</${p}row>`;
      const after = index.nextRowStart(rowNo);
      if (index.sheetDataSelfClosing) {
        const t = index.sheetDataTag;
        splices.push({
          start: t.start,
          end: t.end,
          text: `${t.text.replace(/\s*\/>$/, ">")}${text}</${t.qname}>`,
        });
      } else {
        const at = after ?? index.dataEnd;
        splices.push({ start: at, end: at, text });
      }
    }
  }

  // Several new rows for a self-closed <sheetData/> become one splice.
  const merged = mergeSheetDataSplices(splices, index);
  merged.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let last = 0;
  for (const s of merged) {
    out += xml.slice(last, s.start) + s.text;
    last = s.end;
  }
  result.xml = out + xml.slice(last);
  return result;
}

function mergeSheetDataSplices(splices: Splice[], index: SheetIndex): Splice[] {
  if (!index.sheetDataSelfClosing) return splices;
  const t = index.sheetDataTag;
  const onData = splices.filter((s) => s.start === t.start && s.end === t.end);
  if (onData.length <= 1) return splices;
  const rows = onData
    .map((s) => innerOfSplice(s.text))
    .sort((a, b) => a.row - b.row)
    .map((r) => r.text)
    .join("");
  return [
    ...splices.filter((s) => !onData.includes(s)),
    { start: t.start, end: t.end, text: `${t.text.replace(/\s*\/>$/, ">")}${rows}</${t.qname}>` },
  ];
}

function innerOfSplice(text: string): { row: number; text: string } {
  const rowEl = [...elements(text, "row")][0];
  return {
    row: Number(attr(rowEl.tag.text, "r")),
    text: text.slice(rowEl.tag.start, rowEl.end),
  };
}

/** For tests and diagnostics: the `<c>` element text at (row, col), or null. */
export function cellXml(xml: string, row: number, col: number): string | null {
  const index = new SheetIndex(xml);
  const c = index.cell(row, col);
  return c ? xml.slice(c.start, c.end) : null;
}

/** The inner text of an element (re-exported for the patcher's readers). */
export { innerOf };
