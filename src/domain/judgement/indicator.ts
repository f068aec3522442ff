import { DomainError } from '../errors.ts'
import { parseDecimal } from '../figures/decimal.ts'
import { withArticle } from '../figures/words.ts'
import { DEFAULT_RULES, type IndicatorKind, type RuleOverrides, type RuleSet, resolveRules } from './rules.ts'

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const
export const POLARITIES = ['higher', 'lower', 'none'] as const
export const VALUE_TYPES = ['number', 'rank', 'text', 'status'] as const
export const ACCUMULATIONS = ['point', 'ytd-sum', 'ytd-rate'] as const
export const DOT_BASES = ['previous', 'same-period-last-year', 'both'] as const
export const RAG_METHODS = ['tolerance', 'forecast'] as const
export const CI_METHODS = ['proportion', 'rate'] as const

/** How often figures are collected. */
export type Frequency = (typeof FREQUENCIES)[number]
/** Which way is better: higher (recycling rate), lower (sickness absence), or none (a context measure). */
export type Polarity = (typeof POLARITIES)[number]
/** number (57.59), rank (1st), text (Top quartile) or status-only (a judgement with no figure). */
export type ValueType = (typeof VALUE_TYPES)[number]
/**
 * point: each figure stands alone (a rate); ytd-sum: a running total since 1 April (recorded crime); ytd-rate: a
 * year-to-date percentage or average (council tax collected so far), compared only with the same point last year.
 */
export type Accumulation = (typeof ACCUMULATIONS)[number]
/**
 * Direction of travel against the previous period (Trafford), the same period last year (Halton), or both: the
 * short term and the long term side by side.
 */
export type DotBasis = (typeof DOT_BASES)[number]
/** How the period RAG is set when no officer has assessed it: tolerance against the period target, or forecast. */
export type RagMethod = (typeof RAG_METHODS)[number]
/**
 * How a figure's confidence interval is computed from its numerator and denominator: a proportion (Wilson score,
 * such as the % of pupils achieving 5 GCSEs) or a rate (exact Poisson below 10 events, Byar's from 10, such as
 * admissions per 100,000).
 */
export type CiMethod = (typeof CI_METHODS)[number]

/** The scale of a figure when none is given: a proportion is a percentage, a rate is per 100,000. */
export const DEFAULT_MULTIPLIERS: Readonly<Record<CiMethod, string>> = { proportion: '100', rate: '100000' }

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
  /** How the confidence interval is computed from each period's numerator and denominator; null when it is not. */
  readonly ciMethod: CiMethod | null
  /**
   * The scale of the figure as exact decimal text ("1000" for a rate per 1,000), as given; null for the method's
   * default (DEFAULT_MULTIPLIERS). Only an indicator with a ciMethod has one.
   */
  readonly multiplier: string | null
  /** measure (judged against its target) or data-only (for information, never a RAG status); measure when absent. */
  readonly kind?: IndicatorKind
  /**
   * The indicator's own rules, each absent when it inherits the plan's. A tolerance given as tolerancePct is its own
   * too (see ownRulesOf).
   */
  readonly rules?: RuleOverrides
  /** The plan's rules the indicator inherits, attached when it is read with its plan; none when absent. */
  readonly planRules?: RuleOverrides
}

/** Whether the indicator is reported for information only, with no RAG status. */
export function isDataOnly(indicator: Indicator): boolean {
  return indicator.kind === 'data-only'
}

/** The indicator's own rules, its tolerancePct included (an indicator imported before rules sets had only that). */
export function ownRulesOf(indicator: Indicator): RuleOverrides {
  const own = indicator.rules ?? {}
  if (own.tolerance !== undefined || indicator.tolerancePct === '') return own
  const amount = parseDecimal(indicator.tolerancePct)
  return amount ? { ...own, tolerance: { basis: 'percent', amount } } : own
}

const RESOLVED = new WeakMap<Indicator, RuleSet>()

/** The rules that judge the indicator: its own where it gives them, else its plan's, else the defaults. */
export function rulesOf(indicator: Indicator): RuleSet {
  let rules = RESOLVED.get(indicator)
  if (rules === undefined) {
    rules =
      indicator.rules === undefined && indicator.planRules === undefined && indicator.tolerancePct === ''
        ? DEFAULT_RULES
        : resolveRules(ownRulesOf(indicator), indicator.planRules ?? {})
    RESOLVED.set(indicator, rules)
  }
  return rules
}

/** The scale an indicator's figures are on (its multiplier, or its method's default); null when it has no method. */
export function multiplierOf(indicator: Indicator): string | null {
  if (indicator.ciMethod === null) return null
  return indicator.multiplier ?? DEFAULT_MULTIPLIERS[indicator.ciMethod]
}

/** Checks a value against one of the closed lists above; the error lists what is accepted. */
export function parseChoice<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const normalised = value.trim().toLowerCase()
  const found = allowed.find((choice) => choice === normalised)
  if (found === undefined) {
    throw new DomainError('invalid-enum', `"${value}" is not ${withArticle(what)}. Use one of: ${allowed.join(', ')}.`)
  }
  return found
}
