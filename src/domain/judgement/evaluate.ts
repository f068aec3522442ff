import type { Comparator } from '../statistics/comparator.ts'
import { type Decimal, subtract } from '../figures/decimal.ts'
import { type Dot, directionOfTravel } from './direction.ts'
import type { Indicator } from './indicator.ts'
import { type IndicatorInterval, indicatorInterval, withActualFromCounts } from '../statistics/indicator-interval.ts'
import { type IndicatorSpcOutcome, indicatorSpc } from '../statistics/indicator-spc.ts'
import { type NotReportedReason, type Observation, hasResult } from './observation.ts'
import {
  type Period,
  comparePeriods,
  isFirstOfYear,
  lastMonthIndex,
  lastMonthOf,
  monthOfYear,
  periodKey,
  periodOrder,
  previousPeriod,
  quarterOf,
  samePeriodLastYear,
  yearOf,
} from '../periods/period.ts'
import { type Forecast, type RagSource, forecastAgainstAnnualTarget, judgeAgainstTarget, toleranceOf } from './rag.ts'
import { type Figure, type Rag, storedFigure } from '../figures/value.ts'

/** The engine's judgement of one indicator for one period. */
export interface IndicatorResult {
  readonly indicator: Indicator
  readonly period: Period
  readonly reported: boolean
  /** The figure as given; null when not reported or status-only. */
  readonly actual: Figure | null
  readonly target: Figure | null
  readonly rag: Rag | null
  readonly ragSource: RagSource | null
  /** The worst figure that is still Amber, for a tolerance judgement of a number or rank. */
  readonly amberLimit: Decimal | null
  readonly dot: Dot | null
  /** Why there is no direction of travel, when there is none but a figure was reported. */
  readonly noDotReason: 'in-arrears' | 'status-only' | 'no-previous' | 'not-comparable' | null
  /** The period and figure the direction of travel compares with (in-period for a year-to-date count). */
  readonly comparedWith: { readonly period: Period; readonly figure: Figure } | null
  readonly notReported: NotReportedReason | null
  readonly exceptionRequired: boolean
  readonly estimated: boolean
  /** The period the figure relates to (earlier than `period` when reported in arrears). */
  readonly dataPeriod: Period | null
  readonly inArrears: boolean
  readonly forecast: Forecast | null
  readonly annualTarget: Figure | null
  readonly commentary: string | null
  /**
   * The figure's 95% confidence interval from the numerator and denominator of the entry that reported it (so the
   * data period's, when in arrears), with how each comparator compares; null without an interval method or counts.
   */
  readonly interval: IndicatorInterval | null
}

/** A judgement together with the previous period's and last year's, as a report's columns need them. */
export interface IndicatorEvaluation extends IndicatorResult {
  readonly previous: IndicatorResult
  readonly lastYear: IndicatorResult
  /** The SPC chart of the indicator's figures up to the period, or why there is none. */
  readonly statistics: IndicatorSpcOutcome
}

/** How many moves an insertion sort of n entries may make before a general sort is cheaper. */
function movesAllowed(length: number): number {
  return 8 * length + 16
}

/**
 * The observations in period order (a stable sort, as Array.prototype.sort is) with each one's periodOrder number.
 * Entries come nearly in order (a store lists a year after its Q4, where the engine puts the longer period first),
 * so an insertion sort on the numbers does it in one pass; anything far out of order gets a general sort.
 */
function inPeriodOrder(observations: readonly Observation[]): { keys: number[]; sorted: Observation[] } {
  const keys: number[] = []
  const sorted: Observation[] = []
  let moves = 0
  for (const observation of observations) {
    const key = periodOrder(observation.period)
    let at = keys.length
    keys.push(key)
    sorted.push(observation)
    while (at > 0 && (keys[at - 1] ?? key) > key && moves < movesAllowed(observations.length)) {
      keys[at] = keys[at - 1] ?? key
      sorted[at] = sorted[at - 1] ?? observation
      at -= 1
      moves += 1
    }
    keys[at] = key
    sorted[at] = observation
  }
  if (moves < movesAllowed(observations.length)) return { keys, sorted }
  const order = observations.map((observation, i) => ({ key: periodOrder(observation.period), i, observation }))
  order.sort((a, b) => a.key - b.key || a.i - b.i)
  return { keys: order.map((o) => o.key), sorted: order.map((o) => o.observation) }
}

/** An indicator's observations indexed by period, for repeated look-ups. */
export class ObservationIndex {
  /** The entries in period order, oldest first. */
  readonly sorted: readonly Observation[]
  /**
   * Each period's periodOrder number, ascending, and its entry (the last given, when a period has two). An
   * indicator has tens of entries, so a binary search of two small arrays is cheaper to build and ask than a Map.
   */
  private readonly keys: readonly number[]
  private readonly entries: readonly Observation[]

  constructor(observations: readonly Observation[]) {
    const { keys, sorted } = inPeriodOrder(observations)
    this.sorted = sorted
    // One entry per period: the last given, when a period has two (they sit together, in the order given).
    let unique = true
    for (let i = 1; i < keys.length && unique; i += 1) if (keys[i] === keys[i - 1]) unique = false
    if (unique) {
      this.keys = keys
      this.entries = sorted
    } else {
      const uniqueKeys: number[] = []
      const entries: Observation[] = []
      sorted.forEach((observation, i) => {
        if (uniqueKeys.at(-1) === keys[i]) entries[entries.length - 1] = observation
        else {
          uniqueKeys.push(keys[i] ?? 0)
          entries.push(observation)
        }
      })
      this.keys = uniqueKeys
      this.entries = entries
    }
  }

  at(period: Period): Observation | undefined {
    const key = periodOrder(period)
    const { keys } = this
    let low = 0
    let high = keys.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const found = keys[middle] ?? key
      if (found < key) low = middle + 1
      else if (found > key) high = middle - 1
      else return this.entries[middle]
    }
    return undefined
  }

  /** The entry for a period, if it says anything about performance. */
  resultAt(period: Period): Observation | undefined {
    const found = this.at(period)
    return found !== undefined && hasResult(found) ? found : undefined
  }
}

/**
 * The entry that reports performance for a period, if any: the period's own entry or, failing that, one that can
 * stand for it. A monthly indicator in a quarterly report uses the quarter's entry or, failing that, its last
 * month's; a year uses Q4 or March; a quarterly indicator in a monthly report is reported in the last month of each
 * quarter. An annual indicator is reported only when an entry for that period exists, or for the year itself.
 */
function findResult(indicator: Indicator, index: ObservationIndex, period: Period): Observation | undefined {
  const own = index.resultAt(period)
  if (own !== undefined || indicator.frequency === 'annual') return own
  switch (period.kind) {
    case 'year':
      return (
        index.resultAt({ kind: 'quarter', year: period.year, quarter: 4 }) ??
        (indicator.frequency === 'monthly' ? index.resultAt(lastMonthOf(period)) : undefined)
      )
    case 'quarter':
      return indicator.frequency === 'monthly' ? index.resultAt(lastMonthOf(period)) : undefined
    case 'month':
      return indicator.frequency === 'quarterly' && monthOfYear(period) % 3 === 0
        ? index.resultAt(quarterOf(period))
        : undefined
  }
}

function figureOrNull(indicator: Indicator, text: string | null): Figure | null {
  return storedFigure(indicator.valueType, text)
}

function dataPeriodOf(observation: Observation): Period {
  return observation.dataPeriod ?? observation.period
}

function reasonNotReported(
  indicator: Indicator,
  index: ObservationIndex,
  period: Period,
  own: Observation | undefined,
): NotReportedReason {
  if (own?.notReported) return own.notReported
  if (indicator.frequency === 'annual' && period.kind !== 'year') return 'annual'
  // The latest entry with a result that ended before this period did (entries are in order of their end).
  const end = lastMonthIndex(period)
  const { sorted } = index
  let latest: Observation | undefined
  for (let i = sorted.length - 1; i >= 0 && latest === undefined; i -= 1) {
    const observation = sorted[i]
    if (observation !== undefined && lastMonthIndex(observation.period) < end && hasResult(observation))
      latest = observation
  }
  if (!latest) return 'new'
  // An indicator whose figures come a period late is, when nothing has arrived, in arrears rather than missing.
  return latest.dataPeriod && comparePeriods(latest.dataPeriod, latest.period) < 0 ? 'in-arrears' : 'not-available'
}

/**
 * The figure a direction of travel compares, given the entry that reports the period and its figure. For a
 * year-to-date count it is the in-period value: the running total less the previous period's (Q2's 199 completions
 * less Q1's 105 is 94), or the total itself in the year's first period. Returns null where it cannot be formed.
 */
function comparableFigure(
  indicator: Indicator,
  index: ObservationIndex,
  period: Period,
  observation: Observation,
  figure: Figure | null,
): Figure | null {
  if (!figure) return null
  if (indicator.accumulation !== 'ytd-sum' || figure.kind === 'text' || isFirstOfYear(dataPeriodOf(observation))) {
    return figure
  }
  const before = findResult(indicator, index, previousPeriod(period))
  const beforeFigure = before ? figureOrNull(indicator, before.actual) : null
  if (!beforeFigure || beforeFigure.kind === 'text') return null
  return { kind: figure.kind, text: figure.text, value: subtract(figure.value, beforeFigure.value) }
}

/** The period a direction of travel compares with. An annual indicator always compares with the year before. */
function comparisonPeriod(indicator: Indicator, period: Period): Period {
  if (indicator.frequency === 'annual') return { kind: 'year', year: period.year - 1 }
  return indicator.dotBasis === 'previous' ? previousPeriod(period) : samePeriodLastYear(period)
}

function unreported(
  indicator: Indicator,
  period: Period,
  reason: NotReportedReason,
  own: Observation | undefined,
  annualTarget: Figure | null,
): IndicatorResult {
  return {
    indicator,
    period,
    reported: false,
    actual: null,
    target: figureOrNull(indicator, own?.target ?? null),
    rag: null,
    ragSource: null,
    amberLimit: null,
    dot: null,
    noDotReason: null,
    comparedWith: null,
    notReported: reason,
    exceptionRequired: false,
    estimated: false,
    dataPeriod: null,
    inArrears: false,
    forecast: null,
    annualTarget,
    commentary: own?.note ?? null,
    interval: null,
  }
}

/**
 * Judges one indicator for one period: RAG, direction of travel, forecast, the confidence interval and comparisons,
 * or why it was not reported. The index holds the entries as the engine judges them (see indexFor).
 */
export function evaluateIndicatorAt(
  indicator: Indicator,
  index: ObservationIndex,
  period: Period,
  comparators: readonly Comparator[] = [],
): IndicatorResult {
  const own = index.at(period)
  const annualTarget = figureOrNull(indicator, index.at(yearOf(period))?.target ?? null)
  const observation = findResult(indicator, index, period)
  if (!observation)
    return unreported(indicator, period, reasonNotReported(indicator, index, period, own), own, annualTarget)

  const actual = figureOrNull(indicator, observation.actual)
  const target = figureOrNull(indicator, observation.target ?? own?.target ?? null)
  const dataPeriod = dataPeriodOf(observation)
  const inArrears = comparePeriods(dataPeriod, observation.period) < 0
  const tolerance = toleranceOf(indicator.tolerancePct)

  const judged = actual && target ? judgeAgainstTarget(indicator.polarity, tolerance, actual, target) : null
  const forecast =
    actual && annualTarget
      ? forecastAgainstAnnualTarget(
          indicator.accumulation,
          indicator.polarity,
          tolerance,
          actual,
          annualTarget,
          dataPeriod,
        )
      : null

  let rag: Rag | null = null
  let ragSource: RagSource | null = null
  if (observation.status) {
    rag = observation.status
    ragSource = 'assessment'
  } else if (indicator.ragMethod === 'forecast' && forecast) {
    rag = forecast.suggestedRag
    ragSource = 'forecast'
  } else if (judged) {
    rag = judged.rag
    ragSource = 'tolerance'
  }

  let dot: Dot | null = null
  let noDotReason: IndicatorResult['noDotReason'] = null
  let comparedWith: IndicatorResult['comparedWith'] = null
  if (indicator.valueType === 'status' || !actual) {
    noDotReason = 'status-only'
  } else {
    const against = comparisonPeriod(indicator, period)
    const previousObservation = findResult(indicator, index, against)
    const current = comparableFigure(indicator, index, period, observation, actual)
    const previous = previousObservation
      ? comparableFigure(
          indicator,
          index,
          against,
          previousObservation,
          figureOrNull(indicator, previousObservation.actual),
        )
      : null
    if (!previousObservation || !previous || !current) {
      noDotReason = inArrears ? 'in-arrears' : 'no-previous'
    } else if (comparePeriods(dataPeriodOf(previousObservation), dataPeriod) >= 0) {
      // The comparison entry carries the same (or a later) figure: a repeat is not a movement.
      noDotReason = 'in-arrears'
    } else {
      dot = directionOfTravel(indicator.polarity, current, previous, target)
      noDotReason = dot ? null : 'not-comparable'
      comparedWith = { period: against, figure: previous }
    }
  }

  return {
    indicator,
    period,
    reported: true,
    actual,
    target,
    rag,
    ragSource,
    amberLimit: ragSource === 'tolerance' ? (judged?.amberLimit ?? null) : null,
    dot,
    noDotReason,
    comparedWith,
    notReported: null,
    exceptionRequired: rag === 'R' || rag === 'A',
    estimated: observation.estimated,
    dataPeriod,
    inArrears,
    forecast,
    annualTarget,
    commentary: observation.note ?? own?.note ?? null,
    // Without a method there is no interval; skipping the call saves reading the counts for every figure.
    interval: indicator.ciMethod === null ? null : indicatorInterval(indicator, observation, comparators),
  }
}

/** An indicator's entries indexed as the engine judges them: a figure made from its counts where none was given. */
export function indexFor(indicator: Indicator, observations: readonly Observation[]): ObservationIndex {
  const withoutCounts = observations.every((o) => o.numerator === null && o.denominator === null)
  return new ObservationIndex(
    withoutCounts ? observations : observations.map((observation) => withActualFromCounts(indicator, observation)),
  )
}

/** A judgement with the report's columns beside it, built in one go so every evaluation has the same shape. */
function withColumns(
  result: IndicatorResult,
  previous: IndicatorResult,
  lastYear: IndicatorResult,
  statistics: IndicatorSpcOutcome,
): IndicatorEvaluation {
  return {
    indicator: result.indicator,
    period: result.period,
    reported: result.reported,
    actual: result.actual,
    target: result.target,
    rag: result.rag,
    ragSource: result.ragSource,
    amberLimit: result.amberLimit,
    dot: result.dot,
    noDotReason: result.noDotReason,
    comparedWith: result.comparedWith,
    notReported: result.notReported,
    exceptionRequired: result.exceptionRequired,
    estimated: result.estimated,
    dataPeriod: result.dataPeriod,
    inArrears: result.inArrears,
    forecast: result.forecast,
    annualTarget: result.annualTarget,
    commentary: result.commentary,
    interval: result.interval,
    previous,
    lastYear,
    statistics,
  }
}

/**
 * The judgement for a period together with the previous period's and last year's, for the report columns.
 * `comparators` are the indicator's comparator figures (England, the region) for any periods.
 */
export function evaluateIndicator(
  indicator: Indicator,
  observations: readonly Observation[],
  period: Period,
  comparators: readonly Comparator[] = [],
): IndicatorEvaluation {
  const index = indexFor(indicator, observations)
  const result = evaluateIndicatorAt(indicator, index, period, comparators)
  return withColumns(
    result,
    evaluateIndicatorAt(indicator, index, previousPeriod(period), comparators),
    evaluateIndicatorAt(indicator, index, { kind: 'year', year: period.year - 1 }, comparators),
    indicatorSpc(indicator, index.sorted, period),
  )
}

/** The judgement of every period with an entry, up to and including a period, oldest first: an indicator's history. */
export function evaluateHistory(
  indicator: Indicator,
  observations: readonly Observation[],
  upTo?: Period,
  comparators: readonly Comparator[] = [],
): IndicatorResult[] {
  const index = indexFor(indicator, observations)
  // Each period once: entries for the same period sit together in period order.
  const periods: Period[] = []
  let lastKey = Number.NaN
  for (const observation of index.sorted) {
    if (upTo !== undefined && comparePeriods(observation.period, upTo) > 0) continue
    const key = periodKey(observation.period)
    if (key === lastKey) periods[periods.length - 1] = observation.period
    else periods.push(observation.period)
    lastKey = key
  }
  const results: IndicatorResult[] = []
  for (const period of periods) results.push(evaluateIndicatorAt(indicator, index, period, comparators))
  return results
}
