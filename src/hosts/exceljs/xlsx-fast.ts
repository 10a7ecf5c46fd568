import { RangePos, toA1 } from "../../engine/grid/a1";
import { MergeIndex } from "../../engine/grid/merge-index";
import {
  CellValue,
  MAX_COL,
  MAX_ROW,
  SnapshotCell,
  isSparseSnapshot,
  SheetSnapshot,
  SparseGridSnapshot,
} from "../../engine/grid/snapshot";
import {
  DEFAULT_ZIP_LIMITS,
  openZip,
  ZipArchive,
  ZipFormatError,
  ZipLimitError,
  ZipLimits,
} from "../xlsx-package/zip";
import {
  attr,
  elementContents,
  isTagAt,
  nextTag,
  rejectDoctype,
  rootName,
  startTagAt,
  startTags,
  stringItemText,
  unclosed,
  withoutRootPrefix,
  xmlText,
  XmlFormatError,
} from "./xml-scan";

/**
 * A read-only .xlsx reader for `check`: straight from the zip to snapshots, without building
 * ExcelJS's object model (which costs more than the whole analysis). It reads exactly what the
 * engine looks at — values (cached results for formulas), formula text, number formats, merges —
 * and gives the same content as snapshotsFromWorkbook over an ExcelJS load (a test checks this on
 * every sample workbook), as sparse snapshots: one entry per cell that holds something.
 *
 * Bounded: the zip container (../xlsx-package/zip) caps entries and inflated bytes (per part and
 * in total) and verifies every part's size and CRC-32; this module caps cells, shared strings and
 * merges (ReadLimits). The XML scans are linear (./xml-scan). Going over a cap is a
 * ReadLimitError for the whole file; a worksheet part that is damaged (corrupt data, a failed
 * check, truncated or malformed XML) makes that sheet unreadable (`unreadable` in the result) and
 * the other sheets are still read.
 */

/** Caps on what reading one workbook may cost. Real submissions stay far under the defaults. */
export interface ReadLimits extends ZipLimits {
  /** Cells holding something, over all sheets read. */
  maxCells: number;
  /** Items in the shared string table. */
  maxSharedStrings: number;
  /** Merged areas on one sheet. */
  maxMergesPerSheet: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  ...DEFAULT_ZIP_LIMITS,
  maxCells: 1_000_000,
  maxSharedStrings: 1_000_000,
  maxMergesPerSheet: 100_000,
});

/** Which cap a workbook went over (a ZipLimits or ReadLimits key). */
export type ReadLimitName = keyof ReadLimits;

/** The workbook asks for more than a cap allows; the reasons name the cap. */
export class ReadLimitError extends Error {
  constructor(
    readonly limit: ReadLimitName,
    readonly value: number,
    readonly reason_zh: string,
    readonly reason_en: string
  ) {
    super(reason_en);
    this.name = "ReadLimitError";
  }
}

/** A workbook the fast reader cannot read at all (its structure, not a cap); reasons in both languages. */
export class FastReadError extends Error {
  constructor(
    readonly kind: "notZip" | "notWorkbook" | "unreadable",
    readonly reason_zh: string,
    readonly reason_en: string
  ) {
    super(reason_en);
    this.name = "FastReadError";
  }
}

/** A worksheet that could not be read, and why. */
export interface UnreadableSheet {
  name: string;
  /** Its position among the sheets read (0-based), so reports keep workbook order. */
  position: number;
  reason_zh: string;
  reason_en: string;
}

const MiB = 1024 * 1024;
function bytes(n: number): string {
  return n >= MiB ? `${Math.round(n / MiB)} MB` : `${n} B`;
}

function limitError(limit: ReadLimitName, value: number, part?: string): ReadLimitError {
  const where = part ? `（${part}）` : "";
  const whereEn = part ? ` (${part})` : "";
  switch (limit) {
    case "maxEntries":
      return new ReadLimitError(
        limit,
        value,
        `超出读取上限：压缩包中的条目多于 ${value} 个`,
        `over a reading limit: more than ${value} entries in the zip`
      );
    case "maxEntryBytes":
      return new ReadLimitError(
        limit,
        value,
        `超出读取上限：部件解压后大于 ${bytes(value)}${where}`,
        `over a reading limit: a part inflates to more than ${bytes(value)}${whereEn}`
      );
    case "maxTotalBytes":
      return new ReadLimitError(
        limit,
        value,
        `超出读取上限：工作簿解压后总计大于 ${bytes(value)}`,
        `over a reading limit: the workbook inflates to more than ${bytes(value)} in total`
      );
    case "maxCells":
      return new ReadLimitError(
        limit,
        value,
        `超出读取上限：非空单元格多于 ${value} 个`,
        `over a reading limit: more than ${value} non-empty cells`
      );
    case "maxSharedStrings":
      return new ReadLimitError(
        limit,
        value,
        `超出读取上限：共享字符串多于 ${value} 个`,
        `over a reading limit: more than ${value} shared strings`
      );
    case "maxMergesPerSheet":
      return new ReadLimitError(
        limit,
        value,
        `超出读取上限：一个工作表中的合并单元格多于 ${value} 个${where}`,
        `over a reading limit: more than ${value} merged areas on one sheet${whereEn}`
      );
  }
}

/** Why a part's data could not be taken out of the zip, in both languages. */
function zipDamage(e: ZipFormatError): { zh: string; en: string } {
  switch (e.code) {
    case "corrupt-data":
      return { zh: "压缩数据已损坏", en: "its compressed data is corrupt" };
    case "size-mismatch":
      return { zh: "解压后的大小与记录不符", en: "it does not inflate to its recorded size" };
    case "crc-mismatch":
      return { zh: "CRC 校验失败", en: "it fails its CRC check" };
    case "unsupported-method":
      return { zh: "使用了不支持的压缩方式", en: "it uses an unsupported compression method" };
    default:
      return { zh: "文件已截断或损坏", en: "the file is truncated or damaged" };
  }
}

function asLimitError(e: ZipLimitError): ReadLimitError {
  const limit: ReadLimitName =
    e.code === "entries"
      ? "maxEntries"
      : e.code === "entry-size"
        ? "maxEntryBytes"
        : "maxTotalBytes";
  return limitError(limit, e.limit, (e as { entry?: string }).entry);
}

// ---------------------------------------------------------------------------------------------
// Zip access: part names are case-insensitive (OPC); caps and checks come from the container.

class Package {
  private readonly zip: ZipArchive;
  private readonly names = new Map<string, string>();

  constructor(data: Buffer, limits: Readonly<ReadLimits>) {
    try {
      this.zip = openZip(data, {
        maxEntries: limits.maxEntries,
        maxEntryBytes: limits.maxEntryBytes,
        maxTotalBytes: limits.maxTotalBytes,
      });
    } catch (e) {
      if (e instanceof ZipLimitError) throw asLimitError(e);
      if (e instanceof ZipFormatError) {
        if (e.code === "zip64")
          throw new FastReadError(
            "unreadable",
            "不支持 ZIP64 格式的压缩包，请在 Excel 中另存为 .xlsx",
            "ZIP64 archives are not supported; save the workbook as .xlsx in Excel"
          );
        if (e.code === "encrypted")
          throw new FastReadError(
            "unreadable",
            "压缩包中的内容已加密",
            "the zip's content is encrypted"
          );
        throw new FastReadError(
          "notZip",
          "不是有效的 .xlsx 文件（无法解压）",
          "not a valid .xlsx file (cannot unzip)"
        );
      }
      throw e;
    }
    for (const e of this.zip.entries) {
      const key = (e.name.startsWith("/") ? e.name.slice(1) : e.name).toLowerCase();
      if (!this.names.has(key)) this.names.set(key, e.name);
    }
  }

  has(name: string): boolean {
    return this.names.has(name.toLowerCase());
  }

  /** Names of every entry (as stored). */
  entryNames(): string[] {
    return this.zip.entries.map((e) => e.name);
  }

  /**
   * A part's text, or null when absent. Caps are ReadLimitErrors; damage is a ZipFormatError
   * (the caller decides whether it costs the file or one sheet).
   */
  text(name: string): string | null {
    const real = this.names.get(name.toLowerCase());
    if (real === undefined) return null;
    try {
      return this.zip.readText(real);
    } catch (e) {
      if (e instanceof ZipLimitError) throw asLimitError(e);
      throw e;
    }
  }

  /** Reads (and discards) every entry: sizes and CRCs verified, caps applied. */
  verifyAll(): void {
    for (const n of this.entryNames()) {
      try {
        this.zip.read(n);
      } catch (e) {
        if (e instanceof ZipLimitError) throw asLimitError(e);
        throw e;
      }
    }
  }
}

/** A part the whole workbook depends on (workbook, relationships, shared strings, styles). */
function corePart(pkg: Package, name: string): string | null {
  let xml: string | null;
  try {
    xml = pkg.text(name);
  } catch (e) {
    if (e instanceof ZipFormatError) {
      const d = zipDamage(e);
      throw new FastReadError("unreadable", `${name}：${d.zh}`, `${name}: ${d.en}`);
    }
    throw e;
  }
  if (xml === null) return null;
  try {
    rejectDoctype(xml);
    return withoutRootPrefix(xml);
  } catch (e) {
    if (e instanceof XmlFormatError)
      throw new FastReadError("unreadable", `${name}：${e.reason_zh}`, `${name}: ${e.reason_en}`);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Cell references

function colIndex(ref: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else if (c === 36)
      continue; // $
    else break;
  }
  return n - 1;
}

/** "B7" → {row 6, col 1}; null when malformed. Hand-rolled: it runs once per cell. */
function cellRef(ref: string): { row: number; col: number } | null {
  let i = 0;
  const n = ref.length;
  if (i < n && ref.charCodeAt(i) === 36) i++; // $
  let col = 0;
  let letters = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    letters++;
  }
  if (letters === 0 || letters > 3) return null;
  if (i < n && ref.charCodeAt(i) === 36) i++; // $
  let row = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
    digits++;
  }
  if (digits === 0 || row === 0) return null;
  if (row - 1 > MAX_ROW || col - 1 > MAX_COL) return null;
  return { row: row - 1, col: col - 1 };
}

function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel's own limit on a formula's length; a longer "formula" is not slid (the scan below is not linear on it): null. */
const MAX_FORMULA_CHARS = 8192;

/** Moves the relative references of a shared formula from its master cell to another cell (ExcelJS's slideFormula). */
const REF_CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REF = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;
function slideFormula(formula: string, dRow: number, dCol: number): string | null {
  if (formula.length > MAX_FORMULA_CHARS) return null;
  return formula.replace(
    REF_CANDIDATE,
    (
      match: string,
      sheet: string | undefined,
      _s: string,
      addr: string,
      paren: string | undefined
    ) => {
      if (paren) return match;
      const m = CELL_REF.exec(addr);
      if (!m) return match;
      const colStr = m[2].toUpperCase();
      if (colStr.length > 3 || (colStr.length === 3 && colStr > "XFD")) return match;
      let col = colIndex(colStr, colStr.length);
      let row = parseInt(m[4], 10);
      if (!m[1]) col += dCol;
      if (!m[3]) row += dRow;
      return `${sheet ?? ""}${m[1] ?? ""}${columnLetters(col)}${m[3] ?? ""}${row}`;
    }
  );
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

/** Built-in number formats (ids below 164), as ExcelJS knows them. */
const BUILTIN_FORMATS: Record<number, string> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Number format per cell style index (null for General). */
function readCellFormats(xml: string | null): (string | null)[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const t of startTags(xml, "numFmt")) {
    const id = attr(t, "numFmtId");
    const code = attr(t, "formatCode");
    if (id !== null && code !== null) custom.set(parseInt(id, 10), xmlText(code));
  }
  const start = nextTag(xml, "cellXfs", 0);
  if (start < 0) return [];
  const end = xml.indexOf("</cellXfs>", start);
  const out: (string | null)[] = [];
  for (const t of startTags(xml, "xf", start, end < 0 ? xml.length : end)) {
    const id = parseInt(attr(t, "numFmtId") ?? "0", 10);
    // ExcelJS keeps no number format for id 0 (General).
    out.push(id ? (custom.get(id) ?? BUILTIN_FORMATS[id] ?? null) : null);
  }
  return out;
}

function readSharedStrings(xml: string | null, limits: Readonly<ReadLimits>): string[] {
  if (!xml) return [];
  const items = elementContents(xml, "si");
  if (items.length > limits.maxSharedStrings)
    throw limitError("maxSharedStrings", limits.maxSharedStrings);
  return items.map((inner) => (inner ? stringItemText(inner) : ""));
}

interface Relationship {
  type: string;
  target: string;
}

function readRels(xml: string | null, baseDir: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  if (!xml) return rels;
  for (const t of startTags(xml, "Relationship")) {
    const id = attr(t, "Id");
    const target = attr(t, "Target");
    if (id === null || target === null) continue;
    if (attr(t, "TargetMode") === "External") continue;
    rels.set(id, { type: attr(t, "Type") ?? "", target: resolvePart(baseDir, xmlText(target)) });
  }
  return rels;
}

function resolvePart(baseDir: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : `${baseDir}${target}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

// ---------------------------------------------------------------------------------------------
// Worksheet

interface SheetContext {
  sharedStrings: string[];
  formats: (string | null)[];
  limits: Readonly<ReadLimits>;
  /** Cells read so far over the workbook (against limits.maxCells). */
  cellCount: number;
}

function badRef(ref: string): XmlFormatError {
  const shown = ref.length > 40 ? `${ref.slice(0, 37)}...` : ref;
  return new XmlFormatError(`单元格引用无效（${shown}）`, `invalid cell reference (${shown})`);
}

/** A merge's corner: like cellRef, but past the sheet's last row or column it is clipped there. */
function mergeCorner(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(ref);
  if (!m) return null;
  const row = parseInt(m[2], 10);
  if (row === 0) return null;
  return { row: Math.min(row - 1, MAX_ROW), col: Math.min(colIndex(m[1], m[1].length), MAX_COL) };
}

function readMerges(xml: string, sheetName: string, limits: Readonly<ReadLimits>): RangePos[] {
  const merges: RangePos[] = [];
  const start = nextTag(xml, "mergeCells", 0);
  if (start < 0) return merges;
  for (const t of startTags(xml, "mergeCell", start)) {
    const ref = attr(t, "ref");
    if (!ref) continue;
    const [a, b] = ref.split(":");
    const p = mergeCorner(a);
    const q = b ? mergeCorner(b) : p;
    if (!p || !q) throw badRef(ref);
    if (merges.length >= limits.maxMergesPerSheet)
      throw limitError("maxMergesPerSheet", limits.maxMergesPerSheet, sheetName);
    merges.push({
      top: Math.min(p.row, q.row),
      left: Math.min(p.col, q.col),
      bottom: Math.max(p.row, q.row),
      right: Math.max(p.col, q.col),
    });
  }
  return merges;
}

/** Whether `inner` (a cell's content) holds the start of another cell: the <c> before it was never closed. */
function holdsCellStart(inner: string): boolean {
  return nextTag(inner, "c", 0) >= 0 || nextTag(inner, "row", 0) >= 0;
}

/**
 * One worksheet part → a sparse snapshot. Throws XmlFormatError when the part is not a complete
 * worksheet (truncated, malformed, another encoding that did not decode) and ReadLimitError over a cap.
 */
function parseWorksheet(sheetName: string, source: string, ctx: SheetContext): SparseGridSnapshot {
  rejectDoctype(source);
  const xml = withoutRootPrefix(source);
  const root = rootName(xml);
  if (root !== "worksheet")
    throw new XmlFormatError(
      "不是工作表 XML（编码或内容有误）",
      "not worksheet XML (wrong encoding or content)"
    );
  if (xml.lastIndexOf("</worksheet>") < 0)
    throw new XmlFormatError("内容不完整（XML 在结尾前中断）", "incomplete (the XML ends early)");

  const merges = readMerges(xml, sheetName, ctx.limits);
  const cells: SnapshotCell[] = [];
  const sharedMasters = new Map<string, { formula: string; row: number; col: number }>();
  const sharedSlaves: { cell: SnapshotCell; si: string }[] = [];

  const dataStart = nextTag(xml, "sheetData", 0);
  if (dataStart < 0) throw new XmlFormatError("缺少 <sheetData>", "no <sheetData>");
  const open = startTagAt(xml, dataStart, "sheetData");
  let dataEnd = open.end;
  if (!open.selfClosing) {
    dataEnd = xml.indexOf("</sheetData>", open.end);
    if (dataEnd < 0) throw unclosed("<sheetData>");
  }

  let row = -1;
  let col = -1;
  // A cell given twice is a damaged sheet: which copy counts is anyone's guess (fill would write one
  // and check would read the other). Cells come in order, so the set is built only when one does not.
  let lastKey = -1;
  let seen: Set<number> | null = null;
  let p = open.end;
  while (p < dataEnd) {
    const lt = xml.indexOf("<", p);
    if (lt < 0 || lt >= dataEnd) break;
    if (isTagAt(xml, lt, "row")) {
      const t = startTagAt(xml, lt, "row");
      const r = attr(t.attrs, "r");
      if (r !== null) {
        const n = parseInt(r, 10);
        if (!(n >= 1 && n - 1 <= MAX_ROW)) throw badRef(r);
        row = n - 1;
      } else row++;
      col = -1;
      p = t.end;
      continue;
    }
    if (!isTagAt(xml, lt, "c")) {
      // </row>, </c> of an empty cell, comments, anything else: skip the tag.
      const gt = xml.indexOf(">", lt);
      if (gt < 0 || gt > dataEnd) throw unclosed("<sheetData>");
      p = gt + 1;
      continue;
    }
    const t = startTagAt(xml, lt, "c");
    let inner: string | null = null;
    if (t.selfClosing) p = t.end;
    else {
      const close = xml.indexOf("</c>", t.end);
      if (close < 0 || close > dataEnd) throw unclosed("<c>");
      inner = xml.slice(t.end, close);
      if (holdsCellStart(inner)) throw unclosed("<c>");
      p = close + 4;
    }
    const tag = t.attrs;
    const r = attr(tag, "r");
    if (r !== null) {
      const at = cellRef(r);
      if (!at) throw badRef(r);
      row = at.row;
      col = at.col;
    } else col++;
    if (!inner) continue; // <c r=".." s=".."/>: no value
    const cell = readCell(tag, inner, row, col, ctx, sharedMasters, sharedSlaves);
    if (!cell) continue;
    if (row < 0 || col < 0 || col > MAX_COL) throw badRef(r ?? `R${row + 1}C${col + 1}`);
    if (++ctx.cellCount > ctx.limits.maxCells) throw limitError("maxCells", ctx.limits.maxCells);
    const key = row * (MAX_COL + 1) + col;
    if (key <= lastKey || seen) {
      seen ??= new Set(cells.map((c) => c.row * (MAX_COL + 1) + c.col));
      if (seen.has(key)) {
        const a1 = toA1(row, col);
        throw new XmlFormatError(`单元格 ${a1} 出现了两次`, `cell ${a1} appears twice`);
      }
      seen.add(key);
    }
    lastKey = Math.max(lastKey, key);
    cells.push(cell);
  }

  for (const { cell, si } of sharedSlaves) {
    const master = sharedMasters.get(si);
    const slid = master
      ? slideFormula(master.formula, cell.row - master.row, cell.col - master.col)
      : null;
    if (slid !== null) cell.formula = `=${slid}`;
  }

  // Covered cells of a merge hold nothing (Excel keeps only the top-left value).
  const kept = merges.length > 0 ? withoutCovered(cells, merges) : cells;
  return { sheetName, cells: kept, merges };
}

/** The cells that are not covered by a merge (its top-left cell excepted): one indexed lookup per cell. */
function withoutCovered(cells: SnapshotCell[], merges: readonly RangePos[]): SnapshotCell[] {
  const index = new MergeIndex(merges);
  return cells.filter((c) => {
    const m = index.at(c.row, c.col);
    return !m || (m.top === c.row && m.left === c.col);
  });
}

/** One <c>'s value, formula and format; null for a cell that holds nothing. */
function readCell(
  tag: string,
  inner: string,
  row: number,
  col: number,
  ctx: SheetContext,
  sharedMasters: Map<string, { formula: string; row: number; col: number }>,
  sharedSlaves: { cell: SnapshotCell; si: string }[]
): SnapshotCell | null {
  const t = attr(tag, "t");

  let formula: string | null = null;
  let hasFormula = false;
  let sharedSi: string | null = null;
  const fAt = nextTag(inner, "f", 0);
  if (fAt >= 0) {
    const f = startTagAt(inner, fAt, "f");
    let text = "";
    if (!f.selfClosing) {
      const end = inner.indexOf("</f>", f.end);
      if (end < 0) throw unclosed("<f>");
      text = inner.slice(f.end, end);
    }
    const ft = attr(f.attrs, "t");
    hasFormula = text !== "" || ft !== null;
    if (text !== "") formula = xmlText(text);
    if (ft === "shared") {
      const si = attr(f.attrs, "si");
      if (si !== null) {
        if (formula !== null && attr(f.attrs, "ref") !== null)
          sharedMasters.set(si, { formula, row, col });
        else if (formula === null) sharedSi = si;
      }
    }
  }

  let raw: string | null = null;
  const vAt = nextTag(inner, "v", 0);
  if (vAt >= 0) {
    const v = startTagAt(inner, vAt, "v");
    if (!v.selfClosing) {
      const end = inner.indexOf("</v>", v.end);
      if (end < 0) throw unclosed("<v>");
      raw = inner.slice(v.end, end);
    }
  }

  let value: CellValue = null;
  if (hasFormula) {
    if (raw) {
      if (t === "str" || t === "e") value = xmlText(raw);
      else if (t === "b") value = parseInt(raw, 10) !== 0;
      else {
        const n = parseFloat(raw);
        value = Number.isNaN(n) ? null : n;
      }
    }
  } else if (t === "inlineStr") {
    const isAt = nextTag(inner, "is", 0);
    if (isAt < 0) return null;
    const is = startTagAt(inner, isAt, "is");
    if (is.selfClosing) return null;
    const end = inner.indexOf("</is>", is.end);
    if (end < 0) throw unclosed("<is>");
    value = stringItemText(inner.slice(is.end, end));
    if (value === "") return null; // as ExcelJS: an empty inline string is an empty cell
  } else {
    if (raw === null || raw === "") return null; // no value: an empty (styled) cell
    switch (t) {
      case "s": {
        const s = ctx.sharedStrings[parseInt(raw, 10)];
        if (s === undefined) return null;
        value = s;
        break;
      }
      case "str":
      case "e":
      case "d":
        value = xmlText(raw);
        break;
      case "b":
        value = parseInt(raw, 10) !== 0;
        break;
      default: {
        const n = parseFloat(raw);
        value = Number.isNaN(n) ? null : n;
      }
    }
  }
  const s = attr(tag, "s");
  const fmt = s !== null ? (ctx.formats[parseInt(s, 10)] ?? null) : null;
  const cell: SnapshotCell = { row, col, value };
  if (formula) cell.formula = `=${formula}`;
  if (fmt && fmt !== "General") cell.numberFormat = fmt;
  if (sharedSi !== null) sharedSlaves.push({ cell, si: sharedSi });
  return cell;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** The text of one part of an .xlsx (e.g. "xl/workbook.xml"), or null when absent. */
export function xlsxPartText(data: Buffer, name: string): string | null {
  return new Package(data, DEFAULT_READ_LIMITS).text(name);
}

/**
 * Opens the package under the caps and inflates every entry once (sizes and CRCs checked): what
 * must hold before another reader (ExcelJS) is given the bytes, since that one has no caps.
 */
export function verifyPackage(data: Buffer, limits: Partial<ReadLimits> = {}): void {
  const lim = { ...DEFAULT_READ_LIMITS, ...limits };
  try {
    new Package(data, lim).verifyAll();
  } catch (e) {
    if (e instanceof ZipFormatError) {
      const d = zipDamage(e);
      throw new FastReadError(
        "unreadable",
        `${e.entry ?? ""}：${d.zh}`,
        `${e.entry ?? ""}: ${d.en}`
      );
    }
    throw e;
  }
}

export interface FastReadOptions {
  /** Only this sheet (exact name); null result when there is none. */
  sheet?: string;
  /** Sheets never read (our state sheet). */
  skip?: readonly string[];
  /** A sheet whose column A is returned as `stateColumn` (our state sheet), whether or not it is skipped. */
  stateSheet?: string;
  /** Caps (defaults: DEFAULT_READ_LIMITS). */
  limits?: Partial<ReadLimits>;
}

export interface FastReadResult {
  /** One per sheet read, in workbook order, the unreadable ones left out. */
  snapshots: SparseGridSnapshot[];
  /** The sheets read that could not be: their name, position among the sheets read, and why. */
  unreadable: UnreadableSheet[];
  sheetNames: string[];
  /** Column A of `stateSheet`, from A1 down (blanks as null); null when not asked for or absent. */
  stateColumn: CellValue[] | null;
}

/** Column A of a snapshot, from A1 down (blank cells as null): what decodeState reads. */
export function columnAOf(snap: SheetSnapshot): CellValue[] {
  const out: CellValue[] = [];
  const put = (row: number, value: CellValue) => {
    if (value === null) return;
    while (out.length < row) out.push(null);
    out[row] = value;
  };
  if (isSparseSnapshot(snap)) {
    for (const c of snap.cells) if (c.col === 0) put(c.row, c.value);
  } else if (snap.origin.col === 0) {
    snap.values.forEach((r, i) => put(snap.origin.row + i, r[0] ?? null));
  }
  return out;
}

/** Why a worksheet part could not be read, or rethrows what is not about that part. */
function sheetDamage(e: unknown): { zh: string; en: string } {
  if (e instanceof ZipFormatError) return zipDamage(e);
  if (e instanceof XmlFormatError) return { zh: e.reason_zh, en: e.reason_en };
  throw e;
}

/**
 * Reads a workbook's worksheets into sparse snapshots. Throws ReadLimitError over a cap and
 * FastReadError for a workbook it cannot read at all; a damaged worksheet is listed in `unreadable`.
 */
export function readXlsxFast(data: Buffer, opts: FastReadOptions = {}): FastReadResult {
  const limits: Readonly<ReadLimits> = { ...DEFAULT_READ_LIMITS, ...opts.limits };
  const pkg = new Package(data, limits);
  const rootRels = readRelsChecked(pkg, "_rels/.rels", "");
  let workbookPath = "xl/workbook.xml";
  for (const r of rootRels.values())
    if (r.type.endsWith("/officeDocument")) workbookPath = r.target;
  const workbookXml = corePart(pkg, workbookPath);
  if (workbookXml === null)
    throw new FastReadError(
      "notWorkbook",
      "不是 Excel 工作簿（其中没有工作簿部件）",
      "not an Excel workbook (it has no workbook part)"
    );
  const baseDir = workbookPath.includes("/")
    ? workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1)
    : "";
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const rels = readRelsChecked(pkg, relsPath, baseDir);

  let sharedStringsPath: string | null = null;
  let stylesPath: string | null = null;
  for (const r of rels.values()) {
    if (r.type.endsWith("/sharedStrings")) sharedStringsPath = r.target;
    else if (r.type.endsWith("/styles")) stylesPath = r.target;
  }

  const sheets: { name: string; path: string }[] = [];
  const listed = inPart(workbookPath, () => startTags(workbookXml, "sheet"));
  for (const t of listed) {
    const name = attr(t, "name");
    const id = attr(t, "*:id");
    if (name === null || id === null) continue;
    const rel = rels.get(id);
    if (!rel || !rel.type.endsWith("/worksheet")) continue; // chart sheets, dialog sheets, macro sheets
    sheets.push({ name: xmlText(name), path: rel.target });
  }
  if (sheets.length === 0)
    throw new FastReadError(
      "notWorkbook",
      "不是 Excel 工作簿（其中没有工作表）",
      "not an Excel workbook (it has no worksheets)"
    );

  const wanted = sheets.filter((s) =>
    opts.sheet !== undefined ? s.name === opts.sheet : !(opts.skip ?? []).includes(s.name)
  );
  const state =
    opts.stateSheet !== undefined ? sheets.find((s) => s.name === opts.stateSheet) : undefined;
  const any = wanted.length > 0 || state !== undefined;
  const ctx: SheetContext = {
    sharedStrings:
      any && sharedStringsPath
        ? inPart(sharedStringsPath, () =>
            readSharedStrings(corePart(pkg, sharedStringsPath!), limits)
          )
        : [],
    formats:
      any && stylesPath
        ? inPart(stylesPath, () => readCellFormats(corePart(pkg, stylesPath!)))
        : [],
    limits,
    cellCount: 0,
  };
  const snapshots: SparseGridSnapshot[] = [];
  const unreadable: UnreadableSheet[] = [];
  wanted.forEach((s, position) => {
    try {
      const xml = pkg.text(s.path);
      if (xml === null)
        throw new XmlFormatError(`缺少部件 ${s.path}`, `the part ${s.path} is missing`);
      snapshots.push(parseWorksheet(s.name, xml, ctx));
    } catch (e) {
      const why = sheetDamage(e);
      unreadable.push({ name: s.name, position, reason_zh: why.zh, reason_en: why.en });
    }
  });
  let stateColumn: CellValue[] | null = null;
  if (state) {
    // Our own state sheet: when it cannot be read, it is as if there were none (the rule set and
    // ignored findings fall back to the defaults, which a state warning then says).
    try {
      const xml = pkg.text(state.path);
      if (xml !== null) stateColumn = columnAOf(parseWorksheet(state.name, xml, ctx));
    } catch (e) {
      sheetDamage(e);
    }
  }
  return { snapshots, unreadable, sheetNames: sheets.map((s) => s.name), stateColumn };
}

/** Relationships of a part; a damaged relationships part costs the workbook. */
function readRelsChecked(pkg: Package, path: string, baseDir: string): Map<string, Relationship> {
  return inPart(path, () => readRels(corePart(pkg, path), baseDir));
}

/** Runs a parse of a whole-workbook part, turning malformed XML into a FastReadError naming it. */
function inPart<T>(part: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof XmlFormatError)
      throw new FastReadError("unreadable", `${part}：${e.reason_zh}`, `${part}: ${e.reason_en}`);
    throw e;
  }
}
