import { type Decimal, toNumber } from '../domain/figures/decimal.ts'
import {
  type BudgetFigures,
  type BudgetRule,
  type CapitalFigures,
  DEFAULT_BUDGET_RULE,
  type FinancePeriod,
  STATEMENT_TOTALS,
  budgetStatus,
  lineFigures,
  schemeFigures,
  statementTotals,
} from '../domain/finance/index.ts'
import type { ReportJson } from './report.schema.ts'

type FinanceJson = NonNullable<ReportJson['finance']>

const num = (value: Decimal | null): number | null => (value === null ? null : toNumber(value))

function figuresJson(f: BudgetFigures) {
  return {
    annualBudget: toNumber(f.annualBudget),
    budgetToDate: toNumber(f.budgetToDate),
    actualToDate: toNumber(f.actualToDate),
    varianceToDate: toNumber(f.varianceToDate),
    projectedOutturn: num(f.projectedOutturn),
    projectedVariance: num(f.projectedVariance),
  }
}

function capitalJson(f: CapitalFigures) {
  return {
    allocation: toNumber(f.allocation),
    allocationToDate: toNumber(f.allocationToDate),
    actualToDate: toNumber(f.actualToDate),
    allocationRemaining: toNumber(f.allocationRemaining),
  }
}

/**
 * The report JSON's `finance` field: each statement's lines with their variances, every computed total and the
 * budget status by the plan's rule; each capital programme's schemes and totals. Undefined when the plan has none.
 */
export function financeJson(
  finance: FinancePeriod | undefined,
  rule: BudgetRule = DEFAULT_BUDGET_RULE,
): FinanceJson | undefined {
  if (!finance || (finance.statements.length === 0 && finance.capital.length === 0)) return undefined
  return {
    period: finance.period,
    statements: finance.statements.map((s) => {
      const totals = statementTotals(s)
      const status = budgetStatus(totals, rule, s.unit)
      return {
        name: s.name,
        unit: s.unit,
        lines: s.lines.map((l) => ({ section: l.section, name: l.name, note: l.note, ...figuresJson(lineFigures(l)) })),
        totals: Object.fromEntries(
          STATEMENT_TOTALS.map((t) => [t, figuresJson(totals[t])]),
        ) as FinanceJson['statements'][number]['totals'],
        comments: s.comments,
        status: {
          rag: status.rag,
          overProfile: toNumber(status.overProfile),
          overProfilePct: num(status.overProfilePct),
          reason: status.reason,
          ruleText: status.ruleText,
        },
      }
    }),
    capital: finance.capital.map((p) => ({
      name: p.name,
      unit: p.unit,
      schemes: p.schemes.map((s) => ({ name: s.name, note: s.note, ...capitalJson(schemeFigures(s)) })),
      totals: capitalJson(p.totals),
    })),
  }
}
