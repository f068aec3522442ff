import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseFigure } from '../../../src/domain/figures/value.ts'
import { decimalsOf, precisionOf, roundedText } from '../../../src/domain/figures/precision.ts'

describe("an indicator's own precision", () => {
  const decimals: [text: string, type: 'number' | 'rank' | 'text', places: number][] = [
    ['52', 'number', 0],
    ['57.59', 'number', 2],
    ['57.50', 'number', 2],
    ['82.0', 'number', 1],
    ['-15.5', 'number', 1],
    ['10,995', 'number', 0],
    ['1st', 'rank', 0],
    ['Top quartile', 'text', 0],
  ]
  for (const [text, type, places] of decimals)
    it(`"${text}" as a ${type} is given to ${places} places`, () => {
      assert.equal(decimalsOf(parseFigure(type, text)), places)
    })

  it('is the most places any of its figures has, ignoring missing figures and texts', () => {
    const figures = ['52', '57.59', '53.05', '48.6'].map((t) => parseFigure('number', t))
    assert.equal(precisionOf([...figures, null, parseFigure('text', 'Top')]), 2)
    assert.equal(precisionOf([parseFigure('number', '3802'), null]), 0)
    assert.equal(precisionOf([]), 0)
  })

  it('is at most six places', () => {
    assert.equal(precisionOf([parseFigure('number', '0.123456789')]), 6)
  })
})

describe('a worked-out figure rounded to the precision, with its unit', () => {
  const cases: [value: number, unit: string, places: number, text: string][] = [
    [4.1559, '%', 1, '4.2%'],
    [4.1559, '%', 2, '4.16%'],
    [50.3133333333333, '%', 2, '50.31%'],
    [53.8, '%', 2, '53.80%'],
    [4.84, '%', 0, '5%'],
    [18.4666, '£m', 1, '£18.5m'],
    [-2.25, '£m', 1, '-£2.3m'],
    [9.61277777777778, 'days', 2, '9.61 days'],
    [12345.6, 'count', 0, '12,346'],
    [-0.04, '%', 1, '0.0%'],
  ]
  for (const [value, unit, places, text] of cases)
    it(`${value} ${unit || '(no unit)'} to ${places} places is ${text}`, () => {
      assert.equal(roundedText(value, unit, places), text)
    })
})
