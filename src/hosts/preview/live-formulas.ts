import { matcherFor } from "../../engine/analyze";
import { detectTables } from "../../engine/detect/detect";
import { planFill, sameFormula } from "../../engine/fill/plan-fill";
import { CellWrite } from "../../engine/fill/plan-types";
import { columnIndex } from "../../engine/grid/a1";
import { Grid, GridSnapshot } from "../../engine/grid/snapshot";
import { EngineSettings } from "../../engine/settings";

/**
 * Our formulas on a sheet, and what they evaluate to, from the engine alone (no spreadsheet
 * calculator ships with the preview): the sheet is detected afresh and planned with
 * `includeUnchanged`, and every planned formula the cell already holds is ours, its `result` the
 * value to show. Formulas that are not ours are not computed here.
 *
 * A planned result assumes the whole plan is in place: a formula that reads another planned cell
 * which holds something else (a fund score whose 执行率 cell was typed over) would be computed
 * from the wrong input, so it is left out too.
 */
export function liveFormulas(
  snapshot: GridSnapshot,
  settings: EngineSettings
): Map<string, CellWrite> {
  const grid = new Grid(snapshot);
  const planned = new Map<string, CellWrite>();
  for (const table of detectTables(grid, matcherFor(settings))) {
    for (const w of planFill(table, settings, { includeUnchanged: true })) {
      if (w.formula !== undefined && w.result !== undefined && !planned.has(w.address))
        planned.set(w.address, w);
    }
  }
  const live = new Map<string, CellWrite>();
  for (const [address, w] of planned) {
    if (sameFormula(grid.formula(w.row, w.col), w.formula!)) live.set(address, w);
  }
  // Drop the formulas that read a planned cell which is not (or no longer) ours, until none does.
  const notLive = [...planned.values()].filter((w) => !live.has(w.address));
  let changed = notLive.length > 0;
  while (changed) {
    changed = false;
    for (const [address, w] of live) {
      const refs = referencedRanges(w.formula!);
      if (notLive.some((p) => refs.some((r) => inRange(p, r)))) {
        live.delete(address);
        notLive.push(w);
        changed = true;
      }
    }
  }
  return live;
}

interface Ref {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function inRange(w: { row: number; col: number }, r: Ref): boolean {
  return w.row >= r.top && w.row <= r.bottom && w.col >= r.left && w.col <= r.right;
}

/** The cells and ranges an A1 formula references on its own sheet (string literals skipped). */
export function referencedRanges(formula: string): Ref[] {
  const body = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const re =
    /(?<![A-Za-z0-9_.!$])\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?(?![A-Za-z0-9_(])/g;
  const out: Ref[] = [];
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const c1 = columnIndex(m[1].toUpperCase());
    const r1 = Number(m[2]) - 1;
    const c2 = m[3] ? columnIndex(m[3].toUpperCase()) : c1;
    const r2 = m[4] ? Number(m[4]) - 1 : r1;
    out.push({
      top: Math.min(r1, r2),
      left: Math.min(c1, c2),
      bottom: Math.max(r1, r2),
      right: Math.max(c1, c2),
    });
  }
  return out;
}
