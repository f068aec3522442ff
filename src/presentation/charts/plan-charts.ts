import { decimalFromNumber, toNumber } from '../../domain/figures/decimal.ts'
import { MAX_PRECISION } from '../../domain/figures/precision.ts'
import type { IndicatorEvaluation, IndicatorResult } from '../../domain/judgement/evaluate.ts'
import { describeAssurance, describeVariation } from '../../domain/statistics/indicator-spc.ts'
import { describePeriod, formatPeriod } from '../../domain/periods/period.ts'
import type { PlanEvaluation } from '../../domain/judgement/plan.ts'
import type { Figure } from '../../domain/figures/value.ts'
import {
  type Chart,
  dialChart,
  directionChart,
  dotRagBubbleChart,
  ragByThemeChart,
  type SpcChartPoint,
  spcChart,
  trendChart,
} from './index.ts'

/** The charts every dashboard and report shows, from a plan's evaluation. */
export function summaryCharts(evaluation: PlanEvaluation): Chart[] {
  const themes = [...new Set(evaluation.evaluations.map((e) => e.indicator.theme))]
  const byTheme = themes.map((theme) => {
    const inTheme = evaluation.evaluations.filter((e) => e.indicator.theme === theme)
    const count = (test: (e: IndicatorEvaluation) => boolean): number => inTheme.filter(test).length
    return {
      theme,
      G: count((e) => e.rag === 'G'),
      A: count((e) => e.rag === 'A'),
      R: count((e) => e.rag === 'R'),
      none: count((e) => e.reported && e.rag === null),
      notReported: count((e) => !e.reported),
    }
  })
  const points = (['G', 'A', 'R'] as const).flatMap((rag) =>
    (['improved', 'same', 'worse', 'none'] as const).map((dot) => ({
      rag,
      dot,
      count: evaluation.evaluations.filter((e) => e.rag === rag && (e.dot ?? 'none') === dot).length,
    })),
  )
  return [
    ragByThemeChart('chart-rag-by-theme', byTheme),
    directionChart('chart-direction', evaluation.summary.dot),
    dotRagBubbleChart('chart-bubble', points),
  ]
}

function numeric(figure: Figure | null): number | null {
  return figure && figure.kind !== 'text' ? toNumber(figure.value) : null
}

/**
 * An indicator's own charts: its trend against target over the periods given (oldest first), and a dial showing
 * where this period's actual sits against the RAG bands. Either is left out where there is nothing to draw.
 */
export function indicatorCharts(idPrefix: string, e: IndicatorResult, history: readonly IndicatorResult[]): Chart[] {
  const indicator = e.indicator
  const charts: Chart[] = []
  const points = history
    .filter((r) => r.period.kind !== 'year' && (r.reported || r.target))
    .map((r) => ({ period: formatPeriod(r.period), actual: numeric(r.actual), target: numeric(r.target), rag: r.rag }))
  if (points.some((p) => p.actual !== null)) {
    charts.push(
      trendChart(`${idPrefix}-trend`, {
        title: `${indicator.ref}: actual against target`,
        unit: indicator.unit,
        points,
      }),
    )
  }
  const actual = numeric(e.actual)
  const target = numeric(e.target)
  if (actual !== null && target !== null) {
    charts.push(
      dialChart(`${idPrefix}-dial`, {
        title: `${indicator.ref} at ${describePeriod(e.period)} against its RAG bands`,
        actual,
        target,
        amberLimit: e.amberLimit ? toNumber(e.amberLimit) : null,
        polarity: indicator.polarity,
        unit: indicator.unit,
        rag: e.rag,
      }),
    )
  }
  return charts
}

/** The SPC chart of an indicator's figures to date, or null when it has none (too few points, not a number). */
export function indicatorSpcChart(id: string, e: IndicatorEvaluation): Chart | null {
  const spc = e.statistics.spc
  if (!spc) return null
  const points: SpcChartPoint[] = spc.points.map((point, index) => {
    const group = spc.groups.find((g) => g.start <= index && index <= g.end)
    const period = spc.periods[index]
    return {
      period: period ? formatPeriod(period) : String(index),
      value: point.value,
      mean: group?.mean ?? point.value,
      lpl: group?.lpl ?? null,
      upl: group?.upl ?? null,
      target: spc.targets[index] ?? null,
      type: point.type,
      rule: point.rule,
    }
  })
  return spcChart(id, {
    title: `${e.indicator.ref}: statistical process control chart`,
    unit: e.indicator.unit,
    variationText: describeVariation(spc.variation),
    assuranceText: describeAssurance(spc.assurance),
    points,
    // The figures' own decimal places, so the mean and limits read as the figures do.
    decimals: Math.min(MAX_PRECISION, Math.max(0, ...spc.points.map((p) => decimalFromNumber(p.value).scale))),
  })
}
