import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { compareAtTwoLevels, compareWithBenchmark } from '../../../src/domain/statistics/comparison.ts'
import type { Polarity } from '../../../src/domain/judgement/indicator.ts'
import {
  byarsLower,
  byarsUpper,
  dsrInterval,
  rateInterval,
  wilsonInterval,
  zForConfidence,
} from '../../../src/domain/statistics/intervals.ts'
import { quintileBounds, quintileCategory } from '../../../src/domain/statistics/quantiles.ts'
import { type ImprovementDirection, analyseSpc, assuranceIcon } from '../../../src/domain/statistics/spc.ts'
import { partOfWindow, runEnds, trendEnds, twoOfThreeWindows } from '../../../src/domain/statistics/spc-rules.ts'
import { close, roundsTo } from '../../helpers/close.ts'
import { RRandom } from '../../helpers/r-random.ts'

/**
 * Every worked example and test fixture found in the reference implementations that can be reproduced without R:
 * NHSRplotthedots 0.2.2 (nhs-r-community/NHSRplotthedots), PHEindicatormethods 2.1.0
 * (ukhsa-collaboration/PHEindicatormethods) and the Fingertips comparers (ukhsa-collaboration/fingertips-open).
 * The data are copied into test/fixtures/statistics/, each with the file it comes from. Where the reference prints
 * a rounded figure the assertion is to that rounding, and says so.
 */

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/statistics/${name}`, import.meta.url), 'utf8'))
}

interface SpcStandardCase {
  name: string
  setIndex: number | null
  setValue?: number
  screenOutliers: boolean
  mean: number
  lpl: number
  upl: number
  relativeToMean: number[]
  outside: boolean[]
  close: boolean[]
}
interface SummaryRow {
  mean: number
  lpl: number
  upl: number
  n: number
  commonCause: number
}
interface IconCase {
  name: string
  second: 'drawn' | 'mean 5' | 'mean -5'
  facets: boolean
  improvement: ImprovementDirection
  target: number | null
  variation: string[]
  assurance: (string | null)[]
}
interface Nhsr {
  rnorm: { seed: number; printed: number[] }
  spcStandard: { digits: number; cases: SpcStandardCase[] }
  summary: { digits: number; whole: SummaryRow; facets: SummaryRow[] }
  icons: { cases: IconCase[] }
  assurance: {
    rows: { lpl: number; mean: number; upl: number }[]
    target: number
    increase: string[]
    decrease: string[]
    neutral: null[]
  }
  twoOfThreeOppositeSides: { data: number[]; lastTwo: string[] }
  rebaseGroups: { rebase: number[]; groups: [number, number][] }
  deviations: { data: number[]; uplScreened: number; uplUnscreened: number }
}

const nhsr = fixture('nhsrplotthedots.json') as Nhsr

describe('NHSRplotthedots: limits (tests/testthat/test-ptd_spc_standard.R, _snaps/ptd_spc_standard.md)', () => {
  it('draws the same data as R: set.seed(123); rnorm(20) (_snaps/ptd_spc_standard.md, printed to 8 decimals)', () => {
    const drawn = new RRandom(nhsr.rnorm.seed).normal(nhsr.rnorm.printed.length)
    drawn.forEach((value, i) => {
      close(value, nhsr.rnorm.printed[i] ?? Number.NaN, 5e-9, `rnorm[${i}]`)
    })
  })

  for (const example of nhsr.spcStandard.cases) {
    it(`${example.name}: mean, lpl and upl to the ${nhsr.spcStandard.digits} digits R prints`, () => {
      const y = new RRandom(nhsr.rnorm.seed).normal(20)
      if (example.setIndex !== null) y[example.setIndex] = example.setValue ?? Number.NaN
      const result = analyseSpc(y, { screenOutliers: example.screenOutliers })
      const group = result.groups[0]
      roundsTo(group?.mean, example.mean, nhsr.spcStandard.digits, 'mean')
      roundsTo(group?.lpl, example.lpl, nhsr.spcStandard.digits, 'lpl')
      roundsTo(group?.upl, example.upl, nhsr.spcStandard.digits, 'upl')
      const mean = group?.mean ?? Number.NaN
      assert.deepEqual(
        y.slice(0, example.relativeToMean.length).map((value) => Math.sign(value - mean)),
        example.relativeToMean,
      )
      assert.deepEqual(
        result.points.slice(0, example.outside.length).map((p) => p.outside),
        example.outside,
      )
      assert.deepEqual(
        result.points.slice(0, example.close.length).map((p) => p.close),
        example.close,
      )
    })
  }

  it('screening changes both limits, and the unscreened range is wider (the same test)', () => {
    const y = new RRandom(nhsr.rnorm.seed).normal(20)
    const r1 = analyseSpc(y).groups[0]
    y[14] = 10
    const r2 = analyseSpc(y).groups[0]
    const r3 = analyseSpc(y, { screenOutliers: false }).groups[0]
    assert.ok(r1 && r2 && r3 && r1.lpl !== null && r2.lpl !== null && r3.lpl !== null)
    assert.ok(r1.upl !== null && r2.upl !== null && r3.upl !== null)
    assert.ok(r1.lpl !== r2.lpl && r1.lpl !== r3.lpl && r2.lpl !== r3.lpl)
    assert.ok(r3.upl - r3.lpl > r2.upl - r2.lpl)
  })

  it('fix_after_n_points = 12 changes the limits ("setting fix_after_n_points changes the calculations")', () => {
    const y = new RRandom(nhsr.rnorm.seed).normal(20)
    assert.notEqual(analyseSpc(y, { fixAfter: 12 }).groups[0]?.lpl, analyseSpc(y).groups[0]?.lpl)
    assert.notEqual(analyseSpc(y, { fixAfter: 12 }).groups[0]?.upl, analyseSpc(y).groups[0]?.upl)
  })

  it('a rebase flag at row 11 starts the second group there ("it sets the rebase_group field")', () => {
    const y = new RRandom(nhsr.rnorm.seed).normal(20)
    const rebaseAt = nhsr.rebaseGroups.rebase.flatMap((flag, i) => (flag === 1 ? [i] : []))
    assert.deepEqual(
      analyseSpc(y, { rebaseAt }).groups.map((g) => [g.start, g.end]),
      nhsr.rebaseGroups.groups,
    )
  })

  it('two close points on opposite sides of the mean are common cause (test of issue #143)', () => {
    const result = analyseSpc(nhsr.twoOfThreeOppositeSides.data)
    assert.deepEqual(
      result.points.slice(-2).map((p) => p.type),
      nhsr.twoOfThreeOppositeSides.lastTwo,
    )
    assert.ok(result.points.slice(-2).every((p) => p.close))
  })
})

describe('NHSRplotthedots: summary (tests/testthat/test-ptd_spc.R, _snaps/ptd_spc.md, printed to 3 digits)', () => {
  const check = (values: number[], row: SummaryRow) => {
    const result = analyseSpc(values)
    const group = result.groups[0]
    roundsTo(group?.mean, row.mean, nhsr.summary.digits, 'mean')
    roundsTo(group?.lpl, row.lpl, nhsr.summary.digits, 'lpl')
    roundsTo(group?.upl, row.upl, nhsr.summary.digits, 'upl')
    assert.equal(result.points.length, row.n)
    assert.equal(result.points.filter((p) => p.type === 'common').length, row.commonCause)
  }

  it('the whole series', () => {
    check(new RRandom(nhsr.rnorm.seed).normal(20), nhsr.summary.whole)
  })

  it('each facet (two series of 10), which is how a rebase splits a chart too', () => {
    const y = new RRandom(nhsr.rnorm.seed).normal(20)
    nhsr.summary.facets.forEach((row, facet) => {
      check(y.slice(facet * 10, facet * 10 + 10), row)
    })
    const rebased = analyseSpc(y, { rebaseAt: [10] })
    nhsr.summary.facets.forEach((row, facet) => {
      roundsTo(rebased.groups[facet]?.upl, row.upl, nhsr.summary.digits, `upl of period ${facet}`)
    })
  })
})

describe('NHSRplotthedots: icons (tests/testthat/test-geom_ptd_icon.R, ptd_get_icons)', () => {
  for (const example of nhsr.icons.cases) {
    it(`${example.name}: ${example.variation.join(', ')} / ${example.assurance.join(', ')}`, () => {
      const random = new RRandom(nhsr.rnorm.seed)
      const y = random.normal(24)
      if (example.second !== 'drawn') {
        const replaced = random.normal(12, 5)
        if (example.second === 'mean -5') replaced.splice(0, 12, ...random.normal(12, -5))
        y.splice(12, 12, ...replaced)
      }
      const series = example.facets ? [y.slice(0, 12), y.slice(12)] : [y]
      const charts = series.map((values) =>
        analyseSpc(values, { improvement: example.improvement, target: example.target }),
      )
      assert.deepEqual(
        charts.map((c) => c.variation),
        example.variation,
      )
      assert.deepEqual(
        charts.map((c) => c.assurance),
        example.assurance,
      )
    })
  }
})

describe('NHSRplotthedots: assurance (tests/testthat/test-ptd_calculate_assurance_type.R)', () => {
  const { rows, target } = nhsr.assurance
  for (const improvement of ['increase', 'decrease', 'neutral'] as const) {
    it(`${improvement}: ${nhsr.assurance[improvement].join(', ')}`, () => {
      assert.deepEqual(
        rows.map((row) => assuranceIcon(row, target, improvement)),
        nhsr.assurance[improvement],
      )
    })
  }

  it('no target gives no assurance', () => {
    assert.equal(assuranceIcon({ lpl: 1, upl: 3 }, null, 'increase'), null)
  })

  it('uses the last row, that is the latest period ("it returns correct values for assurance when rebase")', () => {
    // R slices the last row of each ordering; here the order of the periods decides which is last.
    const orders = [
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
    ]
    const expected = ['inconsistent', 'consistent_pass', 'consistent_fail']
    orders.forEach((order, i) => {
      const last = rows[order[2] ?? 0]
      assert.ok(last)
      assert.equal(assuranceIcon(last, target, 'decrease'), expected[i])
    })
  })
})

describe('NHSRplotthedots: deviations from Excel (vignettes/deviations.Rmd, UPL rounded to 2 dp)', () => {
  it(`screened UPL ${nhsr.deviations.uplScreened}, unscreened (as the MDC Excel tool) ${nhsr.deviations.uplUnscreened}`, () => {
    const screened = analyseSpc(nhsr.deviations.data).groups[0]?.upl ?? Number.NaN
    const unscreened = analyseSpc(nhsr.deviations.data, { screenOutliers: false }).groups[0]?.upl ?? Number.NaN
    assert.equal(Math.round(screened * 100) / 100, nhsr.deviations.uplScreened)
    assert.equal(Math.round(unscreened * 100) / 100, nhsr.deviations.uplUnscreened)
  })
})

describe('NHSRplotthedots: the rule functions (tests/testthat/test-ptd_calculate_point_type.R)', () => {
  const trends: [values: number[], expected: number[]][] = [
    [[], []],
    [
      [1, 2, 3, 4, 5, 6],
      [0, 0, 0, 0, 0, 0],
    ],
    [
      [1, 2, 3, 3, 4, 5, 6],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    [
      [1, 2, 3, 4, 5, 6, 7],
      [0, 0, 0, 0, 0, 0, 1],
    ],
    [
      [2, 1, 2, 3, 4, 5, 6, 7, 3],
      [0, 0, 0, 0, 0, 0, 0, 1, 0],
    ],
    [
      [7, 6, 5, 4, 3, 2, 1],
      [0, 0, 0, 0, 0, 0, -1],
    ],
    [
      [2, 7, 6, 5, 4, 3, 2, 1, 3],
      [0, 0, 0, 0, 0, 0, 0, -1, 0],
    ],
  ]
  for (const [values, expected] of trends) {
    it(`ptd_seven_point_trend(${JSON.stringify(values)})`, () => {
      assert.deepEqual(trendEnds(values, 7), expected)
    })
  }

  const runs: [sides: number[], expected: number[]][] = [
    [[], []],
    [
      [1, 1, 1, 1, 1, 1],
      [0, 0, 0, 0, 0, 0],
    ],
    [
      [1, 1, 1, 1, 1, 1, -1],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    [
      [1, 1, 1, 1, 1, 1, 1, 1, -1],
      [0, 0, 0, 0, 0, 0, 1, 1, 0],
    ],
    [
      [-1, -1, -1, -1, -1, -1, -1, -1, 1],
      [0, 0, 0, 0, 0, 0, 1, 1, 0],
    ],
  ]
  for (const [sides, expected] of runs) {
    it(`ptd_seven_point_one_side_mean(${JSON.stringify(sides)})`, () => {
      assert.deepEqual(runEnds(sides, 7), expected)
    })
  }

  const seven = [true, true, true, true, true, true, true]
  const parts: [ends: number[], expected: boolean[]][] = [
    [[], []],
    [
      [0, 0, 0, 0, 0, 0],
      [false, false, false, false, false, false],
    ],
    [
      [0, 0, 0, 0, 0, 0, 1, 0],
      [...seven, false],
    ],
    [
      [0, 0, 0, 0, 0, 0, 0, 1, 0],
      [false, ...seven, false],
    ],
    [
      [0, 0, 0, 0, 0, 0, -1, 0],
      [...seven, false],
    ],
    [
      [0, 0, 0, 0, 0, 0, 0, -1, 0],
      [false, ...seven, false],
    ],
  ]
  for (const [ends, expected] of parts) {
    it(`ptd_part_of_seven_trend(${JSON.stringify(ends)})`, () => {
      assert.deepEqual(partOfWindow(ends, 7), expected)
    })
  }

  const twoOfThree: [close: number[], sides: number[], expected: number[]][] = [
    [[], [], []],
    [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ],
    [
      [1, 0, 1],
      [1, 1, 1],
      [1, 1, 1],
    ],
    [
      [0, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ],
    [
      [1, 1, 0],
      [1, 1, 1],
      [1, 1, 1],
    ],
    [
      [0, 0, 1, 0, 1, 0, 0],
      [1, 1, 1, 1, 1, 1, 1],
      [0, 0, 1, 1, 1, 0, 0],
    ],
    [
      [0, 0, 1, 1, 0, 0, 0],
      [1, 1, 1, 1, 1, 1, 1],
      [0, 1, 1, 1, 1, 0, 0],
    ],
    [
      [1, 0, 1],
      [1, -1, 1],
      [0, 0, 0],
    ],
    [
      [0, 1, 1],
      [1, -1, 1],
      [0, 0, 0],
    ],
    [
      [1, 1, 0],
      [1, -1, 1],
      [0, 0, 0],
    ],
    [
      [0, 0, 1, 0, 1, 0, 0],
      [1, -1, 1, -1, 1, -1, 1],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    [
      [0, 0, 1, 1, 0, 0, 0],
      [-1, 1, -1, 1, -1, 1, -1],
      [0, 0, 0, 0, 0, 0, 0],
    ],
  ]
  for (const [closeFlags, sides, expected] of twoOfThree) {
    it(`ptd_two_in_three(${JSON.stringify(closeFlags)}, ${JSON.stringify(sides)})`, () => {
      const windows = twoOfThreeWindows(
        closeFlags.map((c) => c === 1),
        sides,
      )
      assert.deepEqual(
        windows.map((w) => (w ? 1 : 0)),
        expected,
      )
    })
  }

  // ptd_part_of_two_in_three(ptd_two_in_three(v, rtm), v): only the close points of a qualifying window.
  const partTwoOfThree: [close: number[], expected: number[]][] = [
    [
      [1, 0, 1],
      [1, 0, 1],
    ],
    [
      [0, 1, 1],
      [0, 1, 1],
    ],
    [
      [1, 1, 0],
      [1, 1, 0],
    ],
    [
      [0, 0, 1, 0, 1, 0, 0],
      [0, 0, 1, 0, 1, 0, 0],
    ],
    [
      [1, 0, 0, 1],
      [0, 0, 0, 0],
    ],
    [
      [1, 0, 0, 1, 1],
      [0, 0, 0, 1, 1],
    ],
  ]
  for (const [closeFlags, expected] of partTwoOfThree) {
    it(`ptd_part_of_two_in_three on ${JSON.stringify(closeFlags)} (all above the mean)`, () => {
      const flags = closeFlags.map((c) => c === 1)
      const windows = twoOfThreeWindows(
        flags,
        flags.map(() => 1),
      )
      assert.deepEqual(
        windows.map((w, i) => (w && flags[i] === true ? 1 : 0)),
        expected,
      )
    })
  }
})

interface Fingertips {
  polarityIds: Record<string, Polarity>
  oneLevel: {
    cases: {
      test: string
      benchmark: number | null
      value: number | null
      lower: number | null
      upper: number | null
      results: Record<string, string>
    }[]
  }
  twoLevels: {
    figure: { lower998: number; lower95: number; value: number; upper95: number; upper998: number }
    cases: { test: string; benchmark: number; results: Record<string, [string, number | null]> }[]
  }
  quintileBounds: { bounds: number[] }
  quintileCategories: { cases: { test: string; values: number[]; value: number | null; category: number }[] }
  wilsonFromFingertipsData: {
    multiplier: number
    rows: { area: string; value: number; lower: number; upper: number; denominator: number }[]
  }
}

const fingertips = fixture('fingertips.json') as Fingertips
const polarityOf = (id: string): Polarity => fingertips.polarityIds[id] ?? 'none'

describe('Fingertips: one CI level (AnalysisTest/SingleOverlappingCIsForOneCILevelComparatorTest.cs)', () => {
  for (const example of fingertips.oneLevel.cases) {
    for (const [polarityId, result] of Object.entries(example.results)) {
      it(`${example.test}, polarity ${polarityId}: ${result}`, () => {
        assert.equal(compareWithBenchmark(example, example.benchmark, polarityOf(polarityId)), result)
      })
    }
  }
})

describe('Fingertips: two CI levels (AnalysisTest/SingleOverlappingCIsForTwoCILevelsComparerTest.cs)', () => {
  const { figure } = fingertips.twoLevels
  for (const example of fingertips.twoLevels.cases) {
    for (const [polarityId, [result, level]] of Object.entries(example.results)) {
      it(`${example.test}, polarity ${polarityId}: ${result} at ${level}`, () => {
        assert.deepEqual(compareAtTwoLevels(figure, example.benchmark, polarityOf(polarityId)), { result, level })
      })
    }
  }
})

describe('Fingertips: quintiles (AnalysisTest/QuintilesCalculatorTest.cs, QuintilesComparerTest.cs)', () => {
  it('the bounds of 1..50 are 1, 10.8, 20.6, 30.4, 40.2, 50 (exactly)', () => {
    const values = Array.from({ length: 50 }, (_, i) => i + 1)
    assert.deepEqual(quintileBounds(values), fingertips.quintileBounds.bounds)
  })

  it('an empty list has no bounds (TestNullListReturnEmptyList)', () => {
    assert.deepEqual(quintileBounds([]), [])
  })

  for (const example of fingertips.quintileCategories.cases) {
    it(`${example.test}: value ${example.value} is in quintile ${example.category}`, () => {
      // The C# comparer orders by value; polarity 'lower' (low is good) keeps that order.
      assert.equal(quintileCategory(example.value, example.values, 'lower'), example.category)
    })
  }
})

describe('Fingertips: published Wilson 95% intervals (AnalysisTest/SpcForProportionsComparerTest.cs)', () => {
  const { multiplier, rows } = fingertips.wilsonFromFingertipsData
  for (const row of rows) {
    it(`${row.area}: ${row.value}% (${row.lower} to ${row.upper}) of ${row.denominator}`, () => {
      const x = Math.round((row.value * row.denominator) / multiplier)
      const interval = wilsonInterval(x, row.denominator, { multiplier })
      close(interval.value, row.value, 1e-12, 'value')
      close(interval.lower, row.lower, 1e-12, 'lower')
      close(interval.upper, row.upper, 1e-12, 'upper')
    })
  }
})

interface Phe {
  z: { cases: { confidence: number; z: number }[] }
  wilsonConfidenceOne: { x: number[]; n: number[] }
  wilsonAtN: { cases: { x: number; n: number; upper: number }[] }
  rateNoEvents: { upper: number; decimals: number }
  refused: {
    wilson: { x: number; n: number; confidence?: number }[]
    rate: { x: number; n: number; confidence?: number }[]
    byars: { x: number; confidence?: number }[]
  }
  byarsLowerNegative: { cases: { x: number; confidence: number }[] }
  dsrSuppression: { threshold: number }
}

const phe = fixture('pheindicatormethods.json') as Phe

describe('PHEindicatormethods (R/utils.R, R/Rates.R, R/DSR.R and tests/testthat)', () => {
  for (const { confidence, z } of phe.z.cases) {
    it(`z for ${confidence} is ${z} (R/utils.R)`, () => {
      close(zForConfidence(confidence), z, 1e-15)
      close(zForConfidence(confidence * 100), z, 1e-15)
    })
  }

  it('confidence = 1 gives limits of 0 and 1 (tests/testthat/testWilson.R)', () => {
    phe.wilsonConfidenceOne.x.forEach((x, i) => {
      const interval = wilsonInterval(x, phe.wilsonConfidenceOne.n[i] ?? Number.NaN, { confidence: 1 })
      assert.deepEqual([interval.lower, interval.upper], [0, 1])
    })
  })

  for (const { x, n, upper } of phe.wilsonAtN.cases) {
    it(`wilson_upper(${x}, ${n}) is ${upper}: no clamp (R/utils.R)`, () => {
      assert.equal(wilsonInterval(x, n).upper, upper)
    })
  }

  it(`no events: lower 0, upper ${phe.rateNoEvents.upper} per unit (R/Rates.R; to ${phe.rateNoEvents.decimals} dp)`, () => {
    const rate = rateInterval(0, 1, { multiplier: 1 })
    assert.equal(rate.lower, 0)
    assert.equal(Number((rate.upper - 0).toFixed(phe.rateNoEvents.decimals)), phe.rateNoEvents.upper)
  })

  for (const request of phe.refused.wilson) {
    it(`refuses wilson ${JSON.stringify(request)} (tests/testthat/testWilson.R, testProportions.R)`, () => {
      assert.throws(() => wilsonInterval(request.x, request.n, request.confidence === undefined ? {} : request), {
        name: 'DomainError',
      })
    })
  }
  for (const request of phe.refused.rate) {
    it(`refuses rate ${JSON.stringify(request)} (tests/testthat/testRates.R)`, () => {
      assert.throws(() => rateInterval(request.x, request.n, request.confidence === undefined ? {} : request), {
        name: 'DomainError',
      })
    })
  }
  for (const request of phe.refused.byars) {
    it(`refuses byars ${JSON.stringify(request)} (tests/testthat/testByars.R)`, () => {
      assert.throws(() => byarsLower(request.x, request.confidence), { name: 'DomainError' })
      assert.throws(() => byarsUpper(request.x, request.confidence), { name: 'DomainError' })
    })
  }

  for (const { x, confidence } of phe.byarsLowerNegative.cases) {
    it(`byars_lower(${x}, ${confidence}) is NA in R: null here (R/utils.R)`, () => {
      assert.equal(byarsLower(x, confidence), null)
    })
  }

  it(`a DSR is NA below ${phe.dsrSuppression.threshold} events in total, and published from it (R/DSR.R)`, () => {
    const below = phe.dsrSuppression.threshold - 1
    assert.equal(dsrInterval([below], [1000], { standard: [1] }).value, null)
    assert.notEqual(dsrInterval([below + 1], [1000], { standard: [1] }).value, null)
  })
})
