import { type Decimal, parseDecimal } from './decimal.ts'
import { DomainError } from './errors.ts'
import type { ValueType } from './indicator.ts'

/** RAG status: Red, Amber, Green. */
export type Rag = 'R' | 'A' | 'G'
export const RAGS: readonly Rag[] = ['G', 'A', 'R']

/**
 * A reported figure. Numbers and ranks carry an exact decimal for judging; every figure keeps the text as given,
 * so "1st" and "Top" appear in reports exactly as the owner wrote them.
 */
export type Figure =
  | { readonly kind: 'number'; readonly text: string; readonly value: Decimal }
  | { readonly kind: 'rank'; readonly text: string; readonly value: Decimal }
  | { readonly kind: 'text'; readonly text: string }

const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/
const RANK = /^(\d+)(st|nd|rd|th)?$/i

/** Reads an actual or target as the indicator's value type; the error says what to enter instead. */
export function parseFigure(valueType: ValueType, input: string): Figure {
  const text = input.trim()
  switch (valueType) {
    case 'number': {
      // Excel writes 10,995 for a number formatted with separators; accept exactly that grouping.
      const plain = GROUPED_NUMBER.test(text) ? text.replaceAll(',', '') : text
      const value = parseDecimal(plain)
      if (!value) {
        throw new DomainError(
          'invalid-value',
          `"${input}" is not a number. Enter a number such as 57.59 or -15.5, without units or symbols.`,
        )
      }
      return { kind: 'number', text, value }
    }
    case 'rank': {
      const match = RANK.exec(text)
      const position = match ? parseDecimal(match[1] ?? '') : null
      if (!position || position.units < 1n) {
        throw new DomainError('invalid-value', `"${input}" is not a rank. Enter a position such as 1 or 1st.`)
      }
      return { kind: 'rank', text, value: position }
    }
    case 'text':
      if (text === '')
        throw new DomainError('invalid-value', 'The value is empty. Enter the text, such as Top quartile.')
      return { kind: 'text', text }
    case 'status':
      throw new DomainError(
        'invalid-value',
        `A status-only indicator has no figure, but "${input}" was given. Leave the actual empty and give the status (G, A or R).`,
      )
  }
}

const RAG_WORDS: ReadonlyMap<string, Rag> = new Map([
  ['G', 'G'],
  ['GREEN', 'G'],
  ['A', 'A'],
  ['AMBER', 'A'],
  ['R', 'R'],
  ['RED', 'R'],
])

/** Reads a RAG letter, accepting the words too ("Green"). */
export function parseRag(input: string): Rag {
  const rag = RAG_WORDS.get(input.trim().toUpperCase())
  if (rag === undefined) throw new DomainError('invalid-value', `"${input}" is not a RAG status. Use G, A or R.`)
  return rag
}

/** Texts match when they differ only in case and spacing ("Top quartile" and "top  quartile"). */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase()
  return norm(a) === norm(b)
}

export function ragName(rag: Rag): 'green' | 'amber' | 'red' {
  return rag === 'G' ? 'green' : rag === 'A' ? 'amber' : 'red'
}
