import { longDateTime } from '../../domain/periods/date-time.ts'
import { actorText } from '../../presentation/audit-actor.ts'
import { type Actor, can } from '../../domain/access/access.ts'
import { toNumber } from '../../domain/figures/decimal.ts'
import { type IndicatorEvaluation, type IndicatorResult, evaluateHistory } from '../../domain/judgement/evaluate.ts'
import type { Observation } from '../../domain/judgement/observation.ts'
import { describePeriod, yearOf } from '../../domain/periods/period.ts'
import { indicatorCharts, indicatorSpcChart } from '../../presentation/charts/plan-charts.ts'
import { spcView } from './spc.view-model.ts'
import type { AuditEvent } from '../../services/index.ts'
import { paths } from '../paths.ts'
import { actualText, dotView, figureText, ragView, statusView } from './common.ts'
import { isDataOnly, ownRulesOf, rulesOf } from '../../domain/judgement/indicator.ts'
import { rulesSentence } from '../../domain/judgement/rules.ts'

const POLARITY_TEXT = { higher: 'Higher is better', lower: 'Lower is better', none: 'No polarity' } as const
const FREQUENCY_TEXT = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' } as const

const ACCUMULATION_TEXT = {
  point: 'Stands alone each period',
  'ytd-sum': 'Year-to-date total',
  'ytd-rate': 'Year-to-date rate (compared with the same point last year, not projected)',
} as const

/** The definition's rows for how the indicator is judged: for information, or its rules in words and whose. */
function rulesRows(indicator: IndicatorEvaluation['indicator']): { key: string; value: string }[] {
  if (isDataOnly(indicator)) return [{ key: 'Kind', value: 'Data-only: for information, never given a status' }]
  const own = Object.keys(ownRulesOf(indicator)).length > 0
  return [
    { key: 'Rules', value: rulesSentence(rulesOf(indicator), indicator.unit) },
    {
      key: 'Rules from',
      value: own ? 'Its own where the indicators file gives them; the plan’s for the rest' : 'The plan’s rules',
    },
  ]
}

/** The history table: every period with an entry, newest first, each judged as it stood. */
function history(evaluationsByPeriod: readonly IndicatorResult[]) {
  return [...evaluationsByPeriod].reverse().map((r) => ({
    period: describePeriod(r.period),
    // A year still in progress holds only its annual target: nothing is missing yet.
    actual: !r.reported && r.period.kind === 'year' ? '–' : actualText(r),
    target: figureText(r.target, r.indicator.unit),
    estimated: r.estimated ? 'Yes' : 'No',
    dataPeriod: r.inArrears && r.dataPeriod ? describePeriod(r.dataPeriod) : '–',
    rag: statusView(r),
    dot: dotView(r.dot),
  }))
}

/** The indicator page: definition, history, charts, commentary and audit trail. */
export function indicatorViewModel(input: {
  plan: { name: string; slug: string }
  observations: readonly Observation[]
  evaluation: IndicatorEvaluation
  owners: readonly string[]
  owned: boolean
  actor: Actor
  audit: readonly AuditEvent[]
}) {
  const { plan, evaluation: e } = input
  const indicator = e.indicator
  const results = evaluateHistory(indicator, input.observations)
  const charts = indicatorCharts('chart', e, results)
  const mayEnter = can(input.actor, 'enter-data', input.owned)
  return {
    title: `${indicator.ref}: ${indicator.title}`,
    ref: indicator.ref,
    indicatorTitle: indicator.title,
    periodLabel: describePeriod(e.period),
    yearLabel: describePeriod(yearOf(e.period)),
    definition: [
      { key: 'Reference', value: indicator.ref },
      { key: 'Definition', value: indicator.title },
      { key: 'Theme', value: indicator.theme },
      {
        key: 'Owner',
        value: [...input.owners, ...(indicator.owner ? [indicator.owner] : [])].join(', ') || 'Not assigned',
      },
      { key: 'Frequency', value: FREQUENCY_TEXT[indicator.frequency] },
      { key: 'Polarity', value: POLARITY_TEXT[indicator.polarity] },
      { key: 'Unit', value: indicator.unit || '–' },
      {
        key: 'Accumulation',
        value: ACCUMULATION_TEXT[indicator.accumulation],
      },
      ...rulesRows(indicator),
      {
        key: 'RAG method',
        value:
          indicator.ragMethod === 'forecast'
            ? 'Forecast against the annual target'
            : 'Tolerance against the period target',
      },
    ],
    current: {
      actual: actualText(e),
      target: figureText(e.target, indicator.unit),
      rag: statusView(e),
      dot: dotView(e.dot),
      dotLongTerm: indicator.dotBasis === 'both' ? dotView(e.dotLongTerm) : null,
      dotLongTermNone: indicator.dotBasis === 'both' && e.dotLongTerm === null && e.reported,
      ruleText: e.ruleText,
      forecast: e.forecast
        ? `${figureText({ kind: 'number', text: String(toNumber(e.forecast.projected)), value: e.forecast.projected }, indicator.unit)} projected for the year (${ragView(e.forecast.suggestedRag).label} against the annual target)`
        : null,
      exceptionRequired: e.exceptionRequired,
    },
    history: history(results),
    charts,
    spc: spcView(e),
    spcChart: indicatorSpcChart('chart-spc', e),
    commentary: results
      .filter((r) => r.commentary)
      .reverse()
      .map((r) => ({ period: describePeriod(r.period), text: r.commentary ?? '' })),
    audit: input.audit.map((event) => ({
      at: longDateTime(event.at),
      who: actorText(event),
      what: `${event.entity === 'exception-report' ? 'Exception report ' : ''}${event.field.replaceAll('_', ' ')}${event.period ? ` (${event.period})` : ''}`,
      from: event.oldValue ?? '–',
      to: event.newValue ?? '–',
      reason: event.reason ?? event.source,
    })),
    links: {
      entry: mayEnter ? paths.entry(plan.slug, indicator.ref, e.period) : null,
      definition: can(input.actor, 'edit-framework') ? paths.definition(plan.slug, indicator.ref) : null,
      annualTarget: can(input.actor, 'edit-framework') ? paths.entry(plan.slug, indicator.ref, yearOf(e.period)) : null,
      exceptionReport:
        mayEnter && e.exceptionRequired ? paths.exceptionReport(plan.slug, indicator.ref, e.period) : null,
      dashboard: paths.dashboard(plan.slug, e.period),
      rules: paths.rules(plan.slug),
    },
  }
}
