/**
 * The four Making Data Count rules for special cause variation, applied within one period, as NHSRplotthedots 0.2.2
 * applies them (R/ptd_calculate_point_type.R). Each function names the R function it mirrors.
 */

/** A rule that marks a point as special cause, in order of precedence. */
export type SpcRule = 'outside' | 'trend' | 'twoOfThree' | 'run'

/** Which reading of the two-of-three rule to use (statistics.md, section C1). */
export type TwoOfThreeVariant = 'nhsr' | 'mdc-2023'

/** How a point flagged by several rules is labelled (section C4). */
export type ConflictRule = 'precedence' | 'prefer-improvement'

/**
 * The end of each run of `length` strictly rising (+1) or strictly falling (−1) values; 0 elsewhere. A tie breaks a
 * trend: 1, 2, 3, 3, 4, 5, 6 is no trend (ptd_seven_point_trend).
 */
export function trendEnds(values: readonly number[], length: number): number[] {
  return values.map((_, end) => {
    if (end < length - 1) return 0
    let rising = true
    let falling = true
    for (let i = end - length + 2; i <= end; i++) {
      const step = Math.sign((values[i] ?? 0) - (values[i - 1] ?? 0))
      if (step !== 1) rising = false
      if (step !== -1) falling = false
    }
    return rising ? 1 : falling ? -1 : 0
  })
}

/**
 * 1 at the end of each run of `length` points all on the same side of the mean; 0 elsewhere. A point exactly on the
 * mean (side 0) breaks the run (ptd_seven_point_one_side_mean).
 */
export function runEnds(sides: readonly number[], length: number): number[] {
  return sides.map((side, end) => {
    if (end < length - 1 || side === 0) return 0
    for (let i = end - length + 1; i < end; i++) if (sides[i] !== side) return 0
    return 1
  })
}

/** Whether each point belongs to a window of `length` that ends at it or at one of the next points (ptd_part_of_seven_trend). */
export function partOfWindow(ends: readonly number[], length: number): boolean[] {
  return ends.map((_, i) => {
    for (let j = i; j < i + length && j < ends.length; j++) if (Math.abs(ends[j] ?? 0) === 1) return true
    return false
  })
}

/**
 * Whether each point is in a window of three consecutive points with at least two counted and all three strictly on
 * the same side of the mean (|Σ side| = 3, NHSRplotthedots issue #143). Positions beyond the period count as 0
 * (ptd_two_in_three).
 */
export function twoOfThreeWindows(counted: readonly boolean[], sides: readonly number[]): boolean[] {
  const countAt = (i: number): number => (counted[i] === true ? 1 : 0)
  const sideAt = (i: number): number => sides[i] ?? 0
  const qualifies = (first: number): boolean =>
    countAt(first) + countAt(first + 1) + countAt(first + 2) >= 2 &&
    Math.abs(sideAt(first) + sideAt(first + 1) + sideAt(first + 2)) === 3
  return counted.map((_, j) => qualifies(j - 2) || qualifies(j - 1) || qualifies(j))
}

/** The points of the period and what is known of each, for applying the rules. */
export interface PeriodPoints {
  readonly values: readonly number[]
  /** −1 below the mean, 0 on it, +1 above it. */
  readonly sides: readonly number[]
  readonly outside: readonly boolean[]
  /** Between the near limits (2σ) and the process limits (3σ). */
  readonly close: readonly boolean[]
}

/** The rule settings that shape the flags. */
export interface RuleSettings {
  readonly trendLength: number
  readonly runLength: number
  readonly twoOfThree: TwoOfThreeVariant
  readonly conflict: ConflictRule
  /** +1 when higher is better, −1 when lower is better, 0 when neither (neutral). */
  readonly direction: number
}

/** The rule that labels a point and which way it points: +1 above the mean or rising, −1 below or falling. */
export interface PointFlag {
  readonly rule: SpcRule | null
  readonly way: number
}

/**
 * Flags each point of one period: outside the limits, then trend, then two of three, then run (the precedence of
 * ptd_special_cause_type), or with 'prefer-improvement' the first of those rules that reads as improvement.
 */
export function flagPeriod(points: PeriodPoints, settings: RuleSettings): PointFlag[] {
  const { values, sides, outside, close } = points
  const trend = partOfWindow(trendEnds(values, settings.trendLength), settings.trendLength)
  const run = partOfWindow(runEnds(sides, settings.runLength), settings.runLength)
  // NHSRplotthedots counts only points between 2σ and 3σ; the MDC tool since November 2023 counts points beyond 3σ
  // too. Either way only a point beyond 2σ is flagged, and a point outside the limits is flagged as outside first.
  const counted = settings.twoOfThree === 'mdc-2023' ? close.map((c, i) => c || outside[i] === true) : [...close]
  const windows = twoOfThreeWindows(counted, sides)
  const twoOfThree = windows.map((inWindow, i) => inWindow && counted[i] === true)

  return values.map((_, j) => {
    const side = sides[j] ?? 0
    const aboveOrBelow = side > 0 ? 1 : -1
    const candidates: PointFlag[] = []
    if (outside[j] === true) candidates.push({ rule: 'outside', way: side === 1 ? 1 : -1 })
    if (trend[j] === true) candidates.push({ rule: 'trend', way: trendWay(values, trend, j) })
    if (twoOfThree[j] === true) candidates.push({ rule: 'twoOfThree', way: aboveOrBelow })
    if (run[j] === true) candidates.push({ rule: 'run', way: aboveOrBelow })
    const improving =
      settings.conflict === 'prefer-improvement' && settings.direction !== 0
        ? candidates.find((candidate) => candidate.way * settings.direction > 0)
        : undefined
    return improving ?? candidates[0] ?? { rule: null, way: 0 }
  })
}

/**
 * Which way a point in a trend points: the step to the next point if that point is in a trend too, otherwise the step
 * from the previous point. Anything but a rise reads as falling, as in NHSRplotthedots.
 */
function trendWay(values: readonly number[], inTrend: readonly boolean[], j: number): number {
  const step =
    inTrend[j + 1] === true
      ? Math.sign((values[j + 1] ?? 0) - (values[j] ?? 0))
      : j === 0
        ? 0
        : Math.sign((values[j] ?? 0) - (values[j - 1] ?? 0))
  return step === 1 ? 1 : -1
}
