import { parseDecimal } from '../../domain/figures/decimal.ts'
import { DomainError } from '../../domain/errors.ts'
import type { Indicator } from '../../domain/judgement/indicator.ts'
import {
  AMBER_ALSOS,
  type Band,
  GREEN_WHENS,
  INDICATOR_KINDS,
  type IndicatorKind,
  type RuleOverrides,
  bandText,
  greenWithinFits,
  isBandZero,
  parseBand,
} from '../../domain/judgement/rules.ts'
import type { CsvRow, ProblemList } from './csv.ts'

/**
 * The indicators file's rule columns (issue 16): kind, tolerance (or the older tolerance_pct), green_within,
 * green_when and amber_also. An empty cell inherits the plan's rule. Each problem is put on its row and column.
 */

/** The rule columns, all optional; tolerance_pct is the older way to give a tolerance, as a percent. */
export const RULE_COLUMNS = ['tolerance_pct', 'kind', 'tolerance', 'green_within', 'green_when', 'amber_also'] as const

/** What a row's rule columns give: its kind, its tolerance_pct as written ('' for none), and its own rules. */
export interface RowRules {
  readonly kind: IndicatorKind
  readonly tolerancePct: string
  readonly rules: RuleOverrides
}

const BAND_HELP =
  "Enter a percent of the target such as 10%, or a number such as 2 in the figure's own units (percentage points for a percentage), or leave it empty to use the plan's rule."

function band(row: CsvRow, column: string, what: string, list: ProblemList): Band | null | undefined {
  return list.cell(row, column, (t) => {
    if (t.trim() === '') return null
    try {
      return parseBand(t, what)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      throw new DomainError('invalid-value', `"${t}" is not a ${what}. ${BAND_HELP}`)
    }
  })
}

function choice<T extends string>(
  row: CsvRow,
  column: string,
  allowed: readonly T[],
  list: ProblemList,
): T | null | undefined {
  return list.cell(row, column, (t) => {
    if (t.trim() === '') return null
    const found = allowed.find((option) => option === t.trim().toLowerCase())
    if (found === undefined)
      throw new DomainError(
        'invalid-enum',
        `"${t}" is not a value of ${column}. Use one of: ${allowed.join(', ')}; or leave it empty to use the plan's rule.`,
      )
    return found
  })
}

/** The older tolerance_pct: a plain percent of the target, with no % sign; '' when empty. */
function tolerancePctOf(row: CsvRow, list: ProblemList): string | undefined {
  return list.cell(row, 'tolerance_pct', (t) => {
    if (t === '') return ''
    const amount = parseDecimal(t)
    if (!amount || amount.units < 0n)
      throw new DomainError(
        'invalid-value',
        `"${t}" is not a tolerance. Enter a percentage of the target, such as 10, with no % sign; or use the tolerance column, which also takes points (2); or leave it empty to use the plan's rule.`,
      )
    return t
  })
}

/** Problems between the columns of a row that each read well alone. */
function crossChecks(
  row: CsvRow,
  definition: Pick<Indicator, 'valueType' | 'accumulation' | 'ragMethod'>,
  rules: { kind: IndicatorKind; tolerancePct: string; tolerance: Band | null; greenWithin: Band | null },
  given: readonly string[],
  list: ProblemList,
): void {
  const { kind, tolerancePct, tolerance, greenWithin } = rules
  if (tolerancePct !== '' && tolerance !== null)
    list.add(
      row.line,
      'tolerance',
      `The tolerance is given twice: tolerance_pct ${tolerancePct} and tolerance ${bandText(tolerance)}. Keep one: clear tolerance_pct, or clear tolerance.`,
    )
  if (kind === 'data-only' && given.length > 0)
    list.add(
      row.line,
      given[0] ?? 'kind',
      `A data-only measure is reported for information and never given a status, so it takes no ${given.join(', ')}: a tolerance is needed only where there is a target. Clear ${given.length === 1 ? 'it' : 'them'}, or set kind to measure.`,
    )
  if (kind === 'measure' && definition.valueType === 'status' && tolerance !== null)
    list.add(
      row.line,
      'tolerance',
      'A status-only indicator has no figure or target to measure a tolerance from: a tolerance is needed only where there is a target. Clear tolerance.',
    )
  const own = tolerance ?? (tolerancePct === '' ? null : parseBand(`${tolerancePct}%`, 'tolerance'))
  if (greenWithin && own && !greenWithinFits(greenWithin, own))
    list.add(
      row.line,
      'green_within',
      `The green band ${bandText(greenWithin)} must be less than the tolerance ${bandText(own)}: Green runs up to green_within, Amber up to the tolerance. Narrow green_within or widen the tolerance.`,
    )
  if (definition.accumulation === 'ytd-rate' && definition.valueType !== 'number')
    list.add(
      row.line,
      'accumulation',
      `Only a number can be a year-to-date rate, and this is a ${definition.valueType} indicator. Use point, or value_type number.`,
    )
  if (definition.accumulation === 'ytd-rate' && definition.ragMethod === 'forecast')
    list.add(
      row.line,
      'rag_method',
      'A year-to-date rate is not projected to the year end, so it cannot be judged on its forecast. Use rag_method tolerance, or leave it empty.',
    )
}

/**
 * Reads a row's kind and rules, putting every problem on its row and column; undefined when there is one.
 * `definition` is what the row's other columns gave, for the checks between them.
 */
export function parseRowRules(
  row: CsvRow,
  definition: Pick<Indicator, 'valueType' | 'accumulation' | 'ragMethod'>,
  list: ProblemList,
): RowRules | undefined {
  const start = list.problems.length
  const kind = choice(row, 'kind', INDICATOR_KINDS, list)
  const tolerancePct = tolerancePctOf(row, list)
  const tolerance = band(row, 'tolerance', 'tolerance', list)
  const greenWithin = band(row, 'green_within', 'green band', list)
  const greenWhen = choice(row, 'green_when', GREEN_WHENS, list)
  const amberAlso = choice(row, 'amber_also', AMBER_ALSOS, list)
  if (
    kind === undefined ||
    tolerancePct === undefined ||
    tolerance === undefined ||
    greenWithin === undefined ||
    greenWhen === undefined ||
    amberAlso === undefined
  )
    return undefined
  const given = RULE_COLUMNS.filter((column) => column !== 'kind' && (row.values[column] ?? '').trim() !== '')
  crossChecks(
    row,
    definition,
    {
      kind: kind ?? 'measure',
      tolerancePct,
      tolerance,
      greenWithin: greenWithin && !isBandZero(greenWithin) ? greenWithin : null,
    },
    given,
    list,
  )
  if (amberAlso === 'on-track-for-year' && definition.accumulation === 'ytd-rate')
    list.add(
      row.line,
      'amber_also',
      'on-track-for-year needs a year-end forecast, and a year-to-date rate has none. Use improving or none, or leave it empty.',
    )
  if (list.problems.length > start) return undefined
  return {
    kind: kind ?? 'measure',
    tolerancePct,
    rules: {
      ...(tolerance ? { tolerance } : {}),
      // A green band of 0 says "none", even where the plan has one.
      ...(greenWithin ? { greenWithin: isBandZero(greenWithin) ? null : greenWithin } : {}),
      ...(greenWhen ? { greenWhen } : {}),
      ...(amberAlso ? { amberAlso } : {}),
    },
  }
}
