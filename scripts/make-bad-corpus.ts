/**
 * Writes a corpus of broken and adversarial workbooks, each one `seeds/beijing-2023.xlsx` (19
 * sheets, one table each) with one thing wrong, into the folder given on the command line:
 *
 *   npm run corpus -- /tmp/bad-corpus
 *
 * Every entry declares the exit code `selfeval check` must give it (0 no error finding, 1 error
 * findings, 2 unreadable or only partly readable) and whether `fill` must write an output. The
 * corpus test (tests/corpus/corpus.test.ts) builds it in a temporary folder and holds the CLI to
 * those declarations; bench/bad-input-bench.ts times the worst of it. Nothing generated here is
 * committed. Zip-level edits are made with node:zlib and a small zip writer below, which can also
 * write what a correct writer never would (lying sizes, wrong CRCs, corrupt streams).
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { openZip } from "../src/hosts/xlsx-package/zip";

export type FillExpectation = "writes" | "refuses";

export interface CorpusEntry {
  /** File name (some are odd on purpose: spaces, a line break). */
  name: string;
  /** What is wrong with it. */
  what: string;
  /** The exit code `check` must give. */
  check: 0 | 1 | 2;
  /** Whether `fill` must write an output (exit 0) or refuse the input (exit 2). */
  fill: FillExpectation;
  /** A worst case for time or memory (bench/bad-input-bench.ts times these). */
  heavy?: boolean;
  bytes: Buffer;
}

export const SEED = path.resolve(__dirname, "../seeds/beijing-2023.xlsx");

// ---------------------------------------------------------------------------------------------
// A zip writer that writes whatever it is told (sizes, CRCs and data are the caller's).

interface RawEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  /** The bytes as stored in the archive. */
  body: Buffer;
  crc: number;
  size: number;
  flags?: number;
}

function entryOf(name: string, data: Buffer): RawEntry {
  return {
    name,
    method: 8,
    body: zlib.deflateRawSync(data),
    crc: zlib.crc32(data),
    size: data.length,
  };
}

function writeRawZip(entries: readonly RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const flags = (e.flags ?? 0) | 0x0800; // names are UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.body.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, e.body);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.body.length, 20);
    cd.writeUInt32LE(e.size >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBytes, end]);
}

/**
 * A deflate stream of `head`, then `middle` repeated `times`, then `tail`, built from independent
 * full-flushed blocks so that a gigabyte of output costs one compression of `middle` (about
 * 1/1000 of its size each time it repeats). Also gives the inflated size and CRC-32.
 */
function repeatedDeflate(
  head: string,
  middle: string,
  times: number,
  tail: string
): { body: Buffer; size: number; crc: number } {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const h = Buffer.from(head);
  const m = Buffer.from(middle);
  const t = Buffer.from(tail);
  const mBlock = zlib.deflateRawSync(m, flush);
  const blocks = [zlib.deflateRawSync(h, flush)];
  let crc = zlib.crc32(h);
  for (let i = 0; i < times; i++) {
    blocks.push(mBlock);
    crc = zlib.crc32(m, crc);
  }
  blocks.push(zlib.deflateRawSync(t)); // the final block
  crc = zlib.crc32(t, crc);
  return { body: Buffer.concat(blocks), size: h.length + m.length * times + t.length, crc };
}

// ---------------------------------------------------------------------------------------------
// The seed as a list of parts, edited by name.

class Pkg {
  readonly parts = new Map<string, Buffer>();

  constructor(seed: Buffer) {
    const zip = openZip(seed);
    for (const e of zip.entries)
      if (!e.name.endsWith("/")) this.parts.set(e.name, zip.read(e.name));
  }

  text(name: string): string {
    const b = this.parts.get(name);
    if (!b) throw new Error(`no part ${name}`);
    return b.toString("utf8");
  }

  set(name: string, text: string | Buffer): this {
    this.parts.set(name, typeof text === "string" ? Buffer.from(text, "utf8") : text);
    return this;
  }

  edit(name: string, f: (xml: string) => string): this {
    const before = this.text(name);
    const after = f(before);
    if (after === before) throw new Error(`edit of ${name} changed nothing`);
    return this.set(name, after);
  }

  sheet(n: number, f: (xml: string) => string): this {
    return this.edit(`xl/worksheets/sheet${n}.xml`, f);
  }

  remove(name: string): this {
    if (!this.parts.delete(name)) throw new Error(`no part ${name}`);
    return this;
  }

  entries(): RawEntry[] {
    return [...this.parts].map(([n, d]) => entryOf(n, d));
  }

  zip(tweak?: (entries: RawEntry[]) => void): Buffer {
    const e = this.entries();
    tweak?.(e);
    return writeRawZip(e);
  }
}

function find(entries: RawEntry[], name: string): RawEntry {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`no entry ${name}`);
  return e;
}

/** Cells to add to a sheet, just before </sheetData> (as a new row at `row`). */
function addRow(xml: string, row: number, cells: string): string {
  return xml.replace("</sheetData>", `<row r="${row}">${cells}</row></sheetData>`);
}

function addMerges(xml: string, refs: string[]): string {
  const m = refs.map((r) => `<mergeCell ref="${r}"/>`).join("");
  return xml.includes("</mergeCells>")
    ? xml.replace("</mergeCells>", `${m}</mergeCells>`)
    : xml.replace("</sheetData>", `</sheetData><mergeCells>${m}</mergeCells>`);
}

/** Replaces the content of cell `ref` (its <c …>…</c> or <c …/>) with `cell`. */
function setCell(xml: string, ref: string, cell: string): string {
  const re = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
  if (!re.test(xml)) throw new Error(`no cell ${ref}`);
  return xml.replace(re, cell);
}

function inline(ref: string, text: string): string {
  const esc = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc}</t></is></c>`;
}

function renameSheet(p: Pkg, index: number, name: string): Pkg {
  const esc = name.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  let n = 0;
  return p.edit("xl/workbook.xml", (x) =>
    x.replace(/<sheet [^>]*?name="[^"]*"/g, (m) =>
      ++n === index ? m.replace(/name="[^"]*"/, `name="${esc}"`) : m
    )
  );
}

function setSheetState(p: Pkg, index: number, state: string): Pkg {
  let n = 0;
  return p.edit("xl/workbook.xml", (x) =>
    x.replace(/<sheet [^>]*?\/>/g, (m) =>
      ++n === index ? m.replace(/state="[^"]*"/, `state="${state}"`) : m
    )
  );
}

const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// ---------------------------------------------------------------------------------------------
// The corpus

export function buildCorpus(seed: Buffer = fs.readFileSync(SEED)): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  const pkg = () => new Pkg(seed);
  const add = (e: Omit<CorpusEntry, "fill"> & { fill?: FillExpectation }) =>
    out.push({ fill: e.check === 2 ? "refuses" : "writes", ...e });

  // --- containers that are not (whole) zips
  add({
    name: "truncated-half.xlsx",
    what: "the first half of the file",
    check: 2,
    bytes: seed.subarray(0, seed.length >> 1),
  });
  add({
    name: "truncated-tail.xlsx",
    what: "the last 10 bytes cut off",
    check: 2,
    bytes: seed.subarray(0, seed.length - 10),
  });
  add({ name: "empty.xlsx", what: "an empty file", check: 2, bytes: Buffer.alloc(0) });
  add({
    name: "text-renamed.xlsx",
    what: "a text file named .xlsx",
    check: 2,
    bytes: Buffer.from("项目支出绩效自评表\n".repeat(50)),
  });
  {
    const b = Buffer.from(seed);
    const cd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    b.writeUInt32LE(0xdeadbeef, cd);
    add({
      name: "corrupt-central-directory.xlsx",
      what: "a central directory record with a broken signature",
      check: 2,
      bytes: b,
    });
  }
  add({
    name: "docx-renamed.xlsx",
    what: "a zip without a workbook part",
    check: 2,
    bytes: writeRawZip([entryOf("word/document.xml", Buffer.from("<w:document/>"))]),
  });
  add({
    name: "encrypted-entry.xlsx",
    what: "every entry flagged as encrypted",
    check: 2,
    bytes: pkg().zip((es) => es.forEach((e) => (e.flags = 1))),
  });
  add({
    name: "duplicate-entry.xlsx",
    what: "xl/workbook.xml twice",
    check: 2,
    bytes: pkg().zip((es) => es.push({ ...find(es, "xl/workbook.xml") })),
  });

  // --- damaged parts: one sheet (reported, the others checked) or the whole workbook
  add({
    name: "corrupt-deflate-sheet.xlsx",
    what: "sheet 3's deflate stream overwritten in the middle",
    check: 2,
    bytes: pkg().zip((es) => {
      const e = find(es, "xl/worksheets/sheet3.xml");
      e.body = Buffer.from(e.body);
      e.body.fill(0xff, e.body.length >> 2, (e.body.length >> 2) + 64);
    }),
  });
  add({
    name: "crc-mismatch-sheet.xlsx",
    what: "sheet 4 with a wrong CRC-32",
    check: 2,
    bytes: pkg().zip((es) => (find(es, "xl/worksheets/sheet4.xml").crc ^= 0x5a5a)),
  });
  add({
    name: "size-mismatch-sheet.xlsx",
    what: "sheet 5 recorded as 100 bytes shorter than it is",
    check: 2,
    bytes: pkg().zip((es) => (find(es, "xl/worksheets/sheet5.xml").size -= 100)),
  });
  add({
    name: "corrupt-deflate-sharedstrings.xlsx",
    what: "the shared strings' deflate stream overwritten",
    check: 2,
    bytes: pkg().zip((es) => {
      const e = find(es, "xl/sharedStrings.xml");
      e.body = Buffer.from(e.body);
      e.body.fill(0x00, 16, 80);
    }),
  });
  add({
    name: "missing-sheet-part.xlsx",
    what: "sheet 7's part removed (the workbook still lists it)",
    check: 2,
    bytes: pkg().remove("xl/worksheets/sheet7.xml").zip(),
  });
  add({
    name: "truncated-sheet-xml.xlsx",
    what: "sheet 6's XML cut in the middle (the zip itself is sound)",
    check: 2,
    bytes: pkg()
      .sheet(6, (x) => x.slice(0, x.length >> 1))
      .zip(),
  });
  add({
    name: "utf16-sheet.xlsx",
    what: "sheet 5 encoded as UTF-16LE with a byte order mark (allowed by XML)",
    check: 1,
    bytes: (() => {
      const p = pkg();
      const x = p.text("xl/worksheets/sheet5.xml").replace('encoding="UTF-8"', 'encoding="UTF-16"');
      return p
        .set(
          "xl/worksheets/sheet5.xml",
          Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(x, "utf16le")])
        )
        .zip();
    })(),
  });
  add({
    name: "utf16-sheet-no-bom.xlsx",
    what: "sheet 5 encoded as UTF-16LE without a byte order mark",
    check: 2,
    bytes: (() => {
      const p = pkg();
      return p
        .set("xl/worksheets/sheet5.xml", Buffer.from(p.text("xl/worksheets/sheet5.xml"), "utf16le"))
        .zip();
    })(),
  });

  // --- inflate bombs (~1 MB each, over 1 GB inflated)
  const row = `<row><c t="inlineStr"><is><t>${"炸".repeat(300)}</t></is></c></row>`;
  const sheetBomb = repeatedDeflate(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
    row.repeat(Math.ceil((1 << 20) / Buffer.byteLength(row))),
    1100,
    "</sheetData></worksheet>"
  );
  add({
    name: "bomb-sheet.xlsx",
    what: "sheet 1 inflates to 1.1 GB (its recorded size says so)",
    check: 2,
    heavy: true,
    bytes: pkg().zip((es) => Object.assign(find(es, "xl/worksheets/sheet1.xml"), sheetBomb)),
  });
  add({
    name: "bomb-sheet-lying-size.xlsx",
    what: "sheet 1 inflates to 1.1 GB while its recorded size says 9 KB",
    check: 2,
    heavy: true,
    bytes: pkg().zip((es) =>
      Object.assign(find(es, "xl/worksheets/sheet1.xml"), sheetBomb, { size: 9000 })
    ),
  });
  const si = `<si><t>${"绩效".repeat(200)}</t></si>`;
  const sstBomb = repeatedDeflate(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
    si.repeat(Math.ceil((1 << 20) / Buffer.byteLength(si))),
    2150,
    "</sst>"
  );
  add({
    name: "bomb-sharedstrings.xlsx",
    what: "the shared strings inflate to 2.2 GB (more than a JavaScript string can hold)",
    check: 2,
    heavy: true,
    bytes: pkg().zip((es) => Object.assign(find(es, "xl/sharedStrings.xml"), sstBomb)),
  });
  add({
    name: "bomb-sharedstrings-lying-size.xlsx",
    what: "the shared strings inflate to 2.2 GB while their recorded size says 31 KB",
    check: 2,
    heavy: true,
    bytes: pkg().zip((es) =>
      Object.assign(find(es, "xl/sharedStrings.xml"), sstBomb, { size: 31424 })
    ),
  });
  add({
    name: "too-many-entries.xlsx",
    what: "10,001 tiny extra entries (over the entry cap)",
    check: 2,
    heavy: true,
    bytes: pkg().zip((es) => {
      for (let i = 0; i < 10_001; i++)
        es.push({ name: `customXml/x${i}.xml`, method: 0, body: Buffer.alloc(0), crc: 0, size: 0 });
    }),
  });
  {
    // 1,000 rows of 1,001 cells: over the cell cap, yet only ~30 KB compressed.
    const cells = "<c><v>1</v></c>".repeat(1001);
    const many = repeatedDeflate(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
      `<row>${cells}</row>`,
      1000,
      "</sheetData></worksheet>"
    );
    add({
      name: "too-many-cells.xlsx",
      what: "sheet 2 holds 1,001,000 numbers (over the cell cap)",
      check: 2,
      heavy: true,
      bytes: pkg().zip((es) => Object.assign(find(es, "xl/worksheets/sheet2.xml"), many)),
    });
  }

  // --- XML entities
  add({
    name: "entity-expansion.xlsx",
    what: "the shared strings declare a billion-laughs entity and use it",
    check: 2,
    bytes: pkg()
      .edit("xl/sharedStrings.xml", (x) => {
        const decl = Array.from(
          { length: 9 },
          (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`
        ).join("");
        return x
          .replace("<sst", `<!DOCTYPE sst [<!ENTITY l0 "lol">${decl}]><sst`)
          .replace("<t>", "<t>&l9;");
      })
      .zip(),
  });
  add({
    name: "external-entity.xlsx",
    what: "sheet 1 declares an external entity (file:///etc/passwd) and uses it in a cell",
    check: 2,
    bytes: pkg()
      .sheet(1, (x) =>
        setCell(
          x.replace(
            "<worksheet",
            `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet`
          ),
          "I14",
          `<c r="I14" t="inlineStr"><is><t>&xxe;</t></is></c>`
        )
      )
      .zip(),
  });

  // --- used range far beyond the content, merges
  add({
    name: "dimension-whole-sheet.xlsx",
    what: "sheet 1 declares a dimension of A1:XFD1048576",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) => x.replace('<dimension ref="A1:I22"/>', '<dimension ref="A1:XFD1048576"/>'))
      .zip(),
  });
  add({
    name: "value-at-XFD1048576.xlsx",
    what: "sheet 1 holds one number at XFD1048576",
    check: 1,
    heavy: true,
    bytes: pkg()
      .sheet(1, (x) => addRow(x, 1048576, `<c r="XFD1048576"><v>1</v></c>`))
      .zip(),
  });
  add({
    name: "filler-200k-rows.xlsx",
    what: "sheet 1 has 200,000 rows of filler below the table",
    check: 1,
    heavy: true,
    bytes: pkg()
      .sheet(1, (x) => {
        const rows: string[] = [];
        for (let r = 30; r < 200_030; r++)
          rows.push(`<row r="${r}"><c r="K${r}"><v>${r}</v></c></row>`);
        return x.replace("</sheetData>", `${rows.join("")}</sheetData>`);
      })
      .zip(),
  });
  add({
    name: "merge-column-to-last-row.xlsx",
    what: "sheet 1 has a merge K1:L1048576",
    check: 1,
    heavy: true,
    bytes: pkg()
      .sheet(1, (x) => addMerges(x, ["K1:L1048576"]))
      .zip(),
  });
  add({
    name: "merge-whole-sheet-2.xlsx",
    what: "sheet 2 is one merge A1:XFD1048576 (it then shows only its A1; the other 18 tables are checked)",
    check: 1,
    heavy: true,
    bytes: pkg()
      .sheet(2, (x) => addMerges(x, ["A1:XFD1048576"]))
      .zip(),
  });
  add({
    name: "merge-past-XFD.xlsx",
    what: "sheet 1 has a merge running past the last column (A30:XFH31)",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) => addMerges(x, ["A30:XFH31"]))
      .zip(),
  });
  add({
    name: "merge-bad-reference.xlsx",
    what: "sheet 1 has a merge whose reference is not a cell (A1:ZZZZ9)",
    check: 2,
    bytes: pkg()
      .sheet(1, (x) => addMerges(x, ["A1:ZZZZ9"]))
      .zip(),
  });
  add({
    name: "merges-overlapping.xlsx",
    what: "sheet 1 has merges that overlap each other and the table's own",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) => addMerges(x, ["A1:C3", "B2:D4", "G14:H15", "H15:I16"]))
      .zip(),
  });
  add({
    name: "unclosed-cells-120k.xlsx",
    what: "sheet 1's data is 120,000 <c> start tags never closed",
    check: 2,
    heavy: true,
    bytes: pkg()
      .sheet(1, (x) =>
        x.replace("</sheetData>", `<row r="40">${"<c><v>1</v>".repeat(120_000)}</row></sheetData>`)
      )
      .zip(),
  });
  add({
    name: "cell-reference-past-XFD.xlsx",
    what: "sheet 1 has a cell at XFE1",
    check: 2,
    bytes: pkg()
      .sheet(1, (x) => addRow(x, 40, `<c r="XFE40"><v>1</v></c>`))
      .zip(),
  });

  // --- values a table does not expect
  add({
    name: "error-values-in-amounts.xlsx",
    what: "sheet 1's 全年预算数 and 全年执行数 are #DIV/0! and #N/A",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) =>
        setCell(
          setCell(x, "E7", `<c r="E7" s="7" t="e"><v>#DIV/0!</v></c>`),
          "F7",
          `<c r="F7" s="7" t="e"><v>#N/A</v></c>`
        )
      )
      .zip(),
  });
  add({
    name: "dates-in-amounts.xlsx",
    what: 'sheet 1\'s 全年预算数 is an ISO date cell (t="d") and 全年执行数 a date-formatted serial',
    check: 1,
    bytes: pkg()
      .sheet(1, (x) =>
        setCell(
          setCell(x, "E7", `<c r="E7" t="d"><v>2023-12-31</v></c>`),
          "F7",
          `<c r="F7" s="7"><v>45291</v></c>`
        )
      )
      .zip(),
  });
  add({
    name: "booleans-in-amounts.xlsx",
    what: "sheet 1's amounts are TRUE and FALSE",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) =>
        setCell(
          setCell(x, "E7", `<c r="E7" t="b"><v>1</v></c>`),
          "F7",
          `<c r="F7" t="b"><v>0</v></c>`
        )
      )
      .zip(),
  });
  add({
    name: "numbers-as-text.xlsx",
    what: "sheet 1's amounts and scores typed as text: 96 万, 1,5, 0x10, abc",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) =>
        [
          ["E7", "96 万"],
          ["F7", "1,5"],
          ["G14", "0x10"],
          ["H14", "abc"],
        ].reduce((acc, [ref, t]) => setCell(acc, ref, inline(ref, t)), x)
      )
      .zip(),
  });
  add({
    name: "shared-formulas.xlsx",
    what: "sheet 1's 得分 column written as one shared formula",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) => {
        let y = setCell(
          x,
          "H14",
          `<c r="H14" s="8"><f t="shared" ref="H14:H21" si="0">G14*1</f><v>10</v></c>`
        );
        for (let r = 15; r <= 21; r++)
          y = setCell(y, `H${r}`, `<c r="H${r}" s="8"><f t="shared" si="0"/><v>10</v></c>`);
        return y;
      })
      .zip(),
  });
  add({
    name: "array-formula.xlsx",
    what: "sheet 1's 执行率 is an array formula",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) =>
        setCell(x, "H7", `<c r="H7" s="9"><f t="array" ref="H7">F7/E7</f><v>1</v></c>`)
      )
      .zip(),
  });
  add({
    name: "rich-text-labels.xlsx",
    what: "the header labels 一级指标 … 得分 written as rich text runs",
    check: 1,
    bytes: pkg()
      .edit("xl/sharedStrings.xml", (x) =>
        x.replace(
          /<si><t>(一级指标|二级指标|三级指标|分值|得分)<\/t><\/si>/g,
          (_m, t: string) =>
            `<si><r><rPr><b/><sz val="11"/></rPr><t>${t.slice(0, 1)}</t></r><r><t>${t.slice(1)}</t></r><rPh sb="0" eb="1"><t>ピン</t></rPh></si>`
        )
      )
      .zip(),
  });
  add({
    name: "inline-string-labels.xlsx",
    what: "every text cell of sheet 1 as an inline string instead of a shared one",
    check: 1,
    bytes: (() => {
      const p = pkg();
      const sst = [...p.text("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
        (m) => m[1]
      );
      return p
        .sheet(1, (x) =>
          x.replace(
            /<c r="([A-Z]+\d+)"( s="\d+")? t="s"><v>(\d+)<\/v><\/c>/g,
            (_m, r: string, s: string | undefined, i: string) =>
              `<c r="${r}"${s ?? ""} t="inlineStr"><is>${sst[Number(i)]}</is></c>`
          )
        )
        .zip();
    })(),
  });
  add({
    name: "zero-width-spaces.xlsx",
    what: "zero-width spaces and a BOM inside the labels and numbers-as-text",
    check: 1,
    bytes: pkg()
      .edit("xl/sharedStrings.xml", (x) =>
        x.replace(
          /<t>(分值|得分|全年预算数)/g,
          (_m, t: string) => `<t>\u200b${t.split("").join("\u200b")}\ufeff`
        )
      )
      .zip(),
  });
  add({
    name: "formula-looking-text.xlsx",
    what: "text that looks like a formula in table cells: =SUM(G14:G21), +1+1, @SUM(1)",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) =>
        setCell(
          setCell(setCell(x, "H22", inline("H22", "=SUM(G14:G21)")), "H21", inline("H21", "+1+1")),
          "I20",
          inline("I20", "@SUM(1)")
        )
      )
      .zip(),
  });
  add({
    name: "escape-sequences.xlsx",
    what: "terminal escape sequences and control characters in cell text (ESC[2J, ESC]0;…BEL, ESC[8m, _x001B_)",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) =>
        // As Excel stores them: XML cannot carry these characters, so they are written _xHHHH_.
        setCell(
          setCell(x, "B3", inline("B3", "项目_x001B_[2J_x001B_]0;pwned_x0007__x001B_[8m名称")),
          "I20",
          inline("I20", "_x001B_[31m原因_x000D_\n第二行")
        )
      )
      .zip(),
  });

  // --- sheets and names
  add({
    name: "hidden-sheets.xlsx",
    what: "sheet 2 hidden and sheet 3 very hidden (both still checked)",
    check: 1,
    bytes: setSheetState(setSheetState(pkg(), 2, "hidden"), 3, "veryHidden").zip(),
  });
  add({
    name: "sheet-name-40-chars.xlsx",
    what: "sheet 1 named with 40 characters (Excel allows 31)",
    check: 1,
    bytes: renameSheet(
      pkg(),
      1,
      "基层党组织党建活动经费基层党组织党建活动经费基层党组织党建活动经费基层党组织党"
    ).zip(),
  });
  add({
    name: "sheet-name-quotes.xlsx",
    what: `sheet 1 named with quotes and an ampersand: 'A' & "B"`,
    check: 1,
    bytes: renameSheet(pkg(), 1, `'A' & "B"`).zip(),
  });
  add({
    name: "sheet-name-cjk-symbols.xlsx",
    what: "sheet 1 named 预算（2023）·第1版／终稿",
    check: 1,
    bytes: renameSheet(pkg(), 1, "预算（2023）·第1版／终稿").zip(),
  });
  add({
    name: "odd name with  spaces .xlsx",
    what: "spaces in the file name",
    check: 1,
    bytes: seed,
  });
  add({
    name: "odd\nline-break.xlsx",
    what: "a line break in the file name",
    check: 1,
    bytes: seed,
  });
  add({
    name: "chart-sheet.xlsx",
    what: "a chart sheet after the worksheets (not a table; kept by fill)",
    check: 1,
    bytes: (() => {
      const p = pkg();
      p.set(
        "xl/chartsheets/sheet1.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`
      );
      p.set(
        "xl/chartsheets/_rels/sheet1.xml.rels",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`
      );
      p.set(
        "xl/drawings/drawing1.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666000" cy="6295000"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`
      );
      p.set(
        "xl/drawings/_rels/drawing1.xml.rels",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`
      );
      p.set(
        "xl/charts/chart1.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>基层党组织党建活动经费!$G$14:$G$21</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling/><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling/><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`
      );
      p.edit("[Content_Types].xml", (x) =>
        x.replace(
          "</Types>",
          `<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`
        )
      );
      p.edit("xl/_rels/workbook.xml.rels", (x) =>
        x.replace(
          "</Relationships>",
          `<Relationship Id="rId900" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`
        )
      );
      p.edit("xl/workbook.xml", (x) =>
        x.replace("</sheets>", `<sheet name="图表" sheetId="900" r:id="rId900"/></sheets>`)
      );
      return p.zip();
    })(),
  });
  add({
    name: "macro.xlsm",
    what: "a macro-enabled workbook with a vbaProject.bin",
    check: 1,
    bytes: (() => {
      const p = pkg();
      p.set(
        "xl/vbaProject.bin",
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) & 0xff))
      );
      p.edit("[Content_Types].xml", (x) =>
        x
          .replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
          )
          .replace(
            "</Types>",
            `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>`
          )
      );
      p.edit("xl/_rels/workbook.xml.rels", (x) =>
        x.replace(
          "</Relationships>",
          `<Relationship Id="rId901" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`
        )
      );
      return p.zip();
    })(),
  });
  add({
    name: "strict-ooxml.xlsx",
    what: "Strict Open XML namespaces (purl.oclc.org) throughout, as Excel's 'Strict' format writes",
    check: 1,
    bytes: (() => {
      const p = pkg();
      for (const name of [...p.parts.keys()].filter(
        (n) => n.endsWith(".xml") || n.endsWith(".rels")
      ))
        p.set(
          name,
          p
            .text(name)
            .replace(
              /http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g,
              "http://purl.oclc.org/ooxml/spreadsheetml/main"
            )
            .replace(
              /http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships/g,
              "http://purl.oclc.org/ooxml/officeDocument/relationships"
            )
        );
      return p.zip();
    })(),
  });
  add({
    name: "prefixed-spreadsheetml.xlsx",
    what: "sheet 1 written with an x: prefix on every element, as some generators do",
    check: 1,
    bytes: pkg()
      .sheet(1, (x) =>
        x
          .replace(
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
            '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
          )
          .replace(/<(\/?)(?!x:|\?|worksheet)([a-zA-Z]+[\s>/])/g, "<$1x:$2")
          .replace("</worksheet>", "</x:worksheet>")
      )
      .zip(),
  });
  add({
    name: "no-styles.xlsx",
    what: "no styles.xml (as some writers make workbooks)",
    check: 1,
    bytes: pkg()
      .remove("xl/styles.xml")
      .edit("xl/_rels/workbook.xml.rels", (x) =>
        x.replace(/<Relationship [^>]*Target="styles\.xml"\/>/, "")
      )
      .edit("[Content_Types].xml", (x) =>
        x.replace(/<Override PartName="\/xl\/styles\.xml"[^>]*\/>/, "")
      )
      .zip(),
  });
  add({
    name: "no-docprops.xlsx",
    what: "no docProps/app.xml or docProps/core.xml",
    check: 1,
    bytes: pkg()
      .remove("docProps/app.xml")
      .remove("docProps/core.xml")
      .edit("_rels/.rels", (x) =>
        x.replace(/<Relationship [^>]*Target="docProps\/[a-z]+\.xml"\/>/g, "")
      )
      .edit("[Content_Types].xml", (x) =>
        x.replace(/<Override PartName="\/docProps\/[a-z]+\.xml"[^>]*\/>/g, "")
      )
      .zip(),
  });
  add({
    name: "extra-sheet-no-table.xlsx",
    what: "an added worksheet with only a note on it",
    check: 1,
    bytes: (() => {
      const p = pkg();
      p.set(
        "xl/worksheets/sheet99.xml",
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData></worksheet>`
      );
      p.edit("[Content_Types].xml", (x) =>
        x.replace(
          "</Types>",
          `<Override PartName="/xl/worksheets/sheet99.xml" ContentType="${CT_SHEET}"/></Types>`
        )
      );
      p.edit("xl/_rels/workbook.xml.rels", (x) =>
        x.replace(
          "</Relationships>",
          `<Relationship Id="rId999" Type="${REL}/worksheet" Target="worksheets/sheet99.xml"/></Relationships>`
        )
      );
      p.edit("xl/workbook.xml", (x) =>
        x.replace("</sheets>", `<sheet name="说明" sheetId="99" r:id="rId999"/></sheets>`)
      );
      return p.zip();
    })(),
  });
  return out;
}

/** The parts of a workbook (the zip's directory entries left out), by name. */
export function partsOf(workbook: Buffer): Map<string, Buffer> {
  return new Pkg(workbook).parts;
}

/** A workbook made of `parts` (deflated, sizes and CRCs correct). */
export function zipParts(parts: ReadonlyMap<string, Buffer | string>): Buffer {
  return writeRawZip(
    [...parts].map(([n, d]) => entryOf(n, typeof d === "string" ? Buffer.from(d, "utf8") : d))
  );
}

/** Writes the corpus into `dir` (created if needed); returns the entries with their paths. */
export function writeCorpus(dir: string, seed?: Buffer): (CorpusEntry & { file: string })[] {
  fs.mkdirSync(dir, { recursive: true });
  return buildCorpus(seed).map((e) => {
    const file = path.join(dir, e.name);
    fs.writeFileSync(file, e.bytes);
    return { ...e, file };
  });
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write("usage: npm run corpus -- <folder>\n");
    process.exit(2);
  }
  const t0 = Date.now();
  const entries = writeCorpus(dir);
  for (const e of entries)
    process.stdout.write(
      `${JSON.stringify(e.name).padEnd(44)} check ${e.check}  fill ${e.fill.padEnd(8)} ${(e.bytes.length / 1024).toFixed(0).padStart(6)} KB  ${e.what}\n`
    );
  process.stdout.write(`${entries.length} workbooks in ${dir} (${Date.now() - t0} ms)\n`);
}
