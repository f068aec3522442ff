import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { DEMO_PLAN } from '../../src/services/index.ts'
import {
  PLAN,
  type TestApp,
  USERS,
  entryUrl,
  exceptionUrl,
  indicatorUrl,
  signedIn,
  startTestApp,
  titleOf,
} from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

async function ragOf(ref: string, period = '2013/14 Q2') {
  const evaluation = await t.services.plans.evaluate(DEMO_PLAN, parsePeriod(period))
  return evaluation.evaluations.find((e) => e.indicator.ref === ref)
}

describe('entering data', () => {
  const invalid: [name: string, fields: Record<string, string>, field: string, message: RegExp][] = [
    [
      'a non-numeric actual',
      { actual: 'lots' },
      'actual',
      /Enter the actual for Quarter 2 2013\/14 as a number like 12\.5/,
    ],
    [
      'no actual and no reason',
      { actual: '' },
      'actual',
      /Enter the actual for Quarter 2 2013\/14, or choose why it is not available/,
    ],
    [
      'a data period after the period',
      { actual: '4.3', dataPeriod: '2013/14 Q3', reason: 'x' },
      'dataPeriod',
      /cannot relate to a period after Quarter 2 2013\/14/,
    ],
    [
      'a malformed data period',
      { actual: '4.3', dataPeriod: 'last quarter', reason: 'x' },
      'dataPeriod',
      /Enter the period the figure relates to, like 2013\/14 Q1/,
    ],
    [
      'a revised figure with no reason',
      { actual: '4.3' },
      'reason',
      /Give the reason for changing the actual from 5\.16/,
    ],
    [
      'both a figure and a reason for none',
      { actual: '4.3', notReported: 'not-available', reason: 'x' },
      'notReported',
      /Clear the reason, or leave the actual empty/,
    ],
  ]
  for (const [name, fields, field, message] of invalid) {
    it(`re-renders with the GOV.UK error summary for ${name}, and saves nothing`, async () => {
      const client = await signedIn(t.app, USERS.owner)
      await client.get(entryUrl('LCA 2'))
      const before = await t.services.plans.auditTrail(DEMO_PLAN, 'LCA 2')
      const response = await client.post(entryUrl('LCA 2'), fields)
      assert.equal(response.statusCode, 400)
      assert.match(titleOf(response.body), /^Error: /)
      assert.match(response.body, /govuk-error-summary/)
      assert.match(response.body, new RegExp(`href="#${field}"`))
      assert.match(response.body, message)
      assert.deepEqual(await t.services.plans.auditTrail(DEMO_PLAN, 'LCA 2'), before)
    })
  }

  it('lists the error summary in the order of the fields on the page', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('NI 154'))
    const response = await officer.post(entryUrl('NI 154'), {
      actual: 'lots',
      target: 'some',
      status: 'A',
      dataPeriod: 'last quarter',
    })
    assert.equal(response.statusCode, 400)
    const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(response.body)?.[0] ?? ''
    const linked = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1] ?? '')
    assert.ok(linked.length >= 3, `several errors at once: ${linked.join(', ')}`)
    const after = response.body.slice(response.body.indexOf('</ul>', response.body.indexOf('govuk-error-summary')))
    const places = linked.map((id) => after.indexOf(`id="${id}"`))
    assert.ok(
      places.every((at) => at >= 0),
      `each error links to a field on the page: ${linked.join(', ')}`,
    )
    assert.deepEqual(
      places,
      [...places].sort((a, b) => a - b),
      `in page order: ${linked.join(', ')}`,
    )
  })

  it('saves an owner’s revised figure with a 303, changes the RAG at once, and records who, when, old, new and why', async () => {
    const client = await signedIn(t.app, USERS.owner)
    assert.equal((await ragOf('LCA 2'))?.rag, 'R')
    await client.get(entryUrl('LCA 2'))
    const response = await client.post(entryUrl('LCA 2'), {
      actual: '4.3',
      note: 'Not Known figure now resolved.',
      reason: 'Validated figure replaces the September estimate',
    })
    assert.equal(response.statusCode, 303)
    // Back to the indicator, saying what was saved.
    assert.equal(response.headers.location, `${indicatorUrl('LCA 2')}&saved=figure`)
    const lca = await ragOf('LCA 2')
    assert.equal(lca?.rag, 'G')
    assert.equal(lca.exceptionRequired, false)
    const [latest] = (await t.services.plans.auditTrail(DEMO_PLAN, 'LCA 2')).filter((e) => e.field === 'actual')
    assert.deepEqual(
      {
        actor: latest?.actor,
        at: latest?.at,
        old: latest?.oldValue,
        new: latest?.newValue,
        reason: latest?.reason,
        source: latest?.source,
      },
      {
        actor: USERS.owner.email,
        at: '2013-10-20T10:00:00.000Z',
        old: '5.16',
        new: '4.3',
        reason: 'Validated figure replaces the September estimate',
        source: 'web',
      },
    )
    const page = await client.get(indicatorUrl('LCA 2'))
    assert.match(page.body, /Validated figure replaces the September estimate/)
  })

  it('records a figure reported in arrears and a reason for no figure', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('EG 5'))
    assert.equal(
      (await officer.post(entryUrl('EG 5'), { actual: '', notReported: 'new', note: 'Collection being set up' }))
        .statusCode,
      303,
    )
    assert.equal((await ragOf('EG 5'))?.notReported, 'new')
    await officer.get(entryUrl('NEW HEALTHCHECK', '2013/14 Q3'))
    assert.equal(
      (
        await officer.post(entryUrl('NEW HEALTHCHECK', '2013/14 Q3'), {
          actual: '5.1',
          dataPeriod: '2013/14 Q2',
          estimated: 'yes',
        })
      ).statusCode,
      303,
    )
    const health = await ragOf('NEW HEALTHCHECK', '2013/14 Q3')
    assert.equal(health?.inArrears, true)
    assert.equal(health.estimated, true)
  })

  it('offers suppressed and not due as reasons, and shows each in its words on the indicator page', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const form = await officer.get(entryUrl('EG 4', '2013/14 Q3'))
    assert.match(
      form.body,
      /value="suppressed"[^>]*>\s*<label[^>]*>\s*Suppressed: withheld because the numbers are small/,
    )
    assert.match(form.body, /value="not-due"[^>]*>\s*<label[^>]*>\s*Not due this period/)
    const saved = await officer.post(entryUrl('EG 4', '2013/14 Q3'), { actual: '', notReported: 'suppressed' })
    assert.equal(saved.statusCode, 303)
    assert.equal((await ragOf('EG 4', '2013/14 Q3'))?.notReported, 'suppressed')
    const page = await officer.get(indicatorUrl('EG 4', '2013/14 Q3'))
    assert.match(page.body, /Suppressed: withheld because the numbers are small/)
    const month = await officer.get(`/plans/${PLAN}?period=${encodeURIComponent('Aug 2013')}`)
    assert.match(month.body, /Performance at August 2013/)
    assert.match(month.body, /Not due this period/)
  })

  it('requires a reason for a management assessment, then records it as an assessment', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('NI 154'))
    const missing = await officer.post(entryUrl('NI 154'), { actual: '199', target: '150', status: 'A' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Give the reason for the management assessment/)
    const saved = await officer.post(entryUrl('NI 154'), {
      actual: '199',
      target: '150',
      status: 'A',
      statusReason: 'Completions stalled in September',
    })
    assert.equal(saved.statusCode, 303)
    const ni = await ragOf('NI 154')
    assert.equal(ni?.rag, 'A')
    assert.equal(ni.ragSource, 'assessment')
    const status = (await t.services.plans.auditTrail(DEMO_PLAN, 'NI 154')).find((e) => e.field === 'status')
    assert.equal(status?.reason, 'Completions stalled in September')
  })

  it('lets an officer change a target, with the reason in the audit trail', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('BV 9'))
    const response = await officer.post(entryUrl('BV 9'), {
      actual: '58.75',
      target: '60',
      reason: 'Target profile corrected',
    })
    assert.equal(response.statusCode, 303)
    const target = (await t.services.plans.auditTrail(DEMO_PLAN, 'BV 9')).find(
      (e) => e.field === 'target' && e.oldValue === '58.75',
    )
    assert.equal(target?.newValue, '60')
    assert.equal(target.reason, 'Target profile corrected')
    assert.equal((await ragOf('BV 9'))?.rag, 'A')
  })

  it('ignores an assessment or target sent by an owner, who cannot set them', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    await owner.get(entryUrl('STP 13'))
    const response = await owner.post(entryUrl('STP 13'), {
      actual: '3802',
      status: 'G',
      statusReason: 'Trying it on',
      target: '9999',
    })
    assert.equal(response.statusCode, 303)
    const stp = await ragOf('STP 13')
    assert.equal(stp?.rag, 'R')
    assert.equal(stp.target?.text, '3278')
  })

  it('escapes what people type', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('CAG 08'))
    assert.equal(
      (
        await officer.post(entryUrl('CAG 08'), {
          actual: '57.59',
          target: '52',
          estimated: 'yes',
          note: '<script>alert(1)</script>',
        })
      ).statusCode,
      303,
    )
    const page = await officer.get(indicatorUrl('CAG 08'))
    assert.doesNotMatch(page.body, /<script>alert/)
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  })
})

describe('exception reports', () => {
  it('requires the three answers to submit, saves a draft without them, and audits the report', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    const form = await owner.get(exceptionUrl('STP 13'))
    for (const text of [
      'Theme / priority',
      'Target and timescale',
      'Actual and timescale',
      'Is any variance within expected limits?',
      'Impact on service users/public.',
      'When will performance be brought back on track?',
    ]) {
      assert.ok(form.body.includes(text), text)
    }
    // Sent empty, not left out: a field left out keeps what is stored (test/web/absent-fields.routes.test.ts).
    const refused = await owner.post(exceptionUrl('STP 13'), {
      action: 'submit',
      why: 'Rowdy behaviour rose in two wards.',
      implications: '',
      improvement: '',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /href="#implications"/)
    assert.match(refused.body, /href="#improvement"/)
    assert.doesNotMatch(refused.body, /href="#why"/)
    assert.equal(
      (await owner.post(exceptionUrl('STP 13'), { action: 'draft', why: 'Rowdy behaviour rose in two wards.' }))
        .statusCode,
      303,
    )
    const list = await owner.get(`/plans/trafford-adp-2013-14/exceptions?period=${encodeURIComponent('2013/14 Q2')}`)
    assert.match(list.body, /STP 13[\s\S]*?Draft/)
    const submitted = await owner.post(exceptionUrl('STP 13'), {
      action: 'submit',
      baseline: '5,985 incidents in 2012/13',
      why: 'Rowdy behaviour rose in two wards.',
      implications: 'Victims and confidence in the partnership.',
      improvement: 'Multi-agency action on the top ten addresses.',
    })
    assert.equal(submitted.statusCode, 303)
    const reports = await t.services.exceptions.forPeriod('trafford-adp-2013-14', parsePeriod('2013/14 Q2'))
    assert.equal(reports.get('STP 13')?.state, 'submitted')
    const trail = (await t.services.plans.auditTrail(DEMO_PLAN, 'STP 13')).filter(
      (e) => e.entity === 'exception-report',
    )
    assert.ok(trail.some((e) => e.field === 'state' && e.oldValue === 'draft' && e.newValue === 'submitted'))
  })

  it('refuses an exception report for an indicator that is on target', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    assert.equal((await owner.get(exceptionUrl('NI 154', '2013/14 Q1'))).statusCode, 404)
  })
})

describe('the framework', () => {
  const definitionUrl = '/plans/trafford-adp-2013-14/indicators/LCA%202/definition'
  const definition = {
    title:
      'Maintain the low level of 16-18 year olds who are not in education training or employment (NEET) in Trafford',
    frequency: 'monthly',
    polarity: 'lower',
    unit: '%',
    accumulation: 'point',
    tolerancePct: '20',
    dotBasis: 'previous',
    ragMethod: 'tolerance',
    owner: 'Head of Connexions',
  }

  it('lets an officer change a definition with a reason, audited, and refuses it without one', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const form = await officer.get(definitionUrl)
    assert.equal(form.statusCode, 200)
    const refused = await officer.post(definitionUrl, { ...definition, reason: '' })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Give the reason for the change/)
    const bad = await officer.post(definitionUrl, { ...definition, tolerancePct: 'ten', reason: 'Annual review' })
    assert.match(bad.body, /href="#tolerancePct"/)
    assert.equal(
      (await officer.post(definitionUrl, { ...definition, reason: 'Tolerance agreed at the annual review' }))
        .statusCode,
      303,
    )
    const changes = (await t.services.plans.auditTrail(DEMO_PLAN, 'LCA 2')).filter(
      (e) => e.entity === 'indicator' && e.field !== 'created',
    )
    assert.deepEqual(changes.map((e) => [e.field, e.oldValue, e.newValue, e.reason]).sort(), [
      ['owner', null, 'Head of Connexions', 'Tolerance agreed at the annual review'],
      ['tolerance_pct', '10', '20', 'Tolerance agreed at the annual review'],
    ])
  })

  it('refuses the definition form to an owner', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    assert.equal((await owner.get(definitionUrl)).statusCode, 403)
    assert.equal((await owner.post(definitionUrl, { ...definition, reason: 'x' })).statusCode, 403)
  })

  it('lets an officer set the annual target alone', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('EG 5', '2013/14'))
    assert.equal((await officer.post(entryUrl('EG 5', '2013/14'), { actual: '', target: '2.5' })).statusCode, 303)
    assert.equal((await ragOf('EG 5'))?.annualTarget?.text, '2.5')
  })
})
