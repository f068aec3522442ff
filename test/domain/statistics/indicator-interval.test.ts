import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Comparator } from '../../../src/domain/statistics/comparator.ts'
import { decimalToString } from '../../../src/domain/figures/decimal.ts'
import { evaluateHistory, evaluateIndicator } from '../../../src/domain/judgement/evaluate.ts'
import type { Indicator, Polarity } from '../../../src/domain/judgement/indicator.ts'
import {
  actualFromCounts,
  indicatorInterval,
  withActualFromCounts,
} from '../../../src/domain/statistics/indicator-interval.ts'
import { parsePeriod } from '../../../src/domain/periods/period.ts'
import { evaluatePlan } from '../../../src/domain/judgement/plan.ts'
import { buildIndicator, obs } from '../../helpers/factories.ts'
import { close } from '../../helpers/close.ts'

const Z95 = 1.959963984540054
const PROPORTION = buildIndicator({ ciMethod: 'proportion', unit: '%' })
const RATE = buildIndicator({ ciMethod: 'rate', polarity: 'lower', unit: 'per 100,000' })

function comparator(
  name: string,
  period: string,
  value: string,
  lower: string | null = null,
  upper: string | null = null,
) {
  return { name, period: parsePeriod(period), value, lower, upper } satisfies Comparator
}

/** Byar's limits for a count, written out from the method's formula (Breslow and Day, 1987). */
function byars(x: number): [lower: number, upper: number] {
  return [
    x * (1 - 1 / (9 * x) - Z95 / (3 * Math.sqrt(x))) ** 3,
    (x + 1) * (1 - 1 / (9 * (x + 1)) + Z95 / (3 * Math.sqrt(x + 1))) ** 3,
  ]
}

describe('the confidence interval of an indicator’s figure', () => {
  const cases: [
    name: string,
    indicator: Indicator,
    numerator: string,
    denominator: string,
    expected: { method: string; value: number; lower: number; upper: number },
  ][] = [
    [
      // The textbook 45/100 (README: 0.35614537979511984 to 0.5475539700255787), on a percentage scale.
      'a proportion: 45 of 100 pupils is 45% (35.6% to 54.8%), Wilson score',
      PROPORTION,
      '45',
      '100',
      { method: 'wilson', value: 45, lower: 0.35614537979511984 * 100, upper: 0.5475539700255787 * 100 },
    ],
    [
      'a proportion as a fraction with multiplier 1',
      buildIndicator({ ciMethod: 'proportion', multiplier: '1' }),
      '45',
      '100',
      { method: 'wilson', value: 0.45, lower: 0.35614537979511984, upper: 0.5475539700255787 },
    ],
    [
      // PHEindicatormethods phe_rate(9, 1): 4.115373 to 17.084803 per unit.
      'a rate below 10 events: 9 among 50,000 is 18 per 100,000, exact Poisson',
      RATE,
      '9',
      '50000',
      {
        method: 'exact',
        value: 18,
        lower: (4.115373097378335 / 50000) * 1e5,
        upper: (17.084803451419162 / 50000) * 1e5,
      },
    ],
    [
      'no events: a lower limit of 0 and an upper limit of −ln(0.025) events',
      RATE,
      '0',
      '50000',
      { method: 'exact', value: 0, lower: 0, upper: (-Math.log(0.025) / 50000) * 1e5 },
    ],
    [
      'a rate at 10 events switches to Byar’s',
      RATE,
      '10',
      '50000',
      { method: 'byars', value: 20, lower: (byars(10)[0] / 50000) * 1e5, upper: (byars(10)[1] / 50000) * 1e5 },
    ],
    [
      'a rate above 10 events, Byar’s: 65 among 10,000 is 650 per 100,000',
      RATE,
      '65',
      '10000',
      { method: 'byars', value: 650, lower: (byars(65)[0] / 10000) * 1e5, upper: (byars(65)[1] / 10000) * 1e5 },
    ],
    [
      'a rate per 1,000 (multiplier 1000)',
      buildIndicator({ ciMethod: 'rate', multiplier: '1000' }),
      '65',
      '10000',
      { method: 'byars', value: 6.5, lower: (byars(65)[0] / 10000) * 1000, upper: (byars(65)[1] / 10000) * 1000 },
    ],
    [
      'a multiplier written with a decimal point scales the same',
      buildIndicator({ ciMethod: 'proportion', multiplier: '1000.0' }),
      '45',
      '100',
      { method: 'wilson', value: 450, lower: 0.35614537979511984 * 1000, upper: 0.5475539700255787 * 1000 },
    ],
  ]
  for (const [name, indicator, numerator, denominator, expected] of cases) {
    it(name, () => {
      const interval = indicatorInterval(indicator, obs('2013/14 Q2', { numerator, denominator }), [])
      assert.ok(interval)
      assert.equal(interval.method, expected.method)
      assert.equal(interval.confidence, 0.95)
      assert.equal(interval.numerator, Number(numerator))
      assert.equal(interval.denominator, Number(denominator))
      close(interval.value, expected.value, 1e-12, 'value')
      close(interval.lower, expected.lower, 1e-12, 'lower')
      close(interval.upper, expected.upper, 1e-12, 'upper')
      assert.deepEqual(interval.comparisons, [])
    })
  }

  it('takes another confidence level, 99.8% (or 0.998), and is wider', () => {
    const at95 = indicatorInterval(PROPORTION, obs('2013/14 Q2', { numerator: '45', denominator: '100' }), [])
    const at998 = indicatorInterval(PROPORTION, obs('2013/14 Q2', { numerator: '45', denominator: '100' }), [], 99.8)
    assert.ok(at95 && at998)
    assert.equal(at998.confidence, 0.998)
    assert.ok(at998.lower < at95.lower && at998.upper > at95.upper)
    assert.throws(() => indicatorInterval(PROPORTION, obs('2013/14 Q2'), [], 50), { name: 'DomainError' })
  })

  const none: [name: string, indicator: Indicator, numerator: string | null, denominator: string | null][] = [
    ['no interval method', buildIndicator(), '45', '100'],
    ['no counts', PROPORTION, null, null],
    ['a numerator without a denominator', PROPORTION, '45', null],
    ['a denominator without a numerator', RATE, null, '100'],
    ['a numerator above the denominator for a proportion (a definition changed since)', PROPORTION, '101', '100'],
    ['a fraction of an event below 10 for a rate', RATE, '2.5', '100'],
    ['a zero denominator', RATE, '5', '0'],
    ['a negative numerator', RATE, '-5', '100'],
  ]
  for (const [name, indicator, numerator, denominator] of none) {
    it(`is null with ${name}`, () => {
      const observation = obs('2013/14 Q2', { actual: '45', numerator, denominator })
      assert.equal(indicatorInterval(indicator, observation, [comparator('England', '2013/14 Q2', '40')]), null)
      assert.equal(actualFromCounts(indicator, observation), null)
    })
  }

  it('allows a rate’s count above its population, and a fraction of an event from 10', () => {
    assert.equal(
      indicatorInterval(RATE, obs('2013/14 Q2', { numerator: '250', denominator: '220' }), [])?.method,
      'byars',
    )
    close(indicatorInterval(RATE, obs('2013/14 Q2', { numerator: '10.5', denominator: '1000' }), [])?.value, 1050)
  })
})

describe('comparing an indicator’s figure with its comparators', () => {
  // 45 of 100 is 45% with an interval of 35.6 to 54.8.
  const cases: [polarity: Polarity, benchmark: string, expected: string][] = [
    ['higher', '30', 'better'],
    ['higher', '45', 'similar'],
    ['higher', '35.6146', 'similar'],
    ['higher', '35.6145', 'better'],
    ['higher', '60', 'worse'],
    ['lower', '30', 'worse'],
    ['lower', '54.7', 'similar'],
    ['lower', '60', 'better'],
    ['none', '30', 'higher'],
    ['none', '50', 'similar'],
    ['none', '60', 'lower'],
  ]
  for (const [polarity, benchmark, expected] of cases) {
    it(`polarity ${polarity}: 45% (35.6–54.8) against ${benchmark} is ${expected}`, () => {
      const indicator = buildIndicator({ ciMethod: 'proportion', polarity })
      const interval = indicatorInterval(indicator, obs('2013/14 Q2', { numerator: '45', denominator: '100' }), [
        comparator('England', '2013/14 Q2', benchmark),
      ])
      assert.deepEqual(interval?.comparisons, [
        { comparator: 'England', value: Number(benchmark), lower: null, upper: null, result: expected },
      ])
    })
  }

  it('compares with every comparator for the figure’s period, in the order given, with their own intervals', () => {
    const interval = indicatorInterval(PROPORTION, obs('2013/14 Q2', { numerator: '45', denominator: '100' }), [
      comparator('Greater Manchester', '2013/14 Q2', '58.2', '57.9', '58.5'),
      comparator('England', '2013/14 Q1', '20'),
      comparator('England', '2013/14 Q2', '44.1', '44.0', '44.2'),
      comparator('England', '2013/14', '20'),
    ])
    assert.deepEqual(interval?.comparisons, [
      { comparator: 'Greater Manchester', value: 58.2, lower: 57.9, upper: 58.5, result: 'worse' },
      { comparator: 'England', value: 44.1, lower: 44, upper: 44.2, result: 'similar' },
    ])
  })

  it('compares a figure given in arrears with the comparators for the period it relates to', () => {
    const observation = obs('2013/14 Q2', { dataPeriod: '2013/14 Q1', numerator: '45', denominator: '100' })
    const interval = indicatorInterval(PROPORTION, observation, [
      comparator('England', '2013/14 Q1', '60'),
      comparator('England', '2013/14 Q2', '20'),
    ])
    assert.deepEqual(
      interval?.comparisons.map((c) => [c.comparator, c.value, c.result]),
      [['England', 60, 'worse']],
    )
  })
})

describe('a figure made from its counts', () => {
  const cases: [name: string, indicator: Indicator, numerator: string, denominator: string, expected: string][] = [
    ['45 of 100 is 45 (%)', PROPORTION, '45', '100', '45'],
    ['1 of 3 keeps 4 decimal places', PROPORTION, '1', '3', '33.3333'],
    ['2 of 3 rounds half away from zero', PROPORTION, '2', '3', '66.6667'],
    [
      '1 of 32 as a fraction is 0.0313',
      buildIndicator({ ciMethod: 'proportion', multiplier: '1' }),
      '1',
      '32',
      '0.0313',
    ],
    ['12 among 250,000 is 4.8 per 100,000', RATE, '12', '250000', '4.8'],
    ['0 events is 0', RATE, '0', '250000', '0'],
    ['7 among 2,000 is 3.5 per 1,000', buildIndicator({ ciMethod: 'rate', multiplier: '1000' }), '7', '2000', '3.5'],
  ]
  for (const [name, indicator, numerator, denominator, expected] of cases) {
    it(name, () => {
      const observation = obs('2013/14 Q2', { numerator, denominator })
      assert.equal(actualFromCounts(indicator, observation), expected)
      assert.equal(withActualFromCounts(indicator, observation).actual, expected)
    })
  }

  it('keeps an actual that was given, as published, beside its counts', () => {
    const observation = obs('2013/14 Q2', { actual: '45.1', numerator: '45', denominator: '100' })
    assert.equal(withActualFromCounts(PROPORTION, observation), observation)
  })

  it('sets aside counts the indicator cannot use, so they never stand for a figure', () => {
    const observation = obs('2013/14 Q2', { numerator: '45', denominator: '100' })
    assert.deepEqual(withActualFromCounts(buildIndicator(), observation), obs('2013/14 Q2'))
  })
})

describe('the interval in the judgement of a period', () => {
  const Q2 = parsePeriod('2013/14 Q2')

  it('judges a figure made from its counts against the target, and gives its interval and comparisons', () => {
    const result = evaluateIndicator(
      PROPORTION,
      [
        obs('2013/14 Q1', { numerator: '40', denominator: '100' }),
        obs('2013/14 Q2', { numerator: '45', denominator: '100', target: '50' }),
      ],
      Q2,
      [comparator('England', '2013/14 Q2', '60'), comparator('England', '2013/14 Q1', '30')],
    )
    assert.equal(result.reported, true)
    assert.equal(result.actual?.text, '45')
    assert.equal(result.rag, 'A') // 45 against 50 is 10% short: Amber at 10% tolerance
    assert.equal(result.dot, 'improved')
    assert.equal(result.interval?.method, 'wilson')
    close(result.interval.lower, 0.35614537979511984 * 100, 1e-12)
    assert.deepEqual(
      result.interval.comparisons.map((c) => [c.comparator, c.result]),
      [['England', 'worse']],
    )
    assert.deepEqual(
      result.previous.interval?.comparisons.map((c) => [c.comparator, c.result]),
      [['England', 'better']],
    )
  })

  it('keeps the published actual and computes the interval from the counts', () => {
    const result = evaluateIndicator(
      RATE,
      [obs('2013/14 Q2', { actual: '18.1', numerator: '9', denominator: '50000' })],
      Q2,
    )
    assert.equal(result.actual?.text, '18.1')
    assert.equal(result.interval?.method, 'exact')
    close(result.interval.value, 18, 1e-12)
  })

  it('takes the interval from the entry that reported the figure: the data period’s, in arrears', () => {
    const indicator = buildIndicator({ ciMethod: 'proportion', frequency: 'monthly' })
    const result = evaluateIndicator(
      indicator,
      [obs('2013-09', { dataPeriod: '2013-08', numerator: '9', denominator: '10' })],
      Q2,
      [comparator('England', '2013-08', '50'), comparator('England', '2013-09', '95')],
    )
    assert.equal(result.inArrears, true)
    assert.equal(result.actual?.kind === 'number' && decimalToString(result.actual.value), '90')
    assert.equal(result.interval?.numerator, 9)
    assert.deepEqual(
      result.interval.comparisons.map((c) => [c.comparator, c.value, c.result]),
      [['England', 50, 'better']],
    )
  })

  it('has no interval when not reported, without counts, or without a method', () => {
    assert.equal(evaluateIndicator(PROPORTION, [], Q2).interval, null)
    assert.equal(evaluateIndicator(PROPORTION, [obs('2013/14 Q2', { actual: '45' })], Q2).interval, null)
    const plain = evaluateIndicator(buildIndicator(), [obs('2013/14 Q2', { numerator: '45', denominator: '100' })], Q2)
    assert.equal(plain.reported, false)
    assert.equal(plain.interval, null)
  })

  it('reaches every period of an indicator’s history, and every indicator of a plan', () => {
    const observations = [
      obs('2013/14 Q1', { numerator: '40', denominator: '100' }),
      obs('2013/14 Q2', { numerator: '45', denominator: '100' }),
    ]
    const history = evaluateHistory(PROPORTION, observations, undefined, [comparator('England', '2013/14 Q1', '40')])
    assert.deepEqual(
      history.map((r) => [r.actual?.text, r.interval?.comparisons.length]),
      [
        ['40', 1],
        ['45', 0],
      ],
    )
    const plan = evaluatePlan(
      {
        name: 'A plan',
        indicators: [
          { indicator: PROPORTION, observations, comparators: [comparator('England', '2013/14 Q2', '60')] },
          { indicator: buildIndicator({ ref: 'TEST 2' }), observations: [obs('2013/14 Q2', { actual: '3' })] },
        ],
      },
      Q2,
    )
    assert.deepEqual(
      plan.evaluations.map((e) => e.interval?.comparisons.map((c) => c.result) ?? null),
      [['worse'], null],
    )
  })
})
