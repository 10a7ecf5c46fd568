/**
 * Test helper: tables of the 云南 公开 family and of the weighted-label templates, built cell by
 * cell as the published layouts have them (see tests/fixtures/national/README.md). Each builder
 * returns a snapshot plus the cells a test may edit by A1 address before building.
 */
import { parseA1, parseRange } from "../../src/engine/grid/a1";
import { CellValue, GridSnapshot } from "../../src/engine/grid/snapshot";

type Cells = Record<string, CellValue | { v: CellValue; fmt: string }>;

/** A sheet from cells by A1 address and merged areas ("A1:J1"). */
export function sheetOf(cells: Cells, merges: string[], sheetName = "Sheet1"): GridSnapshot {
  let rows = 0;
  let cols = 0;
  const at = Object.entries(cells).map(([a, v]) => {
    const p = parseA1(a);
    rows = Math.max(rows, p.row + 1);
    cols = Math.max(cols, p.col + 1);
    return { p, v };
  });
  const ms = merges.map((m) => parseRange(m));
  for (const m of ms) {
    rows = Math.max(rows, m.bottom + 1);
    cols = Math.max(cols, m.right + 1);
  }
  const values: CellValue[][] = Array.from({ length: rows }, () => Array(cols).fill(null));
  const numberFormats: (string | null)[][] = Array.from({ length: rows }, () =>
    Array(cols).fill(null)
  );
  for (const { p, v } of at) {
    if (v !== null && typeof v === "object") {
      values[p.row][p.col] = v.v;
      numberFormats[p.row][p.col] = v.fmt;
    } else values[p.row][p.col] = v;
  }
  return { sheetName, origin: { row: 0, col: 0 }, values, numberFormats, merges: ms };
}

const pct = (v: number) => ({ v, fmt: "0.00%" });

/**
 * 云南 2022年度项目支出绩效自评表 (公开14表): amounts in 元, the two-row indicator header, operator
 * glyphs ≧ ≦ ═ in 指标性质, a blank 指标性质 for a qualitative target, an entirely blank 生态效益指标
 * row, 其他需要说明事项 before 总分 and the grade in the 总分 row's last cell.
 * Real defects kept: 政策知晓率 ≧90% reached 85% at full marks with no explanation; 学员满意度 4 of 5
 * with no explanation.
 */
export function yunnanPublic(edit: Cells = {}): GridSnapshot {
  const cells: Cells = {
    A1: "2022年度项目支出绩效自评表",
    A2: "部门：某某县人力资源和社会保障局",
    J2: "公开14表",
    A3: "项目名称",
    B3: "2022年职业技能培训补助",
    A4: "主管部门",
    B4: "某某县人力资源和社会保障局",
    F4: "实施单位",
    G4: "某某县就业服务中心",
    A5: "项目负责人",
    B5: "张某",
    F5: "联系电话",
    G5: "0870-1234567",
    A6: "项目资金\n(元)",
    D6: "年初预算数",
    E6: "全年预算数",
    F6: "全年执行数",
    G6: "分值",
    H6: "执行率",
    I6: "得分",
    B7: "年度资金总额",
    D7: 500000,
    E7: 480000,
    F7: 456000,
    G7: 10,
    H7: pct(0.95),
    I7: 9.5,
    B8: "其中：当年财政拨款",
    D8: 500000,
    E8: 480000,
    F8: 456000,
    G8: "—",
    H8: pct(0.95),
    I8: "—",
    B9: "上年结转资金",
    D9: 0,
    E9: 0,
    F9: 0,
    G9: "—",
    I9: "—",
    B10: "其他资金",
    D10: 0,
    E10: 0,
    F10: 0,
    G10: "—",
    I10: "—",
    A11: "年度总体目标",
    B11: "预期目标",
    F11: "实际完成情况",
    B12: "完成职业技能培训500人次，培训合格率不低于95%。",
    F12: "完成培训520人次，合格率92%。",
    A13: "绩效指标",
    D13: "年度指标值",
    G13: "实际完成值",
    H13: "分值",
    I13: "得分",
    J13: "偏差原因分析及改进措施",
    A14: "一级指标",
    B14: "二级指标",
    C14: "三级指标",
    D14: "指标性质",
    E14: "指标值",
    F14: "度量单位",
    A15: "产出指标",
    B15: "数量指标",
    C15: "完成培训人次",
    D15: "≧",
    E15: 500,
    F15: "人次",
    G15: 520,
    H15: 20,
    I15: 20,
    B16: "质量指标",
    C16: "培训合格率",
    D16: "≧",
    E16: 95,
    F16: "%",
    G16: 92,
    H16: 15,
    I16: 13,
    J16: "部分学员未通过考核，下年度增加考前辅导",
    B17: "时效指标",
    C17: "按时完成率",
    D17: "═",
    E17: 100,
    F17: "%",
    G17: 100,
    H17: 15,
    I17: 15,
    B18: "成本指标",
    C18: "人均培训成本",
    D18: "≦",
    E18: 1000,
    F18: "元",
    G18: 877,
    H18: 10,
    I18: 10,
    A19: "效益指标",
    B19: "社会效益指标",
    C19: "政策知晓率",
    D19: "≧",
    E19: 90,
    F19: "%",
    G19: 85,
    H19: 15,
    I19: 15,
    B20: "生态效益指标",
    B21: "可持续影响指标",
    C21: "培训长效机制",
    E21: "有效",
    G21: "有效",
    H21: 10,
    I21: 10,
    A22: "满意度指标",
    B22: "服务对象满意度指标",
    C22: "学员满意度",
    D22: "≧",
    E22: 90,
    F22: "%",
    G22: 93,
    H22: 5,
    I22: 4,
    A23: "其他需要说明事项",
    D23: "无",
    A24: "总分",
    H24: 100,
    I24: 96.5,
    J24: "优",
    ...edit,
  };
  const merges = [
    "A1:J1",
    "A2:I2",
    "B3:J3",
    "B4:E4",
    "G4:J4",
    "B5:E5",
    "G5:J5",
    "A6:A10",
    "B6:C6",
    "B7:C7",
    "B8:C8",
    "B9:C9",
    "B10:C10",
    "A11:A12",
    "B11:E11",
    "F11:J11",
    "B12:E12",
    "F12:J12",
    "A13:C13",
    "D13:F13",
    "G13:G14",
    "H13:H14",
    "I13:I14",
    "J13:J14",
    "A15:A18",
    "A19:A21",
    "A23:C23",
    "D23:J23",
    "A24:G24",
  ];
  return sheetOf(cells, merges, "公开14表");
}

/**
 * A provincial template as distributed and filled (山西 / 河北 / 安徽 style): 一级 labels with their
 * weight (产出指标\n(50分)), 二级 labels without 指标 (社会效益), 三级 labels numbered 指标1:, placeholder
 * rows (指标2, ……, a bare 指标1:) left with blank 分值 and 得分, no 项目负责人 / 联系电话 rows, and
 * 年度资金总额: with a colon. The real defect kept: 年度资金总额 0 / 0 / 0 while its 其中:本年财政拨款
 * row carries 90 / 89.974 / 89.974.
 */
export function weightedTemplate(edit: Cells = {}): GridSnapshot {
  const cells: Cells = {
    A1: "项目支出绩效自评表",
    A2: "（2023年度）",
    A3: "项目名称",
    C3: "乡村公共文化服务补助",
    A4: "主管部门",
    C4: "某某县文化和旅游局",
    F4: "实施单位",
    H4: "某某县文化馆",
    A5: "项目资金\n（万元）",
    D5: "年初预算数",
    E5: "全年预算数",
    F5: "全年执行数",
    G5: "分值",
    H5: "执行率",
    I5: "得分",
    B6: "年度资金总额:",
    D6: 0,
    E6: 0,
    F6: 0,
    G6: 10,
    I6: 10,
    B7: "其中:本年财政拨款",
    D7: 90,
    E7: 89.974,
    F7: 89.974,
    G7: "—",
    H7: pct(1),
    I7: "—",
    B8: "其他资金",
    D8: 0,
    E8: 0,
    F8: 0,
    G8: "—",
    I8: "—",
    A9: "年度总体目标",
    B9: "预期目标",
    F9: "实际完成情况",
    B10: "开展送戏下乡200场，群众满意度达到90%以上。",
    F10: "完成送戏下乡210场，群众满意度95%。",
    A11: "绩\n效\n指\n标",
    B11: "一级指标",
    C11: "二级指标",
    D11: "三级指标",
    E11: "年度指标值",
    F11: "实际完成值",
    G11: "分值",
    H11: "得分",
    I11: "偏差原因分析及改进措施",
    B12: "产出指标\n(50分)",
    C12: "数量指标",
    D12: "指标1:送戏下乡场次",
    E12: "≥200场",
    F12: "210场",
    G12: 20,
    H12: 20,
    D13: "指标2",
    C14: "质量指标",
    D14: "指标1:演出合格率",
    E14: "≥95%",
    F14: "98%",
    G14: 15,
    H14: 15,
    C15: "时效指标",
    D15: "指标1:按期完成率",
    E15: "100%",
    F15: "100%",
    G15: 15,
    H15: 15,
    C16: "成本指标",
    D16: "……",
    B17: "效益指标(30分)",
    C17: "社会效益",
    D17: "指标1:受益群众覆盖率",
    E17: "≥90%",
    F17: "92%",
    G17: 30,
    H17: 30,
    C18: "生态效益",
    D18: "指标1:",
    B19: "满意度指标(10分)",
    C19: "服务对象满意度",
    D19: "指标1:群众满意度",
    E19: "≥90%",
    F19: "95%",
    G19: 10,
    H19: 10,
    A20: "总分",
    G20: 100,
    H20: 100,
    ...edit,
  };
  const merges = [
    "A1:I1",
    "A2:I2",
    "A3:B3",
    "C3:I3",
    "A4:B4",
    "C4:E4",
    "F4:G4",
    "H4:I4",
    "A5:A8",
    "B5:C5",
    "B6:C6",
    "B7:C7",
    "B8:C8",
    "A9:A10",
    "B9:E9",
    "F9:I9",
    "B10:E10",
    "F10:I10",
    "A11:A19",
    "B12:B16",
    "B17:B18",
    "A20:F20",
  ];
  return sheetOf(cells, merges, "项目1");
}
