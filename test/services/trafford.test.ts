import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { evaluatePlan } from '../../src/domain/judgement/plan.ts'
import { reportJson } from '../../src/reports/report.json.ts'
import { parseImport } from '../../src/services/import/import-validation.ts'
import { assertMatchesPublished, expectedTrafford, fixtureFile } from '../helpers/fixtures.ts'

function traffordEvaluation() {
  const parsed = parseImport(fixtureFile('indicators.csv'), fixtureFile('observations.csv'))
  assert.deepEqual(parsed.problems, [])
  const plan = {
    name: 'Trafford ADP 2013/14',
    indicators: parsed.indicators.map((indicator) => ({
      indicator,
      observations: parsed.observations.filter((o) => o.ref === indicator.ref).map((o) => o.observation),
    })),
  }
  return evaluatePlan(plan, parsePeriod('2013/14 Q2'))
}

describe('Trafford ADP 2013/14, Quarter 2, as published', () => {
  it('reproduces every judgement and count in the published report', () => {
    assertMatchesPublished(reportJson(traffordEvaluation()), expectedTrafford())
  })

  it('states the same facts as the published summary paragraph', () => {
    // Published: "The ADP has 25 indicators. At the end of second quarter, 20 of these have been reported, and 18 are
    // on target. Of the 18 green indicators, 10 are improving (including one from amber to green). 5 indicators have
    // worsened since Q1, including 3 that have remained green, one which has remained red and one that has
    // deteriorated from green in Q1. ... Of the 5 indicators that have not been reported, 2 are annually reported and
    // 3 are new indicators"
    const text = traffordEvaluation().text
    const facts = [
      'The plan has 25 indicators.',
      'At the end of the second quarter, 20 of these have been reported, and 18 are on target.',
      'Of the 18 green indicators, 10 are improving (including one from amber to green).',
      '5 indicators have worsened since Q1, including 3 that have remained green, one which has remained red and one that has deteriorated from green in Q1.',
      'Of the 5 indicators that have not been reported, 2 are annually reported and 3 are new.',
      '2 are red and none are amber; each needs an exception report (STP 13 and LCA 2).',
      'one is reported a period in arrears',
    ]
    for (const fact of facts) assert.ok(text.includes(fact), `the summary says: ${fact}\n\nIt says: ${text}`)
  })

  it('keeps the published figures as given', () => {
    const report = reportJson(traffordEvaluation())
    const byRef = new Map(report.indicators.map((i) => [i.ref, i]))
    assert.deepEqual(
      {
        actual: byRef.get('STP 13')?.actual,
        target: byRef.get('STP 13')?.target,
        dataPeriod: byRef.get('STP 13')?.dataPeriod,
      },
      { actual: 3802, target: 3278, dataPeriod: '2013/14 Q2' },
    )
    assert.equal(byRef.get('NEW PERSABS')?.actual, 'Top')
    assert.equal(byRef.get('STP 1')?.actual, '1')
    assert.equal(byRef.get('CAG 08')?.estimated, true)
    assert.equal(byRef.get('NEW HEALTHCHECK')?.dataPeriod, '2013/14 Q1')
    assert.equal(byRef.get('NEW LOCALITY')?.ragSource, 'assessment')
    assert.equal(byRef.get('LCA 2')?.ragSource, 'tolerance')
    assert.equal(byRef.get('NI 154')?.dotComparedWith?.value, 105)
  })
})

describe('the report JSON contract', () => {
  it('keeps the documented fields (README, "Report JSON"): add fields, never rename or remove them', () => {
    const report = reportJson(traffordEvaluation())
    assert.deepEqual(Object.keys(report), [
      'schemaVersion',
      'plan',
      'period',
      'periodLabel',
      'themes',
      'rules',
      'summary',
      'indicators',
      'delivery',
      'highRisks',
    ])
    assert.deepEqual(report.rules, {
      source: 'common',
      text: [
        'Green: on target or better',
        'Amber: worse than target by no more than 10% of the target',
        'Red: worse than target by more than 10% of the target',
      ],
    })
    for (const field of [
      'indicators',
      'reported',
      'rag',
      'dot',
      'notReported',
      'exceptionReportsRequired',
      'exceptionReports',
      'text',
    ]) {
      assert.ok(field in report.summary, `summary.${field}`)
    }
    const documented = [
      'ref',
      'theme',
      'title',
      'actual',
      'target',
      'rag',
      'ragSource',
      'dot',
      'notReported',
      'exceptionRequired',
      'estimated',
      'dataPeriod',
    ]
    for (const indicator of report.indicators)
      for (const field of documented) assert.ok(field in indicator, `${indicator.ref}.${field}`)
    assert.deepEqual(Object.keys(report.summary.notReported), ['annual', 'new', 'inArrears', 'notAvailable'])
    assert.deepEqual(Object.keys(report.summary.rag), ['G', 'A', 'R', 'none'])
    assert.deepEqual(Object.keys(report.summary.dot), ['improved', 'same', 'worse', 'none'])
  })
})
