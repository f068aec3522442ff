import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { openDatabase } from '../../src/store/database.ts'
import { insertSignOff } from '../../src/store/sign-off.repository.ts'
import { readFinancePeriod } from '../../src/store/finance.repository.ts'
import { budgetCommentaryPath, budgetHoldersPath, financePath } from '../../src/web/paths.ts'
import { HALTON_FINANCE_PERIOD } from '../helpers/finance-fixture.ts'
import { storeHaltonFinance } from '../helpers/finance-store.ts'
import { type Client, type TestApp, USERS, signedIn, startTestApp, titleOf } from './harness.ts'

const SLUG = 'halton-safer-ppb-2012-13'
const PERIOD = parsePeriod(HALTON_FINANCE_PERIOD)
const CCC = 'Commissioning and Complex Care'
const PAS = 'Prevention and Assessment Services'

let t: TestApp
let ids: Map<string, number>
let officer: Client
let owner: Client
let viewer: Client
const id = (name: string): number => ids.get(name) ?? 0
const form = (name: string): string => budgetCommentaryPath(SLUG, id(name), PERIOD)
const trail = async (): Promise<string> => JSON.stringify(await t.services.plans.auditTrail(planName()))
let planName: () => string = () => ''
async function stored(): Promise<string> {
  const database = await openDatabase(t.databasePath)
  try {
    const plan = await t.services.plans.bySlug(SLUG)
    return JSON.stringify((await readFinancePeriod(database.db, plan.id, HALTON_FINANCE_PERIOD)).commentaries)
  } finally {
    await database.close()
  }
}

before(async () => {
  t = await startTestApp()
  ids = await storeHaltonFinance(t.databasePath, SLUG)
  const plan = await t.services.plans.bySlug(SLUG)
  planName = () => plan.name
  officer = await signedIn(t.app, USERS.officer)
  owner = await signedIn(t.app, USERS.owner)
  viewer = await signedIn(t.app, USERS.viewer)
})
after(async () => {
  await t.close()
})

const ownerId = async (): Promise<number> =>
  (await t.services.auth.listUsers()).find((u) => u.email === USERS.owner.email)?.id ?? 0

describe('budget holders', () => {
  it('are chosen by the performance team, each change said and audited, a blank choice refused', async () => {
    const finance = await officer.get(financePath(SLUG, PERIOD))
    assert.equal(finance.statusCode, 200)
    assert.ok(finance.body.includes(`href="${budgetHoldersPath(SLUG)}"`), 'the finance page links the holders page')
    const page = await officer.get(budgetHoldersPath(SLUG))
    assert.equal(page.statusCode, 200)
    assert.equal(titleOf(page.body), 'Budget holders: Halton Safer PPB 2012/13 – Outturn')
    assert.match(page.body, new RegExp(`<h2 class="govuk-heading-m" id="statement-${id(CCC)}">${CCC}</h2>`))

    const before = await trail()
    const blank = await officer.post(budgetHoldersPath(SLUG), {
      statement: String(id(CCC)),
      action: 'assign',
      [`person-${id(CCC)}`]: '',
    })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /There is a problem/)
    assert.ok(blank.body.includes(`href="#person-${id(CCC)}">Choose who is to hold the budget for ${CCC}</a>`))
    assert.equal(await trail(), before, 'nothing written')

    const assigned = await officer.post(budgetHoldersPath(SLUG), {
      statement: String(id(CCC)),
      action: 'assign',
      [`person-${id(CCC)}`]: String(await ownerId()),
    })
    assert.equal(assigned.statusCode, 303)
    const shown = await officer.get(String(assigned.headers.location))
    assert.match(
      shown.body,
      new RegExp(`Demo indicator owner is now a budget holder for ${CCC}: they can write its comments`),
    )
    assert.match(shown.body, /Demo indicator owner \(owner@outturn\.example\)<\/span>/)
    assert.match(
      await trail(),
      /"field":"budget holder","oldValue":null,"newValue":"Demo indicator owner \(owner@outturn\.example\)"/,
    )
  })

  it('are refused the holders page and its changes unless in the performance team', async () => {
    for (const client of [owner, viewer]) {
      assert.equal((await client.get(budgetHoldersPath(SLUG))).statusCode, 403)
      const before = await trail()
      const post = await client.post(budgetHoldersPath(SLUG), {
        statement: String(id(PAS)),
        action: 'assign',
        [`person-${id(PAS)}`]: String(await ownerId()),
      })
      assert.equal(post.statusCode, 403)
      assert.equal(await trail(), before)
    }
  })

  it('see a link to the form for their own statements only; a viewer sees none', async () => {
    const mine = await owner.get(financePath(SLUG, PERIOD))
    assert.ok(mine.body.includes(`href="${form(CCC).replaceAll('&', '&amp;')}"`), 'their own statement')
    assert.ok(!mine.body.includes(`statements/${id(PAS)}/commentary`), 'not another')
    assert.ok(!mine.body.includes(budgetHoldersPath(SLUG)), 'no holders page link')
    const viewing = await viewer.get(financePath(SLUG, PERIOD))
    assert.doesNotMatch(viewing.body, /\/commentary\?/)
    assert.equal((await owner.get(form(PAS))).statusCode, 403)
    assert.equal((await viewer.get(form(CCC))).statusCode, 403)
  })

  it('write comments and a projected outturn: bad input re-renders with the error summary and writes nothing', async () => {
    const page = await owner.get(form(CCC))
    assert.equal(page.statusCode, 200)
    assert.equal(titleOf(page.body), `Comments and projected outturn for ${CCC}, Quarter 2 2012/13 – Outturn`)
    assert.match(page.body, /in £&#39;000; write \(137\) or -137 for a credit/)
    assert.match(page.body, /name="_csrf"/)
    assert.match(
      page.body,
      /<dt class="govuk-summary-list__key">Annual budget<\/dt><dd class="govuk-summary-list__value">[\d,-]+<\/dd>/,
    )

    const before = [await stored(), await trail()]
    const bad = await owner.post(form(CCC), { comments: 'Placements', projectedOutturn: 'about 12k' })
    assert.equal(bad.statusCode, 400)
    assert.match(titleOf(bad.body), /^Error: /)
    assert.ok(bad.body.includes('href="#projectedOutturn">Enter the projected outturn of'))
    assert.match(bad.body, />Placements<\/textarea>/, 'what was typed is kept')
    const long = await owner.post(form(CCC), { comments: 'x'.repeat(10_001), projectedOutturn: '1' })
    assert.equal(long.statusCode, 400)
    assert.ok(long.body.includes('href="#comments">The commentary must be 10,000 characters or fewer'))
    assert.deepEqual([await stored(), await trail()], before, 'nothing written')

    const saved = await owner.post(form(CCC), {
      comments: 'Residential placements are above budget.',
      projectedOutturn: '(137)',
    })
    assert.equal(saved.statusCode, 303)
    const after = await owner.get(String(saved.headers.location))
    assert.match(
      after.body,
      new RegExp(
        `Saved for ${CCC}, Quarter 2 2012/13: the comments and a projected outturn of -137 \\(£&#39;000\\)\\.`,
      ),
    )
    assert.match(after.body, /value="-137"/)
    assert.match(after.body, /<td class="govuk-table__cell">projected outturn \(2012\/13 Q2\)<\/td>/)
    const finance = await viewer.get(financePath(SLUG, PERIOD))
    assert.ok(finance.body.includes('Residential placements are above budget.'), 'the finance page shows it')
    const trailed = await trail()
    assert.match(trailed, /"field":"comments","oldValue":null,"newValue":"Residential placements are above budget\."/)
    assert.match(trailed, /"actor":"owner@outturn\.example"/)

    const again = await owner.post(form(CCC), {
      comments: 'Residential placements are above budget.',
      projectedOutturn: '-137',
    })
    const unchanged = await owner.get(String(again.headers.location))
    assert.match(unchanged.body, /Nothing changed: the comments and projected outturn for/)
  })

  it('are listed on the holder’s returns page while a round is open for the period, leading back there', async () => {
    const signIn = await t.services.auth.signIn(USERS.officer.email, USERS.officer.password)
    assert.ok(signIn.ok)
    const opened = await t.services.rounds.open(signIn.user, SLUG, PERIOD, {
      due: '2012-10-15',
      committee: null,
      publish: 'on-entry',
    })
    assert.ok(opened.ok, JSON.stringify(opened))
    const returns = await owner.get('/returns')
    assert.equal(returns.statusCode, 200)
    const fromReturns = budgetCommentaryPath(SLUG, id(CCC), PERIOD, { from: 'returns' })
    assert.ok(returns.body.includes(`<a class="govuk-link" href="${fromReturns.replaceAll('&', '&amp;')}">${CCC}</a>`))
    assert.match(
      returns.body,
      /Halton Safer PPB 2012\/13, Quarter 2 2012\/13 \(due 15 October 2012\):\s*<strong class="govuk-tag govuk-tag--green">Written<\/strong>/,
    )
    assert.ok(!returns.body.includes(`>${PAS}</a>`), 'only the statements they hold')
    assert.doesNotMatch((await viewer.get('/returns')).body, /Your budget statements/)
    const page = await owner.get(fromReturns)
    assert.ok(page.body.includes('href="/returns">Back to your returns</a>'))
    const saved = await owner.post(fromReturns, { comments: 'From the returns page.', projectedOutturn: '-137' })
    assert.equal(saved.statusCode, 303)
    assert.match(String(saved.headers.location), /saved=1&from=returns$/)
  })

  it('refuses writes from others, and once the period is signed off refuses the holder', async () => {
    for (const [client, name] of [
      [owner, PAS],
      [viewer, CCC],
    ] as const) {
      const before = [await stored(), await trail()]
      const refused = await client.post(form(name), { comments: 'Not mine', projectedOutturn: '' })
      assert.equal(refused.statusCode, 403)
      assert.deepEqual([await stored(), await trail()], before)
    }
    assert.equal((await owner.get(budgetCommentaryPath(SLUG, 999_999, PERIOD))).statusCode, 404)
    assert.equal(
      (await owner.get(`/plans/${SLUG}/finance/statements/1x/commentary?period=2012/13%20Q2`)).statusCode,
      404,
    )

    const database = await openDatabase(t.databasePath)
    try {
      const plan = await t.services.plans.bySlug(SLUG)
      await insertSignOff(database.db, plan.id, {
        period: HALTON_FINANCE_PERIOD,
        lockedAt: '2012-11-14T10:00:00.000Z',
        lockedBy: 'officer@outturn.example',
        committee: 'Safer PPB',
        snapshot: '{}',
        snapshotData: '{}',
      })
    } finally {
      await database.close()
    }
    const locked = await owner.get(form(CCC))
    assert.equal(locked.statusCode, 200)
    assert.match(locked.body, /and is locked/)
    assert.doesNotMatch(locked.body, /name="comments"/, 'no form for a holder once signed off')
    const before = [await stored(), await trail()]
    assert.equal((await owner.post(form(CCC), { comments: 'Late', projectedOutturn: '' })).statusCode, 403)
    const noReason = await officer.post(form(CCC), { comments: 'Late', projectedOutturn: '' })
    assert.equal(noReason.statusCode, 400)
    assert.ok(noReason.body.includes('href="#reason">'))
    assert.deepEqual([await stored(), await trail()], before)
    const revised = await officer.post(form(CCC), { comments: 'Late', projectedOutturn: '', reason: 'Agreed at PPB' })
    assert.equal(revised.statusCode, 303)
    assert.match(await trail(), /"reason":"Agreed at PPB"/)
    assert.doesNotMatch((await owner.get('/returns')).body, /Your budget statements/, 'the round is over')
  })
})
