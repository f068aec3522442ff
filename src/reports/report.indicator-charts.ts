import type { IndicatorEvaluation, IndicatorResult } from '../domain/judgement/evaluate.ts'
import type { Chart } from '../presentation/charts/index.ts'
import type { ReportCharts } from './report.model.ts'
import { idFor } from './report.sections.ts'

/**
 * Each indicator's own charts for those that get them: the trend and dial, which the committee's sections show, and
 * the SPC chart, whose limits and signals belong in the technical appendix.
 */
export function indicatorChartsFor(
  maker: ReportCharts,
  evaluations: readonly IndicatorEvaluation[],
  histories: ReadonlyMap<string, readonly IndicatorResult[]>,
  wanted: 'all' | 'exceptions' | 'none',
): { readonly charts: Map<string, Chart[]>; readonly spc: Map<string, Chart> } {
  const charts = new Map<string, Chart[]>()
  const spc = new Map<string, Chart>()
  for (const e of evaluations) {
    if (!(wanted === 'all' || (wanted === 'exceptions' && e.exceptionRequired))) continue
    const ref = e.indicator.ref
    charts.set(ref, maker.indicatorCharts(idFor('chart', ref), e, histories.get(ref) ?? []))
    const chart = maker.indicatorSpcChart(idFor('chart-spc', ref), e)
    if (chart !== null) spc.set(ref, chart)
  }
  return { charts, spc }
}
