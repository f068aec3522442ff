import { type Decimal, decimalToString, negate, parseDecimal } from '../figures/decimal.ts'

/**
 * Amounts as budget monitoring papers write them: "1,284", "-137", "(137)" (brackets for a negative), "−137" with
 * a minus sign or dash, optionally with a leading £. Thousands separators must group in threes.
 * Returns null for anything else (the caller says what is accepted).
 */
export function parseAmount(input: string): Decimal | null {
  let text = input.trim().replace(/^[\u2212\u2013]/, '-')
  let negative = false
  const bracketed = /^\((.*)\)$/.exec(text)
  if (bracketed) {
    negative = true
    text = (bracketed[1] ?? '').trim()
    if (text.startsWith('-')) return null
  }
  if (text.startsWith('-')) {
    negative = true
    text = text.slice(1)
  }
  text = text.replace(/^£/, '')
  if (text.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return null
    text = text.replace(/,/g, '')
  }
  if (text.startsWith('+') || text.startsWith('-')) return null
  const value = parseDecimal(text)
  if (value === null) return null
  return negative ? negate(value) : value
}

/** An amount with thousands separators, negatives with a minus as the papers print budgets: "-4,447", "17,978". */
export function formatAmount(value: Decimal): string {
  const text = decimalToString(value)
  const negative = text.startsWith('-')
  const [whole = '', fraction] = (negative ? text.slice(1) : text).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}

/** A variance as the papers print it: adverse (negative) in brackets, "(137)"; favourable plain, "106". */
export function formatVariance(value: Decimal): string {
  const text = formatAmount(value)
  return text.startsWith('-') ? `(${text.slice(1)})` : text
}
