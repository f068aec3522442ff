import { type Decimal, ZERO, add, subtract } from '../figures/decimal.ts'

/** The sections of a revenue statement, in the order the papers print them. */
export type BudgetSection = 'expenditure' | 'income' | 'recharges'
export const BUDGET_SECTIONS: readonly BudgetSection[] = ['expenditure', 'income', 'recharges']

/** One line of a revenue statement for a period. Income lines are held negative, as the papers print them. */
export interface BudgetLine {
  readonly section: BudgetSection
  readonly name: string
  readonly annualBudget: Decimal
  /** The budget profiled to the end of the period. */
  readonly budgetToDate: Decimal
  readonly actualToDate: Decimal
  /** The projected outturn for the year, when the budget holder has given one. */
  readonly projectedOutturn: Decimal | null
  readonly note: string
}

/** A department's or service's revenue budget statement for one period. */
export interface RevenueStatement {
  readonly name: string
  /** The unit every figure is kept in: "£'000" unless the council says otherwise. */
  readonly unit: string
  readonly lines: readonly BudgetLine[]
  /** The budget holder's projected outturn of the net departmental total, when given for the whole statement. */
  readonly projectedOutturn: Decimal | null
  /** The budget holder's comments on the figures. */
  readonly comments: string
}

/** The four columns of a line or total, its variance to date, and the projection when there is one. */
export interface BudgetFigures {
  readonly annualBudget: Decimal
  readonly budgetToDate: Decimal
  readonly actualToDate: Decimal
  /** Budget to date − actual to date: positive is under budget, negative (printed in brackets) is adverse. */
  readonly varianceToDate: Decimal
  readonly projectedOutturn: Decimal | null
  /** Annual budget − projected outturn: negative is a projected overspend. */
  readonly projectedVariance: Decimal | null
}

/** The computed totals of a statement. */
export interface StatementTotals {
  readonly expenditure: BudgetFigures
  readonly income: BudgetFigures
  /** Expenditure + income. */
  readonly netOperationalExpenditure: BudgetFigures
  readonly recharges: BudgetFigures
  /** Net operational expenditure + recharges. */
  readonly netDepartmentalTotal: BudgetFigures
}

export type StatementTotal = keyof StatementTotals
export const STATEMENT_TOTALS: readonly StatementTotal[] = [
  'expenditure',
  'income',
  'netOperationalExpenditure',
  'recharges',
  'netDepartmentalTotal',
]

/** The figures of one line, with its variances. */
export function lineFigures(line: BudgetLine): BudgetFigures {
  return figuresOf(line.annualBudget, line.budgetToDate, line.actualToDate, line.projectedOutturn)
}

function figuresOf(annual: Decimal, toDate: Decimal, actual: Decimal, projected: Decimal | null): BudgetFigures {
  return {
    annualBudget: annual,
    budgetToDate: toDate,
    actualToDate: actual,
    varianceToDate: subtract(toDate, actual),
    projectedOutturn: projected,
    projectedVariance: projected === null ? null : subtract(annual, projected),
  }
}

/**
 * The sum of some lines. The projected outturn is summed only when every line has one; otherwise it is unknown
 * (an empty section projects to zero).
 */
export function sumLines(lines: readonly BudgetLine[]): BudgetFigures {
  let annual = ZERO
  let toDate = ZERO
  let actual = ZERO
  let projected: Decimal | null = ZERO
  for (const line of lines) {
    annual = add(annual, line.annualBudget)
    toDate = add(toDate, line.budgetToDate)
    actual = add(actual, line.actualToDate)
    projected = projected === null || line.projectedOutturn === null ? null : add(projected, line.projectedOutturn)
  }
  return figuresOf(annual, toDate, actual, lines.length === 0 ? null : projected)
}

function combine(a: BudgetFigures, b: BudgetFigures, projected?: Decimal | null): BudgetFigures {
  const both =
    a.projectedOutturn === null || b.projectedOutturn === null ? null : add(a.projectedOutturn, b.projectedOutturn)
  return figuresOf(
    add(a.annualBudget, b.annualBudget),
    add(a.budgetToDate, b.budgetToDate),
    add(a.actualToDate, b.actualToDate),
    projected ?? both,
  )
}

/** The lines of one section, in the statement's order. */
export function sectionLines(statement: RevenueStatement, section: BudgetSection): BudgetLine[] {
  return statement.lines.filter((line) => line.section === section)
}

/**
 * Section totals, net operational expenditure (expenditure + income) and the net departmental total (+ recharges).
 * A projected outturn given for the whole statement is the net departmental total's projection.
 */
export function statementTotals(statement: RevenueStatement): StatementTotals {
  const expenditure = sumLines(sectionLines(statement, 'expenditure'))
  const income = sumLines(sectionLines(statement, 'income'))
  const recharges = sumLines(sectionLines(statement, 'recharges'))
  const netOperationalExpenditure = combine(expenditure, income)
  const netDepartmentalTotal = combine(netOperationalExpenditure, recharges, statement.projectedOutturn)
  return { expenditure, income, netOperationalExpenditure, recharges, netDepartmentalTotal }
}
