import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { DEMO_DELIVERY_PLANS } from '../../src/services/demo.service.ts'
import { HALTON_FINANCE_PERIOD, HALTON_SAFER_DIR } from '../helpers/finance-fixture.ts'
import { multipart } from '../security/multipart.ts'
import { type Client, type TestApp, USERS, signedIn, startTestApp } from './harness.ts'

const PLAN = DEMO_DELIVERY_PLANS.halton
const BUDGET = readFileSync(`${HALTON_SAFER_DIR}budget.csv`, 'utf8')
const CAPITAL = readFileSync(`${HALTON_SAFER_DIR}capital.csv`, 'utf8')
/** Stairlifts' actual to date 154 → 150, and the printed Total Spending to match. */
const REVISED_CAPITAL = CAPITAL.replace(
  'Stairlifts,2012/13 Q2,250,123,154',
  'Stairlifts,2012/13 Q2,250,123,150',
).replace('Total Spending,2012/13 Q2,"2,661",579,438', 'Total Spending,2012/13 Q2,"2,661",579,434')

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

function upload(client: Client, fields: Record<string, string>, files: Record<string, string>) {
  return client.request({
    method: 'POST',
    url: '/import/budget',
    ...multipart({ _csrf: client.csrf, ...fields }, files),
  })
}

async function haltonFinance() {
  const plan = await t.services.plans.bySlugOrName(PLAN)
  return t.services.finance.financeFor(plan.id, HALTON_FINANCE_PERIOD)
}

describe('the budget import page', () => {
  it('imports the statements and capital programme into a plan and says what it imported', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const form = await officer.get('/import/budget')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /<h1 class="govuk-heading-l">Import a budget<\/h1>/)
    assert.match(form.body, new RegExp(`<option value="${PLAN}">${PLAN}</option>`))
    const response = await upload(officer, { planName: PLAN }, { budget: BUDGET, capital: REVISED_CAPITAL })
    assert.equal(response.statusCode, 303, response.body.slice(0, 500))
    const location = String(response.headers.location)
    assert.equal(location, '/import/budget?imported=halton-safer-ppb-2012-13&periods=2012%2F13%20Q2')
    const done = await officer.get(location)
    assert.equal(done.statusCode, 200)
    assert.match(done.body, /govuk-notification-banner--success/)
    assert.ok(
      done.body.includes(
        `Imported 3 revenue statements (67 lines) and 1 capital programme (10 schemes) for 2012/13 Q2 into ${PLAN}.`,
      ),
    )
    assert.match(
      done.body,
      /href="\/plans\/halton-safer-ppb-2012-13\/finance\?period=2012%2F13\+Q2">View the financial statements for Quarter 2 2012\/13<\/a>/,
    )
    const finance = await haltonFinance()
    assert.equal(finance.capital[0]?.totals.actualToDate.units, 434n)
    const trail = await t.services.plans.auditTrail(PLAN)
    const stairlifts = trail.find((e) => e.entity === 'budget' && e.field === 'Stairlifts')
    assert.equal(stairlifts?.actor, USERS.officer.email)
    assert.equal(stairlifts.newValue, 'allocation 250; allocation to date 123; actual to date 150')
  })

  it('lists every problem with its file, line and column under the error summary, and imports nothing', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get('/import/budget')
    const before = { finance: await haltonFinance(), trail: await t.services.plans.auditTrail(PLAN) }
    const budget = BUDGET.replace(
      'Employees,2012/13 Q2,"7,363","3,633","3,613"',
      'Employees,2012/13 Q2,"7,363","3,633","3,600"',
    )
    const capital = CAPITAL.replace('Renovation Grant,2012/13 Q2,85,21,0', 'Renovation Grant,2012/13 Q2,85,21,nil')
    const response = await upload(officer, { planName: PLAN }, { budget, capital })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: Import a budget/)
    assert.match(response.body, /There is a problem/)
    assert.match(response.body, /<a href="#problems">The files have 4 problems\. Nothing was imported\./)
    // The three printed totals over Employees disagree with its lines; the capital row cannot be read (so its
    // programme's Total Spending is not checked).
    assert.match(
      response.body,
      /<td class="govuk-table__cell">budget\.csv<\/td>\s*<td class="govuk-table__cell">18<\/td>\s*<td class="govuk-table__cell">actual_to_date<\/td>\s*<td class="govuk-table__cell">The Total Expenditure of Commissioning and Complex Care \(2012\/13 Q2\) has an actual to date of 7,892, but its lines add up to 7,879/,
    )
    assert.match(
      response.body,
      /<td class="govuk-table__cell">capital\.csv<\/td>\s*<td class="govuk-table__cell">2<\/td>\s*<td class="govuk-table__cell">actual_to_date<\/td>/,
    )
    assert.deepEqual(
      { finance: await haltonFinance(), trail: await t.services.plans.auditTrail(PLAN) },
      before,
      'nothing was written',
    )
  })

  it('asks for the plan and the budget file, and keeps the plan chosen', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get('/import/budget')
    const response = await upload(officer, { planName: '' }, {})
    assert.equal(response.statusCode, 400)
    for (const text of ['Choose the plan the budget belongs to', 'Select the revenue statements CSV file (budget.csv)'])
      assert.ok(response.body.includes(text), text)
    const unknown = await upload(officer, { planName: 'No such plan' }, { budget: BUDGET })
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.body, /<a href="#planName">There is no plan called &quot;No such plan&quot;\./)
  })

  it('is the performance team’s: an indicator owner is refused and nothing changes', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    assert.equal((await owner.get('/import/budget')).statusCode, 403)
  })
})
