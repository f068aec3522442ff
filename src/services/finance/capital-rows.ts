import { type Decimal, decimalToString } from '../../domain/figures/decimal.ts'
import { CAPITAL_TOTAL_NAME, capitalMismatches, capitalTotals, isCapitalTotal } from '../../domain/finance/index.ts'
import { LIMITS } from '../../domain/limits.ts'
import type { CapitalSchemeRow } from '../../store/finance.repository.ts'
import { type CsvRow, type ImportProblem, type InputFile, ProblemList, columnSet, readRows } from '../import/csv.ts'
import { withArticle } from '../../domain/figures/words.ts'
import { AMOUNT_NAMES, amountCell, nameCell, periodCell, shown } from './finance-cells.ts'
import { DEFAULT_UNIT } from './budget-rows.ts'

/** The capital import format's columns (README, "Budget import format"). */
export const CAPITAL_COLUMNS = columnSet(
  ['programme', 'scheme', 'period', 'allocation', 'allocation_to_date', 'actual_to_date'],
  ['note'],
  {
    programme: LIMITS.groupName,
    scheme: LIMITS.title,
    period: LIMITS.choice,
    allocation: LIMITS.figure,
    allocation_to_date: LIMITS.figure,
    actual_to_date: LIMITS.figure,
    note: LIMITS.description,
  },
)

interface CapitalRow {
  readonly line: number
  readonly programme: string
  readonly scheme: string
  readonly period: string
  readonly allocation: Decimal
  readonly toDate: Decimal
  readonly actual: Decimal
  readonly note: string
}

export interface ParsedCapital {
  /** Each period's schemes (canonical period), in file order, the printed Total Spending rows left out. */
  readonly periods: ReadonlyMap<string, readonly CapitalSchemeRow[]>
  readonly problems: readonly ImportProblem[]
}

const groupKey = (programme: string, period: string): string => `${programme}\u0000${period}`

/**
 * Reads and checks capital.csv: each programme's schemes for one or more periods, with the printed Total Spending
 * row of a programme checked against the sum of its schemes and then left out.
 */
export function parseCapital(file: InputFile): ParsedCapital {
  const list = new ProblemList(file.name)
  const csvRows = readRows(file, CAPITAL_COLUMNS, list)
  if (list.problems.length === 0 && csvRows.length === 0)
    list.add(null, null, 'The file has no rows. Under the header row, give one row for each capital scheme.')
  const damaged = new Set<string>()
  const schemes = new Map<string, CapitalRow[]>()
  const totals: CapitalRow[] = []
  const seen = new Map<string, number>()
  const kept: CapitalRow[] = []
  for (const row of csvRows) {
    const before = list.problems.length
    const read = readRow(row, list)
    if (!read) {
      if (list.problems.length > before) {
        const period = periodCell(row, new ProblemList(file.name))
        const programme = (row.values.programme ?? '').trim()
        damaged.add(period === undefined ? programme : groupKey(programme, period))
      }
      continue
    }
    const key = groupKey(read.programme, read.period)
    const total = isCapitalTotal(read.scheme)
    const what = `${key}\u0000${total ? '' : read.scheme.toLowerCase()}`
    const earlier = seen.get(what)
    if (earlier !== undefined) {
      const which = total ? `a ${CAPITAL_TOTAL_NAME} row` : `a scheme “${read.scheme}”`
      list.add(
        row.line,
        'scheme',
        `${read.programme} already has ${which} for ${read.period}, on line ${earlier}. Keep one row for it.`,
      )
      continue
    }
    seen.set(what, row.line)
    if (total) totals.push(read)
    else {
      schemes.set(key, [...(schemes.get(key) ?? []), read])
      kept.push(read)
    }
  }
  for (const total of totals) {
    const key = groupKey(total.programme, total.period)
    if (damaged.has(total.programme) || damaged.has(key)) continue
    checkTotal(total, schemes.get(key) ?? [], list)
  }
  const periods = new Map<string, CapitalSchemeRow[]>()
  for (const row of kept) periods.set(row.period, [...(periods.get(row.period) ?? []), storedScheme(row)])
  return { periods, problems: list.problems }
}

function storedScheme(row: CapitalRow): CapitalSchemeRow {
  return {
    programme: row.programme,
    scheme: row.scheme,
    allocation: decimalToString(row.allocation),
    allocationToDate: decimalToString(row.toDate),
    actualToDate: decimalToString(row.actual),
    note: row.note === '' ? null : row.note,
  }
}

function readRow(row: CsvRow, list: ProblemList): CapitalRow | undefined {
  const programme = nameCell(row, 'programme', 'the capital programme, as the report heads it', list)
  const scheme = nameCell(row, 'scheme', 'the scheme, as the report prints it (such as Stairlifts)', list)
  const period = periodCell(row, list)
  const allocation = amountCell(row, 'allocation', DEFAULT_UNIT, list)
  const toDate = amountCell(row, 'allocation_to_date', DEFAULT_UNIT, list)
  const actual = amountCell(row, 'actual_to_date', DEFAULT_UNIT, list)
  if (
    programme === undefined ||
    scheme === undefined ||
    period === undefined ||
    allocation == null ||
    toDate == null ||
    actual == null
  )
    return undefined
  const note = (row.values.note ?? '').trim()
  return { line: row.line, programme, scheme, period, allocation, toDate, actual, note }
}

/** A programme's printed Total Spending against the sum of its schemes. */
function checkTotal(total: CapitalRow, rows: readonly CapitalRow[], list: ProblemList): void {
  const computed = capitalTotals(
    rows.map((row) => ({
      programme: row.programme,
      name: row.scheme,
      allocation: row.allocation,
      allocationToDate: row.toDate,
      actualToDate: row.actual,
      note: row.note,
    })),
  )
  const published = { allocation: total.allocation, allocation_to_date: total.toDate, actual_to_date: total.actual }
  for (const mismatch of capitalMismatches(published, computed)) {
    const name = AMOUNT_NAMES[mismatch.column] ?? mismatch.column
    list.add(
      total.line,
      mismatch.column,
      `The ${total.scheme} of ${total.programme} (${total.period}) has ${withArticle(name)} of ${shown(mismatch.published)}, but its schemes add up to ${shown(mismatch.computed)}. Correct the total or the schemes so that they agree: the total row is checked, not stored.`,
    )
  }
}
