import type { IndicatorEvaluation, IndicatorResult } from '../domain/judgement/evaluate.ts'
import type { Chart } from '../presentation/charts/index.ts'
import type { ReportCharts } from './report.model.ts'
import { idFor } from './report.sections.ts'

/** Each indicator's own charts (trend, dial, SPC) for those that get them. */
export function indicatorChartsFor(
  maker: ReportCharts,
  evaluations: readonly IndicatorEvaluation[],
  histories: ReadonlyMap<string, readonly IndicatorResult[]>,
  wanted: 'all' | 'exceptions' | 'none',
): Map<string, Chart[]> {
  return new Map(
    evaluations
      .filter((e) => wanted === 'all' || (wanted === 'exceptions' && e.exceptionRequired))
      .map((e) => [
        e.indicator.ref,
        [
          ...maker.indicatorCharts(idFor('chart', e.indicator.ref), e, histories.get(e.indicator.ref) ?? []),
          ...[maker.indicatorSpcChart(idFor('chart-spc', e.indicator.ref), e)].filter((c) => c !== null),
        ],
      ]),
  )
}
