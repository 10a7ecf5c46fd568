import { toA1 } from "../grid/a1";
import { Finding } from "../model/finding";
import { AssessmentTable } from "../model/table";
import { EngineSettings } from "../settings";
import { isHighlighted } from "../rules";
import { Highlight } from "./plan-types";

/**
 * Colours the explanation cell of every indicator row with an unexplained deviation and attaches
 * a note saying what is missing. One highlight per cell even when several findings point at the row.
 */
export function planHighlights(
  report: { table: AssessmentTable; findings: readonly Finding[] },
  settings: EngineSettings
): Highlight[] {
  const { table, findings } = report;
  const col = table.indicators?.columns.explanation;
  if (col === null || col === undefined) return [];
  const byRow = new Map<number, Finding[]>();
  for (const f of findings) {
    if (!isHighlighted(f.code) || f.row === null) continue;
    const list = byRow.get(f.row - 1) ?? [];
    list.push(f);
    byRow.set(f.row - 1, list);
  }
  const out: Highlight[] = [];
  for (const [row, list] of [...byRow].sort((a, b) => a[0] - b[0])) {
    const indicator = table.indicators?.rows.find((r) => r.row === row);
    const cell = indicator?.explanation;
    const address = cell?.address ?? toA1(row, col);
    out.push({
      sheet: table.sheet,
      row: cell?.row ?? row,
      col: cell?.col ?? col,
      address,
      fillArgb: settings.highlightArgb,
      note_zh: ["请填写偏差原因分析及改进措施：", ...list.map((f) => f.message_zh)].join("\n"),
      note_en: [
        "Please explain the deviation and the corrective action:",
        ...list.map((f) => f.message_en),
      ].join("\n"),
    });
  }
  return out;
}
