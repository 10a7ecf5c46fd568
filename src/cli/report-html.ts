/**
 * `check --format html`: ONE self-contained file a reviewer opens offline — no CDN, no request of
 * any kind (the Content-Security-Policy allows nothing but the inline style and the one inline
 * script, by hash). Charts are drawn here, in Node, by Apache ECharts' server-side SVG renderer
 * and embedded as static <svg>: 执行率 and 总分 distributions, findings by code, tables by unit
 * with their worst finding. The findings table filters with a few lines of inline script; the
 * print stylesheet lays the page out for A4 ("print to PDF").
 *
 * Every text taken from a workbook or a file name is escaped (esc), control characters included.
 * This module is only imported by the CLI (report-format.ts loads it on demand): ECharts never
 * reaches the task pane bundle.
 */
import { createHash } from "crypto";
import * as echarts from "echarts";
import type { Lang } from "./args";
import type { Severity } from "../engine/model/finding";
import { formatNumber } from "../engine/text/numbers";
import { messages, ReportLabels } from "./messages";
import type { CheckedFile } from "./model";
import { countsByCode, reportRows, ReportRows, TableRow } from "./report-facts";
import { visible } from "./sanitize";
import { VERSION } from "./messages";

/** HTML text or attribute value: the five markup characters and every control character escaped. */
export function esc(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const COLORS: Record<Severity | "clean", string> = {
  error: "#c0392b",
  warning: "#d68910",
  info: "#2e86c1",
  clean: "#27ae60",
};
const FONT = '"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif';

/** Renders one chart to an SVG string (no DOM: ECharts' SSR mode). */
function svgChart(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

interface Bin {
  label: string;
  test: (v: number) => boolean;
}

const RATE_BINS: Bin[] = [
  { label: "<60%", test: (v) => v < 0.6 },
  { label: "60–80%", test: (v) => v >= 0.6 && v < 0.8 },
  { label: "80–90%", test: (v) => v >= 0.8 && v < 0.9 },
  { label: "90–95%", test: (v) => v >= 0.9 && v < 0.95 },
  { label: "95–<100%", test: (v) => v >= 0.95 && v < 1 },
  { label: "100%", test: (v) => v === 1 },
  { label: ">100%", test: (v) => v > 1 },
];

const TOTAL_BINS: Bin[] = [
  { label: "<60", test: (v) => v < 60 },
  { label: "60–70", test: (v) => v >= 60 && v < 70 },
  { label: "70–80", test: (v) => v >= 70 && v < 80 },
  { label: "80–90", test: (v) => v >= 80 && v < 90 },
  { label: "90–95", test: (v) => v >= 90 && v < 95 },
  { label: "95–<100", test: (v) => v >= 95 && v < 100 },
  { label: "100+", test: (v) => v >= 100 },
];

function histogram(
  title: string,
  values: readonly number[],
  bins: readonly Bin[],
  axis: string,
  color: string
): string {
  const counts = bins.map((b) => values.filter(b.test).length);
  return svgChart(
    {
      title: { text: title, left: "center", textStyle: { fontSize: 14 } },
      grid: { left: 48, right: 16, top: 64, bottom: 36 },
      xAxis: {
        type: "category",
        data: bins.map((b) => b.label),
        axisLabel: { interval: 0, fontSize: 10 },
      },
      yAxis: { type: "value", name: axis, minInterval: 1 },
      series: [
        {
          type: "bar",
          data: counts,
          itemStyle: { color },
          label: { show: true, position: "top" },
        },
      ],
    },
    460,
    280
  );
}

function codesChart(rows: ReportRows, r: ReportLabels): string {
  const codes = countsByCode(rows.findings).slice(0, 20).reverse();
  const height = Math.max(160, 60 + codes.length * 22);
  return svgChart(
    {
      title: { text: r.chartCodes, left: "center", textStyle: { fontSize: 14 } },
      grid: { left: 230, right: 40, top: 36, bottom: 24 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: codes.map((c) => c.code) },
      series: [
        {
          type: "bar",
          data: codes.map((c) => ({ value: c.count, itemStyle: { color: COLORS[c.severity] } })),
          label: { show: true, position: "right" },
        },
      ],
    },
    940,
    height
  );
}

type Worst = Severity | "clean";

function worstOf(t: TableRow): Worst {
  return t.worst ? t.worst.severity : "clean";
}

/** Units (实施单位, else 主管部门), the tables of each split by their worst finding's severity. */
function unitsChart(rows: ReportRows, m: ReturnType<typeof messages>): string {
  const r = m.report;
  const by = new Map<string, Record<Worst, number>>();
  for (const t of rows.tables) {
    const unit = visible(t.implementer ?? t.department ?? "—");
    let e = by.get(unit);
    if (!e) by.set(unit, (e = { error: 0, warning: 0, info: 0, clean: 0 }));
    e[worstOf(t)]++;
  }
  const total = (x: Record<Worst, number>) => x.error + x.warning + x.info + x.clean;
  const units = [...by.entries()]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .slice(0, 30)
    .reverse();
  const keys: Worst[] = ["error", "warning", "info", "clean"];
  const names: Record<Worst, string> = { ...m.severityWord, clean: r.noFindings };
  const height = Math.max(180, 110 + units.length * 22);
  return svgChart(
    {
      title: { text: r.chartUnits, left: "center", textStyle: { fontSize: 14 } },
      legend: { top: 30, data: keys.map((k) => names[k]) },
      grid: { left: 230, right: 30, top: 72, bottom: 24 },
      xAxis: { type: "value", name: r.chartTables, minInterval: 1 },
      yAxis: {
        type: "category",
        data: units.map(([u]) => (u.length > 18 ? `${u.slice(0, 17)}…` : u)),
      },
      series: keys.map((k) => ({
        name: names[k],
        type: "bar",
        stack: "tables",
        itemStyle: { color: COLORS[k] },
        data: units.map(([, c]) => c[k]),
      })),
    },
    940,
    height
  );
}

const num = (n: number | null) => (n === null ? "" : formatNumber(n));
const pct = (n: number | null) => (n === null ? "" : formatNumber(n, 2, { percent: true }));

const STYLE = `
*{box-sizing:border-box}
body{font-family:${FONT};margin:24px;color:#222;font-size:13px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #ccc}
.meta{color:#666;margin-bottom:12px}
.charts{display:flex;flex-wrap:wrap;gap:12px}
.chart{border:1px solid #e3e3e3;border-radius:4px;padding:4px;break-inside:avoid;page-break-inside:avoid}
table{border-collapse:collapse;width:100%;font-size:12px}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eef2f8;position:sticky;top:0}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.sev-error td.sev{color:${COLORS.error};font-weight:bold}
tr.sev-warning td.sev{color:${COLORS.warning}}
tr.sev-info td.sev{color:${COLORS.info}}
td.bad{color:${COLORS.error};font-weight:bold}
.filters{display:flex;gap:8px;align-items:center;margin:8px 0}
.filters input{flex:1;padding:4px}
@media print{
  @page{size:A4;margin:12mm}
  body{margin:0;font-size:10px}
  .filters,.noprint{display:none}
  th{position:static}
  tr{break-inside:avoid;page-break-inside:avoid}
  thead{display:table-header-group}
  .chart svg{max-width:100%;height:auto}
}`;

/** Filters the findings table by severity, code and text; no library, no network. */
const SCRIPT = `(function(){
var q=document.getElementById("q"),s=document.getElementById("sev"),c=document.getElementById("code"),
n=document.getElementById("shown"),rows=[].slice.call(document.querySelectorAll("#findings tbody tr"));
function apply(){var t=q.value.toLowerCase(),sv=s.value,cv=c.value,k=0;
rows.forEach(function(r){var ok=(!sv||r.getAttribute("data-sev")===sv)&&(!cv||r.getAttribute("data-code")===cv)&&(!t||r.textContent.toLowerCase().indexOf(t)>=0);
r.style.display=ok?"":"none";if(ok)k++;});n.textContent=n.getAttribute("data-fmt").replace("{n}",k);}
q.addEventListener("input",apply);s.addEventListener("change",apply);c.addEventListener("change",apply);apply();})();`;

export async function renderHtml(files: readonly CheckedFile[], lang: Lang): Promise<string> {
  const m = messages(lang);
  const r = m.report;
  const rows = reportRows(files, lang);
  const t = rows.tables;
  const tot = { error: 0, warning: 0, info: 0, unreadable: 0 };
  for (const f of rows.files) {
    tot.error += f.error;
    tot.warning += f.warning;
    tot.info += f.info;
    if (f.unreadable !== null) tot.unreadable++;
  }
  const charts = [
    histogram(
      r.chartRate,
      t.map((x) => x.rate).filter((x): x is number => x !== null),
      RATE_BINS,
      r.chartTables,
      "#5470c6"
    ),
    histogram(
      r.chartTotal,
      t.map((x) => x.totalComputed).filter((x): x is number => x !== null),
      TOTAL_BINS,
      r.chartTables,
      "#91cc75"
    ),
    codesChart(rows, r),
    unitsChart(rows, m),
  ];

  const fileRows = rows.files
    .map(
      (f) =>
        `<tr class="${f.unreadable ? "sev-error" : ""}"><td>${esc(f.file)}</td><td class="sev">${esc(
          f.unreadable === null ? r.statusOk : r.statusUnreadable(f.unreadable)
        )}</td><td class="n">${f.tables}</td><td class="n">${f.error}</td><td class="n">${f.warning}</td><td class="n">${f.info}</td></tr>`
    )
    .join("\n");
  const tableRows = t
    .map(
      (x) =>
        `<tr><td>${esc(x.file)}</td><td>${esc(x.sheet)}</td><td>${esc(x.projectName ?? "")}</td><td>${esc(
          x.implementer ?? x.department ?? ""
        )}</td><td class="n">${pct(x.rate)}</td><td class="n">${num(x.totalStated)}</td><td class="n">${num(
          x.totalComputed
        )}</td><td>${esc(x.grade ?? "")}</td><td class="n${x.error ? " bad" : ""}">${x.error}</td><td class="n">${x.warning}</td><td>${esc(
          x.worst ? `${x.worst.code} ${x.worst.cell ?? ""}` : r.noFindings
        )}</td></tr>`
    )
    .join("\n");
  const findingRows = rows.findings
    .map(
      (f) =>
        `<tr class="sev-${f.severity}" data-sev="${f.severity}" data-code="${esc(f.code)}"><td>${esc(
          f.file
        )}</td><td>${esc(f.sheet)}</td><td>${esc(f.projectName ?? "")}</td><td>${esc(
          f.cell ?? ""
        )}</td><td>${esc(f.code)}</td><td class="sev">${esc(m.severityWord[f.severity])}</td><td>${esc(
          f.message
        )}</td></tr>`
    )
    .join("\n");
  const codeOptions = countsByCode(rows.findings)
    .map((c) => `<option value="${esc(c.code)}">${esc(c.code)} (${c.count})</option>`)
    .join("");
  const sevOptions = (["error", "warning", "info"] as Severity[])
    .map((s) => `<option value="${s}">${esc(m.severityWord[s])}</option>`)
    .join("");
  const scriptHash = createHash("sha256").update(SCRIPT).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'`;
  const shownFmt = r.shown(-1, rows.findings.length).replace("-1", "{n}");

  return `<!DOCTYPE html>
<html lang="${lang === "en" ? "en" : "zh-CN"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="selfeval ${VERSION}">
<title>${esc(r.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(r.title)}</h1>
<div class="meta">${esc(r.generated(new Date().toISOString().slice(0, 16).replace("T", " ")))} · ${esc(
    r.overview(rows.files.length, t.length, tot.error, tot.warning, tot.info, tot.unreadable)
  )}</div>
<section class="charts">
${charts.map((svg) => `<div class="chart">${svg}</div>`).join("\n")}
</section>
<h2>${esc(r.sheetFiles)}</h2>
<table id="files"><thead><tr><th>${esc(r.file)}</th><th>${esc(r.status)}</th><th>${esc(r.chartTables)}</th><th>${esc(
    r.errors
  )}</th><th>${esc(r.warnings)}</th><th>${esc(r.infos)}</th></tr></thead>
<tbody>
${fileRows}
</tbody></table>
<h2>${esc(r.sheetSummary)}</h2>
<table id="tables"><thead><tr><th>${esc(r.file)}</th><th>${esc(r.sheet)}</th><th>${esc(
    r.projectName
  )}</th><th>${esc(r.implementer)}</th><th>${esc(r.rate)}</th><th>${esc(r.totalStated)}</th><th>${esc(
    r.totalComputed
  )}</th><th>${esc(r.grade)}</th><th>${esc(r.errors)}</th><th>${esc(r.warnings)}</th><th>${esc(
    r.worstFinding
  )}</th></tr></thead>
<tbody>
${tableRows}
</tbody></table>
<h2>${esc(r.sheetFindings)}</h2>
<div class="filters noprint">
<input id="q" type="search" placeholder="${esc(r.filterPlaceholder)}" aria-label="${esc(r.filterPlaceholder)}">
<select id="sev" aria-label="${esc(r.severity)}"><option value="">${esc(r.severity)}: ${esc(r.filterAll)}</option>${sevOptions}</select>
<select id="code" aria-label="${esc(r.code)}"><option value="">${esc(r.code)}: ${esc(r.filterAll)}</option>${codeOptions}</select>
<span id="shown" data-fmt="${esc(shownFmt)}"></span>
</div>
<table id="findings"><thead><tr><th>${esc(r.file)}</th><th>${esc(r.sheet)}</th><th>${esc(
    r.projectName
  )}</th><th>${esc(r.cell)}</th><th>${esc(r.code)}</th><th>${esc(r.severity)}</th><th>${esc(
    r.message
  )}</th></tr></thead>
<tbody>
${findingRows}
</tbody></table>
<p class="meta">${esc(r.codeMeaning)}</p>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
