import { parseDecimal } from '../figures/decimal.ts'
import { formatFigure } from '../figures/format.ts'
import type { IndicatorInterval } from './indicator-interval.ts'

const METHOD = { wilson: 'Wilson score', exact: 'exact Poisson', byars: "Byar's method" } as const

/** A computed number for reading, to one decimal place as Fingertips shows them: 35.614… becomes "35.6%". */
export function roundedFigure(value: number, unit: string): string {
  const text = value.toFixed(1)
  const decimal = parseDecimal(text)
  return decimal ? formatFigure({ kind: 'number', text, value: decimal }, unit) : text
}

/**
 * A figure's interval and comparisons in words, for the indicator page and the committee report: "95% confidence
 * interval 35.6% to 54.8% (Wilson score, 45 of 100). Compared with England (40.2%): similar."
 */
export function intervalSentence(interval: IndicatorInterval, unit: string): string {
  const level = `${Number((interval.confidence * 100).toFixed(1))}%`
  const counts = `${interval.numerator.toLocaleString('en-GB')} of ${interval.denominator.toLocaleString('en-GB')}`
  const range = `${level} confidence interval ${roundedFigure(interval.lower, unit)} to ${roundedFigure(interval.upper, unit)} (${METHOD[interval.method]}, ${counts}).`
  const comparisons = interval.comparisons.map(
    (c) => `Compared with ${c.comparator} (${roundedFigure(c.value, unit)}): ${c.result.replace('-', ' ')}.`,
  )
  return [range, ...comparisons].join(' ')
}
