import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import JSZip from 'jszip'
import { evaluateDelivery } from '../../src/domain/delivery/delivery-plan.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { highRisks, rateRisk } from '../../src/domain/delivery/risk.ts'
import { evaluatePlan } from '../../src/domain/judgement/plan.ts'
import { type RenderRequest, renderReport } from '../../src/reports/index.ts'
import { buildReportModel } from '../../src/reports/report.model.ts'
import { parseDelivery } from '../../src/services/delivery/delivery-validation.ts'

const CHORLEY = new URL('../fixtures/chorley-2013-14-q1/', import.meta.url)
const Q1 = parsePeriod('2013/14 Q1')

function chorleyRequest(): RenderRequest {
  const file = (name: string) => ({ name, content: readFileSync(new URL(name, CHORLEY)) })
  const parsed = parseDelivery(file('delivery.csv'), file('delivery_updates.csv'), new Map(), new Set())
  assert.deepEqual(parsed.problems, [])
  return {
    evaluation: evaluatePlan({ name: 'Chorley Partnership 2013/14', indicators: [] }, Q1),
    exceptionReports: new Map(),
    producedOn: '2013-07-18',
    delivery: evaluateDelivery(parsed.items, parsed.updates, Q1),
  }
}

describe('a Chorley-style committee report', () => {
  it('shows each group’s priority table with status and narrative', () => {
    const model = buildReportModel(chorleyRequest())
    assert.equal(model.contents.at(-1)?.title, 'Priorities and milestones')
    const delivery = model.delivery
    assert.ok(delivery)
    assert.equal(
      delivery.sentence,
      'Of the nineteen priorities identified across the partnership, seventeen are rated as green and two are rated as not started.',
    )
    assert.deepEqual(
      delivery.groups.map((g) => `${g.name}: ${g.rows.length}`),
      [
        'Chorley Partnership Executive: 1',
        'Chorley & South Ribble Health & Wellbeing Partnership: 3',
        "Chorley Children's Trust: 4",
        'Chorley & South Ribble Community Safety Partnership: 6',
        'Economic Development Partnership: 5',
      ],
    )
    const csp1 = delivery.groups[3]?.rows[0]
    assert.equal(csp1?.status.label, 'Green')
    assert.match(
      csp1.narrative,
      /^Of the five actions for this priority in 2013\/14, three are rated as green and two have not started\. Projects have been initiated/,
    )
    assert.equal(delivery.groups[2]?.rows[1]?.status.label, 'Not started')
  })

  it('puts the priority tables in the Word, HTML and JSON reports', async () => {
    const request = chorleyRequest()
    const docx = await JSZip.loadAsync(await renderReport('docx', request))
    const xml = await docx.file('word/document.xml')!.async('string')
    assert.match(xml, /7 Priorities and milestones/)
    assert.match(xml, /Of the nineteen priorities identified across the partnership/)
    const html = (await renderReport('html', request)).toString('utf8')
    assert.match(html, /<caption>Chorley &amp; South Ribble Community Safety Partnership<\/caption>/)
    const json = JSON.parse((await renderReport('json', request)).toString('utf8')) as {
      delivery: { priorities: { green: number; notStarted: number } }
    }
    assert.deepEqual([json.delivery.priorities.green, json.delivery.priorities.notStarted], [17, 2])
  })
})

describe('high risks in the committee report', () => {
  it('lists each high risk with its ratings and its treatments’ progress, in Word, HTML and JSON', async () => {
    const risks = [
      {
        ref: 'R1',
        objective: null,
        description: 'Stadium income falls short of the budget',
        initial: rateRisk(5, 4),
        residual: rateRisk(4, 4),
        treatments: [
          {
            ref: 'R1.1',
            description: 'Marketing plan',
            owner: 'Operations Manager',
            dueDate: '2013-03-31',
            reviews: new Map([['2013/14 Q1', { progress: 'green', commentary: 'Plan agreed' }]]),
          },
          { ref: 'R1.2', description: 'Review catering costs', owner: null, dueDate: null, reviews: new Map() },
        ],
      },
      {
        ref: 'R2',
        objective: null,
        description: 'A medium risk',
        initial: rateRisk(3, 3),
        residual: rateRisk(2, 3),
        treatments: [],
      },
    ]
    const request = { ...chorleyRequest(), highRisks: highRisks(risks, '2013/14 Q1') }
    const model = buildReportModel(request)
    assert.equal(model.contents.at(-1)?.title, 'High risks')
    assert.deepEqual(
      model.highRisks.map((r) => [r.ref, r.residual]),
      [['R1', 'High (4 × 4 = 16)']],
    )
    assert.deepEqual(
      model.highRisks[0]?.treatments.map((t) => t.progress),
      ['Green: Plan agreed', 'Not reviewed this period'],
    )
    const xml = await (
      await JSZip.loadAsync(await renderReport('docx', request))
    )
      .file('word/document.xml')!
      .async('string')
    assert.match(xml, /8 High risks/)
    assert.match(xml, /Initial risk High \(5 × 4 = 20\); residual risk High \(4 × 4 = 16\)\./)
    assert.match(
      (await renderReport('html', request)).toString('utf8'),
      /R1: Stadium income falls short of the budget\. Initial risk High/,
    )
    const json = JSON.parse((await renderReport('json', request)).toString('utf8')) as {
      highRisks: { ref: string; residual: { score: number }; treatments: { progress: string | null }[] }[]
    }
    assert.deepEqual(
      json.highRisks.map((r) => [r.ref, r.residual.score, r.treatments.map((t) => t.progress)]),
      [['R1', 16, ['green', null]]],
    )
  })
})
