import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO, type Harness, checkPage, focusedId, signIn, startHarness } from './harness.ts'

/**
 * The reporting round in a real browser, by its forms, with axe on every page and each error state. The journeys
 * run in order on one database: an officer opens the round from the plan; the owner lands on their returns,
 * completes them with a confirmation after each save and submits them; the officer approves one, sends one back
 * with a comment and chases; the owner sees the comment; the officer signs off with the outstanding list.
 */

const PLAN = '/plans/trafford-adp-2013-14'
const Q2 = '2013/14%20Q2'

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

async function submit(page: Page, button: string | RegExp, status: number): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.getByRole('button', { name: button }).click(),
  ])
  assert.equal(response.status(), status, `"${button}" should answer ${status}`)
  await page.waitForLoadState()
}

async function errorSummary(page: Page): Promise<string[]> {
  assert.match(await page.title(), /^Error: /)
  return page.locator('.govuk-error-summary__list a').allInnerTexts()
}

/** A link or button by its visible text and the visually hidden words after it (read with or without a space). */
function named(visible: string, hidden: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${escape(visible)}\\s*${escape(hidden.trim())}$`)
}

const banner = (page: Page): Promise<string> => page.locator('.govuk-notification-banner__heading').innerText()

describe('the reporting round in the browser', { timeout: 900_000 }, () => {
  it('an officer opens the round from the plan, with the date input’s errors', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)
    await page.goto(`${PLAN}?period=${Q2}`)
    await page.getByRole('link', { name: 'Open a reporting round for Quarter 2 2013/14' }).click()
    assert.equal(
      await page.getByRole('heading', { level: 1 }).innerText(),
      'Open the reporting round for Quarter 2 2013/14',
    )
    await checkPage(page, 'open the round')
    await page.getByRole('group', { name: 'When are returns due?' }).getByLabel('Day').fill('15')
    await page.getByRole('group', { name: 'When are returns due?' }).getByLabel('Year').fill('2013')
    await submit(page, 'Open the round', 400)
    assert.deepEqual(await errorSummary(page), ['The due date must include a month'])
    await checkPage(page, 'open the round, with an error')
    await page.getByRole('link', { name: 'The due date must include a month' }).click()
    assert.equal(await focusedId(page), 'due-day', 'the error links to the date')
    await page.getByRole('group', { name: 'When are returns due?' }).getByLabel('Month').fill('10')
    const committee = page.getByRole('group', { name: 'When does the report go to committee? (optional)' })
    await committee.getByLabel('Day').fill('20')
    await committee.getByLabel('Month').fill('11')
    await committee.getByLabel('Year').fill('2013')
    await submit(page, 'Open the round', 303)
    assert.equal(await banner(page), 'Reporting round opened. 1 person owes returns; 1 mail queued to tell them.')
    assert.match(await page.locator('main').innerText(), /The report goes to committee on 20 November 2013\./)
    await checkPage(page, 'the round, just opened')
  })

  it('an owner lands on their returns and completes them, with a confirmation after each save', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.owner.email, DEMO.owner.password)
    assert.equal(new URL(page.url()).pathname, '/returns', 'the first page an owner sees')
    assert.match(await page.locator('main').innerText(), /You have 8 things outstanding\./)
    await checkPage(page, 'your returns')

    await page.getByRole('link', { name: named('Write the commentary', ': Commentary for NI 154') }).click()
    await checkPage(page, 'entry form from the returns')
    await page.getByLabel('Actual for Quarter 2 2013/14').fill('90')
    await page.getByLabel('Commentary').fill('Completions slowed over the summer.')
    await page
      .getByLabel('Reason for changing a figure (if you are revising one)')
      .fill('The first figure was a forecast')
    await submit(page, 'Save', 303)
    assert.equal(new URL(page.url()).pathname, '/returns')
    assert.equal(
      await banner(page),
      'Figure for NI 154 saved: now Red. An exception report is needed by 15 October 2013.',
    )
    await checkPage(page, 'your returns, after saving a figure')

    await page.getByRole('link', { name: named('Write the exception report', ': Exception report for NI 154') }).click()
    await checkPage(page, 'exception report from the returns')
    await page.getByLabel('Why is performance at the current level?').fill('Two large sites stalled.')
    await page
      .getByLabel('What difference does this make – the implications of not meeting target?')
      .fill('Fewer homes.')
    await page.getByLabel('How can we make sure things get better?').fill('Work with the developers.')
    await submit(page, 'Submit exception report', 303)
    assert.equal(await banner(page), 'Exception report for NI 154 submitted.')
    await checkPage(page, 'your returns, after an exception report')

    await submit(page, 'Submit 7 completed returns', 303)
    assert.equal(
      await banner(page),
      '7 returns for Trafford ADP 2013/14, Quarter 2 2013/14, submitted to the performance team for approval.',
    )
    assert.match(await page.locator('main').innerText(), /You have 2 things outstanding\./)
    await checkPage(page, 'your returns, submitted')
  })

  it('an officer approves one, sends one back with a comment, and chases', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)
    await page.goto(`${PLAN}?period=${Q2}`)
    await page.getByRole('link', { name: /^Reporting round for Quarter 2 2013\/14/ }).click()
    await checkPage(page, 'the round with returns awaiting approval')
    await submit(page, named('Approve', 'the figure for NI 154'), 303)
    assert.equal(await banner(page), 'Figure for NI 154 from Demo indicator owner approved.')
    await checkPage(page, 'the round, after approving')

    await page.getByRole('link', { name: named('Send back', 'the exception report for LCA 2') }).click()
    await checkPage(page, 'send back')
    await submit(page, 'Send it back', 400)
    assert.deepEqual(await errorSummary(page), ['Say what needs to change before sending the return back'])
    await checkPage(page, 'send back, with an error')
    await page.getByLabel('What needs to change?').fill('Say when the Not Known figure will be resolved.')
    await submit(page, 'Send it back', 303)
    assert.equal(
      await banner(page),
      'Exception report for LCA 2 from Demo indicator owner sent back with your comment. They have been sent a mail.',
    )
    await submit(page, 'Chase the 1 person with something outstanding', 303)
    assert.equal(await banner(page), 'Reminders queued for 1 person with something outstanding.')
    const byPerson = await page.locator('#by-person tbody tr').first().innerText()
    assert.deepEqual(
      byPerson.split('\t').map((c) => c.trim()),
      ['Demo indicator owner', '9', '5', '1', '3', '3'],
    )
    await checkPage(page, 'the round, after chasing')
  })

  it('the owner sees what was sent back, with the comment', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.owner.email, DEMO.owner.password)
    const main = await page.locator('main').innerText()
    assert.match(main, /Sent back/)
    assert.match(main, /Comment: “Say when the Not Known figure will be resolved\.”/)
    await checkPage(page, 'your returns, one sent back')
  })

  it('an officer signs off with the outstanding list, confirming with a reason', async (t) => {
    const page = await newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)
    await page.goto(`${PLAN}/report?period=${Q2}`)
    await page.getByRole('link', { name: 'Sign off Quarter 2 2013/14 as reported to committee' }).click()
    const outstanding = await page.locator('main').innerText()
    assert.match(outstanding, /Still outstanding: 8 returns not approved/)
    assert.match(outstanding, /Exception report for LCA 2, from Demo indicator owner: sent back/)
    await checkPage(page, 'sign-off with things outstanding')
    await submit(page, 'Sign off Quarter 2 2013/14 regardless', 400)
    assert.deepEqual(await errorSummary(page), [
      'Confirm that you are signing off with 8 returns not approved',
      'Give the reason for signing off with things outstanding',
    ])
    await checkPage(page, 'sign-off with things outstanding, with errors')
    await page.getByLabel('I am signing off Quarter 2 2013/14 with 8 returns not approved').check()
    await page.getByLabel('Why are you signing off regardless?').fill('The committee took the report as it stood')
    await submit(page, 'Sign off Quarter 2 2013/14 regardless', 303)
    assert.equal(new URL(page.url()).pathname, `${PLAN}/report`)
    assert.match(
      await page.locator('#sign-off-status').innerText(),
      /Signed off \d+ \w{3} \d{4} by officer@outturn\.example/,
    )
    await checkPage(page, 'report, signed off')
  })
})
