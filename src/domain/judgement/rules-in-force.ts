import { type Indicator, isDataOnly, rulesOf } from './indicator.ts'
import {
  type RuleOverrides,
  type RuleSet,
  bandText,
  describeRules,
  resolveRules,
  rulesSentence,
  sameRules,
} from './rules.ts'

/**
 * The rules a plan's indicators are judged by, as a report states them: the rules in force, in words, and each
 * indicator judged by other rules with its own in words. Pure.
 */

/** An indicator judged by rules other than those in force: its ref and its rules in one sentence. */
export interface OwnRules {
  readonly ref: string
  readonly rules: RuleSet
  readonly text: string
}

export interface RulesInForce {
  /** The rules in force: the plan's own when it sets any, otherwise those more than half its measures share. */
  readonly rules: RuleSet
  /** plan: the plan sets rules of its own; common: it sets none, and these are the ones its indicators share most. */
  readonly source: 'plan' | 'common'
  /** The rules in force in words, one line per status ("Amber: worse than target by no more than 2 percentage points"). */
  readonly lines: { readonly green: string; readonly amber: string; readonly red: string }
  /** Measures judged by other rules, in plan order. */
  readonly differing: readonly OwnRules[]
  /** Whether the rules in force are a percent tolerance alone (on target is Green, nothing else Amber) and none differ. */
  readonly plain: boolean
}

/** Whether a plan sets any rule of its own. */
export function setsRules(plan: RuleOverrides | undefined): boolean {
  return plan !== undefined && Object.keys(plan).length > 0
}

/** Whether rules are a percent tolerance alone, as every plan's were before rule sets (Trafford's). */
export function isPlainRules(rules: RuleSet): boolean {
  return (
    rules.tolerance.basis === 'percent' &&
    rules.greenWithin === null &&
    rules.greenWhen === 'meets' &&
    rules.amberAlso === 'none'
  )
}

/** A key that is the same for the same rules, for counting which are shared. */
function rulesKey(rules: RuleSet): string {
  return [
    bandText(rules.tolerance),
    rules.greenWithin ? bandText(rules.greenWithin) : '',
    rules.greenWhen,
    rules.amberAlso,
  ].join('|')
}

/** The unit every measure given shares, or null when they differ (bands are then "in each figure's own units"). */
export function sharedUnit(indicators: readonly Indicator[]): string | null {
  const units = new Set(indicators.map((indicator) => indicator.unit))
  return units.size === 1 ? ([...units][0] ?? null) : null
}

/** The measures whose status a rule set decides: figures and ranks, not data-only, text or status-only ones. */
function judgedByBands(indicator: Indicator): boolean {
  return !isDataOnly(indicator) && (indicator.valueType === 'number' || indicator.valueType === 'rank')
}

/**
 * The rules more than half the measures share, or the plan's (the defaults, for a plan that sets none) when no rules
 * are shared that widely: then every measure with rules of its own is marked.
 */
function commonRules(measures: readonly Indicator[], planRules: RuleOverrides): RuleSet {
  const counts = new Map<string, { rules: RuleSet; count: number }>()
  for (const indicator of measures) {
    const rules = rulesOf(indicator)
    const key = rulesKey(rules)
    const held = counts.get(key)
    if (held) held.count += 1
    else counts.set(key, { rules, count: 1 })
  }
  let best: { rules: RuleSet; count: number } | undefined
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry
  return best && best.count * 2 > measures.length ? best.rules : resolveRules({}, planRules)
}

/**
 * The rules in force for a plan's indicators, and those judged by others. `plan` is the plan's own rules (each
 * indicator also carries them, as planRules); without it they are read from the first indicator.
 */
export function rulesInForce(indicators: readonly Indicator[], plan?: RuleOverrides): RulesInForce {
  const planRules = plan ?? indicators[0]?.planRules
  const measures = indicators.filter(judgedByBands)
  const fromPlan = setsRules(planRules)
  const rules = fromPlan ? resolveRules({}, planRules ?? {}) : commonRules(measures, planRules ?? {})
  const inForce = measures.filter((indicator) => sameRules(rulesOf(indicator), rules))
  const differing = measures
    .filter((indicator) => !sameRules(rulesOf(indicator), rules))
    .map((indicator) => ({
      ref: indicator.ref,
      rules: rulesOf(indicator),
      text: rulesSentence(rulesOf(indicator), indicator.unit),
    }))
  return {
    rules,
    source: fromPlan ? 'plan' : 'common',
    lines: describeRules(rules, sharedUnit(inForce.length > 0 ? inForce : measures)),
    differing,
    plain: isPlainRules(rules) && differing.length === 0,
  }
}
