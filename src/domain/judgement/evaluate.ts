import type { Comparator } from '../statistics/comparator.ts'
import type { Decimal } from '../figures/decimal.ts'
import { type Dot, type NoDotReason, travelAt } from './direction.ts'
import type { Indicator } from './indicator.ts'
import { type IndicatorInterval, indicatorInterval, withActualFromCounts } from '../statistics/indicator-interval.ts'
import { type IndicatorSpcOutcome, indicatorSpc } from '../statistics/indicator-spc.ts'
import { type NotReportedReason, type Observation, hasResult } from './observation.ts'
import { ObservationIndex, dataPeriodOf, figureOrNull, findResult } from './observation-index.ts'
import { type Period, comparePeriods, lastMonthIndex, periodKey, previousPeriod, yearOf } from '../periods/period.ts'
import { type Forecast, type RagSource, forecastAgainstAnnualTarget, judgeAgainstTarget, toleranceOf } from './rag.ts'
import type { Figure, Rag } from '../figures/value.ts'

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
  readonly noDotReason: NoDotReason | null
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
 * The status a figure gets: a management assessment wins; then, for an indicator judged on its forecast, the
 * forecast's; otherwise the figure against its target and tolerance.
 */
function statusOf(
  indicator: Indicator,
  observation: Observation,
  judged: ReturnType<typeof judgeAgainstTarget> | null,
  forecast: Forecast | null,
): { rag: Rag | null; ragSource: RagSource | null } {
  if (observation.status) return { rag: observation.status, ragSource: 'assessment' }
  if (indicator.ragMethod === 'forecast' && forecast) return { rag: forecast.suggestedRag, ragSource: 'forecast' }
  if (judged) return { rag: judged.rag, ragSource: 'tolerance' }
  return { rag: null, ragSource: null }
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

  const { dot, noDotReason, comparedWith } = travelAt(indicator, index, period, { observation, actual, target })
  const { rag, ragSource } = statusOf(indicator, observation, judged, forecast)

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
