import { DomainError } from '../errors.ts'
import { NHSR_LIMIT_MULTIPLIER, type ZeroSpread, periodBounds, processLimits } from './spc-limits.ts'
import { type ConflictRule, type SpcRule, type TwoOfThreeVariant, flagPeriod } from './spc-rules.ts'

export type { ConflictRule, SpcRule, TwoOfThreeVariant } from './spc-rules.ts'
export type { ZeroSpread } from './spc-limits.ts'

/**
 * Statistical process control charts (XmR) as NHS England's "Making Data Count" draws them, following
 * NHSRplotthedots 0.2.2: process limits, the four special cause rules, and the variation and assurance icons.
 * Every default is the NHSRplotthedots behaviour; each way other tools differ is an option.
 */

/** Which way is improvement: increase (recycling rate), decrease (sickness absence) or neutral (a context measure). */
export type ImprovementDirection = 'increase' | 'decrease' | 'neutral'

/** What a point says: special cause improvement or concern, special cause with no good direction, or common cause. */
export type SpcPointType = 'improvement' | 'concern' | 'neutral' | 'common'

/** The Making Data Count variation icon, read from the latest point. */
export type VariationIcon =
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low'
  | 'common_cause'

/** The Making Data Count assurance icon: will the process meet the target, miss it, or sometimes either? */
export type AssuranceIcon = 'consistent_pass' | 'consistent_fail' | 'inconsistent'

/** How the target is compared with the limits for the assurance icon (statistics.md, section C5). */
export type AssuranceComparison = 'strict' | 'inclusive'

/** Options for an SPC chart; every default is NHSRplotthedots 0.2.2. */
export interface SpcOptions {
  /** Which way is improvement. Default 'increase', as in NHSRplotthedots. */
  readonly improvement?: ImprovementDirection
  /** The target, for the assurance icon; none by default. */
  readonly target?: number | null
  /** Indices (from 0) of the first point of each new period, e.g. after a change of process. */
  readonly rebaseAt?: readonly number[]
  /** Compute each period's mean and limits from its first n points only (n ≥ 12); all points are still judged. */
  readonly fixAfter?: number | null
  /** Leave moving ranges of 3.267 × the average or more out of the limits. Default true; the MDC Excel tool: false. */
  readonly screenOutliers?: boolean
  /**
   * 'nhsr' (default): only points between 2σ and 3σ count towards two of three. 'mdc-2023': the MDC Excel tool since
   * November 2023 also counts points beyond 3σ (the same-side test stays, and only points beyond 2σ are flagged).
   */
  readonly twoOfThreeVariant?: TwoOfThreeVariant
  /** Points in a run on one side of the mean. Default 7 (NHSRplotthedots and MDC); the MDC tool also offers 6. */
  readonly runLength?: number
  /** Points in a rising or falling trend. Default 7; PowerBI-SPC uses 5. */
  readonly trendLength?: number
  /**
   * 'precedence' (default): outside, then trend, then two of three, then run, as NHSRplotthedots labels a point.
   * 'prefer-improvement': when the rules a point breaks disagree, show improvement, as the MDC Excel tool does.
   */
  readonly conflict?: ConflictRule
  /**
   * 'strict' (default, NHSRplotthedots): a target exactly on a limit is 'inconsistent'. 'inclusive': a target on the
   * limit counts as beyond it (target ≥ UPL), as the MDC specification quoted in PowerBI-SPC #116 reads.
   */
  readonly assuranceComparison?: AssuranceComparison
  /** Process limits at mean ± multiplier × AMR. Default 2.66; 3 / 1.128 reproduces PowerBI-SPC. */
  readonly limitMultiplier?: number
  /**
   * A period with fewer points gets no limits and no special cause at all. Default 1: limits for any number of points,
   * as in R (use the fewPoints flags to warn). 13 reproduces the MDC tool, which shows nothing below 13 points.
   */
  readonly minimumPoints?: number
  /**
   * 'limits-at-mean' (default, R): when the moving ranges kept after screening are all 0 ([5 × 11, 6]), the limits
   * equal the mean and every point off the mean is outside. 'no-limits': such a period gets null limits instead.
   */
  readonly zeroSpread?: ZeroSpread
}

/** One period (between rebases): its points (start and end inclusive, from 0), mean and limits. */
export interface SpcGroup {
  readonly start: number
  readonly end: number
  readonly mean: number
  /** Lower and upper process limits (3σ); null for a period whose limits cannot be computed. */
  readonly lpl: number | null
  readonly upl: number | null
  /** The near limits (2σ), where the two-of-three rule starts. */
  readonly nlpl: number | null
  readonly nupl: number | null
  /** Fewer than 13 points: NHSRplotthedots warns that the limits are unreliable, and the MDC tool shows none. */
  readonly fewPoints: boolean
}

/** One point of the chart and what it says. */
export interface SpcPoint {
  readonly value: number
  /** Outside the process limits (strictly). */
  readonly outside: boolean
  /** Between the near limits and the process limits (2σ to 3σ), not outside. */
  readonly close: boolean
  /** The rule that labels the point, or null for common cause. */
  readonly rule: SpcRule | null
  readonly type: SpcPointType
  /** Which way the special cause points: 'high' (above the mean, or rising) or 'low'; null for common cause. */
  readonly side: 'high' | 'low' | null
}

/** A chart: its periods, its points, and the two icons. */
export interface SpcResult {
  readonly groups: readonly SpcGroup[]
  readonly points: readonly SpcPoint[]
  readonly variation: VariationIcon
  /** Null without a target, for a neutral measure, or with no points. */
  readonly assurance: AssuranceIcon | null
  /** Some period has fewer than 13 points. */
  readonly fewPoints: boolean
}

const NO_FLAG = { rule: null, way: 0 } as const

function invalid(message: string): DomainError {
  return new DomainError('invalid-value', message)
}

function wholeNumberAtLeast(value: number, minimum: number, what: string): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw invalid(`${what} must be a whole number of ${minimum} or more, not ${value}.`)
  }
  return value
}

/** Checks a setting against its choices (a caller in plain JavaScript can pass anything). */
function oneOf<T extends string>(value: T, choices: readonly T[], what: string): T {
  if (!choices.includes(value)) throw invalid(`${what} must be one of ${choices.join(', ')}, not ${value}.`)
  return value
}

/** How a point reads for a direction of improvement: improvement, concern or (neutral measure) just special cause. */
function pointType(way: number, direction: number): SpcPointType {
  if (way === 0) return 'common'
  if (direction === 0) return 'neutral'
  return way * direction > 0 ? 'improvement' : 'concern'
}

/** The variation icon for the latest point: which kind of variation the chart is showing now. */
export function variationIcon(latest: SpcPoint | undefined, improvement: ImprovementDirection): VariationIcon {
  if (latest === undefined || latest.type === 'common') return 'common_cause'
  if (latest.type === 'neutral') return latest.side === 'high' ? 'neutral_high' : 'neutral_low'
  const high = improvement === 'increase'
  if (latest.type === 'improvement') return high ? 'improvement_high' : 'improvement_low'
  return high ? 'concern_low' : 'concern_high'
}

/**
 * The assurance icon from the latest period's limits: a target beyond the upper limit will consistently be missed
 * when higher is better (consistently met when lower is better), and the reverse below the lower limit; a target
 * between them is hit and miss. Null without a target or for a neutral measure; 'inconsistent' when the limits are
 * unknown (R compares with NaN there, and falls through to its last case).
 */
export function assuranceIcon(
  limits: { readonly lpl: number | null; readonly upl: number | null },
  target: number | null,
  improvement: ImprovementDirection,
  comparison: AssuranceComparison = 'strict',
): AssuranceIcon | null {
  if (target === null || improvement === 'neutral') return null
  const { lpl, upl } = limits
  const increasing = improvement === 'increase'
  const beyondUpper = upl !== null && (comparison === 'inclusive' ? target >= upl : target > upl)
  const beyondLower = lpl !== null && (comparison === 'inclusive' ? target <= lpl : target < lpl)
  if (beyondUpper) return increasing ? 'consistent_fail' : 'consistent_pass'
  if (beyondLower) return increasing ? 'consistent_pass' : 'consistent_fail'
  return 'inconsistent'
}

const IMPROVEMENTS: readonly ImprovementDirection[] = ['increase', 'decrease', 'neutral']
const TWO_OF_THREE_VARIANTS: readonly TwoOfThreeVariant[] = ['nhsr', 'mdc-2023']
const CONFLICT_RULES: readonly ConflictRule[] = ['precedence', 'prefer-improvement']
const ASSURANCE_COMPARISONS: readonly AssuranceComparison[] = ['strict', 'inclusive']
const ZERO_SPREADS: readonly ZeroSpread[] = ['limits-at-mean', 'no-limits']

/** Checks the options and fills in the NHSRplotthedots defaults. */
function settle(length: number, options: SpcOptions) {
  const improvement = oneOf(options.improvement ?? 'increase', IMPROVEMENTS, 'improvement')
  const target = options.target ?? null
  if (target !== null && !Number.isFinite(target)) throw invalid(`The target must be a number, not ${target}.`)
  const rebaseAt = options.rebaseAt ?? []
  for (const index of rebaseAt) {
    if (!Number.isInteger(index) || index < 0 || index >= Math.max(length, 1)) {
      throw invalid(`A rebase must be at the index of a point, from 0 to ${Math.max(length - 1, 0)}, not ${index}.`)
    }
  }
  const fixAfter = options.fixAfter ?? null
  if (fixAfter !== null) wholeNumberAtLeast(fixAfter, 12, 'The number of points to fix the limits after')
  const limitMultiplier = options.limitMultiplier ?? NHSR_LIMIT_MULTIPLIER
  if (!Number.isFinite(limitMultiplier) || limitMultiplier <= 0) {
    throw invalid(`The limit multiplier must be a positive number, not ${limitMultiplier}.`)
  }
  return {
    improvement,
    direction: improvement === 'increase' ? 1 : improvement === 'decrease' ? -1 : 0,
    target,
    rebaseAt,
    fixAfter,
    screenOutliers: options.screenOutliers ?? true,
    twoOfThree: oneOf(options.twoOfThreeVariant ?? 'nhsr', TWO_OF_THREE_VARIANTS, 'twoOfThreeVariant'),
    runLength: wholeNumberAtLeast(options.runLength ?? 7, 2, 'The run length'),
    trendLength: wholeNumberAtLeast(options.trendLength ?? 7, 2, 'The trend length'),
    conflict: oneOf(options.conflict ?? 'precedence', CONFLICT_RULES, 'conflict'),
    assuranceComparison: oneOf(options.assuranceComparison ?? 'strict', ASSURANCE_COMPARISONS, 'assuranceComparison'),
    limitMultiplier,
    minimumPoints: wholeNumberAtLeast(options.minimumPoints ?? 1, 1, 'The minimum number of points'),
    zeroSpread: oneOf(options.zeroSpread ?? 'limits-at-mean', ZERO_SPREADS, 'zeroSpread'),
  }
}

/**
 * Reads a run of monthly or quarterly figures as a Making Data Count XmR chart: each period's mean and limits, which
 * points are special cause (improvement or concern), and the variation and assurance icons for the dashboard.
 * An empty series gives no periods, common cause and no assurance.
 */
export function analyseSpc(values: readonly number[], options: SpcOptions = {}): SpcResult {
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index]
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalid(`Every value must be a number: the value at index ${index} is ${String(value)}.`)
    }
  }
  const settings = settle(values.length, options)
  const groups: SpcGroup[] = []
  const points: SpcPoint[] = []
  for (const [start, end] of periodBounds(values.length, settings.rebaseAt)) {
    // A chart with no rebase is one period: its points are the values themselves, with nothing to copy.
    const period = start === 0 && end === values.length - 1 ? values : values.slice(start, end + 1)
    const baseline = settings.fixAfter === null ? period : period.slice(0, settings.fixAfter)
    const computed = processLimits(baseline, settings.screenOutliers, settings.limitMultiplier, settings.zeroSpread)
    const tooFew = period.length < settings.minimumPoints
    const limits = tooFew ? { ...computed, lpl: null, upl: null, nlpl: null, nupl: null } : computed
    const { mean, lpl, upl, nlpl, nupl } = limits
    groups.push({ start, end, mean, lpl, upl, nlpl, nupl, fewPoints: period.length < 13 })

    const sides: number[] = []
    const outside: boolean[] = []
    const close: boolean[] = []
    for (const y of period) {
      const out = lpl !== null && upl !== null && (y > upl || y < lpl)
      sides.push(Math.sign(y - mean))
      outside.push(out)
      close.push(nlpl !== null && nupl !== null && !out && (y < nlpl || y > nupl))
    }
    const flags = tooFew ? null : flagPeriod({ values: period, sides, outside, close }, settings)
    for (let i = 0; i < period.length; i += 1) {
      const { rule, way } = flags?.[i] ?? NO_FLAG
      points.push({
        value: period[i] ?? 0,
        outside: outside[i] === true,
        close: close[i] === true,
        rule,
        type: pointType(way, settings.direction),
        side: way > 0 ? 'high' : way < 0 ? 'low' : null,
      })
    }
  }
  const lastGroup = groups[groups.length - 1]
  return {
    groups,
    points,
    variation: variationIcon(points[points.length - 1], settings.improvement),
    assurance:
      lastGroup === undefined
        ? null
        : assuranceIcon(lastGroup, settings.target, settings.improvement, settings.assuranceComparison),
    fewPoints: groups.some((group) => group.fewPoints),
  }
}
