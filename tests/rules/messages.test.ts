import * as fs from "fs";
import * as path from "path";
import { ALL_RULES } from "../../src/engine/rules";
import { FindingSchema } from "../../src/engine/model/finding";
import { MessageSet, placeholdersOf, renderMessage } from "../../src/engine/rules/render-message";
import { TABLE_NOT_FOUND_MESSAGES, tableNotFound } from "../../src/engine/rules/table-not-found";
import { runRules } from "../../src/engine/rules/rule";
import { analyzeSheet } from "../../src/engine/analyze";
import { allSeedTables } from "../helpers/seed-grid";
import { detectSeed, gridFromRows, settingsOf } from "../helpers/table-builder";

const SETS: [string, MessageSet][] = [
  ...ALL_RULES.map((r): [string, MessageSet] => [r.code, r.meta.messages]),
  ["TABLE_NOT_FOUND", TABLE_NOT_FOUND_MESSAGES],
];

describe("rule messages", () => {
  it.each(SETS)("%s: zh and en of every message use the same placeholders", (_code, messages) => {
    expect(Object.keys(messages).length).toBeGreaterThan(0);
    for (const [id, t] of Object.entries(messages)) {
      expect([id, [...placeholdersOf(t.en)].sort()]).toEqual([
        id,
        [...placeholdersOf(t.zh)].sort(),
      ]);
    }
  });

  it.each(SETS)(
    "%s: every message renders with exactly its declared placeholders",
    (_code, messages) => {
      for (const [id, t] of Object.entries(messages)) {
        const names = placeholdersOf(t.zh);
        const data = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
        for (const lang of ["zh", "en"] as const) {
          const text = renderMessage(messages, { messageId: id, data }, lang);
          for (const n of names) expect(text).toContain(`<${n}>`);
          expect(text).not.toMatch(/[{}]/);
          // A placeholder left out, or one the message does not have, is a fault in the rule.
          if (names.length > 0) {
            const missing = { ...data };
            delete missing[names[0]];
            expect(() => renderMessage(messages, { messageId: id, data: missing }, lang)).toThrow(
              `needs {${names[0]}}`
            );
          }
          expect(() =>
            renderMessage(messages, { messageId: id, data: { ...data, stray: "x" } }, lang)
          ).toThrow("has no placeholder {stray}");
        }
      }
    }
  );

  it("every message id a rule declares is used by its module", () => {
    const dir = path.resolve(__dirname, "../../src/engine/rules");
    const source = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    for (const [code, messages] of SETS)
      for (const id of Object.keys(messages))
        expect([code, id, source.includes(`"${id}"`)]).toEqual([code, id, true]);
  });

  it("no rule writes a finished sentence: only the runner sets message_zh / message_en", () => {
    const dir = path.resolve(__dirname, "../../src/engine/rules");
    const writers = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .filter((f) => /message_(zh|en)\s*:/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    expect(writers.sort()).toEqual(["rule.ts", "table-not-found.ts"]);
  });
});

describe("renderMessage", () => {
  const messages = {
    outer: { zh: "总分 {total}{clause}", en: "total {total}{clause}" },
    clause: { zh: "（{word}）", en: " ({word})" },
    loop: { zh: "{again}", en: "{again}" },
  } as const;

  it("shows numbers as the engine does, picks the language of a bilingual value, nests fragments", () => {
    const ref = {
      messageId: "outer",
      data: {
        total: 0.1 + 0.2,
        clause: { messageId: "clause", data: { word: { zh: "折算", en: "converted" } } },
      },
    };
    expect(renderMessage(messages, ref, "zh")).toBe("总分 0.3（折算）");
    expect(renderMessage(messages, ref, "en")).toBe("total 0.3 (converted)");
    expect(
      renderMessage(messages, { messageId: "outer", data: { total: 96, clause: "" } }, "en")
    ).toBe("total 96");
  });

  it("refuses an unknown id and a cycle of fragments", () => {
    expect(() => renderMessage(messages, { messageId: "nope" }, "zh")).toThrow(
      'unknown message id "nope"'
    );
    expect(() => renderMessage(messages, { messageId: "toString" }, "zh")).toThrow(
      "unknown message id"
    );
    type Ref = { messageId: string; data: { again: Ref | string } };
    const ref: Ref = { messageId: "loop", data: { again: "end" } };
    let deep: Ref = ref;
    for (let i = 0; i < 10; i++) deep = { messageId: "loop", data: { again: deep } };
    expect(() => renderMessage(messages, deep, "zh")).toThrow("nests too deep");
  });
});

describe("findings carry messageId and data", () => {
  it("every finding on every seed table parses as a Finding and re-renders from its id and data", () => {
    const byCode = new Map(ALL_RULES.map((r) => [r.code, r]));
    const settings = settingsOf({
      overachievementThreshold: 1.2,
      indicatorScoring: { enabled: true },
    });
    let count = 0;
    for (const seed of allSeedTables()) {
      const { table } = detectSeed(seed);
      for (const f of runRules(ALL_RULES, table, settings)) {
        expect(FindingSchema.parse(JSON.parse(JSON.stringify(f)))).toEqual(f);
        const messages = byCode.get(f.code)!.meta.messages;
        const ref = { messageId: f.messageId, data: f.data };
        expect(renderMessage(messages, ref, "zh")).toBe(f.message_zh);
        expect(renderMessage(messages, ref, "en")).toBe(f.message_en);
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it("TABLE_NOT_FOUND names the sheet in its data", () => {
    const report = analyzeSheet(gridFromRows([["只是一张普通的表"]], { sheetName: "封面" }));
    expect(report.findings).toEqual([tableNotFound("封面")]);
    expect(report.findings[0]).toMatchObject({
      messageId: "notFound",
      data: { sheet: "封面" },
      message_zh: "工作表“封面”中未找到项目支出绩效自评表（未见“一级指标…分值、得分”表头）。",
    });
  });
});
