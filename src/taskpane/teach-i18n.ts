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
  /** The group of headings the draft could not place. */
  unmappedHeading: string;
  /** The group of headings the draft placed (each can be changed). */
  mappedHeading: string;
  /** Label of one heading's drop-down: {cell} and {text}. */
  headingLabel: string;
  /** Hint under a heading the draft could not place. */
  unmappedHint: string;
  /** Hint under a heading whose field was changed: {field} is the draft's. */
  changedHint: string;
  /** The drop-down's 忽略 option. */
  notMapped: string;
  /** An option: {name} (Chinese or English field name) and {id} (the schema id). */
  fieldOption: string;
  autoMapped: string;
  /** One automatically mapped heading: {cell}, {text}, {field}. */
  autoMappedItem: string;
  previewHeading: string;
  /** {range}, {indicators}, {stated}, {computed}, {findings}, {errors}. */
  previewFound: string;
  /** The columns read: {fields}, a list of fieldColumn joined by the locale's list separator. */
  previewFields: string;
  /** {name} of a field and its {column} letter. */
  fieldColumn: string;
  listSeparator: string;
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
  intro:
    "有表头未能自动识别，列在最前。请为每个表头选择它对应的字段（已识别的也可更改，或选“忽略”），下方预览会随之更新。",
  allMapped:
    "所有表头都已自动识别。请核对每个表头对应的字段（可更改，或选“忽略”），下方预览会随之更新。",
  unmappedHeading: "未能识别的表头",
  mappedHeading: "已识别的表头（可更改）",
  headingLabel: "{cell}“{text}”",
  unmappedHint: "未识别：请选择字段，或保留“忽略”",
  changedHint: "已更改（自动识别为：{field}）",
  notMapped: "忽略（不是此表的表头）",
  fieldOption: "{name}（{id}）",
  autoMapped: "其他已识别的单元格（标题、表头信息）",
  autoMappedItem: "{cell}“{text}” → {field}",
  previewHeading: "预览",
  previewFound:
    "按此格式读出表格 {range}：指标 {indicators} 个，总分 {stated}（按行计算 {computed}），发现问题 {findings} 条（其中错误 {errors} 条）。",
  previewFields: "读出的列：{fields}",
  fieldColumn: "{name} {column}",
  listSeparator: "、",
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
    "Some headings were not recognised; they come first. Choose the field each heading stands for (a recognised one can be changed too, or set to Ignore); the preview below follows.",
  allMapped:
    "Every heading was recognised. Check the field of each (change it, or set it to Ignore); the preview below follows.",
  unmappedHeading: "Headings not recognised",
  mappedHeading: "Headings recognised (can be changed)",
  headingLabel: "{cell} “{text}”",
  unmappedHint: "Not recognised: choose a field, or leave it ignored",
  changedHint: "Changed (recognised as: {field})",
  notMapped: "Ignore (not a heading of this table)",
  fieldOption: "{name} ({id})",
  autoMapped: "Other cells recognised (title, header details)",
  autoMappedItem: "{cell} “{text}” → {field}",
  previewHeading: "Preview",
  previewFound:
    "With this layout the table reads as {range}: {indicators} indicators, total {stated} (rows add up to {computed}), {findings} findings ({errors} errors).",
  previewFields: "Columns read: {fields}",
  fieldColumn: "{name} {column}",
  listSeparator: ", ",
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
