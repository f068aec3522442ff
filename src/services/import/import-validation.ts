import { type Decimal, compare, decimalToString } from '../../domain/figures/decimal.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Indicator, parseChoice } from '../../domain/judgement/indicator.ts'
import { NOT_REPORTED_REASONS, type NotReportedReason, type Observation } from '../../domain/judgement/observation.ts'
import { type Period, comparePeriods, formatPeriod, parsePeriod } from '../../domain/periods/period.ts'
import { type Rag, parseFigure, parseRag } from '../../domain/figures/value.ts'
import { placeholderReason } from '../../domain/figures/placeholder.ts'
import { LIMITS } from '../../domain/limits.ts'
import {
  type CsvRow,
  type ImportProblem,
  type InputFile,
  ProblemList,
  checkHeader,
  columnSet,
  readCsv,
  withinLimits,
} from './csv.ts'
import { INDICATOR_COLUMNS, parseIndicators, readNumber } from './indicator-rows.ts'
import { COMPARATOR_COLUMNS, type ParsedComparator, parseComparators } from './comparator-rows.ts'
import { RowIndicators } from './row-indicator.ts'

export { COMPARATOR_COLUMNS, INDICATOR_COLUMNS, type ParsedComparator }

/** The exchange format's columns (see README, "Import format"), each with its limit on length. */
export const OBSERVATION_COLUMNS = columnSet(
  ['ref', 'period', 'actual', 'target'],
  ['data_period', 'estimated', 'status', 'note', 'not_reported', 'numerator', 'denominator'],
  {
    ref: LIMITS.reference,
    period: LIMITS.choice,
    actual: LIMITS.figure,
    target: LIMITS.figure,
    data_period: LIMITS.choice,
    estimated: LIMITS.choice,
    status: LIMITS.choice,
    note: LIMITS.commentary,
    not_reported: LIMITS.choice,
    numerator: LIMITS.figure,
    denominator: LIMITS.figure,
  },
)

export interface ParsedObservation {
  readonly ref: string
  readonly line: number
  readonly observation: Observation
  /** The placeholder the actual held (n/a, .., x), as written, when it held one rather than a figure. */
  readonly placeholder?: string
}

export interface ParsedImport {
  readonly indicators: readonly Indicator[]
  readonly observations: readonly ParsedObservation[]
  /** None when no comparators file was given. */
  readonly comparators: readonly ParsedComparator[]
  readonly problems: readonly ImportProblem[]
}

const YES = new Set(['yes', 'y', 'true', '1'])
const NO = new Set(['no', 'n', 'false', '0', ''])
const TEN: Decimal = { units: 10n, scale: 0 }

/**
 * Periods already read, by their text: a plan's file names the same few hundred periods thousands of times. Only
 * good periods are kept, so a bad one is refused (with its message) on every row that has it.
 */
class PeriodReader {
  readonly #known = new Map<string, Period>()

  read(text: string): Period {
    let period = this.#known.get(text)
    if (period === undefined) {
      period = parsePeriod(text)
      this.#known.set(text, period)
    }
    return period
  }
}

function optionalPeriod(
  list: ProblemList,
  row: CsvRow,
  column: string,
  periods: PeriodReader,
): Period | null | undefined {
  return list.cell(row, column, (t) => (t === '' ? null : periods.read(t)))
}

/** A plain decimal (no thousands separators, no spaces), which parseFigure would keep exactly as written. */
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/

/** A figure as the import keeps it: numbers as given less any thousands separators, so 10,995 and 10995 match. */
function readFigure(valueType: Indicator['valueType'], text: string): string | null {
  if (text === '') return null
  if (valueType === 'number' && PLAIN_NUMBER.test(text)) return text
  const parsed = parseFigure(valueType, text)
  return parsed.kind === 'number' ? parsed.text.replaceAll(',', '') : parsed.text
}

const NO_COUNTS = { numerator: null, denominator: null } as const

/**
 * Reads a row's numerator and denominator: both or neither, only for an indicator with a confidence interval
 * method, a count of 0 or more out of a total above 0, no more than the whole for a proportion, and a whole number
 * of events below 10 for a rate (the exact method counts events). Undefined when there is a problem.
 */
function parseCounts(
  row: CsvRow,
  indicator: Indicator,
  list: ProblemList,
): { numerator: string | null; denominator: string | null } | undefined {
  // Most rows have no counts, which needs no checking.
  if ((row.values.numerator ?? '') === '' && (row.values.denominator ?? '') === '') return NO_COUNTS
  const numerator = list.cell(row, 'numerator', (t) => {
    if (t === '') return null
    const read = readNumber(
      t,
      `"${t}" is not a count. Enter the number of events or people counted, such as 37, with no units or symbols.`,
    )
    if (read.value.units < 0n) {
      throw new DomainError('invalid-value', 'The numerator cannot be negative. Enter the number counted, 0 or more.')
    }
    return read
  })
  const denominator = list.cell(row, 'denominator', (t) => {
    if (t === '') return null
    const read = readNumber(
      t,
      `"${t}" is not a number. Enter the population or total the numerator is out of, such as 100, with no units or symbols.`,
    )
    if (read.value.units <= 0n) {
      throw new DomainError(
        'invalid-value',
        'The denominator must be more than 0. Enter the population or total the numerator is out of.',
      )
    }
    return read
  })
  if (numerator === undefined || denominator === undefined) return undefined
  if (numerator === null && denominator === null) return { numerator: null, denominator: null }
  if (indicator.ciMethod === null) {
    list.add(
      row.line,
      numerator === null ? 'denominator' : 'numerator',
      `${indicator.ref} has no ci_method, so its rows take no numerator or denominator. Set its ci_method to proportion or rate in the indicators file, or clear the numerator and denominator.`,
    )
    return undefined
  }
  if (numerator === null || denominator === null) {
    const missing = numerator === null ? 'numerator' : 'denominator'
    list.add(
      row.line,
      missing,
      `Give the ${missing} as well as the ${numerator === null ? 'denominator' : 'numerator'}, or neither.`,
    )
    return undefined
  }
  if (indicator.ciMethod === 'proportion' && compare(numerator.value, denominator.value) > 0) {
    list.add(
      row.line,
      'numerator',
      `The numerator ${numerator.text} is more than the denominator ${denominator.text}, but a proportion is part of a whole. Check the two figures, or use ci_method rate for events per population.`,
    )
    return undefined
  }
  if (indicator.ciMethod === 'rate' && numerator.value.scale > 0 && compare(numerator.value, TEN) < 0) {
    list.add(
      row.line,
      'numerator',
      `Fewer than 10 events need a whole number for the exact method, not ${decimalToString(numerator.value)}. Enter the count of events.`,
    )
    return undefined
  }
  return { numerator: numerator.text, denominator: denominator.text }
}

function parseObservationRow(
  row: CsvRow,
  indicator: Indicator,
  list: ProblemList,
  periods: PeriodReader,
): { observation: Observation; placeholder: string | null } | undefined {
  const v = row.values
  const period = list.cell(row, 'period', (t) => periods.read(t))
  const dataPeriod = optionalPeriod(list, row, 'data_period', periods)
  if (period && dataPeriod && comparePeriods(dataPeriod, period) > 0) {
    list.add(
      row.line,
      'data_period',
      `The data period ${formatPeriod(dataPeriod)} is after the period ${formatPeriod(period)}. Give the period the figure relates to, which is the same or earlier.`,
    )
  }
  const placeholder = placeholderReason(v.actual ?? '')
  const actual = placeholder ? null : list.cell(row, 'actual', (t) => readFigure(indicator.valueType, t))
  const target = list.cell(row, 'target', (t) => readFigure(indicator.valueType, t))
  const estimated = list.cell(row, 'estimated', (t) => {
    const answer = t.toLowerCase()
    if (YES.has(answer)) return true
    if (NO.has(answer)) return false
    throw new DomainError(
      'invalid-value',
      `"${t}" is not yes or no. Enter yes if the figure is an estimate, otherwise no.`,
    )
  })
  const status = list.cell(row, 'status', (t): Rag | null => (t === '' ? null : parseRag(t)))
  const notReported = list.cell(row, 'not_reported', (t): NotReportedReason | null =>
    t === '' ? null : parseChoice(NOT_REPORTED_REASONS, t, 'reason for not reporting'),
  )
  const counts = parseCounts(row, indicator, list)
  if (notReported && (actual || status)) {
    list.add(
      row.line,
      'not_reported',
      'A row with a figure or a status has been reported. Clear not_reported, or clear the actual and status.',
    )
  } else if (notReported && counts?.numerator) {
    list.add(
      row.line,
      'not_reported',
      'A row with a numerator and denominator has been reported. Clear not_reported, or clear the numerator and denominator.',
    )
  }
  if (
    period === undefined ||
    dataPeriod === undefined ||
    actual === undefined ||
    target === undefined ||
    estimated === undefined ||
    status === undefined ||
    notReported === undefined ||
    counts === undefined
  ) {
    return undefined
  }
  const note = v.note ?? ''
  // A placeholder gives its reason unless the row gives its own, or reports a status or counts instead of a figure.
  const reason = notReported ?? (placeholder && !status && !counts.numerator ? placeholder : null)
  const observation: Observation = {
    period,
    dataPeriod,
    actual,
    target,
    estimated,
    status,
    notReported: reason,
    note: note === '' ? null : note,
    numerator: counts.numerator,
    denominator: counts.denominator,
  }
  return { observation, placeholder: placeholder ? (v.actual ?? '') : null }
}

/**
 * Reads and checks a plan's exchange files: indicators, observations and, when given, comparators. Every problem in
 * every file is listed, each naming file, line, column and what to do. `known` holds the plan's existing
 * indicators, so observations and comparators may refer to them too.
 */
export function parseImport(
  indicatorsFile: InputFile,
  observationsFile: InputFile,
  known: ReadonlyMap<string, Indicator> = new Map(),
  comparatorsFile: InputFile | null = null,
): ParsedImport {
  const parsedIndicators = parseIndicators(indicatorsFile)
  const byRef = new Map(known)
  for (const indicator of parsedIndicators.indicators) byRef.set(indicator.ref, indicator)
  const { refused } = parsedIndicators
  const rowIndicators = new RowIndicators(byRef, refused, parsedIndicators.indicators, indicatorsFile.name)

  const list = new ProblemList(observationsFile.name)
  const csv = readCsv(observationsFile)
  list.problems.push(...csv.problems)
  const observations: ParsedObservation[] = []
  if (csv.header.length > 0 && checkHeader(csv.header, OBSERVATION_COLUMNS, list)) {
    const firstLine = new Map<string, number>()
    const periods = new PeriodReader()
    for (const row of withinLimits(csv.header, csv.rows, OBSERVATION_COLUMNS, list)) {
      const indicator = rowIndicators.of(row, observationsFile.name, list)
      if (!indicator) continue
      const ref = indicator.ref
      const parsedRow = parseObservationRow(row, indicator, list, periods)
      if (!parsedRow) continue
      const { observation, placeholder } = parsedRow
      const key = `${ref}\u0000${formatPeriod(observation.period)}`
      const seen = firstLine.get(key)
      if (seen !== undefined) {
        list.add(
          row.line,
          'period',
          `${ref} already has a row for ${formatPeriod(observation.period)} on line ${seen}. Keep one row per indicator and period.`,
        )
        continue
      }
      firstLine.set(key, row.line)
      observations.push({ ref, line: row.line, observation, ...(placeholder === null ? {} : { placeholder }) })
    }
  }
  const parsedComparators = comparatorsFile
    ? parseComparators(comparatorsFile, rowIndicators)
    : { comparators: [], problems: [] }
  return {
    indicators: parsedIndicators.indicators,
    observations,
    comparators: parsedComparators.comparators,
    problems: [
      ...rowIndicators.withWaitingRows(parsedIndicators.problems),
      ...list.problems,
      ...parsedComparators.problems,
    ],
  }
}
