import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ImportRejected } from '../../src/services/index.ts'
import { DIALECTS } from '../helpers/databases.ts'
import { PLAN, USERS } from '../web/harness.ts'
import { PROTOTYPE_NAMES } from './hostile-addresses.ts'
import { INDICATORS_HEADER, OBSERVATIONS_HEADER, indicatorRow, observationRow } from './hostile-corpus.ts'
import { Browser, type SecurityApp, signedInBrowser, startSecurityApp } from './harness.ts'

/**
 * Names that a plain object finds on Object.prototype ("constructor", "__proto__", "toString"…), sent everywhere a
 * request's data becomes a name: the assets route, every route parameter, query values, form fields' names and
 * values, CSV headers and cells, JSON keys. None may find a built-in: unknown names are 404 (or the form's own
 * message), known ones are stored as text, and nothing answers 500.
 */
const Q2 = '2013/14%20Q2'
const HALTON = 'halton-safer-ppb-2012-13'
const HALTON_Q2 = '2012/13%20Q2'

/** Every route that takes a name from the address, with a prototype name in it. */
const ADDRESSES = (n: string): string[] => [
  `/plans/${n}`,
  `/plans/${n}/report?period=${Q2}`,
  `/plans/${PLAN}/themes/${n}?period=${Q2}`,
  `/plans/${PLAN}/indicators/${n}?period=${Q2}`,
  `/plans/${PLAN}/indicators/${n}/entry?period=${Q2}`,
  `/plans/${PLAN}/indicators/${n}/definition`,
  `/plans/${PLAN}/indicators/${n}/exception-report?period=${Q2}`,
  `/plans/${PLAN}/download/${n}?period=${Q2}`,
  `/plans/${HALTON}/delivery/${n}?period=${HALTON_Q2}`,
  `/plans/${HALTON}/risks/treatments/${n}?period=${HALTON_Q2}`,
  `/import/${n}`,
  `/api/plans/${n}/report?period=${Q2}`,
  `/api/plans/${n}/indicators`,
]

/** Query values that name something, with a prototype name as the value. */
const QUERIES = (n: string): { url: string; status: number }[] => [
  { url: `/plans/${PLAN}?period=${n}`, status: 400 },
  { url: `/plans/${PLAN}?period=${Q2}&status=${n}`, status: 200 },
  { url: `/plans/${PLAN}?period=${Q2}&theme=${n}`, status: 200 },
  { url: `/plans/${PLAN}?period=${Q2}&page=${n}`, status: 200 },
  { url: `/plans/${PLAN}/report?period=${Q2}&as=${n}`, status: 400 },
  { url: `/plans/${PLAN}/report?period=${Q2}&theme=${n}`, status: 404 },
  { url: `/api/plans/${PLAN}/report?period=${Q2}&theme=${n}`, status: 404 },
  { url: `/plans/${PLAN}/sign-off?period=${n}`, status: 400 },
]

for (const dialect of DIALECTS) {
  describe(`names from Object.prototype on ${dialect}`, () => {
    let t: SecurityApp
    let officer: Browser
    let owner: Browser
    let admin: Browser
    before(async () => {
      t = await startSecurityApp({ dialect })
      officer = await signedInBrowser(t.app, USERS.officer)
      owner = await signedInBrowser(t.app, USERS.owner)
      admin = await signedInBrowser(t.app, USERS.admin)
    })
    after(async () => t.close())

    const state = async (): Promise<string> => {
      const plans = await t.services.plans.list()
      const trails = await Promise.all(plans.map((plan) => t.services.plans.auditTrail(plan.name)))
      return JSON.stringify({ plans, trails, users: await t.services.auth.listUsers() })
    }

    for (const name of PROTOTYPE_NAMES) {
      const n = encodeURIComponent(name)
      it(`/assets/${name} is the GOV.UK 404 page, signed out`, async () => {
        const response = await new Browser(t.app, '192.0.2.77').get(`/assets/${n}`)
        assert.equal(response.statusCode, 404)
        assert.match(response.body, /Page not found/)
      })

      it(`"${name}" in every route parameter is 404`, async () => {
        for (const url of ADDRESSES(n)) {
          const response = await officer.get(url)
          assert.equal(response.statusCode, 404, `${url}: ${response.body.slice(0, 200)}`)
          if (url.startsWith('/api/')) assert.match((JSON.parse(response.body) as { error: string }).error, /not-found/)
          else assert.match(response.body, /govuk-template/, url)
        }
      })

      it(`"${name}" as a query value gets the page or a clear refusal`, async () => {
        for (const { url, status } of QUERIES(n)) {
          const response = await officer.get(url)
          assert.equal(response.statusCode, status, `${url}: ${response.body.slice(0, 200)}`)
        }
      })

      it(`"${name}" as a form field's name changes nothing it should not; as a choice it is refused`, async () => {
        const entry = `/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`
        await owner.get(entry)
        const extra = await owner.post(entry, { actual: '5.16', [name]: 'x' })
        assert.equal(extra.statusCode, 303, extra.body.slice(0, 300))
        const before = await state()
        const choices: [Browser, string, Record<string, string>][] = [
          [owner, entry, { actual: name }],
          [officer, `/plans/${PLAN}/indicators/NI%20154/definition`, { frequency: name, polarity: name }],
          [admin, '/users', { email: 'p@outturn.example', name: 'P', role: name, password: 'a long passphrase' }],
          [owner, `/plans/${HALTON}/delivery/CCC%201.2?period=${HALTON_Q2}`, { status: name, commentary: 'x' }],
          [owner, `/plans/${HALTON}/risks/treatments/R1.2?period=${HALTON_Q2}`, { progress: name }],
        ]
        for (const [browser, url, fields] of choices) {
          await browser.get(url.startsWith('/users') ? '/users' : url)
          const response = await browser.post(url, fields)
          assert.equal(response.statusCode, 400, `${url}: ${response.body.slice(0, 300)}`)
          assert.match(response.body, /govuk-error-summary|There is a problem/, url)
        }
        assert.equal(await state(), before, 'a refused form wrote something')
      })

      it(`"${name}" as a JSON key on a form route is refused or ignored, never a 500`, async () => {
        const entry = `/plans/${PLAN}/indicators/LCA%202/entry?period=${Q2}`
        await owner.get(entry)
        const response = await owner.request({
          method: 'POST',
          url: entry,
          payload: `{"_csrf":${JSON.stringify(owner.csrf)},"actual":"5.16",${JSON.stringify(name)}:{"polluted":1}}`,
          headers: { 'content-type': 'application/json' },
        })
        assert.ok([303, 400].includes(response.statusCode), `${response.statusCode} ${response.body.slice(0, 200)}`)
        assert.match(response.statusCode === 400 ? response.body : '<html class="govuk-template">', /govuk-template/)
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched')
      })

      it(`"${name}" as a CSV header is refused; as a ref or a theme it is stored and reachable`, async () => {
        const before = await state()
        const header = await t.services.imports
          .importPlan({
            planName: `Proto header ${name}`,
            indicatorsFile: {
              name: 'indicators.csv',
              content: Buffer.from(`${INDICATORS_HEADER},${name}\n${indicatorRow('P 1', 'T')},x\n`),
            },
            observationsFile: { name: 'observations.csv', content: Buffer.from(`${OBSERVATIONS_HEADER}\n`) },
            actor: 'cli:test',
          })
          .then(
            () => null,
            (error: unknown) => error,
          )
        assert.ok(header instanceof ImportRejected, String(header))
        assert.match(header.message, /is not a known column/)
        assert.equal(await state(), before)
        await t.services.imports.importPlan({
          planName: `Proto cells ${name}`,
          indicatorsFile: {
            name: 'indicators.csv',
            content: Buffer.from(`${INDICATORS_HEADER}\n${indicatorRow(name, name, name)}\n`),
          },
          observationsFile: {
            name: 'observations.csv',
            content: Buffer.from(`${OBSERVATIONS_HEADER}\n${observationRow(name, '2013/14 Q2', '50', name)}\n`),
          },
          actor: 'cli:test',
        })
        const plan = await t.services.plans.bySlugOrName(`Proto cells ${name}`)
        for (const url of [
          `/plans/${plan.slug}/indicators/${n}?period=${Q2}`,
          `/plans/${plan.slug}/themes/${n}?period=${Q2}`,
        ]) {
          const page = await officer.get(url)
          assert.equal(page.statusCode, 200, `${url}: ${page.body.slice(0, 200)}`)
          assert.ok(page.body.includes(name), url)
        }
      })
    }
  })
}
