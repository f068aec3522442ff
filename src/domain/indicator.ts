import { DomainError } from './errors.ts'

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const
export const POLARITIES = ['higher', 'lower', 'none'] as const
export const VALUE_TYPES = ['number', 'rank', 'text', 'status'] as const
export const ACCUMULATIONS = ['point', 'ytd-sum'] as const
export const DOT_BASES = ['previous', 'same-period-last-year'] as const
export const RAG_METHODS = ['tolerance', 'forecast'] as const

/** How often figures are collected. */
export type Frequency = (typeof FREQUENCIES)[number]
/** Which way is better: higher (recycling rate), lower (sickness absence), or none (a context measure). */
export type Polarity = (typeof POLARITIES)[number]
/** number (57.59), rank (1st), text (Top quartile) or status-only (a judgement with no figure). */
export type ValueType = (typeof VALUE_TYPES)[number]
/** point: each figure stands alone (a rate); ytd-sum: a running total since 1 April (recorded crime). */
export type Accumulation = (typeof ACCUMULATIONS)[number]
/** Direction of travel against the previous period (Trafford) or the same period last year (Halton). */
export type DotBasis = (typeof DOT_BASES)[number]
/** How the period RAG is set when no officer has assessed it: tolerance against the period target, or forecast. */
export type RagMethod = (typeof RAG_METHODS)[number]

/** A performance indicator as a plan defines it. */
export interface Indicator {
  readonly ref: string
  readonly title: string
  readonly theme: string
  readonly frequency: Frequency
  readonly polarity: Polarity
  readonly valueType: ValueType
  readonly unit: string
  readonly accumulation: Accumulation
  /** Amber tolerance as a percentage of the target's magnitude, as exact decimal text ("10"). */
  readonly tolerancePct: string
  readonly dotBasis: DotBasis
  readonly ragMethod: RagMethod
  readonly owner: string | null
}

/** Checks a value against one of the closed lists above; the error lists what is accepted. */
export function parseChoice<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const normalised = value.trim().toLowerCase()
  const found = allowed.find((choice) => choice === normalised)
  if (found === undefined) {
    throw new DomainError('invalid-enum', `"${value}" is not a ${what}. Use one of: ${allowed.join(', ')}.`)
  }
  return found
}
