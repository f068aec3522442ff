import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PLAN } from '../../src/services/index.ts'
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '../../src/services/access/auth.service.ts'
import { THROTTLE } from '../../src/services/access/sign-in-throttle.ts'
import { SESSION_COOKIE } from '../../src/web/app.ts'
import { PLAN, USERS } from '../web/harness.ts'
import {
  Browser,
  type SecurityApp,
  setCookie,
  signedInBrowser,
  stable,
  startSecurityApp,
  unsafeRoutes,
} from './harness.ts'

/**
 * Sessions and sign-in, through HTTP on the real app: the session token rotates at sign-in, sessions expire idle
 * and absolutely on the services' clock, signing out ends the session on the server, cookies carry the right
 * flags, every route that changes something demands its CSRF token, and repeated failures lock the email and
 * address for a while without saying which accounts exist.
 */

let t: SecurityApp
before(async () => {
  t = await startSecurityApp()
})
after(async () => {
  await t.close()
})

const dashboard = `/plans/${PLAN}`
const signsIn = (status: number, location: unknown): boolean =>
  status === 303 && typeof location === 'string' && location.startsWith('/sign-in')

describe('the session token', () => {
  it('is a new one at sign-in: a token planted before sign-in is never promoted', async () => {
    const browser = new Browser(t.app)
    await browser.get('/sign-in')
    browser.cookies.set(SESSION_COOKIE, 'planted-by-an-attacker')
    const response = await browser.post('/sign-in', USERS.viewer)
    assert.equal(response.statusCode, 303)
    const cookie = setCookie(response, SESSION_COOKIE)
    assert.ok(cookie, 'sign-in sets the session cookie')
    const token = browser.cookies.get(SESSION_COOKIE)
    assert.ok(token && token !== 'planted-by-an-attacker' && token.length >= 40, `a new random token, not ${token}`)
    const planted = await new Browser(t.app).get(dashboard, { cookie: `${SESSION_COOKIE}=planted-by-an-attacker` })
    assert.ok(signsIn(planted.statusCode, planted.headers.location), 'the planted token is still nobody')
    assert.equal((await browser.get(dashboard)).statusCode, 200)
  })

  it('ends the session a browser had when someone else signs in on it', async () => {
    const browser = await signedInBrowser(t.app, USERS.viewer)
    const viewerToken = browser.cookies.get(SESSION_COOKIE) ?? ''
    const response = await browser.post('/sign-in', USERS.officer)
    assert.equal(response.statusCode, 303)
    assert.notEqual(browser.cookies.get(SESSION_COOKIE), viewerToken)
    const replay = await new Browser(t.app).get(dashboard, { cookie: `${SESSION_COOKIE}=${viewerToken}` })
    assert.ok(signsIn(replay.statusCode, replay.headers.location), 'the viewer’s old token no longer works')
  })

  it('renews the CSRF secret at sign-in, so a form token from before no longer posts', async () => {
    const browser = new Browser(t.app)
    await browser.get('/sign-in')
    const before = browser.csrf
    const oldSecret = browser.cookies.get('_csrf')
    await browser.post('/sign-in', USERS.officer)
    assert.equal(browser.cookies.has('_csrf'), false, 'the old secret is cleared')
    await browser.get(dashboard)
    assert.notEqual(browser.cookies.get('_csrf'), oldSecret)
    const audit = await t.services.plans.auditTrail(DEMO_PLAN)
    const response = await browser.post(`/plans/${PLAN}/indicators/LCA%202/entry?period=2013/14%20Q2`, {
      _csrf: before,
      actual: '5.16',
      note: 'posted with the token from before signing in',
    })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /The form had expired/)
    assert.deepEqual(await t.services.plans.auditTrail(DEMO_PLAN), audit)
  })
})

describe('session expiry', () => {
  it(`ends a session left alone for more than ${SESSION_IDLE_MINUTES} minutes`, async () => {
    const browser = await signedInBrowser(t.app, USERS.viewer)
    t.clock.advance(SESSION_IDLE_MINUTES - 1)
    assert.equal((await browser.get(dashboard)).statusCode, 200, 'still in use just inside the idle time')
    t.clock.advance(SESSION_IDLE_MINUTES - 1)
    assert.equal((await browser.get(dashboard)).statusCode, 200, 'each request moves the idle deadline on')
    t.clock.advance(SESSION_IDLE_MINUTES + 1)
    const late = await browser.get(dashboard)
    assert.ok(signsIn(late.statusCode, late.headers.location), 'an idle session has ended')
    const api = await browser.get('/api/plans')
    assert.equal(api.statusCode, 401)
  })

  it(`ends a session ${SESSION_ABSOLUTE_HOURS} hours after sign-in, however busy`, async () => {
    const browser = await signedInBrowser(t.app, USERS.officer)
    const steps = (SESSION_ABSOLUTE_HOURS * 60) / 50
    for (let step = 1; step < steps; step += 1) {
      t.clock.advance(50)
      assert.equal((await browser.get('/plans')).statusCode, 200, `in use after ${step * 50} minutes`)
    }
    t.clock.advance(51)
    const late = await browser.get('/plans')
    assert.ok(signsIn(late.statusCode, late.headers.location), 'the absolute limit has passed')
  })
})

describe('signing out', () => {
  it('ends the session on the server: the old cookie replayed gets the sign-in page', async () => {
    const browser = await signedInBrowser(t.app, USERS.admin)
    const token = browser.cookies.get(SESSION_COOKIE) ?? ''
    const out = await browser.post('/sign-out', {})
    assert.equal(out.statusCode, 303)
    assert.equal(out.headers.location, '/sign-in')
    assert.match(setCookie(out, SESSION_COOKIE) ?? '', /Max-Age=0|Expires=Thu, 01 Jan 1970/)
    for (const url of [dashboard, '/users', `/plans/${PLAN}/download/html?period=2013/14%20Q2`]) {
      const replay = await new Browser(t.app).get(url, { cookie: `${SESSION_COOKIE}=${token}` })
      assert.ok(signsIn(replay.statusCode, replay.headers.location), `${url} after signing out`)
    }
    const api = await new Browser(t.app).get('/api/plans', { cookie: `${SESSION_COOKIE}=${token}` })
    assert.equal(api.statusCode, 401)
  })
})

describe('cookies', () => {
  it('are HttpOnly, SameSite and for the whole site; the session cookie lasts only while the browser is open', async () => {
    const browser = new Browser(t.app)
    const page = await browser.get('/sign-in')
    const csrf = setCookie(page, '_csrf') ?? ''
    assert.match(csrf, /; HttpOnly/)
    assert.match(csrf, /; SameSite=Strict/)
    const response = await browser.post('/sign-in', USERS.viewer)
    const session = setCookie(response, SESSION_COOKIE) ?? ''
    assert.match(session, /; Path=\//)
    assert.match(session, /; HttpOnly/)
    assert.match(session, /; SameSite=Lax/)
    assert.doesNotMatch(session, /Max-Age|Expires/, 'no lifetime of its own: the server decides when it ends')
    assert.doesNotMatch(session, /; Secure/, 'plain HTTP in a test: a Secure cookie would never come back')
  })

  it('are Secure when a trusted proxy says the request came over HTTPS, and not when an untrusted client says so', async () => {
    const behindProxy = await startSecurityApp({ config: { trustProxy: '127.0.0.1' } })
    try {
      const viaProxy = new Browser(behindProxy.app, '127.0.0.1')
      await viaProxy.get('/sign-in', { 'x-forwarded-proto': 'https' })
      const response = await viaProxy.post('/sign-in', USERS.viewer, { 'x-forwarded-proto': 'https' })
      assert.match(setCookie(response, SESSION_COOKIE) ?? '', /; Secure/)
      const direct = new Browser(behindProxy.app, '198.51.100.7')
      const page = await direct.get('/sign-in', { 'x-forwarded-proto': 'https' })
      assert.doesNotMatch(setCookie(page, '_csrf') ?? '', /; Secure/, 'a client that is not the proxy is not believed')
    } finally {
      await behindProxy.close()
    }
  })

  it('are always Secure when the deployment says so (OUTTURN_SECURE_COOKIES, on in production)', async () => {
    const secure = await startSecurityApp({ config: { secureCookies: true } })
    try {
      const browser = new Browser(secure.app)
      const page = await browser.get('/sign-in')
      assert.match(setCookie(page, '_csrf') ?? '', /; Secure/)
      const response = await browser.post('/sign-in', USERS.viewer)
      assert.match(setCookie(response, SESSION_COOKIE) ?? '', /; Secure/)
    } finally {
      await secure.close()
    }
  })

  it('keep signed-in pages out of every cache', async () => {
    const browser = await signedInBrowser(t.app, USERS.viewer)
    for (const url of [dashboard, '/api/plans', `/plans/${PLAN}/report?period=2013/14%20Q2`])
      assert.equal((await browser.get(url)).headers['cache-control'], 'no-store', url)
  })
})

describe('the CSRF token, on every route that changes something', () => {
  const routes = (): { method: string; url: string }[] => unsafeRoutes(t.app)
  const concrete = (url: string): string =>
    `${url.replace(':plan', PLAN).replace(':ref', 'LCA%202').replace(':job', 'job').replace(':id', '1')}?period=2013/14%20Q2`

  it('finds the routes from the app itself', () => {
    const found = routes().map((r) => `${r.method} ${r.url}`)
    for (const known of [
      'POST /sign-in',
      'POST /sign-out',
      'POST /plans/:plan/indicators/:ref/entry',
      'POST /users',
      'POST /plans/:plan/rules',
    ])
      assert.ok(found.includes(known), `${known} among ${found.join(', ')}`)
    assert.ok(found.length >= 10)
  })

  for (const variant of ['missing', 'wrong', "another session's"] as const) {
    it(`refuses a ${variant} token on every POST, even from an administrator, and changes nothing`, async () => {
      const admin = await signedInBrowser(t.app, USERS.admin)
      const other = await signedInBrowser(t.app, USERS.officer)
      const before = await t.services.plans.auditTrail(DEMO_PLAN)
      const users = await t.services.auth.listUsers()
      for (const route of routes()) {
        const fields = {
          email: 'csrf@outturn.example',
          name: 'Nobody',
          role: 'admin',
          password: 'a long enough password',
          actual: '4.3',
          reason: 'x',
        }
        const token = variant === 'missing' ? undefined : variant === 'wrong' ? 'not-a-token' : other.csrf
        const payload = new URLSearchParams({ ...fields, ...(token === undefined ? {} : { _csrf: token }) })
        const response = await admin.request({
          method: route.method,
          url: concrete(route.url),
          payload: payload.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
        assert.equal(response.statusCode, 403, `${route.method} ${route.url}: ${response.body.slice(0, 200)}`)
        assert.match(response.body, /The form had expired or did not come from this site/, route.url)
      }
      assert.deepEqual(await t.services.plans.auditTrail(DEMO_PLAN), before)
      assert.deepEqual(await t.services.auth.listUsers(), users)
      assert.equal((await admin.get(dashboard)).statusCode, 200, 'the admin is still signed in')
    })
  }
})

describe('repeated failed sign-ins', () => {
  const attempt = (browser: Browser, email: string, password: string) => browser.post('/sign-in', { email, password })
  const fresh = async (address: string): Promise<Browser> => {
    const browser = new Browser(t.app, address)
    await browser.get('/sign-in')
    return browser
  }

  it('get the same answer for an account that exists and one that does not, before and after the lock', async () => {
    const known = await fresh('203.0.113.1')
    const unknown = await fresh('203.0.113.1')
    const answers: { known: string; unknown: string; statuses: number[] }[] = []
    for (let i = 0; i <= THROTTLE.pairFailures; i += 1) {
      const a = await attempt(known, USERS.officer.email, 'not the password at all')
      const b = await attempt(unknown, 'nobody.here@outturn.example', 'not the password at all')
      answers.push({
        known: stable(a.body).replace(USERS.officer.email, 'EMAIL'),
        unknown: stable(b.body).replace('nobody.here@outturn.example', 'EMAIL'),
        statuses: [a.statusCode, b.statusCode],
      })
    }
    for (const [i, answer] of answers.entries()) {
      assert.equal(answer.known, answer.unknown, `attempt ${i + 1}: the pages differ`)
      const expected = i < THROTTLE.pairFailures ? 400 : 429
      assert.deepEqual(answer.statuses, [expected, expected], `attempt ${i + 1}`)
    }
    assert.match(answers.at(-1)?.known ?? '', /too many failed attempts to sign in with this email address/)
  })

  it('refuse even the right password while locked, and lift by themselves', async () => {
    const browser = await fresh('203.0.113.2')
    for (let i = 0; i < THROTTLE.pairFailures; i += 1) await attempt(browser, USERS.viewer.email, 'wrong guess 1234')
    const locked = await attempt(browser, USERS.viewer.email, USERS.viewer.password)
    assert.equal(locked.statusCode, 429)
    assert.match(locked.body, new RegExp(`Wait ${THROTTLE.lockMinutes} minutes`))
    t.clock.advance(THROTTLE.lockMinutes - 1)
    assert.equal((await attempt(browser, USERS.viewer.email, USERS.viewer.password)).statusCode, 429)
    t.clock.advance(2)
    assert.equal((await attempt(browser, USERS.viewer.email, USERS.viewer.password)).statusCode, 303)
  })

  it('lock the attacker’s address and email together, not the real user at their own desk', async () => {
    const attacker = await fresh('203.0.113.3')
    for (let i = 0; i < THROTTLE.pairFailures + 3; i += 1)
      await attempt(attacker, USERS.owner.email, `guess number ${i}`)
    assert.equal((await attempt(attacker, USERS.owner.email, USERS.owner.password)).statusCode, 429)
    const owner = await fresh('192.0.2.44')
    assert.equal((await attempt(owner, USERS.owner.email, USERS.owner.password)).statusCode, 303)
  })

  it('lock one address trying many accounts (password spraying), not other addresses', async () => {
    const sprayer = await fresh('203.0.113.4')
    for (let i = 0; i < THROTTLE.addressFailures; i += 1)
      await attempt(sprayer, `person${i}@outturn.example`, 'Summer2013 password')
    assert.equal((await attempt(sprayer, USERS.admin.email, USERS.admin.password)).statusCode, 429)
    const elsewhere = await fresh('192.0.2.45')
    assert.equal((await attempt(elsewhere, USERS.admin.email, USERS.admin.password)).statusCode, 303)
  })

  it('lock an email tried from many addresses, except where its owner has signed in before', async () => {
    const usual = await fresh('192.0.2.46')
    assert.equal((await attempt(usual, USERS.officer.email, USERS.officer.password)).statusCode, 303)
    for (let i = 0; i < THROTTLE.accountFailures; i += 1) {
      const bot = await fresh(`198.18.0.${i + 1}`)
      await attempt(bot, USERS.officer.email, `distributed guess ${i}`)
    }
    const newPlace = await fresh('198.18.1.1')
    assert.equal((await attempt(newPlace, USERS.officer.email, USERS.officer.password)).statusCode, 429)
    const again = await fresh('192.0.2.46')
    assert.equal((await attempt(again, USERS.officer.email, USERS.officer.password)).statusCode, 303)
    t.clock.advance(THROTTLE.lockMinutes + 1)
    assert.equal((await attempt(newPlace, USERS.officer.email, USERS.officer.password)).statusCode, 303)
  })
})
