import { toNumber } from '../domain/figures/decimal.ts'
import { precisionOf } from '../domain/figures/precision.ts'
import type { Figure } from '../domain/figures/value.ts'
import type { IndicatorEvaluation, IndicatorResult } from '../domain/judgement/evaluate.ts'
import { formatPeriod, periodEndDate } from '../domain/periods/period.ts'
import { NOT_REPORTED_TEXT } from '../presentation/format.ts'

/**
 * A line's figures as numbers, for a spreadsheet to sort, sum and chart: each with the indicator's unit and its own
 * precision, and why there is no figure kept apart from the figure.
 */
export interface FigureCells {
  readonly unit: string
  /** The indicator's own precision: the most decimal places any of its figures is given to. */
  readonly decimals: number
  /** The actual as a number (a number or a rank), as its text (a text figure), or null where there is none. */
  readonly actual: number | string | null
  readonly target: number | string | null
  /** Why there is no figure, where the indicator was not reported; null otherwise. */
  readonly notReported: string | null
  /** The period the figure is for, where it is reported in arrears ("2013/14 Q1"); null otherwise. */
  readonly figureFor: string | null
  /** The last day of the period the line is for, as an ISO date, for a chart's time axis. */
  readonly periodEnds: string
}

/** A figure as a spreadsheet cell holds it: a number for a number or rank, the text of a text. */
export function cellValue(figure: Figure | null): number | string | null {
  if (figure === null) return null
  return figure.kind === 'text' ? figure.text : toNumber(figure.value)
}

/** An indicator's own precision, from every figure the report shows of it: this period's, the last two, its history. */
export function indicatorPrecision(e: IndicatorEvaluation, history: readonly IndicatorResult[] = []): number {
  return precisionOf([
    e.actual,
    e.target,
    e.annualTarget,
    e.previous.actual,
    e.previous.target,
    e.lastYear.actual,
    e.lastYear.target,
    ...history.flatMap((r) => [r.actual, r.target]),
  ])
}

/** A judgement's figures as cells, at the indicator's precision. */
export function figureCells(result: IndicatorResult, decimals: number): FigureCells {
  const yearInProgress = !result.reported && result.period.kind === 'year'
  return {
    unit: result.indicator.unit,
    decimals,
    actual: cellValue(result.actual),
    target: cellValue(result.target),
    // A year still in progress holds only its annual target: nothing is missing yet.
    notReported: result.reported || yearInProgress ? null : NOT_REPORTED_TEXT[result.notReported ?? 'not-available'],
    figureFor: result.inArrears && result.dataPeriod ? formatPeriod(result.dataPeriod) : null,
    periodEnds: periodEndDate(result.period),
  }
}
