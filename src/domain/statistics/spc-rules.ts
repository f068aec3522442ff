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
  const ends: number[] = []
  // The rising and falling steps in a row that end at each point: a trend ends where length − 1 of them do.
  let rises = 0
  let falls = 0
  for (let end = 0; end < values.length; end += 1) {
    if (end > 0) {
      const step = Math.sign((values[end] ?? 0) - (values[end - 1] ?? 0))
      rises = step === 1 ? rises + 1 : 0
      falls = step === -1 ? falls + 1 : 0
    }
    ends.push(end < length - 1 ? 0 : rises >= length - 1 ? 1 : falls >= length - 1 ? -1 : 0)
  }
  return ends
}

/**
 * 1 at the end of each run of `length` points all on the same side of the mean; 0 elsewhere. A point exactly on the
 * mean (side 0) breaks the run (ptd_seven_point_one_side_mean).
 */
export function runEnds(sides: readonly number[], length: number): number[] {
  const ends: number[] = []
  // How many points in a row, ending at each, are on its side.
  let same = 0
  for (let end = 0; end < sides.length; end += 1) {
    const side = sides[end]
    same = end > 0 && side === sides[end - 1] ? same + 1 : 1
    ends.push(side === 0 || same < length ? 0 : 1)
  }
  return ends
}

/** Whether each point belongs to a window of `length` that ends at it or at one of the next points (ptd_part_of_seven_trend). */
export function partOfWindow(ends: readonly number[], length: number): boolean[] {
  const part: boolean[] = []
  for (let i = 0; i < ends.length; i += 1) {
    part.push(false)
    // A window ending here takes in the length − 1 points before; those already in one are in an earlier window,
    // and so is every point before them that this one would reach.
    if (Math.abs(ends[i] ?? 0) === 1)
      for (let k = i; k > i - length && k >= 0 && part[k] !== true; k -= 1) part[k] = true
  }
  return part
}

/**
 * Whether each point is in a window of three consecutive points with at least two counted and all three strictly on
 * the same side of the mean (|Σ side| = 3, NHSRplotthedots issue #143). Positions beyond the period count as 0
 * (ptd_two_in_three).
 */
export function twoOfThreeWindows(counted: readonly boolean[], sides: readonly number[]): boolean[] {
  const windows: boolean[] = []
  for (let j = 0; j < counted.length; j += 1) windows.push(false)
  // Each window is tested once and marks the points in it (those within the period).
  for (let first = -2; first < counted.length; first += 1) {
    if (!windowQualifies(counted, sides, first)) continue
    for (let k = Math.max(first, 0); k <= first + 2 && k < counted.length; k += 1) windows[k] = true
  }
  return windows
}

/** Whether the three points from `first` have at least two counted and all three strictly on one side of the mean. */
function windowQualifies(counted: readonly boolean[], sides: readonly number[], first: number): boolean {
  return (
    countAt(counted, first) + countAt(counted, first + 1) + countAt(counted, first + 2) >= 2 &&
    Math.abs(sideAt(sides, first) + sideAt(sides, first + 1) + sideAt(sides, first + 2)) === 3
  )
}

// Positions before the period are tested by range, not read: a negative index is a slow property look-up.
function countAt(counted: readonly boolean[], i: number): number {
  return i >= 0 && counted[i] === true ? 1 : 0
}

function sideAt(sides: readonly number[], i: number): number {
  return i >= 0 ? (sides[i] ?? 0) : 0
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

/** The flags a point can carry: a rule and a way, or neither. Shared, since a chart has many points and few kinds. */
const FLAGS: Readonly<Record<SpcRule, readonly [PointFlag, PointFlag]>> = {
  outside: [
    { rule: 'outside', way: 1 },
    { rule: 'outside', way: -1 },
  ],
  trend: [
    { rule: 'trend', way: 1 },
    { rule: 'trend', way: -1 },
  ],
  twoOfThree: [
    { rule: 'twoOfThree', way: 1 },
    { rule: 'twoOfThree', way: -1 },
  ],
  run: [
    { rule: 'run', way: 1 },
    { rule: 'run', way: -1 },
  ],
}
const NO_FLAG: PointFlag = { rule: null, way: 0 }

function flag(rule: SpcRule, way: number): PointFlag {
  return FLAGS[rule][way === 1 ? 0 : 1]
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
  const counted = settings.twoOfThree === 'mdc-2023' ? close.map((c, i) => c || outside[i] === true) : close
  const windows = twoOfThreeWindows(counted, sides)
  const preferImprovement = settings.conflict === 'prefer-improvement' && settings.direction !== 0

  // With prefer-improvement the first rule that reads as improvement wins, else the first in precedence.
  const preferred = preferImprovement ? settings.direction : 0
  const flags: PointFlag[] = []
  for (let j = 0; j < values.length; j += 1) {
    const side = sides[j] ?? 0
    const aboveOrBelow = side > 0 ? 1 : -1
    let chosen: PointFlag | null = null
    if (outside[j] === true) chosen = choose(chosen, flag('outside', side === 1 ? 1 : -1), preferred)
    if (trend[j] === true) chosen = choose(chosen, flag('trend', trendWay(values, trend, j)), preferred)
    if (windows[j] === true && counted[j] === true) chosen = choose(chosen, flag('twoOfThree', aboveOrBelow), preferred)
    if (run[j] === true) chosen = choose(chosen, flag('run', aboveOrBelow), preferred)
    flags.push(chosen ?? NO_FLAG)
  }
  return flags
}

/**
 * The flag a point keeps between the one chosen so far and the next in precedence: the first, unless a preferred
 * direction is given (+1 or −1) and the next reads as improvement where the first did not.
 */
function choose(chosen: PointFlag | null, candidate: PointFlag, preferred: number): PointFlag {
  if (chosen === null) return candidate
  return preferred !== 0 && chosen.way * preferred <= 0 && candidate.way * preferred > 0 ? candidate : chosen
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
