import type { Comparator } from '../statistics/comparator.ts'
import { type IndicatorEvaluation, evaluateIndicator } from './evaluate.ts'
import type { Indicator } from './indicator.ts'
import type { Observation } from './observation.ts'
import type { Period } from '../periods/period.ts'
import { type PlanSummary, summarise } from './summary.ts'
import { summaryText } from './summary-text.ts'

/** One indicator's definition with everything held for it. */
export interface IndicatorData {
  readonly indicator: Indicator
  readonly observations: readonly Observation[]
  /** Its comparators' figures (England, the Greater Manchester average) for any periods; none when absent. */
  readonly comparators?: readonly Comparator[]
}

/** A plan's framework and data: its indicators in plan order, each with every observation and comparator held. */
export interface PlanData {
  readonly name: string
  readonly indicators: readonly IndicatorData[]
}

/** The judgement of a whole plan for a period: every indicator, the counts, and the summary paragraph. */
export interface PlanEvaluation {
  readonly plan: string
  readonly period: Period
  readonly evaluations: readonly IndicatorEvaluation[]
  readonly summary: PlanSummary
  readonly text: string
}

/**
 * Judges every indicator of a plan for a period. `themes`, when given, limits the judgement to a committee's remit.
 */
export function evaluatePlan(plan: PlanData, period: Period, themes?: readonly string[]): PlanEvaluation {
  const inScope = themes ? plan.indicators.filter(({ indicator }) => themes.includes(indicator.theme)) : plan.indicators
  const evaluations = inScope.map(({ indicator, observations, comparators }) =>
    evaluateIndicator(indicator, observations, period, comparators ?? []),
  )
  const summary = summarise(period, evaluations)
  return { plan: plan.name, period, evaluations, summary, text: summaryText(summary) }
}
