/** Colour and the progress line: only on a terminal, NO_COLOR respected, never mixed with output. */
import { Progress } from "../../src/cli/report-progress";
import { ANSI, colorWanted, PLAIN } from "../../src/cli/report-style";

describe("colour", () => {
  it("is on for a terminal only, and NO_COLOR turns it off", () => {
    expect(colorWanted({ isTTY: true }, {})).toBe(true);
    expect(colorWanted({ isTTY: false }, {})).toBe(false);
    expect(colorWanted({}, {})).toBe(false);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colorWanted({ isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(colorWanted({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false);
  });

  it("wraps severities in SGR codes, and plain leaves text as it is", () => {
    expect(ANSI.severity("error", "✖ 错误")).toBe("\u001b[31m✖ 错误\u001b[39m");
    expect(PLAIN.severity("error", "✖ 错误")).toBe("✖ 错误");
  });
});

describe("progress", () => {
  afterEach(() => jest.useRealTimers());

  function stream(isTTY: boolean) {
    const writes: string[] = [];
    return { isTTY, columns: 40, write: (s: string) => writes.push(s), writes };
  }

  it("stays silent for the first two seconds, then draws one cut line and clears it", () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const s = stream(true);
    const p = new Progress(s, (d, t) => `检查中 ${d}/${t}`);
    p.update(0, 200, "a.xlsx");
    expect(s.writes).toEqual([]);
    jest.setSystemTime(1_000_000 + 2500);
    p.update(5, 200, `很长的文件名\u001b[2J${"x".repeat(80)}.xlsx`);
    expect(s.writes).toHaveLength(1);
    const line = s.writes[0];
    expect(line.startsWith("\r\u001b[2K检查中 5/200 很长的文件名\\x1b[2J")).toBe(true);
    expect(line.endsWith("…")).toBe(true);
    // never wider than the terminal (wide characters count two cells)
    const cells = [...line.slice(5)].reduce(
      (n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1),
      0
    );
    expect(cells).toBeLessThanOrEqual(40);
    p.update(6, 200, "b.xlsx"); // within 100 ms: not redrawn
    expect(s.writes).toHaveLength(1);
    p.clear();
    expect(s.writes[1]).toBe("\r\u001b[2K");
    p.clear();
    expect(s.writes).toHaveLength(2);
  });

  it("draws nothing when stderr is not a terminal", () => {
    const p = new Progress(null, () => "x");
    p.update(1, 2, "a");
    p.clear();
  });
});
