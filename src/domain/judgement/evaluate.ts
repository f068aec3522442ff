import type { Comparator } from '../statistics/comparator.ts'
import type { Decimal } from '../figures/decimal.ts'
import { type Dot, type NoDotReason, travelAt } from './direction.ts'
import { type Indicator, isDataOnly, rulesOf } from './indicator.ts'
import { type IndicatorInterval, indicatorInterval, withActualFromCounts } from '../statistics/indicator-interval.ts'
import { type IndicatorSpcOutcome, indicatorSpc } from '../statistics/indicator-spc.ts'
import { type NotReportedReason, type Observation, hasResult } from './observation.ts'
import { ObservationIndex, dataPeriodOf, figureOrNull, findResult } from './observation-index.ts'
import {
  type Period,
  comparePeriods,
  formatPeriod,
  lastMonthIndex,
  monthOfYear,
  periodKey,
  previousPeriod,
  yearOf,
} from '../periods/period.ts'
import { type Forecast, type RagSource, forecastAgainstAnnualTarget, projectToYearEnd } from './rag.ts'
import type { Figure, Rag } from '../figures/value.ts'
import type { RuleSet } from './rules.ts'
import {
  NO_STATUS_TEXT,
  type StatusJudgement,
  type StatusRule,
  assessedText,
  bandOf,
  forecastText,
  judgeByRules,
} from './status.ts'

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
  /** Which rule decided the status (or why there is none); null when not reported. */
  readonly rule: StatusRule | null
  /** That rule in words: "Amber: 12% below target, beyond the tolerance of 10% of the target, but improving on ...". */
  readonly ruleText: string | null
  /** The worst figure that is still Amber, for a tolerance judgement of a number or rank. */
  readonly amberLimit: Decimal | null
  readonly dot: Dot | null
  /** Why there is no direction of travel, when there is none but a figure was reported. */
  readonly noDotReason: NoDotReason | null
  /** The period and figure the direction of travel compares with (in-period for a year-to-date count). */
  readonly comparedWith: { readonly period: Period; readonly figure: Figure } | null
  /** The long-term direction of travel (against the same period last year), for an indicator whose basis is both. */
  readonly dotLongTerm: Dot | null
  /** Why there is no long-term direction, for an indicator whose basis is both; null otherwise. */
  readonly noDotLongTermReason: NoDotReason | null
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
  // A quarterly figure is due in the last month of its quarter; in the two months before, it is not missing.
  if (indicator.frequency === 'quarterly' && period.kind === 'month' && monthOfYear(period) % 3 !== 0) return 'not-due'
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
    rule: null,
    ruleText: null,
    amberLimit: null,
    dot: null,
    noDotReason: null,
    comparedWith: null,
    dotLongTerm: null,
    noDotLongTermReason: null,
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

interface Status {
  readonly rag: Rag | null
  readonly ragSource: RagSource | null
  readonly rule: StatusRule
  readonly ruleText: string
  readonly amberLimit: Decimal | null
}

/**
 * The status a figure gets: a data-only measure has none; a management assessment wins; then, for an indicator
 * judged on its forecast, the forecast's; otherwise the figure against its target under the indicator's rules.
 */
function statusOf(
  indicator: Indicator,
  observation: Observation,
  judged: StatusJudgement | null,
  forecast: Forecast | null,
  hasTarget: boolean,
): Status {
  const none = { rag: null, ragSource: null, amberLimit: null }
  if (isDataOnly(indicator)) return { ...none, rule: 'data-only', ruleText: NO_STATUS_TEXT['data-only'] }
  if (observation.status) {
    const ruleText = assessedText(observation.status)
    return { rag: observation.status, ragSource: 'assessment', rule: 'assessment', ruleText, amberLimit: null }
  }
  if (indicator.ragMethod === 'forecast' && forecast) {
    const ruleText = forecastText(forecast, indicator.unit)
    return { rag: forecast.suggestedRag, ragSource: 'forecast', rule: 'forecast', ruleText, amberLimit: null }
  }
  if (judged) return { rag: judged.status, ragSource: 'tolerance', ...judged }
  const rule = hasTarget ? 'not-comparable' : 'no-target'
  return { ...none, rule, ruleText: NO_STATUS_TEXT[rule] }
}

/**
 * The year-end forecast against the annual target, suggested under the indicator's rules; none for a data-only
 * measure or a year-to-date rate (a share of the year so far is not projected).
 */
function forecastOf(
  indicator: Indicator,
  rules: RuleSet,
  actual: Figure | null,
  annualTarget: Figure | null,
  dataPeriod: Period,
): Forecast | null {
  if (!actual || !annualTarget || isDataOnly(indicator) || indicator.accumulation === 'ytd-rate') return null
  const { accumulation, polarity } = indicator
  if (rules.tolerance.basis === 'percent' && rules.greenWithin === null && rules.greenWhen === 'meets')
    return forecastAgainstAnnualTarget(accumulation, polarity, rules.tolerance.amount, actual, annualTarget, dataPeriod)
  if (actual.kind === 'text' || annualTarget.kind === 'text') return null
  const projected = projectToYearEnd(accumulation, actual.value, dataPeriod)
  const { rag } = bandOf(polarity, rules, projected, annualTarget.value)
  return { projected, suggestedRag: rag, annualTarget: annualTarget.value }
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
  const rules = rulesOf(indicator)
  const forecast = forecastOf(indicator, rules, actual, annualTarget, dataPeriod)
  const reported = { observation, actual, target }
  const { dot, noDotReason, comparedWith } = travelAt(indicator, index, period, reported)
  const long = indicator.dotBasis === 'both' ? travelAt(indicator, index, period, reported, 'long') : null
  const evidence = { dot, comparedWith: comparedWith ? formatPeriod(comparedWith.period) : null, forecast }
  const judged =
    actual && target && !isDataOnly(indicator)
      ? judgeByRules(indicator.polarity, rules, actual, target, indicator.unit, evidence)
      : null
  const status = statusOf(indicator, observation, judged, forecast, target !== null)
  const { rag, ragSource } = status

  return {
    indicator,
    period,
    reported: true,
    actual,
    target,
    rag,
    ragSource,
    rule: status.rule,
    ruleText: status.ruleText,
    amberLimit: status.amberLimit,
    dot,
    noDotReason,
    comparedWith,
    dotLongTerm: long?.dot ?? null,
    noDotLongTermReason: long?.noDotReason ?? null,
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
    rule: result.rule,
    ruleText: result.ruleText,
    amberLimit: result.amberLimit,
    dot: result.dot,
    noDotReason: result.noDotReason,
    comparedWith: result.comparedWith,
    dotLongTerm: result.dotLongTerm,
    noDotLongTermReason: result.noDotLongTermReason,
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
