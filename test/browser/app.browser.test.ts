import { DEMO_USERS } from '../../src/services/demo.service.ts'
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { EXCEPTION_QUESTIONS } from '../../src/domain/judgement/exception-report.ts'
import { DEMO, type Harness, SCREENSHOTS, checkPage, csrfToken, focusedId, signIn, startHarness } from './harness.ts'

/**
 * The app in a real browser: the journeys people take, by mouse and by keyboard, with axe-core run on every page.
 *
 * The tests share one app and database. Each signs in afresh in its own browser context and relies on nothing another
 * test did, but some change the demo data, so their order matters in one way: the dashboard test, which expects LCA 2
 * to be Red at Q2, comes before the owner's entry that turns it Green.
 */

const PLAN = '/plans/trafford-adp-2013-14'
const Q2 = '2013/14%20Q2'
const dashboardUrl = `${PLAN}?period=${Q2}`
const indicatorUrl = (ref: string): string => `${PLAN}/indicators/${encodeURIComponent(ref)}?period=${Q2}`
const entryUrl = (ref: string): string => `${PLAN}/indicators/${encodeURIComponent(ref)}/entry?period=${Q2}`
const exceptionReportUrl = (ref: string): string =>
  `${PLAN}/indicators/${encodeURIComponent(ref)}/exception-report?period=${Q2}`
const exceptionsUrl = `${PLAN}/exceptions?period=${Q2}`
const themeUrl = `${PLAN}/themes/${encodeURIComponent('Excellence in Education')}?period=${Q2}`

/** Goes to a page, checks the status and runs axe on it. */
async function visit(page: Page, path: string, name: string, status = 200): Promise<void> {
  const response = await page.goto(path)
  assert.equal(response?.status(), status, `${name}: expected HTTP ${status} for ${path}`)
  await checkPage(page, name)
}

/** The text of the status row of an indicator page's summary list. */
function statusCell(page: Page) {
  return page
    .locator('.govuk-summary-list__row')
    .filter({ has: page.locator('dt', { hasText: /^Status$/ }) })
    .locator('dd')
}

/** The error summary, its links, and the page title that says there is an error. */
async function assertErrorSummary(page: Page, message: string | RegExp, href?: string): Promise<void> {
  const summary = page.locator('.govuk-error-summary')
  assert.equal(await summary.locator('.govuk-error-summary__title').innerText(), 'There is a problem')
  const links = summary.locator('.govuk-error-summary__list a')
  const texts = await links.allInnerTexts()
  assert.ok(
    texts.some((text) => (typeof message === 'string' ? text === message : message.test(text))),
    `error summary lists ${JSON.stringify(texts)}, expected ${String(message)}`,
  )
  if (href !== undefined) {
    const hrefs = await Promise.all((await links.all()).map((link) => link.getAttribute('href')))
    assert.ok(hrefs.includes(href), `error summary links to ${JSON.stringify(hrefs)}, expected ${href}`)
  }
  assert.match(await page.title(), /^Error: /)
}

/** Clicks a submit button for a form expected back with errors: waits for the POST's response and the new page. */
async function submitExpectingErrors(page: Page, button: string, status = 400): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ])
  assert.equal(response.status(), status, `submitting with "${button}" should answer ${status}`)
  await page.locator('.govuk-error-summary').waitFor()
}

/** Asserts a refusal is the app's permission check, not the CSRF check failing (which is also a 403). */
function assertForbidden(status: number, body: string, what: string): void {
  assert.equal(status, 403, `${what}: expected 403, got ${status}`)
  assert.doesNotMatch(body, /The form had expired/, `${what}: refused by the CSRF check, not the permission check`)
  assert.match(body, /You do not have permission to do this/, `${what}: expected the permission page`)
}

/** Presses Tab until `expression` (run in the page) is true of the focused element, failing after `limit` presses. */
async function tabUntil(page: Page, expression: string, what: string, limit = 40): Promise<void> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate<boolean>(`(() => { const el = document.activeElement; return Boolean(${expression}) })()`))
      return
  }
  assert.fail(`${what} never took focus in ${limit} presses of Tab (focus is on #${await focusedId(page)})`)
}

const hasId = (id: string): string => `el && el.id === ${JSON.stringify(id)}`

describe('Outturn in a browser', { timeout: 300_000 }, () => {
  let started: Harness | undefined
  let startError: Error | undefined
  /** The running harness; if it could not start (say Chromium is missing), every test fails with the reason. */
  const harness = (): Harness => {
    if (started === undefined) throw startError ?? new Error('The browser test harness did not start')
    return started
  }

  before(async () => {
    try {
      started = await startHarness()
    } catch (error) {
      startError = error instanceof Error ? error : new Error(String(error))
    }
  })

  after(async () => {
    const h = started
    if (h === undefined) return
    try {
      reportConsoleErrors(h)
    } finally {
      await h.close()
    }
  })

  function reportConsoleErrors(h: Harness): void {
    if (h.consoleErrors.length > 0) {
      const counts = new Map<string, number>()
      for (const { page, text } of h.consoleErrors) {
        const csp = /^Applying inline style violates .*?a hash \('([^']+)'\)/.exec(text)
        const message = csp ? `CSP blocked an inline style attribute (${csp[1] ?? ''})` : text
        const key = `${new URL(page).pathname}: ${message}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
      console.log(`Browser console errors (${h.consoleErrors.length}, not failed on):`)
      for (const [key, count] of counts) console.log(`  ${count} × ${key}`)
    }
  }

  it('signs in: wrong password shows the error summary, the right one leads to the plans', async (t) => {
    const page = await harness().newPage(t)
    await visit(page, '/sign-in', 'sign-in page')
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign in to Outturn')

    await page.getByLabel('Email address').fill(DEMO.viewer.email)
    await page.getByLabel('Password', { exact: true }).fill('not-the-password')
    await submitExpectingErrors(page, 'Sign in')
    await assertErrorSummary(page, 'Enter a correct email address and password', '#email')
    await checkPage(page, 'sign-in page with an error')

    await page.getByLabel('Password', { exact: true }).fill(DEMO.viewer.password)
    await Promise.all([page.waitForURL('**/plans'), page.getByRole('button', { name: 'Sign in' }).click()])
    assert.equal(new URL(page.url()).pathname, '/plans')
    await checkPage(page, 'plans list')
    assert.ok(await page.getByRole('link', { name: 'Trafford ADP 2013/14' }).first().isVisible())
  })

  it('shows the dashboard with its summary, charts and filterable table', async (t) => {
    const page = await harness().newPage(t)
    await signIn(page, DEMO.viewer.email, DEMO.viewer.password)
    await visit(page, dashboardUrl, 'dashboard')

    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Performance at Quarter 2 2013/14')
    assert.match(await page.locator('#summary-text').innerText(), /^The plan has 25 indicators\./)

    const charts = page.locator('main svg[role="img"]')
    assert.equal(await charts.count(), 3, 'three charts')
    for (const chart of await charts.all()) {
      const title = await chart.locator('title').first().textContent()
      assert.ok(title !== null && title.trim() !== '', 'every chart has a <title>')
    }

    const rows = page.locator('table[aria-describedby="indicators"] tbody tr')
    assert.equal(await rows.count(), 25)

    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: fileURLToPath(new URL('dashboard.png', SCREENSHOTS)), fullPage: true })

    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Red' })
    await Promise.all([page.waitForURL(/status=/), page.getByRole('button', { name: 'Show' }).click()])
    await checkPage(page, 'dashboard filtered to Red')
    const refs = await rows.locator('th').allInnerTexts()
    assert.deepEqual(refs.map((ref) => ref.trim()).sort(), ['LCA 2', 'STP 13'])
  })

  it('lets an owner enter Q2 figures for their indicator, and the RAG status changes', async (t) => {
    const page = await harness().newPage(t)
    await signIn(page, DEMO.owner.email, DEMO.owner.password)
    await visit(page, indicatorUrl('LCA 2'), 'LCA 2 indicator page')
    assert.equal(await statusCell(page).locator('.govuk-visually-hidden').first().textContent(), 'Red')

    await Promise.all([
      page.waitForURL(/\/entry\?/),
      page.getByRole('link', { name: 'Enter data for Quarter 2 2013/14' }).click(),
    ])
    await checkPage(page, 'LCA 2 entry form')

    const actual = page.getByLabel('Actual for Quarter 2 2013/14')
    await actual.fill('lots')
    await submitExpectingErrors(page, 'Save')
    await assertErrorSummary(page, /.+/, '#actual')
    await checkPage(page, 'LCA 2 entry form with an error')

    await actual.fill('4.3')
    await page.getByLabel('Reason for changing a figure').fill('Validated figure replaces the September estimate')
    await Promise.all([page.waitForURL(/\/indicators\/LCA%202\?/), page.getByRole('button', { name: 'Save' }).click()])
    await checkPage(page, 'LCA 2 indicator page after saving')

    assert.equal(await statusCell(page).locator('.govuk-visually-hidden').first().textContent(), 'Green')
    const auditRow = page
      .locator('table[aria-describedby="audit"] tbody tr')
      .filter({ hasText: 'Validated figure replaces the September estimate' })
    assert.ok((await auditRow.count()) >= 1, 'the audit trail records the change with its reason')
    const cells = (await auditRow.first().locator('td').allInnerTexts()).map((cell) => cell.trim())
    // Who: the person's name, not their address.
    assert.equal(cells[1], DEMO_USERS.find((u) => u.email === DEMO.owner.email)?.name)
    assert.equal(cells[2], 'actual (2013/14 Q2)')
    assert.equal(cells[3], '5.16')
    assert.equal(cells[4], '4.3')

    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: fileURLToPath(new URL('indicator.png', SCREENSHOTS)), fullPage: true })
  })

  it('lets an owner write the exception report for a red indicator', async (t) => {
    const page = await harness().newPage(t)
    await signIn(page, DEMO.owner.email, DEMO.owner.password)
    await visit(page, exceptionReportUrl('STP 13'), 'STP 13 exception report form')

    const questions = {
      why: 'Why is performance at the current level?',
      implications: 'What difference does this make – the implications of not meeting target?',
      improvement: 'How can we make sure things get better?',
    }
    for (const [id, question] of Object.entries(questions)) {
      assert.equal((await page.locator(`label[for="${id}"]`).innerText()).trim(), question)
      const hint = page.locator(`#${id}-hint`)
      assert.ok((await hint.locator('li').count()) > 0, `${id} has its prompts as hint text`)
      const describedBy = (await page.locator(`#${id}`).getAttribute('aria-describedby')) ?? ''
      assert.ok(describedBy.split(' ').includes(`${id}-hint`), `#${id} is described by its hint`)
    }
    assert.ok(await page.locator('#why-hint').getByText('Is any variance within expected limits?').isVisible())
    for (const { field, prompts } of EXCEPTION_QUESTIONS) {
      assert.deepEqual(
        await page.locator(`#${field}-hint li`).allInnerTexts(),
        [...prompts],
        `the prompts for ${field}`,
      )
    }

    assert.match(
      await page.getByLabel(questions.why).inputValue(),
      /Anti-Social Behaviour has followed the same monthly trend/,
      'the form opens on the report already held',
    )
    await page.getByLabel(questions.why).fill('')
    await submitExpectingErrors(page, 'Submit exception report')
    await assertErrorSummary(page, /.+/, '#why')
    await checkPage(page, 'exception report form with errors')

    await page
      .getByLabel(questions.why)
      .fill('Incidents rose over the summer, as they do every year, but by more than expected.')
    await page.getByLabel(questions.implications).fill('Residents in the two hotspot wards feel less safe.')
    await page.getByLabel(questions.improvement).fill('Targeted patrols and a youth diversion scheme from October.')
    await Promise.all([
      page.waitForURL(/\/indicators\/STP%2013\?/),
      page.getByRole('button', { name: 'Submit exception report' }).click(),
    ])
    await checkPage(page, 'STP 13 indicator page after submitting')

    await visit(page, exceptionsUrl, 'exception reports list')
    const row = page.locator('tbody tr').filter({ has: page.locator('th', { hasText: 'STP 13' }) })
    assert.match(await row.locator('td').last().innerText(), /^Submitted/)
  })

  it('refuses an owner data entry for an indicator they do not own', async (t) => {
    const page = await harness().newPage(t)
    await signIn(page, DEMO.owner.email, DEMO.owner.password)

    const response = await page.goto(entryUrl('BV 9'))
    assert.equal(response?.status(), 403)
    await checkPage(page, 'BV 9 entry form refused (403)')

    await visit(page, entryUrl('LCA 2'), 'LCA 2 entry form')
    const token = await page.locator('form[action*="/entry"] input[name="_csrf"]').inputValue()

    // The same token is accepted where the owner may post: an invalid figure is a 400, so the CSRF check passed.
    const control = await page.request.post(entryUrl('LCA 2'), { form: { _csrf: token, actual: 'lots' } })
    assert.equal(control.status(), 400, 'the token is valid')

    const refused = await page.request.post(entryUrl('BV 9'), {
      form: { _csrf: token, actual: '99.9', reason: 'An owner changing somebody else’s figure' },
    })
    assertForbidden(refused.status(), await refused.text(), 'POST BV 9 entry as its non-owner')

    await visit(page, indicatorUrl('BV 9'), 'BV 9 indicator page')
    const auditWho = await page.locator('table[aria-describedby="audit"] tbody tr td:nth-child(2)').allInnerTexts()
    assert.ok(auditWho.length > 0, 'BV 9 has an audit trail')
    assert.ok(!auditWho.some((who) => who.trim() === DEMO.owner.email), 'no audit row from the owner')
  })

  it('refuses a viewer every post', async (t) => {
    const page = await harness().newPage(t)
    await signIn(page, DEMO.viewer.email, DEMO.viewer.password)
    await visit(page, indicatorUrl('LCA 2'), 'LCA 2 indicator page as a viewer')
    assert.equal(await page.getByRole('link', { name: /^Enter data/ }).count(), 0, 'no entry link for a viewer')
    const token = await csrfToken(page)

    const posts: {
      url: string
      form?: Record<string, string>
      multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>
    }[] = [
      { url: entryUrl('LCA 2'), form: { _csrf: token, actual: '1', reason: 'viewer' } },
      {
        url: exceptionReportUrl('LCA 2'),
        form: { _csrf: token, why: 'a', implications: 'b', improvement: 'c', action: 'submit' },
      },
      {
        url: '/import',
        multipart: {
          _csrf: token,
          planName: 'Viewer plan',
          indicators: { name: 'indicators.csv', mimeType: 'text/csv', buffer: Buffer.from('ref,title\n') },
          observations: { name: 'observations.csv', mimeType: 'text/csv', buffer: Buffer.from('ref,period\n') },
        },
      },
      {
        url: '/users',
        form: {
          _csrf: token,
          email: 'mallory@outturn.example',
          name: 'Mallory',
          role: 'admin',
        },
      },
      { url: '/users/1/assign', form: { _csrf: token, target: 'indicator|Trafford ADP 2013/14|LCA 2' } },
      { url: '/users/1/active', form: { _csrf: token, active: 'no' } },
      { url: '/users/1/reset', form: { _csrf: token } },
    ]
    for (const post of posts) {
      const response = await page.request.post(
        post.url,
        post.form ? { form: post.form } : { multipart: post.multipart ?? {} },
      )
      assertForbidden(response.status(), await response.text(), `POST ${post.url} as a viewer`)
    }

    await visit(page, '/plans', 'plans list as a viewer')
  })

  it('can be used by keyboard alone: the skip link, and data entry', async (t) => {
    const page = await harness().newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)

    await visit(page, dashboardUrl, 'dashboard as an officer')
    await page.keyboard.press('Tab')
    const skip = await page.evaluate<{ text: string; href: string | null }>(
      '({ text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute("href") })',
    )
    assert.equal(skip.text, 'Skip to main content', 'the skip link is the first tab stop')
    await page.keyboard.press('Enter')
    assert.equal(`#${await focusedId(page)}`, skip.href, 'Enter on the skip link moves focus to the main content')

    await visit(page, entryUrl('NI 154'), 'NI 154 entry form')
    assert.equal(await page.evaluate<string>('document.activeElement.tagName'), 'BODY', 'focus starts on the page')
    await tabUntil(page, hasId('actual'), 'the Actual input')
    assert.equal(await focusedId(page), 'actual')
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('212')
    await tabUntil(page, hasId('estimated'), 'the estimate checkbox')
    await page.keyboard.press('Space')
    assert.ok(await page.locator('#estimated').isChecked(), 'Space ticks the estimate checkbox')
    await tabUntil(page, hasId('note'), 'the Commentary textarea')
    await page.keyboard.type('Two large sites completed early.')
    await tabUntil(page, hasId('reason'), 'the Reason for changing a figure textarea')
    await page.keyboard.type('Revised return from the housing team')
    await tabUntil(page, 'el && el.tagName === "BUTTON" && el.textContent.trim() === "Save"', 'the Save button')
    await Promise.all([page.waitForURL(/\/indicators\/NI%20154\?/), page.keyboard.press('Enter')])
    await checkPage(page, 'NI 154 indicator page after keyboard entry')
    const actual = page.locator('.govuk-summary-list__row').filter({ has: page.locator('dt', { hasText: /^Actual$/ }) })
    assert.match(await actual.locator('dd').innerText(), /^212\b/)
    assert.ok(
      (await page.getByText('Two large sites completed early.').count()) > 0,
      'the commentary typed by keyboard is shown',
    )
  })

  it('passes axe on the theme, plans, users and import pages', async (t) => {
    const viewer = await harness().newPage(t)
    await signIn(viewer, DEMO.viewer.email, DEMO.viewer.password)
    await visit(viewer, '/plans', 'plans list')
    await visit(viewer, themeUrl, 'theme page')
    assert.equal(await viewer.locator('h1').count(), 1)
    await visit(viewer, exceptionsUrl, 'exception reports list as a viewer')

    const admin = await harness().newPage(t)
    await signIn(admin, DEMO.admin.email, DEMO.admin.password)
    await visit(admin, '/users', 'users page')
    await visit(admin, '/import', 'import page')
    const read = encodeURIComponent('n/a:not-available:2|x:suppressed:1')
    await visit(admin, `${PLAN}?imported=3&placeholders=${read}`, 'dashboard after an import that read placeholders')
    const banner = admin.locator('.govuk-notification-banner')
    assert.match(await banner.innerText(), /Import complete: 3 indicators and figures added or changed\./)
    assert.match(await banner.innerText(), /2 figures read as not available: n\/a \(2\)\./)
    await visit(
      viewer,
      `${PLAN}?period=${encodeURIComponent('Aug 2013')}`,
      'dashboard for a month, quarterly figures not due',
    )
    assert.ok((await viewer.getByText('Not due this period').count()) > 0, 'a quarterly figure is not due in August')
  })
  it('shows the committee report as an accessible page, in the app and as a standalone file', async (t) => {
    const viewer = await harness().newPage(t)
    await signIn(viewer, DEMO.viewer.email, DEMO.viewer.password)
    await visit(viewer, `${PLAN}/report?period=${Q2}`, 'committee report page')
    assert.equal(await viewer.locator('h1').count(), 1)
    assert.ok((await viewer.locator('figure.rpt-chart svg[role="img"]').count()) >= 3, 'the report has its charts')
    const download = await viewer.request.get(`${harness().baseUrl}${PLAN}/download/html?period=${Q2}`)
    assert.equal(download.status(), 200)
    const standalone = await harness().newPage(t)
    await standalone.setContent(await download.text(), { waitUntil: 'load' })
    // Open every collapsed section, so axe checks the per-indicator charts too.
    await standalone.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true })")
    await checkPage(standalone, 'standalone HTML report, every section open')
    assert.match(
      await standalone.title(),
      /Annual Delivery Plan 2013\/14: Quarter 2 Performance Report, Quarter 2 2013\/14/,
    )
  })
  it('lets an officer set a priority’s status, by form, with axe passing', async (t) => {
    const fixture = new URL('../fixtures/chorley-2013-14-q1/', import.meta.url)
    await harness().services.delivery.importDelivery({
      planName: 'Chorley Partnership 2013/14',
      itemsFile: { name: 'delivery.csv', content: readFileSync(new URL('delivery.csv', fixture)) },
      updatesFile: { name: 'delivery_updates.csv', content: readFileSync(new URL('delivery_updates.csv', fixture)) },
      actor: 'test',
    })
    const page = await harness().newPage(t)
    await signIn(page, DEMO.officer.email, DEMO.officer.password)
    const list = '/plans/chorley-partnership-2013-14/delivery?period=2013/14%20Q1'
    await visit(page, list, 'delivery page')
    await page.getByRole('link', { name: /^Child Sexual Exploitation/ }).click()
    await page.waitForURL(/\/delivery\/CSP%202\?/)
    await checkPage(page, 'delivery status form')
    await page.getByLabel('Red', { exact: true }).check()
    await page.getByLabel('Performance commentary').fill('Level 2 training is not available this year.')
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save' }).click(),
    ])
    await page.waitForLoadState('load')
    await checkPage(page, 'delivery status form with an error')
    assert.match(await page.title(), /^Error: /)
    await page.locator('#overrideReason').fill('No training until the Police unit is restaffed')
    await Promise.all([page.waitForURL(/\/delivery\?period=/), page.getByRole('button', { name: 'Save' }).click()])
    await checkPage(page, 'delivery page after saving')
    assert.match(await page.locator('tr', { hasText: 'Priority CSP 2' }).innerText(), /Red/)
  })

  it('lets the person responsible enter a milestone status and a risk review, by form, with axe passing', async (t) => {
    const page = await harness().newPage(t)
    await signIn(page, DEMO.owner.email, DEMO.owner.password)
    const milestones = '/plans/halton-safer-ppb-2012-13/delivery?period=2012/13%20Q2'
    await visit(page, milestones, 'Halton milestones as their owner')
    assert.equal(await page.getByRole('link', { name: /^Review Community Safety Team/ }).count(), 0, 'not theirs')
    await page.getByRole('link', { name: /^Introduce specialist support provision/ }).click()
    await page.waitForURL(/\/delivery\/CCC%201\.3\?/)
    await checkPage(page, 'milestone status form')
    await page.getByLabel('Amber', { exact: true }).check()
    await page.getByLabel('Performance commentary').fill('Waiting times for a first meeting reached three weeks.')
    await Promise.all([page.waitForURL(/\/delivery\?period=/), page.getByRole('button', { name: 'Save' }).click()])
    await checkPage(page, 'milestones after saving')
    assert.match(await page.locator('tr', { hasText: 'Milestone CCC 1.3' }).innerText(), /Amber/)

    await visit(page, '/plans/halton-safer-ppb-2012-13/risks?period=2012/13%20Q2', 'risk register as an owner')
    await page.getByRole('link', { name: /^Agree a funding plan with the Police and Crime Commissioner/ }).click()
    await page.waitForURL(/\/risks\/treatments\/R1\.2\?/)
    await checkPage(page, 'risk review form')
    await page.getByLabel('Red', { exact: true }).check()
    await page.getByLabel('Commentary').fill('')
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save' }).click(),
    ])
    await page.waitForLoadState('load')
    await checkPage(page, 'risk review form with an error')
    assert.match(await page.title(), /^Error: /)
    await page.getByRole('link', { name: /Explain what is being done/ }).click()
    assert.equal(await focusedId(page), 'commentary', 'the summary link moves focus')
    await page.keyboard.type('The commissioner has not yet agreed the funding plan.')
    await Promise.all([page.waitForURL(/\/risks\?period=/), page.getByRole('button', { name: 'Save' }).click()])
    await checkPage(page, 'risk register after the review')
    assert.match(await page.locator('tr', { hasText: 'R1.2' }).innerText(), /Red/)
  })

  it('passes axe on the inspection page', async (t) => {
    const page = await harness().newPage(t)
    await signIn(page, DEMO.viewer.email, DEMO.viewer.password)
    await visit(page, '/plans/manchester-caa-2009/inspection', 'inspection page')
    assert.match(await page.locator('h3', { hasText: 'School Absence' }).innerText(), /Red flag/)
  })
})
