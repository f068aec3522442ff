import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { IndicatorInterval } from '../../../src/domain/statistics/indicator-interval.ts'
import { intervalSentence, roundedFigure } from '../../../src/domain/statistics/interval-text.ts'

const interval = (overrides: Partial<IndicatorInterval> = {}): IndicatorInterval => ({
  method: 'wilson',
  confidence: 0.95,
  value: 45,
  lower: 35.61453797951198,
  upper: 54.75539700255787,
  numerator: 45,
  denominator: 100,
  comparisons: [],
  ...overrides,
})

describe('intervals in words', () => {
  const rounded: [value: number, unit: string, text: string][] = [
    [35.61453797951198, '%', '35.6%'],
    [54.75539700255787, '%', '54.8%'],
    [3.68888, '', '3.7'],
    [12345.67, '', '12,345.7'],
    [0, '%', '0.0%'],
  ]
  for (const [value, unit, text] of rounded)
    it(`rounds ${value} to ${text}`, () => {
      assert.equal(roundedFigure(value, unit), text)
    })

  it('gives the level, limits, method and counts, then each comparison', () => {
    assert.equal(
      intervalSentence(
        interval({
          comparisons: [
            { comparator: 'England', value: 40.2, lower: null, upper: null, result: 'similar' },
            { comparator: 'North West', value: 30, lower: null, upper: null, result: 'better' },
          ],
        }),
        '%',
      ),
      '95% confidence interval 35.6% to 54.8% (Wilson score, 45 of 100). Compared with England (40.2%): similar. Compared with North West (30.0%): better.',
    )
    assert.equal(
      intervalSentence(interval({ method: 'byars', confidence: 0.998, numerator: 12000, denominator: 250000 }), ''),
      "99.8% confidence interval 35.6 to 54.8 (Byar's method, 12,000 of 250,000).",
    )
    assert.match(
      intervalSentence(
        interval({ comparisons: [{ comparator: 'GM', value: 1, lower: null, upper: null, result: 'not-compared' }] }),
        '',
      ),
      /Compared with GM \(1\.0\): not compared\.$/,
    )
  })
})
