import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type SpcOptions, type SpcResult, analyseSpc, assuranceIcon } from '../../../src/domain/statistics/spc.ts'
import { runEnds, trendEnds } from '../../../src/domain/statistics/spc-rules.ts'
import { close } from '../../helpers/close.ts'

/** The rule of each point, '-' for common cause, as one string: easy to read in a table. */
const rules = (result: SpcResult): string => result.points.map((p) => p.rule ?? '-').join(' ')
const types = (result: SpcResult): string => result.points.map((p) => p.type).join(' ')
const repeat = (rule: string, times: number): string[] => Array.from({ length: times }, () => rule)
const ruleLine = (...parts: (string | string[])[]): string => parts.flat().join(' ')

// Designed series. Each comment says why the series does what the case claims.
// Rising 2..8 (seven points) among points that straddle the mean of 5; no point near the limits.
const RISING_SEVEN = [1, 9, 1, 9, 2, 3, 4, 5, 6, 7, 8, 1, 9]
// The same with a tie (4, 4): the trend is broken.
const RISING_WITH_TIE = [1, 9, 1, 9, 2, 3, 4, 4, 5, 6, 7, 1, 9]
// Only six rising points (2..7).
const RISING_SIX = [1, 9, 1, 9, 2, 3, 4, 5, 6, 7, 1, 9]
// Alternating 2, 0 then seven 1.5s, all above the mean of 1.206 (the point before them, 0, is below).
const SEVEN_ABOVE = [2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5]
const SIX_ABOVE = SEVEN_ABOVE.slice(0, 16)
// The mean is exactly 0 (the −7 balances the seven 1s); the 0 at index 12 sits on the mean and splits eight 1s.
const RUN_SPLIT_BY_MEAN = [-1, 1, -1, 1, -1, 1, -1, 1, -7, 1, 1, 1, 0, 1, 1, 1, 1]
const RUN_NOT_SPLIT = [-1, 1, -1, 1, -1, 1, -1, 1, -7, 1, 1, 1, 1, 1, 1, 1, 1]
// 5.5 is between the near limit (5.25) and the upper limit (7.46): two close points and the 1 between them, all above.
const TWO_CLOSE_SAME_SIDE = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 5.5, 1, 5.5]
// NHSRplotthedots' own test: two successive close points on opposite sides of the mean are common cause.
const TWO_CLOSE_OPPOSITE = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 5.5, -5.5]
// 14 is close (13.6 to 19.9), 30 is beyond 3σ, 3 is above the mean: one close point, one outside, one above.
const CLOSE_THEN_OUTSIDE = [-30, -2, 2, -2, 2, -2, 2, -2, 2, -2, 2, -2, 2, 14, 30, 3]
// Seven points falling from 10 to 7, all above the mean of 6.54: a decreasing trend inside a run above the mean.
const FALLING_RUN_ABOVE = [2, 8, 2, 8, 2, 8, 2, 10, 9.5, 9, 8.5, 8, 7.5, 7]
// The mean is 0; the outliers ±20 are outside the limits of ±5.32 (the moving ranges around them are screened out).
const LATEST_HIGH = [-20, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 20]
const LATEST_LOW = [20, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -20]
// Twelve points alternating 1 and 3 (mean 2, limits −3.32 to 7.32), then five points at 10.
const STEP_UP = [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 10, 10, 10, 10, 10]

describe('the SPC rules, applied to whole series', () => {
  const cases: [name: string, values: number[], options: SpcOptions, expected: string][] = [
    ['seven rising points are a trend', RISING_SEVEN, {}, ruleLine(repeat('-', 4), repeat('trend', 7), repeat('-', 2))],
    ['a tie breaks the trend (c(1:3, 3:6) gives no trend)', RISING_WITH_TIE, {}, ruleLine(repeat('-', 13))],
    ['six rising points are not a trend', RISING_SIX, {}, ruleLine(repeat('-', 12))],
    ['seven points above the mean are a run', SEVEN_ABOVE, {}, ruleLine(repeat('-', 10), repeat('run', 7))],
    ['six points above the mean are not a run', SIX_ABOVE, {}, ruleLine(repeat('-', 16))],
    [
      'a point exactly on the mean breaks the run',
      RUN_SPLIT_BY_MEAN,
      {},
      ruleLine(repeat('-', 8), 'outside', repeat('-', 8)),
    ],
    [
      'the same points without the point on the mean are a run',
      RUN_NOT_SPLIT,
      {},
      ruleLine(repeat('-', 8), 'outside', repeat('run', 8)),
    ],
    [
      'two of three close to the limits on the same side: only the close points are flagged',
      TWO_CLOSE_SAME_SIDE,
      {},
      ruleLine(repeat('-', 13), 'twoOfThree', '-', 'twoOfThree'),
    ],
    [
      'two close points on opposite sides of the mean are common cause (NHSRplotthedots #143)',
      TWO_CLOSE_OPPOSITE,
      {},
      ruleLine(repeat('-', 16)),
    ],
    [
      'a point beyond 3σ does not count towards two of three (NHSRplotthedots #153)',
      CLOSE_THEN_OUTSIDE,
      {},
      ruleLine('outside', repeat('-', 13), 'outside', '-'),
    ],
    [
      'the MDC November 2023 reading counts the point beyond 3σ, and flags only the close point',
      CLOSE_THEN_OUTSIDE,
      { twoOfThreeVariant: 'mdc-2023' },
      ruleLine('outside', repeat('-', 12), 'twoOfThree', 'outside', '-'),
    ],
    [
      'precedence: a falling trend inside a run above the mean is labelled a trend',
      FALLING_RUN_ABOVE,
      {},
      ruleLine(repeat('-', 7), repeat('trend', 7)),
    ],
    [
      'prefer-improvement: the same points are labelled by the run, which is improvement',
      FALLING_RUN_ABOVE,
      { conflict: 'prefer-improvement' },
      ruleLine(repeat('-', 7), repeat('run', 7)),
    ],
    [
      'a run length of 6 flags six points above the mean',
      SIX_ABOVE,
      { runLength: 6 },
      ruleLine(repeat('-', 10), repeat('run', 6)),
    ],
    [
      'a trend length of 5 flags five rising points',
      [1, 9, 1, 9, 2, 3, 4, 5, 6, 1, 9],
      { trendLength: 5 },
      ruleLine(repeat('-', 4), repeat('trend', 5), repeat('-', 2)),
    ],
    [
      'fixAfter 12: later points are judged against the first twelve',
      STEP_UP,
      { fixAfter: 12 },
      ruleLine(repeat('-', 12), repeat('outside', 5)),
    ],
    [
      'without fixAfter the step raises the mean and the earlier points form runs and two-of-threes',
      STEP_UP,
      {},
      ruleLine(repeat('twoOfThree run', 6), repeat('outside', 5)),
    ],
  ]
  for (const [name, values, options, expected] of cases) {
    it(name, () => {
      assert.equal(rules(analyseSpc(values, options)), expected)
    })
  }

  it('labels a falling trend inside a run above the mean as concern when higher is better (precedence)', () => {
    assert.equal(types(analyseSpc(FALLING_RUN_ABOVE)), ruleLine(repeat('common', 7), repeat('concern', 7)))
    assert.equal(
      types(analyseSpc(FALLING_RUN_ABOVE, { conflict: 'prefer-improvement' })),
      ruleLine(repeat('common', 7), repeat('improvement', 7)),
    )
  })

  it('labels a point in a rising and a falling trend by the step after it: the peak reads as falling', () => {
    // Noise around the mean (4.29) that breaks nothing, then 1..7 rising and 7..1 falling.
    const result = analyseSpc([0, 12, 0, 12, 1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1])
    assert.equal(rules(result), ruleLine(repeat('-', 4), repeat('trend', 13)))
    assert.equal(types(result), ruleLine(repeat('common', 4), repeat('improvement', 6), repeat('concern', 7)))
  })

  it('reads a rising trend as improvement, concern or neutral by the direction of improvement', () => {
    const trendTypes = (improvement: 'increase' | 'decrease' | 'neutral') =>
      analyseSpc(RISING_SEVEN, { improvement })
        .points.slice(4, 11)
        .map((p) => `${p.type}/${p.side}`)
    assert.deepEqual(trendTypes('increase'), repeat('improvement/high', 7))
    assert.deepEqual(trendTypes('decrease'), repeat('concern/high', 7))
    assert.deepEqual(trendTypes('neutral'), repeat('neutral/high', 7))
  })
})

describe('the rule functions on their own', () => {
  it('a side of 0 (a point on the mean) ends no run and breaks one', () => {
    assert.deepEqual(runEnds([1, 1, 1, 0, 1, 1, 1, 1], 7), [0, 0, 0, 0, 0, 0, 0, 0])
    assert.deepEqual(runEnds([0, 0, 0, 0, 0, 0, 0], 7), [0, 0, 0, 0, 0, 0, 0])
  })

  it('other lengths: a trend of 5 and a run of 6', () => {
    assert.deepEqual(trendEnds([1, 2, 3, 4, 5], 5), [0, 0, 0, 0, 1])
    assert.deepEqual(runEnds([-1, -1, -1, -1, -1, -1], 6), [0, 0, 0, 0, 0, 1])
  })
})

describe('the variation icon, from the latest point', () => {
  const cases: [series: number[], improvement: 'increase' | 'decrease' | 'neutral', icon: string][] = [
    [LATEST_HIGH, 'increase', 'improvement_high'],
    [LATEST_HIGH, 'decrease', 'concern_high'],
    [LATEST_HIGH, 'neutral', 'neutral_high'],
    [LATEST_LOW, 'increase', 'concern_low'],
    [LATEST_LOW, 'decrease', 'improvement_low'],
    [LATEST_LOW, 'neutral', 'neutral_low'],
    [RISING_SEVEN, 'increase', 'common_cause'],
    [SEVEN_ABOVE, 'increase', 'improvement_high'],
    [SEVEN_ABOVE, 'decrease', 'concern_high'],
  ]
  for (const [series, improvement, icon] of cases) {
    it(`${icon} for ${improvement} (latest point ${series[series.length - 1]})`, () => {
      assert.equal(analyseSpc(series, { improvement }).variation, icon)
    })
  }

  it('reads only the latest point: a special cause earlier on leaves common cause', () => {
    const result = analyseSpc([...LATEST_HIGH, 1])
    assert.equal(result.points[11]?.type, 'improvement')
    assert.equal(result.variation, 'common_cause')
  })
})

describe('the assurance icon, from the latest period’s limits', () => {
  const limits = { lpl: 1, upl: 5 }
  const cases: [
    target: number | null,
    improvement: 'increase' | 'decrease' | 'neutral',
    comparison: 'strict' | 'inclusive',
    icon: string | null,
  ][] = [
    [6, 'increase', 'strict', 'consistent_fail'],
    [0, 'increase', 'strict', 'consistent_pass'],
    [3, 'increase', 'strict', 'inconsistent'],
    [6, 'decrease', 'strict', 'consistent_pass'],
    [0, 'decrease', 'strict', 'consistent_fail'],
    [3, 'decrease', 'strict', 'inconsistent'],
    [5, 'increase', 'strict', 'inconsistent'],
    [1, 'increase', 'strict', 'inconsistent'],
    [5, 'decrease', 'strict', 'inconsistent'],
    [5, 'increase', 'inclusive', 'consistent_fail'],
    [1, 'increase', 'inclusive', 'consistent_pass'],
    [5, 'decrease', 'inclusive', 'consistent_pass'],
    [1, 'decrease', 'inclusive', 'consistent_fail'],
    [3, 'increase', 'inclusive', 'inconsistent'],
    [null, 'increase', 'strict', null],
    [6, 'neutral', 'strict', null],
  ]
  for (const [target, improvement, comparison, icon] of cases) {
    it(`target ${target}, ${improvement}, ${comparison}: ${icon}`, () => {
      assert.equal(assuranceIcon(limits, target, improvement, comparison), icon)
    })
  }

  it('uses the last period after a rebase', () => {
    // First period 1, 3, … (limits about −3.3 to 7.3); second period 21, 23, … (limits about 16.7 to 27.3).
    const values = [
      ...repeat('x', 13).map((_, i) => (i % 2 === 0 ? 1 : 3)),
      ...repeat('x', 13).map((_, i) => (i % 2 === 0 ? 21 : 23)),
    ]
    const result = analyseSpc(values, { rebaseAt: [13], target: 10 })
    assert.equal(result.assurance, 'consistent_pass')
    assert.equal(analyseSpc(values, { target: 10 }).assurance, 'inconsistent')
  })
})

describe('degenerate series', () => {
  it('a flat series has no limits, only common cause, and assurance inconsistent (R compares with NaN)', () => {
    const result = analyseSpc(
      repeat('x', 15).map(() => 7),
      { target: 5 },
    )
    assert.deepEqual(result.groups, [
      { start: 0, end: 14, mean: 7, lpl: null, upl: null, nlpl: null, nupl: null, fewPoints: false },
    ])
    assert.ok(result.points.every((p) => p.type === 'common' && !p.outside && !p.close))
    assert.equal(result.variation, 'common_cause')
    assert.equal(result.assurance, 'inconsistent')
  })

  it('a flat series without screening has limits equal to the mean, as in R, and nothing outside them', () => {
    const result = analyseSpc(
      repeat('x', 15).map(() => 7),
      { target: 5, screenOutliers: false },
    )
    assert.equal(result.groups[0]?.lpl, 7)
    assert.equal(result.groups[0].upl, 7)
    assert.ok(result.points.every((p) => p.type === 'common'))
    assert.equal(result.assurance, 'consistent_pass')
  })

  it('[5 × 11, 6]: the screened limits equal the mean and every point is outside them, as in R', () => {
    const result = analyseSpc([...repeat('x', 11).map(() => 5), 6])
    const group = result.groups[0]
    close(group?.mean, 61 / 12)
    assert.equal(group?.lpl, group?.mean)
    assert.equal(group?.upl, group?.mean)
    assert.equal(rules(result), ruleLine(repeat('outside', 12)))
    assert.equal(result.variation, 'improvement_high')
  })

  it("[5 × 11, 6] with zeroSpread 'no-limits': no limits, so nothing is outside; the eleven 5s are a run below", () => {
    const result = analyseSpc([...repeat('x', 11).map(() => 5), 6], { zeroSpread: 'no-limits' })
    assert.equal(result.groups[0]?.upl, null)
    assert.equal(rules(result), ruleLine(repeat('run', 11), '-'))
    assert.equal(result.variation, 'common_cause')
  })

  it('an empty series has no periods, common cause and no assurance, even with a target', () => {
    assert.deepEqual(analyseSpc([], { target: 3 }), {
      groups: [],
      points: [],
      variation: 'common_cause',
      assurance: null,
      fewPoints: false,
    })
  })

  it('a single point has a mean but no limits', () => {
    const result = analyseSpc([4])
    assert.deepEqual(result.groups[0], {
      start: 0,
      end: 0,
      mean: 4,
      lpl: null,
      upl: null,
      nlpl: null,
      nupl: null,
      fewPoints: true,
    })
    assert.equal(result.points[0]?.type, 'common')
  })

  it('never gives NaN or Infinity anywhere', () => {
    for (const series of [[], [4], [7, 7, 7], [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6], [1e308, -1e308, 1e308]]) {
      const text = JSON.stringify(analyseSpc(series, { target: 1 }))
      assert.ok(!/NaN|Infinity/.test(text), text)
      for (const group of analyseSpc(series).groups) {
        for (const value of [group.mean, group.lpl, group.upl, group.nlpl, group.nupl]) {
          assert.ok(value === null || Number.isFinite(value), `${value} in ${JSON.stringify(series)}`)
        }
      }
    }
  })
})

describe('periods: rebasing and fixing the limits', () => {
  it('computes each period independently: a rebased chart is the charts of its periods side by side', () => {
    const first = [5, 7, 6, 8, 5, 9, 4, 7, 6, 8, 7, 6, 12]
    const second = [20, 22, 21, 19, 23, 20, 21, 22, 20, 21, 19, 30]
    const together = analyseSpc([...first, ...second], { rebaseAt: [first.length] })
    const alone = [analyseSpc(first), analyseSpc(second)]
    assert.deepEqual(together.points, [...(alone[0]?.points ?? []), ...(alone[1]?.points ?? [])])
    assert.deepEqual(together.groups[0], alone[0]?.groups[0])
    assert.deepEqual(together.groups[1], { ...alone[1]?.groups[0], start: 13, end: 24 })
  })

  it('never lets a rule span periods: seven rising points split 4 | 3 are no trend', () => {
    const values = [1, 9, 1, 9, 2, 3, 4, 5, 6, 7, 8, 1, 9]
    assert.equal(analyseSpc(values).points[7]?.rule, 'trend')
    const rebased = analyseSpc(values, { rebaseAt: [8] })
    assert.ok(rebased.points.slice(4, 11).every((p) => p.rule !== 'trend'))
  })

  it('ignores a rebase at index 0 and repeated rebases', () => {
    assert.deepEqual(analyseSpc(STEP_UP, { rebaseAt: [0, 12, 12] }).groups.length, 2)
    assert.deepEqual(analyseSpc(STEP_UP, { rebaseAt: [0] }), analyseSpc(STEP_UP))
  })

  it('fixAfter 12 takes the mean and limits from the first twelve points of each period', () => {
    const result = analyseSpc(STEP_UP, { fixAfter: 12 })
    close(result.groups[0]?.mean, 2)
    close(result.groups[0]?.upl, 2 + 2.66 * 2)
    close(result.groups[0]?.lpl, 2 - 2.66 * 2)
    close(result.groups[0]?.nupl, 2 + 2 * (2.66 / 3) * 2)
  })

  it('flags periods with fewer than 13 points', () => {
    assert.equal(analyseSpc(STEP_UP.slice(0, 12)).fewPoints, true)
    assert.equal(analyseSpc(STEP_UP.slice(0, 13)).fewPoints, false)
    const rebased = analyseSpc(STEP_UP, { rebaseAt: [12] })
    assert.deepEqual(
      rebased.groups.map((g) => g.fewPoints),
      [true, true],
    )
    assert.equal(rebased.fewPoints, true)
  })

  it('minimumPoints 13 (the MDC tool) computes no limits and no special cause for a shorter period', () => {
    const short = analyseSpc(LATEST_HIGH, { minimumPoints: 13, target: 0 })
    assert.equal(short.groups[0]?.upl, null)
    assert.equal(rules(short), ruleLine(repeat('-', 12)))
    assert.equal(short.variation, 'common_cause')
    assert.equal(analyseSpc(LATEST_HIGH).variation, 'improvement_high')
    assert.notEqual(analyseSpc([...LATEST_HIGH, 0], { minimumPoints: 13 }).groups[0]?.upl, null)
  })
})

describe('the limits and their options', () => {
  it('screens outlying moving ranges by default and not when asked (deviations.Rmd: UPL 4.60 and 6.95)', () => {
    const data = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    close(analyseSpc(data).groups[0]?.upl, 35 / 18 + 2.66 * 1)
    close(analyseSpc(data, { screenOutliers: false }).groups[0]?.upl, 35 / 18 + 2.66 * (32 / 17))
  })

  it('puts the limits at mean ± multiplier × AMR: 2.66 by default, 3 / 1.128 for PowerBI-SPC', () => {
    const data = [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]
    close(analyseSpc(data).groups[0]?.upl, 2 + 2.66 * 2)
    close(analyseSpc(data, { limitMultiplier: 3 / 1.128 }).groups[0]?.upl, 2 + (3 / 1.128) * 2)
    close(analyseSpc(data, { limitMultiplier: 3 / 1.128 }).groups[0]?.nupl, 2 + (2 / 1.128) * 2)
  })

  it('treats outside strictly: a point exactly on the limit is not outside', () => {
    // Mean 2, AMR 2, UPL 7.32; a thirteenth point of exactly 7.32 moves the mean, so check with fixAfter 12.
    const result = analyseSpc([1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 2 + 2.66 * 2], { fixAfter: 12 })
    assert.equal(result.points[12]?.outside, false)
    assert.equal(result.points[12].close, true)
  })
})

describe('invalid requests', () => {
  const cases: [name: string, values: number[], options: SpcOptions, message: RegExp][] = [
    ['a value that is not a number', [1, Number.NaN, 3], {}, /index 1/],
    ['an infinite value', [1, Number.POSITIVE_INFINITY], {}, /index 1/],
    ['fixAfter below 12', [1, 2, 3], { fixAfter: 11 }, /12 or more/],
    ['fixAfter not whole', [1, 2, 3], { fixAfter: 12.5 }, /12 or more/],
    ['a rebase beyond the last point', [1, 2, 3], { rebaseAt: [3] }, /from 0 to 2/],
    ['a negative rebase', [1, 2, 3], { rebaseAt: [-1] }, /from 0 to 2/],
    ['a run length of 1', [1, 2, 3], { runLength: 1 }, /run length/],
    ['a trend length that is not whole', [1, 2, 3], { trendLength: 6.5 }, /trend length/],
    ['a target that is not a number', [1, 2, 3], { target: Number.NaN }, /target/],
    ['a limit multiplier of 0', [1, 2, 3], { limitMultiplier: 0 }, /multiplier/],
    ['an unknown two-of-three variant', [1, 2, 3], { twoOfThreeVariant: 'mdc' as 'nhsr' }, /twoOfThreeVariant/],
    ['an unknown improvement direction', [1, 2, 3], { improvement: 'up' as 'increase' }, /improvement/],
  ]
  for (const [name, values, options, message] of cases) {
    it(`refuses ${name}`, () => {
      assert.throws(() => analyseSpc(values, options), { name: 'DomainError', message })
    })
  }
})
