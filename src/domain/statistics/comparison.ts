import type { Polarity } from '../judgement/indicator.ts'

/**
 * Comparing an area's figure with a benchmark (England, the region, the nearest neighbours) as Fingertips does
 * (IndicatorComparer.cs, SingleOverlappingCIsForOneCILevelComparer.cs, SingleOverlappingCIsForTwoCILevelsComparer.cs):
 * the area's confidence interval is tested against the benchmark's value.
 */

/**
 * better / similar / worse in the indicator's polarity; higher / similar / lower where no polarity applies (Fingertips'
 * "BOB" colouring); not-compared when the value, a confidence limit or the benchmark is missing.
 */
export type ComparisonResult = 'better' | 'similar' | 'worse' | 'higher' | 'lower' | 'not-compared'

/** An area's figure with its (95%, or any one level) confidence interval. */
export interface ComparedFigure {
  readonly value: number | null
  readonly lower: number | null
  readonly upper: number | null
}

/** An area's figure with both the 95% and the 99.8% intervals, for Fingertips' two-level comparison (method 17). */
export interface TwoLevelFigure {
  readonly value: number | null
  readonly lower95: number | null
  readonly upper95: number | null
  readonly lower998: number | null
  readonly upper998: number | null
}

/** The two-level result: which way, and the highest level at which the difference is significant (null if similar). */
export interface TwoLevelComparison {
  readonly result: ComparisonResult
  readonly level: 95 | 99.8 | null
}

function known(value: number | null): value is number {
  return value !== null && Number.isFinite(value)
}

/** Turns "the area is above / below the benchmark" into the words for the indicator's polarity. */
function orient(areaIsHigher: boolean, polarity: Polarity): ComparisonResult {
  if (polarity === 'none') return areaIsHigher ? 'higher' : 'lower'
  if (polarity === 'higher') return areaIsHigher ? 'better' : 'worse'
  return areaIsHigher ? 'worse' : 'better'
}

/**
 * Whether an area is significantly better, similar or worse than the benchmark: similar when the benchmark lies
 * within the area's confidence interval, ends included; otherwise the side the area's value is on, in its polarity.
 */
export function compareWithBenchmark(
  figure: ComparedFigure,
  benchmark: number | null,
  polarity: Polarity,
): ComparisonResult {
  if (!known(figure.value) || !known(figure.lower) || !known(figure.upper) || !known(benchmark)) return 'not-compared'
  if (figure.lower <= benchmark && benchmark <= figure.upper) return 'similar'
  return orient(figure.value >= benchmark, polarity)
}

/**
 * Fingertips' two-level comparison: similar when the benchmark is inside the 95% interval; significant at 95% when
 * it lies between the 95% and 99.8% limits (ends included); significant at 99.8% ("Better 99.8%") beyond that.
 */
export function compareAtTwoLevels(
  figure: TwoLevelFigure,
  benchmark: number | null,
  polarity: Polarity,
): TwoLevelComparison {
  const { value, lower95, upper95, lower998, upper998 } = figure
  if (
    !known(value) ||
    !known(lower95) ||
    !known(upper95) ||
    !known(lower998) ||
    !known(upper998) ||
    !known(benchmark)
  ) {
    return { result: 'not-compared', level: null }
  }
  if (lower95 <= benchmark && benchmark <= upper95) return { result: 'similar', level: null }
  if (lower998 <= benchmark && benchmark <= lower95) return { result: orient(true, polarity), level: 95 }
  if (upper95 <= benchmark && benchmark <= upper998) return { result: orient(false, polarity), level: 95 }
  return { result: orient(value >= benchmark, polarity), level: 99.8 }
}
