import { compare, subtract } from '../figures/decimal.ts'
import { type Figure, sameText } from '../figures/value.ts'
import { type Period, comparePeriods, isFirstOfYear, previousPeriod, samePeriodLastYear } from '../periods/period.ts'
import type { Indicator, Polarity } from './indicator.ts'
import type { Observation } from './observation.ts'
import { type ObservationIndex, dataPeriodOf, figureOrNull, findResult } from './observation-index.ts'

/**
 * Direction of travel: better, the same, or worse than the comparison period, in the indicator's polarity; for a
 * data-only measure, in neutral words: higher, lower or the same.
 */
export type Dot = 'improved' | 'same' | 'worse' | 'higher' | 'lower'

/** A data-only measure's direction of travel: higher, lower or the same, with no judgement of better or worse. */
export function neutralDirection(current: Figure, previous: Figure): Dot | null {
  if (current.kind === 'text' || previous.kind === 'text') {
    return current.kind === previous.kind && sameText(current.text, previous.text) ? 'same' : null
  }
  const order = compare(current.value, previous.value)
  return order === 0 ? 'same' : order > 0 ? 'higher' : 'lower'
}

/**
 * Compares this period's figure with the comparison period's, in the indicator's polarity.
 * Numbers and ranks: higher is better, lower is better, or (polarity none) only "same" can be said.
 * Texts: unchanged text is the same; moving onto the target is improved and moving off it is worse;
 * any other change of text has no direction. Returns null where no direction can be given.
 */
export function directionOfTravel(
  polarity: Polarity,
  current: Figure,
  previous: Figure,
  target: Figure | null,
): Dot | null {
  if (current.kind === 'text' || previous.kind === 'text') {
    if (current.kind !== previous.kind) return null
    if (sameText(current.text, previous.text)) return 'same'
    if (target?.kind !== 'text') return null
    if (sameText(current.text, target.text)) return 'improved'
    if (sameText(previous.text, target.text)) return 'worse'
    return null
  }
  const order = compare(current.value, previous.value)
  if (order === 0) return 'same'
  if (polarity === 'none') return null
  const better = polarity === 'higher' ? order > 0 : order < 0
  return better ? 'improved' : 'worse'
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

/**
 * The period a direction of travel compares with, short term (the previous period, where the basis says so) or long
 * term (the same period last year). An annual indicator always compares with the year before, and a year-to-date
 * rate with the same point last year: Q2's share of the year's collection always looks worse than Q1's.
 */
function comparisonPeriod(indicator: Indicator, period: Period, term: 'short' | 'long'): Period {
  if (indicator.frequency === 'annual') return { kind: 'year', year: period.year - 1 }
  if (indicator.accumulation === 'ytd-rate' || term === 'long') return samePeriodLastYear(period)
  return indicator.dotBasis === 'same-period-last-year' ? samePeriodLastYear(period) : previousPeriod(period)
}

/**
 * Why an indicator reported this period has no direction of travel, when it has none; no-last-year where only the
 * same period last year could be compared (a year-to-date rate, a long-term direction) and it has no figure.
 */
export type NoDotReason = 'status-only' | 'no-previous' | 'no-last-year' | 'in-arrears' | 'not-comparable'

/** A direction of travel, or why there is none, and what it compared with. */
export interface Travel {
  readonly dot: Dot | null
  readonly noDotReason: NoDotReason | null
  readonly comparedWith: { readonly period: Period; readonly figure: Figure } | null
}

/**
 * The direction of travel of the figure that reports a period, against the comparison period's (see
 * comparisonPeriod), or why there is none: a status-only indicator, nothing to compare with, a figure in arrears
 * repeated, or figures that cannot be compared.
 */
export function travelAt(
  indicator: Indicator,
  index: ObservationIndex,
  period: Period,
  reported: { readonly observation: Observation; readonly actual: Figure | null; readonly target: Figure | null },
  term: 'short' | 'long' = 'short',
): Travel {
  const { observation, actual, target } = reported
  if (indicator.valueType === 'status' || !actual) return { dot: null, noDotReason: 'status-only', comparedWith: null }
  const dataPeriod = dataPeriodOf(observation)
  const inArrears = comparePeriods(dataPeriod, observation.period) < 0
  const against = comparisonPeriod(indicator, period, term)
  const lastYearOnly = indicator.frequency !== 'annual' && (term === 'long' || indicator.accumulation === 'ytd-rate')
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
    const reason = inArrears ? 'in-arrears' : lastYearOnly ? 'no-last-year' : 'no-previous'
    return { dot: null, noDotReason: reason, comparedWith: null }
  }
  // The comparison entry carries the same (or a later) figure: a repeat is not a movement.
  if (comparePeriods(dataPeriodOf(previousObservation), dataPeriod) >= 0)
    return { dot: null, noDotReason: 'in-arrears', comparedWith: null }
  const dot =
    indicator.kind === 'data-only'
      ? neutralDirection(current, previous)
      : directionOfTravel(indicator.polarity, current, previous, target)
  return { dot, noDotReason: dot ? null : 'not-comparable', comparedWith: { period: against, figure: previous } }
}
