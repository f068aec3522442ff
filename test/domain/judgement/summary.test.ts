import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Indicator } from '../../../src/domain/judgement/indicator.ts'
import type { Observation } from '../../../src/domain/judgement/observation.ts'
import { parsePeriod } from '../../../src/domain/periods/period.ts'
import { evaluatePlan } from '../../../src/domain/judgement/plan.ts'
import { listInProse } from '../../../src/domain/judgement/summary-text.ts'
import { buildIndicator, obs } from '../../helpers/factories.ts'

const Q2 = parsePeriod('2013/14 Q2')
const plan = (...indicators: [Partial<Indicator>, Observation[]][]) => ({
  name: 'Test plan',
  indicators: indicators.map(([overrides, observations], i) => ({
    indicator: buildIndicator({ ref: `T ${i + 1}`, ...overrides }),
    observations,
  })),
})

describe('plan summary', () => {
  it('counts moves between statuses since the previous period', () => {
    const result = evaluatePlan(
      plan(
        [{}, [obs('2013/14 Q1', { actual: '9', status: 'A' }), obs('2013/14 Q2', { actual: '10', target: '10' })]],
        [{}, [obs('2013/14 Q1', { actual: '9', status: 'R' }), obs('2013/14 Q2', { actual: '10', target: '10' })]],
        [{}, [obs('2013/14 Q1', { actual: '11', status: 'G' }), obs('2013/14 Q2', { actual: '9.5', target: '10' })]],
        [{}, [obs('2013/14 Q1', { actual: '9', status: 'A' }), obs('2013/14 Q2', { actual: '5', target: '10' })]],
      ),
      Q2,
    )
    const s = result.summary
    assert.equal(s.transitions.A.G, 1)
    assert.equal(s.transitions.R.G, 1)
    assert.equal(s.transitions.G.A, 1)
    assert.equal(s.transitions.A.R, 1)
    assert.deepEqual(s.improvedToGreenFrom, { A: 1, R: 1 })
    assert.deepEqual(s.worsened, {
      stillGreen: 0,
      stillAmber: 0,
      stillRed: 0,
      fromGreen: 1,
      fromAmberToRed: 1,
      other: 0,
    })
    assert.deepEqual(s.exceptionReports, ['T 4', 'T 3'])
    assert.match(
      result.text,
      /Of the 2 green indicators, both are improving \(including one from amber to green and one from red to green\)\./,
    )
    assert.match(result.text, /one is red and one is amber; each needs an exception report \(T 4 and T 3\)\./)
    assert.match(
      result.text,
      /2 indicators have worsened since Q1, including one that has deteriorated from green in Q1 and one that has moved from amber to red\./,
    )
  })

  it('speaks of a single indicator in the singular', () => {
    const result = evaluatePlan(
      plan([{}, [obs('2013/14 Q1', { actual: '5' }), obs('2013/14 Q2', { actual: '4', target: '10' })]]),
      Q2,
    )
    assert.equal(
      result.text,
      'The plan has one indicator. At the end of the second quarter, one of these has been reported, and none are on target. ' +
        'Of the reported indicators, one is red and none are amber; it needs an exception report (T 1). ' +
        'One indicator has worsened since Q1, including one with no status in Q1 or now.',
    )
  })

  it('says when nothing has been reported', () => {
    const result = evaluatePlan(plan([{ frequency: 'annual' }, []], [{}, []]), Q2)
    assert.equal(
      result.text,
      'The plan has 2 indicators. At the end of the second quarter, none of these have been reported. ' +
        'Of the 2 indicators that have not been reported, one is annually reported and one is new.',
    )
    assert.deepEqual(result.summary.notReported, {
      annual: 1,
      new: 1,
      inArrears: 0,
      notAvailable: 0,
      suppressed: 0,
      notDue: 0,
    })
  })

  it('speaks of one green indicator, and of a single reason for not reporting, plainly', () => {
    const result = evaluatePlan(
      plan(
        [{}, [obs('2013/14 Q1', { actual: '5' }), obs('2013/14 Q2', { actual: '4', target: '4' })]],
        [{ frequency: 'annual' }, []],
        [{ frequency: 'annual' }, []],
        [{ frequency: 'annual' }, []],
      ),
      Q2,
    )
    assert.match(result.text, /The one green indicator is not improving\./)
    assert.match(result.text, /The 3 indicators that have not been reported are all annually reported\./)
    const two = evaluatePlan(plan([{ frequency: 'annual' }, []], [{ frequency: 'annual' }, []]), Q2)
    assert.match(two.text, /Both indicators that have not been reported are annually reported\./)
  })

  it('counts quarterly indicators in a month that ends no quarter as not due, and suppressed figures apart', () => {
    const result = evaluatePlan(
      plan(
        [{ frequency: 'monthly' }, [obs('2013-07', { actual: '5' }), obs('2013-08', { actual: '4', target: '4' })]],
        [{ frequency: 'quarterly' }, [obs('2013/14 Q1', { actual: '5' })]],
        [{ frequency: 'quarterly' }, []],
        [{ frequency: 'monthly' }, [obs('2013-07', { actual: '5' }), obs('2013-08', { notReported: 'suppressed' })]],
      ),
      parsePeriod('2013-08'),
    )
    assert.deepEqual(result.summary.notReported, {
      annual: 0,
      new: 0,
      inArrears: 0,
      notAvailable: 0,
      suppressed: 1,
      notDue: 2,
    })
    assert.match(
      result.text,
      /Of the 3 indicators that have not been reported, one is suppressed \(small numbers\) and 2 are not due this period\./,
    )
  })

  it('counts reported indicators with no target as rag.none', () => {
    const result = evaluatePlan(plan([{}, [obs('2013/14 Q2', { actual: '4' })]]), Q2)
    assert.equal(result.summary.rag.none, 1)
    assert.match(result.text, /One indicator reported has no target, so no RAG status\./)
  })

  it('limits the plan to a committee’s themes', () => {
    const result = evaluatePlan(plan([{ theme: 'Crime' }, []], [{ theme: 'Education' }, []]), Q2, ['Crime'])
    assert.equal(result.summary.indicators, 1)
  })

  it('names the previous month and the year end in its own words', () => {
    const month = evaluatePlan(
      plan([{ frequency: 'monthly' }, [obs('2013-08', { actual: '5' }), obs('2013-09', { actual: '4', target: '4' })]]),
      parsePeriod('2013-09'),
    )
    assert.match(month.text, /At the end of September 2013, one of these has been reported/)
    assert.match(month.text, /since August 2013/)
    const year = evaluatePlan(
      plan([{}, [obs('2012/13', { actual: '5' }), obs('2013/14', { actual: '4', target: '4' })]]),
      parsePeriod('2013/14'),
    )
    assert.match(year.text, /At the end of 2013\/14/)
    assert.match(year.text, /since 2012\/13/)
  })

  it('joins lists as prose', () => {
    assert.equal(listInProse([]), '')
    assert.equal(listInProse(['a']), 'a')
    assert.equal(listInProse(['a', 'b']), 'a and b')
    assert.equal(listInProse(['a', 'b', 'c']), 'a, b and c')
  })
})
