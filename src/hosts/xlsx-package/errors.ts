/** Why a package cannot be patched; the CLI turns `code` into one line in the user's language. */
export type PackageErrorCode =
  | "no-workbook" // the package has no workbook part
  | "malformed-part" // a part we must change is not the XML we expect
  | "no-sheet-data"; // a worksheet part to write has no <sheetData>

export class PackageError extends Error {
  override readonly name = "PackageError";
  constructor(
    readonly code: PackageErrorCode,
    /** Technical detail (English, for SELFEVAL_DEBUG and tests); not shown as the message. */
    readonly detail: string,
    /** The part concerned, when there is one. */
    readonly part?: string
  ) {
    super(`${code}: ${detail}`);
  }
}
