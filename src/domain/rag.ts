import {
  type Decimal,
  abs,
  add,
  compare,
  decimalFromNumber,
  divide,
  isZero,
  multiply,
  parseDecimal,
  subtract,
} from './decimal.ts'
import type { Accumulation, Polarity } from './indicator.ts'
import { type Period, monthsElapsed } from './period.ts'
import { type Figure, type Rag, sameText } from './value.ts'

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
  const allowance = divide(multiply(abs(target.value), tolerancePct), HUNDRED, 12)
  const shortfall =
    polarity === 'higher'
      ? subtract(target.value, actual.value)
      : polarity === 'lower'
        ? subtract(actual.value, target.value)
        : abs(subtract(actual.value, target.value))
  const amberLimit =
    polarity === 'higher'
      ? subtract(target.value, allowance)
      : polarity === 'lower'
        ? add(target.value, allowance)
        : null
  const rag: Rag =
    compare(shortfall, { units: 0n, scale: 0 }) <= 0
      ? 'G'
      : !isZero(allowance) && compare(shortfall, allowance) <= 0
        ? 'A'
        : 'R'
  return { rag, amberLimit }
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
  const judged = judgeAgainstTarget(polarity, tolerancePct, { ...actual, value: projected }, annualTarget)
  return judged ? { projected, suggestedRag: judged.rag, annualTarget: annualTarget.value } : null
}

/** Reads a stored tolerance ("10"); an unreadable one counts as no tolerance. */
export function toleranceOf(text: string): Decimal {
  return parseDecimal(text) ?? decimalFromNumber(0)
}
