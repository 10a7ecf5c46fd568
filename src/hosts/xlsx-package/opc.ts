/**
 * The package structure of an .xlsx/.xlsm (Open Packaging Conventions): part names, relationships,
 * content types, and which worksheet part holds which sheet. Read from the archive's text; edits
 * are string splices so untouched parts and attributes keep their bytes.
 */
import { ZipArchive } from "./zip";
import { attr, attrLocal, elements, escapeAttr, findStartTag } from "./xml-text";
import { PackageError } from "./errors";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_TYPE = `${REL_NS}/`;
export const RelType = {
  officeDocument: `${REL_TYPE}officeDocument`,
  worksheet: `${REL_TYPE}worksheet`,
  styles: `${REL_TYPE}styles`,
  comments: `${REL_TYPE}comments`,
  vmlDrawing: `${REL_TYPE}vmlDrawing`,
  calcChain: `${REL_TYPE}calcChain`,
} as const;
/** Strict OOXML spells relationship types under purl.oclc.org. */
const STRICT_REL_TYPE = "http://purl.oclc.org/ooxml/officeDocument/relationships/";

export const ContentType = {
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

/** Whether a relationship's Type is `type` (transitional or strict spelling). */
export function isRelType(actual: string, type: string): boolean {
  if (actual === type) return true;
  return type.startsWith(REL_TYPE) && actual === STRICT_REL_TYPE + type.slice(REL_TYPE.length);
}

export interface Relationship {
  id: string;
  type: string;
  /** Target as written. */
  target: string;
  external: boolean;
}

/** The rels part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part ("../comments/c1.xml" from "xl/worksheets/sheet1.xml"). */
export function resolveTarget(sourcePart: string, target: string): string {
  const t = decodeURIComponentSafe(target.split("#")[0]);
  const base = t.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const seg of t.replace(/^\/+/, "").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/");
}

/** A part path as a relative target from `sourcePart` ("xl/comments/c1.xml" from "xl/worksheets/sheet1.xml" → "../comments/c1.xml"). */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = sourcePart.split("/").slice(0, -1);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const el of elements(xml, "Relationship")) {
    const t = el.tag.text;
    out.push({
      id: attr(t, "Id") ?? "",
      type: attr(t, "Type") ?? "",
      target: attr(t, "Target") ?? "",
      external: attr(t, "TargetMode") === "External",
    });
  }
  return out;
}

/** A rels part with one more relationship; returns the new text and the Id given. */
export function addRelationship(
  relsXml: string | null,
  type: string,
  target: string
): { xml: string; id: string } {
  const xml =
    relsXml ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const ids = new Set(parseRels(xml).map((r) => r.id));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const el = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
  return { xml: insertBeforeClose(xml, "Relationships", el), id };
}

/** The rels part without the relationships `drop` selects. */
export function removeRelationships(xml: string, drop: (r: Relationship) => boolean): string {
  let out = "";
  let last = 0;
  for (const el of elements(xml, "Relationship")) {
    const t = el.tag.text;
    const r: Relationship = {
      id: attr(t, "Id") ?? "",
      type: attr(t, "Type") ?? "",
      target: attr(t, "Target") ?? "",
      external: attr(t, "TargetMode") === "External",
    };
    if (!drop(r)) continue;
    out += xml.slice(last, el.tag.start);
    last = el.end;
  }
  return out + xml.slice(last);
}

/** Inserts `content` just before the closing tag of the root element `local` (expanding a self-closed root). */
export function insertBeforeClose(xml: string, local: string, content: string): string {
  const root = findStartTag(xml, [local]);
  if (!root) throw new PackageError("malformed-part", `no <${local}> element`);
  if (root.selfClosing)
    return `${xml.slice(0, root.start)}${root.text.slice(0, -2)}>${content}</${root.qname}>${xml.slice(root.end)}`;
  const close = xml.lastIndexOf(`</${root.qname}`);
  if (close < 0) throw new PackageError("malformed-part", `<${local}> is not closed`);
  return xml.slice(0, close) + content + xml.slice(close);
}

/** [Content_Types].xml with an Override for `part` (unless one exists). */
export function addOverride(ctXml: string, part: string, contentType: string): string {
  for (const el of elements(ctXml, "Override")) {
    if ((attr(el.tag.text, "PartName") ?? "").toLowerCase() === `/${part}`.toLowerCase())
      return ctXml;
  }
  return insertBeforeClose(
    ctXml,
    "Types",
    `<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>`
  );
}

/** [Content_Types].xml with a Default for `extension` (unless one exists). */
export function addDefault(ctXml: string, extension: string, contentType: string): string {
  for (const el of elements(ctXml, "Default")) {
    if ((attr(el.tag.text, "Extension") ?? "").toLowerCase() === extension.toLowerCase())
      return ctXml;
  }
  return insertBeforeClose(
    ctXml,
    "Types",
    `<Default Extension="${escapeAttr(extension)}" ContentType="${escapeAttr(contentType)}"/>`
  );
}

/** [Content_Types].xml without the Override of `part`. */
export function removeOverride(ctXml: string, part: string): string {
  for (const el of elements(ctXml, "Override")) {
    if ((attr(el.tag.text, "PartName") ?? "").toLowerCase() === `/${part}`.toLowerCase())
      return ctXml.slice(0, el.tag.start) + ctXml.slice(el.end);
  }
  return ctXml;
}

/** Archive entry names looked up as OPC part names: case-insensitive, without a leading "/". */
export class PartIndex {
  private readonly byLower = new Map<string, string>();
  constructor(zip: ZipArchive) {
    for (const e of zip.entries) this.byLower.set(e.name.replace(/^\/+/, "").toLowerCase(), e.name);
  }
  /** The archive's entry name for a part, or null. */
  entryOf(part: string): string | null {
    return this.byLower.get(part.replace(/^\/+/, "").toLowerCase()) ?? null;
  }
  has(part: string): boolean {
    return this.entryOf(part) !== null;
  }
}

export interface SheetPart {
  name: string;
  /** Part path of the worksheet XML; null for a chart sheet or a sheet whose part is missing. */
  part: string | null;
  /** The <sheet> element's state attribute (visible / hidden / veryHidden). */
  state: string;
}

/** The workbook part, its sheets in order and where each lives. */
export function workbookSheets(read: (part: string) => string | null): {
  workbookPart: string;
  sheets: SheetPart[];
} {
  const root = read("_rels/.rels");
  const officeDoc = root
    ? parseRels(root).find((r) => isRelType(r.type, RelType.officeDocument))
    : undefined;
  const workbookPart = officeDoc ? resolveTarget("", officeDoc.target) : "xl/workbook.xml";
  const wbXml = read(workbookPart);
  if (wbXml === null) throw new PackageError("no-workbook", `${workbookPart} is missing`);
  const relsXml = read(relsPathOf(workbookPart));
  const rels = relsXml ? parseRels(relsXml) : [];
  const sheets: SheetPart[] = [];
  for (const el of elements(wbXml, "sheet")) {
    const t = el.tag.text;
    const name = attr(t, "name") ?? "";
    const rid = attrLocal(t, "id");
    const rel = rels.find((r) => r.id === rid);
    const part =
      rel && isRelType(rel.type, RelType.worksheet)
        ? resolveTarget(workbookPart, rel.target)
        : null;
    sheets.push({ name, part, state: attr(t, "state") ?? "visible" });
  }
  return { workbookPart, sheets };
}
