import assert from 'node:assert/strict'
import Database from 'better-sqlite3'
import { after, before, describe, it } from 'node:test'
import { Client, PLAN, type TestApp, USERS, signedIn, startTestApp, titleOf } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp({ signInLimit: 4 })
})
after(async () => {
  await t.close()
})

describe('signing in and security', () => {
  it('sends a visitor who is not signed in to the sign-in page, and back afterwards', async () => {
    const client = new Client(t.app)
    const response = await client.get(`/plans/${PLAN}`)
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/sign-in?returnTo=${encodeURIComponent(`/plans/${PLAN}`)}`)
    const page = await client.get(response.headers.location)
    assert.match(page.body, /name="returnTo" value="\/plans\/trafford-adp-2013-14"/)
    const signIn = await client.post('/sign-in', { ...USERS.viewer, returnTo: `/plans/${PLAN}` })
    assert.equal(signIn.statusCode, 303)
    assert.equal(signIn.headers.location, `/plans/${PLAN}`)
    assert.equal((await client.get(`/plans/${PLAN}`)).statusCode, 200)
  })

  it('gives the same message for a wrong password and an unknown account', async () => {
    const wrongPassword = await new Client(t.app).signIn({ email: USERS.officer.email, password: 'not-the-password' })
    const unknown = await new Client(t.app).signIn({ email: 'nobody@outturn.example', password: 'not-the-password' })
    for (const response of [wrongPassword, unknown]) {
      assert.equal(response.statusCode, 400)
      assert.match(titleOf(response.body), /^Error: Sign in/)
      assert.match(response.body, /There is a problem/)
      assert.match(response.body, /Enter a correct email address and password/)
    }
    const strip = (html: string): string => html.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '')
    assert.equal(strip(wrongPassword.body), strip(unknown.body))
  })

  it('never redirects off the site after signing in', async () => {
    const client = new Client(t.app)
    await client.get('/sign-in')
    const response = await client.post('/sign-in', { ...USERS.viewer, returnTo: '//evil.example/' })
    assert.equal(response.headers.location, '/plans')
  })

  it('refuses a sign-in without the CSRF token', async () => {
    const client = new Client(t.app)
    await client.get('/sign-in')
    const response = await client.post('/sign-in', { ...USERS.viewer, _csrf: 'forged' })
    assert.equal(response.statusCode, 403)
  })

  it('limits sign-in attempts', async () => {
    const client = new Client(t.app)
    await client.get('/sign-in')
    const statuses: number[] = []
    for (let i = 0; i < 5; i += 1)
      statuses.push(
        (await client.post('/sign-in', { email: 'limited@outturn.example', password: 'wrong-password' })).statusCode,
      )
    assert.deepEqual(statuses, [400, 400, 400, 400, 429])
  })

  it('sends security headers, with a CSP nonce that matches the page’s scripts', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const response = await client.get(`/plans/${PLAN}`)
    const csp = String(response.headers['content-security-policy'])
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1]
    assert.ok(nonce, csp)
    assert.doesNotMatch(csp, /unsafe-inline/)
    assert.match(csp, /frame-ancestors 'none'/)
    const scripts = [...response.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '')
    assert.ok(scripts.length >= 2)
    for (const attributes of scripts) assert.ok(attributes.includes(`nonce="${nonce}"`), attributes)
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.ok(response.headers['strict-transport-security'])
  })

  it('keeps sessions on the server: signing out ends the session', async () => {
    const client = await signedIn(t.app, USERS.viewer)
    const out = await client.post('/sign-out', {})
    assert.equal(out.statusCode, 303)
    assert.equal((await client.get(`/plans/${PLAN}`)).statusCode, 303)
  })

  it('stores passwords with argon2id', async () => {
    const user = await t.services.auth.addUser({
      email: 'new.officer@outturn.example',
      name: 'A new officer',
      role: 'officer',
      password: 'a-long-password-1',
    })
    assert.equal(user.role, 'officer')
    const signIn = await new Client(t.app).signIn({
      email: 'new.officer@outturn.example',
      password: 'a-long-password-1',
    })
    assert.equal(signIn.statusCode, 303)
    const sqlite = new Database(t.databasePath, { readonly: true })
    const row = sqlite
      .prepare('select password_hash from users where email = ?')
      .get('new.officer@outturn.example') as { password_hash: string }
    sqlite.close()
    assert.match(row.password_hash, /^\$argon2id\$v=19\$/)
  })
})
