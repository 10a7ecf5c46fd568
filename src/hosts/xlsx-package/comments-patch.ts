/**
 * Notes (legacy comments) of one worksheet: the comments part and the VML drawing Excel needs to
 * show them. Existing notes and shapes are kept as they are; a note is extended by appending a
 * run to its text, a new note gets a new comment and a new hidden shape.
 */
import {
  attr,
  decodeEntities,
  elements,
  encodeOoxmlText,
  escapeAttr,
  escapeText,
  findStartTag,
  innerOf,
  prefixOf,
} from "./xml-text";
import { insertBeforeClose } from "./opc";
import { PackageError } from "./errors";

const AUTHOR = "绩效自评表助手";

export const EMPTY_COMMENTS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>${AUTHOR}</author></authors><commentList></commentList></comments>`;

export class CommentsPatch {
  private xml: string;
  private readonly p: string;
  changed = false;

  constructor(xml: string) {
    this.xml = xml;
    const root = findStartTag(xml, ["comments"]);
    if (!root) throw new PackageError("malformed-part", "comments part has no <comments>");
    this.p = prefixOf(root.qname);
  }

  get text(): string {
    return this.xml;
  }

  private find(
    ref: string
  ): { tag: { start: number; end: number }; el: { start: number; end: number } } | null {
    for (const el of elements(this.xml, "comment")) {
      if ((attr(el.tag.text, "ref") ?? "").toUpperCase() === ref.toUpperCase())
        return {
          tag: { start: el.tag.start, end: el.tag.end },
          el: { start: el.tag.start, end: el.end },
        };
    }
    return null;
  }

  /** The cells (0-based) that have a note. */
  refs(): { row: number; col: number }[] {
    const out: { row: number; col: number }[] = [];
    for (const el of elements(this.xml, "comment")) {
      const m = /^([A-Z]{1,3})(\d+)$/.exec((attr(el.tag.text, "ref") ?? "").toUpperCase());
      if (!m) continue;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
      out.push({ row: Number(m[2]) - 1, col: col - 1 });
    }
    return out;
  }

  /** The plain text of the note at `ref` ("" when none). */
  noteText(ref: string): string {
    const c = this.find(ref);
    if (!c) return "";
    const body = this.xml.slice(c.el.start, c.el.end);
    let out = "";
    for (const t of elements(body, "t")) out += decodeEntities(innerOf(body, t));
    return out;
  }

  /** Adds `text` to the note at `ref` (a new paragraph), or a new note; true when the note is new. */
  addNote(ref: string, text: string): boolean {
    const p = this.p;
    const run = (s: string) =>
      `<${p}r><${p}t xml:space="preserve">${escapeText(encodeOoxmlText(s))}</${p}t></${p}r>`;
    const c = this.find(ref);
    this.changed = true;
    if (c) {
      const body = this.xml.slice(c.el.start, c.el.end);
      const textEl = [...elements(body, "text")][0];
      if (!textEl) throw new PackageError("malformed-part", `comment ${ref} has no <text>`);
      const at =
        c.el.start +
        (textEl.tag.selfClosing ? textEl.tag.start : body.lastIndexOf("</", textEl.end - 1));
      if (textEl.tag.selfClosing) {
        const open = `<${textEl.tag.qname}>`;
        this.xml =
          this.xml.slice(0, at) +
          open +
          run(text) +
          `</${textEl.tag.qname}>` +
          this.xml.slice(c.el.start + textEl.end);
      } else {
        this.xml = this.xml.slice(0, at) + run(`\n\n${text}`) + this.xml.slice(at);
      }
      return false;
    }
    const authorId = this.authorId();
    const comment = `<${p}comment ref="${escapeAttr(ref)}" authorId="${authorId}"><${p}text>${run(text)}</${p}text></${p}comment>`;
    this.xml = insertBeforeClose(this.xml, "commentList", comment);
    return true;
  }

  /** Our author's index, added to <authors> when missing. */
  private authorId(): number {
    const authors = [...elements(this.xml, "authors")][0];
    if (!authors) throw new PackageError("malformed-part", "comments part has no <authors>");
    const names = [...elements(this.xml, "author", authors.tag.end, authors.end)].map((a) =>
      decodeEntities(innerOf(this.xml, a))
    );
    const i = names.indexOf(AUTHOR);
    if (i >= 0) return i;
    this.xml = insertBeforeClose(
      this.xml,
      "authors",
      `<${this.p}author>${AUTHOR}</${this.p}author>`
    );
    return names.length;
  }
}

const VML_NS = {
  v: "urn:schemas-microsoft-com:vml",
  o: "urn:schemas-microsoft-com:office:office",
  x: "urn:schemas-microsoft-com:office:excel",
};

const NOTE_SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** A new VML drawing for notes, its shape ids in block `block` (1024 ids per block). */
export function emptyVml(block: number): string {
  return `<xml xmlns:v="${VML_NS.v}" xmlns:o="${VML_NS.o}" xmlns:x="${VML_NS.x}"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${NOTE_SHAPETYPE}</xml>`;
}

/** The idmap blocks a VML drawing claims. */
export function vmlBlocks(vml: string): number[] {
  const out: number[] = [];
  for (const m of vml.matchAll(/<o:idmap\b[^>]*\bdata="([^"]*)"/g))
    for (const n of m[1].split(/[,\s]+/)) if (/^\d+$/.test(n)) out.push(Number(n));
  return out;
}

/** Adds hidden note shapes for cells (0-based row, col) to a VML drawing. */
export function addNoteShapes(vml: string, cells: readonly { row: number; col: number }[]): string {
  if (cells.length === 0) return vml;
  let out = vml;
  const root = findStartTag(out, ["xml"]);
  if (!root) throw new PackageError("malformed-part", "the VML drawing has no <xml> root");
  // Our shapes use the v/o/x prefixes: declare them where the root does not.
  const decl = (["v", "o", "x"] as const)
    .filter((k) => !new RegExp(`xmlns:${k}\\s*=`).test(root.text))
    .map((k) => ` xmlns:${k}="${VML_NS[k]}"`)
    .join("");
  if (!/id="_x0000_t202"/.test(out))
    out = insertBeforeClose(out, "xml", withDecl(NOTE_SHAPETYPE, decl));
  let next = 0;
  for (const m of out.matchAll(/_x0000_s(\d+)/g)) next = Math.max(next, Number(m[1]));
  const blocks = vmlBlocks(out);
  if (next === 0) next = (blocks[0] ?? 1) * 1024;
  let shapes = "";
  for (const c of cells) {
    next++;
    const anchor = `${c.col + 1}, 15, ${Math.max(0, c.row - 1)}, 10, ${c.col + 3}, 15, ${c.row + 3}, 4`;
    shapes += withDecl(
      `<v:shape id="_x0000_s${next}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:80pt;z-index:${next};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${c.row}</x:Row><x:Column>${c.col}</x:Column></x:ClientData></v:shape>`,
      decl
    );
  }
  return insertBeforeClose(out, "xml", shapes);
}

function withDecl(el: string, decl: string): string {
  return decl ? el.replace(/^<([^\s>]+)/, `<$1${decl}`) : el;
}
