import { type Decimal, compare } from '../figures/decimal.ts'
import type { BudgetFigures, StatementTotal } from './statement.ts'
import type { CapitalFigures } from './capital.ts'

/**
 * The names papers give their printed totals, as rows of an import file, and the computed total each is checked
 * against. Names are matched without regard to case or surrounding space.
 */
const REVENUE_TOTAL_NAMES: ReadonlyMap<string, StatementTotal> = new Map([
  ['total expenditure', 'expenditure'],
  ['total income', 'income'],
  ['net operational expenditure', 'netOperationalExpenditure'],
  ['total recharges', 'recharges'],
  ['net total recharges', 'recharges'],
  ['net departmental total', 'netDepartmentalTotal'],
])

/** The printed name of each computed total, as the seed's statements print them. */
export const TOTAL_LABELS: Readonly<Record<StatementTotal, string>> = {
  expenditure: 'Total Expenditure',
  income: 'Total Income',
  netOperationalExpenditure: 'Net Operational Expenditure',
  recharges: 'Net Total Recharges',
  netDepartmentalTotal: 'Net Departmental Total',
}

export const CAPITAL_TOTAL_NAME = 'Total Spending'

/** Which computed total a revenue line's name stands for, or null when it is an ordinary line. */
export function revenueTotalOf(lineName: string): StatementTotal | null {
  return REVENUE_TOTAL_NAMES.get(lineName.trim().toLowerCase()) ?? null
}

/** Whether a capital row's scheme name is the printed total. */
export function isCapitalTotal(schemeName: string): boolean {
  return schemeName.trim().toLowerCase() === CAPITAL_TOTAL_NAME.toLowerCase()
}

/** A printed figure that differs from the sum of the lines. */
export interface TotalMismatch {
  /** The column, as the file names it. */
  readonly column: string
  readonly published: Decimal
  readonly computed: Decimal
}

/** The published revenue figures of a total row, column by column (projected outturn only when printed). */
export interface PublishedRevenueTotal {
  readonly annual_budget: Decimal
  readonly budget_to_date: Decimal
  readonly actual_to_date: Decimal
  readonly projected_outturn: Decimal | null
}

/** Each column of a printed revenue total that differs from the computed sum. */
export function revenueMismatches(published: PublishedRevenueTotal, computed: BudgetFigures): TotalMismatch[] {
  const pairs: [string, Decimal | null, Decimal | null][] = [
    ['annual_budget', published.annual_budget, computed.annualBudget],
    ['budget_to_date', published.budget_to_date, computed.budgetToDate],
    ['actual_to_date', published.actual_to_date, computed.actualToDate],
    ['projected_outturn', published.projected_outturn, computed.projectedOutturn],
  ]
  return mismatches(pairs)
}

export interface PublishedCapitalTotal {
  readonly allocation: Decimal
  readonly allocation_to_date: Decimal
  readonly actual_to_date: Decimal
}

/** Each column of a printed capital total that differs from the computed sum. */
export function capitalMismatches(published: PublishedCapitalTotal, computed: CapitalFigures): TotalMismatch[] {
  return mismatches([
    ['allocation', published.allocation, computed.allocation],
    ['allocation_to_date', published.allocation_to_date, computed.allocationToDate],
    ['actual_to_date', published.actual_to_date, computed.actualToDate],
  ])
}

function mismatches(pairs: [string, Decimal | null, Decimal | null][]): TotalMismatch[] {
  const found: TotalMismatch[] = []
  for (const [column, published, computed] of pairs) {
    if (published === null) continue
    if (computed === null || compare(published, computed) !== 0) {
      found.push({ column, published, computed: computed ?? published })
    }
  }
  return found
}
