import { parseDecimal } from './decimal.ts'
import { formatFigure } from './format.ts'
import type { Figure } from './value.ts'

/** The most decimal places an indicator's figures are given to that Outturn keeps in a rounded figure. */
export const MAX_PRECISION = 6

/** How many decimal places a figure is given to, as written ("57.50" has 2, "52" and "1st" none, a text none). */
export function decimalsOf(figure: Figure | null): number {
  if (figure === null || figure.kind !== 'number') return 0
  const point = figure.text.indexOf('.')
  return point < 0 ? 0 : figure.text.length - point - 1
}

/**
 * An indicator's own precision: the most decimal places any of its figures (actuals and targets) is given to, so a
 * figure worked out from them (a limit, a mean, an interval) is shown as the indicator's own figures are.
 */
export function precisionOf(figures: Iterable<Figure | null>): number {
  let most = 0
  for (const figure of figures) most = Math.max(most, decimalsOf(figure))
  return Math.min(most, MAX_PRECISION)
}

/**
 * A worked-out number to the indicator's precision, with its unit, as the committee reads it: 4.1559 for a
 * percentage given to one place is "4.2%"; -0.04 to one place is "0.0" (never "-0.0").
 */
export function roundedText(value: number, unit: string, decimals: number): string {
  const places = Math.min(Math.max(0, Math.trunc(decimals)), MAX_PRECISION)
  let text = value.toFixed(places)
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1)
  const decimal = parseDecimal(text)
  return decimal ? formatFigure({ kind: 'number', text, value: decimal }, unit) : text
}
