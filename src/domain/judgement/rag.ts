import {
  type Decimal,
  ZERO,
  abs,
  add,
  compare,
  decimalFromNumber,
  decimalFromUnits,
  divide,
  isZero,
  multiply,
  parseDecimal,
  subtract,
  unitsAt,
} from '../figures/decimal.ts'
import type { Accumulation, Polarity } from './indicator.ts'
import { type Period, monthsElapsed } from '../periods/period.ts'
import { type Figure, type Rag, sameText } from '../figures/value.ts'

/** Where a RAG status came from: computed against the target, set by an officer, or suggested by a forecast. */
export type RagSource = 'tolerance' | 'assessment' | 'forecast'

export interface ToleranceJudgement {
  readonly rag: Rag
  /** The worst figure that is still Amber (LCA 2: 4.84 against 4.4 with 10%); null for text. */
  readonly amberLimit: Decimal | null
}

const HUNDRED: Decimal = { units: 100n, scale: 0 }

/**
 * Tolerance against the period target (Trafford's method).
 * Green if the actual meets or beats the target in the indicator's polarity; Amber if it is worse by no more than
 * the tolerance, taken as a share of the target's magnitude (so a negative target works on its size); Red if worse.
 * A zero target has a zero-width amber band: anything worse than zero is Red. With no polarity, any departure
 * from the target within tolerance is Amber. Texts are Green when they match the target and Red when they do not.
 * Returns null when actual and target are not comparable (a number against a text target).
 */
export function judgeAgainstTarget(
  polarity: Polarity,
  tolerancePct: Decimal,
  actual: Figure,
  target: Figure,
): ToleranceJudgement | null {
  if (actual.kind === 'text' || target.kind === 'text') {
    if (actual.kind !== target.kind) return null
    return { rag: sameText(actual.text, target.text) ? 'G' : 'R', amberLimit: null }
  }
  return judgeValue(polarity, tolerancePct, actual.value, target.value)
}

/** The tolerance judgement of a number or rank against its target. */
export function judgeValue(
  polarity: Polarity,
  tolerancePct: Decimal,
  actual: Decimal,
  target: Decimal,
): ToleranceJudgement {
  return (
    quickJudgement(polarity, tolerancePct, actual, target) ?? exactJudgement(polarity, tolerancePct, actual, target)
  )
}

/**
 * The tolerance judgement in exact decimal arithmetic, whatever the size of the figures: the allowance is the
 * tolerance's share of the target's magnitude to 12 decimal places, and the actual's shortfall is compared with it.
 */
export function exactJudgement(
  polarity: Polarity,
  tolerancePct: Decimal,
  actual: Decimal,
  target: Decimal,
): ToleranceJudgement {
  const allowance = divide(multiply(abs(target), tolerancePct), HUNDRED, 12)
  const shortfall =
    polarity === 'higher'
      ? subtract(target, actual)
      : polarity === 'lower'
        ? subtract(actual, target)
        : abs(subtract(actual, target))
  const amberLimit =
    polarity === 'higher' ? subtract(target, allowance) : polarity === 'lower' ? add(target, allowance) : null
  const rag: Rag =
    compare(shortfall, ZERO) <= 0 ? 'G' : !isZero(allowance) && compare(shortfall, allowance) <= 0 ? 'A' : 'R'
  return { rag, amberLimit }
}

const ONE: Decimal = { units: 1n, scale: 0 }

/**
 * The same judgement as exactJudgement, on plain integers, for the figures nearly every plan holds (a few digits,
 * a few decimal places); null where it cannot be sure of that, and exactJudgement decides.
 *
 * With the actual and target as integers A and T at their larger scale s, and the tolerance p at scale sp, the
 * allowance |T|·p / 10^(2+sp) needs at most s+2+sp ≤ 12 decimal places, so rounding it to 12 places changes nothing:
 * the shortfall S is within it exactly when S·10^(2+sp) ≤ |T|·p, and the amber limit is
 * (T·10^(2+sp) ∓ |T|·p) at scale s+2+sp. Every product is checked to be a safe integer, hence exact.
 */
export function quickJudgement(
  polarity: Polarity,
  tolerancePct: Decimal,
  actual: Decimal,
  target: Decimal,
): ToleranceJudgement | null {
  const scale = Math.max(actual.scale, target.scale)
  if (scale + tolerancePct.scale > 10) return null
  const a = unitsAt(actual, scale)
  const t = unitsAt(target, scale)
  const q = unitsAt(ONE, 2 + tolerancePct.scale)
  const allowance = Math.abs(t) * unitsAt(tolerancePct, tolerancePct.scale)
  const shortfall = polarity === 'higher' ? t - a : polarity === 'lower' ? a - t : Math.abs(a - t)
  const within = shortfall * q
  const limit = polarity === 'higher' ? t * q - allowance : t * q + allowance
  if (!Number.isSafeInteger(within) || !Number.isSafeInteger(allowance) || !Number.isSafeInteger(limit)) return null
  const rag: Rag = shortfall <= 0 ? 'G' : allowance !== 0 && within <= allowance ? 'A' : 'R'
  return {
    rag,
    amberLimit: polarity === 'none' ? null : decimalFromUnits(limit, scale + 2 + tolerancePct.scale),
  }
}

export interface Forecast {
  /** The projected year-end figure. */
  readonly projected: Decimal
  /** The status the projection suggests against the annual target; an officer confirms or overrides it. */
  readonly suggestedRag: Rag
  readonly annualTarget: Decimal
}

/**
 * Projects a figure to the year end (Halton's "on course to achieve the annual target").
 * A year-to-date count is projected in proportion to the months elapsed: 3,710 ASB incidents at the half year
 * projects to 7,420. A point measure (a rate, a snapshot) is projected at its current level.
 */
export function projectToYearEnd(accumulation: Accumulation, actual: Decimal, dataPeriod: Period): Decimal {
  if (accumulation === 'point') return actual
  const months = monthsElapsed(dataPeriod)
  return divide(multiply(actual, { units: 12n, scale: 0 }), { units: BigInt(months), scale: 0 }, 6)
}

/** The forecast suggestion for a numeric figure against the annual target, judged with the same tolerance. */
export function forecastAgainstAnnualTarget(
  accumulation: Accumulation,
  polarity: Polarity,
  tolerancePct: Decimal,
  actual: Figure,
  annualTarget: Figure,
  dataPeriod: Period,
): Forecast | null {
  if (actual.kind === 'text' || annualTarget.kind === 'text') return null
  const projected = projectToYearEnd(accumulation, actual.value, dataPeriod)
  const judged = judgeValue(polarity, tolerancePct, projected, annualTarget.value)
  return { projected, suggestedRag: judged.rag, annualTarget: annualTarget.value }
}

const TOLERANCES = new Map<string, Decimal>()

/** Reads a stored tolerance ("10"); an unreadable one counts as no tolerance. */
export function toleranceOf(text: string): Decimal {
  // A plan has a handful of tolerances, asked for at every judgement.
  let tolerance = TOLERANCES.get(text)
  if (tolerance === undefined) {
    tolerance = parseDecimal(text) ?? decimalFromNumber(0)
    if (TOLERANCES.size >= 1000) TOLERANCES.clear()
    TOLERANCES.set(text, tolerance)
  }
  return tolerance
}
