import type { Period } from '../periods/period.ts'

/**
 * A comparator's figure for one indicator and period, such as the Greater Manchester average or England, on the
 * indicator's own scale, with the comparator's own confidence interval when it is published. Figures are kept as
 * the exact decimal text given.
 */
export interface Comparator {
  /** The comparator's name: "England", "Greater Manchester", "North West". */
  readonly name: string
  /** The period the comparator's figure relates to. */
  readonly period: Period
  readonly value: string
  readonly lower: string | null
  readonly upper: string | null
}
