import type { Decimal } from '../domain/figures/decimal.ts'
import {
  type BudgetFigures,
  type BudgetRule,
  type BudgetSection,
  type BudgetStatus,
  type CapitalFigures,
  DEFAULT_BUDGET_RULE,
  type FinancePeriod,
  type RevenueStatement,
  type StatementTotals,
  TOTAL_LABELS,
  budgetStatus,
  formatAmount,
  formatVariance,
  lineFigures,
  schemeFigures,
  sectionLines,
  statementTotals,
} from '../domain/finance/index.ts'
import { longDate, parsePeriod, periodEndDate } from '../domain/periods/period.ts'
import { type RagView, ragView } from '../presentation/format.ts'
import { idFor } from './report.sections.ts'

/** The seed's column heads for a revenue statement (Halton, "7.0 Financial Statements"), with the unit. */
export function revenueHeads(unit: string, projected: boolean): string[] {
  return [
    `Annual Budget ${unit}`,
    `Budget To Date ${unit}`,
    `Actual To Date ${unit}`,
    `Variance To Date (overspend) ${unit}`,
    ...(projected ? [`Projected Outturn ${unit}`, `Projected Variance (overspend) ${unit}`] : []),
  ]
}

/** The seed's column heads for the capital projects table, with the unit. */
export function capitalHeads(unit: string): string[] {
  return [
    `Allocation ${unit}`,
    `Allocation To Date ${unit}`,
    `Actual Spend To Date ${unit}`,
    `Allocation Remaining ${unit}`,
  ]
}

/**
 * One row of a statement as the seed prints it: a section's heading, a sub-heading ("Community Care:"), a line, or a
 * total (printed bold). Headings have no figures.
 */
export type StatementRow =
  | { readonly kind: 'heading' | 'subheading'; readonly label: string }
  | {
      readonly kind: 'line' | 'total'
      readonly label: string
      /** Whether the line sits under a sub-heading (its name is the part after "Community Care: "). */
      readonly indented: boolean
      readonly figures: BudgetFigures
      /** The figures as printed: amounts with separators, the variances with brackets when adverse. */
      readonly cells: readonly string[]
      /** Whether the variance to date is adverse (an overspend). */
      readonly adverse: boolean
      readonly note: string
    }

/** A revenue statement in the committee report: its rows in the seed's order, its totals, status and comments. */
export interface StatementView {
  readonly id: string
  readonly name: string
  readonly unit: string
  readonly heads: readonly string[]
  /** Whether any line or total has a projected outturn (the table then has two more columns). */
  readonly projected: boolean
  readonly rows: readonly StatementRow[]
  readonly totals: StatementTotals
  readonly status: BudgetStatus & { readonly view: RagView }
  /** The comments on the above figures, a paragraph each. */
  readonly comments: readonly string[]
}

export interface CapitalView {
  readonly id: string
  readonly name: string
  readonly unit: string
  readonly heads: readonly string[]
  readonly schemes: readonly {
    readonly name: string
    readonly figures: CapitalFigures
    readonly cells: readonly string[]
    readonly note: string
  }[]
  readonly totals: CapitalFigures
  readonly totalCells: readonly string[]
}

/** The report's "Financial Statements": each revenue statement, then the capital programmes. */
export interface FinanceSection {
  readonly period: string
  /** The last day of the period, as the seed heads its tables: "as at 30 September 2012". */
  readonly asAt: string
  readonly statements: readonly StatementView[]
  readonly capital: readonly CapitalView[]
}

const SECTION_HEADINGS: Readonly<Record<BudgetSection, string>> = {
  expenditure: 'Expenditure',
  income: 'Income',
  recharges: 'Recharges',
}

/** The printed cells of a line or total: the four columns, and the projection when the table shows it. */
export function budgetCells(figures: BudgetFigures, projected: boolean): string[] {
  const or = (value: Decimal | null, format: (d: Decimal) => string) => (value === null ? '' : format(value))
  return [
    formatAmount(figures.annualBudget),
    formatAmount(figures.budgetToDate),
    formatAmount(figures.actualToDate),
    formatVariance(figures.varianceToDate),
    ...(projected ? [or(figures.projectedOutturn, formatAmount), or(figures.projectedVariance, formatVariance)] : []),
  ]
}

/** The printed cells of a capital scheme or total. */
export function capitalCells(figures: CapitalFigures): string[] {
  return [
    formatAmount(figures.allocation),
    formatAmount(figures.allocationToDate),
    formatAmount(figures.actualToDate),
    formatVariance(figures.allocationRemaining),
  ]
}

function figuresRow(label: string, figures: BudgetFigures, projected: boolean, kind: 'line' | 'total', note = '') {
  return {
    kind,
    label,
    indented: false,
    figures,
    cells: budgetCells(figures, projected),
    adverse: figures.varianceToDate.units < 0n,
    note,
  } as const
}

/** A section's lines, with a sub-heading row before each run of lines named "Heading: line". */
function sectionRows(statement: RevenueStatement, section: BudgetSection, projected: boolean): StatementRow[] {
  const rows: StatementRow[] = []
  let group: string | null = null
  for (const line of sectionLines(statement, section)) {
    const match = /^([^:]+):\s+(.+)$/.exec(line.name)
    const heading = match?.[1] ?? null
    if (heading !== null && heading !== group) rows.push({ kind: 'subheading', label: `${heading}:` })
    group = heading
    const row = figuresRow(match?.[2] ?? line.name, lineFigures(line), projected, 'line', line.note)
    rows.push({ ...row, indented: heading !== null })
  }
  return rows
}

/** The rows of a statement in the seed's order: each section's lines and total, the net totals between. */
function statementRows(statement: RevenueStatement, totals: StatementTotals, projected: boolean): StatementRow[] {
  const section = (name: BudgetSection, total: keyof StatementTotals): StatementRow[] => {
    const lines = sectionRows(statement, name, projected)
    if (lines.length === 0) return []
    return [
      { kind: 'heading', label: SECTION_HEADINGS[name] },
      ...lines,
      figuresRow(TOTAL_LABELS[total], totals[total], projected, 'total'),
    ]
  }
  return [
    ...section('expenditure', 'expenditure'),
    ...section('income', 'income'),
    figuresRow(TOTAL_LABELS.netOperationalExpenditure, totals.netOperationalExpenditure, projected, 'total'),
    ...section('recharges', 'recharges'),
    figuresRow(TOTAL_LABELS.netDepartmentalTotal, totals.netDepartmentalTotal, projected, 'total'),
  ]
}

function statementView(statement: RevenueStatement, rule: BudgetRule): StatementView {
  const totals = statementTotals(statement)
  const projected =
    statement.lines.some((l) => l.projectedOutturn !== null) || totals.netDepartmentalTotal.projectedOutturn !== null
  const status = budgetStatus(totals, rule, statement.unit)
  return {
    id: idFor('finance', statement.name),
    name: statement.name,
    unit: statement.unit,
    heads: revenueHeads(statement.unit, projected),
    projected,
    rows: statementRows(statement, totals, projected),
    totals,
    status: { ...status, view: ragView(status.rag) },
    comments: statement.comments
      .split(/\n\s*\n|\r?\n/)
      .map((p) => p.trim())
      .filter((p) => p !== ''),
  }
}

/**
 * The report's financial statements for a plan's finances in a period, judged by the plan's budget rule; null when
 * the plan has no statements or capital programmes for the period.
 */
export function financeSection(
  finance: FinancePeriod | undefined,
  rule: BudgetRule = DEFAULT_BUDGET_RULE,
): FinanceSection | null {
  if (!finance || (finance.statements.length === 0 && finance.capital.length === 0)) return null
  return {
    period: finance.period,
    asAt: `as at ${longDate(periodEndDate(parsePeriod(finance.period)))}`,
    statements: finance.statements.map((s) => statementView(s, rule)),
    capital: finance.capital.map((programme) => ({
      id: idFor('capital', programme.name),
      name: programme.name,
      unit: programme.unit,
      heads: capitalHeads(programme.unit),
      schemes: programme.schemes.map((scheme) => {
        const figures = schemeFigures(scheme)
        return { name: scheme.name, figures, cells: capitalCells(figures), note: scheme.note }
      }),
      totals: programme.totals,
      totalCells: capitalCells(programme.totals),
    })),
  }
}
