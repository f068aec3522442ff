/**
 * XmR process limits for one period, as NHSRplotthedots 0.2.2 computes them (R/ptd_spc_standard.R).
 */

/** NHSRplotthedots' multiple of the average moving range for the process limits (3σ with σ = AMR / 1.128). */
export const NHSR_LIMIT_MULTIPLIER = 2.66

/** A moving range of 3.267 × the average or more is an outlier and is left out (Nelson 1982; the default). */
export const OUTLIER_SCREEN_FACTOR = 3.267

/**
 * What zero-width limits mean (the kept moving ranges average 0): 'limits-at-mean' keeps R's limits equal to the mean,
 * so every point off the mean is outside; 'no-limits' treats them as unknown (null), like a flat series.
 */
export type ZeroSpread = 'limits-at-mean' | 'no-limits'

/** The mean and limits of one period. The limits are null where they cannot be computed (see processLimits). */
export interface PeriodLimits {
  readonly mean: number
  readonly lpl: number | null
  readonly upl: number | null
  readonly nlpl: number | null
  readonly nupl: number | null
}

/** The mean as R's mean() takes it: the plain mean, then corrected by the mean of the residuals. */
function average(values: readonly number[]): number {
  let sum = 0
  for (const value of values) sum += value
  const first = sum / values.length
  let residual = 0
  for (const value of values) residual += value - first
  return first + residual / values.length
}

/**
 * The mean, process limits (mean ± 2.66·AMR) and near limits (two thirds of the way out) of a period's baseline.
 * With screening, moving ranges of 3.267 × their average or more are dropped once before averaging. The limits are
 * null where R gives NaN: a single point (no moving range) or, with screening, a flat baseline (every moving range
 * is 0, and none is below 3.267 × 0). Without screening a flat baseline gives limits equal to the mean, as in R.
 * When the kept moving ranges average 0 but some were screened out ([5 × 11, 6]), R's limits equal the mean and
 * every point off the mean is outside them; zeroSpread 'no-limits' gives null limits there instead.
 */
export function processLimits(
  baseline: readonly number[],
  screenOutliers: boolean,
  multiplier = NHSR_LIMIT_MULTIPLIER,
  zeroSpread: ZeroSpread = 'limits-at-mean',
): PeriodLimits {
  const mean = average(baseline)
  // The moving ranges are worked out again in each pass rather than kept: the same subtraction gives the same
  // number, so the sums (taken in the same order as over a list of them) are the same, and a chart allocates less.
  const count = baseline.length - 1
  let sum = 0
  for (let i = 1; i <= count; i += 1) sum += movingRange(baseline, i)
  const firstMean = sum / count
  let residual = 0
  for (let i = 1; i <= count; i += 1) residual += movingRange(baseline, i) - firstMean
  const firstAverage = count <= 0 ? Number.NaN : firstMean + residual / count
  const screen = OUTLIER_SCREEN_FACTOR * firstAverage
  let keptSum = 0
  let kept = 0
  for (let i = 1; i <= count; i += 1) {
    const range = movingRange(baseline, i)
    if (!screenOutliers || range < screen) {
      keptSum += range
      kept += 1
    }
  }
  if (kept === 0) return { mean, lpl: null, upl: null, nlpl: null, nupl: null }
  const keptMean = keptSum / kept
  let keptResidual = 0
  for (let i = 1; i <= count; i += 1) {
    const range = movingRange(baseline, i)
    if (!screenOutliers || range < screen) keptResidual += range - keptMean
  }
  const amr = keptMean + keptResidual / kept
  if (amr === 0 && zeroSpread === 'no-limits') return { mean, lpl: null, upl: null, nlpl: null, nupl: null }
  const close = 2 * (multiplier / 3)
  return {
    mean,
    lpl: mean - multiplier * amr,
    upl: mean + multiplier * amr,
    nlpl: mean - close * amr,
    nupl: mean + close * amr,
  }
}

function movingRange(values: readonly number[], i: number): number {
  return Math.abs((values[i] ?? 0) - (values[i - 1] ?? 0))
}

/**
 * The periods a series falls into: a new period starts at each rebase index (each is the first point of its
 * period). Returns [start, end] pairs, inclusive. Index 0 and repeated indices start nothing new.
 */
export function periodBounds(length: number, rebaseAt: readonly number[]): [number, number][] {
  if (length === 0) return []
  if (rebaseAt.length === 0) return [[0, length - 1]]
  const starts = [...new Set([0, ...rebaseAt])].sort((a, b) => a - b)
  return starts.map((start, i) => [start, (starts[i + 1] ?? length) - 1])
}
