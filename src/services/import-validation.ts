import { parseDecimal } from '../domain/decimal.ts'
import { DomainError } from '../domain/errors.ts'
import {
  ACCUMULATIONS,
  DOT_BASES,
  FREQUENCIES,
  type Indicator,
  POLARITIES,
  RAG_METHODS,
  VALUE_TYPES,
  parseChoice,
} from '../domain/indicator.ts'
import { NOT_REPORTED_REASONS, type NotReportedReason, type Observation } from '../domain/observation.ts'
import { type Period, comparePeriods, formatPeriod, parsePeriod } from '../domain/period.ts'
import { type Rag, parseFigure, parseRag } from '../domain/value.ts'
import { type CsvRow, type ImportProblem, type InputFile, ProblemList, checkHeader, readCsv } from './csv.ts'

/** The exchange format's columns (see README, "Import format"). */
export const INDICATOR_COLUMNS = {
  required: [
    'ref',
    'title',
    'theme',
    'frequency',
    'polarity',
    'value_type',
    'unit',
    'accumulation',
    'tolerance_pct',
    'dot_basis',
  ],
  optional: ['rag_method', 'owner'],
} as const
export const OBSERVATION_COLUMNS = {
  required: ['ref', 'period', 'actual', 'target'],
  optional: ['data_period', 'estimated', 'status', 'note', 'not_reported'],
} as const

export interface ParsedObservation {
  readonly ref: string
  readonly line: number
  readonly observation: Observation
}

export interface ParsedImport {
  readonly indicators: readonly Indicator[]
  readonly observations: readonly ParsedObservation[]
  readonly problems: readonly ImportProblem[]
}

const YES = new Set(['yes', 'y', 'true', '1'])
const NO = new Set(['no', 'n', 'false', '0', ''])

function parseIndicatorRow(row: CsvRow, list: ProblemList): Indicator | undefined {
  const v = row.values
  const required = (column: string, what: string): string | undefined => {
    const value = v[column] ?? ''
    if (value === '') list.add(row.line, column, `Enter the ${what}.`)
    return value === '' ? undefined : value
  }
  const ref = required('ref', 'indicator reference, such as NI 154')
  const title = required('title', 'indicator definition')
  const theme = required('theme', 'theme or priority it belongs to')
  const frequency = list.cell(row, 'frequency', (t) => parseChoice(FREQUENCIES, t, 'frequency'))
  const polarity = list.cell(row, 'polarity', (t) => parseChoice(POLARITIES, t, 'polarity'))
  const valueType = list.cell(row, 'value_type', (t) => parseChoice(VALUE_TYPES, t, 'value type'))
  const accumulation = list.cell(row, 'accumulation', (t) => parseChoice(ACCUMULATIONS, t, 'accumulation'))
  const dotBasis = list.cell(row, 'dot_basis', (t) => parseChoice(DOT_BASES, t, 'direction of travel basis'))
  const ragMethod = list.cell(row, 'rag_method', (t) =>
    t === '' ? 'tolerance' : parseChoice(RAG_METHODS, t, 'RAG method'),
  )
  const toleranceText = v.tolerance_pct ?? ''
  const tolerance = parseDecimal(toleranceText)
  if (!tolerance || tolerance.units < 0n) {
    list.add(
      row.line,
      'tolerance_pct',
      `"${toleranceText}" is not a tolerance. Enter a percentage of the target, such as 10, with no % sign.`,
    )
  }
  if (accumulation === 'ytd-sum' && valueType !== undefined && valueType !== 'number') {
    list.add(
      row.line,
      'accumulation',
      'Only a number can accumulate through the year. Use point for a rank, text or status.',
    )
  }
  if (
    ref === undefined ||
    title === undefined ||
    theme === undefined ||
    frequency === undefined ||
    polarity === undefined ||
    valueType === undefined ||
    accumulation === undefined ||
    dotBasis === undefined ||
    ragMethod === undefined ||
    !tolerance ||
    tolerance.units < 0n
  ) {
    return undefined
  }
  const owner = v.owner ?? ''
  return {
    ref,
    title,
    theme,
    frequency,
    polarity,
    valueType,
    unit: v.unit ?? '',
    accumulation,
    tolerancePct: toleranceText,
    dotBasis,
    ragMethod,
    owner: owner === '' ? null : owner,
    ciMethod: null,
    multiplier: null,
  }
}

function parseIndicators(file: InputFile): { indicators: Indicator[]; problems: ImportProblem[] } {
  const list = new ProblemList(file.name)
  const csv = readCsv(file)
  list.problems.push(...csv.problems)
  if (csv.header.length === 0 || !checkHeader(csv.header, INDICATOR_COLUMNS, list))
    return { indicators: [], problems: list.problems }
  if (csv.rows.length === 0 && csv.problems.length === 0) {
    list.add(null, null, 'The file has a header but no indicators. Add one row per indicator under the header.')
  }
  const indicators: Indicator[] = []
  const firstLine = new Map<string, number>()
  for (const row of csv.rows) {
    const indicator = parseIndicatorRow(row, list)
    if (!indicator) continue
    const seen = firstLine.get(indicator.ref)
    if (seen !== undefined) {
      list.add(
        row.line,
        'ref',
        `"${indicator.ref}" is already defined on line ${seen}. Each indicator appears once: remove or rename one of them.`,
      )
      continue
    }
    firstLine.set(indicator.ref, row.line)
    indicators.push(indicator)
  }
  return { indicators, problems: list.problems }
}

function optionalPeriod(list: ProblemList, row: CsvRow, column: string): Period | null | undefined {
  return list.cell(row, column, (t) => (t === '' ? null : parsePeriod(t)))
}

function parseObservationRow(row: CsvRow, indicator: Indicator, list: ProblemList): Observation | undefined {
  const v = row.values
  const period = list.cell(row, 'period', parsePeriod)
  const dataPeriod = optionalPeriod(list, row, 'data_period')
  if (period && dataPeriod && comparePeriods(dataPeriod, period) > 0) {
    list.add(
      row.line,
      'data_period',
      `The data period ${formatPeriod(dataPeriod)} is after the period ${formatPeriod(period)}. Give the period the figure relates to, which is the same or earlier.`,
    )
  }
  const figure = (column: 'actual' | 'target'): string | null | undefined =>
    list.cell(row, column, (t) => {
      if (t === '') return null
      const parsed = parseFigure(indicator.valueType, t)
      // Numbers are kept as given less any thousands separators, so "10,995" and "10995" are the same figure.
      return parsed.kind === 'number' ? parsed.text.replaceAll(',', '') : parsed.text
    })
  const actual = figure('actual')
  const target = figure('target')
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
  if (notReported && (actual || status)) {
    list.add(
      row.line,
      'not_reported',
      'A row with a figure or a status has been reported. Clear not_reported, or clear the actual and status.',
    )
  }
  if (
    period === undefined ||
    dataPeriod === undefined ||
    actual === undefined ||
    target === undefined ||
    estimated === undefined ||
    status === undefined ||
    notReported === undefined
  ) {
    return undefined
  }
  const note = v.note ?? ''
  return {
    period,
    dataPeriod,
    actual,
    target,
    estimated,
    status,
    notReported,
    note: note === '' ? null : note,
    numerator: null,
    denominator: null,
  }
}

/**
 * Reads and checks a plan's two exchange files. Every problem in both files is listed, each naming file, line,
 * column and what to do. `known` holds the plan's existing indicators, so observations may refer to them too.
 */
export function parseImport(
  indicatorsFile: InputFile,
  observationsFile: InputFile,
  known: ReadonlyMap<string, Indicator> = new Map(),
): ParsedImport {
  const parsedIndicators = parseIndicators(indicatorsFile)
  const byRef = new Map(known)
  for (const indicator of parsedIndicators.indicators) byRef.set(indicator.ref, indicator)

  const list = new ProblemList(observationsFile.name)
  const csv = readCsv(observationsFile)
  list.problems.push(...csv.problems)
  const observations: ParsedObservation[] = []
  if (csv.header.length > 0 && checkHeader(csv.header, OBSERVATION_COLUMNS, list)) {
    const firstLine = new Map<string, number>()
    for (const row of csv.rows) {
      const ref = row.values.ref ?? ''
      const indicator = byRef.get(ref)
      if (!indicator) {
        const fix =
          ref === ''
            ? 'Enter the indicator reference.'
            : `"${ref}" is not an indicator in ${indicatorsFile.name} or the plan. Check the reference, or add the indicator.`
        list.add(row.line, 'ref', fix)
        continue
      }
      const observation = parseObservationRow(row, indicator, list)
      if (!observation) continue
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
      observations.push({ ref, line: row.line, observation })
    }
  }
  return {
    indicators: parsedIndicators.indicators,
    observations,
    problems: [...parsedIndicators.problems, ...list.problems],
  }
}
