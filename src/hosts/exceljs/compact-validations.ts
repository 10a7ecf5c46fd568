import { parseA1, rangeToA1, toA1 } from "../../engine/grid/a1";
import type { TemplateValidation } from "../../engine/template/layout";

/*
 * No ExcelJS here: the Office host (in the task pane bundle) squeezes a layout's validations the
 * same way as the ExcelJS renderer.
 */

/**
 * Equal validations squeezed into rectangles (A1 ranges), so the file carries one validation per
 * rectangle. Done here rather than by ExcelJS, whose own squeezing overlaps ranges that cross a
 * change in the row number's digit count (D7:F10 and D10:F10).
 */
export function compactValidations(
  validations: readonly TemplateValidation[]
): { sqref: string; validation: TemplateValidation }[] {
  const groups = new Map<string, { validation: TemplateValidation; cells: Set<string> }>();
  for (const v of validations) {
    const { address, ...rest } = v;
    const key = JSON.stringify(rest);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { validation: v, cells: new Set() }));
    g.cells.add(address);
  }
  const out: { sqref: string; validation: TemplateValidation }[] = [];
  for (const { validation, cells } of groups.values()) {
    const positions = [...cells]
      .map((a) => parseA1(a))
      .sort((p, q) => p.row - q.row || p.col - q.col);
    const has = new Set(cells);
    const done = new Set<string>();
    const free = (r: number, c: number) => has.has(toA1(r, c)) && !done.has(toA1(r, c));
    for (const p of positions) {
      if (done.has(toA1(p.row, p.col))) continue;
      let bottom = p.row;
      while (free(bottom + 1, p.col)) bottom++;
      let right = p.col;
      const columnFree = (c: number) => {
        for (let r = p.row; r <= bottom; r++) if (!free(r, c)) return false;
        return true;
      };
      while (columnFree(right + 1)) right++;
      for (let r = p.row; r <= bottom; r++)
        for (let c = p.col; c <= right; c++) done.add(toA1(r, c));
      out.push({ sqref: rangeToA1({ top: p.row, left: p.col, bottom, right }), validation });
    }
  }
  return out;
}
