import type { Decimal } from '../../domain/figures/decimal.ts'
import { formatAmount, parseAmount } from '../../domain/finance/index.ts'
import { formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import type { CsvRow, ProblemList } from '../import/csv.ts'

/** The cells of a budget or capital row read the same way in both files: names, periods and amounts. */

/** How each amount column is named in messages. */
export const AMOUNT_NAMES: Readonly<Record<string, string>> = {
  annual_budget: 'annual budget',
  budget_to_date: 'budget to date',
  actual_to_date: 'actual to date',
  projected_outturn: 'projected outturn',
  allocation: 'allocation',
  allocation_to_date: 'allocation to date',
}

/** A cell that must hold text (a statement's, line's, programme's or scheme's name); undefined when empty. */
export function nameCell(row: CsvRow, column: string, what: string, list: ProblemList): string | undefined {
  const value = (row.values[column] ?? '').trim()
  if (value === '') {
    list.add(row.line, column, `Enter ${what}.`)
    return undefined
  }
  return value
}

/** The period, in its canonical form ("2012/13 Q2"); undefined when it cannot be read (a problem is kept). */
export function periodCell(row: CsvRow, list: ProblemList): string | undefined {
  const period = list.cell(row, 'period', parsePeriod)
  return period === undefined ? undefined : formatPeriod(period)
}

/**
 * An amount as the papers print it ("1,284", "-137", "(137)"); undefined with a problem when it is missing or
 * unreadable, or null when it may be left empty and is.
 */
export function amountCell(
  row: CsvRow,
  column: string,
  unit: string,
  list: ProblemList,
  optional = false,
): Decimal | null | undefined {
  const text = (row.values[column] ?? '').trim()
  const name = AMOUNT_NAMES[column] ?? column
  const example = `in ${unit} as the report prints it, such as 1,284, -137 or (137)`
  if (text === '') {
    if (optional) return null
    list.add(row.line, column, `Enter the ${name} ${example}.`)
    return undefined
  }
  const value = parseAmount(text)
  if (value === null) {
    list.add(row.line, column, `“${text}” is not an amount. Enter the ${name} ${example}.`)
    return undefined
  }
  return value
}

/** An amount for a message: "17,978", "-4,447". */
export const shown = (value: Decimal): string => formatAmount(value)
