import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type ConflictRule,
  type PeriodPoints,
  type PointFlag,
  type RuleSettings,
  type TwoOfThreeVariant,
  flagPeriod,
  partOfWindow,
  runEnds,
  trendEnds,
  twoOfThreeWindows,
} from '../../../src/domain/statistics/spc-rules.ts'
import { RRandom } from '../../helpers/r-random.ts'

/*
 * The rules are worked out in single passes over a chart's points. The references below are the rules written as
 * NHSRplotthedots states them, window by window (as Outturn first had them); the passes must give the same flags.
 */

function referenceTrendEnds(values: readonly number[], length: number): number[] {
  return values.map((_, end) => {
    if (end < length - 1) return 0
    let rising = true
    let falling = true
    for (let i = end - length + 2; i <= end; i++) {
      const step = Math.sign((values[i] ?? 0) - (values[i - 1] ?? 0))
      if (step !== 1) rising = false
      if (step !== -1) falling = false
    }
    return rising ? 1 : falling ? -1 : 0
  })
}

function referenceRunEnds(sides: readonly number[], length: number): number[] {
  return sides.map((side, end) => {
    if (end < length - 1 || side === 0) return 0
    for (let i = end - length + 1; i < end; i++) if (sides[i] !== side) return 0
    return 1
  })
}

function referencePartOfWindow(ends: readonly number[], length: number): boolean[] {
  return ends.map((_, i) => {
    for (let j = i; j < i + length && j < ends.length; j++) if (Math.abs(ends[j] ?? 0) === 1) return true
    return false
  })
}

function referenceTwoOfThree(counted: readonly boolean[], sides: readonly number[]): boolean[] {
  const countAt = (i: number): number => (counted[i] === true ? 1 : 0)
  const sideAt = (i: number): number => sides[i] ?? 0
  const qualifies = (first: number): boolean =>
    countAt(first) + countAt(first + 1) + countAt(first + 2) >= 2 &&
    Math.abs(sideAt(first) + sideAt(first + 1) + sideAt(first + 2)) === 3
  return counted.map((_, j) => qualifies(j - 2) || qualifies(j - 1) || qualifies(j))
}

function referenceTrendWay(values: readonly number[], inTrend: readonly boolean[], j: number): number {
  const step =
    inTrend[j + 1] === true
      ? Math.sign((values[j + 1] ?? 0) - (values[j] ?? 0))
      : j === 0
        ? 0
        : Math.sign((values[j] ?? 0) - (values[j - 1] ?? 0))
  return step === 1 ? 1 : -1
}

function referenceFlags(points: PeriodPoints, settings: RuleSettings): PointFlag[] {
  const { values, sides, outside, close } = points
  const trend = referencePartOfWindow(referenceTrendEnds(values, settings.trendLength), settings.trendLength)
  const run = referencePartOfWindow(referenceRunEnds(sides, settings.runLength), settings.runLength)
  const counted = settings.twoOfThree === 'mdc-2023' ? close.map((c, i) => c || outside[i] === true) : [...close]
  const windows = referenceTwoOfThree(counted, sides)
  const twoOfThree = windows.map((inWindow, i) => inWindow && counted[i] === true)
  return values.map((_, j) => {
    const side = sides[j] ?? 0
    const aboveOrBelow = side > 0 ? 1 : -1
    const candidates: PointFlag[] = []
    if (outside[j] === true) candidates.push({ rule: 'outside', way: side === 1 ? 1 : -1 })
    if (trend[j] === true) candidates.push({ rule: 'trend', way: referenceTrendWay(values, trend, j) })
    if (twoOfThree[j] === true) candidates.push({ rule: 'twoOfThree', way: aboveOrBelow })
    if (run[j] === true) candidates.push({ rule: 'run', way: aboveOrBelow })
    const improving =
      settings.conflict === 'prefer-improvement' && settings.direction !== 0
        ? candidates.find((candidate) => candidate.way * settings.direction > 0)
        : undefined
    return improving ?? candidates[0] ?? { rule: null, way: 0 }
  })
}

describe('the special cause rules in one pass give the window-by-window flags', () => {
  const generator = new RRandom(2023)
  const random = (): number => generator.uniform()
  // Short charts of few distinct values, so ties, runs, trends and flat stretches are common.
  const chart = (): number[] =>
    Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * (random() < 0.5 ? 3 : 8)))

  const series: number[][] = [
    [],
    [5],
    [1, 2, 3, 3, 4, 5, 6],
    [1, 2, 3, 4, 5, 6, 7, 8],
    [8, 7, 6, 5, 4, 3, 2, 1],
    [5, 5, 5, 5, 5, 5, 5],
    [1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1],
  ]
  for (let i = 0; i < 3000; i += 1) series.push(chart())

  it('finds the ends of trends and runs, and the points in them, for every length', () => {
    for (const values of series) {
      const sides = values.map((value) => Math.sign(value - 3))
      for (const length of [1, 2, 3, 5, 6, 7, 8]) {
        const trends = trendEnds(values, length)
        assert.deepEqual(trends, referenceTrendEnds(values, length), `trend ${length} in ${values.join(',')}`)
        assert.deepEqual(runEnds(sides, length), referenceRunEnds(sides, length), `run ${length} in ${sides.join(',')}`)
        assert.deepEqual(partOfWindow(trends, length), referencePartOfWindow(trends, length))
      }
    }
  })

  it('finds the windows of two in three', () => {
    for (const values of series) {
      const sides = values.map((value) => Math.sign(value - 3))
      const counted = values.map((value) => value === 0 || value >= 6)
      assert.deepEqual(twoOfThreeWindows(counted, sides), referenceTwoOfThree(counted, sides), values.join(','))
    }
  })

  it('labels every point the same way, under each variant and conflict rule', () => {
    for (const values of series) {
      const sides = values.map((value) => Math.sign(value - 3))
      const outside = values.map((value) => value === 0 || value === 7)
      const close = values.map((value, i) => !outside[i] && (value === 1 || value === 6))
      for (const twoOfThree of ['nhsr', 'mdc-2023'] as TwoOfThreeVariant[])
        for (const conflict of ['precedence', 'prefer-improvement'] as ConflictRule[])
          for (const direction of [1, -1, 0]) {
            const settings: RuleSettings = { trendLength: 6, runLength: 7, twoOfThree, conflict, direction }
            const points = { values, sides, outside, close }
            assert.deepEqual(flagPeriod(points, settings), referenceFlags(points, settings), values.join(','))
          }
    }
  })
})
