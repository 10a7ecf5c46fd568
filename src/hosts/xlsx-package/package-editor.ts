import { PartIndex } from "./opc";
import { ZipArchive } from "./zip";

/** Reads and edits the parts of one package, remembering what changed. */
export class PackageEditor {
  readonly parts: PartIndex;
  private readonly texts = new Map<string, string | null>();
  readonly changes = new Map<string, Buffer | null>();

  constructor(readonly zip: ZipArchive) {
    this.parts = new PartIndex(zip);
  }

  read(part: string): string | null {
    const key = part.toLowerCase();
    if (this.texts.has(key)) return this.texts.get(key)!;
    const entry = this.parts.entryOf(part);
    const text = entry === null ? null : this.zip.readText(entry);
    this.texts.set(key, text);
    return text;
  }

  write(part: string, text: string): void {
    this.texts.set(part.toLowerCase(), text);
    // A part declared UTF-16 is written back as UTF-8, and says so.
    const fixed = text.replace(
      /^(<\?xml[^?]*encoding\s*=\s*["'])utf-16(["'])/i,
      (_m, a: string, b: string) => `${a}UTF-8${b}`
    );
    this.changes.set(this.parts.entryOf(part) ?? part, Buffer.from(fixed, "utf8"));
  }

  remove(part: string): void {
    const entry = this.parts.entryOf(part);
    if (entry === null) return;
    this.texts.set(part.toLowerCase(), null);
    this.changes.set(entry, null);
  }

  /** A part name not yet in the package: `${dir}/${stem}${n}${ext}`. */
  freeName(dir: string, stem: string, ext: string): string {
    for (let n = 1; ; n++) {
      const name = `${dir}/${stem}${n}${ext}`;
      if (!this.parts.has(name) && !this.changes.has(name)) return name;
    }
  }
}
