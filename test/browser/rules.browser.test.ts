import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO, type Harness, checkPage, signIn, startHarness } from './harness.ts'

/**
 * The Rules page in a real browser: read by a viewer, changed by an officer by keyboard through its form, with axe
 * on every state (the page, its error summary, its success banner) and at 320 pixels wide. Then the indicator page
 * says which rule decided a status.
 */

const PLAN = '/plans/trafford-adp-2013-14'
const rulesUrl = `${PLAN}/rules`

let harness: Harness
before(async () => {
  harness = await startHarness()
})
after(async () => {
  await harness.close()
})

async function newPage(t: Parameters<Harness['newPage']>[0]): Promise<Page> {
  const page = await harness.newPage(t)
  page.setDefaultTimeout(60_000)
  page.setDefaultNavigationTimeout(60_000)
  return page
}

async function submit(page: Page, status: number): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.keyboard.press('Enter'),
  ])
  assert.equal(response.status(), status)
  await page.waitForLoadState()
}

describe('the Rules page in the browser', { timeout: 600_000 }, () => {
  it('a viewer reads the rules in words, with no form, at full width and at 320 pixels', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.viewer.email, DEMO.viewer.password)
    await page.goto(`${PLAN}?period=2013/14%20Q2`)
    await page.getByRole('link', { name: 'Rules for judging indicators' }).click()
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Rules for judging indicators')
    await checkPage(page, 'rules page as a viewer')
    assert.equal(await page.locator('form[action$="/rules"]').count(), 0)
    await page.setViewportSize({ width: 320, height: 800 })
    await checkPage(page, 'rules page at 320 pixels')
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')
    assert.equal(overflow, false, 'nothing but the scrollable tables is wider than the screen')
  })

  it('an officer changes the rules by keyboard, sees the errors then the banner, and the judgement follows', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)
    await page.goto(rulesUrl)
    await checkPage(page, 'rules page as an officer')
    await page.getByLabel('Tolerance: how far short of the target is still Amber').fill('ten')
    await page.getByLabel('Green band: a shortfall that is still Green (optional)').focus()
    await submit(page, 400)
    await page.locator('.govuk-error-summary').waitFor()
    assert.match(await page.title(), /^Error: /)
    assert.deepEqual(await page.locator('.govuk-error-summary__list a').allInnerTexts(), [
      'Enter the tolerance as a percent of the target, such as 10%, or a number in the figure’s own units, such as 2',
    ])
    await checkPage(page, 'rules page with an error')
    await page.locator('.govuk-error-summary__list a').first().click()
    assert.equal(await page.evaluate('document.activeElement?.id'), 'tolerance', 'the link moves focus to the field')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('0')
    await page.getByLabel('Only better than target is Green').check()
    await page.getByLabel('Reason for the change').fill('Green only when the target is beaten, agreed by Cabinet')
    await page.getByRole('button', { name: 'Save the rules' }).focus()
    await submit(page, 303)
    await page.locator('.govuk-notification-banner').waitFor()
    const banner = page.locator('.govuk-notification-banner--success')
    assert.match(await banner.innerText(), /The plan’s rules are saved: one change recorded in the audit trail/)
    await checkPage(page, 'rules page after saving')
    assert.ok((await page.getByText('Green only when the target is beaten, agreed by Cabinet').count()) > 0)

    await page.goto(`${PLAN}/indicators/${encodeURIComponent('BV 9')}?period=2013/14%20Q2`)
    await checkPage(page, 'indicator page with its rule')
    assert.equal(
      await page.locator('#rule-text').innerText(),
      'Amber: on target, but Green needs the target beaten. The plan’s rules',
    )
  })
})
