/**
 * The OLE2 signature on its own, so a caller can tell a legacy file apart without loading the
 * legacy reader (its spreadsheet library costs a few hundred milliseconds to load).
 */

/** The first bytes of an OLE2 compound file (.xls, .et, an encrypted .xlsx). */
export function isOle2(head: Uint8Array): boolean {
  return (
    head.length >= 8 &&
    head[0] === 0xd0 &&
    head[1] === 0xcf &&
    head[2] === 0x11 &&
    head[3] === 0xe0 &&
    head[4] === 0xa1 &&
    head[5] === 0xb1 &&
    head[6] === 0x1a &&
    head[7] === 0xe1
  );
}
