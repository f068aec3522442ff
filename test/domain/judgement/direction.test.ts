import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { directionOfTravel } from '../../../src/domain/judgement/direction.ts'
import type { Polarity, ValueType } from '../../../src/domain/judgement/indicator.ts'
import { parseFigure } from '../../../src/domain/figures/value.ts'

describe('direction of travel', () => {
  const cases: [
    name: string,
    polarity: Polarity,
    type: ValueType,
    current: string,
    previous: string,
    target: string | null,
    dot: string | null,
  ][] = [
    ['higher is better and it rose', 'higher', 'number', '57.59', '53.05', null, 'improved'],
    ['higher is better and it fell', 'higher', 'number', '94', '105', null, 'worse'],
    ['lower is better and it rose', 'lower', 'number', '8.69', '7.84', null, 'worse'],
    ['lower is better and it fell', 'lower', 'number', '17.6', '18.3', null, 'improved'],
    ['unchanged', 'higher', 'number', '18.5', '18.50', null, 'same'],
    ['negative figures, higher is better', 'higher', 'number', '-5.06', '-6.9', null, 'improved'],
    ['no polarity and unchanged', 'none', 'number', '5', '5', null, 'same'],
    ['no polarity and changed: no direction', 'none', 'number', '6', '5', null, null],
    ['rank held at 1st', 'lower', 'rank', '1st', '1', null, 'same'],
    ['rank climbed from 3rd to 2nd', 'lower', 'rank', '2nd', '3rd', null, 'improved'],
    ['unchanged text', 'none', 'text', 'Top', 'Top', 'Top', 'same'],
    ['text moved onto the target', 'none', 'text', 'Top', 'Second', 'Top', 'improved'],
    ['text moved off the target', 'none', 'text', 'Second', 'Top', 'Top', 'worse'],
    ['text changed, neither on target', 'none', 'text', 'Third', 'Second', 'Top', null],
  ]
  for (const [name, polarity, type, current, previous, target, dot] of cases) {
    it(name, () => {
      const result = directionOfTravel(
        polarity,
        parseFigure(type, current),
        parseFigure(type, previous),
        target === null ? null : parseFigure(type, target),
      )
      assert.equal(result, dot)
    })
  }
})
