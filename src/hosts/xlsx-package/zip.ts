/**
 * The zip container of an .xlsx/.xlsm package, read and written in memory (Buffer in, Buffer out;
 * no file I/O here).
 *
 * Why our own and not a library: we need three things together that the zip libraries at hand
 * do not give at once — (1) every inflate bounded by an output cap *before* the bytes exist
 * (node:zlib's `maxOutputLength`), so an inflate bomb stops at the cap instead of exhausting
 * memory; (2) the declared size and the CRC-32 of every part verified; (3) writing a new archive
 * where untouched entries are copied raw (their compressed bytes, method, CRC and timestamps as
 * in the source), so a patched workbook keeps every part we did not change byte for byte.
 * Only what OOXML packages use is supported: methods stored (0) and deflate (8), no zip64, no
 * encryption, a single disk. Anything else is a typed error, never a guess.
 *
 * Usage:
 *   const zip = openZip(bytes);               // parses the central directory (bounded)
 *   zip.entries.map((e) => e.name);           // what is inside
 *   const xml = zip.readText("xl/workbook.xml");
 *   const out = writeZip([
 *     ...zip.entries.map((e) => e.name === "xl/workbook.xml" ? { name: e.name, data: newXml } : { name: e.name, from: zip }),
 *   ]);
 * or, shorter, `patchZip(zip, new Map([["xl/workbook.xml", newXml]]))`.
 */
import { deflateRawSync, inflateRawSync } from "zlib";

/** Caps on what one archive may make us do. Real submissions stay far under the defaults. */
export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes over every `read` of one archive. */
  maxTotalBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 10_000,
  maxEntryBytes: 100 * MiB,
  maxTotalBytes: 300 * MiB,
});

/** Why an archive is not one we can read. */
export type ZipFormatCode =
  | "not-a-zip" // no end-of-central-directory record
  | "truncated" // a record or an entry's data runs past the end of the buffer
  | "zip64"
  | "encrypted"
  | "multi-disk"
  | "unsupported-method" // neither stored nor deflate
  | "duplicate-entry"
  | "no-such-entry"
  | "bad-local-header"
  | "corrupt-data" // the deflate stream does not inflate
  | "size-mismatch" // inflated size differs from the declared one
  | "crc-mismatch";

/** The archive is malformed or uses a feature we do not read. */
export class ZipFormatError extends Error {
  override readonly name = "ZipFormatError";
  constructor(
    readonly code: ZipFormatCode,
    message: string,
    /** The entry concerned, when there is one. */
    readonly entry?: string
  ) {
    super(message);
  }
}

/** Which cap was reached. */
export type ZipLimitCode = "entries" | "entry-size" | "total-size";

/** The archive asks for more than a limit allows; `limit` is the cap in force (count or bytes). */
export class ZipLimitError extends Error {
  override readonly name = "ZipLimitError";
  constructor(
    readonly code: ZipLimitCode,
    readonly limit: number,
    message: string,
    readonly entry?: string
  ) {
    super(message);
  }
}

/** One entry as the central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  /** General purpose bit flags. */
  flags: number;
  /** MS-DOS time and date fields, as stored. */
  dosTime: number;
  dosDate: number;
}

/** Internal: what a raw copy needs beyond the public description. */
interface EntryRecord extends ZipEntry {
  nameBytes: Buffer;
  versionMadeBy: number;
  versionNeeded: number;
  centralExtra: Buffer;
  comment: Buffer;
  internalAttrs: number;
  externalAttrs: number;
  localOffset: number;
}

export interface ZipArchive {
  /** Entries in central directory order. */
  readonly entries: readonly ZipEntry[];
  readonly limits: Readonly<ZipLimits>;
  has(name: string): boolean;
  entry(name: string): ZipEntry | undefined;
  /** Inflates an entry (bounded by the limits; size and CRC verified). */
  read(name: string): Buffer;
  /** `read` decoded as XML text: UTF-8 (BOM dropped), or UTF-16 when it starts with a UTF-16 BOM. */
  readText(name: string): string;
  /** Inflated bytes handed out so far (counted against `maxTotalBytes`). */
  readonly inflatedTotal: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

// ---------------------------------------------------------------------------------------------
// CRC-32 (IEEE 802.3, the zip polynomial). Node 20's zlib has no crc32; a table makes it fast enough
// for parts of a few hundred MB.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `data` (unsigned). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Reading

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length)
      return i;
  }
  throw new ZipFormatError("not-a-zip", "not a zip archive (no end of central directory record)");
}

function decodeName(bytes: Buffer, flags: number): string {
  // OOXML part names are ASCII; bit 11 marks UTF-8, otherwise code page 437, read here as latin1
  // (only non-ASCII names differ, and those are not OOXML parts).
  return flags & FLAG_UTF8 ? bytes.toString("utf8") : bytes.toString("latin1");
}

/** Parses the central directory of `buf`; nothing is inflated until `read`. */
export function openZip(buf: Buffer, limits: Partial<ZipLimits> = {}): ZipArchive {
  const lim: Readonly<ZipLimits> = Object.freeze({ ...DEFAULT_ZIP_LIMITS, ...limits });
  if (buf.length < 22) throw new ZipFormatError("not-a-zip", "not a zip archive (too short)");
  const eocd = findEndOfCentralDirectory(buf);
  const diskNo = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const entriesOnDisk = buf.readUInt16LE(eocd + 8);
  const entryCount = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (
    (eocd >= 20 && buf.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR) ||
    entryCount === 0xffff ||
    cdSize === 0xffffffff ||
    cdOffset === 0xffffffff
  )
    throw new ZipFormatError("zip64", "zip64 archives are not supported");
  if (diskNo !== 0 || cdDisk !== 0 || entriesOnDisk !== entryCount)
    throw new ZipFormatError("multi-disk", "multi-disk (split) archives are not supported");
  if (entryCount > lim.maxEntries)
    throw new ZipLimitError(
      "entries",
      lim.maxEntries,
      `${entryCount} entries exceed the limit of ${lim.maxEntries}`
    );
  if (cdOffset + cdSize > eocd)
    throw new ZipFormatError("truncated", "the central directory runs past its end record");

  const records: EntryRecord[] = [];
  const byName = new Map<string, EntryRecord>();
  let p = cdOffset;
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== SIG_CENTRAL)
      throw new ZipFormatError("truncated", `central directory entry ${i + 1} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > eocd)
      throw new ZipFormatError("truncated", `central directory entry ${i + 1} is damaged`);
    const nameBytes = Buffer.from(buf.subarray(p + 46, p + 46 + nameLen));
    const rec: EntryRecord = {
      name: decodeName(nameBytes, flags),
      nameBytes,
      versionMadeBy: buf.readUInt16LE(p + 4),
      versionNeeded: buf.readUInt16LE(p + 6),
      flags,
      method: buf.readUInt16LE(p + 10),
      dosTime: buf.readUInt16LE(p + 12),
      dosDate: buf.readUInt16LE(p + 14),
      crc32: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      internalAttrs: buf.readUInt16LE(p + 36),
      externalAttrs: buf.readUInt32LE(p + 38),
      localOffset: buf.readUInt32LE(p + 42),
      centralExtra: Buffer.from(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen)),
      comment: Buffer.from(buf.subarray(p + 46 + nameLen + extraLen, end)),
    };
    if (buf.readUInt16LE(p + 34) !== 0)
      throw new ZipFormatError(
        "multi-disk",
        "multi-disk (split) archives are not supported",
        rec.name
      );
    if (
      rec.compressedSize === 0xffffffff ||
      rec.uncompressedSize === 0xffffffff ||
      rec.localOffset === 0xffffffff
    )
      throw new ZipFormatError("zip64", "zip64 entries are not supported", rec.name);
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION))
      throw new ZipFormatError("encrypted", `entry ${rec.name} is encrypted`, rec.name);
    if (byName.has(rec.name))
      throw new ZipFormatError("duplicate-entry", `entry ${rec.name} appears twice`, rec.name);
    records.push(rec);
    byName.set(rec.name, rec);
    p = end;
  }

  let inflatedTotal = 0;
  const archive: ZipArchive & { [RAW]: RawAccess } = {
    entries: records.map(publicEntry),
    limits: lim,
    has: (name) => byName.has(name),
    entry: (name) => {
      const r = byName.get(name);
      return r && publicEntry(r);
    },
    read(name) {
      const rec = byName.get(name);
      if (!rec) throw new ZipFormatError("no-such-entry", `no entry ${name}`, name);
      const data = inflateEntry(buf, rec, lim, inflatedTotal);
      inflatedTotal += data.length;
      return data;
    },
    readText(name) {
      return decodeXmlText(archive.read(name));
    },
    get inflatedTotal() {
      return inflatedTotal;
    },
    [RAW]: {
      record: (name) => byName.get(name),
      data: (rec) => compressedData(buf, rec),
      localExtra: (rec) => localHeader(buf, rec).extra,
    },
  };
  return archive;
}

function publicEntry(r: EntryRecord): ZipEntry {
  return {
    name: r.name,
    method: r.method,
    compressedSize: r.compressedSize,
    uncompressedSize: r.uncompressedSize,
    crc32: r.crc32,
    flags: r.flags,
    dosTime: r.dosTime,
    dosDate: r.dosDate,
  };
}

function localHeader(buf: Buffer, rec: EntryRecord): { dataStart: number; extra: Buffer } {
  const p = rec.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== SIG_LOCAL)
    throw new ZipFormatError(
      "bad-local-header",
      `entry ${rec.name}: local header missing`,
      rec.name
    );
  const nameLen = buf.readUInt16LE(p + 26);
  const extraLen = buf.readUInt16LE(p + 28);
  const dataStart = p + 30 + nameLen + extraLen;
  if (dataStart > buf.length)
    throw new ZipFormatError("truncated", `entry ${rec.name} runs past the end`, rec.name);
  return { dataStart, extra: Buffer.from(buf.subarray(p + 30 + nameLen, dataStart)) };
}

function compressedData(buf: Buffer, rec: EntryRecord): Buffer {
  const { dataStart } = localHeader(buf, rec);
  const end = dataStart + rec.compressedSize;
  if (end > buf.length)
    throw new ZipFormatError("truncated", `entry ${rec.name} runs past the end`, rec.name);
  return buf.subarray(dataStart, end);
}

function inflateEntry(
  buf: Buffer,
  rec: EntryRecord,
  lim: Readonly<ZipLimits>,
  inflatedSoFar: number
): Buffer {
  if (rec.method !== METHOD_STORED && rec.method !== METHOD_DEFLATE)
    throw new ZipFormatError(
      "unsupported-method",
      `entry ${rec.name} uses compression method ${rec.method}`,
      rec.name
    );
  // The declared size is checked against the caps before anything is inflated, and the inflate
  // is capped at the declared size + 1: a stream that would give more stops there.
  if (rec.uncompressedSize > lim.maxEntryBytes)
    throw new ZipLimitError(
      "entry-size",
      lim.maxEntryBytes,
      `entry ${rec.name} inflates to ${rec.uncompressedSize} bytes, over the limit of ${lim.maxEntryBytes}`,
      rec.name
    );
  if (inflatedSoFar + rec.uncompressedSize > lim.maxTotalBytes)
    throw new ZipLimitError(
      "total-size",
      lim.maxTotalBytes,
      `the archive inflates to more than the limit of ${lim.maxTotalBytes} bytes`,
      rec.name
    );
  const raw = compressedData(buf, rec);
  let data: Buffer;
  if (rec.method === METHOD_STORED) {
    data = raw;
  } else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, rec.uncompressedSize + 1) });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError)
        throw new ZipFormatError(
          "size-mismatch",
          `entry ${rec.name} inflates to more than its declared ${rec.uncompressedSize} bytes`,
          rec.name
        );
      throw new ZipFormatError(
        "corrupt-data",
        `entry ${rec.name}: the compressed data is corrupt`,
        rec.name
      );
    }
  }
  if (data.length !== rec.uncompressedSize)
    throw new ZipFormatError(
      "size-mismatch",
      `entry ${rec.name} inflates to ${data.length} bytes, not the declared ${rec.uncompressedSize}`,
      rec.name
    );
  if (crc32(data) !== rec.crc32)
    throw new ZipFormatError("crc-mismatch", `entry ${rec.name} fails its CRC-32 check`, rec.name);
  return data;
}

/** XML bytes to text: UTF-8 (BOM dropped) unless a UTF-16 BOM says otherwise. */
export function decodeXmlText(data: Buffer): string {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff)
    return new TextDecoder("utf-16be").decode(data.subarray(2));
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
    return data.subarray(3).toString("utf8");
  return data.toString("utf8");
}

// ---------------------------------------------------------------------------------------------
// Writing

const RAW = Symbol("zip raw access");
interface RawAccess {
  record(name: string): EntryRecord | undefined;
  data(rec: EntryRecord): Buffer;
  localExtra(rec: EntryRecord): Buffer;
}

/** An entry of a new archive: copied raw from a source archive, or new bytes (deflated). */
export type ZipWriteEntry =
  | { name: string; from: ZipArchive }
  | {
      name: string;
      data: Buffer;
      /** Timestamp fields to keep (e.g. the replaced entry's); default 1980-01-01 00:00. */
      dosTime?: number;
      dosDate?: number;
    };

const DOS_EPOCH_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01

/** Builds an archive from `entries`, in that order. */
export function writeZip(entries: readonly ZipWriteEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name))
      throw new ZipFormatError("duplicate-entry", `entry ${e.name} appears twice`, e.name);
    seen.add(e.name);
    let rec: Omit<EntryRecord, "localOffset">;
    let localExtra: Buffer;
    let body: Buffer;
    if ("from" in e) {
      const raw = (e.from as ZipArchive & { [RAW]?: RawAccess })[RAW];
      const src = raw?.record(e.name);
      if (!raw || !src) throw new ZipFormatError("no-such-entry", `no entry ${e.name}`, e.name);
      body = raw.data(src);
      localExtra = raw.localExtra(src);
      // Sizes and CRC go into the local header, so no data descriptor follows.
      rec = { ...src, flags: src.flags & ~FLAG_DATA_DESCRIPTOR };
    } else {
      const nameBytes = Buffer.from(e.name, "utf8");
      const ascii = nameBytes.length === e.name.length;
      body = deflateRawSync(e.data);
      localExtra = Buffer.alloc(0);
      rec = {
        name: e.name,
        nameBytes,
        versionMadeBy: 20,
        versionNeeded: 20,
        flags: ascii ? 0 : FLAG_UTF8,
        method: METHOD_DEFLATE,
        dosTime: e.dosTime ?? 0,
        dosDate: e.dosDate ?? DOS_EPOCH_DATE,
        crc32: crc32(e.data),
        compressedSize: body.length,
        uncompressedSize: e.data.length,
        internalAttrs: 0,
        externalAttrs: 0,
        centralExtra: Buffer.alloc(0),
        comment: Buffer.alloc(0),
      };
    }
    if (offset > 0xfffffffe || body.length > 0xfffffffe)
      throw new ZipFormatError("zip64", "the archive would need zip64");

    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(rec.versionNeeded, 4);
    local.writeUInt16LE(rec.flags, 6);
    local.writeUInt16LE(rec.method, 8);
    local.writeUInt16LE(rec.dosTime, 10);
    local.writeUInt16LE(rec.dosDate, 12);
    local.writeUInt32LE(rec.crc32, 14);
    local.writeUInt32LE(rec.compressedSize, 18);
    local.writeUInt32LE(rec.uncompressedSize, 22);
    local.writeUInt16LE(rec.nameBytes.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    chunks.push(local, rec.nameBytes, localExtra, body);

    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(SIG_CENTRAL, 0);
    cd.writeUInt16LE(rec.versionMadeBy, 4);
    cd.writeUInt16LE(rec.versionNeeded, 6);
    cd.writeUInt16LE(rec.flags, 8);
    cd.writeUInt16LE(rec.method, 10);
    cd.writeUInt16LE(rec.dosTime, 12);
    cd.writeUInt16LE(rec.dosDate, 14);
    cd.writeUInt32LE(rec.crc32, 16);
    cd.writeUInt32LE(rec.compressedSize, 20);
    cd.writeUInt32LE(rec.uncompressedSize, 24);
    cd.writeUInt16LE(rec.nameBytes.length, 28);
    cd.writeUInt16LE(rec.centralExtra.length, 30);
    cd.writeUInt16LE(rec.comment.length, 32);
    cd.writeUInt16LE(0, 34);
    cd.writeUInt16LE(rec.internalAttrs, 36);
    cd.writeUInt32LE(rec.externalAttrs, 38);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, rec.nameBytes, rec.centralExtra, rec.comment);

    offset += 30 + rec.nameBytes.length + localExtra.length + body.length;
  }
  if (entries.length >= 0xffff) throw new ZipFormatError("zip64", "the archive would need zip64");
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cdBytes, end]);
}

/**
 * A copy of `source` with some entries replaced or removed (`null`) and new ones appended (in the
 * map's order). Entries not named are copied raw; a replaced entry keeps its place and timestamp.
 */
export function patchZip(source: ZipArchive, changes: ReadonlyMap<string, Buffer | null>): Buffer {
  const out: ZipWriteEntry[] = [];
  for (const e of source.entries) {
    if (!changes.has(e.name)) {
      out.push({ name: e.name, from: source });
      continue;
    }
    const data = changes.get(e.name);
    if (data) out.push({ name: e.name, data, dosTime: e.dosTime, dosDate: e.dosDate });
  }
  for (const [name, data] of changes) {
    if (data && !source.has(name)) out.push({ name, data });
  }
  return writeZip(out);
}
