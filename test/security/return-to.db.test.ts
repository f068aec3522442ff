import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DIALECTS } from '../helpers/databases.ts'
import { HOSTILE_RETURN_TO } from './hostile-addresses.ts'
import { PLAN, USERS } from '../web/harness.ts'
import { Browser, type SecurityApp, startSecurityApp } from './harness.ts'

/**
 * The address after sign-in, through the real sign-in on SQLite and PostgreSQL: whatever `returnTo` the sign-in
 * page was opened with, and whatever the form then posts, the answer is a page on this site.
 */
for (const dialect of DIALECTS) {
  describe(`signing in with a hostile returnTo on ${dialect}`, () => {
    let t: SecurityApp
    before(async () => {
      t = await startSecurityApp({ dialect })
    })
    after(async () => t.close())

    for (const [i, { value, why }] of HOSTILE_RETURN_TO.entries()) {
      it(`sends ${why} to the plans page`, async () => {
        const browser = new Browser(t.app, `192.0.2.${(i % 200) + 20}`)
        const asked = await browser.get(`/sign-in?returnTo=${encodeURIComponent(value)}`)
        // A NUL anywhere in an address is a 400 before any route sees it; the form can still be posted.
        const page = value.includes('\u0000') ? await browser.get('/sign-in') : asked
        assert.equal(asked.statusCode, value.includes('\u0000') ? 400 : 200)
        // With no returnTo (the page reloaded after the NUL) or an empty one, the home page decides where to go.
        const form = value.includes('\u0000') ? '/' : '/plans'
        assert.ok(page.body.includes(`name="returnTo" value="${form}"`), 'the form carries only a safe address')
        const response = await browser.post('/sign-in', { ...USERS.viewer, returnTo: value })
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, value === '' ? '/' : '/plans')
      })
    }

    it('returns to the page asked for before signing in, with its query', async () => {
      const browser = new Browser(t.app, '192.0.2.250')
      const asked = `/plans/${PLAN}/indicators/LCA%202?period=2013%2F14%20Q2`
      const redirect = await browser.get(asked)
      assert.equal(redirect.statusCode, 303)
      const signIn = String(redirect.headers.location)
      assert.equal(signIn, `/sign-in?returnTo=${encodeURIComponent(asked)}`)
      await browser.get(signIn)
      const response = await browser.post('/sign-in', {
        ...USERS.viewer,
        returnTo: new URL(signIn, 'http://x').searchParams.get('returnTo') ?? '',
      })
      assert.equal(response.headers.location, asked)
      assert.equal((await browser.get(asked)).statusCode, 200)
    })

    it('a page address with dot-segments, asked for signed out, comes back normalised and on this site', async () => {
      const browser = new Browser(t.app, '192.0.2.251')
      const redirect = await browser.get('/plans/..//evil.example')
      const returnTo = new URL(String(redirect.headers.location), 'http://x').searchParams.get('returnTo') ?? ''
      await browser.get(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`)
      const response = await browser.post('/sign-in', { ...USERS.viewer, returnTo })
      assert.equal(response.headers.location, '/plans')
    })
  })
}
