import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toNumber } from '../../../src/domain/figures/decimal.ts'
import type { ValueType } from '../../../src/domain/judgement/indicator.ts'
import { type Figure, parseFigure, storedFigure, storedNumber } from '../../../src/domain/figures/value.ts'

/** What the engine made of a stored figure before it remembered them: parseFigure, with null for what it refuses. */
function parsedOrNull(valueType: ValueType, text: string): Figure | null {
  try {
    return parseFigure(valueType, text)
  } catch {
    return null
  }
}

describe('stored figures, read once and remembered', () => {
  const texts = [
    '57.59',
    '-15.5',
    '82.0',
    ' 4.4 ',
    '10,995',
    '1,234.50',
    '9007199254740993',
    '0.000000000001',
    '-0',
    '1st',
    '2ND',
    '0',
    '12th',
    'Top quartile',
    '',
    '£3',
    'n/a',
  ]
  for (const valueType of ['number', 'rank', 'text', 'status'] as const) {
    it(`reads ${valueType} figures as parseFigure does, the same object each time`, () => {
      for (const text of texts) {
        const expected = valueType === 'status' ? null : parsedOrNull(valueType, text)
        const figure = storedFigure(valueType, text)
        assert.deepEqual(figure, expected, `"${text}"`)
        assert.equal(storedFigure(valueType, text), figure)
        assert.equal(
          storedNumber(valueType, text),
          expected === null || expected.kind === 'text' ? null : toNumber(expected.value),
        )
      }
      assert.equal(storedFigure(valueType, null), null)
      assert.equal(storedNumber(valueType, null), null)
    })
  }

  it('stays right past the number of figures it remembers', () => {
    for (let i = 0; i < 120_000; i += 1) {
      const text = `${i}.5`
      const figure = storedFigure('number', text)
      assert.ok(figure?.kind === 'number')
      assert.equal(figure.text, text)
      assert.equal(storedNumber('number', text), i + 0.5)
    }
    assert.deepEqual(storedFigure('number', '57.59'), parseFigure('number', '57.59'))
  })
})
