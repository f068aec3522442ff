import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJson } from '../../src/reports/report.json.ts'
import { DEMO_PLAN } from '../../src/services/index.ts'
import { assertMatchesPublished, expectedTrafford } from '../helpers/fixtures.ts'
import { Client, PLAN, type TestApp, USERS, entryUrl, signedIn, startTestApp } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

describe('the read-only JSON API', () => {
  it('returns exactly the CLI’s report JSON', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const response = await client.get(`/api/plans/${PLAN}/report?period=${encodeURIComponent('2013/14 Q2')}`)
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /application\/json/)
    const body: unknown = response.json()
    const cli = reportJson(await t.services.plans.evaluate(DEMO_PLAN, parsePeriod('2013/14 Q2')))
    assert.deepEqual(body, JSON.parse(JSON.stringify(cli)))
    assertMatchesPublished(cli, expectedTrafford())
  })

  it('tells a client holding the current report so (304), and sends the new one after a change', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const url = `/api/plans/${PLAN}/report?period=${encodeURIComponent('2013/14 Q2')}`
    const first = await client.get(url)
    const etag = String(first.headers.etag)
    assert.match(etag, /^"[\w-]+"$/)
    const again = await client.request({ method: 'GET', url, headers: { 'if-none-match': etag } })
    assert.equal(again.statusCode, 304)
    assert.equal(again.body, '')
    const anonymous = await new Client(t.app).request({ method: 'GET', url, headers: { 'if-none-match': etag } })
    assert.equal(anonymous.statusCode, 401, 'the version is no way round signing in')

    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('BV 9'))
    const saved = await officer.post(entryUrl('BV 9'), {
      actual: '777',
      reason: 'Revised',
    })
    assert.equal(saved.statusCode, 303)
    const changed = await client.request({ method: 'GET', url, headers: { 'if-none-match': etag } })
    assert.equal(changed.statusCode, 200)
    assert.notEqual(changed.headers.etag, etag)
    const bv9 = changed
      .json<{ indicators: { ref: string; actual: unknown }[] }>()
      .indicators.find((i) => i.ref === 'BV 9')
    assert.equal(bv9?.actual, 777)
  })

  it('limits the report to themes', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const response = await client.get(
      `/api/plans/${PLAN}/report?period=${encodeURIComponent('2013/14 Q2')}&theme=${encodeURIComponent('Excellence in Education')}`,
    )
    const body = response.json<{ themes: string[]; summary: { indicators: number } }>()
    assert.deepEqual(body.themes, ['Excellence in Education'])
    assert.equal(body.summary.indicators, 4)
  })

  it('lists plans and indicators', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const plans = (await client.get('/api/plans')).json<{ name: string; slug: string }[]>()
    assert.deepEqual(
      plans.map((p) => [p.name, p.slug]),
      [
        ['Chorley Partnership 2013/14', 'chorley-partnership-2013-14'],
        ['Halton Safer PPB 2012/13', 'halton-safer-ppb-2012-13'],
        ['Manchester CAA 2009', 'manchester-caa-2009'],
        [DEMO_PLAN, PLAN],
      ],
    )
    const indicators = (await client.get(`/api/plans/${PLAN}/indicators`)).json<{ ref: string; owners: string[] }[]>()
    assert.equal(indicators.length, 25)
    assert.deepEqual(indicators.find((i) => i.ref === 'LCA 2')?.owners, ['Demo indicator owner'])
  })

  it('gives each indicator the rules that judge it, which it sets itself, and the rules in words', async () => {
    type Rules = { tolerance: string; greenWhen: string; amberAlso: string; own: string[]; text: string }
    const client = await signedIn(t.app, USERS.viewer)
    const read = async (): Promise<{ ref: string; kind: string; tolerancePct: string; rules: Rules }[]> =>
      (await client.get(`/api/plans/${PLAN}/indicators`)).json()
    for (const indicator of await read()) {
      assert.equal(indicator.kind, 'measure', indicator.ref)
      const own = indicator.tolerancePct !== ''
      assert.equal(indicator.rules.own.includes('tolerance'), own, indicator.ref)
      if (own) assert.equal(indicator.rules.tolerance, `${indicator.tolerancePct}%`, indicator.ref)
      assert.match(indicator.rules.text, /^Green: .*\. Amber: .*\. Red: .*\.$/, indicator.ref)
    }
    const officer = { id: 0, email: 'test:officer', name: 'An officer', role: 'officer' } as const
    const saved = await t.services.rules.setRules(officer, PLAN, {
      tolerance: '',
      greenWithin: '',
      greenWhen: 'beats',
      amberAlso: 'improving',
      reason: 'The council key reads "above target"',
    })
    assert.equal(saved.ok, true)
    for (const indicator of await read()) {
      assert.equal(indicator.rules.greenWhen, 'beats', indicator.ref)
      assert.equal(indicator.rules.amberAlso, 'improving', indicator.ref)
      assert.ok(!indicator.rules.own.includes('greenWhen'), 'inherited from the plan, not its own')
      assert.match(indicator.rules.text, /^Green: better than target \(on target is Amber\)/, indicator.ref)
    }
    await t.services.rules.setRules(officer, PLAN, {
      tolerance: '',
      greenWithin: '',
      greenWhen: '',
      amberAlso: '',
      reason: 'Back as it was',
    })
  })

  it('reads the period as councils write it, and answers with the canonical form', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const canonical = await client.get(`/api/plans/${PLAN}/report?period=${encodeURIComponent('2013/14 Q2')}`)
    for (const written of ['Q2 2013/14', 'Quarter 2 2013/14', '2013-14 Q2', 'Q2 13/14', ' q2  2013/2014 ']) {
      const response = await client.get(`/api/plans/${PLAN}/report?period=${encodeURIComponent(written)}`)
      assert.equal(response.statusCode, 200, written)
      assert.equal(response.json<{ period: string }>().period, '2013/14 Q2')
      assert.equal(response.body, canonical.body, written)
    }
    const month = await client.get(`/api/plans/${PLAN}/report?period=${encodeURIComponent('Sep 2013')}`)
    assert.equal(month.json<{ period: string }>().period, '2013-09')
    const ambiguous = await client.get(`/api/plans/${PLAN}/report?period=2013`)
    assert.equal(ambiguous.statusCode, 400)
    assert.match(ambiguous.json<{ message: string }>().message, /a year alone could be the calendar year/)
  })

  it('answers errors as JSON: 400 for a bad period, 404 for no plan, 401 when not signed in', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const bad = await client.get(`/api/plans/${PLAN}/report?period=Q2`)
    assert.equal(bad.statusCode, 400)
    assert.equal(bad.json<{ error: string }>().error, 'invalid-period')
    assert.equal((await client.get(`/api/plans/nope/report?period=2013%2F14`)).statusCode, 404)
    assert.equal((await client.get(`/api/plans/${PLAN}/report`)).statusCode, 400)
    assert.equal((await new Client(t.app).get('/api/plans')).statusCode, 401)
  })

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await new Client(t.app).get('/api/openapi.json')
    assert.equal(response.statusCode, 200)
    const doc = response.json<{
      openapi: string
      paths: Record<
        string,
        {
          get?: {
            responses?: Record<
              string,
              { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
            >
          }
        }
      >
    }>()
    assert.match(doc.openapi, /^3\./)
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/plans',
      '/api/plans/{plan}/indicators',
      '/api/plans/{plan}/report',
    ])
    const report = doc.paths['/api/plans/{plan}/report']?.get?.responses?.['200']?.content?.['application/json']?.schema
    assert.ok(report?.properties?.summary, 'the report response is described')
  })
})
