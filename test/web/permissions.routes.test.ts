import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PLAN } from '../../src/services/index.ts'
import { Client, type TestApp, USERS, entryUrl, exceptionUrl, signedIn, startTestApp } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

/** Every form post in the app, with fields that would otherwise be accepted. */
const POSTS: [url: string, fields: Record<string, string>][] = [
  [entryUrl('LCA 2'), { actual: '4.3', reason: 'x' }],
  [exceptionUrl('STP 13'), { action: 'draft', why: 'x' }],
  ['/import', { planName: 'A plan' }],
  ['/users', { email: 'someone@outturn.example', name: 'Someone', role: 'admin' }],
  ['/users/1', { name: 'Someone else', role: 'admin' }],
  ['/users/1/active', { active: 'no' }],
  ['/users/1/reset', {}],
  ['/users/1/assign', { target: `indicator|${DEMO_PLAN}|LCA 2` }],
]

describe('the roles and ownership rules, enforced on the server', () => {
  for (const [url, fields] of POSTS) {
    it(`refuses a viewer's post to ${url} with 403`, async () => {
      const viewer = await signedIn(t.app, USERS.viewer)
      const before = await t.services.plans.auditTrail(DEMO_PLAN)
      const response = await viewer.post(url, fields)
      assert.equal(response.statusCode, 403, response.body.slice(0, 300))
      assert.deepEqual(await t.services.plans.auditTrail(DEMO_PLAN), before)
    })
  }

  it('refuses an owner another owner’s indicator, reading the form or posting it, and records nothing', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    const before = await t.services.plans.auditTrail(DEMO_PLAN, 'BV 9')
    assert.equal((await owner.get(entryUrl('BV 9'))).statusCode, 403)
    assert.equal((await owner.post(entryUrl('BV 9'), { actual: '60', reason: 'x' })).statusCode, 403)
    assert.equal((await owner.get(exceptionUrl('BV 9'))).statusCode, 403)
    assert.deepEqual(await t.services.plans.auditTrail(DEMO_PLAN, 'BV 9'), before)
  })

  it('refuses owners and viewers the import and user pages', async () => {
    for (const user of [USERS.owner, USERS.viewer]) {
      const client = await signedIn(t.app, user)
      assert.equal((await client.get('/import')).statusCode, 403)
      assert.equal((await client.get('/users')).statusCode, 403)
    }
    const officer = await signedIn(t.app, USERS.officer)
    assert.equal((await officer.get('/users')).statusCode, 403, 'an officer does not manage users')
  })

  it('refuses any post without a valid CSRF token, even from an officer', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('LCA 2'))
    const response = await officer.post(entryUrl('LCA 2'), { _csrf: 'not-the-token', actual: '4.3', reason: 'x' })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /The form had expired or did not come from this site/)
  })

  it('lets an administrator invite a user and make them responsible for an indicator, with errors for bad input', async () => {
    const admin = await signedIn(t.app, USERS.admin)
    await admin.get('/users')
    const bad = await admin.post('/users', { email: 'not-an-email', name: 'Someone', role: 'officer' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /href="#email"/)
    const invited = await admin.post('/users', { email: 'someone@outturn.example', name: 'Someone', role: 'owner' })
    assert.equal(invited.statusCode, 200)
    const link = /<code>https?:\/\/[^/]+(\/account\/password\?token=[A-Za-z0-9_-]+)<\/code>/.exec(invited.body)?.[1]
    const id = Number(/href="\/users\/(\d+)"/.exec(invited.body)?.[1])
    assert.ok(link && id > 0, 'the confirmation shows the link and the person')
    await admin.get(`/users/${id}`)
    const unknown = await admin.post(`/users/${id}/assign`, { target: `indicator|${DEMO_PLAN}|NOPE 9` })
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.body, /href="#target"/)
    const assigned = await admin.post(`/users/${id}/assign`, { target: `indicator|${DEMO_PLAN}|BV 9` })
    assert.equal(assigned.statusCode, 303)
    const visitor = new Client(t.app)
    await visitor.get(link)
    const short = await visitor.post(link, { password: 'short', confirm: 'short' })
    assert.match(short.body, /at least 12 characters/)
    assert.equal(
      (await visitor.post(link, { password: 'a-long-password-1', confirm: 'a-long-password-1' })).statusCode,
      303,
    )
    const someone = await signedIn(t.app, { email: 'someone@outturn.example', password: 'a-long-password-1' })
    assert.equal((await someone.get(entryUrl('BV 9'))).statusCode, 200)
    assert.equal((await someone.get(entryUrl('LCA 2'))).statusCode, 403)
  })
})
