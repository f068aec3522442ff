import { DomainError } from '../errors.ts'
import type { Polarity } from '../judgement/indicator.ts'

/**
 * Quintiles as Fingertips colours them (comparison method 15: QuintilesCalculator.cs, ValueCategoriesCalculator.cs,
 * QuintilesComparer.cs) and rank-based quantiles as PHEindicatormethods assigns deprivation deciles (phe_quantile).
 */

/** Rounds half away from zero to a number of decimal places, as .NET's Math.Round(x, d, AwayFromZero) does. */
function roundAwayFromZero(value: number, places: number): number {
  const power = 10 ** places
  const scaled = value * power
  let whole = Math.trunc(scaled)
  const fraction = scaled - whole
  if (Math.abs(fraction) >= 0.5) whole += Math.sign(fraction)
  return whole / power
}

/** The percentile of sorted values interpolated at rank (count − 1)·f + 1, as Excel's PERCENTILE.INC. */
function percentile(sorted: readonly number[], fraction: number): number {
  const count = sorted.length
  const rank = (count - 1) * fraction + 1
  if (rank === 1) return sorted[0] ?? Number.NaN
  if (rank === count) return sorted[count - 1] ?? Number.NaN
  const k = Math.trunc(rank)
  const d = rank - k
  const below = sorted[k - 1] ?? Number.NaN
  const above = sorted[k] ?? Number.NaN
  // Fingertips rounds to 10 places to remove artefacts such as 30.8000000000000000006.
  return roundAwayFromZero(below + d * (above - below), 10)
}

/**
 * The six quintile bounds [min, P20, P40, P60, P80, max] of the areas' values, or an empty list with fewer than four
 * values (Fingertips needs more than three to calculate percentiles at all).
 */
export function quintileBounds(values: readonly number[]): number[] {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b)
  if (sorted.length <= 3) return []
  const bounds = [sorted[0] ?? Number.NaN]
  for (let i = 1; i < 5; i++) bounds.push(percentile(sorted, (1 / 5) * i))
  bounds.push(sorted[sorted.length - 1] ?? Number.NaN)
  return bounds
}

/**
 * The quintile (1–5) an area falls in among all areas' values, 0 when it cannot be placed (a missing value or fewer
 * than 5 values). Quintile 1 holds the lowest values; where high is good the order is reversed so 1 is always the
 * best fifth. Polarity none keeps the order of the values.
 */
export function quintileCategory(value: number | null, values: readonly number[], polarity: Polarity): number {
  if (value === null || !Number.isFinite(value)) return 0
  const finite = values.filter((each) => Number.isFinite(each))
  if (finite.length < 5) return 0
  const bounds = quintileBounds(finite)
  for (let category = 1; category <= 5; category++) {
    if (value <= (bounds[category] ?? Number.NaN)) return polarity === 'higher' ? 6 - category : category
  }
  throw new DomainError('invalid-value', `The value ${value} is above the highest of the values it is placed among.`)
}

/**
 * Rank-based quantiles (PHEindicatormethods phe_quantile): deprivation deciles and the like. Ties share the lowest
 * rank. With invert (the default) the highest values fall in quantile 1. Missing values, and every value when there
 * are fewer values than quantiles, get null.
 */
export function rankQuantiles(values: readonly (number | null)[], quantiles = 10, invert = true): (number | null)[] {
  if (!Number.isInteger(quantiles) || quantiles < 1) {
    throw new DomainError(
      'invalid-value',
      `The number of quantiles must be a whole number of 1 or more, not ${quantiles}.`,
    )
  }
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value))
  const count = present.length
  if (count < quantiles) return values.map(() => null)
  const max = Math.max(...present)
  const adjusted = (value: number): number => (invert ? max - value : value)
  const sortedAdjusted = present.map(adjusted).sort((a, b) => a - b)
  return values.map((value) => {
    if (value === null || !Number.isFinite(value)) return null
    const target = adjusted(value)
    const rank = sortedAdjusted.findIndex((each) => each === target) + 1
    const quantile = Math.floor(quantiles + 1 - Math.ceil((count + 1 - rank) / (count / quantiles)))
    return quantile === 0 ? 1 : quantile
  })
}
