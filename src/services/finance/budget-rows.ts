import { type Decimal, decimalToString } from '../../domain/figures/decimal.ts'
import {
  BUDGET_SECTIONS,
  type BudgetLine,
  type BudgetSection,
  type StatementTotal,
  TOTAL_LABELS,
  revenueMismatches,
  revenueTotalOf,
  statementTotals,
} from '../../domain/finance/index.ts'
import { withArticle } from '../../domain/figures/words.ts'
import { LIMITS } from '../../domain/limits.ts'
import type { BudgetLineRow } from '../../store/finance.repository.ts'
import { type CsvRow, type ImportProblem, type InputFile, ProblemList, columnSet, readRows } from '../import/csv.ts'
import { AMOUNT_NAMES, amountCell, nameCell, periodCell, shown } from './finance-cells.ts'

/** The budget import format's columns (README, "Budget import format"). */
export const BUDGET_COLUMNS = columnSet(
  ['statement', 'section', 'line', 'period', 'annual_budget', 'budget_to_date', 'actual_to_date'],
  ['projected_outturn', 'note', 'unit'],
  {
    statement: LIMITS.groupName,
    section: LIMITS.choice,
    line: LIMITS.title,
    period: LIMITS.choice,
    annual_budget: LIMITS.figure,
    budget_to_date: LIMITS.figure,
    actual_to_date: LIMITS.figure,
    projected_outturn: LIMITS.figure,
    note: LIMITS.description,
    unit: LIMITS.unit,
  },
)

/** The unit a statement's figures are in when the file does not say. */
export const DEFAULT_UNIT = "£'000"

/** One row read: a line of a statement, or one of its printed totals (checked, not stored). */
interface BudgetRow {
  readonly line: number
  readonly statement: string
  readonly period: string
  readonly unit: string
  readonly section: BudgetSection
  readonly name: string
  readonly total: StatementTotal | null
  readonly annual: Decimal
  readonly toDate: Decimal
  readonly actual: Decimal
  readonly projected: Decimal | null
  readonly note: string
}

export interface ParsedBudget {
  /** Each period's lines (canonical period, such as "2012/13 Q2"), in file order, printed totals left out. */
  readonly periods: ReadonlyMap<string, readonly BudgetLineRow[]>
  readonly problems: readonly ImportProblem[]
}

const groupKey = (statement: string, period: string): string => `${statement}\u0000${period}`

/**
 * Reads and checks budget.csv: every line of every statement for one or more periods, with the printed totals
 * (Total Expenditure, Net Departmental Total...) checked against the sums of the lines and then left out. Every
 * problem is listed with its line, column and what to do.
 */
export function parseBudget(file: InputFile): ParsedBudget {
  const list = new ProblemList(file.name)
  const csvRows = readRows(file, BUDGET_COLUMNS, list)
  if (list.problems.length === 0 && csvRows.length === 0)
    list.add(null, null, 'The file has no rows. Under the header row, give one row for each line of each statement.')
  // Statements (by name and period) with a row that could not be read: their printed totals are not checked.
  const damaged = new Set<string>()
  const rows: BudgetRow[] = []
  for (const row of csvRows) {
    const before = list.problems.length
    const read = readRow(row, list)
    if (read) rows.push(read)
    else if (list.problems.length > before) {
      const statement = (row.values.statement ?? '').trim()
      const period = periodCell(row, new ProblemList(file.name))
      damaged.add(period === undefined ? statement : groupKey(statement, period))
    }
  }
  checkUnits(rows, list)
  const { lines, totals } = checkDuplicates(rows, list)
  for (const total of totals) {
    if (damaged.has(total.statement) || damaged.has(groupKey(total.statement, total.period))) continue
    checkTotal(total, lines.get(groupKey(total.statement, total.period)) ?? [], list)
  }
  // In file order: a statement's lines may be spread through the file.
  const kept = new Set([...lines.values()].flat())
  const periods = new Map<string, BudgetLineRow[]>()
  for (const row of rows) {
    if (!kept.has(row)) continue
    const held = periods.get(row.period) ?? []
    held.push(storedLine(row))
    periods.set(row.period, held)
  }
  return { periods, problems: list.problems }
}

function storedLine(row: BudgetRow): BudgetLineRow {
  return {
    statement: row.statement,
    unit: row.unit,
    section: row.section,
    line: row.name,
    annualBudget: decimalToString(row.annual),
    budgetToDate: decimalToString(row.toDate),
    actualToDate: decimalToString(row.actual),
    projectedOutturn: row.projected === null ? null : decimalToString(row.projected),
    note: row.note === '' ? null : row.note,
  }
}

/** One row, or undefined when a cell has a problem (each kept in `list`). */
function readRow(row: CsvRow, list: ProblemList): BudgetRow | undefined {
  const statement = nameCell(row, 'statement', 'the statement: the department or service, as the report heads it', list)
  const name = nameCell(row, 'line', 'the line, as the report prints it (such as Employees)', list)
  const sectionText = (row.values.section ?? '').trim().toLowerCase()
  const section = BUDGET_SECTIONS.find((s) => s === sectionText)
  if (!section) {
    const given = sectionText === '' ? 'The section is empty' : `“${row.values.section ?? ''}” is not a section`
    list.add(row.line, 'section', `${given}. Enter ${BUDGET_SECTIONS.join(', ').replace(/, (\w+)$/, ' or $1')}.`)
  }
  const period = periodCell(row, list)
  const unit = (row.values.unit ?? '').trim() || DEFAULT_UNIT
  const annual = amountCell(row, 'annual_budget', unit, list)
  const toDate = amountCell(row, 'budget_to_date', unit, list)
  const actual = amountCell(row, 'actual_to_date', unit, list)
  const projected = amountCell(row, 'projected_outturn', unit, list, true)
  if (
    statement === undefined ||
    name === undefined ||
    section === undefined ||
    period === undefined ||
    annual == null ||
    toDate == null ||
    actual == null ||
    projected === undefined
  )
    return undefined
  const note = (row.values.note ?? '').trim()
  const total = revenueTotalOf(name)
  return { line: row.line, statement, period, unit, section, name, total, annual, toDate, actual, projected, note }
}

/** A statement keeps one unit: a row in another unit than the statement's first is a problem. */
function checkUnits(rows: readonly BudgetRow[], list: ProblemList): void {
  const first = new Map<string, BudgetRow>()
  for (const row of rows) {
    const held = first.get(row.statement)
    if (!held) first.set(row.statement, row)
    else if (held.unit !== row.unit)
      list.add(
        row.line,
        'unit',
        `${row.statement} is in ${held.unit} on line ${held.line} but in ${row.unit} here. Give every line of a statement in the same unit.`,
      )
  }
}

/** The lines of each statement and period, and the printed totals; a line or total given twice is a problem. */
function checkDuplicates(
  rows: readonly BudgetRow[],
  list: ProblemList,
): { lines: Map<string, BudgetRow[]>; totals: BudgetRow[] } {
  const lines = new Map<string, BudgetRow[]>()
  const seen = new Map<string, number>()
  const totals: BudgetRow[] = []
  for (const row of rows) {
    const key = groupKey(row.statement, row.period)
    const what = row.total === null ? `${row.section}\u0000${row.name.toLowerCase()}` : `total\u0000${row.total}`
    const earlier = seen.get(`${key}\u0000${what}`)
    if (earlier !== undefined) {
      const which =
        row.total === null
          ? `${withArticle(row.section)} line “${row.name}”`
          : `a ${TOTAL_LABELS[row.total]} row (“${row.name}”)`
      list.add(
        row.line,
        'line',
        `${row.statement} already has ${which} for ${row.period}, on line ${earlier}. Keep one row for it, or name the lines apart (such as “Community Care: Day Care”).`,
      )
      continue
    }
    seen.set(`${key}\u0000${what}`, row.line)
    if (row.total !== null) totals.push(row)
    else {
      const group = lines.get(key) ?? []
      group.push(row)
      lines.set(key, group)
    }
  }
  return { lines, totals }
}

/** A printed total against the sum of its statement's lines: each column that differs is a problem on the row. */
function checkTotal(total: BudgetRow, rows: readonly BudgetRow[], list: ProblemList): void {
  if (total.total === null) return
  const lines: BudgetLine[] = rows.map((row) => ({
    section: row.section,
    name: row.name,
    annualBudget: row.annual,
    budgetToDate: row.toDate,
    actualToDate: row.actual,
    projectedOutturn: row.projected,
    note: row.note,
  }))
  const computed = statementTotals({
    name: total.statement,
    unit: total.unit,
    lines,
    projectedOutturn: null,
    comments: '',
  })[total.total]
  const published = {
    annual_budget: total.annual,
    budget_to_date: total.toDate,
    actual_to_date: total.actual,
    projected_outturn: total.projected,
  }
  for (const mismatch of revenueMismatches(published, computed)) {
    const name = AMOUNT_NAMES[mismatch.column] ?? mismatch.column
    const printed = `The ${total.name} of ${total.statement} (${total.period}) has ${withArticle(name)} of ${shown(mismatch.published)}`
    const message =
      mismatch.column === 'projected_outturn' && computed.projectedOutturn === null
        ? `${printed}, but not every line it totals has a projected outturn. Give each of those lines its projected outturn, or leave the total's empty.`
        : `${printed}, but its lines add up to ${shown(mismatch.computed)} (${total.unit}). Correct the total or the lines so that they agree: the total row is checked, not stored.`
    list.add(total.line, mismatch.column, message)
  }
}
