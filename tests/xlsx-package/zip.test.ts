import { deflateRawSync } from "zlib";
import ExcelJS from "exceljs";
import {
  crc32,
  openZip,
  patchZip,
  writeZip,
  ZipFormatError,
  ZipLimitError,
} from "../../src/hosts/xlsx-package/zip";

/** A hand-made archive with one deflated entry whose header fields can be falsified. */
function oneEntryZip(
  name: string,
  data: Buffer,
  tweak: { crc?: number; size?: number; flags?: number; method?: number } = {}
): Buffer {
  const body = tweak.method === 0 ? data : deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const crc = tweak.crc ?? crc32(data);
  const size = tweak.size ?? data.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(tweak.flags ?? 0, 6);
  local.writeUInt16LE(tweak.method ?? 8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const cd = Buffer.alloc(46);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt16LE(20, 4);
  cd.writeUInt16LE(20, 6);
  cd.writeUInt16LE(tweak.flags ?? 0, 8);
  cd.writeUInt16LE(tweak.method ?? 8, 10);
  cd.writeUInt32LE(crc, 16);
  cd.writeUInt32LE(body.length, 20);
  cd.writeUInt32LE(size, 24);
  cd.writeUInt16LE(nameBytes.length, 28);
  cd.writeUInt32LE(0, 42);
  const dataLen = 30 + nameBytes.length + body.length;
  const cdLen = 46 + nameBytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cdLen, 12);
  end.writeUInt32LE(dataLen, 16);
  return Buffer.concat([local, nameBytes, body, cd, nameBytes, end]);
}

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe("openZip", () => {
  it("lists and reads the entries of an ExcelJS workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表一").getCell("A1").value = "项目名称";
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const zip = openZip(buf);
    const names = zip.entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml"]));
    expect(zip.readText("xl/workbook.xml")).toContain("表一");
    expect(zip.inflatedTotal).toBeGreaterThan(0);
    expect(zip.entry("xl/workbook.xml")?.method).toBe(8);
  });

  it("stops an inflate bomb at the per-entry cap before inflating", () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const bomb = oneEntryZip("xl/worksheets/sheet1.xml", zeros);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const zip = openZip(bomb, { maxEntryBytes: 1024 * 1024 });
    const e = errorOf(() => zip.read("xl/worksheets/sheet1.xml"));
    expect(e).toBeInstanceOf(ZipLimitError);
    expect(e).toMatchObject({
      code: "entry-size",
      limit: 1024 * 1024,
      entry: "xl/worksheets/sheet1.xml",
    });
  });

  it("stops a bomb that lies about its size at the declared size", () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const liar = oneEntryZip("x.xml", zeros, { size: 100 });
    const e = errorOf(() => openZip(liar).read("x.xml"));
    expect(e).toBeInstanceOf(ZipFormatError);
    expect(e).toMatchObject({ code: "size-mismatch" });
  });

  it("counts every read against the total cap", () => {
    const data = Buffer.alloc(600 * 1024, 65);
    const zip = openZip(oneEntryZip("a.xml", data), { maxTotalBytes: 1024 * 1024 });
    expect(zip.read("a.xml").length).toBe(data.length);
    expect(errorOf(() => zip.read("a.xml"))).toMatchObject({
      code: "total-size",
      limit: 1024 * 1024,
    });
  });

  it("rejects a CRC mismatch", () => {
    const bad = oneEntryZip("a.xml", Buffer.from("<a/>"), { crc: 12345 });
    const e = errorOf(() => openZip(bad).read("a.xml"));
    expect(e).toBeInstanceOf(ZipFormatError);
    expect(e).toMatchObject({ code: "crc-mismatch", entry: "a.xml" });
  });

  it("reads stored entries and rejects other methods", () => {
    expect(
      openZip(oneEntryZip("s.xml", Buffer.from("<s/>"), { method: 0 })).readText("s.xml")
    ).toBe("<s/>");
    const lzma = oneEntryZip("l.xml", Buffer.from("<l/>"), { method: 14 });
    expect(errorOf(() => openZip(lzma).read("l.xml"))).toMatchObject({
      code: "unsupported-method",
    });
  });

  it("rejects encrypted entries, zip64, too many entries and non-zips with typed errors", () => {
    expect(errorOf(() => openZip(oneEntryZip("e", Buffer.from("x"), { flags: 1 })))).toMatchObject({
      code: "encrypted",
    });
    const z64 = oneEntryZip("z", Buffer.from("x"), { size: 0xffffffff });
    expect(errorOf(() => openZip(z64))).toMatchObject({ code: "zip64" });
    const two = writeZip([
      { name: "a", data: Buffer.from("1") },
      { name: "b", data: Buffer.from("2") },
    ]);
    expect(errorOf(() => openZip(two, { maxEntries: 1 }))).toMatchObject({
      code: "entries",
      limit: 1,
    });
    expect(errorOf(() => openZip(Buffer.from("not a zip at all, just text")))).toMatchObject({
      code: "not-a-zip",
    });
    expect(errorOf(() => openZip(two.subarray(0, two.length - 30)))).toBeInstanceOf(ZipFormatError);
  });

  it("rejects corrupt deflate data", () => {
    const good = oneEntryZip("c.xml", Buffer.from("<c>hello hello hello</c>".repeat(50)));
    const bad = Buffer.from(good);
    for (let i = 30 + 5; i < 30 + 5 + 20; i++) bad[i] ^= 0xa5;
    const e = errorOf(() => openZip(bad).read("c.xml"));
    expect(e).toBeInstanceOf(ZipFormatError);
  });
});

describe("writeZip / patchZip", () => {
  it("copies untouched entries raw and keeps their order; new entries go last", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("B2").value = 42;
    const src = Buffer.from(await wb.xlsx.writeBuffer());
    const zip = openZip(src);
    const patched = patchZip(
      zip,
      new Map<string, Buffer | null>([
        ["xl/workbook.xml", Buffer.from(zip.readText("xl/workbook.xml").replace("S", "T"))],
        ["docProps/app.xml", null],
        ["custom/new.bin", Buffer.from([1, 2, 3])],
      ])
    );
    const out = openZip(patched);
    const expected = zip.entries.map((e) => e.name).filter((n) => n !== "docProps/app.xml");
    expect(out.entries.map((e) => e.name)).toEqual([...expected, "custom/new.bin"]);
    for (const e of zip.entries) {
      if (e.name === "xl/workbook.xml" || e.name === "docProps/app.xml") continue;
      const o = out.entry(e.name)!;
      expect({ ...o, flags: o.flags & ~8 }).toEqual({ ...e, flags: e.flags & ~8 });
      expect(out.read(e.name).equals(zip.read(e.name))).toBe(true);
    }
    expect(out.entry("xl/workbook.xml")!.dosDate).toBe(zip.entry("xl/workbook.xml")!.dosDate);
    expect([...out.read("custom/new.bin")]).toEqual([1, 2, 3]);
    // ExcelJS still opens it.
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(patched as unknown as ArrayBuffer);
    expect(back.getWorksheet("T")?.getCell("B2").value).toBe(42);
  });

  it("writes UTF-8 names with the UTF-8 flag", () => {
    const z = openZip(writeZip([{ name: "图/一.xml", data: Buffer.from("<a/>") }]));
    expect(z.entries[0].name).toBe("图/一.xml");
    expect(z.entries[0].flags & 0x800).toBe(0x800);
  });
});
