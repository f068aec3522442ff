import { type Decimal, parseDecimal, plainDecimalNumber, toNumber } from './decimal.ts'
import { DomainError } from '../errors.ts'
import type { ValueType } from '../judgement/indicator.ts'

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
          `"${input}" is not a number. Enter a number such as 12.5 or -2.5, without units or symbols.`,
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

/** A stored figure as the engine reads it: the figure, and the number a chart plots (null for a text). */
interface ReadFigure {
  readonly figure: Figure | null
  readonly number: number | null
}

/**
 * Figures read so far, by value type and text. A figure is immutable and a plan repeats the same few thousand texts
 * (a target every quarter, 57.3 across indicators), so each is read once; past the limit the memory starts afresh.
 */
const READ_LIMIT = 50_000
const READ: Record<Exclude<ValueType, 'status'>, Map<string, ReadFigure>> = {
  number: new Map(),
  rank: new Map(),
  text: new Map(),
}
const UNREADABLE: ReadFigure = { figure: null, number: null }

function readFigure(valueType: ValueType, text: string): ReadFigure {
  if (valueType === 'status') return UNREADABLE
  const memory = READ[valueType]
  let read = memory.get(text)
  if (read === undefined) {
    let figure: Figure | null
    try {
      figure = parseFigure(valueType, text)
    } catch {
      // Stored figures are validated on the way in; a definition changed since then leaves them unjudged.
      figure = null
    }
    read = { figure, number: figure === null || figure.kind === 'text' ? null : toNumber(figure.value) }
    if (memory.size >= READ_LIMIT) memory.clear()
    memory.set(text, read)
  }
  return read
}

/**
 * A stored actual or target as the indicator's value type, or null when there is none or it no longer reads as that
 * type (a definition changed since it was entered). The same figure object is returned for the same text.
 */
export function storedFigure(valueType: ValueType, text: string | null): Figure | null {
  return text === null ? null : readFigure(valueType, text).figure
}

/** A stored number or rank as a plain number for a chart, or null (no figure, a text, or unreadable). */
export function storedNumber(valueType: ValueType, text: string | null): number | null {
  if (text === null) return null
  // A chart reads every figure of an indicator; most are plain decimals, read faster from the text than looked up.
  if (valueType === 'number') {
    const plain = plainDecimalNumber(text)
    if (!Number.isNaN(plain)) return plain
  }
  return readFigure(valueType, text).number
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
  return normaliseText(a) === normaliseText(b)
}

function normaliseText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase()
}

export function ragName(rag: Rag): 'green' | 'amber' | 'red' {
  return rag === 'G' ? 'green' : rag === 'A' ? 'amber' : 'red'
}
