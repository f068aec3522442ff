import { roundedText } from '../domain/figures/precision.ts'
import type { IndicatorEvaluation } from '../domain/judgement/evaluate.ts'
import { formatPeriod } from '../domain/periods/period.ts'
import { type IndicatorSpc, statisticsSentence } from '../domain/statistics/indicator-spc.ts'
import { roundedFigure, intervalSentence } from '../domain/statistics/interval-text.ts'
import type { Chart } from '../presentation/charts/index.ts'
import { comparisonWords, spcInWords } from '../domain/statistics/spc-words.ts'

/**
 * The statistics two ways: in members' words for the committee's tables (what the chart and the comparisons say,
 * with no method names or limits), and in full for the technical appendix (the method's own terms, the mean and
 * process limits at the indicator's precision, the confidence interval and how it was computed). Pure.
 */

/** One indicator's statistics as the technical appendix gives them. */
export interface TechnicalNote {
  readonly ref: string
  readonly title: string
  /** The SPC reading in the method's terms: "Red against target, and special-cause concern (higher than expected)...". */
  readonly method: string | null
  /** The latest period's mean and process limits, at the indicator's precision, and the points they come from. */
  readonly limits: string | null
  /** The confidence interval, its method and counts, and each comparison. */
  readonly interval: string | null
  /** The SPC chart with its data table (each point's mean, limits and signal), where the format draws it. */
  readonly chart: Chart | null
}

/** What the statistics say in members' words, for a committee table; null where there are no statistics. */
export function statisticsInWords(e: IndicatorEvaluation): string | null {
  const said = [
    e.statistics.spc ? spcInWords(e.statistics.spc, e.indicator.frequency) : null,
    ...(e.interval?.comparisons ?? []).map((c) => {
      const words = comparisonWords(c.result, c.comparator, roundedFigure(c.value, e.indicator.unit))
      return words ? `${words}.` : null
    }),
  ].filter((t) => t !== null)
  return said.length > 0 ? said.join(' ') : null
}

/** "Mean 50.31%, process limits 46.83% to 53.80%, from 17 points (2012-05 to 2013-09)." */
export function limitsSentence(spc: IndicatorSpc, unit: string, decimals: number): string | null {
  const group = spc.groups.at(-1)
  if (group === undefined) return null
  const first = spc.periods[group.start]
  const last = spc.periods[group.end]
  const points = group.end - group.start + 1
  const span = first && last ? ` (${formatPeriod(first)} to ${formatPeriod(last)})` : ''
  const limits =
    group.lpl !== null && group.upl !== null
      ? `, process limits ${roundedText(group.lpl, unit, decimals)} to ${roundedText(group.upl, unit, decimals)}`
      : ', no process limits'
  return `Mean ${roundedText(group.mean, unit, decimals)}${limits}, from ${points} points${span}.`
}

/** The technical appendix: each indicator with an SPC chart or a confidence interval, in the method's terms. */
export function technicalNotes(
  evaluations: readonly IndicatorEvaluation[],
  decimalsOf: (e: IndicatorEvaluation) => number,
  charts: ReadonlyMap<string, Chart> = new Map(),
): TechnicalNote[] {
  return evaluations
    .filter((e) => e.statistics.spc !== null || e.interval !== null)
    .map((e) => {
      const spc = e.statistics.spc
      return {
        ref: e.indicator.ref,
        title: e.indicator.title,
        method: spc ? statisticsSentence(e.rag, spc) : null,
        limits: spc ? limitsSentence(spc, e.indicator.unit, decimalsOf(e)) : null,
        interval: e.interval ? intervalSentence(e.interval, e.indicator.unit) : null,
        chart: charts.get(e.indicator.ref) ?? null,
      }
    })
}
