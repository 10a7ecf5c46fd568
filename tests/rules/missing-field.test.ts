import { missingField } from "../../src/engine/rules/missing-field";
import type { SeedTable } from "../../scripts/seed-model";
import { seedTable } from "../helpers/seed-grid";
import { beijingSeed, codesAt, edited, findings, hunanSeed } from "../helpers/table-builder";

const sev = (seed: SeedTable) =>
  findings(missingField, seed).map((f) => `${f.severity}:${f.code}@${f.cell}`);

describe("MISSING_FIELD", () => {
  it.each<[string, SeedTable]>([
    ["001-13 (every required cell filled)", seedTable("001-13")],
    ["004-01 department table: 部门名称 may be blank", seedTable("004-01")],
    ["001-08: 不涉及 rows without 分值/得分 are not indicators to score", seedTable("001-08")],
    [
      "001-06: blank funding 得分 that a formula can fill is FUNDING_SCORE_MISMATCH's info",
      seedTable("001-06"),
    ],
    ["004-02: unused template rows (质量指标 with nothing else)", seedTable("004-02")],
    ["the Beijing builder table", beijingSeed()],
    ["the Hunan builder table", hunanSeed()],
  ])("finds nothing in %s", (_name, seed) => {
    expect(findings(missingField, seed)).toEqual([]);
  });

  it.each<[string, SeedTable, string[]]>([
    [
      "000-01 with 项目名称 blank",
      edited(seedTable("000-01"), (t) => (t.header[0][1] = "")),
      ["warning:MISSING_FIELD@B2"],
    ],
    [
      "000-01 with 主管部门 and 实施单位 blank",
      edited(seedTable("000-01"), (t) => {
        t.header[1][1] = "";
        t.header[2][1] = "—";
      }),
      ["warning:MISSING_FIELD@B3", "warning:MISSING_FIELD@G3"],
    ],
    [
      "004-03 with 专项名称 blank (Hunan project table)",
      edited(seedTable("004-03"), (t) => (t.header[2][1] = "")),
      ["warning:MISSING_FIELD@C3"],
    ],
    [
      "004-03 with 部门名称 blank (Hunan project table)",
      edited(seedTable("004-03"), (t) => (t.header[0][1] = "")),
      ["warning:MISSING_FIELD@B2"],
    ],
    [
      "000-01 with 全年预算数 and 全年执行数 of 年度资金总额 blank",
      edited(seedTable("000-01"), (t) => {
        t.funding.rows[0][2] = "";
        t.funding.rows[0][3] = "";
      }),
      ["warning:MISSING_FIELD@E6", "warning:MISSING_FIELD@F6"],
    ],
    [
      "000-01 with funding 分值 blank (得分 then cannot be computed either) and 得分 blank",
      edited(seedTable("000-01"), (t) => {
        t.funding.rows[0][4] = "";
        t.funding.rows[0][6] = "";
      }),
      ["warning:MISSING_FIELD@G6", "warning:MISSING_FIELD@I6"],
    ],
    [
      "000-01 with 执行率 of 年度资金总额 blank: fillable",
      edited(seedTable("000-01"), (t) => (t.funding.rows[0][5] = "")),
      ["info:MISSING_FIELD@H6"],
    ],
    [
      "001-04 with an indicator's 分值 and another's 得分 blank",
      edited(seedTable("001-04"), (t) => {
        t.indicators.rows[1][5] = "";
        t.indicators.rows[2][6] = "";
      }),
      ["warning:MISSING_FIELD@G15", "warning:MISSING_FIELD@H16"],
    ],
    [
      "001-04 with 总分 得分 blank",
      edited(seedTable("001-04"), (t) => (t.total.score = "")),
      ["warning:MISSING_FIELD@H22"],
    ],
    [
      "004-05 with the grade left blank (等级：)",
      edited(seedTable("004-05"), (t) => (t.grade!.text = "等级：")),
      ["warning:MISSING_FIELD@B24"],
    ],
  ])("reports %s", (_name, seed, expected) => {
    expect(sev(seed)).toEqual(expected);
  });

  it("reports a funding block without 分值 and 得分 columns as structural errors", () => {
    const seed = edited(seedTable("000-01"), (t) => {
      t.funding.columns = t.funding.columns.slice(0, 4).concat(["", "执行率", ""]);
    });
    const fs = findings(missingField, seed);
    expect(fs.map((f) => `${f.severity}:${f.cell}`)).toEqual(["error:A5", "error:A5"]);
    expect(fs[0].message_zh).toBe("项目资金块缺少“分值”列");
    expect(fs[1].message_zh).toBe("项目资金块缺少“得分”列");
  });

  it("reports a table without a 总分 row as a structural error", () => {
    const seed = edited(seedTable("001-04"), (t) => {
      t.total = { label: "", weight: "", score: "" };
    });
    expect(codesAt(findings(missingField, seed))).toEqual(["MISSING_FIELD@A21"]);
    expect(findings(missingField, seed)[0]).toMatchObject({
      severity: "error",
      message_zh: "未找到“总分”行",
    });
  });

  it("names the field in both languages", () => {
    const [f] = findings(
      missingField,
      edited(seedTable("000-01"), (t) => (t.header[0][1] = ""))
    );
    expect(f.message_zh).toBe("“项目名称”未填写");
    expect(f.message_en).toBe("The project name (项目名称) is blank");
  });
});
