import { Finding } from "../model/finding";
import { Suppression } from "./schema";

export interface SplitFindings {
  active: Finding[];
  ignored: { finding: Finding; suppression: Suppression }[];
}

/** Separates the findings a reviewer has ignored (same code, sheet and cell) from the rest. */
export function splitSuppressed(
  sheet: string,
  findings: readonly Finding[],
  suppressions: readonly Suppression[]
): SplitFindings {
  const out: SplitFindings = { active: [], ignored: [] };
  for (const f of findings) {
    const s = suppressions.find((x) => x.code === f.code && x.sheet === sheet && x.cell === f.cell);
    if (s) out.ignored.push({ finding: f, suppression: s });
    else out.active.push(f);
  }
  return out;
}
