/**
 * New cell formats in styles.xml for the cells we write: a copy of the cell's own xf with a solid
 * fill (the highlight) and/or a number format. Existing xfs, fills and number formats are never
 * changed, only appended to, so every other cell looks exactly as before.
 */
import {
  attr,
  elements,
  escapeAttr,
  findStartTag,
  innerOf,
  prefixOf,
  setAttr,
  StartTag,
} from "./xml-text";
import { PackageError } from "./errors";

/** Number formats Excel knows by id without a <numFmt> (the ones we may write). */
const BUILTIN_NUMFMT: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
};

/** A minimal styles part for packages that have none (some writers leave it out). */
export const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

interface Section {
  tag: StartTag;
  end: number;
  items: { start: number; end: number; text: string }[];
}

export class StylesPatch {
  private xml: string;
  private readonly p: string;
  private changed = false;
  private readonly cache = new Map<string, number>();

  constructor(xml: string) {
    this.xml = xml;
    const root = findStartTag(xml, ["styleSheet"]);
    if (!root) throw new PackageError("malformed-part", "styles part has no <styleSheet>");
    this.p = prefixOf(root.qname);
  }

  get text(): string {
    return this.xml;
  }
  get isChanged(): boolean {
    return this.changed;
  }

  private section(local: string): Section | null {
    const tag = findStartTag(this.xml, [local]);
    if (!tag) return null;
    const el = [...elements(this.xml, local, tag.start)][0];
    if (!el) return null;
    const itemLocal =
      local === "cellXfs" ? "xf" : local === "fills" ? "fill" : local === "numFmts" ? "numFmt" : "";
    const items: Section["items"] = [];
    for (const it of elements(this.xml, itemLocal, tag.end, el.end))
      items.push({ start: it.tag.start, end: it.end, text: this.xml.slice(it.tag.start, it.end) });
    return { tag, end: el.end, items };
  }

  /** The xf element text of style index `s` (the first one when out of range). */
  private xf(s: number): string {
    const xfs = this.section("cellXfs");
    if (!xfs || xfs.items.length === 0)
      throw new PackageError("malformed-part", "styles part has no cellXfs");
    return (xfs.items[s] ?? xfs.items[0]).text;
  }

  /** The solid fill colour (ARGB, upper case) of style index `s`, or null. */
  solidFillArgb(s: number): string | null {
    let fillId: number;
    try {
      fillId = Number(attr(this.xf(s), "fillId") ?? 0);
    } catch {
      return null;
    }
    const fill = this.section("fills")?.items[fillId];
    if (!fill) return null;
    const pattern = findStartTag(fill.text, ["patternFill"]);
    if (!pattern || attr(pattern.text, "patternType") !== "solid") return null;
    const fg = findStartTag(fill.text, ["fgColor"]);
    const rgb = fg ? attr(fg.text, "rgb") : null;
    return rgb ? rgb.toUpperCase() : null;
  }

  /** The number format code of style index `s` (built-in ids as their code where known). */
  numberFormat(s: number): string | null {
    let id: number;
    try {
      id = Number(attr(this.xf(s), "numFmtId") ?? 0);
    } catch {
      return null;
    }
    for (const it of this.section("numFmts")?.items ?? []) {
      if (Number(attr(it.text, "numFmtId")) === id) return attr(it.text, "formatCode");
    }
    for (const [code, bid] of Object.entries(BUILTIN_NUMFMT)) if (bid === id) return code;
    return null;
  }

  /** A style index like `s` with a solid fill and/or a number format; appended once per combination. */
  derive(s: number, change: { fillArgb?: string; numberFormat?: string }): number {
    const key = `${s}|${change.fillArgb ?? ""}|${change.numberFormat ?? ""}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    let xf = this.xf(s);
    if (change.fillArgb) {
      const fillId = this.appendItem(
        "fills",
        `<${this.p}fill><${this.p}patternFill patternType="solid"><${this.p}fgColor rgb="${escapeAttr(change.fillArgb)}"/><${this.p}bgColor indexed="64"/></${this.p}patternFill></${this.p}fill>`
      );
      xf = this.retag(xf, (t) => setAttr(setAttr(t, "fillId", String(fillId)), "applyFill", "1"));
    }
    if (change.numberFormat) {
      const id = this.numFmtId(change.numberFormat);
      xf = this.retag(xf, (t) =>
        setAttr(setAttr(t, "numFmtId", String(id)), "applyNumberFormat", "1")
      );
    }
    const index = this.appendItem("cellXfs", xf);
    this.cache.set(key, index);
    return index;
  }

  /** An xf with its start tag rewritten (its children, e.g. alignment, kept). */
  private retag(xf: string, f: (tag: string) => string): string {
    const tag = findStartTag(xf, ["xf"]);
    if (!tag) return xf;
    return f(tag.text) + xf.slice(tag.end);
  }

  private numFmtId(code: string): number {
    if (code in BUILTIN_NUMFMT) return BUILTIN_NUMFMT[code];
    const numFmts = this.section("numFmts");
    let max = 163;
    for (const it of numFmts?.items ?? []) {
      const id = Number(attr(it.text, "numFmtId"));
      if (attr(it.text, "formatCode") === code) return id;
      if (id > max) max = id;
    }
    const id = max + 1;
    const el = `<${this.p}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`;
    if (numFmts) {
      this.appendItem("numFmts", el);
    } else {
      // numFmts is the first child of styleSheet.
      const root = findStartTag(this.xml, ["styleSheet"])!;
      this.xml = `${this.xml.slice(0, root.end)}<${this.p}numFmts count="1">${el}</${this.p}numFmts>${this.xml.slice(root.end)}`;
      this.changed = true;
    }
    return id;
  }

  /** Appends an item to a section and bumps its count; returns the new item's index. */
  private appendItem(local: "fills" | "cellXfs" | "numFmts", item: string): number {
    const sec = this.section(local);
    if (!sec) throw new PackageError("malformed-part", `styles part has no <${local}>`);
    const index = sec.items.length;
    const tag = setAttr(sec.tag.text.replace(/\s*\/>$/, ">"), "count", String(index + 1));
    const inner = sec.tag.selfClosing ? "" : innerOf(this.xml, { tag: sec.tag, end: sec.end });
    const rebuilt = `${tag}${inner}${item}</${sec.tag.qname}>`;
    this.xml = this.xml.slice(0, sec.tag.start) + rebuilt + this.xml.slice(sec.end);
    this.changed = true;
    return index;
  }
}
