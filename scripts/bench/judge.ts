/**
 * Judging one quarter for 100,000 indicators in the engine (src/domain, no database): `evaluatePlan`, as the
 * dashboard and the report call it (RAG, direction of travel, forecast, the previous period and last year, the SPC
 * chart, the summary), against a bare loop over the same rows that finds each indicator's figure and target for the
 * quarter and compares them as numbers.
 */
import { performance } from 'node:perf_hooks'
import { evaluateIndicatorAt } from '../../src/domain/judgement/evaluate.ts'
import { ObservationIndex } from '../../src/domain/judgement/observation-index.ts'
import type { Indicator } from '../../src/domain/judgement/indicator.ts'
import type { Observation } from '../../src/domain/judgement/observation.ts'
import { type Period, formatPeriod, parsePeriod, previousPeriod } from '../../src/domain/periods/period.ts'
import { type PlanData, evaluatePlan } from '../../src/domain/judgement/plan.ts'
import { type Scale, type SyntheticPlan, generatePlan, judgedQuarter } from './generate.ts'

export interface JudgeResult {
  readonly indicators: number
  readonly rows: number
  /** evaluatePlan for the quarter: everything the dashboard shows. */
  readonly engineMs: number
  /** The judgement alone (the quarter, the previous quarter and last year), without the SPC chart and summary. */
  readonly judgementOnlyMs: number
  readonly bareLoopMs: number
}

/** A plan in the engine's terms, as the store would hand it over. */
export function toPlanData(plan: SyntheticPlan): PlanData {
  const byRef = new Map<string, Observation[]>()
  const periods = new Map<string, Period>()
  const period = (text: string): Period => {
    let found = periods.get(text)
    if (!found) periods.set(text, (found = parsePeriod(text)))
    return found
  }
  for (const o of plan.observations) {
    let list = byRef.get(o.ref)
    if (!list) byRef.set(o.ref, (list = []))
    list.push({
      period: period(o.period),
      dataPeriod: null,
      actual: o.actual === '' ? null : o.actual,
      target: o.target === '' ? null : o.target,
      estimated: o.estimated === 'yes',
      status: o.status === '' ? null : o.status,
      notReported: o.notReported === '' ? null : o.notReported,
      note: o.note === '' ? null : o.note,
      numerator: null,
      denominator: null,
    })
  }
  return {
    name: plan.name,
    indicators: plan.indicators.map((i) => {
      const indicator: Indicator = { ...i, valueType: 'number', owner: null, ciMethod: null, multiplier: null }
      return { indicator, observations: byRef.get(i.ref) ?? [] }
    }),
  }
}

/** The least a judgement can be: find the quarter's row and the previous one, compare figure and target. */
function bareLoop(data: PlanData, quarter: Period): number {
  const key = formatPeriod(quarter)
  const previousKey = formatPeriod(previousPeriod(quarter))
  let met = 0
  let moved = 0
  for (const { indicator, observations } of data.indicators) {
    let current: Observation | undefined
    let previous: Observation | undefined
    for (const o of observations) {
      const k = formatPeriod(o.period)
      if (k === key) current = o
      else if (k === previousKey) previous = o
    }
    if (!current?.actual || !current.target) continue
    const actual = Number(current.actual)
    const better = indicator.polarity === 'lower' ? actual <= Number(current.target) : actual >= Number(current.target)
    if (better) met += 1
    if (previous?.actual && Number(previous.actual) !== actual) moved += 1
  }
  return met + moved
}

export function measureJudging(indicators: number, log: (text: string) => void): JudgeResult {
  const scale: Scale = {
    name: 'small',
    organisations: 1,
    indicatorsPerOrganisation: indicators,
    years: 4,
    frequency: 'quarterly',
    lastYear: 2024,
  }
  log(`  judging: generating ${indicators.toLocaleString('en-GB')} quarterly indicators, 4 years each`)
  const data = toPlanData(generatePlan(scale, 0))
  const rows = data.indicators.reduce((sum, { observations }) => sum + observations.length, 0)
  const quarter = judgedQuarter(scale)
  // Warm up the engine's code paths on a slice, so the timing is of the engine rather than the JIT.
  const slice: PlanData = { name: data.name, indicators: data.indicators.slice(0, 2000) }
  evaluatePlan(slice, quarter)
  bareLoop(slice, quarter)

  let start = performance.now()
  bareLoop(data, quarter)
  const bareLoopMs = performance.now() - start

  start = performance.now()
  for (const { indicator, observations } of data.indicators) {
    const index = new ObservationIndex(observations)
    evaluateIndicatorAt(indicator, index, quarter)
    evaluateIndicatorAt(indicator, index, previousPeriod(quarter))
    evaluateIndicatorAt(indicator, index, { kind: 'year', year: quarter.year - 1 })
  }
  const judgementOnlyMs = performance.now() - start

  start = performance.now()
  const evaluation = evaluatePlan(data, quarter)
  const engineMs = performance.now() - start
  if (evaluation.evaluations.length !== indicators) throw new Error('the engine lost indicators')
  return { indicators, rows, engineMs, judgementOnlyMs, bareLoopMs }
}
