import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildApp } from '../../src/web/app.ts'
import { financePath } from '../../src/web/paths.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import type { FinancePeriod } from '../../src/domain/finance/index.ts'
import { type TestApp, USERS, signedIn, startTestApp } from './harness.ts'
import { HALTON_FINANCE_PERIOD, haltonFinance } from '../helpers/finance-fixture.ts'

const PERIOD = `period=${encodeURIComponent(HALTON_FINANCE_PERIOD)}`
const COMMENT = 'Net operational expenditure is £123,000 below budget profile at the end of the second quarter.'

let t: TestApp
let app: Awaited<ReturnType<typeof buildApp>>
const slug = 'halton-safer-ppb-2012-13'
/** A plan of indicators, which opens on its dashboard. */
const DASHBOARD = 'trafford-adp-2013-14'
before(async () => {
  t = await startTestApp()
  const planIds = new Set([(await t.services.plans.bySlug(slug)).id, (await t.services.plans.bySlug(DASHBOARD)).id])
  // The Halton fixture's finances, held for two demo plans in 2012/13 Q2 only: the finance service's contract.
  const finance = {
    financeFor: (id: number, period: string): Promise<FinancePeriod> =>
      Promise.resolve(
        planIds.has(id) && period === HALTON_FINANCE_PERIOD
          ? haltonFinance({ 'Commissioning and Complex Care': COMMENT })
          : { period, statements: [], capital: [] },
      ),
    ruleFor: (id: number) => t.services.finance.ruleFor(id),
  }
  app = await buildApp({
    services: { ...t.services, finance },
    config: { secureCookies: false, production: false, signInLimit: 1000 },
  })
})
after(async () => {
  await app.close()
  await t.close()
})

describe('the finance page', () => {
  it('shows each statement as a table in the seed’s columns, with comments, status, chart and capital', async () => {
    const viewer = await signedIn(app, USERS.viewer)
    const page = await viewer.get(`/plans/${slug}/finance?${PERIOD}`)
    assert.equal(page.statusCode, 200)
    const body = page.body
    assert.match(body, /<h1 class="govuk-heading-l">Financial statements at Quarter 2 2012\/13<\/h1>/)
    assert.match(
      body,
      /<caption class="govuk-table__caption govuk-table__caption--s" id="finance-commissioning-and-complex-care-caption">Commissioning and Complex Care: revenue budget, Quarter 2 2012\/13<\/caption>/,
    )
    assert.match(
      body,
      /role="region" aria-labelledby="finance-prevention-and-assessment-services-caption" tabindex="0"/,
    )
    assert.match(
      body,
      /<th scope="col" class="govuk-table__header govuk-table__cell--numeric">Variance To Date \(overspend\) £&#39;000<\/th>/,
    )
    assert.match(
      body,
      /Residential &amp; Nursing Care<\/span><\/th><td class="govuk-table__cell govuk-table__cell--numeric">10,721<\/td><td class="govuk-table__cell govuk-table__cell--numeric">3,881<\/td><td class="govuk-table__cell govuk-table__cell--numeric">4,045<\/td><td class="govuk-table__cell govuk-table__cell--numeric">\(164\)<span class="govuk-visually-hidden"> overspend<\/span><\/td>/,
    )
    assert.match(
      body,
      /<strong>Total Expenditure<\/strong><\/th><td class="govuk-table__cell govuk-table__cell--numeric">17,978<\/td><td class="govuk-table__cell govuk-table__cell--numeric">7,998<\/td><td class="govuk-table__cell govuk-table__cell--numeric">7,892<\/td><td class="govuk-table__cell govuk-table__cell--numeric">106<\/td>/,
    )
    assert.ok(body.includes(COMMENT.replace('&', '&amp;')))
    assert.match(
      body,
      /<strong class="app-rag app-rag--A">Amber<\/strong> Net Operational Expenditure is 127 \(£&#39;000\) over its budget profile, 2.2% of profile\./,
    )
    assert.match(body, /The rule: Red when net operational expenditure to date is more than 5% over its budget profile/)
    assert.match(body, /<svg[^>]*aria-labelledby="[^"]*chart-finance-prevention-and-assessment-services/)
    assert.match(body, /Variance to date by line: Prevention and Assessment Services/)
    assert.match(
      body,
      /<strong>Total Spending<\/strong><\/th><td class="govuk-table__cell govuk-table__cell--numeric">2,661<\/td><td class="govuk-table__cell govuk-table__cell--numeric">579<\/td><td class="govuk-table__cell govuk-table__cell--numeric">438<\/td><td class="govuk-table__cell govuk-table__cell--numeric">2,223<\/td>/,
    )
  })

  it('is summarised on the plan’s dashboard: net position against profile per statement, with its status', async () => {
    const viewer = await signedIn(app, USERS.viewer)
    const page = await viewer.get(`/plans/${DASHBOARD}?${PERIOD}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h2 class="govuk-heading-m" id="plan-section-finance">Financial statements<\/h2>/)
    assert.match(page.body, /Net Operational Expenditure against budget profile, Quarter 2 2012\/13 \(£&#39;000\)/)
    const pas = /<th scope="row" class="govuk-table__header">Prevention and Assessment Services<\/th>(.*?)<\/tr>/s.exec(
      page.body,
    )
    assert.ok(pas, 'a row for Prevention and Assessment Services')
    assert.deepEqual(
      [...pas[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) =>
        m[1]!
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
      [
        '5,645',
        '5,772',
        '(127) overspend',
        'Amber Net Operational Expenditure is 127 (£&#39;000) over its budget profile, 2.2% of profile.',
      ],
    )
    assert.ok(
      page.body.includes(`href="${financePath(DASHBOARD, parsePeriod(HALTON_FINANCE_PERIOD))}"`),
      'links to the finance page',
    )
    const overview = await viewer.get(`/plans/${slug}?${PERIOD}`)
    assert.equal(overview.statusCode, 200)
    assert.match(overview.body, /What the plan holds at Quarter 2 2012\/13/)
    assert.ok(
      overview.body.includes(`href="${financePath(slug, parsePeriod(HALTON_FINANCE_PERIOD))}"`),
      'the plan opening page links it too',
    )
    const without = await viewer.get(`/plans/${DASHBOARD}?period=${encodeURIComponent('2013/14 Q2')}`)
    assert.doesNotMatch(without.body, /plan-section-finance/, 'no summary where there are no finances')
  })

  it('is not found for a plan that does not exist or a period without finances', async () => {
    const viewer = await signedIn(app, USERS.viewer)
    assert.equal((await viewer.get(`/plans/no-such-plan/finance?${PERIOD}`)).statusCode, 404)
    const other = await viewer.get(`/plans/${slug}/finance?period=${encodeURIComponent('2013/14 Q2')}`)
    assert.equal(other.statusCode, 404)
    assert.match(other.body, /Page not found/)
  })
})
