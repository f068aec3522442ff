import type { Comparator } from './comparator.ts'
import { type ComparisonResult, compareWithBenchmark } from './comparison.ts'
import { type Decimal, compare, decimalToString, divide, multiply, parseDecimal } from '../figures/decimal.ts'
import { type Indicator, multiplierOf } from '../judgement/indicator.ts'
import { confidenceFraction, rateInterval, wilsonInterval } from './intervals.ts'
import type { Observation } from '../judgement/observation.ts'
import { samePeriod } from '../periods/period.ts'

/**
 * A figure's confidence interval from the counts it is made from, and how it compares with each comparator
 * (England, the Greater Manchester average), as Fingertips shows them: Wilson score for a proportion, exact
 * Poisson below 10 events and Byar's from 10 for a rate, at 95% unless asked otherwise.
 */

/** Decimal places kept in a figure computed from its counts: exact decimal text, rounded half away from zero. */
export const COMPUTED_ACTUAL_PLACES = 4

/** How one comparator compares with the figure: better, similar or worse (higher, similar or lower for polarity none). */
export interface IndicatorComparison {
  /** The comparator's name: "England". */
  readonly comparator: string
  readonly value: number
  /** The comparator's own interval, when it was given. */
  readonly lower: number | null
  readonly upper: number | null
  readonly result: ComparisonResult
}

/** A figure with its confidence interval, on the indicator's scale (a percentage, a rate per 100,000). */
export interface IndicatorInterval {
  /** wilson for a proportion; exact (fewer than 10 events) or byars for a rate. */
  readonly method: 'wilson' | 'exact' | 'byars'
  /** As a fraction: 0.95. */
  readonly confidence: number
  /** The figure the counts give (numerator / denominator × multiplier), unrounded. */
  readonly value: number
  readonly lower: number
  readonly upper: number
  readonly numerator: number
  readonly denominator: number
  /** Every comparator held for the figure's period, in the order given. */
  readonly comparisons: readonly IndicatorComparison[]
}

interface Counts {
  readonly numerator: Decimal
  readonly denominator: Decimal
  readonly multiplier: Decimal
}

/**
 * The counts of an entry when its indicator's method can use them: none without a method or without both counts,
 * nor when they do not suit the method (a numerator above the denominator for a proportion; a fraction of an event
 * below 10 for a rate), as can happen when a definition changes after its figures were imported.
 */
function usableCounts(indicator: Indicator, observation: Observation): Counts | null {
  const scale = multiplierOf(indicator)
  if (indicator.ciMethod === null || scale === null) return null
  if (observation.numerator === null || observation.denominator === null) return null
  const numerator = parseDecimal(observation.numerator)
  const denominator = parseDecimal(observation.denominator)
  const multiplier = parseDecimal(scale)
  if (!numerator || !denominator || !multiplier || multiplier.units <= 0n) return null
  if (numerator.units < 0n || denominator.units <= 0n) return null
  if (indicator.ciMethod === 'proportion' && compare(numerator, denominator) > 0) return null
  if (indicator.ciMethod === 'rate' && numerator.scale > 0 && compare(numerator, { units: 10n, scale: 0 }) < 0) {
    return null
  }
  return { numerator, denominator, multiplier }
}

/**
 * The figure an entry's counts give, numerator / denominator × multiplier (45 of 100 pupils is 45 on a percentage
 * scale), as exact decimal text to 4 decimal places; null when the counts are missing or cannot be used.
 */
export function actualFromCounts(indicator: Indicator, observation: Observation): string | null {
  const counts = usableCounts(indicator, observation)
  if (!counts) return null
  return decimalToString(
    divide(multiply(counts.numerator, counts.multiplier), counts.denominator, COMPUTED_ACTUAL_PLACES),
  )
}

/**
 * The entry as the engine judges it: the actual as given (as published) or, when there is none, the figure its
 * counts give. Counts the indicator's method cannot use are set aside, so they never stand for a figure.
 */
export function withActualFromCounts(indicator: Indicator, observation: Observation): Observation {
  if (observation.numerator === null && observation.denominator === null) return observation
  if (!usableCounts(indicator, observation)) return { ...observation, numerator: null, denominator: null }
  return observation.actual === null
    ? { ...observation, actual: actualFromCounts(indicator, observation) }
    : observation
}

function numberOrNull(text: string | null): number | null {
  if (text === null) return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}

/**
 * An entry's confidence interval from its numerator and denominator, on the indicator's scale, and how each
 * comparator for the figure's period (its data period when reported in arrears) compares with it in the
 * indicator's polarity. Null when the indicator has no interval method or the entry has no usable counts.
 */
export function indicatorInterval(
  indicator: Indicator,
  observation: Observation,
  comparators: readonly Comparator[],
  confidence = 0.95,
): IndicatorInterval | null {
  const level = confidenceFraction(confidence)
  const counts = usableCounts(indicator, observation)
  if (!counts) return null
  const x = Number(decimalToString(counts.numerator))
  const n = Number(decimalToString(counts.denominator))
  const multiplier = Number(decimalToString(counts.multiplier))
  let method: IndicatorInterval['method']
  let figure: { value: number; lower: number; upper: number }
  if (indicator.ciMethod === 'proportion') {
    figure = wilsonInterval(x, n, { confidence: level, multiplier })
    method = 'wilson'
  } else {
    const rate = rateInterval(x, n, { confidence: level, multiplier })
    figure = rate
    method = rate.ciMethod
  }
  const period = observation.dataPeriod ?? observation.period
  const comparisons: IndicatorComparison[] = []
  for (const comparator of comparators) {
    const value = numberOrNull(comparator.value)
    if (value === null || !samePeriod(comparator.period, period)) continue
    comparisons.push({
      comparator: comparator.name,
      value,
      lower: numberOrNull(comparator.lower),
      upper: numberOrNull(comparator.upper),
      result: compareWithBenchmark(figure, value, indicator.polarity),
    })
  }
  return {
    method,
    confidence: level,
    value: figure.value,
    lower: figure.lower,
    upper: figure.upper,
    numerator: x,
    denominator: n,
    comparisons,
  }
}
