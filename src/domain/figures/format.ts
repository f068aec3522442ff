import type { Figure } from './value.ts'

/**
 * A figure with its unit, as committee papers print it: 57.59%, £18.5m, 8.69 days, 3,802. Ranks and texts are
 * shown as given. Counts get thousands separators; other figures keep the decimals the owner gave.
 */
export function formatFigure(figure: Figure, unit: string): string {
  if (figure.kind !== 'number') return figure.text
  const [whole = '', fraction] = figure.text.replace(/^[+]/, '').split('.')
  const negative = whole.startsWith('-')
  const digits = negative ? whole.slice(1) : whole
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits
  const number = `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
  switch (unit) {
    case '%':
      return `${number}%`
    case '£':
      return `${negative ? '-' : ''}£${number.replace(/^-/, '')}`
    case '£m':
    case '£k':
      return `${negative ? '-' : ''}£${number.replace(/^-/, '')}${unit.slice(1)}`
    case '':
    case 'count':
    case 'rank':
      return number
    default:
      return `${number} ${unit}`
  }
}
