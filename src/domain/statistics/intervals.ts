import { chiSquareQuantileEven, normalQuantile } from './distributions.ts'
import { DomainError } from '../errors.ts'

/**
 * Confidence intervals as Fingertips publishes them, following PHEindicatormethods 2.1.0 (R/utils.R, Rates.R,
 * Proportions.R, DSR.R): Wilson score for proportions, exact Poisson below 10 events and Byar's from 10 for crude
 * rates, and Dobson's method for directly standardised rates.
 */

/** The 2013 European Standard Population in 19 five-year age bands (0–4 … 90+), the usual standard for a DSR. */
export const ESP2013: readonly number[] = [
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
]

/** A figure with its confidence interval, on the scale asked for (a proportion, a percentage, a rate per 100,000). */
export interface Interval {
  readonly value: number
  readonly lower: number
  readonly upper: number
}

/** A crude rate with its interval and the method used: exact Poisson below 10 events, Byar's from 10. */
export interface RateInterval extends Interval {
  readonly ciMethod: 'exact' | 'byars'
}

/** A directly standardised rate: all nulls (suppressed) when the total count is below the minimum. */
export interface DsrInterval {
  readonly value: number | null
  readonly lower: number | null
  readonly upper: number | null
  readonly totalCount: number
  readonly suppressed: boolean
}

function invalid(message: string): DomainError {
  return new DomainError('invalid-value', message)
}

function requireFinite(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`The ${what} must be a number, not ${value}.`)
}

/**
 * The confidence level as a fraction: 95 and 0.95 both mean 95%. Anything outside 0.9–1 or 90–100 is refused, as in
 * PHEindicatormethods ("confidence level must be between 90 and 100 or between 0.9 and 1").
 */
export function confidenceFraction(confidence: number): number {
  if (
    typeof confidence !== 'number' ||
    Number.isNaN(confidence) ||
    confidence < 0.9 ||
    (confidence > 1 && confidence < 90) ||
    confidence > 100
  ) {
    throw invalid(`The confidence level must be between 90 and 100 or between 0.9 and 1, not ${confidence}.`)
  }
  return confidence >= 90 ? confidence / 100 : confidence
}

/** The two-sided normal deviate for a confidence level: 1.959963984540054 for 95%, 3.090232306167813 for 99.8%. */
export function zForConfidence(confidence: number): number {
  const level = confidenceFraction(confidence)
  return normalQuantile(level + (1 - level) / 2)
}

/**
 * Byar's lower limit for an observed count (PHEindicatormethods byars_lower). Null where the approximation fails:
 * a negative result (one event at 99.8%) or no events at all (R gives NA and NaN there).
 */
export function byarsLower(count: number, confidence = 0.95): number | null {
  requireFinite(count, 'count')
  if (count < 0) throw invalid('Observed events must all be greater than or equal to zero.')
  const z = zForConfidence(confidence)
  if (count === 0) return null
  const lower = count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3
  return Number.isFinite(lower) && lower >= 0 ? lower : null
}

/** Byar's upper limit for an observed count (PHEindicatormethods byars_upper). */
export function byarsUpper(count: number, confidence = 0.95): number {
  requireFinite(count, 'count')
  if (count < 0) throw invalid('Observed events must all be greater than or equal to zero.')
  const z = zForConfidence(confidence)
  return (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * Math.sqrt(count + 1))) ** 3
}

/** Options for a Wilson score interval. */
export interface WilsonOptions {
  /** 0.95 or 95 (the default), 0.998 or 99.8, anything in 0.9–1 or 90–100. */
  readonly confidence?: number
  /** 1 for a proportion (the default), 100 for a percentage. */
  readonly multiplier?: number
  /**
   * Keep the limits inside 0–1 (before the multiplier), exactly 0 at x = 0 and exactly 1 at x = n. Off by default, as
   * in PHEindicatormethods: x = n then gives an upper limit within a rounding error of 1 (0.9999999999999999 for
   * 10/10, 1.0000000000000002 for 50/50).
   */
  readonly clamp?: boolean
}

/** A proportion (x of n residents, pupils or cases) with its Wilson score interval, as Fingertips shows it. */
export function wilsonInterval(x: number, n: number, options: WilsonOptions = {}): Interval {
  requireFinite(x, 'numerator')
  requireFinite(n, 'denominator')
  const multiplier = options.multiplier ?? 1
  requireFinite(multiplier, 'multiplier')
  if (x < 0) throw invalid('The numerator must be greater than or equal to zero.')
  if (n <= 0) throw invalid('The denominator must be greater than zero.')
  if (x > n) throw invalid('The numerator must be less than or equal to the denominator for a proportion.')
  const level = confidenceFraction(options.confidence ?? 0.95)
  let lower: number
  let upper: number
  if (level === 1) {
    lower = 0
    upper = 1
  } else {
    const z = normalQuantile(level + (1 - level) / 2)
    // z * z rather than z ** 2, as R squares: the limits then agree with R to the last bit.
    const spread = z * Math.sqrt(z * z + 4 * x * (1 - x / n))
    lower = (2 * x + z * z - spread) / 2 / (n + z * z)
    upper = (2 * x + z * z + spread) / 2 / (n + z * z)
  }
  if (options.clamp === true) {
    // The limits are 0 and 1 exactly at x = 0 and x = n in exact arithmetic; clamping says so in floating point too.
    lower = x === 0 ? 0 : Math.min(Math.max(lower, 0), 1)
    upper = x === n ? 1 : Math.min(Math.max(upper, 0), 1)
  }
  return { value: (x / n) * multiplier, lower: lower * multiplier, upper: upper * multiplier }
}

/** Options for a crude rate. */
export interface RateOptions {
  readonly confidence?: number
  /** Rate per how many: 100,000 by default. */
  readonly multiplier?: number
}

/** The exact Poisson limits for a count below 10 (PHEindicatormethods phe_rate: qchisq on 2x and 2x + 2). */
function exactCountLimits(x: number, level: number): { lower: number; upper: number } {
  if (!Number.isInteger(x)) {
    throw invalid(`The exact method for fewer than 10 events needs a whole number of events, not ${x}.`)
  }
  return {
    lower: chiSquareQuantileEven((1 - level) / 2, 2 * x) / 2,
    upper: chiSquareQuantileEven(level + (1 - level) / 2, 2 * x + 2) / 2,
  }
}

/**
 * A crude rate (x events among n population, per multiplier) with its interval: exact Poisson limits below 10
 * events, Byar's from 10. No events gives a lower limit of 0 and an upper limit of −ln(α/2) (3.689 at 95%).
 * The count may exceed the population (250 admissions among 220 people is a rate, not a proportion).
 */
export function rateInterval(x: number, n: number, options: RateOptions = {}): RateInterval {
  requireFinite(x, 'numerator')
  requireFinite(n, 'denominator')
  const multiplier = options.multiplier ?? 100000
  requireFinite(multiplier, 'multiplier')
  if (x < 0) throw invalid('The numerator must be greater than or equal to zero.')
  if (n <= 0) throw invalid('The denominator must be greater than zero.')
  const level = confidenceFraction(options.confidence ?? 0.95)
  if (level === 1) throw invalid('A 100% interval for a rate has no upper limit: use a confidence level below 100.')
  const value = (x / n) * multiplier
  if (x < 10) {
    const { lower, upper } = exactCountLimits(x, level)
    return { value, lower: (lower / n) * multiplier, upper: (upper / n) * multiplier, ciMethod: 'exact' }
  }
  const z = normalQuantile(level + (1 - level) / 2)
  // From 10 events Byar's lower limit is always positive, even at 99.8%.
  const lower = x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3
  const upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3
  return { value, lower: (lower / n) * multiplier, upper: (upper / n) * multiplier, ciMethod: 'byars' }
}

/** Options for a directly standardised rate. */
export interface DsrOptions {
  /** The standard population, one weight per age band: ESP2013 by default. */
  readonly standard?: readonly number[]
  readonly confidence?: number
  /** Rate per how many: 100,000 by default. */
  readonly multiplier?: number
  /** Below this total count the DSR is not published (PHEindicatormethods: 10, "dsr NA for total count < 10"). */
  readonly minimumCount?: number
}

/**
 * A directly standardised rate (deaths per 100,000 as if the area had the standard population's age profile) with
 * Dobson's confidence interval around Byar's limits for the total count. A missing count (null) counts as 0.
 * Below 10 events in total the value and its limits are suppressed: all null.
 */
export function dsrInterval(
  counts: readonly (number | null)[],
  populations: readonly number[],
  options: DsrOptions = {},
): DsrInterval {
  const standard = options.standard ?? ESP2013
  const multiplier = options.multiplier ?? 100000
  const minimumCount = options.minimumCount ?? 10
  requireFinite(multiplier, 'multiplier')
  requireFinite(minimumCount, 'minimum count')
  if (counts.length === 0) throw invalid('A DSR needs at least one age band.')
  if (populations.length !== counts.length || standard.length !== counts.length) {
    throw invalid(
      `The counts, populations and standard population must have one entry per age band: ` +
        `${counts.length} counts, ${populations.length} populations, ${standard.length} standard weights.`,
    )
  }
  const level = confidenceFraction(options.confidence ?? 0.95)
  if (level === 1) throw invalid('A 100% interval for a DSR has no upper limit: use a confidence level below 100.')
  let totalCount = 0
  let weighted = 0
  let squared = 0
  let totalWeight = 0
  counts.forEach((count, band) => {
    const population = populations[band] ?? Number.NaN
    const weight = standard[band] ?? Number.NaN
    if (count !== null) {
      requireFinite(count, `count for age band ${band + 1}`)
      if (count < 0) throw invalid('The counts must all be greater than or equal to zero.')
    }
    requireFinite(population, `population for age band ${band + 1}`)
    if (population <= 0) throw invalid('The populations must all be greater than zero.')
    requireFinite(weight, `standard population for age band ${band + 1}`)
    if (weight < 0) throw invalid('The standard population weights must not be negative.')
    const x = count ?? 0
    totalCount += x
    weighted += (x * weight) / population
    const ratio = weight / population
    squared += x * (ratio * ratio)
    totalWeight += weight
  })
  if (totalWeight <= 0) throw invalid('The standard population must have a positive total.')
  if (totalCount < minimumCount || totalCount === 0) {
    return { value: null, lower: null, upper: null, totalCount, suppressed: true }
  }
  const value = (weighted / totalWeight) * multiplier
  const variance = (1 / (totalWeight * totalWeight)) * squared
  const scale = Math.sqrt(variance / totalCount)
  const z = normalQuantile(level + (1 - level) / 2)
  const byarsLow = totalCount * (1 - 1 / (9 * totalCount) - z / (3 * Math.sqrt(totalCount))) ** 3
  const byarsHigh = (totalCount + 1) * (1 - 1 / (9 * (totalCount + 1)) + z / (3 * Math.sqrt(totalCount + 1))) ** 3
  const lower = byarsLow >= 0 ? value + scale * (byarsLow - totalCount) * multiplier : null
  const upper = value + scale * (byarsHigh - totalCount) * multiplier
  return { value, lower, upper, totalCount, suppressed: false }
}
