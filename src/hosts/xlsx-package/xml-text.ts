/**
 * String-level XML helpers for patching package parts in place. We splice text instead of parsing
 * and re-serialising, so everything we do not touch keeps its exact bytes. The scanners are
 * linear over the text they are given (no backtracking over unbounded input).
 */

/** Text content escaped for an element. */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text escaped for a double-quoted attribute. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/**
 * Characters XML 1.0 cannot hold: OOXML writes them as _xHHHH_ (and a literal "_x" as "_x005F_x").
 * Tab, line feed and carriage return are fine as they are.
 */
// eslint-disable-next-line no-control-regex
const NOT_IN_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

export function encodeOoxmlText(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_").replace(NOT_IN_XML, (c) => {
    return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
  });
}

/** XML entity and character references decoded (the five named ones and numeric ones). */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/** An element's start tag, as found in the text. */
export interface StartTag {
  /** Offset of "<". */
  start: number;
  /** Offset just past ">" (or "/>"). */
  end: number;
  /** Qualified name (with prefix, if any). */
  qname: string;
  /** Local name. */
  local: string;
  /** The whole tag text. */
  text: string;
  selfClosing: boolean;
}

const ATTR = /\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/y;

/** The attributes of a start tag, raw (undecoded) values, in order. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const m = /^<[^\s/>]+/.exec(tag);
  if (!m) return out;
  ATTR.lastIndex = m[0].length;
  for (;;) {
    const a = ATTR.exec(tag);
    if (!a) break;
    out.set(a[1], a[2].slice(1, -1));
  }
  return out;
}

/** An attribute's decoded value, or null. */
export function attr(tag: string, name: string): string | null {
  const v = attributes(tag).get(name);
  return v === undefined ? null : decodeEntities(v);
}

/** The value of the first attribute whose local name is `local` (any prefix), decoded. */
export function attrLocal(tag: string, local: string): string | null {
  for (const [k, v] of attributes(tag)) {
    if (k === local || k.endsWith(`:${local}`)) return decodeEntities(v);
  }
  return null;
}

/** The tag with attribute `name` set to `value` (escaped here), replacing it or added at the end. */
export function setAttr(tag: string, name: string, value: string): string {
  const esc = escapeAttr(value);
  const re = new RegExp(`(\\s${name.replace(/[:.]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, (_m, p: string) => `${p}"${esc}"`);
  const close = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close).replace(/\s+$/, "")} ${name}="${esc}"${tag.slice(close)}`;
}

/** The tag without attribute `name`. */
export function removeAttr(tag: string, name: string): string {
  const re = new RegExp(`\\s${name.replace(/[:.]/g, "\\$&")}\\s*=\\s*("[^"]*"|'[^']*')`);
  return tag.replace(re, "");
}

const TAG_START =
  /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;

/**
 * The next start tag at or after `from` whose local name is one of `locals` (comments, processing
 * instructions and CDATA are skipped). Null when there is none.
 */
export function findStartTag(
  xml: string,
  locals: readonly string[] | null,
  from = 0
): StartTag | null {
  let i = from;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) return null;
    const next = xml[lt + 1];
    if (next === "!") {
      const end = xml.startsWith("<!--", lt)
        ? xml.indexOf("-->", lt + 4) + 3
        : xml.startsWith("<![CDATA[", lt)
          ? xml.indexOf("]]>", lt + 9) + 3
          : xml.indexOf(">", lt) + 1;
      if (end <= 2) return null;
      i = end;
      continue;
    }
    if (next === "?" || next === "/") {
      const end = xml.indexOf(">", lt);
      if (end < 0) return null;
      i = end + 1;
      continue;
    }
    TAG_START.lastIndex = lt;
    const m = TAG_START.exec(xml);
    if (!m || m.index !== lt) {
      i = lt + 1;
      continue;
    }
    const qname = m[1];
    const colon = qname.indexOf(":");
    const local = colon >= 0 ? qname.slice(colon + 1) : qname;
    if (locals === null || locals.includes(local))
      return {
        start: lt,
        end: lt + m[0].length,
        qname,
        local,
        text: m[0],
        selfClosing: m[2] === "/",
      };
    i = lt + m[0].length;
  }
}

/**
 * The offset just past the end of the element whose start tag is `tag`: its end tag. The parts we
 * patch never nest an element inside one of the same name (cells, rows, xfs, comments,
 * relationships), so the first end tag of that name closes it. -1 when the element is not closed.
 */
export function elementEnd(xml: string, tag: StartTag): number {
  if (tag.selfClosing) return tag.end;
  const close = new RegExp(`</${tag.qname.replace(/[.]/g, "\\.")}\\s*>`, "g");
  close.lastIndex = tag.end;
  const m = close.exec(xml);
  return m ? m.index + m[0].length : -1;
}

/** Every element named `local` (any prefix) at or after `from`, as [start, end) offsets with its start tag. */
export function* elements(
  xml: string,
  local: string,
  from = 0,
  to = xml.length
): Generator<{ tag: StartTag; end: number }> {
  let i = from;
  for (;;) {
    const tag = findStartTag(xml, [local], i);
    if (!tag || tag.start >= to) return;
    const end = elementEnd(xml, tag);
    if (end < 0) return;
    yield { tag, end };
    i = end;
  }
}

/** The text inside an element [tag.end, closing tag), for an element found by `elements`. */
export function innerOf(xml: string, el: { tag: StartTag; end: number }): string {
  if (el.tag.selfClosing) return "";
  return xml.slice(el.tag.end, xml.lastIndexOf("</", el.end - 1));
}

/** The prefix (with ":") of a qualified name, or "". */
export function prefixOf(qname: string): string {
  const i = qname.indexOf(":");
  return i >= 0 ? qname.slice(0, i + 1) : "";
}

/**
 * Inserts `el` among the children of the root element `rootLocal`, before the first child whose
 * local name is in `before` (the schema's order), else at the end of the root.
 */
export function insertRootChild(
  xml: string,
  rootLocal: string,
  before: readonly string[],
  el: string
): string {
  const root = findStartTag(xml, [rootLocal]);
  if (!root || root.selfClosing) return xml;
  let i = root.end;
  for (;;) {
    const child = findStartTag(xml, null, i);
    if (!child) break;
    if (before.includes(child.local))
      return xml.slice(0, child.start) + el + xml.slice(child.start);
    const end = elementEnd(xml, child);
    if (end < 0) break;
    i = end;
  }
  const close = xml.lastIndexOf(`</${root.qname}`);
  return close < 0 ? xml : xml.slice(0, close) + el + xml.slice(close);
}

/** The prefix (with ":") the root start tag binds to namespace `ns`, or null. */
export function prefixFor(rootTag: string, ns: string): string | null {
  for (const [k, v] of attributes(rootTag)) {
    if (k.startsWith("xmlns:") && decodeEntities(v) === ns) return `${k.slice(6)}:`;
  }
  return null;
}
