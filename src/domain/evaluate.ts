import type { Comparator } from './comparator.ts'
import { type Decimal, subtract } from './decimal.ts'
import { type Dot, directionOfTravel } from './direction.ts'
import type { Indicator } from './indicator.ts'
import { type IndicatorInterval, indicatorInterval, withActualFromCounts } from './indicator-interval.ts'
import { type IndicatorSpcOutcome, indicatorSpc } from './indicator-spc.ts'
import { type NotReportedReason, type Observation, hasResult } from './observation.ts'
import {
  type Period,
  comparePeriods,
  formatPeriod,
  isFirstOfYear,
  lastMonthOf,
  periodEndDate,
  previousPeriod,
  quarterOf,
  samePeriod,
  samePeriodLastYear,
  yearOf,
} from './period.ts'
import { type Forecast, type RagSource, forecastAgainstAnnualTarget, judgeAgainstTarget, toleranceOf } from './rag.ts'
import { type Figure, type Rag, parseFigure } from './value.ts'

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

/** An indicator's observations indexed by period, for repeated look-ups. */
export class ObservationIndex {
  private readonly byPeriod = new Map<string, Observation>()
  readonly sorted: readonly Observation[]

  constructor(observations: readonly Observation[]) {
    for (const observation of observations) this.byPeriod.set(formatPeriod(observation.period), observation)
    this.sorted = [...observations].sort((a, b) => comparePeriods(a.period, b.period))
  }

  at(period: Period): Observation | undefined {
    return this.byPeriod.get(formatPeriod(period))
  }
}

/**
 * The periods whose entry can stand for a reporting period, best first. A monthly indicator in a quarterly report
 * uses the quarter's entry or, failing that, its last month's; a year uses Q4 or March; a quarterly indicator in a
 * monthly report is reported in the last month of each quarter. An annual indicator is reported only when an entry
 * for that period exists, or for the year itself.
 */
function candidatePeriods(indicator: Indicator, period: Period): Period[] {
  if (indicator.frequency === 'annual') return [period]
  switch (period.kind) {
    case 'year':
      return indicator.frequency === 'monthly'
        ? [period, { kind: 'quarter', year: period.year, quarter: 4 }, lastMonthOf(period)]
        : [period, { kind: 'quarter', year: period.year, quarter: 4 }]
    case 'quarter':
      return indicator.frequency === 'monthly' ? [period, lastMonthOf(period)] : [period]
    case 'month': {
      const quarter = quarterOf(period)
      return indicator.frequency === 'quarterly' && samePeriod(lastMonthOf(quarter), period)
        ? [period, quarter]
        : [period]
    }
  }
}

/** The entry that reports performance for a period, if any. */
function findResult(indicator: Indicator, index: ObservationIndex, period: Period): Observation | undefined {
  for (const candidate of candidatePeriods(indicator, period)) {
    const found = index.at(candidate)
    if (found && hasResult(found)) return found
  }
  return undefined
}

function figureOrNull(indicator: Indicator, text: string | null): Figure | null {
  if (text === null || indicator.valueType === 'status') return null
  try {
    return parseFigure(indicator.valueType, text)
  } catch {
    // Stored figures are validated on the way in; a definition changed since then leaves them unjudged.
    return null
  }
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
  const end = periodEndDate(period)
  const earlier = index.sorted.filter((o) => hasResult(o) && periodEndDate(o.period) < end)
  const latest = earlier.at(-1)
  if (!latest) return 'new'
  // An indicator whose figures come a period late is, when nothing has arrived, in arrears rather than missing.
  return latest.dataPeriod && comparePeriods(latest.dataPeriod, latest.period) < 0 ? 'in-arrears' : 'not-available'
}

/**
 * The figure a direction of travel compares. For a year-to-date count it is the in-period value: the running total
 * less the previous period's (Q2's 199 completions less Q1's 105 is 94), or the total itself in the year's first
 * period. Returns null where the figure cannot be formed.
 */
function comparableFigure(indicator: Indicator, index: ObservationIndex, period: Period): Figure | null {
  const observation = findResult(indicator, index, period)
  const figure = observation ? figureOrNull(indicator, observation.actual) : null
  if (!observation || !figure) return null
  if (indicator.accumulation !== 'ytd-sum' || figure.kind === 'text' || isFirstOfYear(dataPeriodOf(observation))) {
    return figure
  }
  const before = findResult(indicator, index, previousPeriod(period))
  const beforeFigure = before ? figureOrNull(indicator, before.actual) : null
  if (!beforeFigure || beforeFigure.kind === 'text') return null
  return { ...figure, value: subtract(figure.value, beforeFigure.value) }
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
    const current = comparableFigure(indicator, index, period)
    const previous = previousObservation ? comparableFigure(indicator, index, against) : null
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
    interval: indicatorInterval(indicator, observation, comparators),
  }
}

/** An indicator's entries indexed as the engine judges them: a figure made from its counts where none was given. */
export function indexFor(indicator: Indicator, observations: readonly Observation[]): ObservationIndex {
  return new ObservationIndex(observations.map((observation) => withActualFromCounts(indicator, observation)))
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
  // Object.assign, not a spread with more properties after it: V8 makes that a slow dictionary object, 10 µs to
  // build and slow to read, which a dashboard of a few hundred indicators and a 100,000-indicator judgement feel.
  return Object.assign({}, evaluateIndicatorAt(indicator, index, period, comparators), {
    previous: evaluateIndicatorAt(indicator, index, previousPeriod(period), comparators),
    lastYear: evaluateIndicatorAt(indicator, index, { kind: 'year', year: period.year - 1 }, comparators),
    statistics: indicatorSpc(indicator, index.sorted, period),
  })
}

/** The judgement of every period with an entry, up to and including a period, oldest first: an indicator's history. */
export function evaluateHistory(
  indicator: Indicator,
  observations: readonly Observation[],
  upTo?: Period,
  comparators: readonly Comparator[] = [],
): IndicatorResult[] {
  const index = indexFor(indicator, observations)
  const periods = new Map<string, Period>()
  for (const observation of index.sorted) {
    if (upTo === undefined || comparePeriods(observation.period, upTo) <= 0)
      periods.set(formatPeriod(observation.period), observation.period)
  }
  return [...periods.values()].map((period) => evaluateIndicatorAt(indicator, index, period, comparators))
}
