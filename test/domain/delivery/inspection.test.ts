import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DomainError } from '../../../src/domain/errors.ts'
import {
  type KloeScore,
  countKloeLevels,
  describeKloeScore,
  parseKloeJudgement,
  parseKloeScore,
  weakKloes,
} from '../../../src/domain/delivery/inspection.ts'

const kloe = (ref: string, score: KloeScore['score'], judgement: KloeScore['judgement']): KloeScore => ({
  assessment: 'Use of Resources',
  year: '2009',
  ref,
  title: `KLOE ${ref}`,
  score,
  judgement,
  note: null,
})

describe('Key Line of Enquiry scores', () => {
  const scores: [text: string, expected: 1 | 2 | 3 | 4 | null][] = [
    ['1', 1],
    ['2', 2],
    [' 3 ', 3],
    ['4', 4],
    ['n/a', null],
    ['N/A', null],
    ['', null],
    ['not assessed', null],
  ]
  for (const [text, expected] of scores)
    it(`reads "${text}" as ${String(expected)}`, () => {
      assert.equal(parseKloeScore(text), expected)
    })

  for (const text of ['0', '5', '2.5', 'two', '-1'])
    it(`refuses "${text}"`, () => {
      assert.throws(() => parseKloeScore(text), DomainError)
    })

  const judgements: [text: string, expected: string | null][] = [
    ['S', 'strong'],
    ['m', 'medium'],
    ['W', 'weak'],
    ['Weak', 'weak'],
    ['strong', 'strong'],
    ['', null],
  ]
  for (const [text, expected] of judgements)
    it(`reads the judgement "${text}" as ${String(expected)}`, () => {
      assert.equal(parseKloeJudgement(text), expected)
    })
  it('refuses an unknown judgement', () => {
    assert.throws(() => parseKloeJudgement('good'), /strong, medium or weak/)
  })

  it('describes a score as published', () => {
    assert.equal(describeKloeScore(kloe('2.2', 2, 'weak')), '2 (weak)')
    assert.equal(describeKloeScore(kloe('1.1', 3, null)), '3')
    assert.equal(describeKloeScore(kloe('3.3', null, null)), 'Not assessed')
  })

  it('lists the weak KLOEs, worst score first, and counts each level', () => {
    const all = [kloe('2.2', 2, 'weak'), kloe('1.2', 1, 'weak'), kloe('1.3', 2, 'strong'), kloe('3.3', null, null)]
    assert.deepEqual(
      weakKloes(all).map((s) => s.ref),
      ['1.2', '2.2'],
    )
    assert.deepEqual(countKloeLevels(all), { 1: 1, 2: 2, 3: 0, 4: 0 })
  })
})
