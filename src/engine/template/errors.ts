/**
 * Why a standard blank table cannot be made, with a one-line reason in both languages
 * (the CLI prints `reason(lang)` on stderr and exits 2, as it does for unreadable files).
 */
export type TemplateErrorKind =
  | "badVariant"
  /** An unknown family, one without a standard blank table, or one whose layout does not fit. */
  | "badFamily"
  | "badProjects"
  | "badYear"
  | "badSettings"
  | "badSkeleton"
  | "outExists"
  | "writeFailed";

export class TemplateError extends Error {
  readonly kind: TemplateErrorKind;
  readonly reason_zh: string;
  readonly reason_en: string;

  constructor(kind: TemplateErrorKind, reason_zh: string, reason_en: string) {
    super(reason_zh);
    this.name = "TemplateError";
    this.kind = kind;
    this.reason_zh = reason_zh;
    this.reason_en = reason_en;
  }

  reason(lang: "zh" | "en"): string {
    return lang === "en" ? this.reason_en : this.reason_zh;
  }
}
