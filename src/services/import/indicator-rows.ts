import type { Decimal } from '../../domain/figures/decimal.ts'
import { parseFigure } from '../../domain/figures/value.ts'
import { withArticle } from '../../domain/figures/words.ts'
import { DomainError } from '../../domain/errors.ts'
import {
  ACCUMULATIONS,
  CI_METHODS,
  type CiMethod,
  DOT_BASES,
  FREQUENCIES,
  type Indicator,
  POLARITIES,
  RAG_METHODS,
  VALUE_TYPES,
  parseChoice,
} from '../../domain/judgement/indicator.ts'
import { LIMITS } from '../../domain/limits.ts'
import { RULE_COLUMNS, parseRowRules } from './indicator-rules.ts'
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

/** Reading the indicators file of the exchange format: each indicator's definition and its council's rules. */

/** The indicators file's columns (see README, "Import format"), each with its limit on length. */
export const INDICATOR_COLUMNS = columnSet(
  ['ref', 'title', 'theme', 'frequency', 'polarity', 'value_type', 'unit', 'accumulation', 'dot_basis'],
  ['rag_method', 'owner', 'ci_method', 'multiplier', ...RULE_COLUMNS],
  {
    ref: LIMITS.reference,
    title: LIMITS.title,
    theme: LIMITS.themeName,
    frequency: LIMITS.choice,
    polarity: LIMITS.choice,
    value_type: LIMITS.choice,
    unit: LIMITS.unit,
    accumulation: LIMITS.choice,
    tolerance_pct: LIMITS.figure,
    dot_basis: LIMITS.choice,
    rag_method: LIMITS.choice,
    owner: LIMITS.owner,
    ci_method: LIMITS.choice,
    multiplier: LIMITS.figure,
    kind: LIMITS.choice,
    tolerance: LIMITS.figure,
    green_within: LIMITS.figure,
    green_when: LIMITS.choice,
    amber_also: LIMITS.choice,
  },
)

/** Reads a plain number as a figure is read (Excel's 10,995 too); the text kept has no thousands separators. */
export function readNumber(text: string, problem: string): { text: string; value: Decimal } {
  try {
    const figure = parseFigure('number', text)
    if (figure.kind === 'number') return { text: figure.text.replaceAll(',', ''), value: figure.value }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
  }
  throw new DomainError('invalid-value', problem)
}

/** The ci_method column: empty for none, else proportion or rate. */
function readCiMethod(t: string): CiMethod | null {
  if (t === '') return null
  const found = CI_METHODS.find((method) => method === t.toLowerCase())
  if (found) return found
  throw new DomainError(
    'invalid-enum',
    `"${t}" is not a confidence interval method. Use proportion (a percentage of people, Wilson score) or rate (events per population, exact or Byar's), or leave it empty.`,
  )
}

/** The multiplier column: empty for none, else the figure's scale, a number above 0. */
function readMultiplier(t: string): string | null {
  if (t === '') return null
  const problem = `"${t}" is not a multiplier. Enter the scale of the figure as a number above 0: 100 for a percentage, 1000 for a rate per 1,000, 100000 for a rate per 100,000.`
  const read = readNumber(t, problem)
  if (read.value.units <= 0n) throw new DomainError('invalid-value', problem)
  return read.text
}

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
  const ciMethod = list.cell(row, 'ci_method', readCiMethod)
  const multiplier = list.cell(row, 'multiplier', readMultiplier)
  if (ciMethod && valueType !== undefined && valueType !== 'number') {
    list.add(
      row.line,
      'ci_method',
      `A confidence interval needs a figure, but this is ${withArticle(valueType)} indicator. Clear ci_method, or use value_type number.`,
    )
  }
  if (ciMethod === null && multiplier) {
    list.add(
      row.line,
      'multiplier',
      'A multiplier scales a figure made from a numerator and denominator. Set ci_method to proportion or rate, or clear the multiplier.',
    )
  }
  const rowRules =
    valueType !== undefined && accumulation !== undefined && ragMethod !== undefined
      ? parseRowRules(row, { valueType, accumulation, ragMethod }, list)
      : undefined
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
    ciMethod === undefined ||
    multiplier === undefined ||
    (ciMethod !== null && valueType !== 'number') ||
    (ciMethod === null && multiplier !== null) ||
    rowRules === undefined
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
    tolerancePct: rowRules.tolerancePct,
    dotBasis,
    ragMethod,
    owner: owner === '' ? null : owner,
    ciMethod,
    multiplier,
    ...(rowRules.kind === 'data-only' ? { kind: rowRules.kind } : {}),
    ...(Object.keys(rowRules.rules).length > 0 ? { rules: rowRules.rules } : {}),
  }
}

/**
 * Reads and checks the indicators file: every indicator once, every problem named by line and column, and the line
 * of each indicator whose row was refused, by its ref.
 */
export function parseIndicators(file: InputFile): {
  indicators: Indicator[]
  problems: ImportProblem[]
  refused: Map<string, number>
} {
  const list = new ProblemList(file.name)
  const csv = readCsv(file)
  list.problems.push(...csv.problems)
  const refused = new Map<string, number>()
  if (csv.header.length === 0 || !checkHeader(csv.header, INDICATOR_COLUMNS, list))
    return { indicators: [], problems: list.problems, refused }
  if (csv.rows.length === 0 && csv.problems.length === 0) {
    list.add(null, null, 'The file has a header but no indicators. Add one row per indicator under the header.')
  }
  const indicators: Indicator[] = []
  const firstLine = new Map<string, number>()
  // A row with a cell over its limit is refused as a whole; rows of the other files naming it wait on it.
  const long: CsvRow[] = []
  const rows = withinLimits(csv.header, csv.rows, INDICATOR_COLUMNS, list, long)
  for (const row of long) {
    const ref = row.values.ref ?? ''
    if (ref !== '' && !refused.has(ref)) refused.set(ref, row.line)
  }
  for (const row of rows) {
    const indicator = parseIndicatorRow(row, list)
    const ref = row.values.ref ?? ''
    if (!indicator && ref !== '' && !refused.has(ref)) refused.set(ref, row.line)
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
  return { indicators, problems: list.problems, refused }
}
