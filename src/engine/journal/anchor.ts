import { parseA1, toA1 } from "../grid/a1";
import { AssessmentTable, Located } from "../model/table";
import { CellAnchor } from "../state/schema";
import { cellText, normalizeLabel } from "../text";

/**
 * Anchors: a cell named by what it is, so journal entries, marks and ignored findings follow it when
 * rows are inserted or deleted (its address changes, its identity does not) and, with the host's
 * stable worksheet id, when its sheet is renamed. The identity is the table's (its 项目名称 or title,
 * and its order among same-named tables on the sheet) and the field's (a funding row's kind and
 * column, the 总分 row's column, the 等级, an indicator's 三级指标 with its order and column, a
 * header field); a cell that is none of these is named by its offset from the table's top-left.
 * Re-resolving runs against the current detection of the sheet (resolveAnchor).
 */

function tableName(t: AssessmentTable): string {
  const name = t.header.projectName?.value ?? t.title ?? null;
  const text = name ? normalizeLabel(cellText(name.value)) : "";
  return text || "table";
}

/** The identity of every table on a sheet, in order: "name#0", "name#1" for same-named tables. */
export function tableIdentities(tables: readonly AssessmentTable[]): string[] {
  const seen = new Map<string, number>();
  return tables.map((t) => {
    const n = tableName(t);
    const i = seen.get(n) ?? 0;
    seen.set(n, i + 1);
    return `${n}#${i}`;
  });
}

type Field = { key: string; cell: Located | null };

/** Every named cell of a table with its field key. */
function fieldsOf(t: AssessmentTable): Field[] {
  const out: Field[] = [];
  const kinds = new Map<string, number>();
  for (const r of t.funding?.rows ?? []) {
    const i = kinds.get(r.kind) ?? 0;
    kinds.set(r.kind, i + 1);
    const row = `funding.${r.kind}#${i}`;
    for (const col of [
      "initialBudget",
      "budget",
      "adjustedBudget",
      "executed",
      "weight",
      "rate",
      "score",
    ] as const)
      out.push({ key: `${row}.${col}`, cell: r[col] ?? null });
  }
  const names = new Map<string, number>();
  for (const r of t.indicators?.rows ?? []) {
    const name = normalizeLabel(cellText(r.level3?.value ?? null)) || normalizeLabel(r.level2);
    const i = names.get(name) ?? 0;
    names.set(name, i + 1);
    const row = `indicator.${name}#${i}`;
    for (const col of [
      "level3",
      "target",
      "actual",
      "weight",
      "score",
      "explanation",
      "tier",
    ] as const)
      out.push({ key: `${row}.${col}`, cell: r[col] ?? null });
  }
  if (t.total) {
    out.push({ key: "total.weight", cell: t.total.weight });
    out.push({ key: "total.score", cell: t.total.score });
    out.push({ key: "total.label", cell: t.total.label });
  }
  if (t.grade) out.push({ key: "grade", cell: t.grade.valueCell });
  for (const [k, f] of Object.entries(t.header)) {
    if (f?.value) out.push({ key: `header.${k}.value`, cell: f.value });
    if (f) out.push({ key: `header.${k}.label`, cell: f.label });
  }
  return out;
}

/** The anchor of a cell of one of the sheet's tables, or null when the cell is in none of them. */
export function anchorOf(
  tables: readonly AssessmentTable[],
  address: string,
  sheetId?: string
): CellAnchor | null {
  let p;
  try {
    p = parseA1(address);
  } catch {
    return null;
  }
  const ids = tableIdentities(tables);
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i];
    const g = t.range;
    if (p.row < g.top || p.row > g.bottom || p.col < g.left || p.col > g.right) continue;
    const field = fieldsOf(t).find((f) => f.cell && f.cell.row === p.row && f.cell.col === p.col);
    const offset = `${p.row - g.top},${p.col - g.left}`;
    const sheet = sheetId ? { sheetId } : {};
    if (!field) return { ...sheet, table: ids[i], field: `offset.${offset}` };
    // 等级 is found by its text; once we write it as a formula, a host that shows no formula
    // results (or a result that reads as no grade) hides it from the detection: its offset in the
    // table finds it then. Only the 等级: a row field whose row was deleted must not resolve to
    // the row that moved up into its place.
    return {
      ...sheet,
      table: ids[i],
      field: field.key,
      ...(field.key === "grade" ? { offset } : {}),
    };
  }
  return null;
}

/** Where an anchored cell is now among the sheet's tables, or null when it is gone. */
export function resolveAnchor(
  anchor: CellAnchor,
  tables: readonly AssessmentTable[]
): string | null {
  const ids = tableIdentities(tables);
  const i = ids.indexOf(anchor.table);
  if (i < 0) return null;
  const t = tables[i];
  const off = /^offset\.(\d+),(\d+)$/.exec(anchor.field);
  if (off) return toA1(t.range.top + Number(off[1]), t.range.left + Number(off[2]));
  const field = fieldsOf(t).find((f) => f.key === anchor.field);
  if (field?.cell) return toA1(field.cell.row, field.cell.col);
  const at = typeof anchor.offset === "string" ? /^(\d+),(\d+)$/.exec(anchor.offset) : null;
  return at ? toA1(t.range.top + Number(at[1]), t.range.left + Number(at[2])) : null;
}

/** Two anchors name the same cell (the sheet ids, where both have one, must agree too). */
export function sameAnchor(a: CellAnchor, b: CellAnchor): boolean {
  if (a.sheetId && b.sheetId && a.sheetId !== b.sheetId) return false;
  return a.table === b.table && a.field === b.field;
}
