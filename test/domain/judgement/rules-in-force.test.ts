import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { evaluateIndicator } from '../../../src/domain/judgement/evaluate.ts'
import { rulesOf } from '../../../src/domain/judgement/indicator.ts'
import { rulesInForce } from '../../../src/domain/judgement/rules-in-force.ts'
import { parseBand } from '../../../src/domain/judgement/rules.ts'
import { parsePeriod } from '../../../src/domain/periods/period.ts'
import { buildIndicator, obs } from '../../helpers/factories.ts'

const Q2 = parsePeriod('2014/15 Q2')

describe('rules through the whole judgement', () => {
  it('an improving rule with no previous figure leaves a Red, and says why', () => {
    const indicator = buildIndicator({ unit: '%', tolerancePct: '', rules: { amberAlso: 'improving' } })
    const e = evaluateIndicator(indicator, [obs('2014/15 Q2', { actual: '66', target: '75' })], Q2)
    assert.equal(e.rag, 'R')
    assert.equal(e.noDotReason, 'no-previous')
    assert.equal(e.rule, 'beyond-tolerance')
    assert.match(e.ruleText ?? '', /no earlier figure shows it improving/)
  })

  it('an improving rule lifts a Red that is better than last quarter, naming the quarter', () => {
    const indicator = buildIndicator({ unit: '%', tolerancePct: '10', rules: { amberAlso: 'improving' } })
    const e = evaluateIndicator(
      indicator,
      [obs('2014/15 Q1', { actual: '60', target: '75' }), obs('2014/15 Q2', { actual: '66', target: '75' })],
      Q2,
    )
    assert.equal(e.rag, 'A')
    assert.equal(e.rule, 'amber-improving')
    assert.equal(
      e.ruleText,
      'Amber: 12% below target, beyond the tolerance of 10% of the target, but improving on 2014/15 Q1.',
    )
  })

  it('a year-to-date rate compares with the same point last year, and has no direction without it', () => {
    const indicator = buildIndicator({ unit: '%', accumulation: 'ytd-rate' })
    const withLastYear = evaluateIndicator(
      indicator,
      [
        obs('2013/14 Q2', { actual: '55.1', target: '55' }),
        obs('2014/15 Q1', { actual: '29.8', target: '29' }),
        obs('2014/15 Q2', { actual: '56.2', target: '56' }),
      ],
      Q2,
    )
    assert.equal(withLastYear.dot, 'improved')
    assert.equal(withLastYear.comparedWith?.period.year, 2013)
    assert.equal(withLastYear.forecast, null, 'a share of the year so far is not projected')
    const withoutLastYear = evaluateIndicator(
      indicator,
      [obs('2014/15 Q1', { actual: '29.8', target: '29' }), obs('2014/15 Q2', { actual: '56.2', target: '56' })],
      Q2,
    )
    assert.equal(withoutLastYear.dot, null)
    assert.equal(withoutLastYear.noDotReason, 'no-last-year')
  })

  it('a data-only measure has no status, a neutral direction and both directions when asked', () => {
    const indicator = buildIndicator({ kind: 'data-only', dotBasis: 'both', polarity: 'none', tolerancePct: '' })
    const e = evaluateIndicator(
      indicator,
      [obs('2013/14 Q2', { actual: '120' }), obs('2014/15 Q1', { actual: '90' }), obs('2014/15 Q2', { actual: '100' })],
      Q2,
    )
    assert.equal(e.rag, null)
    assert.equal(e.rule, 'data-only')
    assert.equal(e.exceptionRequired, false)
    assert.equal(e.dot, 'higher')
    assert.equal(e.dotLongTerm, 'lower')
  })
})

describe('the rules in force for a report', () => {
  const points = { tolerance: parseBand('2', 'tolerance') }

  it('are the rules most indicators share when the plan sets none, and mark the others', () => {
    const indicators = [
      buildIndicator({ ref: 'A 1', unit: '%' }),
      buildIndicator({ ref: 'A 2', unit: '%' }),
      buildIndicator({ ref: 'A 3', unit: '%', tolerancePct: '5' }),
      buildIndicator({ ref: 'A 4', kind: 'data-only', tolerancePct: '' }),
    ]
    const found = rulesInForce(indicators)
    assert.equal(found.source, 'common')
    assert.equal(found.lines.amber, 'Amber: worse than target by no more than 10% of the target')
    assert.deepEqual(
      found.differing.map((d) => d.ref),
      ['A 3'],
    )
    assert.match(found.differing[0]?.text ?? '', /no more than 5% of the target/)
    assert.equal(found.plain, false, 'one indicator differs')
    assert.equal(rulesInForce(indicators.slice(0, 2)).plain, true)
  })

  it("are the plan's own when it sets any; an indicator inheriting them is not marked", () => {
    const plan = { ...points, greenWhen: 'beats' as const }
    const indicators = [
      buildIndicator({ ref: 'B 1', unit: '%', tolerancePct: '', planRules: plan }),
      buildIndicator({ ref: 'B 2', unit: '%', tolerancePct: '', rules: { greenWhen: 'meets' }, planRules: plan }),
    ]
    const found = rulesInForce(indicators)
    assert.equal(found.source, 'plan')
    assert.equal(found.lines.green, 'Green: better than target (on target is Amber)')
    assert.equal(found.lines.amber, 'Amber: on target, or worse than target by no more than 2 percentage points')
    assert.deepEqual(
      found.differing.map((d) => d.ref),
      ['B 2'],
    )
    assert.equal(rulesOf(indicators[1]!).tolerance.basis, 'absolute', 'B 2 inherits the points tolerance')
  })

  it('give a points band in each figure’s own units when the units differ', () => {
    const indicators = [
      buildIndicator({ ref: 'C 1', unit: '%', tolerancePct: '', planRules: points }),
      buildIndicator({ ref: 'C 2', unit: 'days', tolerancePct: '', planRules: points }),
    ]
    assert.equal(
      rulesInForce(indicators).lines.amber,
      "Amber: worse than target by no more than 2 in each figure's own units",
    )
  })
})
