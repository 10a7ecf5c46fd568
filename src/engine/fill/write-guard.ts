/**
 * The last check of a fill plan: a write may only land on a cell that holds a value of the field
 * it computes (blank, a number, a number typed as text, a placeholder such as "—", an error value,
 * a formula; for 等级 a grade), never on a label of the table or other text. One such write means
 * the table was not read consistently (a header label moved, a column mistaken for another), so
 * the whole table is refused: nothing of it is written, and the refusal says where and why.
 *
 * planFill runs the guard on every plan; `fillRefusal(table)` tells a host why a table's plan came
 * back empty (kept per table object, for the plan made last).
 */
import { AssessmentTable, Located } from "../model/table";
import { EngineSettings } from "../settings";
import { parseNumber } from "../text/numbers";
import { CellWrite } from "./plan-types";

/** One write that would have overwritten something that is not a value of its field. */
export interface UnsafeWrite {
  write: CellWrite;
  /** What the cell holds (text, as shown). */
  holds: string;
  /** The cell is one of the table's own labels (else: other text). */
  isLabel: boolean;
}

/** Why a table's plan was refused. */
export interface FillRefusal {
  sheet: string;
  /** The table's range, A1. */
  range: string;
  unsafe: UnsafeWrite[];
}

const refusals = new WeakMap<AssessmentTable, FillRefusal>();

/** Why the last plan made for `table` was refused, or null when it was not. */
export function fillRefusal(table: AssessmentTable): FillRefusal | null {
  return refusals.get(table) ?? null;
}

/** Every cell the table reads as one of its labels. */
function labelCells(table: AssessmentTable): Set<string> {
  const out = new Set<string>();
  const add = (c: Located | null | undefined) => {
    if (c) out.add(c.address);
  };
  add(table.title);
  for (const f of Object.values(table.header)) add(f?.label);
  for (const r of table.funding?.rows ?? []) add(r.label);
  for (const r of table.indicators?.rows ?? []) if (r.level1Address) out.add(r.level1Address);
  add(table.total?.label);
  // An inline grade ("等级：优") is its own value cell: the formula keeps the label part.
  if (table.grade && table.grade.label.address !== table.grade.valueCell.address)
    add(table.grade.label);
  return out;
}

const GRADE_PREFIX = /^\s*等\s*级\s*[:：]\s*/;

function gradeWords(settings: EngineSettings): Set<string> {
  return new Set([...settings.gradeBands.map((b) => b.label), settings.lowestGrade]);
}

/** Whether the cell's content is a value of the field the write computes. */
function holdsFieldValue(w: CellWrite, settings: EngineSettings, inlineGrade: boolean): boolean {
  const { value, formula } = w.before;
  if (formula) return true;
  if (value === null || value === "" || typeof value === "number" || typeof value === "boolean")
    return true;
  const text = value.trim();
  if (text === "" || /^#[A-Z0-9/!?]+$/i.test(text)) return true;
  if (w.purpose === "grade") {
    const rest = inlineGrade ? text.replace(GRADE_PREFIX, "") : text;
    if (inlineGrade && !GRADE_PREFIX.test(text)) return false;
    return rest === "" || gradeWords(settings).has(rest);
  }
  const p = parseNumber(value, w.before.numberFormat);
  return p.kind === "number" || p.kind === "placeholder" || p.kind === "empty";
}

/**
 * `writes` when every one lands on a value of its field; otherwise none (the refusal is kept for
 * `fillRefusal`).
 */
export function guardWrites(
  table: AssessmentTable,
  writes: CellWrite[],
  settings: EngineSettings
): CellWrite[] {
  const labels = labelCells(table);
  const inline =
    !!table.grade && table.grade.label.address === table.grade.valueCell.address
      ? table.grade.valueCell.address
      : null;
  const unsafe: UnsafeWrite[] = [];
  for (const w of writes) {
    const isLabel = labels.has(w.address);
    if (!isLabel && holdsFieldValue(w, settings, w.address === inline)) continue;
    unsafe.push({ write: w, holds: String(w.before.value ?? ""), isLabel });
  }
  if (unsafe.length === 0) {
    refusals.delete(table);
    return writes;
  }
  refusals.set(table, { sheet: table.sheet, range: table.range.address, unsafe });
  return [];
}
