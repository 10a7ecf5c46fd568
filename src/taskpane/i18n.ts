/** User-visible strings of the task pane. zh-CN is the default; English when Office runs in English. */

export type Locale = "zh-CN" | "en-US";

export interface Strings {
  /** Product name, as in manifest.xml's DisplayName. */
  productName: string;
  /** One line saying what the product does. */
  tagline: string;
}

export const STRINGS: Readonly<Record<Locale, Strings>> = {
  "zh-CN": {
    productName: "绩效自评表助手",
    tagline: "在 Excel 工作簿中查找、校验并填写项目支出绩效自评表。",
  },
  "en-US": {
    productName: "Self-Evaluation Sheet Assistant",
    tagline:
      "Find, validate and fill project expenditure performance self-evaluation sheets in Excel workbooks.",
  },
};

/** Picks the pane's locale from a BCP 47 tag such as Office.context.displayLanguage ("en-US", "zh-CN"). */
export function pickLocale(language: string | null | undefined): Locale {
  return language && language.trim().toLowerCase().startsWith("en") ? "en-US" : "zh-CN";
}

export function stringsFor(locale: Locale): Strings {
  return STRINGS[locale];
}
