/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per function, self time per file or
 * package, and inclusive time of the project's own functions.
 *
 * Usable alone: node -r ts-node/register/transpile-only bench/profile-summary.ts <file.cpuprofile> [top]
 */
import * as fs from "fs";
import * as path from "path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  key: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  self: ProfileRow[];
  byFile: ProfileRow[];
  byArea: ProfileRow[];
  /** Inclusive time of functions in the project's own code (dist/, src/). */
  inclusiveOwn: ProfileRow[];
}

const ROOT = path.resolve(__dirname, "..");

function shortUrl(url: string): string {
  if (!url) return "";
  let u = url.replace(/^file:\/\//, "");
  if (u.startsWith(ROOT + "/")) u = u.slice(ROOT.length + 1);
  return u;
}

/** A coarse bucket: a package under node_modules, the project's own code, node internals, or a V8 pseudo-frame. */
function areaOf(cf: CallFrame): string {
  const u = shortUrl(cf.url);
  if (!u) return cf.functionName.startsWith("(") ? cf.functionName : "(native / V8 builtin)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) {
    if (m[1] === "exceljs") {
      const sub = /node_modules\/exceljs\/(?:dist\/es5|lib)\/([^/]+(?:\/[^/]+)?)/.exec(u);
      return `exceljs/${sub ? sub[1].replace(/\/[^/]+\.js$/, "") : "?"}`;
    }
    return m[1];
  }
  if (u.startsWith("node:")) return "node internals";
  if (u.startsWith("dist/cli/") || u.startsWith("src/"))
    return `project: ${u.replace(/^dist\/cli\/|^src\//, "").replace(/\/[^/]+$/, "")}`;
  return u;
}

function frameKey(cf: CallFrame): string {
  const u = shortUrl(cf.url);
  const name = cf.functionName || "(anonymous)";
  return u ? `${name}  ${u}:${cf.lineNumber + 1}` : name;
}

function top(map: Map<string, number>, total: number, n: number): ProfileRow[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, us]) => ({ key, ms: us / 1000, pct: total > 0 ? (100 * us) / total : 0 }));
}

export function summarizeProfile(file: string, n = 25): ProfileSummary {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of prof.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parent.set(c, node.id);
  }
  const selfUs = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the interval after it (the next delta) to it.
    const dt = prof.timeDeltas[i + 1] ?? 0;
    if (dt <= 0) continue;
    selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byArea = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const cf = node.callFrame;
    const fk = frameKey(cf);
    self.set(fk, (self.get(fk) ?? 0) + us);
    const file = shortUrl(cf.url) || cf.functionName || "(native)";
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const area = areaOf(cf);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    // Inclusive time of own-code functions: each distinct function on the stack counts once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const c = byId.get(cur)!.callFrame;
      const u = shortUrl(c.url);
      if (!(u.startsWith("dist/cli/") || u.startsWith("src/") || u.startsWith("bin/"))) continue;
      const k = frameKey(c);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  return {
    totalMs: total / 1000,
    self: top(self, total, n),
    byFile: top(byFile, total, n),
    byArea: top(byArea, total, n),
    inclusiveOwn: top(inclusive, total, n),
  };
}

export function formatSummary(title: string, s: ProfileSummary): string {
  const rows = (label: string, r: ProfileRow[]): string =>
    `  ${label}\n` +
    r
      .map(
        (x) => `    ${x.ms.toFixed(1).padStart(9)} ms ${x.pct.toFixed(1).padStart(5)}%  ${x.key}`
      )
      .join("\n");
  return [
    `${title}: ${s.totalMs.toFixed(0)} ms sampled`,
    rows("top self time by function:", s.self),
    rows("self time by area:", s.byArea),
    rows("self time by file:", s.byFile.slice(0, 15)),
    rows("inclusive time, project functions:", s.inclusiveOwn.slice(0, 20)),
  ].join("\n");
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: profile-summary.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  console.log(
    formatSummary(path.basename(file), summarizeProfile(file, Number(process.argv[3] ?? 25)))
  );
}
