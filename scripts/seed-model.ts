/**
 * The transcription format of the real published tables (seeds/source/*.json).
 * Every value is a string exactly as published; the workbook builder decides which
 * strings become numeric cells. "" means the cell is blank in the document.
 */
export interface SeedDocument {
  /** File name of the shared seed document this was transcribed from. */
  source: string;
  tables: SeedTable[];
}

export interface SeedTable {
  /** "<doc>-<nn>", e.g. "001-03", numbered in document order from 01. */
  id: string;
  kind: "project" | "department";
  variant: "beijing" | "hunan";
  /** The title line as published, e.g. "项目支出绩效自评表" or "2020年度项目支出绩效自评表". */
  title: string;
  /** The line under the title, e.g. "(2023 年度)"; omitted when the document has none. */
  subtitle?: string;
  /** Header label/value pairs in document order (label as published, "\n" where the document breaks it). */
  header: [string, string][];
  funding: {
    /** "项目资金（万元）", "年度项目资金\n（万元）", "资金情况\n（万元）" … */
    label: string;
    /** Column headers; columns[0] is the header above the row labels ("" in Beijing, "年度资金总额" in Hunan). */
    columns: string[];
    /** One row per funding line; row[0] is its label ("年度资金总额", "合计", "其中：当年财政拨款" …). */
    rows: string[][];
  };
  goal?: {
    label: string;
    columns: [string, string];
    values: [string, string];
  };
  indicators: {
    label: string;
    /** [一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施] headers as published. */
    columns: string[];
    /** Same order as columns; 一级/二级 are "" on rows that continue the group above (merged in Excel). */
    rows: string[][];
  };
  total: {
    label: string;
    weight: string;
    score: string;
  };
  /** Hunan: the grade line, e.g. { label: "等级", value: "优", text: "等级：优" }. */
  grade?: { label: string; value: string; text: string };
  /** Lines printed under the table (备注 …), as published. */
  footnotes?: string[];
  /** How the transcriber resolved anything ambiguous in the source (wrapped numbers joined, etc.). */
  notes?: string;
}
