import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { DEMO_PLAN, openServices } from '../../src/services/index.ts'
import { Client, PLAN, Q2, type TestApp, USERS, entryUrl, indicatorUrl, signedIn, startTestApp } from './harness.ts'

/**
 * The dashboard, theme, indicator and report pages are rendered once per change of the data for each audience and then sent
 * from memory. These tests hold the remembered pages to what a fresh rendering would show: the latest figures
 * whoever changed them, each viewer's own rights, name, CSRF token and CSP nonce, and nothing for the signed out.
 */
let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

const NOW = () => new Date('2013-10-20T10:00:00.000Z')
const dashboardUrl = `/plans/${PLAN}?period=${encodeURIComponent(Q2)}`
const reportUrl = `/plans/${PLAN}/report?period=${encodeURIComponent(Q2)}`
const themeUrl = `/plans/${PLAN}/themes/${encodeURIComponent('Excellence in Education')}?period=${encodeURIComponent(Q2)}`

const actualOf = (html: string): string | undefined =>
  /Actual<\/dt><dd class="govuk-summary-list__value">([^<]*)/.exec(html)?.[1]
const ownersOf = (html: string): string | undefined =>
  /Owner<\/dt><dd class="govuk-summary-list__value">([^<]*)/.exec(html)?.[1]
const signedInName = (html: string): string | undefined =>
  /class="app-sign-out"[\s\S]*?<span class="govuk-body-s[^"]*">([^<]*)<\/span>/.exec(html)?.[1]
/** The dashboard's row for an indicator: its actual and its RAG letter. */
const rowOf = (html: string, ref: string): { actual: string | undefined; rag: string | undefined } => {
  const row = new RegExp(`>${ref}</a></th>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? ''
  const cells = [...row.matchAll(/<td class="govuk-table__cell ?[^"]*">([^<]*)/g)].map((m) => m[1] ?? '')
  return { actual: cells[2], rag: /app-rag--(\w+)/.exec(row)?.[1] }
}

describe('remembered pages', () => {
  it('show a figure changed in this process on the very next request', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const owner = await signedIn(t.app, USERS.owner)
    assert.equal(actualOf((await viewer.get(indicatorUrl('LCA 2'))).body), '5.16%')
    assert.equal(actualOf((await viewer.get(indicatorUrl('LCA 2'))).body), '5.16%', 'the same page again')
    assert.deepEqual(rowOf((await viewer.get(dashboardUrl)).body, 'LCA 2'), { actual: '5.16%', rag: 'R' })
    assert.match((await viewer.get(themeUrl)).body, /5\.16%/)

    await owner.get(entryUrl('LCA 2'))
    const saved = await owner.post(entryUrl('LCA 2'), { actual: '4.3', reason: 'Validated figure' })
    assert.equal(saved.statusCode, 303)

    assert.equal(actualOf((await viewer.get(indicatorUrl('LCA 2'))).body), '4.3%')
    assert.deepEqual(rowOf((await viewer.get(dashboardUrl)).body, 'LCA 2'), { actual: '4.3%', rag: 'G' })
    const theme = (await viewer.get(themeUrl)).body
    assert.match(theme, />4\.3%</)
    assert.doesNotMatch(theme, /5\.16%/)
  })

  it('show a figure changed by another process (the command line, another server) on the very next request', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const before = rowOf((await viewer.get(dashboardUrl)).body, 'BV 9')
    assert.ok(before.actual, 'BV 9 is on the dashboard')
    assert.equal(actualOf((await viewer.get(indicatorUrl('BV 9'))).body), before.actual)

    const other = await openServices(t.databasePath, { now: NOW })
    try {
      const officer = await other.services.auth.signIn(USERS.officer.email, USERS.officer.password)
      assert.ok(officer.ok)
      const result = await other.services.entries.recordEntry(officer.user, PLAN, 'BV 9', parsePeriod(Q2), {
        actual: '12345',
        estimated: false,
        dataPeriod: '',
        notReported: '',
        note: 'Entered elsewhere',
        reason: 'Corrected elsewhere',
      })
      assert.equal(result.ok, true)
    } finally {
      await other.close()
    }

    assert.match(actualOf((await viewer.get(indicatorUrl('BV 9'))).body) ?? '', /^12,?345/)
    assert.match(rowOf((await viewer.get(dashboardUrl)).body, 'BV 9').actual ?? '', /^12,?345/)
  })

  it('show who owns an indicator as soon as another process assigns it', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const owner = await signedIn(t.app, USERS.owner)
    assert.equal(ownersOf((await viewer.get(indicatorUrl('BV 9'))).body), 'Not assigned')
    assert.doesNotMatch((await owner.get(indicatorUrl('BV 9'))).body, /Enter data for/)

    const other = await openServices(t.databasePath, { now: NOW })
    try {
      await other.services.auth.assign(USERS.owner.email, 'BV 9', DEMO_PLAN)
    } finally {
      await other.close()
    }

    assert.equal(ownersOf((await viewer.get(indicatorUrl('BV 9'))).body), 'Demo indicator owner')
    assert.match((await owner.get(indicatorUrl('BV 9'))).body, /Enter data for Quarter 2 2013\/14/)
  })

  it('never show one person’s rights to another, whoever asked first', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const owner = await signedIn(t.app, USERS.owner)
    const officer = await signedIn(t.app, USERS.officer)
    const admin = await signedIn(t.app, USERS.admin)
    for (let round = 0; round < 2; round += 1) {
      for (const url of [indicatorUrl('STP 13'), indicatorUrl('NI 154')]) {
        const asViewer = (await viewer.get(url)).body
        const asOwner = (await owner.get(url)).body
        const asOfficer = (await officer.get(url)).body
        const asAdmin = (await admin.get(url)).body
        assert.doesNotMatch(asViewer, /Enter data for|Change the definition|Write the exception report/)
        assert.match(asOwner, /Enter data for Quarter 2 2013\/14/, 'the owner’s own indicator')
        assert.doesNotMatch(asOwner, /Change the definition/)
        assert.match(asOfficer, /Change the definition/)
        for (const body of [asViewer, asOwner, asOfficer]) assert.doesNotMatch(body, /href="\/users"/)
        assert.match(asAdmin, /href="\/users"/, 'only an administrator is offered users')
        assert.doesNotMatch(asViewer, /href="\/import"/)
        assert.match(asOfficer, /href="\/import"/)
      }
    }
    // An owner's page of someone else's indicator offers no data entry, even after their own was remembered.
    assert.doesNotMatch((await owner.get(indicatorUrl('EG 5'))).body, /Enter data for/)
  })

  it('show each viewer their own name, and another owner none of the first owner’s links', async () => {
    await t.services.auth.addUser({
      email: 'second.viewer@outturn.example',
      name: 'Second <viewer> & co',
      role: 'viewer',
      password: 'second-viewer-password',
    })
    await t.services.auth.addUser({
      email: 'second.owner@outturn.example',
      name: 'Second owner',
      role: 'owner',
      password: 'second-owner-password',
    })
    const first = await signedIn(t.app, USERS.viewer)
    const second = await signedIn(t.app, { email: 'second.viewer@outturn.example', password: 'second-viewer-password' })
    const owner = await signedIn(t.app, USERS.owner)
    const otherOwner = await signedIn(t.app, {
      email: 'second.owner@outturn.example',
      password: 'second-owner-password',
    })
    for (const url of [dashboardUrl, indicatorUrl('LCA 2')]) {
      assert.equal(signedInName((await first.get(url)).body), 'Demo viewer')
      const body = (await second.get(url)).body
      assert.equal(signedInName(body), 'Second &lt;viewer&gt; &amp; co', 'escaped as the template escapes')
      assert.doesNotMatch(body, /Demo viewer/)
    }
    assert.match((await owner.get(indicatorUrl('LCA 2'))).body, /Enter data for/)
    const theirs = (await otherOwner.get(indicatorUrl('LCA 2'))).body
    assert.doesNotMatch(theirs, /Enter data for|Write the exception report/)
    assert.equal(signedInName(theirs), 'Second owner')
  })

  it('send each response its own CSP nonce and a CSRF token that works', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const nonces = new Set<string>()
    for (let i = 0; i < 3; i += 1) {
      const response = await viewer.get(dashboardUrl)
      const header = String(response.headers['content-security-policy'])
      const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(header)?.[1] ?? ''
      assert.ok(nonce.length >= 16, header)
      const inPage = [...response.body.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1])
      assert.ok(inPage.length > 0)
      assert.ok(
        inPage.every((n) => n === nonce),
        'every script carries the response’s own nonce',
      )
      assert.equal(Number(response.headers['content-length']), Buffer.byteLength(response.body))
      nonces.add(nonce)
    }
    assert.equal(nonces.size, 3)
    // The token in a remembered page signs this viewer out; a made-up one does not.
    const forged = await viewer.request({
      method: 'POST',
      url: '/sign-out',
      payload: '_csrf=forged',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(forged.statusCode, 403)
    await viewer.get(dashboardUrl)
    const out = await viewer.post('/sign-out', {})
    assert.equal(out.statusCode, 303)
    const after = await viewer.get(dashboardUrl)
    assert.equal(after.statusCode, 303, 'signed out: the next request is refused')
  })

  it('show the signed out, and sessions ended elsewhere, nothing but the way to sign in', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    assert.equal((await viewer.get(dashboardUrl)).statusCode, 200)
    assert.equal((await viewer.get(indicatorUrl('LCA 2'))).statusCode, 200)
    for (const url of [dashboardUrl, indicatorUrl('LCA 2'), themeUrl]) {
      const anonymous = await new Client(t.app).get(url)
      assert.equal(anonymous.statusCode, 303)
      assert.match(String(anonymous.headers.location), /^\/sign-in\?returnTo=/)
      assert.doesNotMatch(anonymous.body, /Performance at|LCA 2|Demo viewer/)
    }
    // Signed out by another process (an administrator's command, say): refused on the very next request.
    const session = await t.services.auth.signIn(USERS.viewer.email, USERS.viewer.password)
    assert.ok(session.ok)
    const asSession = () => t.app.inject({ url: dashboardUrl, headers: { cookie: `outturn_session=${session.token}` } })
    assert.equal((await asSession()).statusCode, 200)
    const other = await openServices(t.databasePath, { now: NOW })
    try {
      await other.services.auth.signOut(session.token)
    } finally {
      await other.close()
    }
    const refused = await asSession()
    assert.equal(refused.statusCode, 303)
    assert.doesNotMatch(refused.body, /Performance at/)
  })

  it('show the report page with the latest figures, each viewer’s own rights and the day it is produced', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const owner = await signedIn(t.app, USERS.owner)
    const officer = await signedIn(t.app, USERS.officer)
    const signOffLink = /Sign off Quarter 2 2013\/14 as reported to committee/
    const first = (await viewer.get(reportUrl)).body
    assert.doesNotMatch(first, signOffLink, 'a viewer may not sign off')
    assert.doesNotMatch(first, /7\.77%/)
    const own = (html: string): string => html.replace(/(nonce|value)="[A-Za-z0-9_+/=-]{16,}"/g, '$1=""')
    assert.equal(own((await viewer.get(reportUrl)).body), own(first), 'the same page again, but its nonce and token')
    assert.match((await officer.get(reportUrl)).body, signOffLink, 'an officer is offered the sign-off')
    const today = new Date().toISOString().slice(0, 10).split('-').map(Number)
    const months = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ]
    assert.match(first, new RegExp(`Produced on ${today[2]} ${months[(today[1] ?? 1) - 1]} ${today[0]}`))

    await owner.get(entryUrl('LCA 2'))
    const saved = await owner.post(entryUrl('LCA 2'), { actual: '7.77', reason: 'Validated figure' })
    assert.equal(saved.statusCode, 303)
    const changed = (await viewer.get(reportUrl)).body
    assert.match(changed, /7\.77%/, 'the new figure is in the report at once')
    assert.doesNotMatch(changed, signOffLink)
  })
})
