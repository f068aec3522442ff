import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  add,
  compare,
  decimalFromNumber,
  decimalToString,
  divide,
  multiply,
  parseDecimal,
  subtract,
} from '../../src/domain/decimal.ts'

const d = (text: string) => {
  const value = parseDecimal(text)
  assert.ok(value, `${text} parses`)
  return value
}

describe('exact decimals', () => {
  const parsed: [string, string | null][] = [
    ['4.4', '4.4'],
    ['-15.5', '-15.5'],
    ['82.0', '82'],
    ['+3', '3'],
    ['0.000', '0'],
    ['3802', '3802'],
    ['1e5', null],
    ['12.', null],
    ['.5', null],
    ['£3', null],
    ['', null],
  ]
  for (const [text, canonical] of parsed) {
    it(`reads "${text}" as ${canonical ?? 'not a number'}`, () => {
      const value = parseDecimal(text)
      assert.equal(value === null ? null : decimalToString(value), canonical)
    })
  }

  it('adds, subtracts and multiplies exactly where floating point does not', () => {
    assert.equal(decimalToString(add(d('0.1'), d('0.2'))), '0.3')
    assert.equal(decimalToString(multiply(d('4.4'), d('1.1'))), '4.84')
    assert.equal(decimalToString(subtract(d('5339'), d('2667'))), '2672')
    assert.equal(compare(add(d('4.4'), d('0.44')), d('4.84')), 0)
  })

  const divisions: [string, string, number, string][] = [
    ['7420', '2', 2, '3710'],
    ['100', '3', 4, '33.3333'],
    ['200', '3', 2, '66.67'],
    ['-200', '3', 2, '-66.67'],
    ['1', '8', 2, '0.13'], // half away from zero
    ['-1', '8', 2, '-0.13'],
  ]
  for (const [a, b, places, result] of divisions) {
    it(`divides ${a} by ${b} to ${places} places: ${result}`, () => {
      assert.equal(decimalToString(divide(d(a), d(b), places)), result)
    })
  }

  it('refuses to divide by zero', () => {
    assert.throws(() => divide(d('1'), d('0'), 2), RangeError)
  })

  const fromNumbers: [number, string][] = [
    [0.1 + 0.2, '0.3'],
    [7420, '7420'],
    [-0.000001, '-0.000001'],
    [1.5e21, '1500000000000000000000'],
  ]
  for (const [n, text] of fromNumbers)
    it(`converts ${n} to ${text}`, () => {
      assert.equal(decimalToString(decimalFromNumber(n)), text)
    })
  it('refuses NaN', () => {
    assert.throws(() => decimalFromNumber(Number.NaN), RangeError)
  })
})
