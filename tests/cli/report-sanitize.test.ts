/** The one sanitiser every text output goes through (src/cli/sanitize.ts). */
import { csvField } from "../../src/cli/report-csv";
import { esc } from "../../src/cli/report-html";
import { jsonSafe, visible, visibleLines } from "../../src/cli/sanitize";

describe("visible", () => {
  it("escapes C0, DEL, C1 and bidi controls, and leaves other text alone", () => {
    expect(visible("a\u001b[2Jb")).toBe("a\\x1b[2Jb");
    expect(visible("\u001b]0;title\u0007")).toBe("\\x1b]0;title\\x07");
    expect(visible("x\u007fy\u009bz")).toBe("x\\x7fy\\x9bz");
    expect(visible("\u202eabc\u2066\u200f")).toBe("\\u202eabc\\u2066\\u200f");
    expect(visible("line\nbreak\r\ttab")).toBe("line\\x0abreak\\x0d\\x09tab");
    expect(visible("项目名称 “引号” 96万 ✖ ⚠")).toBe("项目名称 “引号” 96万 ✖ ⚠");
  });

  it("keeps line feeds in a block of lines the report joined", () => {
    expect(visibleLines("a\u001bb\nc\rd")).toBe("a\\x1bb\nc\\x0dd");
  });

  it("keeps JSON equal once parsed, with nothing raw a terminal acts on", () => {
    const value = { s: "a\u001b[8m\u0085\u202e\u2028z", n: [1, "\u007f"] };
    const text = jsonSafe(JSON.stringify(value, null, 2));
    expect(JSON.parse(text)).toEqual(value);
    // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u2028]/);
  });
});

describe("the formats' own escaping", () => {
  it("HTML: markup characters and controls", () => {
    expect(esc(`<script>alert("x")</script>&'\u001b`)).toBe(
      "&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;\\x1b"
    );
  });

  it("CSV: RFC 4180 quoting, no formula injection, controls shown", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@x")).toBe("'@x");
    expect(csvField("x\ny")).toBe("x\\x0ay");
    expect(csvField(12.5)).toBe("12.5");
    expect(csvField(null)).toBe("");
  });
});
