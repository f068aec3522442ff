import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type TestApp, USERS, signedIn, startTestApp } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

describe('the outbox page', () => {
  it('shows admins the mail kept while no SMTP server is set, with subjects and recipients', async () => {
    const admin = await signedIn(t.app, USERS.admin)
    await admin.get('/users')
    await admin.post('/users', { name: 'A new officer', email: 'outbox.page@outturn.example', role: 'viewer' })
    const page = await admin.get('/outbox')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<title>Outbox/)
    assert.match(page.body, /Email is not set up on this server \(OUTTURN_SMTP_URL\), so mail is kept here/)
    assert.match(
      page.body,
      /You have been invited to Outturn<\/th>\s*<td class="govuk-table__cell app-break-anywhere">outbox\.page@outturn\.example<\/td>\s*<td class="govuk-table__cell">Invitation<\/td>/,
    )
    assert.match(page.body, /<strong class="govuk-tag govuk-tag--grey">Queued<\/strong>/)
    const queued = (await t.services.outbox.list({ id: 0, email: 'admin', name: 'An administrator', role: 'admin' }))
      .length
    assert.match(page.body, new RegExp(`id="outbox-counts">${queued} queued, 0 sent, 0 failed\\.`))
    assert.match(page.body, /href="\/outbox"/, 'the admin’s navigation links to it')
  })

  it('is refused to an officer, and not in their navigation', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const page = await officer.get('/outbox')
    assert.equal(page.statusCode, 403)
    const plans = await officer.get('/plans')
    assert.doesNotMatch(plans.body, /href="\/outbox"/)
  })
})
