import type { Comparator } from '../../domain/statistics/comparator.ts'
import { compare } from '../../domain/figures/decimal.ts'
import { DomainError } from '../../domain/errors.ts'
import type { Indicator } from '../../domain/judgement/indicator.ts'
import { formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import { withArticle } from '../../domain/figures/words.ts'
import { LIMITS } from '../../domain/limits.ts'
import { type CsvRow, type ImportProblem, type InputFile, ProblemList, columnSet, readRows } from './csv.ts'
import { readNumber } from './indicator-rows.ts'
import type { RowIndicators } from './row-indicator.ts'

/** Reading the comparators file of the exchange format: other areas' figures (England, the region) per period. */

/** The comparators file's columns (see README, "Import format"). */
export const COMPARATOR_COLUMNS = columnSet(['ref', 'period', 'comparator', 'value'], ['lower', 'upper'], {
  ref: LIMITS.reference,
  period: LIMITS.choice,
  comparator: LIMITS.comparatorName,
  value: LIMITS.figure,
  lower: LIMITS.figure,
  upper: LIMITS.figure,
})

export interface ParsedComparator {
  readonly ref: string
  readonly line: number
  readonly comparator: Comparator
}

function parseComparatorRow(row: CsvRow, indicator: Indicator, list: ProblemList): Comparator | undefined {
  if (indicator.valueType !== 'number') {
    list.add(
      row.line,
      'ref',
      `${indicator.ref} is ${withArticle(indicator.valueType)} indicator, but a comparator is a figure to set beside a number. Remove the row, or check the reference.`,
    )
    return undefined
  }
  const period = list.cell(row, 'period', parsePeriod)
  const name = row.values.comparator ?? ''
  if (name === '')
    list.add(row.line, 'comparator', "Enter the comparator's name, such as England or Greater Manchester.")
  const figure = (column: 'value' | 'lower' | 'upper') =>
    list.cell(row, column, (t) => {
      if (t === '') {
        if (column !== 'value') return null
        throw new DomainError(
          'invalid-value',
          `Enter the comparator's figure for the period, on ${indicator.ref}'s scale, such as 12.5.`,
        )
      }
      return readNumber(t, `"${t}" is not a number. Enter a number such as 12.5, without units or symbols.`)
    })
  const value = figure('value')
  const lower = figure('lower')
  const upper = figure('upper')
  if (lower !== undefined && upper !== undefined && (lower === null) !== (upper === null)) {
    const missing = lower === null ? 'lower' : 'upper'
    list.add(
      row.line,
      missing,
      `Give the ${missing} limit as well as the ${lower === null ? 'upper' : 'lower'}, or neither.`,
    )
    return undefined
  }
  if (value && lower && upper && (compare(lower.value, value.value) > 0 || compare(value.value, upper.value) > 0)) {
    list.add(
      row.line,
      'lower',
      `The interval ${lower.text} to ${upper.text} does not contain the figure ${value.text}. Check the three figures, or clear lower and upper.`,
    )
    return undefined
  }
  if (period === undefined || name === '' || !value || lower === undefined || upper === undefined) return undefined
  return { name, period, value: value.text, lower: lower?.text ?? null, upper: upper?.text ?? null }
}

/** Reads the comparators file: one row per indicator, period and comparator, each for an indicator with figures. */
export function parseComparators(
  file: InputFile,
  rowIndicators: RowIndicators,
): { comparators: ParsedComparator[]; problems: ImportProblem[] } {
  const list = new ProblemList(file.name)
  const comparators: ParsedComparator[] = []
  const firstLine = new Map<string, number>()
  for (const row of readRows(file, COMPARATOR_COLUMNS, list)) {
    const indicator = rowIndicators.of(row, file.name, list)
    if (!indicator) continue
    const comparator = parseComparatorRow(row, indicator, list)
    if (!comparator) continue
    const period = formatPeriod(comparator.period)
    const key = `${indicator.ref}\u0000${period}\u0000${comparator.name}`
    const seen = firstLine.get(key)
    if (seen !== undefined) {
      list.add(
        row.line,
        'comparator',
        `${indicator.ref} already has ${withArticle(comparator.name)} figure for ${period} on line ${seen}. Keep one row per indicator, period and comparator.`,
      )
      continue
    }
    firstLine.set(key, row.line)
    comparators.push({ ref: indicator.ref, line: row.line, comparator })
  }
  return { comparators, problems: list.problems }
}
