import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { IndicatorSpc } from '../../../src/domain/statistics/indicator-spc.ts'
import type { AssuranceIcon, SpcPoint, SpcPointType } from '../../../src/domain/statistics/spc.ts'
import {
  comparisonWords,
  latestRunLength,
  spcInWords,
  variationWords,
} from '../../../src/domain/statistics/spc-words.ts'
import type { Frequency } from '../../../src/domain/judgement/indicator.ts'

/** A point of the given kind: c common cause, i improvement, x concern, h/l neutral high or low (side from the case). */
function point(code: string): SpcPoint {
  const type: SpcPointType =
    code === 'c' ? 'common' : code.startsWith('i') ? 'improvement' : code.startsWith('x') ? 'concern' : 'neutral'
  const side = code === 'c' ? null : code.endsWith('-') || code === 'l' ? 'low' : 'high'
  return { value: 1, outside: false, close: false, rule: type === 'common' ? null : 'run', type, side }
}

function chart(codes: string, assurance: AssuranceIcon | null = null): IndicatorSpc {
  const points = codes.split(' ').map(point)
  return { periods: [], targets: [], points, groups: [], variation: 'common_cause', assurance, target: null }
}

describe('what an SPC chart says, in members’ words', () => {
  const cases: [codes: string, frequency: Frequency, words: string][] = [
    ['c c c c', 'monthly', 'Within its normal range'],
    ['i i c', 'monthly', 'Within its normal range'],
    ['c c i', 'monthly', 'Better than usual this month'],
    ['c i i i', 'monthly', 'Better than usual for three months running'],
    ['i i i i i i i', 'quarterly', 'Better than usual for seven quarters running'],
    ['x x c x x', 'quarterly', 'Worse than usual for two quarters running'],
    ['c x', 'annual', 'Worse than usual this year'],
    ['i x', 'monthly', 'Worse than usual this month'],
    ['c h h', 'monthly', 'Higher than usual for two months running'],
    ['c l', 'monthly', 'Lower than usual this month'],
    ['c c', 'monthly', 'Within its normal range'],
  ]
  for (const [codes, frequency, words] of cases)
    it(`${codes} (${frequency}): ${words}`, () => {
      const said = variationWords(chart(codes), frequency)
      assert.equal(said, words)
      assert.doesNotMatch(said, /special|cause|limit|variation/i)
    })

  it('counts only the latest points that say the same, the same way', () => {
    assert.equal(latestRunLength(chart('i i x x x').points), 3)
    assert.equal(latestRunLength(chart('h l l').points), 2)
    assert.equal(latestRunLength([]), 0)
  })

  const assurance: [icon: AssuranceIcon | null, sentence: string][] = [
    ['consistent_pass', 'Within its normal range. At this level it should keep meeting its target.'],
    [
      'consistent_fail',
      'Within its normal range. At this level it will keep missing its target unless something changes.',
    ],
    [
      'inconsistent',
      'Within its normal range. At this level it will meet its target in some months and miss it in others.',
    ],
    [null, 'Within its normal range.'],
  ]
  for (const [icon, sentence] of assurance)
    it(`with assurance ${String(icon)}: ${sentence}`, () => {
      assert.equal(spcInWords(chart('c c c', icon), 'monthly'), sentence)
    })
})

describe('a comparison in members’ words', () => {
  const cases: [result: Parameters<typeof comparisonWords>[0], words: string | null][] = [
    ['better', 'Better than England (40.2%)'],
    ['worse', 'Worse than England (40.2%)'],
    ['similar', 'Similar to England (40.2%)'],
    ['higher', 'Higher than England (40.2%)'],
    ['lower', 'Lower than England (40.2%)'],
    ['not-compared', null],
  ]
  for (const [result, words] of cases)
    it(`${result}: ${String(words)}`, () => {
      assert.equal(comparisonWords(result, 'England', '40.2%'), words)
    })
})
