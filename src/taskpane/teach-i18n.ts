/**
 * The texts of 识别此表格式 (teach this layout), Chinese first, in the pane's locale. Kept beside
 * i18n.ts rather than in it so the feature's words stay together; `{name}` placeholders are filled
 * with i18n's format().
 */
import type { Locale, Strings } from "./i18n";

export interface TeachStrings {
  /** The offer on a sheet with a table-like block no layout reads. */
  offer: string;
  teach: string;
  title: string;
  intro: string;
  allMapped: string;
  /** Label of one heading's drop-down: {cell} and {text}. */
  headingLabel: string;
  notMapped: string;
  /** An option: {name} (Chinese or English field name) and {id} (the schema id). */
  fieldOption: string;
  autoMapped: string;
  /** One automatically mapped heading: {cell}, {text}, {field}. */
  autoMappedItem: string;
  previewHeading: string;
  /** {range}, {indicators}, {stated}, {computed}, {findings}, {errors}. */
  previewFound: string;
  previewNotFound: string;
  save: string;
  cancel: string;
  /** After saving: {sheet}, {range}, {id}. */
  saved: string;
  undo: string;
  undone: string;
  /** The rule set changed after the family was saved: undo would overwrite that. */
  undoStale: string;
  dismiss: string;
  sectionLabel: string;
}

const ZH: TeachStrings = {
  offer:
    "工作表“{sheet}”中有类似自评表的表格（有分值、得分类的列），但表头与已知的表格式都不相符。",
  teach: "识别此表格式",
  title: "识别此表格式 — {sheet}",
  intro: "以下表头未能自动识别。请为每个表头选择它对应的字段，下方预览会随之更新。",
  allMapped: "所有表头都已自动识别，可直接查看预览并保存。",
  headingLabel: "{cell}“{text}”",
  notMapped: "（不使用此列）",
  fieldOption: "{name}（{id}）",
  autoMapped: "已自动识别的表头",
  autoMappedItem: "{cell}“{text}” → {field}",
  previewHeading: "预览",
  previewFound:
    "按此格式读出表格 {range}：指标 {indicators} 个，总分 {stated}（按行计算 {computed}），发现问题 {findings} 条（其中错误 {errors} 条）。",
  previewNotFound: "按此格式仍读不出表格，请检查上面的字段选择。",
  save: "保存为表格式",
  cancel: "取消",
  saved: "已将表格式“{id}”保存到工作簿的规则集；工作表“{sheet}”现读出表格 {range}。",
  undo: "撤销",
  undone: "已撤销：工作簿的规则集恢复为保存此表格式之前的样子。",
  undoStale: "保存此表格式后规则集又有更改，为不覆盖那次更改，未撤销。",
  dismiss: "关闭",
  sectionLabel: "识别表格式",
};

const EN: TeachStrings = {
  offer:
    'Sheet "{sheet}" holds something like a self-evaluation table (with weight and score columns), but its headings match no known layout.',
  teach: "Teach this layout",
  title: "Teach this layout — {sheet}",
  intro:
    "These headings were not recognised. Choose the field each one stands for; the preview below follows.",
  allMapped: "Every heading was recognised; check the preview and save.",
  headingLabel: "{cell} “{text}”",
  notMapped: "(do not use this column)",
  fieldOption: "{name} ({id})",
  autoMapped: "Headings recognised automatically",
  autoMappedItem: "{cell} “{text}” → {field}",
  previewHeading: "Preview",
  previewFound:
    "With this layout the table reads as {range}: {indicators} indicators, total {stated} (rows add up to {computed}), {findings} findings ({errors} errors).",
  previewNotFound: "With this layout no table is read yet; check the fields chosen above.",
  save: "Save as a layout",
  cancel: "Cancel",
  saved:
    'The layout "{id}" is saved in the workbook\'s rule set; sheet "{sheet}" now reads the table {range}.',
  undo: "Undo",
  undone: "Undone: the workbook's rule set is back to what it was before the layout was saved.",
  undoStale:
    "The rule set changed after the layout was saved; not undone, so that change is not overwritten.",
  dismiss: "Dismiss",
  sectionLabel: "Teach a layout",
};

export const TEACH_STRINGS: Readonly<Record<Locale, TeachStrings>> = { "zh-CN": ZH, "en-US": EN };

export function teachStringsFor(strings: Strings): TeachStrings {
  return TEACH_STRINGS[strings.locale];
}
