import {
  parseAreaList,
  parseSheetRange,
  splitAddressList,
} from "../../../src/hosts/office/address";
import { groupIntoBlocks, mergeBlocks, rowBlocks } from "../../../src/hosts/office/blocks";
import { Grid } from "../../../src/engine/grid/snapshot";
import { HostError } from "../../../src/hosts/host";
import { FakeContext, FakeWorkbook, SheetInit } from "./fake-excel";
import { counted, setup } from "./helpers";
import { recordSyncs } from "./sync-report";

/** A small 自评表-like block: header, funding rows with a formula and percent formats, merged label cells. */
function tableSheet(name: string, originRow = 0, originCol = 0): SheetInit {
  const r0 = originRow + 1;
  const col = (i: number) => String.fromCharCode(65 + originCol + i);
  return {
    name,
    rows: [
      ["项目支出绩效自评表", null, null, null, null, null, null, null, null],
      ["项目名称", `项目 ${name}`, null, null, null, null, null, null, null],
      [
        "项目资金（万元）",
        null,
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        null,
      ],
      [null, "年度资金总额", 4.49, 11.5178, 11.5178, 10, null, 10, null],
    ],
    origin: `${col(0)}${r0}`,
    cells: {
      [`${col(6)}${r0 + 3}`]: { f: `=${col(4)}${r0 + 3}/${col(3)}${r0 + 3}`, v: 1, nf: "0.00%" },
      [`${col(7)}${r0 + 3}`]: { v: 10, nf: "0.00" },
    },
    merges: [
      `${col(0)}${r0}:${col(8)}${r0}`,
      `${col(1)}${r0 + 1}:${col(8)}${r0 + 1}`,
      `${col(0)}${r0 + 2}:${col(0)}${r0 + 3}`,
    ],
  };
}

describe("OfficeHost.readSheets", () => {
  test("a workbook of many sheets (quoted names, hidden, state sheet) in at most 3 syncs", async () => {
    const names = Array.from({ length: 40 }, (_, i) => `表${i + 1}`);
    const sheets: SheetInit[] = [
      ...names.map((n) => tableSheet(n)),
      tableSheet("It's 2023", 2, 2), // data from C3: origin (2, 2)
      tableSheet("Sheet, with comma", 5, 1),
      { ...tableSheet("Hidden one"), visibility: "Hidden" },
      { name: "_selfeval", visibility: "VeryHidden", cells: { A1: "selfeval-state v1" } },
      { name: "Empty" },
    ];
    const { wb, host } = setup(sheets);
    const progress: [string, number, number][] = [];
    const { result: snaps, syncs } = await counted(wb, () =>
      host.readSheets(undefined, (s, d, t) => progress.push([s, d, t]))
    );
    recordSyncs("readSheets: whole workbook (45 sheets)", syncs);
    expect(syncs).toBeLessThanOrEqual(3);
    expect(host.lastStats).toEqual({ operation: "readSheets", syncs });

    expect(snaps.map((s) => s.sheetName)).toEqual([
      ...names,
      "It's 2023",
      "Sheet, with comma",
      "Empty",
    ]);
    expect(progress.map((p) => p[0])).toEqual(snaps.map((s) => s.sheetName));
    expect(progress[progress.length - 1]).toEqual(["Empty", 43, 43]);
    expect(host.hiddenSheetsSkipped).toBe(1);

    const first = snaps[0];
    expect(first.origin).toEqual({ row: 0, col: 0 });
    expect(first.values[0][0]).toBe("项目支出绩效自评表");
    expect(first.values[0][1]).toBeNull(); // "" → null
    expect(first.values[3]).toEqual([
      null,
      "年度资金总额",
      4.49,
      11.5178,
      11.5178,
      10,
      1,
      10,
      null,
    ]);
    expect(first.formulas?.[3][6]).toBe("=E4/D4");
    expect(first.formulas?.[3][2]).toBeNull();
    expect(first.numberFormats?.[3][6]).toBe("0.00%");
    expect(first.numberFormats?.[3][7]).toBe("0.00");
    expect(first.numberFormats?.[3][2]).toBeNull(); // General → null
    expect(first.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 8 },
      { top: 1, left: 1, bottom: 1, right: 8 },
      { top: 2, left: 0, bottom: 3, right: 0 },
    ]);

    const quoted = snaps.find((s) => s.sheetName === "It's 2023")!;
    expect(quoted.origin).toEqual({ row: 2, col: 2 });
    const g = new Grid(quoted);
    expect(g.value(2, 2)).toBe("项目支出绩效自评表");
    expect(g.displayValue(5, 2)).toBe("项目资金（万元）"); // merged C5:C6
    expect(g.formula(5, 8)).toBe("=G6/F6");
    const comma = snaps.find((s) => s.sheetName === "Sheet, with comma")!;
    expect(comma.origin).toEqual({ row: 5, col: 1 });
    expect(comma.merges[0]).toEqual({ top: 5, left: 1, bottom: 5, right: 9 });

    const empty = snaps.find((s) => s.sheetName === "Empty")!;
    expect(empty).toEqual({
      sheetName: "Empty",
      sheetId: wb.sheet("Empty").id,
      origin: { row: 0, col: 0 },
      values: [],
      merges: [],
    });
  });

  test("named sheets: two syncs, the state sheet never read", async () => {
    const { wb, host } = setup([
      tableSheet("A"),
      tableSheet("B"),
      tableSheet("C"),
      { name: "_selfeval", visibility: "VeryHidden" },
    ]);
    const { result, syncs } = await counted(wb, () => host.readSheets(["C", "A", "_selfeval"]));
    recordSyncs("readSheets: two named sheets", syncs);
    expect(syncs).toBe(2);
    expect(result.map((s) => s.sheetName)).toEqual(["C", "A"]);
  });

  test("an unknown sheet name is a HostError, not a stack", async () => {
    const { host } = setup([tableSheet("A")]);
    const e = await host.readSheets(["Nope"]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostError);
    expect((e as HostError).kind).toBe("failed");
    expect((e as HostError).message_zh).toMatch(/找不到/);
    expect((e as HostError).message_en).not.toMatch(/at .*\.ts/);
  });

  test("more than 512 merged areas on a sheet: read in row blocks, all merges, still 3 syncs", async () => {
    const merges: string[] = [];
    const rows: (string | null)[][] = [];
    for (let r = 1; r <= 1500; r++) {
      rows.push([`r${r}`, null, "x", null, null, "y", null, null, null, "z"]);
      if (r % 2 === 1) merges.push(`A${r}:B${r}`); // 750 horizontal merges
      if (r % 3 === 1) merges.push(`F${r}:F${r + 1}`); // 500 vertical merges, some crossing block edges
    }
    const { wb, host } = setup([{ name: "Dense", rows, merges }]);
    // The fake enforces Office's limit: one call for the whole sheet would fail.
    expect(wb.sheet("Dense").merges.length).toBe(1250);
    const { result, syncs } = await counted(wb, () => host.readSheets());
    recordSyncs("readSheets: 1,250 merged areas on one sheet", syncs);
    expect(syncs).toBeLessThanOrEqual(3);
    expect(wb.mergeAreaCalls).toBeGreaterThan(1);
    expect(result[0].merges.length).toBe(1250);
    expect(result[0].merges).toContainEqual({ top: 0, left: 5, bottom: 1, right: 5 });
    expect(result[0].merges).toContainEqual({ top: 1498, left: 0, bottom: 1498, right: 1 });
  });

  test("a large used range is read in row blocks within the cell budget (80k cells: blocks, one sync)", async () => {
    const rows = Array.from({ length: 8000 }, (_, r) =>
      Array.from({ length: 10 }, (_, c) => r * 10 + c)
    );
    const { wb, host } = setup([{ name: "Big", rows }]);
    const { result, syncs } = await counted(wb, () => host.readSheets());
    recordSyncs("readSheets: one sheet of 80,000 cells", syncs);
    expect(syncs).toBe(3);
    const dataSync = wb.syncs[wb.syncs.length - 1];
    expect(dataSync.loadedCells).toBe(80_000);
    expect(result[0].values.length).toBe(8000);
    expect(result[0].values[7999][9]).toBe(79_999);
  });

  test("a workbook beyond one request: more syncs, each under the cell budget (documented exception)", async () => {
    const rows = Array.from({ length: 30_000 }, (_, r) =>
      Array.from({ length: 10 }, (_, c) => r + c)
    );
    const { wb, host } = setup([{ name: "Huge", rows }]);
    const { result, syncs } = await counted(wb, () => host.readSheets());
    recordSyncs("readSheets: one sheet of 300,000 cells (exception)", syncs);
    expect(syncs).toBe(2 + 3); // list, used ranges, 3 × 100k cells
    for (const s of wb.syncs.slice(-3)) expect(s.loadedCells).toBeLessThanOrEqual(100_000);
    expect(result[0].values.length).toBe(30_000);
    expect(result[0].values[29_999][9]).toBe(30_008);
  });

  test("a response Excel finds too large is retried in halves", async () => {
    const long = "偏差原因分析及改进措施".repeat(20);
    const rows = Array.from({ length: 2000 }, (_, r) =>
      Array.from({ length: 10 }, (_, c) => `${long}${r}-${c}`)
    );
    const { wb, host } = setup([{ name: "Text", rows }]);
    wb.payloadLimit = 4_000_000; // the 20k cells of text come to ~26 MB
    const { result, syncs } = await counted(wb, () => host.readSheets());
    recordSyncs("readSheets: 20k long-text cells, payload retries", syncs);
    expect(result[0].values[1999][9]).toBe(`${long}1999-9`);
    expect(result[0].values.length).toBe(2000);
    expect(wb.syncs.some((s) => s.bytes > wb.payloadLimit)).toBe(true); // Excel refused, the host split
  });

  test("formatting far beyond the data does not blow up the read", async () => {
    const { wb, host } = setup([{ ...tableSheet("Fmt"), formattedTo: "XFD1048576" }]);
    const snaps = await host.readSheets();
    expect(snaps[0].values.length).toBeLessThanOrEqual(4 + 64);
    expect(snaps[0].values[0].length).toBeLessThanOrEqual(9 + 8);
    expect(wb.syncs[wb.syncs.length - 1].loadedCells).toBeLessThan(2000);
  });

  test("before ExcelApi 1.13 (no getMergedAreasOrNullObject) sheets are read without merges", async () => {
    const { wb, host } = setup([tableSheet("A")], { api: "1.12" });
    const snaps = await host.readSheets();
    expect(wb.mergeAreaCalls).toBe(0);
    expect(snaps[0].merges).toEqual([]);
    expect(snaps[0].values[3][1]).toBe("年度资金总额");
  });

  test("sheetNames lists visible user sheets; activeSheetName", async () => {
    const { wb, host } = setup([
      tableSheet("A"),
      { ...tableSheet("H"), visibility: "Hidden" },
      { name: "_selfeval", visibility: "VeryHidden" },
      tableSheet("B"),
    ]);
    expect(await host.sheetNames()).toEqual(["A", "B"]);
    wb.active = "B";
    expect(await host.activeSheetName()).toBe("B");
  });
});

describe("address and block helpers", () => {
  test("addresses with quoted sheet names", () => {
    expect(parseSheetRange("Sheet1!B2:K40")).toEqual({
      sheet: "Sheet1",
      range: { top: 1, left: 1, bottom: 39, right: 10 },
    });
    expect(parseSheetRange("'It''s 2023'!C3")).toEqual({
      sheet: "It's 2023",
      range: { top: 2, left: 2, bottom: 2, right: 2 },
    });
    expect(parseSheetRange("'a!b'!$A$1:$B$2").sheet).toBe("a!b");
    expect(parseSheetRange("'项目 表'!A:C").range).toEqual({
      top: 0,
      left: 0,
      bottom: 1048575,
      right: 2,
    });
    expect(parseSheetRange("B7")).toEqual({
      sheet: null,
      range: { top: 6, left: 1, bottom: 6, right: 1 },
    });
    expect(splitAddressList("'a,b'!A1:B2, 'a,b'!D4, Sheet1!E5")).toEqual([
      "'a,b'!A1:B2",
      "'a,b'!D4",
      "Sheet1!E5",
    ]);
    expect(parseAreaList("'x, y'!A1:B1, 'x, y'!C3:C4")).toEqual([
      { top: 0, left: 0, bottom: 0, right: 1 },
      { top: 2, left: 2, bottom: 3, right: 2 },
    ]);
  });

  test("blocks: contiguous rectangles only, isolated cells alone", () => {
    const cells = ["F6", "F7", "F8", "G6", "G7", "G8", "H6", "H10", "I10", "K3"].map((a) => {
      const col = a.charCodeAt(0) - 65;
      const row = Number(a.slice(1)) - 1;
      return { row, col, payload: a };
    });
    const blocks = groupIntoBlocks(cells, undefined, (c) => c.payload === "K3");
    expect(blocks.map((b) => [b.top, b.left, b.bottom, b.right])).toEqual([
      [2, 10, 2, 10],
      [5, 5, 7, 6],
      [5, 7, 5, 7],
      [9, 7, 9, 8],
    ]);
    expect(blocks[1].payloads).toEqual([
      ["F6", "G6"],
      ["F7", "G7"],
      ["F8", "G8"],
    ]);
  });

  test("row blocks and merge pieces respect their budgets", () => {
    const r = { top: 0, left: 0, bottom: 9999, right: 9 };
    const rb = rowBlocks(r, 25_000);
    expect(rb.length).toBe(4);
    expect(rb[0]).toEqual({ top: 0, left: 0, bottom: 2499, right: 9 });
    const mb = mergeBlocks(r, 512);
    for (const p of mb) {
      const R = p.bottom - p.top + 1;
      const W = p.right - p.left + 1;
      expect((R * W) / 2 + 2 * W + 2 * R).toBeLessThanOrEqual(512);
    }
    expect(mergeBlocks({ top: 0, left: 0, bottom: 0, right: 999 }, 512).length).toBeGreaterThan(1);
  });

  test("the fake refuses a merged-area read beyond 512 areas", async () => {
    const wb = new FakeWorkbook([
      { name: "S", merges: Array.from({ length: 600 }, (_, i) => `A${i + 1}:B${i + 1}`) },
    ]);
    const { FakeExcel } = await import("./fake-excel");
    const excel = new FakeExcel(wb);
    await expect(
      excel.run(async (ctx: FakeContext) => {
        const a = ctx.workbook.worksheets
          .getItem("S")
          .getRange("A1:B600")
          .getMergedAreasOrNullObject();
        a.load("address");
        await ctx.sync();
      })
    ).rejects.toThrow(/exceed 512/);
  });
});
