/**
 * Applies a fill plan to an .xlsx/.xlsm package without re-serialising it: only the worksheet
 * parts that receive writes change (plus styles.xml for new cell formats, the notes' comments and
 * VML parts, and the calculation chain, which is dropped so Excel rebuilds it); every other part
 * is copied byte for byte (charts, drawings, images, pivots, VBA, custom XML …).
 */
import { toA1 } from "../../engine/grid/a1";
import { CellWrite, Highlight, WritePlan } from "../../engine/fill/plan-types";
import {
  addNoteShapes,
  CommentsPatch,
  EMPTY_COMMENTS,
  emptyVml,
  vmlBlocks,
} from "./comments-patch";
import { PackageError } from "./errors";
import { PackageEditor } from "./package-editor";
import {
  addDefault,
  addOverride,
  addRelationship,
  ContentType,
  isRelType,
  parseRels,
  relativeTarget,
  REL_NS,
  RelType,
  relsPathOf,
  removeOverride,
  removeRelationships,
  resolveTarget,
  workbookSheets,
} from "./opc";
import { CellChange, patchSheet, SheetIndex, SkipReason } from "./sheet-patch";
import { MINIMAL_STYLES, StylesPatch } from "./styles-patch";
import { findStartTag, insertRootChild, prefixFor, setAttr } from "./xml-text";
import { openZip, patchZip, ZipLimits } from "./zip";

export type Lang = "zh" | "en";

export interface SkippedCell {
  sheet: string;
  address: string;
  reason_zh: string;
  reason_en: string;
}

export interface PatchResult {
  bytes: Buffer;
  written: CellWrite[];
  highlighted: Highlight[];
  skipped: SkippedCell[];
  /** Parts whose bytes changed, were added or removed (for tests and diagnostics). */
  changedParts: string[];
}

export interface PatchOptions {
  /** Language of the notes on highlighted cells (default zh). */
  lang?: Lang;
  limits?: Partial<ZipLimits>;
}

const SKIP_TEXT: Record<SkipReason | "no-sheet", [string, string]> = {
  "no-sheet": ["工作表不存在", "no such sheet"],
  merged: [
    "单元格位于合并区域内（非左上角）",
    "the cell is inside a merged area (not its top-left cell)",
  ],
  "array-formula": ["单元格属于数组公式", "the cell is part of an array formula"],
  "implicit-position": [
    "该行的单元格未注明位置，无法安全插入",
    "the row's cells do not state their positions; a cell cannot be inserted safely",
  ],
  "not-a-number": ["写入的值不是有效数字", "the value to write is not a finite number"],
};

interface SheetWork {
  name: string;
  part: string;
  writes: CellWrite[];
  highlights: Highlight[];
}

/** The plan applied to `input` (the bytes of an .xlsx/.xlsm); the input buffer is not modified. */
export function patchWorkbook(
  input: Buffer,
  plan: WritePlan,
  options: PatchOptions = {}
): PatchResult {
  const lang = options.lang ?? "zh";
  const zip = openZip(input, options.limits);
  const pkg = new PackageEditor(zip);
  const { workbookPart, sheets } = workbookSheets((p) => pkg.read(p));
  const result: PatchResult = {
    bytes: input,
    written: [],
    highlighted: [],
    skipped: [],
    changedParts: [],
  };
  const skip = (sheet: string, address: string, reason: SkipReason | "no-sheet") =>
    result.skipped.push({
      sheet,
      address,
      reason_zh: SKIP_TEXT[reason][0],
      reason_en: SKIP_TEXT[reason][1],
    });

  const work = new Map<string, SheetWork>();
  const sheetFor = (name: string): SheetWork | null => {
    const s = sheets.find((x) => x.name === name);
    if (!s || !s.part || pkg.read(s.part) === null) return null;
    let w = work.get(name);
    if (!w) work.set(name, (w = { name, part: s.part, writes: [], highlights: [] }));
    return w;
  };
  for (const w of plan.writes) {
    const s = sheetFor(w.sheet);
    if (s) s.writes.push(w);
    else skip(w.sheet, w.address, "no-sheet");
  }
  for (const h of plan.highlights) {
    const s = sheetFor(h.sheet);
    if (s) s.highlights.push(h);
    else skip(h.sheet, h.address, "no-sheet");
  }

  const wbRelsPart = relsPathOf(workbookPart);
  let styles: StylesPatch | null = null;
  let stylesPart: string | null = null;
  const stylesPatch = (): StylesPatch => {
    if (styles) return styles;
    const rels = parseRels(pkg.read(wbRelsPart) ?? "");
    const rel = rels.find((r) => isRelType(r.type, RelType.styles));
    stylesPart = rel ? resolveTarget(workbookPart, rel.target) : null;
    const text = stylesPart ? pkg.read(stylesPart) : null;
    styles = new StylesPatch(text ?? MINIMAL_STYLES);
    if (text === null) stylesPart = null;
    return styles;
  };

  let formulasWritten = false;
  for (const sw of work.values()) {
    const xml = pkg.read(sw.part)!;
    let index: SheetIndex;
    try {
      index = new SheetIndex(xml);
    } catch (e) {
      if (e instanceof PackageError) throw new PackageError(e.code, e.detail, sw.part);
      throw e;
    }
    const relsPart = relsPathOf(sw.part);
    const sheetRels = parseRels(pkg.read(relsPart) ?? "");
    const commentsRel = sheetRels.find((r) => isRelType(r.type, RelType.comments) && !r.external);
    const commentsPart = commentsRel ? resolveTarget(sw.part, commentsRel.target) : null;
    const existingComments = commentsPart ? pkg.read(commentsPart) : null;
    const comments = new CommentsPatch(existingComments ?? EMPTY_COMMENTS);

    // One change per cell: a write and a highlight on the same cell go together.
    const changes = new Map<
      string,
      CellChange & { fill?: string; fmt?: string; w?: CellWrite; h?: Highlight }
    >();
    const changeAt = (row: number, col: number) => {
      const key = `${row}:${col}`;
      let c = changes.get(key);
      if (!c) changes.set(key, (c = { row, col }));
      return c;
    };
    for (const w of sw.writes) {
      if (index.coveredBy(w.row, w.col)) {
        skip(sw.name, w.address, "merged");
        continue;
      }
      const c = changeAt(w.row, w.col);
      c.content =
        w.formula !== undefined
          ? { formula: w.formula, cached: w.result }
          : { value: w.value ?? "" };
      if (w.numberFormat !== undefined) c.fmt = w.numberFormat;
      c.w = w;
    }
    for (const h of sw.highlights) {
      if (index.coveredBy(h.row, h.col)) {
        skip(sw.name, h.address, "merged");
        continue;
      }
      const cell = index.cell(h.row, h.col);
      const s = cell ? cell.s : index.inheritedStyle(h.row, h.col);
      const text = lang === "en" ? h.note_en : h.note_zh;
      const st = stylesPatch();
      if (
        (st.solidFillArgb(s) ?? "") === h.fillArgb.toUpperCase() &&
        comments.noteText(toA1(h.row, h.col)).includes(text)
      )
        continue; // already marked: nothing to do
      const c = changeAt(h.row, h.col);
      c.fill = h.fillArgb;
      c.h = h;
    }
    for (const c of changes.values()) {
      if (!c.fill && !c.fmt) continue;
      const cell = index.cell(c.row, c.col);
      const s = cell ? cell.s : index.inheritedStyle(c.row, c.col);
      const st = stylesPatch();
      const fmt = c.fmt !== undefined && st.numberFormat(s) !== c.fmt ? c.fmt : undefined;
      if (c.fill || fmt) c.style = st.derive(s, { fillArgb: c.fill, numberFormat: fmt });
    }
    if (changes.size === 0) continue;

    const patched = patchSheet(index, [...changes.values()]);
    for (const { change, reason } of patched.skipped) {
      const c = change as CellChange & { w?: CellWrite; h?: Highlight };
      if (c.w) skip(sw.name, c.w.address, reason);
      if (c.h) skip(sw.name, c.h.address, reason);
    }
    const noted: Highlight[] = [];
    for (const change of patched.applied) {
      const c = change as CellChange & { w?: CellWrite; h?: Highlight };
      if (c.w) {
        result.written.push(c.w);
        if (c.w.formula !== undefined) formulasWritten = true;
      }
      if (c.h) {
        result.highlighted.push(c.h);
        noted.push(c.h);
      }
    }
    let sheetXml = patched.xml;

    // Notes: extend the sheet's comments part (wherever its rels put it), or give it one.
    const newShapes: { row: number; col: number }[] = [];
    for (const h of noted) {
      const text = lang === "en" ? h.note_en : h.note_zh;
      const ref = toA1(h.row, h.col);
      if (comments.noteText(ref).includes(text)) continue;
      if (comments.addNote(ref, text)) newShapes.push({ row: h.row, col: h.col });
    }
    if (comments.changed) {
      let relsXml = pkg.read(relsPart);
      let cPart = commentsPart;
      if (!cPart || existingComments === null) {
        cPart = cPart ?? pkg.freeName("xl", "comments", ".xml");
        if (!commentsRel) {
          const added = addRelationship(relsXml, RelType.comments, relativeTarget(sw.part, cPart));
          relsXml = added.xml;
        }
        pkg.write(
          "[Content_Types].xml",
          addOverride(pkg.read("[Content_Types].xml") ?? "", cPart, ContentType.comments)
        );
      }
      pkg.write(cPart, comments.text);
      // The VML drawing that shows the notes.
      const vmlRel = parseRels(relsXml ?? "").find(
        (r) => isRelType(r.type, RelType.vmlDrawing) && !r.external
      );
      let vmlPart = vmlRel ? resolveTarget(sw.part, vmlRel.target) : null;
      let vml = vmlPart ? pkg.read(vmlPart) : null;
      let shapes = newShapes;
      if (vml === null) {
        // A new drawing shows every note of the part, the ones there before included.
        shapes = comments.refs();
        vmlPart = vmlPart ?? pkg.freeName("xl/drawings", "vmlDrawing", ".vml");
        vml = emptyVml(nextVmlBlock(pkg));
        if (!vmlRel) {
          const added = addRelationship(
            relsXml,
            RelType.vmlDrawing,
            relativeTarget(sw.part, vmlPart)
          );
          relsXml = added.xml;
          sheetXml = addLegacyDrawing(sheetXml, added.id);
        }
        pkg.write(
          "[Content_Types].xml",
          addDefault(pkg.read("[Content_Types].xml") ?? "", "vml", ContentType.vml)
        );
      }
      if (shapes.length > 0) pkg.write(vmlPart!, addNoteShapes(vml, shapes));
      if (relsXml !== null && relsXml !== pkg.read(relsPart)) pkg.write(relsPart, relsXml);
    }
    if (sheetXml !== xml) pkg.write(sw.part, sheetXml);
  }

  const st = styles as StylesPatch | null;
  if (st && st.isChanged) {
    if (stylesPart) {
      pkg.write(stylesPart, st.text);
    } else {
      const part = pkg.parts.has("xl/styles.xml")
        ? pkg.freeName("xl", "styles", ".xml")
        : "xl/styles.xml";
      pkg.write(part, st.text);
      const rels = addRelationship(
        pkg.read(wbRelsPart),
        RelType.styles,
        relativeTarget(workbookPart, part)
      );
      pkg.write(wbRelsPart, rels.xml);
      pkg.write(
        "[Content_Types].xml",
        addOverride(pkg.read("[Content_Types].xml") ?? "", part, ContentType.styles)
      );
    }
  }

  if (formulasWritten) {
    // The calculation chain lists formula cells; ours are new, so it goes and Excel rebuilds it.
    const rels = pkg.read(wbRelsPart);
    if (rels !== null) {
      for (const r of parseRels(rels).filter((x) => isRelType(x.type, RelType.calcChain))) {
        const part = resolveTarget(workbookPart, r.target);
        pkg.remove(part);
        const ct = pkg.read("[Content_Types].xml");
        if (ct !== null) pkg.write("[Content_Types].xml", removeOverride(ct, part));
      }
      const kept = removeRelationships(rels, (x) => isRelType(x.type, RelType.calcChain));
      if (kept !== rels) pkg.write(wbRelsPart, kept);
    }
    // New formulas carry the plan's results; Excel recomputes everything on open all the same.
    pkg.write(workbookPart, withFullCalcOnLoad(pkg.read(workbookPart)!));
  }

  if (pkg.changes.size === 0) return result;
  result.changedParts = [...pkg.changes.keys()];
  result.bytes = patchZip(zip, pkg.changes);
  return result;
}

function nextVmlBlock(pkg: PackageEditor): number {
  let max = 0;
  for (const e of pkg.zip.entries) {
    if (!/\.vml$/i.test(e.name)) continue;
    const text = pkg.read(e.name);
    for (const b of text ? vmlBlocks(text) : []) max = Math.max(max, b);
  }
  return max + 1;
}

/** Sheet children that come after <legacyDrawing> (CT_Worksheet order). */
const AFTER_LEGACY_DRAWING = [
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

function addLegacyDrawing(sheetXml: string, rid: string): string {
  const root = findStartTag(sheetXml, ["worksheet"]);
  if (!root) throw new PackageError("malformed-part", "the worksheet has no <worksheet> root");
  const p = root.qname.slice(0, root.qname.indexOf(":") + 1);
  const r = prefixFor(root.text, REL_NS);
  const el = r
    ? `<${p}legacyDrawing ${r}id="${rid}"/>`
    : `<${p}legacyDrawing xmlns:r="${REL_NS}" r:id="${rid}"/>`;
  return insertRootChild(sheetXml, "worksheet", AFTER_LEGACY_DRAWING, el);
}

/** Workbook children that come after <calcPr> (CT_Workbook order). */
const AFTER_CALC_PR = [
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

export function withFullCalcOnLoad(wbXml: string): string {
  const calc = findStartTag(wbXml, ["calcPr"]);
  if (calc) {
    return (
      wbXml.slice(0, calc.start) + setAttr(calc.text, "fullCalcOnLoad", "1") + wbXml.slice(calc.end)
    );
  }
  const root = findStartTag(wbXml, ["workbook"]);
  const p = root ? root.qname.slice(0, root.qname.indexOf(":") + 1) : "";
  return insertRootChild(wbXml, "workbook", AFTER_CALC_PR, `<${p}calcPr fullCalcOnLoad="1"/>`);
}
