import { type Decimal, compare, decimalToString, isZero, parseDecimal } from '../figures/decimal.ts'
import { DomainError } from '../errors.ts'
import { withArticle } from '../figures/words.ts'

/**
 * A council's rules for turning a figure and its target into a RAG status: how far short of the target is still
 * Amber (the tolerance), whether a small shortfall is still Green, whether being on target is enough for Green, and
 * what may lift a Red to Amber. A plan has default rules and each indicator may override any of them.
 */

export const GREEN_WHENS = ['meets', 'beats'] as const
export const AMBER_ALSOS = ['improving', 'on-track-for-year', 'none'] as const
export const INDICATOR_KINDS = ['measure', 'data-only'] as const

/** meets: on target or better is Green (the default); beats: only strictly better is Green, on target is Amber. */
export type GreenWhen = (typeof GREEN_WHENS)[number]
/**
 * What else is Amber beyond the tolerance: a figure better than its comparison period (improving), one whose
 * year-end forecast meets the annual target (on-track-for-year), or nothing (none, the default).
 */
export type AmberAlso = (typeof AMBER_ALSOS)[number]
/** measure: judged against its target (the default); data-only: reported and trended for information, never RAG. */
export type IndicatorKind = (typeof INDICATOR_KINDS)[number]

/**
 * A distance from the target: a percent of the target's magnitude ("10%") or an amount in the figure's own units
 * ("2", percentage points for a percentage).
 */
export interface Band {
  readonly basis: 'percent' | 'absolute'
  readonly amount: Decimal
}

/** The rules that judge an indicator. */
export interface RuleSet {
  /** The shortfall still Amber; zero for no amber band. */
  readonly tolerance: Band
  /** The shortfall still Green, when a council allows one ("green: on, above or within 5% of target"). */
  readonly greenWithin: Band | null
  readonly greenWhen: GreenWhen
  readonly amberAlso: AmberAlso
}

/** Rules as a plan or an indicator gives them: each one absent when it is inherited. */
export type RuleOverrides = { readonly [K in keyof RuleSet]?: RuleSet[K] }

const ZERO_PERCENT: Band = { basis: 'percent', amount: { units: 0n, scale: 0 } }

/** The rules of a plan that sets none: no amber band, on target is Green, nothing else is Amber. */
export const DEFAULT_RULES: RuleSet = {
  tolerance: ZERO_PERCENT,
  greenWithin: null,
  greenWhen: 'meets',
  amberAlso: 'none',
}

const BAND_PATTERN = /^\s*(\+?\d+(?:\.\d+)?)\s*(%?)\s*$/

/**
 * Reads a band as councils write it: "10%" (a percent of the target) or "2" (in the figure's units). `what` names
 * the rule in the error ("tolerance", "green band").
 */
export function parseBand(text: string, what: string): Band {
  const match = BAND_PATTERN.exec(text)
  const amount = match ? parseDecimal((match[1] ?? '').replace('+', '')) : null
  if (!match || !amount) {
    throw new DomainError(
      'invalid-value',
      `"${text}" is not ${withArticle(what)}. Enter a percent of the target such as 10%, or a number such as 2 in the figure's own units (percentage points for a percentage).`,
    )
  }
  return { basis: match[2] === '%' ? 'percent' : 'absolute', amount }
}

/** A band as stored and shown in files: "10%" or "2". */
export function bandText(band: Band): string {
  return `${decimalToString(band.amount)}${band.basis === 'percent' ? '%' : ''}`
}

export function sameBand(a: Band | null, b: Band | null): boolean {
  if (a === null || b === null) return a === b
  return a.basis === b.basis && compare(a.amount, b.amount) === 0
}

export function sameRules(a: RuleSet, b: RuleSet): boolean {
  return (
    sameBand(a.tolerance, b.tolerance) &&
    sameBand(a.greenWithin, b.greenWithin) &&
    a.greenWhen === b.greenWhen &&
    a.amberAlso === b.amberAlso
  )
}

/** Whether a green band is narrower than the tolerance, when the two can be compared (the same basis). */
export function greenWithinFits(greenWithin: Band, tolerance: Band): boolean {
  return greenWithin.basis !== tolerance.basis || compare(greenWithin.amount, tolerance.amount) < 0
}

/** The indicator's own rules and the plan's, merged: the indicator's where it gives one, else the plan's. */
export function resolveRules(own: RuleOverrides, plan: RuleOverrides): RuleSet {
  return {
    tolerance: own.tolerance ?? plan.tolerance ?? DEFAULT_RULES.tolerance,
    greenWithin: own.greenWithin !== undefined ? own.greenWithin : (plan.greenWithin ?? null),
    greenWhen: own.greenWhen ?? plan.greenWhen ?? DEFAULT_RULES.greenWhen,
    amberAlso: own.amberAlso ?? plan.amberAlso ?? DEFAULT_RULES.amberAlso,
  }
}

/** "10% of the target" or "2 percentage points" (for a percentage) or "2" in other units. */
export function bandWords(band: Band, unit: string | null): string {
  const amount = decimalToString(band.amount)
  if (band.basis === 'percent') return `${amount}% of the target`
  if (unit === '%') return `${amount} percentage point${amount === '1' ? '' : 's'}`
  return unit === null || unit === '' || unit === 'count' ? amount : `${amount} ${unit}`
}

/**
 * The rules in plain English, one line per status, as a report's key states them: "Green: on target or better",
 * "Amber: worse than target by no more than 2 percentage points", "Red: worse than target by more than that".
 * `unit` is the figures' unit when every indicator under these rules shares it, else null.
 */
export function describeRules(rules: RuleSet, unit: string | null): { green: string; amber: string; red: string } {
  const tolerance = bandWords(rules.tolerance, unit)
  const noBand = isZero(rules.tolerance.amount)
  const green =
    rules.greenWithin !== null
      ? `Green: on target, better, or worse than target by no more than ${bandWords(rules.greenWithin, unit)}`
      : rules.greenWhen === 'beats'
        ? 'Green: better than target (on target is Amber)'
        : 'Green: on target or better'
  const onTarget = rules.greenWhen === 'beats' && rules.greenWithin === null ? 'on target, or ' : ''
  const amberBand = noBand
    ? rules.greenWhen === 'beats' && rules.greenWithin === null
      ? 'Amber: on target'
      : 'Amber: none by tolerance (no amber band)'
    : `Amber: ${onTarget}worse than target by no more than ${tolerance}`
  const also =
    rules.amberAlso === 'improving'
      ? '; also a figure beyond that which is better than its comparison period'
      : rules.amberAlso === 'on-track-for-year'
        ? "; also a figure beyond that whose year-end forecast meets the year's target"
        : ''
  const red = noBand ? 'Red: worse than target' : `Red: worse than target by more than ${tolerance}`
  const redUnless =
    rules.amberAlso === 'improving'
      ? ', and not improving'
      : rules.amberAlso === 'on-track-for-year'
        ? ", and not forecast to meet the year's target"
        : ''
  return { green, amber: `${amberBand}${also}`, red: `${red}${redUnless}` }
}

/** The rules in one sentence, for an indicator marked as judged differently from its plan. */
export function rulesSentence(rules: RuleSet, unit: string | null): string {
  const { green, amber, red } = describeRules(rules, unit)
  return `${green}. ${amber}. ${red}.`
}
