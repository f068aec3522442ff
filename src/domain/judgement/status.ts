import {
  type Decimal,
  ZERO,
  abs,
  compare,
  decimalToString,
  divide,
  isZero,
  multiply,
  subtract,
} from '../figures/decimal.ts'
import { formatFigure } from '../figures/format.ts'
import { type Figure, type Rag, sameText } from '../figures/value.ts'
import type { Polarity } from './indicator.ts'
import { type Forecast, judgeValue } from './rag.ts'
import { type Band, type RuleSet, bandWords } from './rules.ts'

/**
 * Which rule decided a status: the band the figure fell in, an officer's assessment, a forecast, a rule that lifts a
 * Red to Amber, or why there is no status (a data-only measure, no target, figures that cannot be compared).
 */
export type StatusRule =
  | 'on-target-or-better'
  | 'better-than-target'
  | 'green-within'
  | 'on-target-not-beaten'
  | 'within-tolerance'
  | 'beyond-tolerance'
  | 'amber-improving'
  | 'amber-on-track-for-year'
  | 'text-matches'
  | 'text-differs'
  | 'assessment'
  | 'forecast'
  | 'data-only'
  | 'no-target'
  | 'not-comparable'

/** A status with the rule that produced it and that rule in words. */
export interface StatusJudgement {
  readonly status: Rag | null
  readonly rule: StatusRule
  readonly ruleText: string
  /** The worst figure that is still Amber, for a number or rank judged by tolerance; null otherwise. */
  readonly amberLimit: Decimal | null
}

const HUNDRED: Decimal = { units: 100n, scale: 0 }
const WORD: Readonly<Record<Rag, string>> = { G: 'Green', A: 'Amber', R: 'Red' }

/** The allowance a band gives against a target: its share of the target's magnitude, or its amount. */
export function allowanceOf(band: Band, target: Decimal): Decimal {
  return band.basis === 'percent' ? divide(multiply(abs(target), band.amount), HUNDRED, 12) : band.amount
}

/** How far the actual falls short of the target in the polarity (negative when better; any gap for none). */
export function shortfallOf(polarity: Polarity, actual: Decimal, target: Decimal): Decimal {
  if (polarity === 'higher') return subtract(target, actual)
  if (polarity === 'lower') return subtract(actual, target)
  return abs(subtract(actual, target))
}

/** Whether the rules are Trafford's: a percent tolerance, on target is Green, nothing else (judged as before). */
function isPlainTolerance(rules: RuleSet): boolean {
  return rules.tolerance.basis === 'percent' && rules.greenWithin === null && rules.greenWhen === 'meets'
}

/** The band a number falls in under the rules, before anything lifts a Red: which rule decided it, and the limit. */
export function bandOf(
  polarity: Polarity,
  rules: RuleSet,
  actual: Decimal,
  target: Decimal,
): { rag: Rag; rule: StatusRule; amberLimit: Decimal | null } {
  const shortfall = shortfallOf(polarity, actual, target)
  const allowance = allowanceOf(rules.tolerance, target)
  const amberLimit =
    polarity === 'none' ? null : polarity === 'higher' ? subtract(target, allowance) : add(target, allowance)
  const beats = rules.greenWhen === 'beats' && polarity !== 'none'
  const order = compare(shortfall, ZERO)
  if (order < 0 || (order === 0 && !beats)) {
    return { rag: 'G', rule: beats ? 'better-than-target' : 'on-target-or-better', amberLimit }
  }
  if (rules.greenWithin !== null && compare(shortfall, allowanceOf(rules.greenWithin, target)) <= 0)
    return { rag: 'G', rule: 'green-within', amberLimit }
  if (order === 0) return { rag: 'A', rule: 'on-target-not-beaten', amberLimit }
  if (compare(shortfall, allowance) <= 0) return { rag: 'A', rule: 'within-tolerance', amberLimit }
  return { rag: 'R', rule: 'beyond-tolerance', amberLimit }
}

function add(a: Decimal, b: Decimal): Decimal {
  return subtract(a, { units: -b.units, scale: b.scale })
}

/** The band of a number, by the plain tolerance's own (fast, exact) judgement where the rules are Trafford's. */
function numericBand(
  polarity: Polarity,
  rules: RuleSet,
  actual: Decimal,
  target: Decimal,
): { rag: Rag; rule: StatusRule; amberLimit: Decimal | null } {
  if (!isPlainTolerance(rules)) return bandOf(polarity, rules, actual, target)
  const judged = judgeValue(polarity, rules.tolerance.amount, actual, target)
  const order = compare(shortfallOf(polarity, actual, target), ZERO)
  const rule: StatusRule =
    judged.rag === 'G'
      ? 'on-target-or-better'
      : order > 0 && judged.rag === 'A'
        ? 'within-tolerance'
        : 'beyond-tolerance'
  return { rag: judged.rag, rule, amberLimit: judged.amberLimit }
}

/** What a rule that may lift a Red needs to know: the direction of travel and the year-end forecast. */
export interface LiftEvidence {
  readonly dot: string | null
  /** The comparison period, as written in the sentence ("2013/14 Q1"). */
  readonly comparedWith: string | null
  readonly forecast: Forecast | null
}

/** "3.5% below target" or "1.5 percentage points above target", in the tolerance's terms; "on target". */
function distanceWords(polarity: Polarity, rules: RuleSet, actual: Decimal, target: Decimal, unit: string): string {
  const shortfall = shortfallOf(polarity, actual, target)
  const order = compare(shortfall, ZERO)
  if (order === 0) return 'on target'
  const worse = order > 0
  const side = polarity === 'none' ? 'away from' : (polarity === 'higher') === worse ? 'below' : 'above'
  const gap = abs(shortfall)
  const amount =
    rules.tolerance.basis === 'percent' && !isZero(target)
      ? `${decimalToString(divide(multiply(gap, HUNDRED), abs(target), 1))}%`
      : bandWords({ basis: 'absolute', amount: gap }, unit)
  return `${amount} ${side} target`
}

function figureWords(value: Decimal, unit: string): string {
  const text = decimalToString(value)
  return formatFigure({ kind: 'number', text, value }, unit)
}

/** The sentence for a number's band, and any rule that lifted it. */
function numericSentence(
  rule: StatusRule,
  rules: RuleSet,
  distance: string,
  unit: string,
  evidence: LiftEvidence,
): string {
  const tolerance = isZero(rules.tolerance.amount) ? null : bandWords(rules.tolerance, unit)
  const beyond = tolerance === null ? 'with no amber band' : `beyond the tolerance of ${tolerance}`
  switch (rule) {
    case 'on-target-or-better':
    case 'better-than-target':
      return distance === 'on target' ? 'on target' : `better than target (${distance})`
    case 'green-within':
      return `${distance}, within the green band of ${bandWords(rules.greenWithin ?? rules.tolerance, unit)}`
    case 'on-target-not-beaten':
      return 'on target, but Green needs the target beaten'
    case 'within-tolerance':
      return `${distance}, within the tolerance of ${tolerance ?? '0'}`
    case 'amber-improving':
      return `${distance}, ${beyond}, but improving on ${evidence.comparedWith ?? 'the comparison period'}`
    case 'amber-on-track-for-year': {
      const f = evidence.forecast
      return f
        ? `${distance}, ${beyond}, but the year-end forecast of ${figureWords(f.projected, unit)} meets the annual target of ${figureWords(f.annualTarget, unit)}`
        : `${distance}, ${beyond}, but on track for the year`
    }
    default: {
      if (rules.amberAlso === 'improving')
        return `${distance}, ${beyond}, and ${evidence.dot === null ? 'no earlier figure shows it improving' : 'not improving'}`
      if (rules.amberAlso === 'on-track-for-year')
        return `${distance}, ${beyond}, and ${evidence.forecast === null ? 'no year-end forecast against an annual target' : 'not forecast to meet the annual target'}`
      return `${distance}, ${beyond}`
    }
  }
}

/** Whether a rule of the set lifts this Red to Amber, and which. */
function liftOf(polarity: Polarity, rules: RuleSet, evidence: LiftEvidence): StatusRule | null {
  if (rules.amberAlso === 'improving' && evidence.dot === 'improved') return 'amber-improving'
  if (rules.amberAlso === 'on-track-for-year' && evidence.forecast) {
    const { projected, annualTarget } = evidence.forecast
    if (compare(shortfallOf(polarity, projected, annualTarget), ZERO) <= 0) return 'amber-on-track-for-year'
  }
  return null
}

/**
 * The status of a figure against its target under the rules, with the rule that decided it and that rule in words.
 * Numbers and ranks fall in a band measured from the target (Green, Amber within the tolerance, Red beyond; a green
 * band and "beats" move the Green edge; both edges inclusive), and a Red may be lifted to Amber by the set's
 * amber_also. Texts can only match the target (Green) or not (Red): a text target cannot be beaten, so "beats" does
 * not apply. Null when figure and target cannot be compared.
 */
export function judgeByRules(
  polarity: Polarity,
  rules: RuleSet,
  actual: Figure,
  target: Figure,
  unit: string,
  evidence: LiftEvidence,
): StatusJudgement | null {
  if (actual.kind === 'text' || target.kind === 'text') {
    if (actual.kind !== target.kind) return null
    const matches = sameText(actual.text, target.text)
    const beats = rules.greenWhen === 'beats' ? '; a text target can only be met, not beaten' : ''
    return matches
      ? {
          status: 'G',
          rule: 'text-matches',
          ruleText: `Green: matches the target (${target.text})${beats}.`,
          amberLimit: null,
        }
      : {
          status: 'R',
          rule: 'text-differs',
          ruleText: `Red: does not match the target (${target.text}).`,
          amberLimit: null,
        }
  }
  const band = numericBand(polarity, rules, actual.value, target.value)
  const lifted = band.rag === 'R' ? liftOf(polarity, rules, evidence) : null
  const rule = lifted ?? band.rule
  const status: Rag = lifted ? 'A' : band.rag
  const distance = distanceWords(polarity, rules, actual.value, target.value, unit)
  const sentence = numericSentence(rule, rules, distance, unit, evidence)
  return { status, rule, ruleText: `${WORD[status]}: ${sentence}.`, amberLimit: band.amberLimit }
}

/** The sentence for a status an officer set. */
export function assessedText(status: Rag): string {
  return `${WORD[status]}: set by an officer (management assessment).`
}

/** The sentence for a status suggested by the year-end forecast. */
export function forecastText(forecast: Forecast, unit: string): string {
  return `${WORD[forecast.suggestedRag]}: the year-end forecast of ${figureWords(forecast.projected, unit)} against the annual target of ${figureWords(forecast.annualTarget, unit)}.`
}

/** The sentence for a figure with no status, by why. */
export const NO_STATUS_TEXT: Readonly<Record<'data-only' | 'no-target' | 'not-comparable', string>> = {
  'data-only': 'For information: a data-only measure has no RAG status.',
  'no-target': 'No status: no target set.',
  'not-comparable': 'No status: the figure cannot be compared with its target.',
}
