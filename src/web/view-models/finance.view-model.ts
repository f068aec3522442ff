import { toNumber } from '../../domain/figures/decimal.ts'
import {
  type BudgetRule,
  DEFAULT_BUDGET_RULE,
  type FinancePeriod,
  formatAmount,
  formatVariance,
} from '../../domain/finance/index.ts'
import { type Chart, varianceChart } from '../../presentation/charts/index.ts'
import { type FinanceSection, type StatementView, financeSection } from '../../reports/report.finance.ts'
import type { RagView } from './common.ts'
import type { FinanceSource } from '../../services/round/report.service.ts'

export type { FinanceSource }

/** The finance page: each statement's table, comments and status with its variance chart; the capital tables. */
export interface FinancePageModel {
  readonly section: FinanceSection
  readonly statements: readonly { readonly view: StatementView; readonly chart: Chart }[]
}

/** A statement's lines as bars of the variance chart (sub-headed lines keep their heading, for sense out of place). */
function varianceBars(view: StatementView) {
  return view.rows.flatMap((row) =>
    'cells' in row && row.kind === 'line'
      ? [{ label: row.label, variance: toNumber(row.figures.varianceToDate), printed: row.cells[3] ?? '' }]
      : [],
  )
}

/** The finance page's model for a plan's finances in a period; null when it has none. */
export function financePageModel(
  finance: FinancePeriod,
  rule: BudgetRule = DEFAULT_BUDGET_RULE,
): FinancePageModel | null {
  const section = financeSection(finance, rule)
  if (!section) return null
  return {
    section,
    statements: section.statements.map((view) => ({
      view,
      chart: varianceChart(`chart-${view.id}`, view.name, view.unit, varianceBars(view)),
    })),
  }
}

/** One statement on the plan's dashboard: net position against profile with its status. */
export interface FinanceSummaryRow {
  readonly name: string
  readonly budgetToDate: string
  readonly actualToDate: string
  readonly variance: string
  readonly adverse: boolean
  readonly rag: RagView
  readonly reason: string
}

/** The dashboard's finance summary: each statement's measure (net operational expenditure by default) and status. */
export function financeSummary(finance: FinancePeriod, rule: BudgetRule = DEFAULT_BUDGET_RULE): FinanceSummaryRow[] {
  const section = financeSection(finance, rule)
  if (!section) return []
  return section.statements.map((s) => {
    const figures = s.totals[rule.measure]
    return {
      name: s.name,
      budgetToDate: formatAmount(figures.budgetToDate),
      actualToDate: formatAmount(figures.actualToDate),
      variance: formatVariance(figures.varianceToDate),
      adverse: figures.varianceToDate.units < 0n,
      rag: s.status.view,
      reason: s.status.reason,
    }
  })
}
