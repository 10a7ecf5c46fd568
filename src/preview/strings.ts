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
  /** Which message of a HostError the page shows ("zh" → message_zh). */
  language: "zh" | "en";
  /** An edit refused for a reason with no message of its own. */
  editFailed: string;
  privacy: string;
  /** Tooltip lines under a formula, by how the preview knows its value (PreviewHost.formulaStatus). */
  formulaStatus: {
    live: string;
    saved: string;
    uncomputed: string;
    stale: string;
  };
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
    language: "zh",
    editFailed: "未能写入该单元格。",
    privacy: "文件只在本机处理，不会上传",
    formulaStatus: {
      live: "助手填写的公式：预览随输入更新它的值。",
      saved: "显示的是文件中保存的值：预览不重新计算这个公式（在 Excel 中打开时会计算）。",
      uncomputed: "预览不计算这个公式，文件中也没有保存它的值（在 Excel 中打开时会计算）。",
      stale:
        "输入已改动，预览无法再计算这个公式：显示的是上次算出的值（在 Excel 中打开时会重新计算）。",
    },
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
    language: "en",
    editFailed: "The cell could not be written.",
    privacy: "Files are processed on this machine only; nothing is uploaded",
    formulaStatus: {
      live: "A formula the assistant fills in: the preview updates its value as the inputs change.",
      saved:
        "The value as saved in the file: the preview does not recalculate this formula (Excel will when the file is opened).",
      uncomputed:
        "The preview does not calculate this formula, and the file holds no saved value for it (Excel will calculate it when the file is opened).",
      stale:
        "Its inputs changed so that the preview can no longer calculate this formula: it shows the last value calculated (Excel will recalculate it when the file is opened).",
    },
  },
};

export function previewStringsFor(locale: Locale): PreviewStrings {
  return PREVIEW_STRINGS[locale];
}
