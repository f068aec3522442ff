import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as charts from '../../src/presentation/charts/plan-charts.ts'
import { buildReportModel } from '../../src/reports/report.model.ts'
import { traffordReportRequest } from '../helpers/report-data.ts'

describe('the committee report model', () => {
  const model = buildReportModel({ ...traffordReportRequest(), charts })

  it('has the seed report’s sections, numbered, in order', () => {
    assert.equal(model.title, 'Trafford ADP 2013/14: performance report')
    assert.equal(model.periodLabel, 'Quarter 2 2013/14')
    assert.equal(model.producedOn, '24 October 2013')
    assert.deepEqual(
      model.contents.map((s) => `${s.number} ${s.title}`),
      [
        '1 Purpose and scope of the report',
        '2 Performance key',
        '3 Performance results',
        '3.1 Performance summary',
        '3.2 Charts',
        '3.3 Summary dashboard',
        '3.4 Performance exceptions',
        '4 Performance by theme',
        '4.1 Low Council Tax and Value For Money',
        '4.2 Economic Growth and Development',
        '4.3 Safe Place to Live – Fighting Crime',
        '4.4 Services Focused on the Most Vulnerable People',
        '4.5 Excellence in Education',
        '4.6 Reshaping Trafford Council',
        '5 Exception reports',
        '5.1 STP 13',
        '5.2 LCA 2',
        '6 Indicators not reported',
      ],
    )
    assert.match(model.purpose[0] ?? '', /for the period 1 July 2013 to 30 September 2013 \(Quarter 2 2013\/14\)/)
    assert.match(model.purpose[3] ?? '', /by no more than 10% of the target/)
  })

  it('gives the summary numbers, paragraph and charts', () => {
    assert.deepEqual(
      model.figures.map((f) => `${f.label}=${f.value}`),
      ['Indicators=25', 'Reported=20', 'Green=18', 'Amber=0', 'Red=2', 'Improved=10', 'Worse=5', 'Not reported=5'],
    )
    assert.match(model.summaryText, /^The plan has 25 indicators\./)
    assert.deepEqual(
      model.charts.map((c) => c.title),
      ['RAG status by theme', 'Direction of travel', 'Direction of travel and RAG status'],
    )
  })

  it('lays out each theme in the seed’s columns, with commentary and estimates marked', () => {
    const theme = model.themes[0]!
    const cag = theme.lines.find((l) => l.ref === 'CAG 08')!
    assert.deepEqual(
      [
        cag.frequency,
        cag.lastYear,
        cag.annualTarget,
        cag.previous,
        cag.actual,
        cag.target,
        cag.dot?.symbol,
        cag.rag.letter,
      ],
      ['M', '48.6%', '52%', '53.05% (Est)', '57.59% (Est)', '52%', '↑', 'G'],
    )
    assert.equal(cag.estimated, true)
    assert.match(cag.commentary ?? '', /Estimated cumulative result to the end of August/)
    const ni =
      model.themes[1]!.lines.find((l) => l.ref === 'NI 179') ?? model.themes[0]!.lines.find((l) => l.ref === 'NI 179')!
    assert.equal(ni.actual, '£18.5m')
    assert.ok(model.dashboard.find((l) => l.ref === 'LCA 2')!.charts.length === 2, 'a trend and a dial for LCA 2')
  })

  it('fills the exception reports in the seed’s form, and says which are not yet written', () => {
    const [stp, lca] = model.exceptions
    assert.equal(stp?.state, 'submitted')
    assert.deepEqual(
      stp.facts.map((f) => f.label),
      [
        'Theme / priority',
        'Indicator / measure',
        'Indicator / measure detail',
        'Baseline',
        'Target and timescale',
        'Actual and timescale',
        'Status',
      ],
    )
    assert.equal(stp.facts.find((f) => f.label === 'Baseline')?.value, '5,985 incidents in 2012/13')
    assert.equal(stp.questions[2]?.answer, 'Multi-agency action on the top ten repeat-demand addresses.')
    assert.equal(lca?.state, 'missing')
    assert.equal(
      lca.facts.find((f) => f.label === 'Target and timescale')?.value,
      '4.4% (amber limit 4.84%), Quarter 2 2013/14',
    )
    assert.equal(lca.facts.find((f) => f.label === 'Status')?.value, 'Red, worse than Quarter 1 2013/14')
    assert.equal(lca.questions[0]?.answer, 'Not yet provided by the indicator owner.')
    assert.equal(model.dashboard.find((l) => l.ref === 'STP 13')?.exception, 'submitted')
    assert.equal(model.dashboard.find((l) => l.ref === 'LCA 2')?.exception, 'missing')
  })

  it('lists every Red and Amber indicator as a performance exception, each pointing to its exception report', () => {
    const redAndAmber = model.dashboard.filter((l) => l.rag.letter === 'R' || l.rag.letter === 'A').map((l) => l.ref)
    assert.deepEqual(
      model.performanceExceptions.map(
        (p) => `${p.ref} ${p.rag.letter} ${p.dot?.label ?? ''} ${p.report?.number ?? ''}`,
      ),
      ['STP 13 R Worse 5.1', 'LCA 2 R Worse 5.2'],
    )
    assert.deepEqual(model.performanceExceptions.map((p) => p.ref).sort(), [...redAndAmber].sort())
    assert.equal(model.performanceExceptions[0]?.theme, 'Safe Place to Live – Fighting Crime')
    assert.equal(model.performanceExceptions[1]?.report?.id, 'exception-lca-2')
  })

  it('notes the indicators not reported and why', () => {
    assert.deepEqual(
      model.notReported.map((n) => `${n.ref}: ${n.reason}`),
      [
        'NEW 1415GAP: New: data collection being established',
        'EG 5: New: data collection being established',
        'NEW GCSE5AC: Annual indicator',
        'CGV 2c: Annual indicator',
        'NEW CHARTER: New: data collection being established',
      ],
    )
  })

  it('keeps every indicator’s history for the spreadsheet', () => {
    assert.deepEqual(
      model.history.filter((h) => h.ref === 'LCA 2').map((h) => `${h.period} ${h.actual} ${h.rag.letter}`),
      ['2012/13 4.45% G', '2013/14 Q1 4.53% G', '2013/14 Q2 5.16% R'],
    )
  })

  it('limits the report to a committee’s themes', () => {
    const limited = buildReportModel({ ...traffordReportRequest({ themes: ['Excellence in Education'] }), charts })
    assert.equal(limited.limitedToThemes, true)
    assert.deepEqual(
      limited.themes.map((t) => t.name),
      ['Excellence in Education'],
    )
    assert.deepEqual(
      limited.exceptions.map((x) => x.ref),
      ['LCA 2'],
    )
    assert.match(limited.purpose[1] ?? '', /^It covers these themes of the plan: Excellence in Education\./)
  })
})
