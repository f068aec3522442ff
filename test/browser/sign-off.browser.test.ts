import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO, type Harness, checkPage, signIn, startHarness } from './harness.ts'

/**
 * Signing off a period in a real browser, by its forms, with axe on every new page and on each error state. The
 * journeys run in order on one database: the officer signs off, the owner finds the period locked, the officer
 * revises a figure, then unlocks the period.
 */

const PLAN = '/plans/trafford-adp-2013-14'
const Q2 = '2013/14%20Q2'
const reportUrl = `${PLAN}/report?period=${Q2}`
const entryUrl = `${PLAN}/indicators/${encodeURIComponent('LCA 2')}/entry?period=${Q2}`

let harness: Harness
before(async () => {
  harness = await startHarness()
})
after(async () => {
  await harness.close()
})

/** A page in a fresh context; the shared machine can be slow, so waits are generous (nothing here is timed). */
async function newPage(t: Parameters<Harness['newPage']>[0]): Promise<Page> {
  const page = await harness.newPage(t)
  page.setDefaultTimeout(60_000)
  page.setDefaultNavigationTimeout(60_000)
  return page
}

async function submit(page: Page, button: string, status: number): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ])
  assert.equal(response.status(), status, `"${button}" should answer ${status}`)
  await page.waitForLoadState()
}

async function errorSummary(page: Page): Promise<string[]> {
  assert.match(await page.title(), /^Error: /)
  return page.locator('.govuk-error-summary__list a').allInnerTexts()
}

describe('signing off a period in the browser', { timeout: 600_000 }, () => {
  it('an officer signs off Quarter 2 from the report, by the confirmation page', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)
    await page.goto(reportUrl)
    await checkPage(page, 'report before sign-off')
    await page.getByRole('link', { name: 'Sign off Quarter 2 2013/14 as reported to committee' }).click()
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign off Quarter 2 2013/14')
    await checkPage(page, 'sign-off confirmation')

    await page.getByLabel('Committee or meeting it was reported to (optional)').fill('x'.repeat(201))
    await submit(page, 'Sign off Quarter 2 2013/14', 400)
    assert.deepEqual(await errorSummary(page), [
      'The committee or meeting must be 200 characters or fewer: this one has 201. Shorten it.',
    ])
    await checkPage(page, 'sign-off confirmation with an error')

    await page.getByLabel('Committee or meeting it was reported to (optional)').fill('Executive, 14 November 2013')
    await submit(page, 'Sign off Quarter 2 2013/14', 303)
    assert.equal(new URL(page.url()).pathname, `${PLAN}/report`, 'back on the report')
    assert.match(
      await page.locator('#sign-off-status').innerText(),
      /Signed off \d+ \w{3} \d{4} by officer@outturn\.example/,
    )
    assert.match(await page.locator('#revisions').innerText(), /Revisions since this report was signed off on/)
    await checkPage(page, 'report as signed off')
  })

  it('an owner finds the period locked', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.owner.email, DEMO.owner.password)
    await page.goto(entryUrl)
    assert.match(
      await page.locator('#lock-notice').innerText(),
      /Quarter 2 2013\/14 was signed off on .* and is locked/,
    )
    assert.equal(await page.locator('input[name="actual"]').count(), 0, 'no form to change it')
    await checkPage(page, 'entry form, locked for the owner')
  })

  it('an officer revises a figure, giving the reason, and the report lists the revision', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)
    await page.goto(entryUrl)
    assert.match(await page.locator('#lock-notice').innerText(), /A change now is a revision of what was reported/)
    await checkPage(page, 'entry form for a signed-off period')
    await page.getByLabel('Actual for Quarter 2 2013/14').fill('4.9')
    await submit(page, 'Save', 400)
    const errors = await errorSummary(page)
    assert.ok(
      errors.some((e) => /give the reason for changing it after sign-off/.test(e)),
      JSON.stringify(errors),
    )
    await checkPage(page, 'entry form for a signed-off period, reason missing')
    await page.getByLabel('Reason for revising a signed-off period').fill('Validated figure received after committee')
    await submit(page, 'Save', 303)

    await page.goto(reportUrl)
    const revisions = await page.locator('#revisions').locator('xpath=..').innerText()
    assert.match(revisions, /LCA 2/)
    assert.match(revisions, /Validated figure received after committee/)
    await page.getByRole('link', { name: 'See the current figures' }).click()
    assert.match(await page.locator('.rpt-sign-off').innerText(), /These are the current figures/)
    await checkPage(page, 'report with the current figures')
  })

  it('an officer unlocks the period, giving the reason', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)
    await page.goto(reportUrl)
    await page.getByRole('link', { name: 'Unlock Quarter 2 2013/14' }).click()
    await checkPage(page, 'unlock')
    await submit(page, 'Unlock Quarter 2 2013/14', 400)
    assert.deepEqual(await errorSummary(page), ['Give the reason for unlocking Quarter 2 2013/14'])
    await checkPage(page, 'unlock with an error')
    await page.getByLabel('Why are you unlocking it?').fill('The committee asked for a corrected report')
    await submit(page, 'Unlock Quarter 2 2013/14', 303)
    assert.equal(await page.getByText(/Signed off \d+ \w{3} \d{4} by/).count(), 0)
    assert.equal(
      await page.getByRole('link', { name: 'Sign off Quarter 2 2013/14 as reported to committee' }).count(),
      1,
    )
  })
})
