import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decimalToString } from '../../../src/domain/figures/decimal.ts'
import { evaluateIndicator } from '../../../src/domain/judgement/evaluate.ts'
import { ObservationIndex } from '../../../src/domain/judgement/observation-index.ts'
import type { Observation } from '../../../src/domain/judgement/observation.ts'
import { comparePeriods, formatPeriod, parsePeriod } from '../../../src/domain/periods/period.ts'
import { buildIndicator, obs } from '../../helpers/factories.ts'

const Q2 = parsePeriod('2013/14 Q2')

describe('evaluating an indicator for a period', () => {
  it('compares in-period values for a year-to-date count (completions: 94 in Q2 against 105 in Q1 is worse)', () => {
    const indicator = buildIndicator({ accumulation: 'ytd-sum' })
    const result = evaluateIndicator(
      indicator,
      [obs('2013/14 Q1', { actual: '105' }), obs('2013/14 Q2', { actual: '199', target: '150' })],
      Q2,
    )
    assert.equal(result.rag, 'G')
    assert.equal(result.dot, 'worse')
    assert.equal(
      result.comparedWith?.figure.kind === 'number' && decimalToString(result.comparedWith.figure.value),
      '105',
    )
  })

  it('compares a year-to-date count with the same period last year, in-period', () => {
    const indicator = buildIndicator({ accumulation: 'ytd-sum', dotBasis: 'same-period-last-year', polarity: 'lower' })
    const observations = [
      obs('2012/13 Q1', { actual: '1500' }),
      obs('2012/13 Q2', { actual: '3300' }), // 1800 in Q2 last year
      obs('2013/14 Q1', { actual: '1830' }),
      obs('2013/14 Q2', { actual: '3802', target: '3278' }), // 1972 in Q2 this year
    ]
    const result = evaluateIndicator(indicator, observations, Q2)
    assert.equal(result.dot, 'worse')
    assert.equal(formatPeriod(result.comparedWith!.period), '2012/13 Q2')
  })

  it('gives no direction when there is no previous figure', () => {
    const result = evaluateIndicator(buildIndicator(), [obs('2013/14 Q2', { actual: '5', target: '4' })], Q2)
    assert.equal(result.dot, null)
    assert.equal(result.noDotReason, 'no-previous')
  })

  it('gives no RAG when there is no target, but still reports', () => {
    const result = evaluateIndicator(
      buildIndicator(),
      [obs('2013/14 Q1', { actual: '4' }), obs('2013/14 Q2', { actual: '5' })],
      Q2,
    )
    assert.equal(result.reported, true)
    assert.equal(result.rag, null)
    assert.equal(result.ragSource, null)
    assert.equal(result.dot, 'improved')
    assert.equal(result.exceptionRequired, false)
  })

  it('lets a management assessment win and marks it as such', () => {
    const result = evaluateIndicator(
      buildIndicator(),
      [obs('2013/14 Q2', { actual: '100', target: '50', status: 'A' })],
      Q2,
    )
    assert.equal(result.rag, 'A')
    assert.equal(result.ragSource, 'assessment')
    assert.equal(result.exceptionRequired, true)
  })

  it('uses the forecast when the indicator is judged by forecast, with the projection', () => {
    const indicator = buildIndicator({ ragMethod: 'forecast', accumulation: 'ytd-sum', polarity: 'lower' })
    const observations = [obs('2012/13', { target: '8065' }), obs('2012/13 Q2', { actual: '3710' })]
    const result = evaluateIndicator(indicator, observations, parsePeriod('2012/13 Q2'))
    assert.equal(result.rag, 'G')
    assert.equal(result.ragSource, 'forecast')
    assert.equal(decimalToString(result.forecast!.projected), '7420')
  })

  it('still offers a forecast suggestion under the tolerance method', () => {
    const observations = [obs('2013/14', { target: '300' }), obs('2013/14 Q2', { actual: '100', target: '150' })]
    const result = evaluateIndicator(buildIndicator({ accumulation: 'ytd-sum' }), observations, Q2)
    assert.equal(result.ragSource, 'tolerance')
    assert.equal(result.rag, 'R')
    assert.equal(result.forecast?.suggestedRag, 'R')
    assert.equal(decimalToString(result.forecast.projected), '200')
  })

  it('reports a figure a quarter in arrears, without a direction of travel', () => {
    const result = evaluateIndicator(
      buildIndicator(),
      [obs('2013/14 Q2', { dataPeriod: '2013/14 Q1', actual: '2.97', target: '2.6' })],
      Q2,
    )
    assert.equal(result.reported, true)
    assert.equal(result.inArrears, true)
    assert.equal(formatPeriod(result.dataPeriod!), '2013/14 Q1')
    assert.equal(result.rag, 'G')
    assert.equal(result.dot, null)
    assert.equal(result.noDotReason, 'in-arrears')
  })

  it('compares figures in arrears with the figure for the period before', () => {
    const observations = [
      obs('2013/14 Q1', { dataPeriod: '2012/13 Q4', actual: '2.5' }),
      obs('2013/14 Q2', { dataPeriod: '2013/14 Q1', actual: '2.97', target: '2.6' }),
    ]
    assert.equal(evaluateIndicator(buildIndicator(), observations, Q2).dot, 'improved')
  })

  it('does not count a repeated figure as a movement', () => {
    const observations = [
      obs('2013/14 Q1', { actual: '2.97' }),
      obs('2013/14 Q2', { dataPeriod: '2013/14 Q1', actual: '2.97', target: '2.6' }),
    ]
    const result = evaluateIndicator(buildIndicator(), observations, Q2)
    assert.equal(result.dot, null)
    assert.equal(result.noDotReason, 'in-arrears')
  })

  it('uses the last month of the quarter for a monthly indicator with no quarter entry', () => {
    const indicator = buildIndicator({ frequency: 'monthly' })
    const observations = [
      obs('2013-06', { actual: '10' }),
      obs('2013-08', { actual: '11' }),
      obs('2013-09', { actual: '12', target: '12' }),
    ]
    const result = evaluateIndicator(indicator, observations, Q2)
    assert.equal(result.rag, 'G')
    assert.equal(result.dot, 'improved')
    assert.equal(formatPeriod(result.dataPeriod!), '2013-09')
  })

  const notReported: [
    name: string,
    frequency: 'annual' | 'quarterly' | 'monthly',
    observations: ReturnType<typeof obs>[],
    reason: string,
    period?: string,
  ][] = [
    ['an annual indicator in a quarter', 'annual', [obs('2012/13', { actual: '71.9' })], 'annual'],
    ['an annual indicator in a month', 'annual', [obs('2012/13', { actual: '71.9' })], 'annual', '2013-08'],
    ['an indicator with no data yet', 'quarterly', [obs('2013/14', { target: '1.93' })], 'new'],
    ['an indicator whose figure has not come', 'quarterly', [obs('2013/14 Q1', { actual: '5' })], 'not-available'],
    [
      'an indicator whose figures come a period late',
      'quarterly',
      [obs('2013/14 Q1', { dataPeriod: '2012/13 Q4', actual: '5' })],
      'in-arrears',
    ],
    [
      'an owner who says why',
      'quarterly',
      [obs('2013/14 Q1', { actual: '5' }), obs('2013/14 Q2', { notReported: 'in-arrears' })],
      'in-arrears',
    ],
    [
      'a figure withheld because the numbers are small',
      'quarterly',
      [obs('2013/14 Q1', { actual: '5' }), obs('2013/14 Q2', { notReported: 'suppressed' })],
      'suppressed',
    ],
    [
      'a quarterly indicator in the first month of a quarter',
      'quarterly',
      [obs('2013/14 Q1', { actual: '5' })],
      'not-due',
      '2013-07',
    ],
    [
      'a quarterly indicator in the second month of a quarter',
      'quarterly',
      [obs('2013/14 Q1', { actual: '5' })],
      'not-due',
      '2013-08',
    ],
    ['a quarterly indicator with no data yet, in a month it is not due', 'quarterly', [], 'not-due', '2014-02'],
    [
      'a quarterly indicator late in arrears, in a month it is not due',
      'quarterly',
      [obs('2013/14 Q1', { dataPeriod: '2012/13 Q4', actual: '5' })],
      'not-due',
      '2013-08',
    ],
    [
      'a quarterly indicator whose owner says why, in a month it is not due',
      'quarterly',
      [obs('2013/14 Q1', { actual: '5' }), obs('2013-08', { notReported: 'suppressed' })],
      'suppressed',
      '2013-08',
    ],
    // In the last month of its quarter the quarter's figure is due: missing, it is not available.
    [
      'a quarterly indicator in the last month of a quarter',
      'quarterly',
      [obs('2013/14 Q1', { actual: '5' })],
      'not-available',
      '2013-09',
    ],
    ['a quarterly indicator in March', 'quarterly', [obs('2013/14 Q3', { actual: '5' })], 'not-available', '2014-03'],
    [
      'a monthly indicator in a month without its figure',
      'monthly',
      [obs('2013-07', { actual: '5' })],
      'not-available',
      '2013-08',
    ],
    [
      'a quarterly indicator in a quarter',
      'quarterly',
      [obs('2013/14 Q1', { actual: '5' })],
      'not-available',
      '2013/14 Q3',
    ],
  ]
  for (const [name, frequency, observations, reason, period] of notReported) {
    it(`says why nothing was reported for ${name}: ${reason}`, () => {
      const at = period === undefined ? Q2 : parsePeriod(period)
      const result = evaluateIndicator(buildIndicator({ frequency }), observations, at)
      assert.equal(result.reported, false)
      assert.equal(result.notReported, reason)
      assert.equal(result.rag, null)
      assert.equal(result.dot, null)
    })
  }

  it('reports a quarterly figure given for a month it is not due, and the quarter in its last month', () => {
    const indicator = buildIndicator({ frequency: 'quarterly' })
    const observations = [obs('2013-08', { actual: '6', target: '5' }), obs('2013/14 Q2', { actual: '7', target: '5' })]
    assert.equal(evaluateIndicator(indicator, observations, parsePeriod('2013-08')).actual?.text, '6')
    assert.equal(evaluateIndicator(indicator, observations, parsePeriod('2013-09')).actual?.text, '7')
    assert.equal(evaluateIndicator(indicator, observations, parsePeriod('2013-07')).notReported, 'not-due')
  })

  it('treats an annual figure given mid-year as the year’s, compared with last year', () => {
    const indicator = buildIndicator({ frequency: 'annual', valueType: 'text', polarity: 'none' })
    const result = evaluateIndicator(
      indicator,
      [obs('2012/13', { actual: 'Top' }), obs('2013/14 Q2', { actual: 'Top', target: 'Top' })],
      Q2,
    )
    assert.equal(result.rag, 'G')
    assert.equal(result.dot, 'same')
  })

  it('carries the status of a status-only indicator, with no direction', () => {
    const indicator = buildIndicator({ valueType: 'status', polarity: 'none' })
    const result = evaluateIndicator(
      indicator,
      [obs('2013/14 Q1', { status: 'G' }), obs('2013/14 Q2', { status: 'G' })],
      Q2,
    )
    assert.equal(result.reported, true)
    assert.equal(result.rag, 'G')
    assert.equal(result.ragSource, 'assessment')
    assert.equal(result.dot, null)
    assert.equal(result.noDotReason, 'status-only')
  })

  it('brings the previous period and last year for the report columns', () => {
    const observations = [
      obs('2012/13', { actual: '48.6', status: 'G' }),
      obs('2013/14 Q1', { actual: '53.05', status: 'G' }),
      obs('2013/14 Q2', { actual: '57.59', target: '52', estimated: true }),
    ]
    const result = evaluateIndicator(buildIndicator(), observations, Q2)
    assert.equal(result.previous.rag, 'G')
    assert.equal(result.lastYear.actual?.text, '48.6')
    assert.equal(result.estimated, true)
  })
})

describe("the index of an indicator's entries", () => {
  const periods = ['2012/13', '2012/13 Q4', '2013-03', '2013/14 Q1', '2013-04', '2013-06', '2013/14 Q2', '2013/14']
  // Entries in order, out of order, and with a period given twice (the last given is the one looked up, as a Map had it).
  const lists: string[][] = [
    periods,
    [...periods].reverse(),
    ['2013/14 Q2', '2012/13', '2013-06', '2013/14 Q1', '2013/14 Q2', '2013-04'],
    ['2013-04', '2013-04', '2013-04'],
    [],
    // Far out of order: five years of months and years, newest first, past what the insertion sort takes on.
    Array.from({ length: 5 }, (_, y) => [
      `${2013 - y}/${String((14 - y) % 100).padStart(2, '0')}`,
      ...Array.from({ length: 12 }, (_, m) =>
        formatPeriod({ kind: 'month', year: 2013 - y, month: ((14 - m) % 12) + 1 }),
      ),
    ]).flat(),
  ]
  for (const list of lists) {
    it(`finds each period's entry among ${list.length} entries: ${list.slice(0, 6).join(', ')}`, () => {
      const observations: Observation[] = list.map((period, n) => obs(period, { note: `entry ${n}` }))
      const index = new ObservationIndex(observations)
      const last = new Map(observations.map((o) => [formatPeriod(o.period), o]))
      for (const period of [...periods, '2011/12', '2013/14 Q3', '2013-05'].map(parsePeriod))
        assert.equal(index.at(period), last.get(formatPeriod(period)), formatPeriod(period))
      assert.deepEqual(
        index.sorted,
        [...observations].sort((a, b) => comparePeriods(a.period, b.period)),
      )
    })
  }
})
