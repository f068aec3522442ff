import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type Decimal,
  add,
  compare,
  decimalFromNumber,
  decimalFromUnits,
  decimalToString,
  divide,
  exact,
  multiply,
  parseDecimal,
  plainDecimalNumber,
  subtract,
  toNumber,
  unitsAt,
} from '../../../src/domain/figures/decimal.ts'
import { RRandom } from '../../helpers/r-random.ts'

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

describe('the fast paths give the same decimals as exact BigInt arithmetic', () => {
  const texts = [
    '4.4',
    '4.84',
    '-15.5',
    '82.0',
    '+3',
    '-0',
    '-0.000',
    '0.000',
    '00.10',
    '0.000000000000001',
    '123456789012345',
    '999999999999999.9',
    '1234567890123456',
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
    '-9007199254740993',
    '123456789012345678901.5',
    '1.000000000000000000001',
    '100.00',
    ' 4.4 ',
    '1e5',
    '12.',
    '.5',
    '£3',
    '',
    '+',
    '-',
    '--1',
    '+-1',
    '1.2.3',
    '1,000',
    '٣',
  ]
  for (const text of texts) {
    it(`reads "${text}" as the BigInt reader does`, () => {
      assert.deepEqual(parseDecimal(text), exact.parseDecimal(text))
    })
  }

  // Figures of every size a plan holds and some no plan does: a few digits, many decimal places, beyond 2^53.
  const generator = new RRandom(53)
  const random = (): number => generator.uniform()
  const digits = (count: number): string =>
    Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('')
  const randomDecimal = (): Decimal => {
    const whole = digits(1 + Math.floor(random() * (random() < 0.8 ? 6 : 20)))
    const places = random() < 0.3 ? 0 : Math.floor(random() * (random() < 0.8 ? 4 : 16))
    const text = `${random() < 0.2 ? '-' : ''}${whole}${places > 0 ? `.${digits(places)}` : ''}`
    const value = exact.parseDecimal(text)
    assert.ok(value)
    return value
  }
  const pairs = Array.from({ length: 4000 }, () => [randomDecimal(), randomDecimal()] as const)
  pairs.push(
    [d('4.4'), d('0.44')],
    [d('9007199254740991'), d('1')],
    [d('-9007199254740991'), d('-1')],
    [d('9007199254740.991'), d('0.009')],
    [d('0.000000000000001'), d('1000')],
    [d('0'), d('-0.5')],
  )

  it('adds, subtracts, multiplies and compares as BigInt arithmetic does', () => {
    for (const [a, b] of pairs) {
      assert.deepEqual(add(a, b), exact.add(a, b), `${decimalToString(a)} + ${decimalToString(b)}`)
      assert.deepEqual(subtract(a, b), exact.subtract(a, b), `${decimalToString(a)} - ${decimalToString(b)}`)
      assert.deepEqual(multiply(a, b), exact.multiply(a, b), `${decimalToString(a)} × ${decimalToString(b)}`)
      assert.equal(compare(a, b), exact.compare(a, b), `${decimalToString(a)} against ${decimalToString(b)}`)
    }
  })

  it('divides, rounding half away from zero, as BigInt arithmetic does', () => {
    for (const [a, b] of pairs) {
      if (b.units === 0n) continue
      for (const places of [0, 1, 2, 6, 12]) {
        assert.deepEqual(
          divide(a, b, places),
          exact.divide(a, b, places),
          `${decimalToString(a)} / ${decimalToString(b)} to ${places}`,
        )
      }
    }
  })

  const divisions: [string, string, number][] = [
    ['1', '8', 2],
    ['-1', '8', 2],
    ['1', '-8', 2],
    ['5', '2', 0],
    ['-5', '2', 0],
    ['7', '3', 12],
    ['2', '3', 15],
    ['9007199254740991', '2', 0],
    ['9007199254740991', '9007199254740990', 0],
    ['4503599627370495', '4503599627370496', 0],
    ['3710', '6', 6],
  ]
  for (const [a, b, places] of divisions) {
    it(`divides ${a} by ${b} to ${places} places as BigInt arithmetic does`, () => {
      assert.deepEqual(divide(d(a), d(b), places), exact.divide(d(a), d(b), places))
    })
  }

  it('gives units at a larger scale only when they are exact', () => {
    assert.equal(unitsAt(d('4.84'), 3), 4840)
    assert.equal(unitsAt(d('-15.5'), 1), -155)
    assert.ok(Number.isNaN(unitsAt(d('9007199254740993'), 0)))
    assert.ok(Number.isNaN(unitsAt(d('900719925474099.1'), 2)))
    assert.ok(Number.isNaN(unitsAt(d('1'), 16)))
  })

  it('builds a decimal from safe-integer units, without trailing zeros, and refuses anything else', () => {
    assert.deepEqual(decimalFromUnits(48400, 4), exact.parseDecimal('4.84'))
    assert.deepEqual(decimalFromUnits(-0, 2), { units: 0n, scale: 0 })
    assert.throws(() => decimalFromUnits(2 ** 53, 0), RangeError)
    assert.throws(() => decimalFromUnits(0.5, 0), RangeError)
  })

  it('reads a plain decimal straight to the number toNumber gives, and leaves anything else to the full reader', () => {
    for (const text of texts) {
      const parsed = exact.parseDecimal(text)
      const fast = plainDecimalNumber(text)
      if (Number.isNaN(fast)) continue
      assert.ok(parsed, `"${text}" read fast but is not a decimal`)
      assert.ok(Object.is(fast, toNumber(parsed)), `"${text}": ${fast} against ${toNumber(parsed)}`)
    }
    for (const text of ['4.4', '-15.5', '+3', '-0', '-0.000', '00.10', '123456789012345', '0.00000000000001'])
      assert.ok(!Number.isNaN(plainDecimalNumber(text)), `"${text}" is read fast`)
    for (const text of [' 4.4 ', '10,995', '1234567890123456', '12.', '.5', '', '-', '1e5', '1.2.3'])
      assert.ok(Number.isNaN(plainDecimalNumber(text)), `"${text}" is left to the full reader`)
    for (const [a, b] of pairs)
      for (const value of [a, b]) {
        const text = decimalToString(value)
        const fast = plainDecimalNumber(text)
        if (!Number.isNaN(fast)) assert.ok(Object.is(fast, toNumber(value)), text)
      }
  })
})
