import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import type { Decimal } from '../../src/domain/figures/decimal.ts'
import {
  type BudgetLine,
  type BudgetSection,
  type CapitalScheme,
  type FinancePeriod,
  type RevenueStatement,
  capitalProgrammes,
  isCapitalTotal,
  parseAmount,
  revenueTotalOf,
} from '../../src/domain/finance/index.ts'

export const HALTON_SAFER_DIR = fileURLToPath(new URL('../fixtures/halton-2012-13-q2-safer/', import.meta.url))
export const HALTON_FINANCE_PERIOD = '2012/13 Q2'

type Row = Record<string, string>

function rows(name: 'budget.csv' | 'capital.csv'): Row[] {
  return parse<Row>(readFileSync(`${HALTON_SAFER_DIR}${name}`), { columns: true, skip_empty_lines: true })
}

function amount(row: Row, column: string): Decimal {
  const value = parseAmount(row[column] ?? '')
  if (value === null) throw new Error(`Not an amount in ${column}: ${JSON.stringify(row)}`)
  return value
}

/**
 * The Halton Safer fixture's finances (section 7.0 of seed 004) as the store would give them: the printed total rows
 * left out (Outturn computes them), every line in £'000, comments given so the renderers have some to show.
 */
export function haltonFinance(comments: Readonly<Record<string, string>> = {}): FinancePeriod {
  const byStatement = new Map<string, BudgetLine[]>()
  for (const row of rows('budget.csv')) {
    if (revenueTotalOf(row.line ?? '') !== null) continue
    const lines = byStatement.get(row.statement ?? '') ?? []
    lines.push({
      section: row.section as BudgetSection,
      name: row.line ?? '',
      annualBudget: amount(row, 'annual_budget'),
      budgetToDate: amount(row, 'budget_to_date'),
      actualToDate: amount(row, 'actual_to_date'),
      projectedOutturn: null,
      note: row.note ?? '',
    })
    byStatement.set(row.statement ?? '', lines)
  }
  const statements: RevenueStatement[] = [...byStatement].map(([name, lines]) => ({
    name,
    unit: "£'000",
    lines,
    projectedOutturn: null,
    comments: comments[name] ?? '',
  }))
  const schemes: CapitalScheme[] = rows('capital.csv')
    .filter((row) => !isCapitalTotal(row.scheme ?? ''))
    .map((row) => ({
      programme: row.programme ?? '',
      name: row.scheme ?? '',
      allocation: amount(row, 'allocation'),
      allocationToDate: amount(row, 'allocation_to_date'),
      actualToDate: amount(row, 'actual_to_date'),
      note: row.note ?? '',
    }))
  return { period: HALTON_FINANCE_PERIOD, statements, capital: capitalProgrammes(schemes, "£'000") }
}

/** The printed total rows of the fixture's budget.csv, by statement and line name, as [annual, to date, actual]. */
export function printedTotals(): { statement: string; line: string; figures: [string, string, string] }[] {
  return rows('budget.csv')
    .filter((row) => revenueTotalOf(row.line ?? '') !== null)
    .map((row) => ({
      statement: row.statement ?? '',
      line: row.line ?? '',
      figures: [row.annual_budget ?? '', row.budget_to_date ?? '', row.actual_to_date ?? ''],
    }))
}
