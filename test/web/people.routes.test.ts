import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Client, type TestApp, USERS, signedIn, startTestApp } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

const ADMIN = { id: 0, email: 'admin', name: 'An administrator', role: 'admin' } as const
const NEW_PASSWORD = 'a river of quiet lanterns'

/** Invites a person as the admin, returning the admin's client, the link's path and the person's id. */
async function invite(email: string, role = 'owner') {
  const admin = await signedIn(t.app, USERS.admin)
  await admin.get('/users')
  const page = await admin.post('/users', { name: 'A new officer', email, role })
  assert.equal(page.statusCode, 200, page.body.slice(0, 300))
  assert.match(page.body, /Email is not set up on this server yet, so nothing was sent/)
  const link = /<code>http:\/\/localhost:3000(\/account\/password\?token=[A-Za-z0-9_-]+)<\/code>/.exec(page.body)?.[1]
  assert.ok(link, 'the confirmation shows the link')
  const id = Number(/href="\/users\/(\d+)"/.exec(page.body)?.[1])
  return { admin, link, id }
}

describe('password links in mail', () => {
  it('are made with the site’s address, whatever Host header the request forged', async () => {
    const admin = await signedIn(t.app, USERS.admin)
    await admin.get('/users')
    const page = await admin.request({
      method: 'POST',
      url: '/users',
      payload: new URLSearchParams({
        _csrf: admin.csrf,
        name: 'A new officer',
        email: 'forged.host@outturn.example',
        role: 'owner',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'evil.example' },
    })
    assert.equal(page.statusCode, 200, page.body.slice(0, 300))
    assert.doesNotMatch(page.body, /evil\.example/)
    assert.match(page.body, /<code>http:\/\/localhost:3000\/account\/password\?token=/)
    const mail = (await t.services.outbox.list(ADMIN)).find((m) => m.to === 'forged.host@outturn.example')
    assert.ok(mail, 'the invitation is queued in the outbox')
    assert.equal(mail.subject, 'You have been invited to Outturn')
    assert.doesNotMatch(mail.text + mail.html, /evil\.example/)
    assert.match(mail.text, /Set your password: http:\/\/localhost:3000\/account\/password\?token=[A-Za-z0-9_-]+/)
  })
})

describe('people: invited, set their own password, edited, deactivated, reset', () => {
  it('the invitation form asks for no password', async () => {
    const admin = await signedIn(t.app, USERS.admin)
    const page = await admin.get('/users')
    assert.match(page.body, /Invite a user/)
    assert.doesNotMatch(page.body, /type="password"/)
  })

  it('an invited person sets their password once from the link, then signs in with it', async () => {
    const { link } = await invite('invited.one@outturn.example')
    const visitor = new Client(t.app)
    const form = await visitor.get(link)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /This is for A new officer \(invited\.one@outturn\.example\)/)
    const mismatch = await visitor.post(link, { password: NEW_PASSWORD, confirm: 'something else entirely' })
    assert.equal(mismatch.statusCode, 400)
    assert.match(mismatch.body, /The passwords do not match/)
    const set = await visitor.post(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })
    assert.equal(set.statusCode, 303)
    assert.equal(set.headers.location, '/sign-in?passwordSet=1')
    const again = await visitor.get(link)
    assert.equal(again.statusCode, 410, 'the link works once')
    const signIn = await new Client(t.app).signIn({ email: 'invited.one@outturn.example', password: NEW_PASSWORD })
    assert.equal(signIn.statusCode, 303)
    const trail = await t.services.people.list()
    assert.equal(trail.find((p) => p.email === 'invited.one@outturn.example')?.invited, false)
  })

  it('stores only a hash of the token', async () => {
    const { link } = await invite('invited.two@outturn.example')
    const token = decodeURIComponent(link.split('token=')[1] ?? '')
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(t.databasePath, { readonly: true })
    const rows = db.prepare('select token_hash from password_links').all() as { token_hash: string }[]
    db.close()
    assert.ok(rows.length > 0)
    assert.ok(rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)))
  })

  it('a link expires', async () => {
    const { link } = await invite('invited.late@outturn.example')
    const later = await startLaterApp()
    try {
      assert.equal((await new Client(later.app).get(link)).statusCode, 410)
    } finally {
      await later.close()
    }
  })

  it('deactivating ends their sessions at once and stops them signing in; edits and resets are audited', async () => {
    const { admin, link, id } = await invite('invited.three@outturn.example')
    const visitor = new Client(t.app)
    await visitor.get(link)
    await visitor.post(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })
    const person = await signedIn(t.app, { email: 'invited.three@outturn.example', password: NEW_PASSWORD })
    assert.equal((await person.get('/plans')).statusCode, 200)

    await admin.get(`/users/${id}`)
    const edited = await admin.post(`/users/${id}`, { name: 'A renamed officer', role: 'viewer' })
    assert.equal(edited.statusCode, 303)
    assert.match((await admin.get(edited.headers.location as string)).body, /A renamed officer is now viewer\./)

    const reset = await admin.post(`/users/${id}/reset`, {})
    assert.equal(reset.statusCode, 200)
    assert.match(reset.body, /Password reset link created/)

    await admin.get(`/users/${id}`)
    const off = await admin.post(`/users/${id}/active`, { active: 'no' })
    assert.equal(off.statusCode, 303)
    const after = await person.get('/plans')
    assert.equal(after.statusCode, 303, 'their session ended at once')
    const again = await new Client(t.app).signIn({ email: 'invited.three@outturn.example', password: NEW_PASSWORD })
    assert.equal(again.statusCode, 400, 'a deactivated person cannot sign in')
    const list = (await admin.get('/users')).body
    assert.match(
      list,
      /A renamed officer<\/a><\/th><td class="govuk-table__cell">invited\.three@outturn\.example<\/td><td class="govuk-table__cell">Viewer<\/td><td class="govuk-table__cell">Deactivated/,
    )
  })

  it('an admin cannot deactivate themselves', async () => {
    const admin = await signedIn(t.app, USERS.admin)
    const me = (await t.services.people.list()).find((p) => p.email === USERS.admin.email)
    await admin.get(`/users/${me?.id}`)
    const response = await admin.post(`/users/${me?.id}/active`, { active: 'no' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /You cannot deactivate yourself/)
  })

  it('a person’s page lists what they are responsible for, each with its plan, and assigns from a list', async () => {
    const admin = await signedIn(t.app, USERS.admin)
    const owner = (await t.services.people.list()).find((p) => p.email === USERS.owner.email)
    const page = await admin.get(`/users/${owner?.id}`)
    assert.match(
      page.body,
      /Trafford ADP 2013\/14<\/td><td class="govuk-table__cell">Indicator<\/td><th scope="row" class="govuk-table__header">LCA 2/,
    )
    assert.match(
      page.body,
      /Halton Safer PPB 2012\/13<\/td><td class="govuk-table__cell">Risk treatment<\/td><th scope="row" class="govuk-table__header">R1\.2/,
    )
    assert.match(page.body, /<option value="indicator\|Trafford ADP 2013\/14\|BV 9">/)
    const assigned = await admin.post(`/users/${owner?.id}/assign`, { target: 'indicator|Trafford ADP 2013/14|BV 9' })
    assert.equal(assigned.statusCode, 303)
    const after = await admin.get(assigned.headers.location as string)
    assert.match(after.body, /is responsible for BV 9 in Trafford ADP 2013\/14/)
    const trail = await t.services.plans.auditTrail('Trafford ADP 2013/14', 'BV 9')
    assert.ok(
      trail.some(
        (e) => e.field === 'responsible' && e.newValue === 'Demo indicator owner' && e.actor === 'Demo administrator',
      ),
    )
  })
})

/** The same database, a fortnight later: every invitation link has expired. */
async function startLaterApp() {
  const { openServices } = await import('../../src/services/index.ts')
  const { buildApp } = await import('../../src/web/app.ts')
  const opened = await openServices(t.databasePath, { now: () => new Date('2013-11-05T10:00:00.000Z') })
  const app = await buildApp({ services: opened.services, config: { secureCookies: false, production: false } })
  return {
    app,
    close: async () => {
      await app.close()
      await opened.close()
    },
  }
}
