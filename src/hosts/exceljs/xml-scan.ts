/**
 * The few XML operations the fast .xlsx reader needs, written as forward scans with indexOf so
 * every one is linear in its input, whatever the input: an unclosed element is an error found
 * at the first place it shows, never a search repeated from every later start tag (the regular
 * expressions these replace went quadratic on N unclosed <c>). The scans are flat — nothing
 * recurses, so nesting depth cannot exhaust the stack — and nothing beyond the five predefined
 * entities and numeric character references is ever expanded: a document type declaration
 * (where entity definitions would live) is refused outright, as OPC forbids it in a package.
 */

/** The XML of a part is not well-formed enough to read; reasons in both languages. */
export class XmlFormatError extends Error {
  constructor(
    readonly reason_zh: string,
    readonly reason_en: string
  ) {
    super(reason_en);
    this.name = "XmlFormatError";
  }
}

export function unclosed(what: string): XmlFormatError {
  return new XmlFormatError(`XML 格式错误：${what} 未闭合`, `malformed XML: ${what} is not closed`);
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g;

/**
 * Entity decoding and XML line-end normalisation, as an XML parser does. Only the predefined
 * entities and character references: any other `&name;` stays as written.
 */
export function xmlText(s: string): string {
  if (s.indexOf("\r") >= 0) s = s.replace(/\r\n?/g, "\n");
  if (s.indexOf("&") < 0) return s;
  return s.replace(
    ENTITY,
    (m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
      if (named) return NAMED[named];
      const code = hex ? parseInt(hex, 16) : parseInt(dec!, 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
  );
}

/** OOXML's own escape for characters XML cannot carry: _x000D_ → "\r" (as ExcelJS decodes shared strings). */
export function xstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const attrRegexes = new Map<string, RegExp>();

/** The value of attribute `name` (any namespace prefix when name is "*:x") in a start tag's text. */
export function attr(tag: string, name: string): string | null {
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

/** True when `<name` starts at `at` as a whole element name (not `<names`). */
export function isTagAt(xml: string, at: number, name: string): boolean {
  if (!xml.startsWith(name, at + 1) || xml.charCodeAt(at) !== 60) return false;
  const c = xml.charCodeAt(at + 1 + name.length);
  // whitespace, "/" or ">"
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62;
}

/** Index of the next `<name` element start at or after `from` (before `to`), or -1. */
export function nextTag(xml: string, name: string, from: number, to = xml.length): number {
  const needle = `<${name}`;
  let i = xml.indexOf(needle, from);
  while (i >= 0 && i < to) {
    if (isTagAt(xml, i, name)) return i;
    i = xml.indexOf(needle, i + 1);
  }
  return -1;
}

export interface StartTag {
  /** Attribute text (between the name and ">" or "/>"). */
  attrs: string;
  selfClosing: boolean;
  /** Index just past the tag's ">". */
  end: number;
}

/** The start tag at `at` (which isTagAt(name)); throws when it has no ">". */
export function startTagAt(xml: string, at: number, name: string): StartTag {
  const gt = xml.indexOf(">", at);
  if (gt < 0) throw unclosed(`<${name}>`);
  const selfClosing = xml.charCodeAt(gt - 1) === 47;
  return {
    attrs: xml.slice(at + 1 + name.length, selfClosing ? gt - 1 : gt),
    selfClosing,
    end: gt + 1,
  };
}

/** Attribute texts of every `<name …>` start tag between from and to, in document order. */
export function startTags(xml: string, name: string, from = 0, to = xml.length): string[] {
  const out: string[] = [];
  let i = nextTag(xml, name, from, to);
  while (i >= 0) {
    const t = startTagAt(xml, i, name);
    out.push(t.attrs);
    i = nextTag(xml, name, t.end, to);
  }
  return out;
}

/**
 * The content of every `<name>…</name>` element between from and to (null for `<name/>`), in
 * order. An element that is not closed before the next one of the same name starts is an error.
 */
export function elementContents(
  xml: string,
  name: string,
  from = 0,
  to = xml.length
): (string | null)[] {
  const out: (string | null)[] = [];
  const close = `</${name}>`;
  let i = nextTag(xml, name, from, to);
  while (i >= 0) {
    const t = startTagAt(xml, i, name);
    if (t.selfClosing) {
      out.push(null);
      i = nextTag(xml, name, t.end, to);
      continue;
    }
    const end = xml.indexOf(close, t.end);
    if (end < 0 || end >= to) throw unclosed(`<${name}>`);
    const inner = xml.slice(t.end, end);
    if (nextTag(inner, name, 0) >= 0) throw unclosed(`<${name}>`);
    out.push(inner);
    i = nextTag(xml, name, end + close.length, to);
  }
  return out;
}

/** Concatenated text of the <t> elements of a string item (<si> or <is>), phonetic runs (<rPh>) excluded. */
export function stringItemText(inner: string): string {
  if (inner.indexOf("<rPh") >= 0) {
    // Drop each <rPh>…</rPh> in one forward pass.
    let kept = "";
    let p = 0;
    for (let i = nextTag(inner, "rPh", 0); i >= 0; i = nextTag(inner, "rPh", p)) {
      kept += inner.slice(p, i);
      const t = startTagAt(inner, i, "rPh");
      if (t.selfClosing) p = t.end;
      else {
        const end = inner.indexOf("</rPh>", t.end);
        if (end < 0) throw unclosed("<rPh>");
        p = end + 6;
      }
    }
    inner = kept + inner.slice(p);
  }
  let out = "";
  for (const t of elementContents(inner, "t")) if (t) out += t;
  return xstring(xmlText(out));
}

/** The root element's name (with its prefix, if any), skipping the declaration, comments and PIs. */
export function rootName(xml: string): string | null {
  let p = 0;
  for (;;) {
    const lt = xml.indexOf("<", p);
    if (lt < 0) return null;
    const c = xml.charCodeAt(lt + 1);
    if (c === 63 /* ? */ || c === 33 /* ! */) {
      const gt = xml.indexOf(">", lt);
      if (gt < 0) return null;
      p = gt + 1;
      continue;
    }
    const m = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/.exec(xml.slice(lt + 1, lt + 200));
    return m ? m[0] : null;
  }
}

/** Refuses a document type declaration: its entities would be expanded by any other reader. */
export function rejectDoctype(xml: string): void {
  if (xml.indexOf("<!DOCTYPE") >= 0 || xml.indexOf("<!ENTITY") >= 0)
    throw new XmlFormatError(
      "含有文档类型声明（<!DOCTYPE>），Office 文件中不允许出现",
      "contains a document type declaration (<!DOCTYPE>), which Office files may not"
    );
}

/**
 * A part written with a namespace prefix on every element (<x:worksheet>, as some generators do)
 * as the same XML without it, so the scans above see the usual element names. Only the prefix
 * of the root element is removed; attributes keep theirs.
 */
export function withoutRootPrefix(xml: string): string {
  const root = rootName(xml);
  const colon = root ? root.indexOf(":") : -1;
  if (!root || colon < 0) return xml;
  const prefix = root.slice(0, colon);
  return xml.split(`<${prefix}:`).join("<").split(`</${prefix}:`).join("</");
}
