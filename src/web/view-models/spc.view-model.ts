import type { IndicatorEvaluation } from '../../domain/judgement/evaluate.ts'
import {
  SPC_MINIMUM_POINTS,
  describeAssurance,
  describeVariation,
  statisticsSentence,
} from '../../domain/statistics/indicator-spc.ts'
import { intervalSentence } from '../../domain/statistics/interval-text.ts'
import type { AssuranceIcon, VariationIcon } from '../../domain/statistics/spc.ts'

/** The icon's colour class and a short label for tables: Making Data Count's blue, orange, purple and grey. */
const VARIATION_SHORT: Readonly<Record<VariationIcon, { label: string; modifier: string; arrow: string }>> = {
  improvement_high: { label: 'Improvement', modifier: 'improvement', arrow: '↑' },
  improvement_low: { label: 'Improvement', modifier: 'improvement', arrow: '↓' },
  concern_high: { label: 'Concern', modifier: 'concern', arrow: '↑' },
  concern_low: { label: 'Concern', modifier: 'concern', arrow: '↓' },
  neutral_high: { label: 'Special cause', modifier: 'neutral', arrow: '↑' },
  neutral_low: { label: 'Special cause', modifier: 'neutral', arrow: '↓' },
  common_cause: { label: 'Common cause', modifier: 'common', arrow: '' },
}
const ASSURANCE_SHORT: Readonly<Record<AssuranceIcon, { label: string; modifier: string }>> = {
  consistent_pass: { label: 'Pass', modifier: 'improvement' },
  consistent_fail: { label: 'Fail', modifier: 'concern' },
  inconsistent: { label: 'Hit and miss', modifier: 'common' },
}

const REASON = {
  'not-a-number': 'A rank, text or status has no SPC chart.',
  cumulative: 'A year-to-date total restarts each April, so it has no SPC chart.',
  'too-few-points': `An SPC chart needs at least ${SPC_MINIMUM_POINTS} figures at the indicator's frequency.`,
} as const

/** The SPC icons and sentence for an indicator page or a dashboard row; null icons when there is no chart. */
export function spcView(e: IndicatorEvaluation) {
  const outcome = e.statistics
  const interval = e.interval ? intervalSentence(e.interval, e.indicator.unit) : null
  if (!outcome.spc) {
    return {
      variation: null,
      assurance: null,
      statement: null,
      interval,
      reason:
        outcome.reason === 'too-few-points'
          ? `${REASON['too-few-points']} It has ${outcome.pointCount}.`
          : REASON[outcome.reason],
    }
  }
  const spc = outcome.spc
  const variation = VARIATION_SHORT[spc.variation]
  return {
    variation: { ...variation, text: describeVariation(spc.variation) },
    assurance: spc.assurance
      ? { ...ASSURANCE_SHORT[spc.assurance], text: describeAssurance(spc.assurance) }
      : { label: 'No target', modifier: 'common', text: describeAssurance(null) },
    statement: statisticsSentence(e.rag, spc),
    interval,
    reason: null,
  }
}
