import { inflateRawSync } from "zlib";
import { RangePos } from "../../engine/grid/a1";
import { CellValue, GridSnapshot } from "../../engine/grid/snapshot";

/**
 * A read-only .xlsx reader for `check`: straight from the zip to GridSnapshots, without building
 * ExcelJS's object model (which costs more than the whole analysis). It reads exactly what the
 * engine looks at — values (cached results for formulas), formula text, number formats, merges —
 * and produces the same snapshots as snapshotsFromWorkbook over an ExcelJS load (a test checks
 * this on every sample workbook). Anything it does not handle (zip64, encrypted entries,
 * prefixed SpreadsheetML elements) throws FastReadUnsupported, and the caller falls back to ExcelJS.
 */

export class FastReadUnsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "FastReadUnsupported";
  }
}

// ---------------------------------------------------------------------------------------------
// Zip

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeader: number;
}

class Zip {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly data: Buffer) {
    const d = data;
    const min = Math.max(0, d.length - 65557);
    let eocd = -1;
    for (let i = d.length - 22; i >= min; i--) {
      if (d[i] === 0x50 && d[i + 1] === 0x4b && d[i + 2] === 0x05 && d[i + 3] === 0x06) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new FastReadUnsupported("no end of central directory");
    const count = d.readUInt16LE(eocd + 10);
    const cdOffset = d.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new FastReadUnsupported("zip64");
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > d.length || d.readUInt32LE(p) !== 0x02014b50)
        throw new FastReadUnsupported("bad central directory");
      const flags = d.readUInt16LE(p + 8);
      const method = d.readUInt16LE(p + 10);
      const compressedSize = d.readUInt32LE(p + 20);
      const nameLen = d.readUInt16LE(p + 28);
      const extraLen = d.readUInt16LE(p + 30);
      const commentLen = d.readUInt16LE(p + 32);
      const localHeader = d.readUInt32LE(p + 42);
      let name = d.toString("utf8", p + 46, p + 46 + nameLen);
      if (name.startsWith("/")) name = name.slice(1);
      if (flags & 1) throw new FastReadUnsupported("encrypted zip entry");
      if (compressedSize === 0xffffffff || localHeader === 0xffffffff)
        throw new FastReadUnsupported("zip64");
      // Part names are case-insensitive (OPC).
      this.entries.set(name.toLowerCase(), { method, compressedSize, localHeader });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  text(name: string): string | null {
    const e = this.entries.get(name.toLowerCase());
    if (!e) return null;
    const d = this.data;
    const h = e.localHeader;
    if (h + 30 > d.length || d.readUInt32LE(h) !== 0x04034b50)
      throw new FastReadUnsupported("bad local header");
    const start = h + 30 + d.readUInt16LE(h + 26) + d.readUInt16LE(h + 28);
    const raw = d.subarray(start, start + e.compressedSize);
    let bytes: Buffer;
    if (e.method === 0) bytes = raw;
    else if (e.method === 8) bytes = inflateRawSync(raw);
    else throw new FastReadUnsupported(`zip method ${e.method}`);
    let s = bytes.toString("utf8");
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// XML bits

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Entity decoding and XML line-end normalisation, as an XML parser does. */
function xmlText(s: string): string {
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  if (s.indexOf("&") < 0) return s;
  return s.replace(
    ENTITY,
    (_m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
      if (named) return NAMED[named];
      const code = hex ? parseInt(hex, 16) : parseInt(dec!, 10);
      return String.fromCodePoint(code);
    }
  );
}

/** OOXML's own escape for characters XML cannot carry: _x000D_ → "\r" (as ExcelJS decodes shared strings). */
function xstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const attrRegexes = new Map<string, RegExp>();

/** The value of attribute `name` (any namespace prefix when name is "*:x") in a start tag's text. */
function attr(tag: string, name: string): string | null {
  let re = attrRegexes.get(name);
  if (!re) {
    const n = name.startsWith("*:") ? `(?:[A-Za-z_][\\w.-]*:)?${name.slice(2)}` : name;
    re = new RegExp(`(?:^|\\s)${n}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrRegexes.set(name, re);
  }
  const m = re.exec(tag);
  if (!m) return null;
  return m[1] ?? m[2] ?? null;
}

/** Start tags of element `name` (self-closing or not) in document order: their attribute text. */
function startTags(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}(\\s[^>]*?)?\\/?>`, "g");
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push(m[1] ?? "");
  return out;
}

/** Concatenated text of the <t> elements of a string item (<si> or <is>), phonetic runs (<rPh>) excluded. */
function stringItemText(inner: string): string {
  if (inner.indexOf("<rPh") >= 0) inner = inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  const re = /<t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/t>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) if (m[1]) out += m[1];
  return xstring(xmlText(out));
}

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

/** Moves the relative references of a shared formula from its master cell to another cell (ExcelJS's slideFormula). */
const REF_CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REF = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;
function slideFormula(formula: string, dRow: number, dCol: number): string {
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
  const start = xml.search(/<cellXfs[\s>]/);
  if (start < 0) return [];
  const end = xml.indexOf("</cellXfs>", start);
  const section = xml.slice(start, end < 0 ? xml.length : end);
  const out: (string | null)[] = [];
  for (const t of startTags(section, "xf")) {
    const id = parseInt(attr(t, "numFmtId") ?? "0", 10);
    // ExcelJS keeps no number format for id 0 (General).
    out.push(id ? (custom.get(id) ?? BUILTIN_FORMATS[id] ?? null) : null);
  }
  return out;
}

function readSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/si>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push(m[1] ? stringItemText(m[1]) : "");
  return out;
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
}

const CELL_OR_ROW = /<row\b([^>]*)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

function parseWorksheet(sheetName: string, xml: string, ctx: SheetContext): GridSnapshot {
  if (/<[A-Za-z_][\w.-]*:(sheetData|worksheet)[\s>]/.test(xml))
    throw new FastReadUnsupported("prefixed SpreadsheetML");
  const merges: RangePos[] = [];
  const mergeStart = xml.indexOf("<mergeCells");
  if (mergeStart >= 0) {
    for (const t of startTags(xml.slice(mergeStart), "mergeCell")) {
      const ref = attr(t, "ref");
      if (!ref) continue;
      const [a, b] = ref.split(":");
      const p = cellRef(a);
      const q = b ? cellRef(b) : p;
      if (!p || !q) continue;
      merges.push({
        top: Math.min(p.row, q.row),
        left: Math.min(p.col, q.col),
        bottom: Math.max(p.row, q.row),
        right: Math.max(p.col, q.col),
      });
    }
  }

  // Cells as parallel lists (absolute coordinates), turned into the snapshot's arrays once the used range is known.
  const rowsOf: number[] = [];
  const colsOf: number[] = [];
  const valuesOf: CellValue[] = [];
  const formulasOf: (string | null)[] = [];
  const formatsOf: (string | null)[] = [];
  const sharedMasters = new Map<string, { formula: string; row: number; col: number }>();
  const sharedSlaves: { index: number; si: string }[] = [];

  let top = Number.MAX_SAFE_INTEGER;
  let bottom = -1;
  let left = Number.MAX_SAFE_INTEGER;
  let right = -1;

  const dataStart = xml.indexOf("<sheetData");
  const dataEnd = dataStart < 0 ? -1 : xml.indexOf("</sheetData>", dataStart);
  if (dataStart >= 0 && dataEnd > dataStart) {
    const data = xml.slice(dataStart, dataEnd);
    let row = -1;
    let col = -1;
    CELL_OR_ROW.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CELL_OR_ROW.exec(data))) {
      if (m[1] !== undefined) {
        const r = attr(m[1], "r");
        row = r !== null ? parseInt(r, 10) - 1 : row + 1;
        col = -1;
        continue;
      }
      const tag = m[2];
      const inner = m[3];
      const r = attr(tag, "r");
      if (r !== null) {
        const p = cellRef(r);
        if (p) {
          row = p.row;
          col = p.col;
        } else col++;
      } else col++;
      if (!inner) continue; // <c r=".." s=".."/>: no value
      const t = attr(tag, "t");

      let formula: string | null = null;
      let hasFormula = false;
      const fAt = inner.indexOf("<f");
      if (
        fAt >= 0 &&
        (inner.charCodeAt(fAt + 2) === 62 ||
          inner.charCodeAt(fAt + 2) === 32 ||
          inner.charCodeAt(fAt + 2) === 47)
      ) {
        const close = inner.indexOf(">", fAt);
        const fTag = inner.slice(fAt + 2, inner.charCodeAt(close - 1) === 47 ? close - 1 : close);
        const selfClosing = inner.charCodeAt(close - 1) === 47;
        const text = selfClosing ? "" : inner.slice(close + 1, inner.indexOf("</f>", close));
        const ft = attr(fTag, "t");
        hasFormula = text !== "" || ft !== null;
        if (text !== "") formula = xmlText(text);
        if (ft === "shared") {
          const si = attr(fTag, "si");
          if (si !== null) {
            if (formula !== null && attr(fTag, "ref") !== null)
              sharedMasters.set(si, { formula, row, col });
            else if (formula === null) sharedSlaves.push({ index: rowsOf.length, si });
          }
        }
      }

      let raw: string | null = null;
      const vAt = inner.indexOf("<v");
      if (vAt >= 0) {
        const close = inner.indexOf(">", vAt);
        if (inner.charCodeAt(close - 1) !== 47) {
          const end = inner.indexOf("</v>", close);
          raw = inner.slice(close + 1, end < 0 ? inner.length : end);
        }
      }

      let value: CellValue = null;
      if (hasFormula) {
        if (raw) {
          if (t === "str") value = xmlText(raw);
          else if (t === "b") value = parseInt(raw, 10) !== 0;
          else if (t === "e") value = xmlText(raw);
          else {
            const n = parseFloat(raw);
            value = Number.isNaN(n) ? null : n;
          }
        }
      } else if (t === "inlineStr") {
        const isAt = inner.indexOf("<is");
        if (isAt < 0) continue;
        const end = inner.indexOf("</is>", isAt);
        if (end < 0) continue;
        value = stringItemText(inner.slice(inner.indexOf(">", isAt) + 1, end));
        if (value === "") continue; // as ExcelJS: an empty inline string is an empty cell
      } else {
        if (raw === null || raw === "") continue; // no value: an empty (styled) cell
        switch (t) {
          case "s": {
            const s = ctx.sharedStrings[parseInt(raw, 10)];
            if (s === undefined) continue;
            value = s;
            break;
          }
          case "str":
            value = xmlText(raw);
            break;
          case "b":
            value = parseInt(raw, 10) !== 0;
            break;
          case "e":
            value = xmlText(raw);
            break;
          case "d":
            value = xmlText(raw);
            break;
          default: {
            const n = parseFloat(raw);
            value = Number.isNaN(n) ? null : n;
          }
        }
      }
      if (row < 0 || col < 0) continue;
      const s = attr(tag, "s");
      rowsOf.push(row);
      colsOf.push(col);
      valuesOf.push(value);
      formulasOf.push(formula);
      formatsOf.push(s !== null ? (ctx.formats[parseInt(s, 10)] ?? null) : null);
      if (row < top) top = row;
      if (row > bottom) bottom = row;
      if (col < left) left = col;
      if (col > right) right = col;
    }
  }

  for (const { index, si } of sharedSlaves) {
    const master = sharedMasters.get(si);
    if (master)
      formulasOf[index] = slideFormula(
        master.formula,
        rowsOf[index] - master.row,
        colsOf[index] - master.col
      );
  }

  // Covered cells of a merge hold nothing (Excel keeps only the top-left value); merges widen the used range.
  let covered: Set<number> | null = null;
  for (const mg of merges) {
    if (mg.top < top) top = mg.top;
    if (mg.bottom > bottom) bottom = mg.bottom;
    if (mg.left < left) left = mg.left;
    if (mg.right > right) right = mg.right;
  }
  if (merges.length > 0 && rowsOf.length > 0) {
    const index = new Map<number, number>();
    for (let i = 0; i < rowsOf.length; i++) index.set(rowsOf[i] * 16384 + colsOf[i], i);
    for (const mg of merges) {
      const area = (mg.bottom - mg.top + 1) * (mg.right - mg.left + 1);
      if (area > rowsOf.length) {
        // A huge merge (a whole column, say): test the cells instead of walking the area.
        for (let i = 0; i < rowsOf.length; i++) {
          const r = rowsOf[i];
          const c = colsOf[i];
          if (
            r >= mg.top &&
            r <= mg.bottom &&
            c >= mg.left &&
            c <= mg.right &&
            (r !== mg.top || c !== mg.left)
          )
            (covered ??= new Set()).add(i);
        }
        continue;
      }
      for (let r = mg.top; r <= mg.bottom; r++) {
        for (let c = mg.left; c <= mg.right; c++) {
          if (r === mg.top && c === mg.left) continue;
          const i = index.get(r * 16384 + c);
          if (i !== undefined) (covered ??= new Set()).add(i);
        }
      }
    }
  }

  if (bottom < 0) return { sheetName, origin: { row: 0, col: 0 }, values: [], merges };

  const height = bottom - top + 1;
  const values: CellValue[][] = new Array(height);
  for (let i = 0; i < height; i++) values[i] = [];
  let formulas: (string | null)[][] | undefined;
  let numberFormats: (string | null)[][] | undefined;
  for (let i = 0; i < rowsOf.length; i++) {
    if (covered && covered.has(i)) continue;
    const r = rowsOf[i] - top;
    const c = colsOf[i] - left;
    const v = valuesOf[i];
    if (v !== null) values[r][c] = v;
    const f = formulasOf[i];
    if (f) {
      formulas ??= [];
      (formulas[r] ??= [])[c] = `=${f}`;
    }
    const fmt = formatsOf[i];
    if (fmt && fmt !== "General") {
      numberFormats ??= [];
      (numberFormats[r] ??= [])[c] = fmt;
    }
  }
  // Rows are ragged; the first one spans the whole used range so that merges past the last value count.
  if (values[0].length < right - left + 1) values[0].length = right - left + 1;
  const snap: GridSnapshot = { sheetName, origin: { row: top, col: left }, values, merges };
  if (formulas) snap.formulas = formulas;
  if (numberFormats) snap.numberFormats = numberFormats;
  return snap;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** The text of one part of an .xlsx (e.g. "xl/workbook.xml"), or null when absent. */
export function xlsxPartText(data: Buffer, name: string): string | null {
  return new Zip(data).text(name);
}

export interface FastReadOptions {
  /** Only this sheet (exact name); null result when there is none. */
  sheet?: string;
  /** Sheets never read (our state sheet). */
  skip?: readonly string[];
  /** A sheet whose column A is returned as `stateColumn` (our state sheet), whether or not it is skipped. */
  stateSheet?: string;
}

export interface FastReadResult {
  snapshots: GridSnapshot[];
  sheetNames: string[];
  /** Column A of `stateSheet`, from A1 down (blanks as null); null when not asked for or absent. */
  stateColumn: CellValue[] | null;
}

/** Column A of a snapshot, from A1 down (blank cells as null): what decodeState reads. */
export function columnAOf(snap: GridSnapshot): CellValue[] {
  if (snap.origin.col > 0) return [];
  const out: CellValue[] = new Array<CellValue>(snap.origin.row).fill(null);
  for (const row of snap.values) out.push(row[0] ?? null);
  return out;
}

/** Reads a workbook's worksheets into snapshots; throws FastReadUnsupported for what it leaves to ExcelJS. */
export function readXlsxFast(data: Buffer, opts: FastReadOptions = {}): FastReadResult {
  const zip = new Zip(data);
  const rootRels = readRels(zip.text("_rels/.rels"), "");
  let workbookPath = "xl/workbook.xml";
  for (const r of rootRels.values())
    if (r.type.endsWith("/officeDocument")) workbookPath = r.target;
  const workbookXml = zip.text(workbookPath);
  if (workbookXml === null) throw new FastReadUnsupported("no workbook part");
  const baseDir = workbookPath.includes("/")
    ? workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1)
    : "";
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const rels = readRels(zip.text(relsPath), baseDir);

  let sharedStringsPath: string | null = null;
  let stylesPath: string | null = null;
  for (const r of rels.values()) {
    if (r.type.endsWith("/sharedStrings")) sharedStringsPath = r.target;
    else if (r.type.endsWith("/styles")) stylesPath = r.target;
  }

  const sheets: { name: string; path: string }[] = [];
  for (const t of startTags(workbookXml, "sheet")) {
    const name = attr(t, "name");
    const id = attr(t, "*:id");
    if (name === null || id === null) continue;
    const rel = rels.get(id);
    if (!rel || !rel.type.endsWith("/worksheet")) continue; // chart sheets, dialog sheets, macro sheets
    sheets.push({ name: xmlText(name), path: rel.target });
  }
  if (sheets.length === 0) throw new FastReadUnsupported("no worksheets");

  const wanted = sheets.filter((s) =>
    opts.sheet !== undefined ? s.name === opts.sheet : !(opts.skip ?? []).includes(s.name)
  );
  const state =
    opts.stateSheet !== undefined ? sheets.find((s) => s.name === opts.stateSheet) : undefined;
  const any = wanted.length > 0 || state !== undefined;
  const ctx: SheetContext = {
    sharedStrings: any
      ? readSharedStrings(sharedStringsPath ? zip.text(sharedStringsPath) : null)
      : [],
    formats: any ? readCellFormats(stylesPath ? zip.text(stylesPath) : null) : [],
  };
  const snapshots: GridSnapshot[] = [];
  for (const s of wanted) {
    const xml = zip.text(s.path);
    if (xml === null) throw new FastReadUnsupported(`missing part ${s.path}`);
    snapshots.push(parseWorksheet(s.name, xml, ctx));
  }
  let stateColumn: CellValue[] | null = null;
  if (state) {
    const xml = zip.text(state.path);
    if (xml === null) throw new FastReadUnsupported(`missing part ${state.path}`);
    stateColumn = columnAOf(parseWorksheet(state.name, xml, ctx));
  }
  return { snapshots, sheetNames: sheets.map((s) => s.name), stateColumn };
}
