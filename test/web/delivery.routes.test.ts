import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { type TestApp, USERS, signedIn, startTestApp, titleOf } from './harness.ts'

const CHORLEY = new URL('../fixtures/chorley-2013-14-q1/', import.meta.url)
const PLAN = 'Chorley Partnership 2013/14'
const SLUG = 'chorley-partnership-2013-14'
const period = `period=${encodeURIComponent('2013/14 Q1')}`
const statusUrl = (ref: string): string => `/plans/${SLUG}/delivery/${encodeURIComponent(ref)}?${period}`

let t: TestApp
before(async () => {
  t = await startTestApp()
  await t.services.delivery.importDelivery({
    planName: PLAN,
    itemsFile: { name: 'delivery.csv', content: readFileSync(new URL('delivery.csv', CHORLEY)) },
    updatesFile: { name: 'delivery_updates.csv', content: readFileSync(new URL('delivery_updates.csv', CHORLEY)) },
    actor: 'test',
  })
})
after(async () => {
  await t.close()
})

describe('priorities, actions and milestones in the app', () => {
  it('lists every item with its status, rolled-up sentence and narrative', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const page = await viewer.get(`/plans/${SLUG}/delivery?${period}`)
    assert.equal(page.statusCode, 200)
    assert.match(
      page.body,
      /Of the nineteen priorities identified across the partnership, seventeen are rated as green and two are rated as not started\./,
    )
    assert.match(
      page.body,
      /Of the five actions for this priority in 2013\/14, three are rated as green and two have not started\./,
    )
    assert.doesNotMatch(page.body, /set the status/, 'a viewer gets no status links')
  })

  it('lets an officer set a status, asking for a reason where it differs from the actions', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const form = await officer.get(statusUrl('CSP 1'))
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Its actions roll up to Green/)
    const refused = await officer.post(statusUrl('CSP 1'), {
      status: 'amber',
      commentary: 'Two actions have still not started.',
      overrideReason: '',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(titleOf(refused.body), /^Error: /)
    assert.match(refused.body, /href="#overrideReason"/)
    const saved = await officer.post(statusUrl('CSP 1'), {
      status: 'amber',
      commentary: 'Two actions have still not started.',
      overrideReason: 'The partnership board asked for amber until both start',
    })
    assert.equal(saved.statusCode, 303)
    const summary = await t.services.delivery.evaluate(PLAN, parsePeriod('2013/14 Q1'))
    const csp1 = summary.results.find((r) => r.item.ref === 'CSP 1')
    assert.deepEqual([csp1?.status, csp1?.statusSource], ['amber', 'override'])
    const trail = (await t.services.plans.auditTrail(PLAN, 'CSP 1')).find(
      (e) => e.field === 'status' && e.source === 'web',
    )
    assert.deepEqual(
      [trail?.oldValue, trail?.newValue, trail?.reason, trail?.actor],
      ['green', 'amber', 'The partnership board asked for amber until both start', USERS.officer.email],
    )
  })

  it('refuses owners and viewers the status form', async () => {
    for (const user of [USERS.owner, USERS.viewer]) {
      const client = await signedIn(t.app, user)
      assert.equal((await client.get(statusUrl('CSP 2'))).statusCode, 403)
      assert.equal(
        (await client.post(statusUrl('CSP 2'), { status: 'red', commentary: '', overrideReason: 'x' })).statusCode,
        403,
      )
    }
  })

  it('answers 404 for an item that does not exist', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    assert.equal((await officer.get(statusUrl('NOPE'))).statusCode, 404)
  })
})
