import { HeaderFieldKey, Located } from "../model/table";
import { defineRule, familyHas, RuleContext } from "./rule";
import { budgetCellOf, budgetNameOf, fundingTotalRow, rateOf } from "../compute/funding";
import { isBlankCell, numberOf, statedRateOf } from "../compute/numbers";
import { at, fundingRowName, indicatorName, tableAnchor } from "./helpers";

const HEADER_ZH: Record<HeaderFieldKey, string> = {
  projectName: "项目名称",
  department: "主管部门",
  unit: "实施单位",
  owner: "项目负责人",
  phone: "联系电话",
  deptName: "部门名称",
  totalInvestment: "项目总投资",
  subProject: "支出方向名称（子项目）",
  fiscalFunding: "其中：财政拨款",
  period: "项目总实施期",
};
const HEADER_EN: Record<HeaderFieldKey, string> = {
  projectName: "project name (项目名称)",
  department: "supervising department (主管部门)",
  unit: "implementing unit (实施单位)",
  owner: "project owner (项目负责人)",
  phone: "phone number (联系电话)",
  deptName: "department name (部门名称)",
  totalInvestment: "total investment (项目总投资)",
  subProject: "sub-project (支出方向名称)",
  fiscalFunding: "of which fiscal funding (其中：财政拨款)",
  period: "implementation period (项目总实施期)",
};

const MISSING_FIELD_MESSAGES = {
  headerFieldMissing: { zh: "表头缺少“{field}”一栏", en: "The header has no {field} field" },
  headerFieldBlank: { zh: "“{field}”未填写", en: "The {field} is blank" },
  noFundingBlock: {
    zh: "未找到项目资金块（年初预算数、全年预算数、全年执行数、分值、执行率、得分）",
    en: "No funding block found (全年预算数, 全年执行数, 分值, 执行率, 得分)",
  },
  fundingColumnMissing: {
    zh: "项目资金块缺少“{column}”列",
    en: "The funding block has no {column} column",
  },
  noFundingTotal: {
    zh: "项目资金块缺少“年度资金总额”（合计）行",
    en: "The funding block has no total row (年度资金总额 / 合计)",
  },
  fundingBlank: { zh: "{name}的{column}未填写", en: 'The {column} of "{name}" is blank' },
  rateFillable: {
    zh: "{name}的执行率未填写，可由公式（全年执行数 ÷ 全年预算数）填充",
    en: 'The execution rate of "{name}" is blank; a formula (spending ÷ budget) can fill it',
  },
  noIndicatorRows: {
    zh: "绩效指标块没有指标行",
    en: "The indicator block has no indicator rows",
  },
  noExplanationColumn: {
    zh: "绩效指标块缺少“偏差原因分析及改进措施”列",
    en: "The indicator block has no deviation-explanation column (偏差原因分析及改进措施)",
  },
  indicatorWeightBlank: {
    zh: "指标“{name}”的分值未填写",
    en: 'The weight (分值) of indicator "{name}" is blank',
  },
  indicatorScoreBlank: {
    zh: "指标“{name}”的得分未填写",
    en: 'The score (得分) of indicator "{name}" is blank',
  },
  noTotalRow: { zh: "未找到“总分”行", en: "No total row (总分) found" },
  totalBlank: { zh: "总分行的{column}未填写", en: "The total row's {column} is blank" },
  gradeBlank: { zh: "等级未填写", en: "The grade (等级) is blank" },
} as const;

/**
 * Header fields a table must fill, per the rule set's requiredHeaderFields: by default 项目名称,
 * 主管部门, 实施单位 (Beijing), 部门名称, 项目名称 (Hunan), none for the 部门整体 table.
 */
function requiredHeader(ctx: RuleContext<typeof MISSING_FIELD_MESSAGES>): HeaderFieldKey[] {
  const t = ctx.table;
  const req = ctx.settings.requiredHeaderFields;
  if (t.kind === "department") return req.department;
  return ctx.family.header.required ?? (t.variant === "hunan" ? req.hunan : req.beijing);
}

/** A row with something in 三级指标 / 年度指标值 / 实际完成值 (not a blank template row or a 不涉及 row). */
function hasContent(cells: (Located | null)[]): boolean {
  return cells.some((c) => !isBlankCell(c));
}

export const missingField = defineRule({
  code: "MISSING_FIELD",
  severity: "warning",
  description_zh:
    "必填内容缺失：表头项目名称等、资金总额行的预算数/执行数/分值/得分、指标行的分值/得分、总分行；缺少资金块、总分行或分值/得分列为结构错误",
  description_en:
    "Required content is missing: header fields, the funding total row's budget/spending/weight/score, indicator weights and scores, the total row; a missing funding block, total row or weight/score column is a structural error",
  meta: {
    settledBy: ["rate", "fundingScore", "totalScore", "totalWeight", "grade"],
    messages: MISSING_FIELD_MESSAGES,
  },
  check(ctx) {
    const t = ctx.table;

    // Header values.
    for (const key of requiredHeader(ctx)) {
      const field = t.header[key];
      const fieldName = { zh: HEADER_ZH[key], en: HEADER_EN[key] };
      if (!field) {
        ctx.report({
          at: tableAnchor(t),
          messageId: "headerFieldMissing",
          data: { field: fieldName },
        });
      } else if (!field.value || isBlankCell(field.value)) {
        ctx.report({
          at: field.value ?? field.label,
          messageId: "headerFieldBlank",
          data: { field: fieldName },
        });
      }
    }

    // Funding block.
    const f = t.funding;
    if (!f) {
      ctx.report({
        at: tableAnchor(t),
        severity: "error",
        messageId: "noFundingBlock",
      });
    } else {
      const headerAt = at(f.headerRow, t.range.left);
      const missingCol = (zh: string, en: string, severity: "error" | "warning") =>
        ctx.report({
          at: headerAt,
          severity,
          messageId: "fundingColumnMissing",
          data: { column: { zh, en } },
        });
      // A family whose funding block carries no score of its own needs no 分值/得分 there.
      const scored = familyHas(ctx.family, "funding.score");
      if (scored && f.columns.weight === null) missingCol("分值", "weight (分值)", "error");
      if (scored && f.columns.score === null) missingCol("得分", "score (得分)", "error");
      if (f.columns.rate === null) missingCol("执行率", "execution rate (执行率)", "warning");

      const total = fundingTotalRow(t);
      if (!total) {
        ctx.report({
          at: f.rows[0]?.label ?? headerAt,
          severity: "error",
          messageId: "noFundingTotal",
        });
      } else {
        const name = fundingRowName(total);
        const blank = (cell: Located | null, zh: string, en: string) => {
          if (cell && isBlankCell(cell)) {
            ctx.report({
              at: cell,
              messageId: "fundingBlank",
              data: { name, column: { zh, en } },
            });
          }
        };
        blank(total.budget, "全年预算数", "full-year budget (全年预算数)");
        const denominator = budgetCellOf(total, ctx.settings);
        if (denominator !== total.budget) {
          const n = budgetNameOf(total, ctx.settings);
          blank(denominator, n.zh, n.enLabel);
        }
        blank(total.executed, "全年执行数", "full-year spending (全年执行数)");
        if (scored) blank(total.weight, "分值", "weight (分值)");
        const rate = rateOf(total, ctx.settings);
        const weight = numberOf(total.weight);
        const rateBasis = rate ?? statedRateOf(total.rate)?.value ?? null;
        // A blank 得分 that can be computed is FUNDING_SCORE_MISMATCH's info ("可由公式填充").
        if (scored && (rateBasis === null || weight === null))
          blank(total.score, "得分", "score (得分)");
        if (total.rate && isBlankCell(total.rate) && rate !== null) {
          ctx.report({
            at: total.rate,
            severity: "info",
            messageId: "rateFillable",
            data: { name },
          });
        }
      }
    }

    // Indicator rows.
    const ind = t.indicators;
    if (!ind || ind.rows.length === 0) {
      ctx.report({
        at: ind ? at(ind.headerRow, t.range.left) : tableAnchor(t),
        severity: "error",
        messageId: "noIndicatorRows",
      });
    } else {
      if (ind.columns.explanation === null) {
        ctx.report({
          at: at(ind.headerRow, t.range.left),
          messageId: "noExplanationColumn",
        });
      }
      for (const r of ind.rows) {
        if (!hasContent([r.level3, r.target, r.actual])) continue;
        const name = indicatorName(r);
        if (r.weight && isBlankCell(r.weight)) {
          ctx.report({
            at: r.weight,
            messageId: "indicatorWeightBlank",
            data: { name },
          });
        }
        const w = numberOf(r.weight);
        if (r.score && isBlankCell(r.score) && (w === null || w > 0)) {
          ctx.report({
            at: r.score,
            messageId: "indicatorScoreBlank",
            data: { name },
          });
        }
      }
    }

    // 总分 row and grade.
    if (!t.total) {
      const last = ind?.rows[ind.rows.length - 1];
      ctx.report({
        at: last ? at(last.row, t.range.left) : tableAnchor(t),
        severity: "error",
        messageId: "noTotalRow",
      });
    } else {
      for (const [cell, zh, en] of [
        [t.total.weight, "分值", "weight"],
        [t.total.score, "得分", "score"],
      ] as const) {
        if (!cell || isBlankCell(cell)) {
          ctx.report({
            at: cell ?? t.total.label,
            messageId: "totalBlank",
            data: { column: { zh, en } },
          });
        }
      }
    }
    if (t.grade && t.grade.value === null) {
      ctx.report({
        at: t.grade.valueCell,
        messageId: "gradeBlank",
      });
    }
  },
});
