import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type IndicatorSpc,
  SPC_MINIMUM_POINTS,
  describeAssurance,
  describeVariation,
  improvementOf,
  indicatorSpc,
  statisticsSentence,
} from '../../../src/domain/statistics/indicator-spc.ts'
import { formatPeriod, parsePeriod } from '../../../src/domain/periods/period.ts'
import type { AssuranceIcon, VariationIcon } from '../../../src/domain/statistics/spc.ts'
import type { Rag } from '../../../src/domain/figures/value.ts'
import { buildIndicator, obs } from '../../helpers/factories.ts'

const MONTHS = Array.from({ length: 18 }, (_, i) => {
  const month = ((3 + i) % 12) + 1
  const year = 2012 + Math.floor((3 + i) / 12)
  return `${year}-${String(month).padStart(2, '0')}`
})
const monthly = buildIndicator({ frequency: 'monthly', unit: '%' })
const steady = [50, 52, 49, 51, 50, 48, 52, 51, 49, 50, 51, 49, 50, 52, 48, 51, 50, 49]

describe('the SPC series of an indicator', () => {
  it('charts each month of a monthly indicator up to the end of the quarter reported, not its quarter rows', () => {
    const observations = [
      ...MONTHS.map((m, i) => obs(m, { actual: String(steady[i]), target: '50' })),
      obs('2013/14 Q2', { actual: '999' }),
    ]
    const outcome = indicatorSpc(monthly, observations, parsePeriod('2013/14 Q2'))
    assert.ok(outcome.spc)
    assert.equal(outcome.pointCount, 18)
    assert.deepEqual(outcome.spc.periods.map(formatPeriod).slice(-2), ['2013-08', '2013-09'])
    assert.ok(!outcome.spc.points.some((p) => p.value === 999), 'the quarter row is not a month')
    const earlier = indicatorSpc(monthly, observations, parsePeriod('2013/14 Q1'))
    assert.equal(earlier.pointCount, 15, 'at Q1 the chart ends in June 2013')
  })

  it('charts a figure reported in arrears at the period it relates to, the later report winning', () => {
    const quarterly = buildIndicator()
    const quarters = ['2010/11', '2011/12', '2012/13', '2013/14'].flatMap((y) => [1, 2, 3, 4].map((q) => `${y} Q${q}`))
    const observations = quarters.slice(0, 13).map((q, i) => obs(q, { actual: String(10 + (i % 3)) }))
    observations.push(obs('2013/14 Q2', { actual: '11', dataPeriod: '2013/14 Q1' }))
    const outcome = indicatorSpc(quarterly, observations, parsePeriod('2013/14 Q2'))
    assert.equal(outcome.pointCount, 13)
    assert.equal(outcome.spc?.points.at(-1)?.value, 11, 'the Q1 figure reported at Q2 replaces the one given at Q1')
    assert.equal(formatPeriod(outcome.spc.periods.at(-1) ?? parsePeriod('2000/01')), '2013/14 Q1')
  })

  const reasons: [what: string, overrides: Parameters<typeof buildIndicator>[0], reason: string][] = [
    ['a rank', { valueType: 'rank' }, 'not-a-number'],
    ['a text', { valueType: 'text' }, 'not-a-number'],
    ['a status', { valueType: 'status' }, 'not-a-number'],
    ['a year-to-date total', { accumulation: 'ytd-sum' }, 'cumulative'],
  ]
  for (const [what, overrides, reason] of reasons)
    it(`gives no chart for ${what}`, () => {
      const outcome = indicatorSpc(
        buildIndicator({ frequency: 'monthly', ...overrides }),
        MONTHS.map((m) => obs(m, { actual: '1' })),
        parsePeriod('2013/14 Q2'),
      )
      assert.deepEqual([outcome.spc, outcome.reason], [null, reason])
    })

  it(`needs ${SPC_MINIMUM_POINTS} points, and says how many there are`, () => {
    const twelve = MONTHS.slice(0, 12).map((m) => obs(m, { actual: '5' }))
    assert.deepEqual(indicatorSpc(monthly, twelve, parsePeriod('2013/14 Q2')), {
      spc: null,
      reason: 'too-few-points',
      pointCount: 12,
    })
    const thirteen = MONTHS.slice(0, 13).map((m) => obs(m, { actual: '5' }))
    const outcome = indicatorSpc(monthly, thirteen, parsePeriod('2013/14 Q2'))
    assert.equal(outcome.reason, null)
    assert.equal(outcome.spc.variation, 'common_cause', 'a flat series is common cause, never NaN')
  })

  it('judges assurance against the latest period’s target and the polarity', () => {
    const observations = MONTHS.map((m, i) => obs(m, { actual: String(steady[i]), target: i < 17 ? '40' : '60' }))
    assert.equal(indicatorSpc(monthly, observations, parsePeriod('2013/14 Q2')).spc?.assurance, 'consistent_fail')
    const lower = buildIndicator({ frequency: 'monthly', polarity: 'lower' })
    assert.equal(indicatorSpc(lower, observations, parsePeriod('2013/14 Q2')).spc?.assurance, 'consistent_pass')
    const neutral = buildIndicator({ frequency: 'monthly', polarity: 'none' })
    assert.equal(indicatorSpc(neutral, observations, parsePeriod('2013/14 Q2')).spc?.assurance, null)
    assert.deepEqual(
      (['higher', 'lower', 'none'] as const).map((polarity) => improvementOf(buildIndicator({ polarity }))),
      ['increase', 'decrease', 'neutral'],
    )
  })
})

describe('what the statistics say', () => {
  const chart = (variation: VariationIcon, assurance: AssuranceIcon | null): IndicatorSpc => ({
    periods: [],
    targets: [],
    points: [],
    groups: [],
    variation,
    assurance,
    target: null,
  })
  const cases: [rag: Rag | null, variation: VariationIcon, assurance: AssuranceIcon | null, sentence: string][] = [
    [
      'R',
      'common_cause',
      'inconsistent',
      'Red against target, but common-cause variation: at current performance the target will be missed about as often as it is met.',
    ],
    [
      'R',
      'common_cause',
      'consistent_fail',
      'Red against target, and common-cause variation: at current performance the target will not be met without a change to how the service works.',
    ],
    [
      'A',
      'improvement_high',
      'inconsistent',
      'Amber against target, but special-cause improvement (higher than expected): at current performance the target will be missed about as often as it is met.',
    ],
    [
      'R',
      'concern_high',
      'consistent_fail',
      'Red against target, and special-cause concern (higher than expected): at current performance the target will not be met without a change to how the service works.',
    ],
    [
      'G',
      'common_cause',
      'consistent_pass',
      'Green against target, and common-cause variation: at current performance the target will be met consistently.',
    ],
    [
      'G',
      'concern_low',
      'consistent_pass',
      'Green against target, but special-cause concern (lower than expected): at current performance the target will be met consistently.',
    ],
    [
      'G',
      'improvement_low',
      'inconsistent',
      'Green against target, but special-cause improvement (lower than expected): at current performance the target will be missed about as often as it is met.',
    ],
    [
      null,
      'neutral_high',
      null,
      'Special-cause variation (higher than expected): there is no target to judge assurance against.',
    ],
  ]
  for (const [rag, variation, assurance, sentence] of cases)
    it(`${String(rag)}, ${variation}, ${String(assurance)}`, () => {
      assert.equal(statisticsSentence(rag, chart(variation, assurance)), sentence)
    })

  it('names every icon in words', () => {
    assert.equal(describeVariation('concern_high'), 'Special cause concern: higher than expected')
    assert.equal(describeVariation('common_cause'), 'Common cause variation: no significant change')
    assert.equal(describeAssurance('inconsistent'), 'The target is not reliably met')
    assert.equal(describeAssurance('consistent_fail'), 'The target is consistently missed')
  })
})
