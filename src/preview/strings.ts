import type { Locale } from "../taskpane/i18n";

/** The preview page's own words (the task pane brings its own strings). */
export interface PreviewStrings {
  pageTitle: string;
  badge: string;
  openFile: string;
  fileInputLabel: string;
  openSample: string;
  download: string;
  opening: string;
  noWorkbookTitle: string;
  noWorkbookBody: string;
  openFailed: string;
  sheetTabs: string;
  gridLabel: string;
  paneLabel: string;
  rowsWindow: string;
  editHint: string;
  privacy: string;
}

export const PREVIEW_STRINGS: Readonly<Record<Locale, PreviewStrings>> = {
  "zh-CN": {
    pageTitle: "绩效自评表助手 · 浏览器预览",
    badge: "预览（无需 Excel）",
    openFile: "打开工作簿…",
    fileInputLabel: "选择 .xlsx 工作簿",
    openSample: "打开示例",
    download: "下载修改后的工作簿",
    opening: "正在打开…",
    noWorkbookTitle: "尚未打开工作簿",
    noWorkbookBody:
      "点击“打开工作簿…”选择一个 .xlsx 文件，或点击“打开示例”载入北京 2023 年的示例表。文件只在本机浏览器中处理，不会上传。",
    openFailed: "无法打开工作簿",
    sheetTabs: "工作表",
    gridLabel: "工作表内容",
    paneLabel: "任务窗格",
    rowsWindow: "仅显示第 {first}–{last} 行（共 {total} 行）",
    editHint: "双击单元格可编辑，按 Enter 确认，Esc 取消",
    privacy: "文件只在本机处理，不会上传",
  },
  "en-US": {
    pageTitle: "Self-Evaluation Sheet Assistant · browser preview",
    badge: "Preview (no Excel needed)",
    openFile: "Open workbook…",
    fileInputLabel: "Choose an .xlsx workbook",
    openSample: "Open sample",
    download: "Download the modified workbook",
    opening: "Opening…",
    noWorkbookTitle: "No workbook open",
    noWorkbookBody:
      "Choose “Open workbook…” to pick an .xlsx file, or “Open sample” to load the Beijing 2023 sample. Files stay in this browser; nothing is uploaded.",
    openFailed: "The workbook could not be opened",
    sheetTabs: "Sheets",
    gridLabel: "Sheet contents",
    paneLabel: "Task pane",
    rowsWindow: "Showing rows {first}–{last} of {total}",
    editHint: "Double-click a cell to edit it; Enter confirms, Esc cancels",
    privacy: "Files are processed on this machine only; nothing is uploaded",
  },
};

export function previewStringsFor(locale: Locale): PreviewStrings {
  return PREVIEW_STRINGS[locale];
}
