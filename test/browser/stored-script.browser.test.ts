import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO_PLAN } from '../../src/services/index.ts'
import { DEMO, type Harness, checkPage, signIn, startHarness } from './harness.ts'

/**
 * A stored script never runs: script payloads are stored through the app (an indicator's title and theme by import,
 * commentary, exception report answers, a user's name), then every page that shows them is opened in Chromium.
 * No dialog may open, no injected element may exist, no CSP violation for a script may be reported (the policy
 * would block it, but the page must not even try), and the payload must read as text. The standalone report file
 * is opened with no Content Security Policy at all, so escaping alone has to hold.
 */

const SCRIPT = '<script>alert("stored-xss-script")</script>'
const IMG = '"><img src=x onerror=alert("stored-xss-img")>'
const SVG = "'><svg onload=alert('stored-xss-svg')>"
const PAYLOAD = `${SCRIPT} ${IMG} ${SVG}`
const PLAN = 'XSS test plan'
const SLUG = 'xss-test-plan'
const Q2 = '2013/14%20Q2'

const INDICATORS = [
  'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis',
  `X 1,"${PAYLOAD.replaceAll('"', '""')}","${SCRIPT.replaceAll('"', '""')}",quarterly,higher,number,%,point,10,previous`,
].join('\n')
const OBSERVATIONS = [
  'ref,period,actual,target,note',
  `X 1,2013/14 Q1,40,50,"${PAYLOAD.replaceAll('"', '""')}"`,
  `X 1,2013/14 Q2,30,50,"${PAYLOAD.replaceAll('"', '""')}"`,
].join('\n')

describe('a stored script, in a real browser', { timeout: 300_000 }, () => {
  let h: Harness
  before(async () => {
    h = await startHarness()
    const { services } = h
    await services.imports.importPlan({
      planName: PLAN,
      indicatorsFile: { name: 'indicators.csv', content: INDICATORS },
      observationsFile: { name: 'observations.csv', content: OBSERVATIONS },
      actor: 'test',
    })
    const owner = { id: 0, email: DEMO.owner.email, name: 'owner', role: 'owner' as const }
    const ownerActor = (await services.auth.listUsers()).find((u) => u.email === owner.email) ?? owner
    const q2 = { kind: 'quarter', year: 2013, quarter: 2 } as const
    const saved = await services.entries.recordEntry(ownerActor, 'trafford-adp-2013-14', 'LCA 2', q2, {
      actual: '5.16',
      estimated: false,
      dataPeriod: '',
      notReported: '',
      note: PAYLOAD,
      reason: '',
    })
    assert.ok(saved.ok)
    const answers = { baseline: PAYLOAD, why: PAYLOAD, implications: PAYLOAD, improvement: PAYLOAD, submit: true }
    assert.ok((await services.exceptions.save(ownerActor, 'trafford-adp-2013-14', 'STP 13', q2, answers)).ok)
    await services.auth.addUser({
      email: 'xss@outturn.example',
      name: PAYLOAD,
      role: 'owner',
      password: 'a long xss passphrase',
    })
    await services.auth.assign('xss@outturn.example', 'BV 9', DEMO_PLAN)
    await services.auth.assign('xss@outturn.example', 'STP 13', DEMO_PLAN)
    // The stylesheet is compiled on first request; compile it before the first page waits for it.
    await fetch(`${h.baseUrl}/assets/outturn.css`)
  })
  after(async () => {
    await h.close()
  })

  /** Opens a page and asserts nothing injected exists or ran, and the payload reads as text. */
  async function assertInert(page: Page, name: string, shows: string[]): Promise<void> {
    const injected = await page.evaluate<Record<string, number | boolean>>(`(() => ({
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('stored-xss')).length,
      images: document.querySelectorAll('img[src="x"], [onerror], [onload]').length,
      injectedSvgs: document.querySelectorAll('svg[onload], svg script, foreignObject').length,
      flagged: document.title.includes('pwned'),
    }))()`)
    assert.deepEqual(injected, { scripts: 0, images: 0, injectedSvgs: 0, flagged: false }, `${name}: injected elements`)
    const text = await page.locator('body').innerText()
    for (const shown of shows) assert.ok(text.includes(shown), `${name} shows ${shown} as text`)
  }

  it('runs nothing on any page that shows the payloads', async (t) => {
    const page = await h.newPage(t)
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    const before = h.consoleErrors.length
    await signIn(page, DEMO.admin.email, DEMO.admin.password)
    const pages: [string, string, string[]][] = [
      [`/plans/${SLUG}?period=${Q2}`, 'imported plan dashboard', [SCRIPT]],
      [`/plans/${SLUG}/themes/${encodeURIComponent(SCRIPT)}?period=${Q2}`, 'imported theme page', [SCRIPT]],
      [`/plans/${SLUG}/indicators/X%201?period=${Q2}`, 'imported indicator page', [SCRIPT, IMG.trim(), SVG]],
      [`/plans/${SLUG}/exceptions?period=${Q2}`, 'imported plan exceptions', [SCRIPT]],
      [`/plans/${SLUG}/report?period=${Q2}`, 'imported plan report', [SCRIPT]],
      [`/plans/trafford-adp-2013-14/indicators/LCA%202?period=${Q2}`, 'commentary on LCA 2', [SCRIPT]],
      [`/plans/trafford-adp-2013-14/theme/x`, 'not found', []],
      [`/plans/trafford-adp-2013-14/indicators/STP%2013?period=${Q2}`, 'exception report on STP 13', []],
      [`/plans/trafford-adp-2013-14/indicators/STP%2013/exception-report?period=${Q2}`, 'exception form', []],
      [`/plans/trafford-adp-2013-14/report?period=${Q2}`, 'Trafford report page', [SCRIPT]],
      [`/plans/trafford-adp-2013-14/exceptions?period=${Q2}`, 'exceptions list with the owner', [SCRIPT]],
      [`/plans/trafford-adp-2013-14/indicators/BV%209?period=${Q2}`, 'owner’s name on BV 9', [SCRIPT]],
      ['/users', 'users page', [SCRIPT]],
    ]
    for (const [url, name, shows] of pages) {
      await page.goto(url)
      await checkPage(page, name)
      await assertInert(page, name, shows)
    }
    // The exception form shows the answers in text areas: their value is the payload, as text.
    await page.goto(`/plans/trafford-adp-2013-14/indicators/STP%2013/exception-report?period=${Q2}`)
    assert.equal(await page.locator('textarea[name="why"]').inputValue(), PAYLOAD)
    assert.deepEqual(dialogs, [], 'no dialog opened')
    const scriptViolations = h.consoleErrors
      .slice(before)
      .filter((e) => /script|event handler/i.test(e.text) && /Content Security Policy/i.test(e.text))
    assert.deepEqual(scriptViolations, [], 'no page tried to run a script the policy had to block')
  })

  it('runs nothing in the standalone report file, opened without any Content Security Policy', async (t) => {
    const page = await h.newPage(t)
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await signIn(page, DEMO.admin.email, DEMO.admin.password)
    for (const plan of [SLUG, 'trafford-adp-2013-14']) {
      const response = await page.request.get(`/plans/${plan}/download/html?period=${Q2}`)
      assert.equal(response.status(), 200)
      assert.match(response.headers()['content-disposition'] ?? '', /attachment/)
      await page.setContent(await response.text(), { waitUntil: 'load' })
      await assertInert(page, `${plan} standalone report`, [SCRIPT])
    }
    assert.deepEqual(dialogs, [])
  })
})
