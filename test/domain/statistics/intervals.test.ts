import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compareAtTwoLevels, compareWithBenchmark } from '../../../src/domain/statistics/comparison.ts'
import {
  chiSquareQuantileEven,
  normalQuantile,
  poissonCdf,
  poissonUpperTail,
} from '../../../src/domain/statistics/distributions.ts'
import type { Polarity } from '../../../src/domain/judgement/indicator.ts'
import {
  ESP2013,
  byarsLower,
  byarsUpper,
  confidenceFraction,
  dsrInterval,
  rateInterval,
  wilsonInterval,
  zForConfidence,
} from '../../../src/domain/statistics/intervals.ts'
import { quintileBounds, quintileCategory, rankQuantiles } from '../../../src/domain/statistics/quantiles.ts'
import { close } from '../../helpers/close.ts'

describe('z for a confidence level', () => {
  const cases: [confidence: number, z: number][] = [
    [0.95, 1.959963984540054],
    [95, 1.959963984540054],
    [0.998, 3.090232306167813],
    [99.8, 3.090232306167813],
    [0.9, 1.6448536269514722],
    [90, 1.6448536269514722],
  ]
  for (const [confidence, z] of cases) {
    it(`z(${confidence}) = ${z}`, () => {
      close(zForConfidence(confidence), z, 1e-15)
    })
  }

  const refused = [0.7, 0.89999, 1.5, 14, 89.9, 100.1, 125, -95, Number.NaN]
  for (const confidence of refused) {
    it(`refuses a confidence level of ${confidence}`, () => {
      assert.throws(() => confidenceFraction(confidence), {
        name: 'DomainError',
        message: /between 90 and 100 or between 0.9 and 1/,
      })
    })
  }

  it('accepts the ends of both ranges', () => {
    assert.deepEqual([0.9, 1, 90, 100].map(confidenceFraction), [0.9, 1, 0.9, 1])
  })
})

describe('the distributions', () => {
  it('qnorm is symmetric and exact at the centre', () => {
    assert.equal(normalQuantile(0.5), 0)
    close(normalQuantile(0.025), -normalQuantile(0.975), 1e-15)
    close(normalQuantile(0.3), -0.5244005127080407, 1e-15)
    assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY)
    assert.equal(normalQuantile(1), Number.POSITIVE_INFINITY)
  })

  const exact: [p: number, df: number][] = [
    [0.025, 2],
    [0.025, 10],
    [0.975, 12],
    [0.001, 18],
    [0.999, 20],
    [0.5, 8],
  ]
  for (const [p, df] of exact) {
    it(`qchisq(${p}, ${df}) inverts the Poisson tail`, () => {
      const lambda = chiSquareQuantileEven(p, df) / 2
      close(poissonUpperTail(df / 2, lambda), p, 1e-14)
      close(1 - poissonCdf(df / 2 - 1, lambda), p, 1e-13)
    })
  }

  it('matches the published exact Poisson limits for 5 events (1.6235, 11.6683)', () => {
    // Garwood's interval for 5 events, as printed to 4 decimal places in the usual tables.
    close(chiSquareQuantileEven(0.025, 10) / 2, 1.6235, 5e-5)
    close(chiSquareQuantileEven(0.975, 12) / 2, 11.6683, 5e-5)
  })

  it('has closed forms at 0 and 2 degrees of freedom', () => {
    assert.equal(chiSquareQuantileEven(0.025, 0), 0)
    close(chiSquareQuantileEven(0.975, 2) / 2, -Math.log(0.025), 1e-15)
    assert.ok(Number.isNaN(chiSquareQuantileEven(0.5, 3)))
  })
})

describe('Wilson score intervals for proportions', () => {
  const z = 1.959963984540054
  it('x = 0 gives a lower limit of exactly 0 and an upper limit of z²/(n + z²)', () => {
    const interval = wilsonInterval(0, 20)
    assert.equal(interval.lower, 0)
    close(interval.upper, (z * z) / (20 + z * z), 1e-15)
  })

  const full: [n: number][] = [[10], [50], [1], [1000]]
  for (const [n] of full) {
    it(`x = n = ${n} gives an upper limit of 1 within a rounding error, and exactly 1 with clamp`, () => {
      close(wilsonInterval(n, n).upper, 1, 1e-15)
      assert.equal(wilsonInterval(n, n, { clamp: true }).upper, 1)
    })
  }

  it('10/10 and 50/50 land either side of 1, as statistics.md records from R', () => {
    assert.equal(wilsonInterval(10, 10).upper, 0.9999999999999999)
    assert.equal(wilsonInterval(50, 50).upper, 1.0000000000000002)
  })

  it('confidence 1 gives 0 and 1', () => {
    assert.deepEqual(wilsonInterval(65, 100, { confidence: 1 }), { value: 0.65, lower: 0, upper: 1 })
    assert.deepEqual(wilsonInterval(65, 100, { confidence: 100 }), { value: 0.65, lower: 0, upper: 1 })
  })

  it('takes the confidence as 95 or 0.95 alike, and scales by the multiplier', () => {
    assert.deepEqual(wilsonInterval(45, 100, { confidence: 95 }), wilsonInterval(45, 100))
    const percent = wilsonInterval(45, 100, { multiplier: 100 })
    const fraction = wilsonInterval(45, 100)
    close(percent.value, 45, 1e-12)
    close(percent.lower, fraction.lower * 100, 1e-12)
    close(percent.upper, fraction.upper * 100, 1e-12)
  })

  it('is the textbook 45/100: 0.3561 to 0.5476', () => {
    const interval = wilsonInterval(45, 100)
    close(interval.lower, 0.3561, 5e-5)
    close(interval.upper, 0.5476, 5e-5)
  })

  const errors: [name: string, x: number, n: number, message: RegExp][] = [
    ['a negative numerator', -1, 10, /greater than or equal to zero/],
    ['a numerator above the denominator', 11, 10, /less than or equal to the denominator/],
    ['a zero denominator', 0, 0, /denominator must be greater than zero/],
    ['a negative denominator', 1, -5, /denominator must be greater than zero/],
    ['a numerator that is not a number', Number.NaN, 10, /numerator must be a number/],
  ]
  for (const [name, x, n, message] of errors) {
    it(`refuses ${name}`, () => {
      assert.throws(() => wilsonInterval(x, n), { name: 'DomainError', message })
    })
  }
})

describe("crude rates: exact below 10 events, Byar's from 10", () => {
  it('x = 0: lower 0, upper −ln(α/2) (3.68888 per unit at 95%)', () => {
    const rate = rateInterval(0, 1000, { multiplier: 1000 })
    assert.deepEqual([rate.value, rate.lower, rate.ciMethod], [0, 0, 'exact'])
    close(rate.upper, -Math.log(0.025), 1e-13)
    close(rateInterval(0, 1, { multiplier: 1 }).upper, 3.68888, 5e-6)
  })

  it('x = 1 at 99.8%: the exact lower limit, where Byar’s would be negative', () => {
    const rate = rateInterval(1, 100, { confidence: 99.8, multiplier: 100 })
    assert.equal(rate.ciMethod, 'exact')
    close(rate.lower, -Math.log(1 - 0.001), 1e-13)
    close(rate.upper, 9.233413476451524, 1e-9)
    assert.equal(byarsLower(1, 99.8), null)
  })

  it('x = 9 is exact and x = 10 is Byar’s', () => {
    const nine = rateInterval(9, 1, { multiplier: 1 })
    assert.equal(nine.ciMethod, 'exact')
    close(nine.lower, 4.115373097378335, 1e-12)
    close(nine.upper, 17.084803451419162, 1e-12)
    const ten = rateInterval(10, 1, { multiplier: 1 })
    const z = 1.959963984540054
    assert.equal(ten.ciMethod, 'byars')
    close(ten.lower, 10 * (1 - 1 / 90 - z / (3 * Math.sqrt(10))) ** 3, 1e-12)
    close(ten.upper, 11 * (1 - 1 / 99 + z / (3 * Math.sqrt(11))) ** 3, 1e-12)
  })

  it('allows more events than the population (250 among 220)', () => {
    const rate = rateInterval(250, 220)
    close(rate.value, (250 / 220) * 100000, 1e-12)
    assert.ok(rate.lower < rate.value && rate.value < rate.upper)
  })

  it('uses a multiplier of 100,000 by default and takes the confidence as 95 or 0.95', () => {
    assert.deepEqual(rateInterval(65, 10000), rateInterval(65, 10000, { multiplier: 100000, confidence: 95 }))
    close(rateInterval(65, 10000).value, 650, 1e-12)
  })

  it('refuses bad input', () => {
    assert.throws(() => rateInterval(-1, 100), { name: 'DomainError', message: /greater than or equal to zero/ })
    assert.throws(() => rateInterval(5, 0), { name: 'DomainError', message: /greater than zero/ })
    assert.throws(() => rateInterval(5, 100, { confidence: 20 }), { name: 'DomainError' })
    assert.throws(() => rateInterval(5, 100, { confidence: 1 }), { name: 'DomainError', message: /no upper limit/ })
    assert.throws(() => rateInterval(2.5, 100), { name: 'DomainError', message: /whole number of events/ })
  })

  it('Byar’s limits stand alone too', () => {
    assert.equal(byarsLower(0), null)
    close(byarsUpper(0), (1 - 1 / 9 + 1.959963984540054 / 3) ** 3, 1e-15)
    assert.throws(() => byarsUpper(-1), { name: 'DomainError' })
  })
})

describe('directly standardised rates (Dobson)', () => {
  it('with one age band equals the crude rate with Byar’s limits', () => {
    const dsr = dsrInterval([40], [20000], { standard: [1000] })
    const crude = rateInterval(40, 20000)
    close(dsr.value, crude.value, 1e-12)
    close(dsr.lower, crude.lower, 1e-12)
    close(dsr.upper, crude.upper, 1e-12)
  })

  it('equals the common rate when every band has the same rate, whatever the standard', () => {
    const dsr = dsrInterval([10, 20, 40], [1000, 2000, 4000], { standard: [5, 1, 3] })
    close(dsr.value, 1000, 1e-12)
  })

  it('uses ESP2013 (19 bands, 100,000 people) by default', () => {
    assert.equal(ESP2013.length, 19)
    assert.equal(
      ESP2013.reduce((a, b) => a + b, 0),
      100000,
    )
    const counts = ESP2013.map(() => 2)
    const populations = ESP2013.map(() => 1000)
    close(dsrInterval(counts, populations).value, 200, 1e-12)
  })

  it('suppresses the value and limits when the total count is below 10', () => {
    assert.deepEqual(dsrInterval([4, 5], [100, 200], { standard: [1, 1] }), {
      value: null,
      lower: null,
      upper: null,
      totalCount: 9,
      suppressed: true,
    })
    const ten = dsrInterval([5, 5], [100, 200], { standard: [1, 1] })
    assert.equal(ten.suppressed, false)
    assert.ok(ten.lower !== null && ten.value !== null && ten.lower < ten.value)
  })

  it('counts a missing count as 0, in the total and in the rate', () => {
    assert.deepEqual(
      dsrInterval([null, 12, 3], [100, 200, 300], { standard: [1, 2, 3] }),
      dsrInterval([0, 12, 3], [100, 200, 300], { standard: [1, 2, 3] }),
    )
    assert.equal(dsrInterval([null, 9], [100, 200], { standard: [1, 1] }).suppressed, true)
  })

  it('can publish below 10 when asked (minimumCount)', () => {
    assert.equal(dsrInterval([4, 5], [100, 200], { standard: [1, 1], minimumCount: 5 }).suppressed, false)
  })

  it('refuses mismatched bands, non-positive populations and negative counts', () => {
    assert.throws(() => dsrInterval([1, 2], [100], { standard: [1, 1] }), { name: 'DomainError', message: /age band/ })
    assert.throws(() => dsrInterval([1, 2], [100, 0], { standard: [1, 1] }), { name: 'DomainError' })
    assert.throws(() => dsrInterval([1, -2], [100, 10], { standard: [1, 1] }), { name: 'DomainError' })
    assert.throws(() => dsrInterval([], []), { name: 'DomainError' })
    assert.throws(() => dsrInterval([10], [100]), { name: 'DomainError', message: /19 standard weights/ })
  })
})

describe('comparing with a benchmark', () => {
  const cases: [
    name: string,
    figure: { value: number | null; lower: number | null; upper: number | null },
    benchmark: number | null,
    polarity: Polarity,
    result: string,
  ][] = [
    ['benchmark inside the interval', { value: 3.05, lower: 2.7, upper: 3.1 }, 3, 'higher', 'similar'],
    ['benchmark on the lower limit (inclusive)', { value: 3.05, lower: 3, upper: 3.1 }, 3, 'higher', 'similar'],
    ['benchmark on the upper limit (inclusive)', { value: 2.9, lower: 2.7, upper: 3 }, 3, 'lower', 'similar'],
    ['area above, higher is better', { value: 3.3, lower: 3.2, upper: 3.5 }, 3, 'higher', 'better'],
    ['area above, lower is better', { value: 3.3, lower: 3.2, upper: 3.5 }, 3, 'lower', 'worse'],
    ['area below, higher is better', { value: 2.5, lower: 2.2, upper: 2.8 }, 3, 'higher', 'worse'],
    ['area below, lower is better', { value: 2.5, lower: 2.2, upper: 2.8 }, 3, 'lower', 'better'],
    ['area above, no polarity', { value: 3.3, lower: 3.2, upper: 3.5 }, 3, 'none', 'higher'],
    ['area below, no polarity', { value: 2.5, lower: 2.2, upper: 2.8 }, 3, 'none', 'lower'],
    ['inside, no polarity', { value: 3, lower: 2.9, upper: 3.1 }, 3, 'none', 'similar'],
    ['no value', { value: null, lower: 2.2, upper: 2.8 }, 3, 'higher', 'not-compared'],
    ['no lower limit', { value: 4, lower: null, upper: 4.1 }, 3, 'higher', 'not-compared'],
    ['no upper limit', { value: 4, lower: 3.9, upper: null }, 3, 'higher', 'not-compared'],
    ['no benchmark', { value: 2.5, lower: 2.2, upper: 2.8 }, null, 'higher', 'not-compared'],
    ['a NaN value', { value: Number.NaN, lower: 2.2, upper: 2.8 }, 3, 'higher', 'not-compared'],
  ]
  for (const [name, figure, benchmark, polarity, result] of cases) {
    it(`${name}: ${result}`, () => {
      assert.equal(compareWithBenchmark(figure, benchmark, polarity), result)
    })
  }

  const figure = { value: 2.6, lower95: 2.5, upper95: 2.7, lower998: 2.3, upper998: 2.9 }
  const twoLevels: [benchmark: number, polarity: Polarity, result: string, level: number | null][] = [
    [3, 'lower', 'better', 99.8],
    [3, 'higher', 'worse', 99.8],
    [2.9, 'higher', 'worse', 95],
    [2.8, 'lower', 'better', 95],
    [2.7, 'higher', 'similar', null],
    [2.6, 'higher', 'similar', null],
    [2.5, 'lower', 'similar', null],
    [2.4, 'lower', 'worse', 95],
    [2.3, 'higher', 'better', 95],
    [2.2, 'higher', 'better', 99.8],
    [2.2, 'none', 'higher', 99.8],
    [2.8, 'none', 'lower', 95],
  ]
  for (const [benchmark, polarity, result, level] of twoLevels) {
    it(`two levels: benchmark ${benchmark}, ${polarity}: ${result} at ${level}`, () => {
      assert.deepEqual(compareAtTwoLevels(figure, benchmark, polarity), { result, level })
    })
  }

  it('two levels: a missing 99.8% limit is not compared', () => {
    assert.deepEqual(compareAtTwoLevels({ ...figure, upper998: null }, 3, 'higher'), {
      result: 'not-compared',
      level: null,
    })
  })
})

describe('quintiles (Fingertips method 15)', () => {
  it('bounds are min, P20, P40, P60, P80, max interpolated as PERCENTILE.INC', () => {
    assert.deepEqual(quintileBounds([5, 1, 4, 2, 3]), [1, 1.8, 2.6, 3.4, 4.2, 5])
  })

  it('rounds the interpolated bounds to 10 decimal places (0.18000000000000002 is 0.18)', () => {
    assert.deepEqual(quintileBounds([0.1, 0.2, 0.3, 0.4, 0.5]), [0.1, 0.18, 0.26, 0.34, 0.42, 0.5])
  })

  it('needs more than three values for bounds and five for a category', () => {
    assert.deepEqual(quintileBounds([1, 2, 3]), [])
    assert.equal(quintileBounds([1, 2, 3, 4]).length, 6)
    assert.equal(quintileCategory(1, [1, 2, 3, 4], 'lower'), 0)
    assert.equal(quintileCategory(null, [1, 2, 3, 4, 5], 'lower'), 0)
  })

  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  const categories: [value: number, polarity: Polarity, category: number][] = [
    [1, 'lower', 1],
    [2.8, 'lower', 1],
    [2.81, 'lower', 2],
    [10, 'lower', 5],
    [1, 'higher', 5],
    [10, 'higher', 1],
    [5, 'none', 3],
    [0, 'lower', 1],
  ]
  for (const [value, polarity, category] of categories) {
    it(`value ${value} among 1..10, ${polarity} is better: quintile ${category}`, () => {
      assert.equal(quintileCategory(value, values, polarity), category)
    })
  }

  it('refuses a value above the highest of the values', () => {
    assert.throws(() => quintileCategory(11, values, 'lower'), { name: 'DomainError' })
  })
})

describe('rank quantiles (phe_quantile)', () => {
  const cases: [name: string, values: (number | null)[], q: number, invert: boolean, expected: (number | null)[]][] = [
    ['inverted: the highest value is quantile 1', [10, 20, 30, 40, 50], 5, true, [5, 4, 3, 2, 1]],
    ['not inverted: the lowest value is quantile 1', [10, 20, 30, 40, 50], 5, false, [1, 2, 3, 4, 5]],
    ['ties share the lowest rank', [1, 1, 2, 3, 4], 5, false, [1, 1, 3, 4, 5]],
    [
      'deciles of 1..20 pair up',
      Array.from({ length: 20 }, (_, i) => i + 1),
      10,
      false,
      Array.from({ length: 20 }, (_, i) => Math.floor(i / 2) + 1),
    ],
    ['fewer values than quantiles: all missing', [1, 2, 3], 5, true, [null, null, null]],
    ['a missing value stays missing and is not counted', [null, 10, 20, 30, 40, 50], 5, false, [null, 1, 2, 3, 4, 5]],
  ]
  for (const [name, values, q, invert, expected] of cases) {
    it(name, () => {
      assert.deepEqual(rankQuantiles(values, q, invert), expected)
    })
  }

  it('refuses a number of quantiles below 1', () => {
    assert.throws(() => rankQuantiles([1, 2], 0), { name: 'DomainError' })
  })
})
