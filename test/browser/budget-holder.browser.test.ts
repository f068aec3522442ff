import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { storeHaltonFinance } from '../helpers/finance-store.ts'
import { DEMO, type Harness, checkPage, signIn, startHarness } from './harness.ts'

/**
 * Budget holders in a real browser: an officer makes the demo owner the holder of a Halton statement, and the owner
 * writes its comments and projected outturn through the form by keyboard, with axe on each state (the holders page,
 * the form, its error summary, its success banner) and the form at 320 pixels wide.
 */

const SLUG = 'halton-safer-ppb-2012-13'
const CCC = 'Commissioning and Complex Care'
const FINANCE = `/plans/${SLUG}/finance?period=2012/13%20Q2`

let harness: Harness
before(async () => {
  harness = await startHarness()
  await storeHaltonFinance(harness.databasePath, SLUG)
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

async function submit(page: Page, status: number, press: () => Promise<void>): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    press(),
  ])
  assert.equal(response.status(), status)
  await page.waitForLoadState()
}

describe('budget holders in the browser', { timeout: 600_000 }, () => {
  it('an officer chooses the holder; the holder writes the comments by keyboard, errors then banner', async (t) => {
    const officer = await newPage(t)
    await signIn(officer, DEMO.officer.email, DEMO.officer.password)
    await officer.goto(FINANCE)
    await officer.getByRole('link', { name: 'Choose the budget holders' }).click()
    assert.equal(await officer.getByRole('heading', { level: 1 }).innerText(), 'Budget holders')
    await checkPage(officer, 'budget holders page')
    await officer
      .getByLabel(`Add a budget holder for ${CCC}`)
      .selectOption({ label: `Demo indicator owner (${DEMO.owner.email})` })
    await submit(officer, 303, () => officer.getByRole('button', { name: `Add the budget holder for ${CCC}` }).click())
    assert.match(
      await officer.locator('.govuk-notification-banner--success').innerText(),
      new RegExp(`Demo indicator owner is now a budget holder for ${CCC}`),
    )
    await checkPage(officer, 'budget holders page after adding one')

    const owner = await newPage(t)
    await signIn(owner, DEMO.owner.email, DEMO.owner.password)
    await owner.goto(FINANCE)
    const links = owner.getByRole('link', { name: /^Write the comments and projected outturn/ })
    assert.equal(await links.count(), 1, 'only for the statement they hold')
    await owner.getByRole('link', { name: `Write the comments and projected outturn for ${CCC}` }).click()
    assert.equal(
      await owner.getByRole('heading', { level: 1 }).innerText(),
      'Comments and projected outturn for Quarter 2 2012/13',
    )
    await checkPage(owner, 'budget holder’s form')
    await owner.getByLabel('Comments on the figures').fill('Residential placements are above budget.')
    await owner.getByLabel('Projected outturn for the year').fill('about 12k')
    await submit(owner, 400, () => owner.keyboard.press('Enter'))
    await owner.locator('.govuk-error-summary').waitFor()
    assert.match(await owner.title(), /^Error: /)
    await checkPage(owner, 'budget holder’s form with an error')
    await owner.locator('.govuk-error-summary__list a').first().click()
    assert.equal(await owner.evaluate('document.activeElement?.id'), 'projectedOutturn', 'the link moves focus')
    await owner.keyboard.press('ControlOrMeta+a')
    await owner.keyboard.type('(137)')
    await submit(owner, 303, () => owner.keyboard.press('Enter'))
    const banner = owner.locator('.govuk-notification-banner--success')
    assert.match(await banner.innerText(), /the comments and a projected outturn of -137 \(£'000\)/)
    await checkPage(owner, 'budget holder’s form after saving')
    await owner.setViewportSize({ width: 320, height: 800 })
    await checkPage(owner, 'budget holder’s form at 320 pixels')
    const overflow = await owner.evaluate('document.documentElement.scrollWidth > window.innerWidth')
    assert.equal(overflow, false, 'nothing but the scrollable tables is wider than the screen')
  })
})
