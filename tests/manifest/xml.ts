/*
 * A small, dependency-free XML 1.0 well-formedness checker and tree builder, enough to test
 * manifest.xml offline. It rejects what a conforming parser rejects in documents of this kind:
 * mismatched or unclosed tags, more than one root, text outside the root, duplicate attributes,
 * unquoted attribute values, '<' in attribute values, undefined entities, "--" inside comments,
 * bad names, and characters outside the XML Char production. DTDs are not supported (a manifest
 * has none) and are reported as errors.
 */

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded). */
  text: string;
  line: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = "XmlError";
  }
}

const NAME_START =
  "A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF" +
  "\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
// XML 1.0 NameChar includes the combining marks U+0300-U+036F, which ESLint flags inside a class.
const NAME_CHAR = NAME_START + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
/** Names with at most one colon, not at either end (namespace-well-formed QName). */
// eslint-disable-next-line no-misleading-character-class
const QNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?$`);
// eslint-disable-next-line no-control-regex
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

class Cursor {
  pos = 0;
  constructor(readonly src: string) {}

  fail(message: string, at = this.pos): never {
    const before = this.src.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    throw new XmlError(message, line, column);
  }

  lineAt(at: number): number {
    return this.src.slice(0, at).split("\n").length;
  }

  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  expect(s: string): void {
    if (!this.startsWith(s)) this.fail(`expected "${s}"`);
    this.pos += s.length;
  }

  skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.src.length && " \t\r\n".includes(this.src[this.pos])) this.pos++;
    return this.pos > start;
  }

  /** Reads up to (not including) `end`; fails at end of input. */
  until(end: string, what: string): string {
    const at = this.src.indexOf(end, this.pos);
    if (at < 0) this.fail(`unterminated ${what}`);
    const s = this.src.slice(this.pos, at);
    this.pos = at + end.length;
    return s;
  }

  name(): string {
    const start = this.pos;
    while (this.pos < this.src.length && !" \t\r\n/>=".includes(this.src[this.pos])) this.pos++;
    const n = this.src.slice(start, this.pos);
    if (!QNAME.test(n)) this.fail(`invalid name "${n}"`, start);
    return n;
  }
}

function decode(cur: Cursor, raw: string, at: number, inAttribute: boolean): string {
  if (BAD_CHAR.test(raw)) cur.fail("character not allowed in XML", at);
  if (inAttribute && raw.includes("<")) cur.fail("'<' in attribute value", at);
  if (!inAttribute && raw.includes("]]>")) cur.fail("']]>' in character data", at);
  return raw.replace(/&([^;&<\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(";")) cur.fail(`unterminated entity reference "${whole}"`, at);
    let code: number | undefined;
    if (/^#[0-9]+$/.test(ref)) code = parseInt(ref.slice(1), 10);
    else if (/^#x[0-9A-Fa-f]+$/.test(ref)) code = parseInt(ref.slice(2), 16);
    else if (ref in PREDEFINED) return PREDEFINED[ref];
    else cur.fail(`undefined entity "&${ref};"`, at);
    const legal =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!legal) cur.fail(`character reference to an illegal character "&${ref};"`, at);
    return String.fromCodePoint(code);
  });
}

/** Skips comments, processing instructions and whitespace between markup (prolog/epilog). */
function misc(cur: Cursor): void {
  for (;;) {
    cur.skipSpace();
    if (cur.startsWith("<!--")) comment(cur);
    else if (cur.startsWith("<?")) pi(cur);
    else return;
  }
}

function comment(cur: Cursor): void {
  const at = cur.pos;
  cur.expect("<!--");
  const body = cur.until("-->", "comment");
  if (body.includes("--") || body.endsWith("-")) cur.fail("'--' inside a comment", at);
}

function pi(cur: Cursor): void {
  const at = cur.pos;
  cur.expect("<?");
  const target = cur.name();
  if (target.toLowerCase() === "xml") cur.fail("XML declaration not at the start", at);
  cur.until("?>", "processing instruction");
}

function attributes(cur: Cursor): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (;;) {
    const spaced = cur.skipSpace();
    if (cur.startsWith("/>") || cur.startsWith(">")) return attrs;
    if (!spaced) cur.fail("expected whitespace before attribute");
    const at = cur.pos;
    const name = cur.name();
    cur.skipSpace();
    cur.expect("=");
    cur.skipSpace();
    const quote = cur.src[cur.pos];
    if (quote !== '"' && quote !== "'") cur.fail("attribute value must be quoted");
    cur.pos++;
    const valueAt = cur.pos;
    const raw = cur.until(quote, "attribute value");
    if (Object.prototype.hasOwnProperty.call(attrs, name))
      cur.fail(`duplicate attribute "${name}"`, at);
    attrs[name] = decode(cur, raw, valueAt, true).replace(/[\t\r\n]/g, " ");
  }
}

function element(cur: Cursor): XmlElement {
  const at = cur.pos;
  cur.expect("<");
  const el: XmlElement = {
    name: cur.name(),
    attributes: {},
    children: [],
    text: "",
    line: cur.lineAt(at),
  };
  el.attributes = attributes(cur);
  if (cur.startsWith("/>")) {
    cur.pos += 2;
    return el;
  }
  cur.expect(">");

  for (;;) {
    if (cur.pos >= cur.src.length) cur.fail(`element <${el.name}> is not closed`, at);
    if (cur.startsWith("</")) {
      const closeAt = cur.pos;
      cur.pos += 2;
      const name = cur.name();
      cur.skipSpace();
      cur.expect(">");
      if (name !== el.name) cur.fail(`</${name}> does not match <${el.name}>`, closeAt);
      return el;
    }
    if (cur.startsWith("<!--")) comment(cur);
    else if (cur.startsWith("<![CDATA[")) {
      cur.pos += 9;
      const at2 = cur.pos;
      const data = cur.until("]]>", "CDATA section");
      if (BAD_CHAR.test(data)) cur.fail("character not allowed in XML", at2);
      el.text += data;
    } else if (cur.startsWith("<!")) cur.fail("declarations are not allowed here");
    else if (cur.startsWith("<?")) pi(cur);
    else if (cur.startsWith("<")) el.children.push(element(cur));
    else {
      const textAt = cur.pos;
      const next = cur.src.indexOf("<", cur.pos);
      const end = next < 0 ? cur.src.length : next;
      el.text += decode(cur, cur.src.slice(cur.pos, end), textAt, false);
      cur.pos = end;
    }
  }
}

/** Parses a whole document; throws XmlError if it is not well-formed. Returns the root element. */
export function parseXml(source: string): XmlElement {
  const src = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const cur = new Cursor(src);
  if (cur.startsWith("<?xml")) {
    const decl = cur.until("?>", "XML declaration");
    if (!/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(decl + "?>")) {
      cur.fail("malformed XML declaration", 0);
    }
  }
  misc(cur);
  if (cur.startsWith("<!DOCTYPE")) cur.fail("DOCTYPE is not supported");
  if (!cur.startsWith("<")) cur.fail("expected the root element");
  const root = element(cur);
  misc(cur);
  if (cur.pos < cur.src.length) cur.fail("content after the root element");
  return root;
}

// ---------------------------------------------------------------- navigation helpers

/** The part of a qualified name after the prefix: "bt:Image" -> "Image". */
export function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** Direct children whose local name is `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => localName(c.name) === name);
}

/** The single direct child with local name `name`, or undefined. Throws if there are several. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  const found = childrenNamed(el, name);
  if (found.length > 1) throw new Error(`<${el.name}> has ${found.length} <${name}> children`);
  return found[0];
}

/** Follows a path of local names from `el`, e.g. path(root, "DefaultSettings", "SourceLocation"). */
export function path(el: XmlElement, ...names: string[]): XmlElement | undefined {
  let cur: XmlElement | undefined = el;
  for (const n of names) {
    if (!cur) return undefined;
    cur = child(cur, n);
  }
  return cur;
}

/** Every element in document order (including `el`). */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [el];
  for (const c of el.children) out.push(...descendants(c));
  return out;
}
