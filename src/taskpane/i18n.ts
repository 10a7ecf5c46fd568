/**
 * User-visible strings of the task pane. zh-CN is the default; English when Office runs in English.
 *
 * Every value is a plain string so the two locales can be compared key by key. Strings with
 * `{name}` placeholders are filled in with `format()`.
 */

export type Locale = "zh-CN" | "en-US";

export interface Strings {
  /** The locale these strings are for; it also picks a finding's message_zh or message_en. */
  locale: Locale;
  /** Product name, as in manifest.xml's DisplayName. */
  productName: string;
  /** One line saying what the product does. */
  tagline: string;

  // Actions
  actionsLabel: string;
  validateSheet: string;
  validateWorkbook: string;
  fill: string;
  highlight: string;
  clearHighlights: string;
  undo: string;
  convertNumbers: string;

  // Progress
  working: string;
  /** {sheet}, {done}, {total} */
  progressReading: string;
  progressLabel: string;
  refreshing: string;

  // Empty states
  intro: string;
  noTableOnSheet: string;
  noTableInWorkbook: string;
  /** {sheets} */
  sheetsWithoutTable: string;
  noFindings: string;
  noFindingsForFilter: string;
  /** Badge of a table without findings. */
  cleanBadge: string;

  // Results
  resultsLabel: string;
  /** {tables}, {errors}, {warnings}, {infos} */
  summary: string;
  filterLabel: string;
  filterAll: string;
  filterErrors: string;
  filterWarnings: string;
  filterInfo: string;
  severityError: string;
  severityWarning: string;
  severityInfo: string;
  /** {n} */
  countErrors: string;
  /** {n} */
  countWarnings: string;
  /** {n} */
  countInfo: string;
  /** {name}, {range} */
  tableHeading: string;
  /** {sheet} */
  sheetLabel: string;
  untitledTable: string;
  sheetFindings: string;
  /** {cell} */
  cellLabel: string;
  /** {value} */
  expected: string;
  /** {value} */
  actual: string;
  selectCellHint: string;

  // Ignoring
  ignore: string;
  /** {cell} */
  ignoreAriaLabel: string;
  ignoreTitle: string;
  ignoreReasonLabel: string;
  ignoreReasonHint: string;
  ignoreReasonRequired: string;
  ignoreConfirm: string;
  cancel: string;
  ignoredGroup: string;
  /** {reason} */
  ignoredReason: string;
  restore: string;
  /** {cell} */
  restoreAriaLabel: string;

  // Notices after an action
  dismiss: string;
  /** {n} */
  noticeFilled: string;
  noticeFillNothing: string;
  noticeNoTableNoWrite: string;
  /** {n} */
  noticeHighlighted: string;
  noticeHighlightNothing: string;
  /** {n} */
  noticeCleared: string;
  noticeClearedNone: string;
  /** {action} */
  noticeUndone: string;
  noticeUndoNothing: string;
  noticeIgnored: string;
  noticeRestored: string;
  journalFill: string;
  journalHighlight: string;
  journalClearHighlights: string;
  journalApplySuggestedScores: string;
  journalInsertTemplate: string;
  journalConvertNumbers: string;

  // Errors
  errorTitle: string;
  /** {detail} */
  errorUnexpected: string;
  hintProtected: string;
  hintTooLarge: string;
  hintUnsupported: string;
  hintNoWorkbook: string;
  hintFailed: string;
  hintStateUnreadable: string;
  /** The pane's banner when "_selfeval" cannot be read: {reason}. */
  stateUnreadable: string;
  fillSkippedHeading: string;
  noticeAssistantDataCleared: string;
  confirmFillTitle: string;
  confirmFillIntro: string;
  confirmFillWrite: string;
  confirmFillCancel: string;
  /** One change: {table} {cell} {field} {before} {after}. */
  confirmFillChange: string;
  blankValue: string;
  clearAssistantData: string;
  clearAssistantDataTitle: string;
  clearAssistantDataIntro: string;
  clearAssistantDataRules: string;
  clearAssistantDataConfirm: string;
  /** Undo left cells alone that changed since the action: {cells} lists them. */
  noticeUndoConflicts: string;

  // More actions
  insertTemplate: string;

  // Suggested scores (indicator scoring policy)
  /** {value} */
  suggestedScore: string;
  applySuggested: string;
  /** {cell}, {value} */
  applySuggestedAriaLabel: string;
  /** {n} */
  applyAllSuggested: string;
  /** {table} */
  applyAllSuggestedAriaLabel: string;
  /** {cell}, {value} */
  noticeSuggestedOne: string;
  /** {n} */
  noticeSuggestedMany: string;
  noticeSuggestedNothing: string;
  noticePolicyOff: string;

  // Inserting a standard table
  insertTemplateTitle: string;
  insertTemplateIntro: string;
  templateVariantLabel: string;
  templateVariantBeijing: string;
  templateVariantHunan: string;
  templateYearLabel: string;
  templateYearHint: string;
  templateYearInvalid: string;
  templateProtect: string;
  insertTemplateConfirm: string;
  noTableInsertHint: string;
  /** {sheet} */
  noticeTemplateInserted: string;
  hintTemplate: string;

  // The rule set
  rulesHeading: string;
  rulesSourceDefault: string;
  rulesSourceEmbedded: string;
  rulesSourceFixed: string;
  /** {preset} */
  rulesPresetBadge: string;
  presetNone: string;
  presetBeijing: string;
  presetHunan: string;
  rulesFundingWeight: string;
  rulesSectionSplit: string;
  rulesEnforced: string;
  rulesNotEnforced: string;
  rulesNoSplit: string;
  rulesTotal: string;
  rulesDenominator: string;
  denominatorBudget: string;
  denominatorAdjusted: string;
  rulesCap: string;
  rulesRounding: string;
  /** {n} */
  roundingRound: string;
  /** {n} */
  roundingFloor: string;
  rulesGrades: string;
  /** {label}, {min} */
  gradeBand: string;
  /** {label} */
  gradeLowest: string;
  rulesEmptyWords: string;
  emptyWordsNone: string;
  /** {words} */
  emptyWordsSome: string;
  rulesOverachievement: string;
  /** {percent} */
  overachievementOn: string;
  rulesScoring: string;
  switchOn: string;
  switchOff: string;
  rulesRestoreDefaults: string;
  rulesModeLabel: string;
  rulesFormTab: string;
  rulesJsonTab: string;
  rulesEditorLabel: string;
  rulesPresetLabel: string;
  rulesPresetHint: string;
  rulesSplitItem: string;
  rulesEnforceLabel: string;
  rulesCapHint: string;
  rulesDecimalsLabel: string;
  rulesRoundingLabel: string;
  roundingRoundOption: string;
  roundingFloorOption: string;
  /** {n} */
  gradeNameLabel: string;
  /** {n} */
  gradeMinLabel: string;
  lowestGradeLabel: string;
  rulesEmptyWordsLabel: string;
  rulesEmptyWordsHint: string;
  rulesOverachievementLabel: string;
  rulesThresholdLabel: string;
  rulesThresholdHint: string;
  rulesScoringLabel: string;
  rulesJsonLabel: string;
  rulesJsonHint: string;
  rulesSave: string;
  rulesInvalidTitle: string;
  /** {path} */
  rulesErrorPath: string;
  noticeRulesSaved: string;
  noticeRulesSavedChecked: string;
  noticeRulesRestored: string;
  noticeRulesAlreadyDefault: string;

  // Overview of many tables, hidden sheets, marked cells, what fill leaves alone
  /** The line that stands for every table without findings (expands to the list): {n} */
  cleanTables: string;
  /** Tooltip of a table in that list. */
  selectTableHint: string;
  expandAll: string;
  collapseAll: string;
  /** {n} */
  hiddenSheetsSkipped: string;
  includeHidden: string;
  /** The group that steps through the cells 标出未说明的偏差 marked. */
  marksLabel: string;
  marksShow: string;
  marksPrevious: string;
  marksNext: string;
  /** {i}, {n}, {cell} */
  marksPosition: string;
  /** Heading of a table's notes: the cells 填充公式 leaves as they are. */
  fillNotesHeading: string;
  /** Badge of a table whose cells 填充公式 leaves in part as they are. */
  fillNotesBadge: string;
  /** A fill that writes nothing but leaves cells alone on purpose. */
  noticeFillNothingKept: string;
  /** A table fill refuses: {cell} is one of its labels, holding {holds}. */
  fillRefusedLabel: string;
  /** A table fill refuses: {cell} holds foreign text {holds}. */
  fillRefusedText: string;

  // Outside Office
  outsideOfficeTitle: string;
  outsideOfficeBody: string;
}

export const STRINGS: Readonly<Record<Locale, Strings>> = {
  "zh-CN": {
    locale: "zh-CN",
    productName: "绩效自评表助手",
    tagline: "在 Excel 工作簿中查找、校验并填写项目支出绩效自评表。",

    actionsLabel: "操作",
    validateSheet: "校验当前工作表",
    validateWorkbook: "校验整个工作簿",
    fill: "填充公式",
    highlight: "标出未说明的偏差",
    clearHighlights: "清除标记",
    undo: "撤销上次操作",
    convertNumbers: "填充时把以文本保存的数字（如“96 万”）转为数值",

    working: "正在处理…",
    progressReading: "正在读取工作表“{sheet}”（{done}/{total}）",
    progressLabel: "校验进度",
    refreshing: "正在更新结果…",

    intro: "点击“校验当前工作表”开始：助手会找出表格、核对计算，并列出需要处理的问题。",
    noTableOnSheet: "未在此工作表找到项目支出绩效自评表：请确认表中有“一级指标 … 分值 得分”表头。",
    noTableInWorkbook:
      "未在此工作簿中找到项目支出绩效自评表：请确认表中有“一级指标 … 分值 得分”表头。",
    sheetsWithoutTable: "以下工作表中没有自评表：{sheets}",
    noFindings: "未发现问题。",
    noFindingsForFilter: "没有符合筛选条件的问题。",
    cleanBadge: "无问题",

    resultsLabel: "校验结果",
    summary: "已校验 {tables} 张表：{errors} 个错误，{warnings} 个警告，{infos} 条提示。",
    filterLabel: "显示",
    filterAll: "全部",
    filterErrors: "错误",
    filterWarnings: "警告",
    filterInfo: "提示",
    severityError: "错误",
    severityWarning: "警告",
    severityInfo: "提示",
    countErrors: "错误 {n}",
    countWarnings: "警告 {n}",
    countInfo: "提示 {n}",
    tableHeading: "{name} · {range}",
    sheetLabel: "工作表：{sheet}",
    untitledTable: "（未填写项目名称）",
    sheetFindings: "工作表提示",
    cellLabel: "单元格 {cell}",
    expected: "应为：{value}",
    actual: "表中为：{value}",
    selectCellHint: "在工作表中选中此单元格",

    ignore: "忽略",
    ignoreAriaLabel: "忽略单元格 {cell} 的问题",
    ignoreTitle: "忽略这个问题",
    ignoreReasonLabel: "忽略原因",
    ignoreReasonHint:
      "说明为什么可以不处理这个问题，例如“经主管部门确认，本项目不涉及此项”。审核人员会看到这个原因。",
    ignoreReasonRequired: "请填写忽略原因。",
    ignoreConfirm: "忽略",
    cancel: "取消",
    ignoredGroup: "已忽略",
    ignoredReason: "原因：{reason}",
    restore: "恢复",
    restoreAriaLabel: "恢复单元格 {cell} 的问题",

    dismiss: "关闭",
    noticeFilled: "已在 {n} 个单元格中填入公式，并重新校验。",
    noticeFillNothing: "公式已是最新，没有需要填充的单元格。",
    noticeNoTableNoWrite: "未找到自评表，没有写入任何内容。",
    noticeHighlighted: "已标出 {n} 处未说明的偏差，请在标黄的单元格中填写偏差原因分析及改进措施。",
    noticeHighlightNothing: "没有需要标出的未说明偏差。",
    noticeCleared: "已清除 {n} 处标记。",
    noticeClearedNone: "没有需要清除的标记。",
    noticeUndone: "已撤销“{action}”。",
    noticeUndoNothing: "没有可以撤销的操作。",
    noticeIgnored: "已忽略该问题，可在“已忽略”中恢复。",
    noticeRestored: "已恢复该问题。",
    journalFill: "填充公式",
    journalHighlight: "标出未说明的偏差",
    journalClearHighlights: "清除标记",
    journalApplySuggestedScores: "采用建议得分",
    journalInsertTemplate: "插入模板",
    journalConvertNumbers: "转换文本数字",

    errorTitle: "操作没有完成",
    errorUnexpected: "发生了意外错误（{detail}）。",
    hintProtected: "请在“审阅”选项卡中点击“撤消工作表保护”，然后重试。",
    hintTooLarge: "请逐个校验工作表，或删除表格以外不需要的内容后重试。",
    hintUnsupported: "请更新 Excel，或在 Excel 桌面版中打开此工作簿后重试。",
    hintNoWorkbook: "请先打开一个工作簿，然后重试。",
    hintFailed: "请稍后重试；如果问题仍然存在，请保存并重新打开工作簿。",
    hintStateUnreadable: "校验不受影响。如确定不再需要其中的数据，可选择“清除助手数据”重新开始。",
    noticeUndoConflicts: "已撤销“{action}”。冲突：这些单元格在填充后又被修改，未撤销：{cells}",
    stateUnreadable:
      "工作簿中的助手数据（隐藏工作表“_selfeval”）无法读取，助手不会覆盖它：校验照常，忽略、撤销等需要保存的操作暂不可用。如需重新开始，请选择“清除助手数据”。原因：{reason}",
    fillSkippedHeading: "以下公式未填写，单元格保留原值：",
    noticeAssistantDataCleared: "已清除助手数据。",
    confirmFillTitle: "确认改动填写的数值",
    confirmFillIntro:
      "填充公式会改动下列已填写的数值（表、单元格、字段：原值 → 新值）。确认后才会写入。",
    confirmFillWrite: "确认写入",
    confirmFillCancel: "不写入",
    confirmFillChange: "{table} {cell} {field}：{before} → {after}",
    blankValue: "空白",
    clearAssistantData: "清除助手数据",
    clearAssistantDataTitle: "清除助手数据？",
    clearAssistantDataIntro:
      "将从工作簿中删除助手保存的操作记录（撤销将不可用）、已忽略的问题及其理由、标记记录（已标出的颜色和批注保留在单元格中）。",
    clearAssistantDataRules: "同时删除工作簿内嵌的规则集",
    clearAssistantDataConfirm: "清除",

    insertTemplate: "插入标准自评表…",

    suggestedScore: "建议得分：{value}",
    applySuggested: "采用建议得分",
    applySuggestedAriaLabel: "在单元格 {cell} 采用建议得分 {value}",
    applyAllSuggested: "全部采用建议得分（{n}）",
    applyAllSuggestedAriaLabel: "全部采用建议得分：{table}",
    noticeSuggestedOne:
      "已把单元格 {cell} 的得分改为建议得分 {value}，并重新校验。可用“撤销上次操作”恢复原得分。",
    noticeSuggestedMany:
      "已在 {n} 个单元格中采用建议得分，并重新校验。可用“撤销上次操作”恢复原得分。",
    noticeSuggestedNothing: "得分已与建议得分一致，没有需要修改的单元格。",
    noticePolicyOff: "当前规则未启用指标评分规则，没有建议得分。",

    insertTemplateTitle: "插入标准自评表",
    insertTemplateIntro:
      "在新工作表中插入一张空白的项目支出绩效自评表：公式、下拉列表、数字检查和打印设置都已设好，并按当前的规则设置生成。",
    templateVariantLabel: "格式",
    templateVariantBeijing: "北京格式（含项目负责人、联系电话）",
    templateVariantHunan: "湖南格式（含部门名称、项目总投资、等级）",
    templateYearLabel: "年度",
    templateYearHint: "1990–2100 之间的四位年份，如 2024。",
    templateYearInvalid: "请输入 1990–2100 之间的四位年份。",
    templateProtect: "保护工作表（只能在输入单元格中填写，公式和标签不会被误改）",
    insertTemplateConfirm: "插入",
    noTableInsertHint: "也可以插入一张标准自评表，直接在其中填写。",
    noticeTemplateInserted:
      "已插入工作表“{sheet}”并校验：列出的是尚未填写的必填项。如需撤销，删除该工作表即可。",
    hintTemplate: "请检查年度和规则设置后重试。",

    rulesHeading: "规则设置",
    rulesSourceDefault: "默认规则",
    rulesSourceEmbedded: "工作簿内嵌规则",
    rulesSourceFixed: "指定的规则",
    rulesPresetBadge: "预设：{preset}",
    presetNone: "无（通用）",
    presetBeijing: "北京",
    presetHunan: "湖南",
    rulesFundingWeight: "资金分值",
    rulesSectionSplit: "一级指标分值",
    rulesEnforced: "强制核对",
    rulesNotEnforced: "仅核对表中注明分值的一级指标",
    rulesNoSplit: "未设置",
    rulesTotal: "总分",
    rulesDenominator: "执行率分母",
    denominatorBudget: "全年预算数",
    denominatorAdjusted: "调整后预算数",
    rulesCap: "执行率上限",
    rulesRounding: "资金得分取整",
    roundingRound: "四舍五入，保留 {n} 位小数",
    roundingFloor: "向下取整，保留 {n} 位小数",
    rulesGrades: "等级",
    gradeBand: "{label} ≥ {min}",
    gradeLowest: "其余为{label}",
    rulesEmptyWords: "视为未说明偏差的文字",
    emptyWordsNone: "空白、无、—",
    emptyWordsSome: "空白、无、—，以及 {words}",
    rulesOverachievement: "超额完成需说明",
    overachievementOn: "完成值达到指标值的 {percent} 时",
    rulesScoring: "指标评分规则（建议得分）",
    switchOn: "开启",
    switchOff: "关闭",
    rulesRestoreDefaults: "恢复默认",
    rulesModeLabel: "编辑方式",
    rulesFormTab: "常用设置",
    rulesJsonTab: "高级（JSON）",
    rulesEditorLabel: "编辑规则设置",
    rulesPresetLabel: "预设",
    rulesPresetHint: "选择预设会载入该预设的全部设置。",
    rulesSplitItem: "{label}的分值",
    rulesEnforceLabel: "强制核对一级指标分值（资金分值与各一级指标分值之和应等于总分）",
    rulesCapHint: "1 表示 100%：执行率超过 100% 的按 100% 计。",
    rulesDecimalsLabel: "资金得分小数位数",
    rulesRoundingLabel: "资金得分取整方式",
    roundingRoundOption: "四舍五入",
    roundingFloorOption: "向下取整",
    gradeNameLabel: "第 {n} 档等级名称",
    gradeMinLabel: "第 {n} 档最低分",
    lowestGradeLabel: "最低等级（低于最后一档时）",
    rulesEmptyWordsLabel: "其他视为未说明的文字",
    rulesEmptyWordsHint: "用逗号或顿号分隔，例如：见附件、同上。",
    rulesOverachievementLabel: "超额完成需说明偏差原因",
    rulesThresholdLabel: "超额阈值（完成值 ÷ 指标值）",
    rulesThresholdHint: "例如 1.2 表示完成指标值的 120% 及以上时需要说明。",
    rulesScoringLabel: "启用指标评分规则：提示与建议得分不一致的得分，并可一键采用建议得分",
    rulesJsonLabel: "规则集（JSON）",
    rulesJsonHint: "完整的规则集。保存时会逐项校验，出错时指出出错的位置，不会保存。",
    rulesSave: "保存到工作簿",
    rulesInvalidTitle: "规则没有保存",
    rulesErrorPath: "出错位置：{path}",
    noticeRulesSaved: "规则已保存到工作簿。",
    noticeRulesSavedChecked: "规则已保存到工作簿，并已按新规则重新校验。",
    noticeRulesRestored: "已删除工作簿内嵌的规则，恢复为默认规则。",
    noticeRulesAlreadyDefault: "此工作簿已在使用默认规则。",

    cleanTables: "✓ {n} 张表无问题",
    selectTableHint: "在工作簿中选中此表",
    expandAll: "全部展开",
    collapseAll: "全部折叠",
    hiddenSheetsSkipped: "已跳过 {n} 个隐藏工作表",
    includeHidden: "包括隐藏工作表",
    marksLabel: "已标出的单元格",
    marksShow: "查看",
    marksPrevious: "上一处",
    marksNext: "下一处",
    marksPosition: "第 {i}/{n} 处：{cell}",
    fillNotesHeading: "填充公式时保留原值：",
    fillNotesBadge: "填充时保留原值",
    noticeFillNothingKept: "没有填充任何公式。",
    fillRefusedLabel:
      "未填充此表：公式将写入 {cell}，该单元格是表格的标签“{holds}”，表头无法一致读取；请核对表格后再填充",
    fillRefusedText:
      "未填充此表：公式将写入 {cell}，该单元格填有非本栏数值的文字“{holds}”，表头无法一致读取；请核对表格后再填充",

    outsideOfficeTitle: "请在 Excel 中打开此加载项",
    outsideOfficeBody:
      "此任务窗格需要在 Excel 中运行：打开工作簿后，在“开始”选项卡中点击“绩效自评表助手”。不使用 Excel 时，可以用命令行工具 selfeval 检查 .xlsx 文件。",
  },
  "en-US": {
    locale: "en-US",
    productName: "Self-Evaluation Sheet Assistant",
    tagline:
      "Find, validate and fill project expenditure performance self-evaluation sheets in Excel workbooks.",

    actionsLabel: "Actions",
    validateSheet: "Check this sheet",
    validateWorkbook: "Check the whole workbook",
    fill: "Fill in formulas",
    highlight: "Mark unexplained deviations",
    clearHighlights: "Clear marks",
    undo: "Undo last action",
    convertNumbers: "When filling, also turn numbers stored as text (such as “96 万”) into numbers",

    working: "Working…",
    progressReading: "Reading sheet “{sheet}” ({done} of {total})",
    progressLabel: "Progress",
    refreshing: "Updating the results…",

    intro:
      "Select “Check this sheet” to start: the assistant finds the tables, checks the arithmetic and lists what needs attention.",
    noTableOnSheet:
      "No project expenditure self-evaluation table was found on this sheet. Make sure the table has the “一级指标 … 分值 得分” header row.",
    noTableInWorkbook:
      "No project expenditure self-evaluation table was found in this workbook. Make sure the tables have the “一级指标 … 分值 得分” header row.",
    sheetsWithoutTable: "Sheets without a table: {sheets}",
    noFindings: "No problems found.",
    noFindingsForFilter: "No findings match the filter.",
    cleanBadge: "No problems",

    resultsLabel: "Results",
    summary:
      "Checked {tables} table(s): {errors} error(s), {warnings} warning(s), {infos} note(s).",
    filterLabel: "Show",
    filterAll: "All",
    filterErrors: "Errors",
    filterWarnings: "Warnings",
    filterInfo: "Notes",
    severityError: "Error",
    severityWarning: "Warning",
    severityInfo: "Note",
    countErrors: "Errors: {n}",
    countWarnings: "Warnings: {n}",
    countInfo: "Notes: {n}",
    tableHeading: "{name} · {range}",
    sheetLabel: "Sheet: {sheet}",
    untitledTable: "(no project name)",
    sheetFindings: "Sheet notes",
    cellLabel: "Cell {cell}",
    expected: "Expected: {value}",
    actual: "Found: {value}",
    selectCellHint: "Select this cell in the sheet",

    ignore: "Ignore",
    ignoreAriaLabel: "Ignore the finding at cell {cell}",
    ignoreTitle: "Ignore this finding",
    ignoreReasonLabel: "Reason",
    ignoreReasonHint:
      "Say why this finding can stay as it is, e.g. “Confirmed with the supervising department: not applicable to this project”. Reviewers will see the reason.",
    ignoreReasonRequired: "Please give a reason.",
    ignoreConfirm: "Ignore",
    cancel: "Cancel",
    ignoredGroup: "Ignored",
    ignoredReason: "Reason: {reason}",
    restore: "Restore",
    restoreAriaLabel: "Restore the finding at cell {cell}",

    dismiss: "Dismiss",
    noticeFilled: "Formulas written to {n} cell(s); the results were checked again.",
    noticeFillNothing: "The formulas are already up to date; nothing to fill.",
    noticeNoTableNoWrite: "No table found, so nothing was written.",
    noticeHighlighted:
      "Marked {n} unexplained deviation(s). Fill in the deviation cause and corrective action in the yellow cells.",
    noticeHighlightNothing: "There are no unexplained deviations to mark.",
    noticeCleared: "Cleared {n} mark(s).",
    noticeClearedNone: "There are no marks to clear.",
    noticeUndone: "Undid “{action}”.",
    noticeUndoNothing: "There is nothing to undo.",
    noticeIgnored: "The finding is ignored; you can restore it under “Ignored”.",
    noticeRestored: "The finding is restored.",
    journalFill: "Fill in formulas",
    journalHighlight: "Mark unexplained deviations",
    journalClearHighlights: "Clear marks",
    journalApplySuggestedScores: "Apply suggested scores",
    journalInsertTemplate: "Insert template",
    journalConvertNumbers: "Convert numbers stored as text",

    errorTitle: "The action did not finish",
    errorUnexpected: "Something unexpected went wrong ({detail}).",
    hintProtected: "Unprotect the sheet (Review › Unprotect Sheet) and try again.",
    hintTooLarge:
      "Check the sheets one at a time, or delete content you do not need outside the tables, and try again.",
    hintUnsupported: "Update Excel, or open the workbook in Excel for the desktop, and try again.",
    hintNoWorkbook: "Open a workbook first, then try again.",
    hintFailed:
      "Try again in a moment; if it keeps happening, save the workbook and open it again.",
    hintStateUnreadable:
      'Checking is not affected. If you are sure the data is no longer needed, choose "Clear assistant data" to start afresh.',
    noticeUndoConflicts:
      'Undid "{action}". Conflict: these cells were changed after the action and were not undone: {cells}',
    stateUnreadable:
      'The assistant\'s data in this workbook (the hidden sheet "_selfeval") cannot be read and is not overwritten: checking works as usual; ignoring and undo need saving and are unavailable. To start afresh, choose "Clear assistant data". Reason: {reason}',
    fillSkippedHeading: "These formulas were not written; the cells keep what they hold:",
    noticeAssistantDataCleared: "The assistant's data was cleared.",
    confirmFillTitle: "Confirm changes to typed values",
    confirmFillIntro:
      "Filling the formulas changes these typed values (table, cell, field: before → after). Nothing is written until you confirm.",
    confirmFillWrite: "Write",
    confirmFillCancel: "Do not write",
    confirmFillChange: "{table} {cell} {field}: {before} → {after}",
    blankValue: "blank",
    clearAssistantData: "Clear assistant data",
    clearAssistantDataTitle: "Clear the assistant's data?",
    clearAssistantDataIntro:
      "This removes from the workbook the assistant's journal (undo will no longer be possible), the ignored findings with their reasons, and the record of marks (the colours and notes stay in the cells).",
    clearAssistantDataRules: "Also remove the workbook's embedded rule set",
    clearAssistantDataConfirm: "Clear",

    insertTemplate: "Insert a standard table…",

    suggestedScore: "Suggested score: {value}",
    applySuggested: "Use suggested score",
    applySuggestedAriaLabel: "Use the suggested score {value} in cell {cell}",
    applyAllSuggested: "Use all suggested scores ({n})",
    applyAllSuggestedAriaLabel: "Use all suggested scores: {table}",
    noticeSuggestedOne:
      "Cell {cell} now holds the suggested score {value}; the results were checked again. “Undo last action” puts the old score back.",
    noticeSuggestedMany:
      "Suggested scores written to {n} cell(s); the results were checked again. “Undo last action” puts the old scores back.",
    noticeSuggestedNothing: "The scores already match the suggestions; nothing to change.",
    noticePolicyOff:
      "The rule set does not turn the indicator scoring policy on, so there are no suggested scores.",

    insertTemplateTitle: "Insert a standard self-evaluation table",
    insertTemplateIntro:
      "Adds a sheet with a blank project expenditure self-evaluation table: formulas, drop-downs, number checks and print set-up are in place, laid out with the current rule set.",
    templateVariantLabel: "Layout",
    templateVariantBeijing: "Beijing (with 项目负责人 and 联系电话)",
    templateVariantHunan: "Hunan (with 部门名称, 项目总投资 and 等级)",
    templateYearLabel: "Year",
    templateYearHint: "A four-digit year between 1990 and 2100, e.g. 2024.",
    templateYearInvalid: "Enter a four-digit year between 1990 and 2100.",
    templateProtect:
      "Protect the sheet (only the input cells can be typed in; formulas and labels stay as they are)",
    insertTemplateConfirm: "Insert",
    noTableInsertHint: "Or insert a standard table and fill it in.",
    noticeTemplateInserted:
      "Inserted the sheet “{sheet}” and checked it: the findings are the required fields still blank. To take it back, delete the sheet.",
    hintTemplate: "Check the year and the rule set, and try again.",

    rulesHeading: "Rule set",
    rulesSourceDefault: "Default rules",
    rulesSourceEmbedded: "Rules embedded in the workbook",
    rulesSourceFixed: "Rules given to the pane",
    rulesPresetBadge: "Preset: {preset}",
    presetNone: "None (generic)",
    presetBeijing: "Beijing",
    presetHunan: "Hunan",
    rulesFundingWeight: "Funding weight",
    rulesSectionSplit: "Weights by 一级 indicator",
    rulesEnforced: "enforced",
    rulesNotEnforced: "checked only where a 一级 label states its weight",
    rulesNoSplit: "none",
    rulesTotal: "Total",
    rulesDenominator: "Execution rate denominator",
    denominatorBudget: "全年预算数 (annual budget)",
    denominatorAdjusted: "调整后预算数 (adjusted budget)",
    rulesCap: "Execution rate cap",
    rulesRounding: "Funding score rounding",
    roundingRound: "rounded to {n} decimal(s)",
    roundingFloor: "rounded down to {n} decimal(s)",
    rulesGrades: "Grades",
    gradeBand: "{label} ≥ {min}",
    gradeLowest: "otherwise {label}",
    rulesEmptyWords: "Explanations counted as missing",
    emptyWordsNone: "blank, 无, —",
    emptyWordsSome: "blank, 无, — and {words}",
    rulesOverachievement: "Over-achievement needs an explanation",
    overachievementOn: "from {percent} of the target",
    rulesScoring: "Indicator scoring policy (suggested scores)",
    switchOn: "on",
    switchOff: "off",
    rulesRestoreDefaults: "Restore defaults",
    rulesModeLabel: "Edit as",
    rulesFormTab: "Common settings",
    rulesJsonTab: "Advanced (JSON)",
    rulesEditorLabel: "Edit the rule set",
    rulesPresetLabel: "Preset",
    rulesPresetHint: "Choosing a preset loads all of its settings.",
    rulesSplitItem: "Weight of {label}",
    rulesEnforceLabel:
      "Enforce the weights by 一级 indicator (the funding weight and the 一级 weights add up to the total)",
    rulesCapHint: "1 means 100%: an execution rate above 100% counts as 100%.",
    rulesDecimalsLabel: "Funding score decimals",
    rulesRoundingLabel: "Funding score rounding",
    roundingRoundOption: "Round",
    roundingFloorOption: "Round down",
    gradeNameLabel: "Grade {n} name",
    gradeMinLabel: "Grade {n} minimum score",
    lowestGradeLabel: "Lowest grade (below the last band)",
    rulesEmptyWordsLabel: "Other words counted as no explanation",
    rulesEmptyWordsHint: "Separate them with commas, e.g. 见附件, 同上.",
    rulesOverachievementLabel: "Require an explanation for over-achievement",
    rulesThresholdLabel: "Threshold (actual ÷ target)",
    rulesThresholdHint: "E.g. 1.2: an actual of 120% of the target or more needs an explanation.",
    rulesScoringLabel:
      "Turn on the indicator scoring policy: flag scores that differ from the suggested score, which can then be applied",
    rulesJsonLabel: "Rule set (JSON)",
    rulesJsonHint:
      "The whole rule set. Every key is checked on saving; a fault is named by its path and nothing is saved.",
    rulesSave: "Save to the workbook",
    rulesInvalidTitle: "The rules were not saved",
    rulesErrorPath: "At: {path}",
    noticeRulesSaved: "The rules are saved in the workbook.",
    noticeRulesSavedChecked:
      "The rules are saved in the workbook, and the results were checked again with them.",
    noticeRulesRestored: "The embedded rules were removed; the defaults apply.",
    noticeRulesAlreadyDefault: "This workbook already uses the default rules.",

    cleanTables: "✓ {n} table(s) without findings",
    selectTableHint: "Select this table in the workbook",
    expandAll: "Expand all",
    collapseAll: "Collapse all",
    hiddenSheetsSkipped: "Skipped {n} hidden sheet(s)",
    includeHidden: "Include hidden sheets",
    marksLabel: "Marked cells",
    marksShow: "Show",
    marksPrevious: "Previous",
    marksNext: "Next",
    marksPosition: "{i} of {n}: {cell}",
    fillNotesHeading: "Fill formulas keeps these as they are:",
    fillNotesBadge: "Fill keeps some cells",
    noticeFillNothingKept: "No formula was written.",
    fillRefusedLabel:
      'Table not filled: a formula would go into {cell}, which holds a label of the table "{holds}"; the header cannot be read consistently, check the table and fill again',
    fillRefusedText:
      'Table not filled: a formula would go into {cell}, which holds text that is not a value of its field "{holds}"; the header cannot be read consistently, check the table and fill again',

    outsideOfficeTitle: "Open this add-in in Excel",
    outsideOfficeBody:
      "This task pane runs inside Excel: open a workbook and select “Self-Evaluation Sheet Assistant” on the Home tab. Without Excel, the selfeval command-line tool checks .xlsx files.",
  },
};

/** Picks the pane's locale from a BCP 47 tag such as Office.context.displayLanguage ("en-US", "zh-CN"). */
export function pickLocale(language: string | null | undefined): Locale {
  return language && language.trim().toLowerCase().startsWith("en") ? "en-US" : "zh-CN";
}

export function stringsFor(locale: Locale): Strings {
  return STRINGS[locale];
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function format(
  template: string,
  params: Readonly<Record<string, string | number>>
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole
  );
}

/** A bilingual text picked by the strings' locale (finding messages, HostError messages). */
export function pick(strings: Strings, zh: string, en: string): string {
  return strings.locale === "en-US" ? en : zh;
}
