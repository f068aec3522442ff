import { toNumber } from '../domain/decimal.ts'
import type { IndicatorEvaluation, IndicatorResult } from '../domain/evaluate.ts'
import { describePeriod, formatPeriod } from '../domain/period.ts'
import type { PlanEvaluation } from '../domain/plan.ts'
import type { Figure } from '../domain/value.ts'
import {
  type Chart,
  dialChart,
  directionChart,
  dotRagBubbleChart,
  ragByThemeChart,
  trendChart,
} from './charts/index.ts'

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
