/**
 * Removes the assistant's state (the very hidden "_selfeval" sheet: journal, ignored findings,
 * marks, rule set) from a package, or keeps the sheet with the rule set only. The texts only the
 * state sheet used are blanked in the shared strings table too (their slots stay, so every other
 * cell keeps its index), so old values and reviewers' reasons do not travel with the file.
 * Every other part is copied byte for byte.
 */
import { CellValue } from "../../engine/grid/snapshot";
import { decodeState, encodeState, STATE_SHEET, WorkbookState } from "../../engine/state";
import { PackageEditor } from "./package-editor";
import {
  isRelType,
  parseRels,
  relsPathOf,
  removeOverride,
  removeRelationships,
  resolveTarget,
  workbookSheets,
} from "./opc";
import { SheetIndex } from "./sheet-patch";
import {
  attr,
  attrLocal,
  decodeEntities,
  elements,
  encodeOoxmlText,
  escapeText,
  findStartTag,
  innerOf,
  setAttr,
} from "./xml-text";
import { openZip, patchZip, ZipLimits } from "./zip";

const REL_SHARED_STRINGS =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

export type StripOutcome =
  | { kind: "no-state" }
  /** --keep-rules on a state that cannot be decoded: its rule set cannot be kept apart. */
  | { kind: "undecodable"; error: string }
  | {
      kind: "stripped";
      bytes: Buffer;
      /** Counts of what went (null when the state could not be decoded: all of it went). */
      state: WorkbookState | null;
      keptRules: boolean;
    };

export interface StripOptions {
  keepRules?: boolean;
  limits?: Partial<ZipLimits>;
}

interface SharedStrings {
  part: string;
  xml: string;
  items: { start: number; end: number; text: string }[];
}

function readSharedStrings(pkg: PackageEditor, workbookPart: string): SharedStrings | null {
  const rels = parseRels(pkg.read(relsPathOf(workbookPart)) ?? "");
  const rel = rels.find((r) => isRelType(r.type, REL_SHARED_STRINGS));
  if (!rel) return null;
  const part = resolveTarget(workbookPart, rel.target);
  const xml = pkg.read(part);
  if (xml === null) return null;
  const items: SharedStrings["items"] = [];
  for (const si of elements(xml, "si")) {
    let text = "";
    const body = xml.slice(si.tag.start, si.end);
    // Phonetic runs (rPh) are not part of the text.
    const plain = body.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, "");
    for (const t of elements(plain, "t")) text += decodeEntities(innerOf(plain, t));
    items.push({ start: si.tag.start, end: si.end, text });
  }
  return { part, xml, items };
}

/** Shared string indices referenced by a sheet's cells. */
function sharedRefs(index: SheetIndex): Set<number> {
  const out = new Set<number>();
  const xml = index.xml;
  for (const row of index.rows) {
    for (const c of row.cells) {
      if (attr(c.tag.text, "t") !== "s" || c.tag.selfClosing) continue;
      const v = findStartTag(xml, ["v"], c.tag.end);
      if (!v || v.start > c.end || v.selfClosing) continue;
      const n = Number(xml.slice(v.end, xml.indexOf("<", v.end)).trim());
      if (Number.isInteger(n)) out.add(n);
    }
  }
  return out;
}

/** Column A of the state sheet, from A1 down (what decodeState reads). */
function columnA(index: SheetIndex, sst: SharedStrings | null): CellValue[] {
  const out: CellValue[] = [];
  const xml = index.xml;
  for (const row of index.rows) {
    const c = row.cells.find((x) => x.col === 0);
    while (out.length < row.row) out.push(null);
    if (!c || c.tag.selfClosing) {
      out.push(null);
      continue;
    }
    const body = xml.slice(c.tag.end, c.end);
    const t = attr(c.tag.text, "t");
    let value: CellValue = null;
    if (t === "inlineStr") {
      value = "";
      for (const te of elements(body, "t")) value += decodeEntities(innerOf(body, te));
    } else {
      const v = [...elements(body, "v")][0];
      const raw = v ? decodeEntities(innerOf(body, v)) : null;
      if (raw !== null) {
        if (t === "s") value = sst?.items[Number(raw)]?.text ?? null;
        else if (t === "str" || t === "e") value = raw;
        else if (t === "b") value = raw === "1";
        else value = Number(raw);
      }
    }
    out.push(value);
  }
  return out;
}

/** The workbook part with sheet number `i` (0-based) gone: its <sheet>, local names and view indices adjusted. */
function withoutSheet(wbXml: string, i: number, name: string): string {
  let xml = wbXml;
  const sheetEls = [...elements(xml, "sheet")];
  const el = sheetEls[i];
  xml = xml.slice(0, el.tag.start) + xml.slice(el.end);
  // Names local to the sheet, or pointing into it, go; later sheets' local ids move down by one.
  let out = "";
  let last = 0;
  const quoted = `'${name.replace(/'/g, "''")}'!`;
  for (const dn of elements(xml, "definedName")) {
    const local = attr(dn.tag.text, "localSheetId");
    const body = decodeEntities(innerOf(xml, dn));
    const drop = local === String(i) || body.includes(`${name}!`) || body.includes(quoted);
    if (drop) {
      out += xml.slice(last, dn.tag.start);
      last = dn.end;
    } else if (local !== null && Number(local) > i) {
      out +=
        xml.slice(last, dn.tag.start) +
        setAttr(dn.tag.text, "localSheetId", String(Number(local) - 1));
      last = dn.tag.end;
    }
  }
  xml = out + xml.slice(last);
  xml = xml.replace(/<(\w+:)?definedNames\s*>\s*<\/(\w+:)?definedNames>/, "");
  // Views: the active tab and the first tab shown count sheets.
  out = "";
  last = 0;
  for (const v of elements(xml, "workbookView")) {
    let tag = v.tag.text;
    for (const a of ["activeTab", "firstSheet"]) {
      const n = attr(tag, a);
      if (n !== null && Number(n) > i) tag = setAttr(tag, a, String(Number(n) - 1));
      else if (n !== null && Number(n) === i) tag = setAttr(tag, a, "0");
    }
    out += xml.slice(last, v.tag.start) + tag;
    last = v.tag.end;
  }
  return out + xml.slice(last);
}

/** A state sheet's sheetData holding `rows` (column A) as inline strings. */
function withStateRows(index: SheetIndex, rows: string[][]): string {
  const p = index.prefix;
  const data = rows
    .map(
      (r, i) =>
        `<${p}row r="${i + 1}"><${p}c r="A${i + 1}" t="inlineStr"><${p}is><${p}t>${escapeText(encodeOoxmlText(r[0]))}</${p}t></${p}is></${p}c></${p}row>`
    )
    .join("");
  const tag = index.sheetDataTag;
  const open = tag.selfClosing ? tag.text.replace(/\s*\/>$/, ">") : tag.text;
  const end = tag.selfClosing ? tag.end : index.xml.indexOf(">", index.dataEnd) + 1;
  return `${index.xml.slice(0, tag.start)}${open}${data}</${tag.qname}>${index.xml.slice(end)}`;
}

export function stripState(input: Buffer, options: StripOptions = {}): StripOutcome {
  const zip = openZip(input, options.limits);
  const pkg = new PackageEditor(zip);
  const { workbookPart, sheets } = workbookSheets((p) => pkg.read(p));
  const at = sheets.findIndex((s) => s.name === STATE_SHEET);
  if (at < 0) return { kind: "no-state" };
  const stateSheet = sheets[at];
  const sst = readSharedStrings(pkg, workbookPart);
  const stateXml = stateSheet.part ? pkg.read(stateSheet.part) : null;
  const stateIndex = stateXml !== null ? new SheetIndex(stateXml) : null;
  const decoded = stateIndex ? decodeState(columnA(stateIndex, sst)) : null;
  const state = decoded && decoded.ok ? decoded.state : null;
  if (options.keepRules && (!decoded || !decoded.ok))
    return { kind: "undecodable", error: decoded && !decoded.ok ? decoded.error : "no state part" };

  // Shared strings only the state sheet uses are blanked (their slots stay).
  if (sst && stateIndex) {
    const used = sharedRefs(stateIndex);
    for (const s of sheets) {
      if (s === stateSheet || !s.part || used.size === 0) continue;
      const xml = pkg.read(s.part);
      if (xml === null) continue;
      for (const n of sharedRefs(new SheetIndex(xml))) used.delete(n);
    }
    if (used.size > 0) {
      const p = sst.xml.match(/<(\w+:)?sst\b/)?.[1] ?? "";
      let out = "";
      let last = 0;
      sst.items.forEach((it, n) => {
        if (!used.has(n)) return;
        out += `${sst.xml.slice(last, it.start)}<${p}si><${p}t></${p}t></${p}si>`;
        last = it.end;
      });
      pkg.write(sst.part, out + sst.xml.slice(last));
    }
  }

  if (options.keepRules && state && stateIndex && stateSheet.part) {
    // Only the rule set stays.
    const onlyRules: WorkbookState = {
      version: state.version,
      journal: [],
      suppressions: [],
      marks: [],
      ...(state.rules !== undefined ? { rules: state.rules } : {}),
    };
    pkg.write(stateSheet.part, withStateRows(stateIndex, encodeState(onlyRules)));
  } else {
    const wbRels = relsPathOf(workbookPart);
    const relsXml = pkg.read(wbRels) ?? "";
    const sheetEl = [...elements(pkg.read(workbookPart)!, "sheet")][at];
    const rid = attrLocal(sheetEl.tag.text, "id");
    pkg.write(workbookPart, withoutSheet(pkg.read(workbookPart)!, at, STATE_SHEET));
    pkg.write(
      wbRels,
      removeRelationships(relsXml, (r) => r.id === rid)
    );
    if (stateSheet.part) {
      pkg.remove(stateSheet.part);
      pkg.remove(relsPathOf(stateSheet.part));
      const ct = pkg.read("[Content_Types].xml");
      if (ct !== null) pkg.write("[Content_Types].xml", removeOverride(ct, stateSheet.part));
    }
  }
  return {
    kind: "stripped",
    bytes: patchZip(zip, pkg.changes),
    state,
    keptRules: !!options.keepRules,
  };
}
