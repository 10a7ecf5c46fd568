/**
 * The browser preview's host, run in Node over the bundled sample workbook: reading, a fill whose
 * formulas show the values the engine planned (kept live on edits and undo by the engine alone —
 * HyperFormula, a dev dependency, only checks them here), exact undo, clearing highlights, and the
 * "_selfeval" state.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyzeSheet, TableReport } from "../../src/engine/analyze";
import { planFill, planHighlights } from "../../src/engine/fill";
import { WritePlan } from "../../src/engine/fill/plan-types";
import { resolveSettings } from "../../src/engine/settings";
import { emptyState, STATE_SHEET, WorkbookState } from "../../src/engine/state/schema";
import { HostError } from "../../src/hosts/host";
import { loadWorkbook, snapshotsFromWorkbook } from "../../src/hosts/exceljs/read-workbook";
import {
  cellFillHex,
  cellFormula,
  cellNote,
  cellNumberFormat,
} from "../../src/hosts/preview/cells";
import {
  FormulaStatus,
  openWorkbookFromArrayBuffer,
  parseCellInput,
  PreviewHost,
} from "../../src/hosts/preview/preview-host";
import { evaluateWorkbook } from "../helpers/evaluate";

/** A snapshot without the preview's sheet id, to compare with the CLI reader's. */
function withoutId<T extends { sheetId?: string }>(s: T): Omit<T, "sheetId"> {
  const rest: T = { ...s };
  delete rest.sheetId;
  return rest;
}

const SEED = path.resolve(__dirname, "../../seeds/beijing-2023.xlsx");
const DEPT = "部门运转工作经费——人力社保工作体系建设工作";
const POSTDOC = "博士后、高研班工作经费";
/**
 * The sample table DEPT is published with weights adding up to 110; fill leaves the 总分 of a table
 * whose weights miss the rule set's total alone, so the host and these tests read it with a
 * 110-point rule set, to exercise the preview on every formula fill writes.
 */
const settings = resolveSettings({ expectedTotalWeight: 110 });

let bytes: Buffer;
beforeAll(async () => {
  bytes = await fs.readFile(SEED);
});

async function openSeed(): Promise<PreviewHost> {
  return openWorkbookFromArrayBuffer(new Uint8Array(bytes), {
    fileName: "beijing-2023.xlsx",
    settings,
  });
}

async function reportOf(host: PreviewHost, sheet: string): Promise<TableReport> {
  const [snap] = await host.readSheets([sheet]);
  const report = analyzeSheet(snap, { settings });
  expect(report.tables).toHaveLength(1);
  return report.tables[0];
}

function fullPlan(t: TableReport): WritePlan {
  return { writes: planFill(t.table, settings), highlights: planHighlights(t, settings) };
}

/** Everything about every cell of every visible sheet: value (as ExcelJS holds it), formula, format, fill, note. */
function fingerprint(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === STATE_SHEET) continue;
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        out.push(
          JSON.stringify([
            ws.name,
            cell.address,
            cell.type,
            cell.value,
            cellFormula(cell),
            cellNumberFormat(cell),
            cellFillHex(cell),
            cellNote(cell),
          ])
        );
      });
    });
  }
  return out;
}

/** The formula cells of a sheet by status. */
function statuses(host: PreviewHost, sheet: string): Record<string, FormulaStatus> {
  const out: Record<string, FormulaStatus> = {};
  host.workbook!.getWorksheet(sheet)!.eachRow((row) =>
    row.eachCell((cell) => {
      const s = host.formulaStatus(sheet, cell.address);
      if (s) out[cell.address] = s;
    })
  );
  return out;
}

/**
 * Every live formula of the sheet shows what HyperFormula computes from the workbook as it is.
 * Returns how many were checked.
 */
function expectLiveValuesComputed(host: PreviewHost, sheet: string): number {
  const ev = evaluateWorkbook(host.workbook!);
  try {
    const live = Object.entries(statuses(host, sheet)).filter(([, s]) => s === "live");
    for (const [address] of live) {
      const shown = host.cellInfo(sheet, address).value;
      const computed = ev.valueAt(sheet, address);
      const close =
        typeof shown === "number" && typeof computed === "number"
          ? Math.abs(shown - computed) < 1e-9
          : shown === computed;
      expect({ address, shown, computed: close ? shown : computed }).toEqual({
        address,
        shown,
        computed: shown,
      });
    }
    return live.length;
  } finally {
    ev.destroy();
  }
}

const num = (v: unknown): number => {
  if (typeof v !== "number") throw new Error(`not a number: ${JSON.stringify(v)}`);
  return v;
};

describe("PreviewHost over seeds/beijing-2023.xlsx", () => {
  test("lists the visible sheets and reads the same snapshots as the CLI's reader", async () => {
    const host = await openSeed();
    const index = JSON.parse(
      await fs.readFile(path.resolve(__dirname, "../../seeds/seed-index.json"), "utf8")
    );
    const expectedNames = index.workbooks.find(
      (w: { file: string }) => w.file === "beijing-2023.xlsx"
    ).sheets;
    expect(await host.sheetNames()).toEqual(expectedNames);
    expect(await host.activeSheetName()).toBe(expectedNames[0]);

    const progress: string[] = [];
    const snaps = await host.readSheets(undefined, (sheet, done, total) =>
      progress.push(`${sheet} ${done}/${total}`)
    );
    expect(snaps.map((s) => s.sheetName)).toEqual(expectedNames);
    expect(progress).toHaveLength(expectedNames.length);
    expect(progress[progress.length - 1]).toBe(
      `${expectedNames[expectedNames.length - 1]} ${expectedNames.length}/${expectedNames.length}`
    );

    const reference = snapshotsFromWorkbook(await loadWorkbook(SEED));
    // The preview adds each sheet's stable id (ExcelJS worksheet.id); the rest is the CLI's reading.
    expect(snaps.map((s) => s.sheetId)).toEqual(snaps.map((_, i) => String(i + 1)));
    expect(snaps.map(withoutId)).toEqual(reference);
    expect((await host.readSheets([POSTDOC])).map(withoutId)).toEqual([
      reference.find((s) => s.sheetName === POSTDOC),
    ]);
    await expect(host.readSheets(["没有这张表"])).rejects.toBeInstanceOf(HostError);
  });

  test("applyPlan writes formulas with the values the engine planned, journals and marks; undoLast restores every cell exactly", async () => {
    const host = await openSeed();
    const wb = host.workbook!;
    const original = fingerprint(wb);
    const t = await reportOf(host, DEPT);
    expect(t.findings.filter((f) => f.code === "DEVIATION_UNEXPLAINED").map((f) => f.cell)).toEqual(
      ["I20", "I21", "I22", "I23"]
    );
    const plan = fullPlan(t);
    expect(plan.writes.length).toBeGreaterThan(0);
    expect(plan.highlights).toHaveLength(4);

    const entry = await host.applyPlan(plan, "fill");
    expect(entry.action).toBe("fill");
    expect(entry.cells.map((c) => c.address).sort()).toEqual(
      [
        ...new Set([
          ...plan.writes.map((w) => w.address),
          ...plan.highlights.map((h) => h.address),
        ]),
      ].sort()
    );
    for (const c of entry.cells) {
      const w = plan.writes.find((x) => x.address === c.address);
      if (w)
        expect({ value: c.value, formula: c.formula, numberFormat: c.numberFormat }).toEqual(
          w.before
        );
    }

    // The cells hold the planned formulas, live, showing the planned results …
    for (const w of plan.writes) {
      expect(host.cellInfo(DEPT, w.address)).toEqual({ formula: w.formula, value: w.result });
      expect(host.formulaStatus(DEPT, w.address)).toBe("live");
    }
    expect(expectLiveValuesComputed(host, DEPT)).toBe(plan.writes.length);

    // … and the values the arithmetic gives, computed here from the table's own numbers.
    const funding = t.table.funding!;
    const total = funding.rows.find((r) => r.kind === "total")!;
    const rates = new Map<string, number>();
    for (const r of funding.rows) {
      if (!r.rate || typeof r.budget?.value !== "number" || typeof r.executed?.value !== "number")
        continue;
      const expected = r.budget.value === 0 ? "" : r.executed.value / r.budget.value;
      const got = host.cellInfo(DEPT, r.rate.address).value;
      if (expected === "") expect(got).toBe("");
      else expect(num(got)).toBeCloseTo(expected, 10);
      if (typeof expected === "number") rates.set(r.rate.address, expected);
    }
    const rate = rates.get(total.rate!.address)!;
    const weight = num(total.weight!.value);
    const fundingScore = Math.round(Math.min(rate, 1) * weight * 100) / 100;
    expect(num(host.cellInfo(DEPT, total.score!.address).value)).toBeCloseTo(fundingScore, 10);
    const rows = t.table.indicators!.rows;
    const indicatorScores = rows.reduce(
      (s, r) => s + (typeof r.score?.value === "number" ? r.score.value : 0),
      0
    );
    const indicatorWeights = rows.reduce(
      (s, r) => s + (typeof r.weight?.value === "number" ? r.weight.value : 0),
      0
    );
    expect(num(host.cellInfo(DEPT, t.table.total!.score!.address).value)).toBeCloseTo(
      fundingScore + indicatorScores,
      10
    );
    expect(num(host.cellInfo(DEPT, t.table.total!.weight!.address).value)).toBeCloseTo(
      weight + indicatorWeights,
      10
    );

    // The highlights: fill and note on the four explanation cells, each marked with what it had.
    const ws = wb.getWorksheet(DEPT)!;
    for (const h of plan.highlights) {
      expect(cellFillHex(ws.getCell(h.address))).toBe("#FFE699");
      expect(cellNote(ws.getCell(h.address))).toContain("请填写偏差原因分析及改进措施");
    }
    const state = await host.readState();
    expect(state.journal.map((e) => e.id)).toEqual([entry.id]);
    expect(state.marks.map((m) => m.address).sort()).toEqual(["I20", "I21", "I22", "I23"]);
    expect(state.marks.every((m) => m.fill === null && m.note === null)).toBe(true);

    // A fresh analysis of the written sheet sees the computed total: the stated 总分 now agrees.
    const after = await reportOf(host, DEPT);
    expect(after.findings.map((f) => f.code)).not.toContain("TOTAL_SCORE_MISMATCH");
    // Before, under the 110-point rule set, the stated total disagreed with the rows.
    expect(t.findings.map((f) => f.code)).toContain("TOTAL_SCORE_MISMATCH");

    const undone = await host.undoLast();
    expect(undone?.id).toBe(entry.id);
    expect(fingerprint(wb)).toEqual(original);
    const s2 = await host.readState();
    expect(s2.journal).toEqual([]);
    expect(s2.marks).toEqual([]);
    expect(await host.undoLast()).toBeNull();
    expect((await host.readSheets([DEPT])).map(withoutId)).toEqual(
      snapshotsFromWorkbook(await loadWorkbook(SEED), { sheet: DEPT })
    );
  });

  test("undo restores what the journal recorded even when the cells held formulas, formats, fills and notes", async () => {
    const host = await openSeed();
    const wb = host.workbook!;
    const ws = wb.getWorksheet(POSTDOC)!;
    const t = await reportOf(host, POSTDOC);
    const plan = fullPlan(t);
    // Give the target cells something to lose: a stale formula, an odd format, a fill and a note.
    const first = plan.writes[0];
    ws.getCell(first.address).value = { formula: "1+1", result: 3 } as ExcelJS.CellFormulaValue;
    ws.getCell(first.address).style = {
      ...ws.getCell(first.address).style,
      numFmt: "0.000",
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } },
    };
    ws.getCell(first.address).note = "原有批注";
    const original = fingerprint(wb);
    const replanned = fullPlan(await reportOf(host, POSTDOC));
    await host.applyPlan(replanned, "fill");
    expect(fingerprint(wb)).not.toEqual(original);
    await host.undoLast();
    expect(fingerprint(wb)).toEqual(original);
    expect(host.cellInfo(POSTDOC, first.address)).toEqual({ value: 3, formula: "=1+1" });
  });

  test("clearHighlights restores the marked cells, is journalled, and undoing it brings the highlights back", async () => {
    const host = await openSeed();
    const wb = host.workbook!;
    const ws = wb.getWorksheet(DEPT)!;
    ws.getCell("I21").note = "已有说明";
    const original = fingerprint(wb);
    const t = await reportOf(host, DEPT);
    await host.applyPlan({ writes: [], highlights: planHighlights(t, settings) }, "highlight");
    expect(cellNote(ws.getCell("I21"))).toMatch(/^已有说明\n\n请填写/);
    expect((await host.readState()).marks.find((m) => m.address === "I21")?.note).toBe("已有说明");

    expect(await host.clearHighlights()).toBe(4);
    expect(fingerprint(wb)).toEqual(original);
    let state = await host.readState();
    expect(state.marks).toEqual([]);
    expect(state.journal.map((e) => e.action)).toEqual(["highlight", "clearHighlights"]);
    expect(await host.clearHighlights()).toBe(0);

    await host.undoLast(); // the clearing
    expect(cellFillHex(ws.getCell("I20"))).toBe("#FFE699");
    state = await host.readState();
    expect(state.marks.map((m) => m.address).sort()).toEqual(["I20", "I21", "I22", "I23"]);
    expect(await host.clearHighlights()).toBe(4);
    expect(fingerprint(wb)).toEqual(original);
  });

  test("undoing a highlight puts back fill and note only: text typed into the marked cell since stays", async () => {
    const host = await openSeed();
    const ws = host.workbook!.getWorksheet(DEPT)!;
    const t = await reportOf(host, DEPT);
    await host.applyPlan({ writes: [], highlights: planHighlights(t, settings) }, "highlight");
    await host.editCell(DEPT, "I20", "已补充偏差原因");
    await host.undoLast();
    expect(host.cellInfo(DEPT, "I20").value).toBe("已补充偏差原因");
    expect(cellFillHex(ws.getCell("I20"))).toBeNull();
    expect(cellNote(ws.getCell("I20"))).toBeNull();
    expect((await host.readState()).marks).toEqual([]);
  });

  test("the state round-trips through a very hidden _selfeval sheet, also after writing the workbook out", async () => {
    const host = await openSeed();
    expect(host.workbook!.getWorksheet(STATE_SHEET)).toBeUndefined();
    expect(await host.readState()).toEqual(emptyState());

    const t = await reportOf(host, DEPT);
    await host.applyPlan(fullPlan(t), "fill");
    const state: WorkbookState = await host.readState();
    state.suppressions.push({
      code: "WEIGHT_TOTAL_MISMATCH",
      sheet: DEPT,
      cell: "G24",
      reason: "分值按主管部门口径",
      at: "2024-03-01T08:00:00.000Z",
    });
    await host.writeState(state);
    expect(await host.readState()).toEqual(state);

    const stateSheet = host.workbook!.getWorksheet(STATE_SHEET)!;
    expect(stateSheet.state).toBe("veryHidden");
    expect(await host.sheetNames()).not.toContain(STATE_SHEET);
    expect((await host.readSheets()).map((s) => s.sheetName)).not.toContain(STATE_SHEET);
    await expect(host.readSheets([STATE_SHEET])).rejects.toBeInstanceOf(HostError);

    // A journal too long for one cell is split over several and still reads back.
    const big: WorkbookState = {
      ...state,
      journal: Array.from({ length: 20 }, (_, i) => ({
        ...state.journal[0],
        id: `e${i}`,
        cells: Array(40).fill(state.journal[0].cells[0]),
      })),
    };
    await host.writeState(big);
    expect(stateSheet.rowCount).toBeGreaterThan(2);
    expect(await host.readState()).toEqual(big);
    await host.writeState(state); // shorter again: the leftover chunks are cleared
    expect(await host.readState()).toEqual(state);

    const bytesOut = await host.toBuffer();
    const blob = await host.toBlob();
    expect(blob.size).toBe(bytesOut.byteLength);
    expect(blob.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(host.downloadName()).toBe("beijing-2023.selfeval.xlsx");

    const zip = await JSZip.loadAsync(bytesOut);
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(
      /<sheet [^>]*name="_selfeval"[^>]*state="veryHidden"|<sheet [^>]*state="veryHidden"[^>]*name="_selfeval"/
    );

    const reopened = await openWorkbookFromArrayBuffer(bytesOut);
    expect(reopened.workbook!.getWorksheet(STATE_SHEET)!.state).toBe("veryHidden");
    expect(await reopened.readState()).toEqual(state);
    expect(await reopened.sheetNames()).toEqual(await host.sheetNames());
    // The written formulas come back with the values the preview computed as their cached results.
    const w = planFill(t.table, settings)[0];
    expect(reopened.cellInfo(DEPT, w.address)).toEqual(host.cellInfo(DEPT, w.address));
    expect(typeof reopened.cellInfo(DEPT, w.address).value).toBe("number");

    // … and the undo works in the reopened workbook, from the journal alone.
    await reopened.undoLast();
    expect((await reopened.readSheets([DEPT])).map(withoutId)).toEqual(
      snapshotsFromWorkbook(await loadWorkbook(SEED), { sheet: DEPT })
    );
  });

  test("a protected sheet is refused without writing anything", async () => {
    const host = await openSeed();
    const ws = host.workbook!.getWorksheet(DEPT)!;
    await ws.protect("secret", {});
    const t = await reportOf(host, DEPT);
    const before = fingerprint(host.workbook!);
    await expect(host.applyPlan(fullPlan(t), "fill")).rejects.toMatchObject({
      name: "HostError",
      kind: "protected",
    });
    expect(fingerprint(host.workbook!)).toEqual(before);
    expect(await host.readState()).toEqual(emptyState());
  });

  test("selectCell moves the selection and the active sheet; editing a cell recomputes our formulas and notifies", async () => {
    const host = await openSeed();
    const seen: string[] = [];
    host.selection.subscribe(() => seen.push(JSON.stringify(host.selection.get())));
    await host.selectCell(DEPT, "I20");
    expect(host.selection.get()).toEqual({ sheet: DEPT, address: "I20" });
    expect(await host.activeSheetName()).toBe(DEPT);
    expect(seen).toHaveLength(1);
    await expect(host.selectCell("没有这张表", "A1")).rejects.toBeInstanceOf(HostError);

    const t = await reportOf(host, DEPT);
    await host.applyPlan(fullPlan(t), "fill");
    const total = t.table.funding!.rows.find((r) => r.kind === "total")!;
    const changed: string[] = [];
    const off = await host.onCellsChanged((sheet, address) => changed.push(`${sheet}!${address}`));
    const budget = num(total.budget!.value);
    await host.editCell(DEPT, total.executed!.address, String(budget / 2));
    expect(changed).toEqual([`${DEPT}!${total.executed!.address}`]);
    expect(num(host.cellInfo(DEPT, total.rate!.address).value)).toBeCloseTo(0.5, 10);
    expect(num(host.cellInfo(DEPT, total.score!.address).value)).toBeCloseTo(
      Math.round(0.5 * num(total.weight!.value) * 100) / 100,
      10
    );
    expect(expectLiveValuesComputed(host, DEPT)).toBeGreaterThan(3);
    // A formula that is not ours is stored, not computed: no value, status "uncomputed".
    await host.editCell(DEPT, "K30", "=2*3");
    expect(host.cellInfo(DEPT, "K30")).toEqual({ value: null, formula: "=2*3" });
    expect(host.formulaStatus(DEPT, "K30")).toBe("uncomputed");
    expect(host.formulaStatus(DEPT, "K31")).toBeNull();
    off();
    await host.editCell(DEPT, "K30", "");
    expect(changed).toHaveLength(2);
    expect(host.cellInfo(DEPT, "K30").value).toBeNull();
  });

  test("after a fill, edits and undo keep every formula of ours showing what a spreadsheet computes", async () => {
    const host = await openSeed();
    const t = await reportOf(host, DEPT);
    const plan = fullPlan(t);
    await host.applyPlan(plan, "fill");
    const formulas = plan.writes.filter((w) => w.formula !== undefined).length;
    const total = t.table.funding!.rows.find((r) => r.kind === "total")!;
    const rows = t.table.indicators!.rows;
    const budget = num(total.budget!.value);
    const edits: [string, string][] = [
      [total.executed!.address, String(budget * 1.3)], // over budget: the rate is capped at 1
      [rows[0].score!.address, "2.5"],
      [rows[1].score!.address, "未评"], // text: SUM skips it
      [rows[2].weight!.address, ""],
      [total.budget!.address, "0"], // no rate: "" and no funding score
      [total.budget!.address, String(budget)],
    ];
    for (const [address, input] of edits) {
      await host.editCell(DEPT, address, input);
      expect({ address, live: expectLiveValuesComputed(host, DEPT) }).toEqual({
        address,
        live: formulas,
      });
    }
    expect(host.cellInfo(DEPT, total.rate!.address).value).toBeCloseTo(1.3, 10);

    // A plan that writes values only (采用建议得分) refreshes the 总分 that reads them; so does its undo.
    const scoreCell = rows[3].score!;
    const totalScore = t.table.total!.score!.address;
    const before = num(host.cellInfo(DEPT, totalScore).value);
    await host.applyPlan(
      {
        writes: [
          {
            sheet: DEPT,
            row: scoreCell.row,
            col: scoreCell.col,
            address: scoreCell.address,
            purpose: "suggestedScore",
            value: 0,
            before: { value: scoreCell.value, formula: null, numberFormat: scoreCell.numberFormat },
          },
        ],
        highlights: [],
      },
      "applySuggestedScores"
    );
    expect(num(host.cellInfo(DEPT, totalScore).value)).toBeCloseTo(
      before - num(scoreCell.value),
      10
    );
    expect(expectLiveValuesComputed(host, DEPT)).toBe(formulas);
    await host.undoLast();
    expect(num(host.cellInfo(DEPT, totalScore).value)).toBeCloseTo(before, 10);
    expect(expectLiveValuesComputed(host, DEPT)).toBe(formulas);
  });

  test("the 等级 of a Hunan table follows its 总分", async () => {
    const host = await openWorkbookFromArrayBuffer(
      new Uint8Array(await fs.readFile(path.resolve(__dirname, "../../seeds/hunan-2020.xlsx")))
    );
    let checked = 0;
    for (const sheet of await host.sheetNames()) {
      const [snap] = await host.readSheets([sheet]);
      const tables = analyzeSheet(snap, { settings }).tables.filter((x) => x.table.grade);
      if (tables.length === 0) continue;
      const writes = tables.flatMap((x) => planFill(x.table, settings));
      await host.applyPlan({ writes, highlights: [] }, "fill");
      for (const x of tables) {
        const grade = writes.find(
          (w) => w.purpose === "grade" && w.address === x.table.grade!.valueCell.address
        )!;
        const first = x.table.indicators!.rows[0].score!;
        for (const input of ["0", "-40", String(first.value)]) {
          await host.editCell(sheet, first.address, input);
          checked += expectLiveValuesComputed(host, sheet);
        }
        expect(host.cellInfo(sheet, grade.address).value).toBe(grade.result);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  test("a formula of ours whose input was typed over turns stale, and live again when the input is ours again", async () => {
    const host = await openSeed();
    const t = await reportOf(host, DEPT);
    const plan = fullPlan(t);
    await host.applyPlan(plan, "fill");
    const byPurpose = (p: string) => plan.writes.find((w) => w.purpose === p)!;
    const total = t.table.funding!.rows.find((r) => r.kind === "total")!;
    const rate = byPurpose("rate");
    expect(rate.address).toBe(total.rate!.address);
    const fundingScore = byPurpose("fundingScore");
    const totalScore = byPurpose("totalScore");
    const totalWeight = byPurpose("totalWeight");
    const shown = (w: { address: string }) => host.cellInfo(DEPT, w.address).value;
    const fundingBefore = shown(fundingScore);
    const totalBefore = shown(totalScore);

    // 执行率 typed over: the funding 得分 reads it, and 总分 reads the funding 得分 — the engine
    // cannot vouch for either any more; they keep their last values, marked stale.
    await host.editCell(DEPT, rate.address, "50%");
    expect(host.formulaStatus(DEPT, rate.address)).toBeNull();
    expect(host.formulaStatus(DEPT, fundingScore.address)).toBe("stale");
    expect(host.formulaStatus(DEPT, totalScore.address)).toBe("stale");
    expect(host.formulaStatus(DEPT, totalWeight.address)).toBe("live");
    expect(shown(fundingScore)).toBe(fundingBefore);
    expect(shown(totalScore)).toBe(totalBefore);
    // Still stale after another edit elsewhere.
    await host.editCell(DEPT, t.table.indicators!.rows[0].score!.address, "1");
    expect(host.formulaStatus(DEPT, fundingScore.address)).toBe("stale");
    expect(shown(totalScore)).toBe(totalBefore);

    // The formula typed back: all ours again, and computed.
    await host.editCell(DEPT, rate.address, rate.formula!);
    for (const w of plan.writes) expect(host.formulaStatus(DEPT, w.address)).toBe("live");
    expect(expectLiveValuesComputed(host, DEPT)).toBe(plan.writes.length);
    expect(shown(totalScore)).not.toBe(totalBefore);
  });

  test("formulas that are not ours keep the value saved in the file", async () => {
    const host = await openSeed();
    const ws = host.workbook!.getWorksheet(DEPT)!;
    const t = await reportOf(host, DEPT);
    const total = t.table.funding!.rows.find((r) => r.kind === "total")!;
    ws.getCell("K40").value = {
      formula: `${total.executed!.address}*2`,
      result: 123,
    } as ExcelJS.CellFormulaValue;
    ws.getCell("K41").value = {
      formula: `${total.executed!.address}*3`,
    } as ExcelJS.CellFormulaValue;
    expect(host.formulaStatus(DEPT, "K40")).toBe("saved");
    expect(host.formulaStatus(DEPT, "K41")).toBe("uncomputed");
    await host.applyPlan(fullPlan(t), "fill");
    await host.editCell(DEPT, total.executed!.address, "1");
    expect(host.cellInfo(DEPT, "K40")).toEqual({
      value: 123,
      formula: `=${total.executed!.address}*2`,
    });
    expect(host.formulaStatus(DEPT, "K40")).toBe("saved");
    expect(host.cellInfo(DEPT, "K41").value).toBeNull();
  });

  test("our formulas follow the workbook's embedded rule set, or the rules the host is given", async () => {
    const floorRules = { fundingScoreRounding: "floor", fundingScoreDecimals: 0 } as const;
    const floor = resolveSettings(floorRules);
    const check = async (host: PreviewHost) => {
      const [snap] = await host.readSheets([DEPT]);
      const t = analyzeSheet(snap, { settings: floor }).tables[0];
      const writes = planFill(t.table, floor);
      await host.applyPlan({ writes, highlights: [] }, "fill");
      const total = t.table.funding!.rows.find((r) => r.kind === "total")!;
      const weight = num(total.weight!.value);
      const budget = num(total.budget!.value);
      await host.editCell(DEPT, total.executed!.address, String(budget * 0.4567));
      const score = writes.find((w) => w.purpose === "fundingScore")!;
      expect(host.formulaStatus(DEPT, score.address)).toBe("live");
      expect(host.cellInfo(DEPT, score.address).value).toBe(Math.floor(0.4567 * weight));
      expect(expectLiveValuesComputed(host, DEPT)).toBe(writes.length);
    };

    const embedded = await openSeed();
    await embedded.writeState({ ...emptyState(), rules: floorRules });
    await check(embedded);

    await check(await openWorkbookFromArrayBuffer(new Uint8Array(bytes), { settings: floorRules }));

    // Under other rules a floored formula in place is kept as the table's own rounding: still live,
    // and a fill under those rules leaves it.
    const other = await openSeed();
    const [snap] = await other.readSheets([DEPT]);
    const t = analyzeSheet(snap, { settings: floor }).tables[0];
    const writes = planFill(t.table, floor);
    await other.applyPlan({ writes, highlights: [] }, "fill");
    const score = writes.find((w) => w.purpose === "fundingScore")!;
    expect(other.formulaStatus(DEPT, score.address)).toBe("live");
    const [again] = await other.readSheets([DEPT]);
    const t2 = analyzeSheet(again, { settings }).tables[0];
    expect(planFill(t2.table, settings).map((w) => w.address)).not.toContain(score.address);
  });

  test("parseCellInput reads typed text like Excel", () => {
    expect(parseCellInput("")).toBeNull();
    expect(parseCellInput("12.5")).toBe(12.5);
    expect(parseCellInput("85%")).toBeCloseTo(0.85, 12);
    expect(parseCellInput("=A1+1")).toEqual({ formula: "A1+1" });
    expect(parseCellInput("TRUE")).toBe(true);
    expect(parseCellInput("96 万")).toBe("96 万");
  });

  test("without a workbook the calls that need one fail with noWorkbook; unreadable bytes fail with a reason", async () => {
    const host = PreviewHost.empty();
    expect(await host.sheetNames()).toEqual([]);
    expect(await host.readState()).toEqual(emptyState());
    await expect(host.activeSheetName()).rejects.toMatchObject({ kind: "noWorkbook" });
    await expect(host.applyPlan({ writes: [], highlights: [] }, "fill")).rejects.toMatchObject({
      kind: "noWorkbook",
    });
    await expect(host.readSheets()).rejects.toMatchObject({ kind: "noWorkbook" });
    await expect(host.undoLast()).rejects.toMatchObject({ kind: "noWorkbook" });
    const off = await host.onCellsChanged(() => undefined);
    off();
    await expect(
      openWorkbookFromArrayBuffer(new TextEncoder().encode("not a workbook"))
    ).rejects.toMatchObject({
      name: "HostError",
      kind: "failed",
      message_zh: expect.stringContaining(".xlsx"),
    });
  });
});
