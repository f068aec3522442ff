import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { placeholderReason } from '../../../src/domain/figures/placeholder.ts'

const CASES: readonly [text: string, reason: string | null][] = [
  ['n/a', 'not-available'],
  ['N/A', 'not-available'],
  ['N/a', 'not-available'],
  [' n/a ', 'not-available'],
  ['na', 'not-available'],
  ['NA', 'not-available'],
  ['-', 'not-available'],
  ['–', 'not-available'],
  ['..', 'not-available'],
  ['tbc', 'not-available'],
  ['TBC', 'not-available'],
  ['x', 'suppressed'],
  ['X', 'suppressed'],
  ['*', 'suppressed'],
  // Figures, empty cells and other text are not placeholders.
  ['', null],
  ['0', null],
  ['-1', null],
  ['1,284', null],
  ['...', null],
  ['.', null],
  ['—', null],
  ['--', null],
  ['n.a.', null],
  ['nil', null],
  ['xx', null],
  ['**', null],
  ['Top quartile', null],
  ['not available', null],
]

describe('placeholders in a figure cell', () => {
  for (const [text, reason] of CASES) {
    it(`reads ${JSON.stringify(text)} as ${reason ?? 'not a placeholder'}`, () => {
      assert.equal(placeholderReason(text), reason)
    })
  }
})
