import type { Indicator } from '../judgement/indicator.ts'
import type { Observation } from '../judgement/observation.ts'
import { type Period, comparePeriods, lastMonthIndex, periodKey } from '../periods/period.ts'
import {
  type AssuranceIcon,
  type ImprovementDirection,
  type SpcGroup,
  type SpcPoint,
  type VariationIcon,
  analyseSpc,
} from './spc.ts'
import { type Rag, storedNumber } from '../figures/value.ts'

/**
 * Statistical process control for an indicator: its figures at its own frequency (each month of a monthly
 * indicator, each quarter of a quarterly one, each year of an annual one), up to the period being reported, charted
 * as Making Data Count does. Only point-in-time numbers are charted: a year-to-date running total restarts each April
 * and a rank or text has no arithmetic, so neither gives a meaningful mean or limits.
 *
 * Outturn shows a chart only from {@link SPC_MINIMUM_POINTS} points, as the Making Data Count tool does: with fewer,
 * the limits are too unreliable to separate signal from noise.
 */
export const SPC_MINIMUM_POINTS = 13

export interface IndicatorSpc {
  /** The periods charted, oldest first, with each figure and its target. */
  readonly periods: readonly Period[]
  readonly targets: readonly (number | null)[]
  readonly points: readonly SpcPoint[]
  readonly groups: readonly SpcGroup[]
  readonly variation: VariationIcon
  readonly assurance: AssuranceIcon | null
  /** The target the assurance icon compares with the limits: the latest charted period's. */
  readonly target: number | null
}

/** Why an indicator has no SPC chart. */
export type NoSpcReason = 'not-a-number' | 'cumulative' | 'too-few-points'

export type IndicatorSpcOutcome =
  | { readonly spc: IndicatorSpc; readonly reason: null; readonly pointCount: number }
  | { readonly spc: null; readonly reason: NoSpcReason; readonly pointCount: number }

const KIND = { monthly: 'month', quarterly: 'quarter', annual: 'year' } as const

/** Which way is improvement for an indicator's polarity. */
export function improvementOf(indicator: Indicator): ImprovementDirection {
  return indicator.polarity === 'higher' ? 'increase' : indicator.polarity === 'lower' ? 'decrease' : 'neutral'
}

/**
 * The SPC chart of an indicator up to and including a period, or why there is none. A figure reported in arrears is
 * charted at the period it relates to; where two entries give a figure for the same period, the later-reported wins.
 */
export function indicatorSpc(
  indicator: Indicator,
  observations: readonly Observation[],
  upTo: Period,
): IndicatorSpcOutcome {
  if (indicator.valueType !== 'number') return { spc: null, reason: 'not-a-number', pointCount: 0 }
  if (indicator.accumulation !== 'point') return { spc: null, reason: 'cumulative', pointCount: 0 }
  const kind = KIND[indicator.frequency]
  const end = lastMonthIndex(upTo)
  // The series as parallel lists, one place per charted period; `inOrder` while each period follows the last, as
  // entries in period order give them, so a period can only repeat the last one and nothing needs sorting.
  const periods: Period[] = []
  const keys: number[] = []
  const values: number[] = []
  const targets: (number | null)[] = []
  const reported: Period[] = []
  let inOrder = true
  for (const observation of observations) {
    const period = observation.dataPeriod ?? observation.period
    // Everything reported by the end of the period: the months of a quarter count towards that quarter's chart.
    if (period.kind !== kind || lastMonthIndex(observation.period) > end) continue
    const value = storedNumber('number', observation.actual)
    if (value === null) continue
    const key = periodKey(period)
    const last = keys.length - 1
    const at =
      last >= 0 && keys[last] === key
        ? last
        : inOrder && (last < 0 || comparePeriods(periods[last] ?? period, period) < 0)
          ? -1
          : keys.lastIndexOf(key)
    if (at < 0) {
      if (last >= 0 && comparePeriods(periods[last] ?? period, period) > 0) inOrder = false
      periods.push(period)
      keys.push(key)
      values.push(value)
      targets.push(storedNumber('number', observation.target))
      reported.push(observation.period)
      continue
    }
    if (comparePeriods(reported[at] ?? observation.period, observation.period) > 0) continue
    periods[at] = period
    values[at] = value
    targets[at] = storedNumber('number', observation.target) ?? targets[at] ?? null
    reported[at] = observation.period
  }
  if (!inOrder) {
    const order = periods.map((_, i) => i).sort((a, b) => comparePeriods(periods[a] as Period, periods[b] as Period))
    const reorder = <T>(list: T[]): T[] => order.map((i) => list[i] as T)
    return chart(indicator, reorder(periods), reorder(values), reorder(targets))
  }
  return chart(indicator, periods, values, targets)
}

function chart(
  indicator: Indicator,
  periods: readonly Period[],
  values: readonly number[],
  targets: readonly (number | null)[],
): IndicatorSpcOutcome {
  if (values.length < SPC_MINIMUM_POINTS) return { spc: null, reason: 'too-few-points', pointCount: values.length }
  const target = targets.at(-1) ?? null
  const result = analyseSpc(values, { improvement: improvementOf(indicator), target })
  return {
    spc: {
      periods,
      targets,
      points: result.points,
      groups: result.groups,
      variation: result.variation,
      assurance: result.assurance,
      target,
    },
    reason: null,
    pointCount: values.length,
  }
}

/** The variation icon in words, as Making Data Count labels it: "Special cause concern: higher than expected". */
export function describeVariation(icon: VariationIcon): string {
  switch (icon) {
    case 'improvement_high':
      return 'Special cause improvement: higher than expected'
    case 'improvement_low':
      return 'Special cause improvement: lower than expected'
    case 'concern_high':
      return 'Special cause concern: higher than expected'
    case 'concern_low':
      return 'Special cause concern: lower than expected'
    case 'neutral_high':
      return 'Special cause variation: higher than expected'
    case 'neutral_low':
      return 'Special cause variation: lower than expected'
    case 'common_cause':
      return 'Common cause variation: no significant change'
  }
}

/** The assurance icon in words: "The target is not reliably met". */
export function describeAssurance(icon: AssuranceIcon | null): string {
  switch (icon) {
    case 'consistent_pass':
      return 'The target is consistently met'
    case 'consistent_fail':
      return 'The target is consistently missed'
    case 'inconsistent':
      return 'The target is not reliably met'
    case null:
      return 'No assurance: there is no target, or the measure has no good direction'
  }
}

const RAG_WORD: Readonly<Record<Rag, string>> = { R: 'Red', A: 'Amber', G: 'Green' }

/**
 * "What the statistics say" for the committee report: the RAG status set beside what the chart shows, so members can
 * tell a real change from noise. For example: "Red against target, but common-cause variation: at current
 * performance the target will be missed about as often as it is met."
 */
export function statisticsSentence(rag: Rag | null, spc: IndicatorSpc): string {
  const special = spc.variation !== 'common_cause'
  const improving = spc.variation.startsWith('improvement')
  const concerning = spc.variation.startsWith('concern')
  const variation = !special
    ? 'common-cause variation'
    : improving
      ? `special-cause improvement (${spc.variation.endsWith('high') ? 'higher' : 'lower'} than expected)`
      : concerning
        ? `special-cause concern (${spc.variation.endsWith('high') ? 'higher' : 'lower'} than expected)`
        : `special-cause variation (${spc.variation.endsWith('high') ? 'higher' : 'lower'} than expected)`
  const assurance =
    spc.assurance === 'consistent_pass'
      ? 'at current performance the target will be met consistently'
      : spc.assurance === 'consistent_fail'
        ? 'at current performance the target will not be met without a change to how the service works'
        : spc.assurance === 'inconsistent'
          ? 'at current performance the target will be missed about as often as it is met'
          : 'there is no target to judge assurance against'
  if (rag === null) return `${capitalise(variation)}: ${assurance}.`
  const good = rag === 'G'
  const contrast = good
    ? concerning || spc.assurance === 'inconsistent' || spc.assurance === 'consistent_fail'
    : improving || (!special && spc.assurance !== 'consistent_fail')
  const joiner = contrast ? 'but' : 'and'
  return `${RAG_WORD[rag]} against target, ${joiner} ${variation}: ${assurance}.`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
