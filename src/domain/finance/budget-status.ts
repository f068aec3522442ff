import { type Decimal, ZERO, abs, compare, decimalToString, divide, multiply, negate } from '../figures/decimal.ts'
import type { Rag } from '../figures/value.ts'
import type { BudgetFigures, StatementTotal, StatementTotals } from './statement.ts'
import { TOTAL_LABELS } from './published-totals.ts'
import { formatAmount } from './amounts.ts'

/** Which of a statement's totals the budget status is judged on. */
export type BudgetMeasure = Extract<StatementTotal, 'netOperationalExpenditure' | 'netDepartmentalTotal'>

/**
 * A plan's rule for the budget status of a statement: Red when net spend to date is over its budget profile by
 * more than `redOverPct` per cent of the profile, Amber when over profile by no more than that, Green when on or
 * under profile. `ruleText` says the rule in words, as reports print it beside the status.
 */
export interface BudgetRule {
  readonly measure: BudgetMeasure
  readonly redOverPct: Decimal
  readonly ruleText: string
}

const HUNDRED: Decimal = { units: 100n, scale: 0 }

/** The rule with the given threshold and measure, its text written from them. */
export function budgetRule(redOverPct: Decimal, measure: BudgetMeasure = 'netOperationalExpenditure'): BudgetRule {
  if (compare(redOverPct, ZERO) < 0) throw new RangeError('The threshold is a percentage of zero or more')
  const pct = `${decimalToString(redOverPct)}%`
  const what = TOTAL_LABELS[measure].toLowerCase()
  const ruleText =
    `Red when ${what} to date is more than ${pct} over its budget profile; ` +
    `Amber when over profile by ${pct} or less; Green when on or under profile.`
  return { measure, redOverPct, ruleText }
}

/** The default rule: Red over 5% above profile, on net operational expenditure. */
export const DEFAULT_BUDGET_RULE: BudgetRule = budgetRule({ units: 5n, scale: 0 })

export interface BudgetStatus {
  readonly rag: Rag
  /** Actual − budget to date of the measure: positive is spend over profile. */
  readonly overProfile: Decimal
  /** overProfile as a percentage of the profile, to one place; null when the profile is zero. */
  readonly overProfilePct: Decimal | null
  /** The rule that produced the status, in words. */
  readonly ruleText: string
  /** Why this status, with the figures: "Net operational expenditure is 127 (2.2%) over its budget profile." */
  readonly reason: string
}

/** The budget status of a statement's totals by the plan's rule. */
export function budgetStatus(totals: StatementTotals, rule: BudgetRule, unit = "£'000"): BudgetStatus {
  return judgeFigures(totals[rule.measure], rule, unit)
}

/** The budget status of one set of figures (a total or a line) by a rule. */
export function judgeFigures(figures: BudgetFigures, rule: BudgetRule, unit: string): BudgetStatus {
  const overProfile = negate(figures.varianceToDate)
  const profile = abs(figures.budgetToDate)
  const overProfilePct = profile.units === 0n ? null : divide(multiply(overProfile, HUNDRED), profile, 1)
  const rag = ragOf(overProfile, profile, rule.redOverPct)
  const label = TOTAL_LABELS[rule.measure]
  const amount = `${formatAmount(abs(overProfile))}${unit ? ` (${unit})` : ''}`
  const share = overProfilePct === null ? '' : `, ${decimalToString(abs(overProfilePct))}% of profile`
  const position = compare(overProfile, ZERO) === 0 ? 'on' : compare(overProfile, ZERO) > 0 ? 'over' : 'under'
  const reason =
    position === 'on'
      ? `${label} is on its budget profile.`
      : `${label} is ${amount} ${position} its budget profile${share}.`
  return { rag, overProfile, overProfilePct, ruleText: rule.ruleText, reason }
}

/** Red when over by more than pct of profile; Amber when over by that or less; Green on or under. */
function ragOf(overProfile: Decimal, profile: Decimal, pct: Decimal): Rag {
  if (compare(overProfile, ZERO) <= 0) return 'G'
  // over > profile × pct / 100, exactly: over × 100 > profile × pct.
  return compare(multiply(overProfile, HUNDRED), multiply(profile, pct)) > 0 ? 'R' : 'A'
}
