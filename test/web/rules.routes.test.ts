import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { DEMO_PLAN } from '../../src/services/index.ts'
import { paths } from '../../src/web/paths.ts'
import { PLAN, Q2, type TestApp, USERS, signedIn, startTestApp, titleOf } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

const rulesUrl = paths.rules(PLAN)

async function statusOf(ref: string): Promise<string | null> {
  const evaluation = await t.services.plans.evaluate(DEMO_PLAN, parsePeriod(Q2))
  return evaluation.evaluations.find((e) => e.indicator.ref === ref)?.rag ?? null
}

const ruleChanges = async () =>
  (await t.services.plans.auditTrail(DEMO_PLAN)).filter((e) => e.field.startsWith('rule: '))

describe('the Rules page', () => {
  it('shows a viewer the rules in words, and the indicators with their own, but no form', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const page = await viewer.get(rulesUrl)
    assert.equal(page.statusCode, 200)
    assert.equal(titleOf(page.body), 'Rules for judging indicators: Trafford ADP 2013/14 – Outturn')
    assert.match(page.body, /The plan sets no rules of its own/)
    assert.match(page.body, /on target or better/)
    assert.match(page.body, /25 indicators give rules in the indicators file/)
    assert.match(page.body, /tolerance_pct 10/)
    assert.doesNotMatch(page.body, /name="tolerance"/)
    assert.doesNotMatch(page.body, /Save the rules/)
  })

  it('refuses a viewer’s and an owner’s post (403), changing nothing', async () => {
    for (const user of [USERS.viewer, USERS.owner]) {
      const client = await signedIn(t.app, user)
      await client.get(rulesUrl)
      const response = await client.post(rulesUrl, { tolerance: '2', greenWhen: 'beats', reason: 'no' })
      assert.equal(response.statusCode, 403)
    }
    assert.deepEqual(await ruleChanges(), [])
  })

  it('re-renders an officer’s mistakes with the error summary in page order, saving nothing', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(rulesUrl)
    const response = await officer.post(rulesUrl, {
      tolerance: 'ten',
      greenWithin: '5%',
      greenWhen: 'sometimes',
      amberAlso: 'none',
      reason: '',
    })
    assert.equal(response.statusCode, 400)
    assert.match(titleOf(response.body), /^Error: Rules for judging indicators/)
    const hrefs = [...response.body.matchAll(/<a href="#(\w+)"/g)].map((m) => m[1])
    assert.deepEqual(hrefs, ['tolerance', 'greenWhen'])
    assert.match(response.body, /value="ten"/, 'what was typed is kept')
    const noBand = await officer.post(rulesUrl, { tolerance: '2%', greenWithin: '5%', reason: 'x' })
    assert.match(noBand.body, /The green band must be less than the tolerance \(2%\)/)
    const noReason = await officer.post(rulesUrl, { tolerance: '2', greenWhen: 'meets', amberAlso: 'none', reason: '' })
    assert.match(noReason.body, /Give the reason for changing the rules/)
    assert.deepEqual(await ruleChanges(), [])
  })

  it('saves an officer’s rules, audited, says so, and the judgement follows at once', async () => {
    assert.equal(await statusOf('BV 9'), 'G', 'on target, so Green under meets')
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(rulesUrl)
    const response = await officer.post(rulesUrl, {
      tolerance: '',
      greenWithin: '',
      greenWhen: 'beats',
      amberAlso: 'improving',
      reason: 'Agreed by Cabinet',
    })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, paths.rules(PLAN, 2))
    const page = await officer.get(paths.rules(PLAN, 2))
    assert.match(page.body, /govuk-notification-banner--success/)
    assert.match(page.body, /The plan’s rules are saved: 2 changes recorded/)
    assert.match(page.body, /Every indicator is judged by these rules, unless it gives its own/)
    assert.match(page.body, /better than target \(on target is Amber\)/)
    const changes = await ruleChanges()
    assert.deepEqual(changes.map((e) => [e.field, e.oldValue, e.newValue, e.reason, e.actor]).sort(), [
      ['rule: amber_also', null, 'improving', 'Agreed by Cabinet', USERS.officer.email],
      ['rule: green_when', null, 'beats', 'Agreed by Cabinet', USERS.officer.email],
    ])
    assert.match(page.body, /Agreed by Cabinet/, 'the page lists the change with its reason')
    // BV 9 is on target: under beats, Amber. Its indicator page says which rule, in words.
    assert.equal(await statusOf('BV 9'), 'A')
    const indicator = await officer.get(paths.indicator(PLAN, 'BV 9', parsePeriod(Q2)))
    assert.match(indicator.body, /Amber: on target, but Green needs the target beaten\./)
    // Saving the same again changes nothing and records nothing.
    await officer.get(rulesUrl)
    const again = await officer.post(rulesUrl, { greenWhen: 'beats', amberAlso: 'improving', reason: 'again' })
    assert.equal(again.headers.location, paths.rules(PLAN, 0))
    assert.equal((await ruleChanges()).length, 2)
    assert.match((await officer.get(paths.rules(PLAN, 0))).body, /Nothing changed: the rules are as they were\./)
  })

  it('sets the plan’s budget rule for the financial statements: an error summary for a bad one, audited when saved', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const seen = await viewer.get(rulesUrl)
    assert.match(seen.body, /Red when net operational expenditure to date is more than 5% over its budget profile/)
    assert.match(seen.body, /This is the default: the plan sets no budget rule of its own\./)
    assert.doesNotMatch(seen.body, /name="redOverPercent"/, 'a viewer gets no form')
    const budgetUrl = paths.budgetRule(PLAN)
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(rulesUrl)
    const bad = await officer.post(budgetUrl, { redOverPercent: 'a lot', budgetReason: '' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /<a href="#redOverPercent">Enter the percentage over profile as a number from 0 to 100/)
    assert.match(bad.body, /value="a lot"/, 'what was typed is kept')
    const noReason = await officer.post(budgetUrl, { redOverPercent: '2', budgetReason: '' })
    assert.match(noReason.body, /<a href="#budgetReason">Give the reason for changing the budget rule/)
    assert.equal((await t.services.budgetRules.view(PLAN)).text, null, 'nothing saved')
    const saved = await officer.post(budgetUrl, { redOverPercent: '2.5%', budgetReason: 'Budget protocol 2013/14' })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, paths.rules(PLAN, 1))
    const page = await officer.get(paths.rules(PLAN, 1))
    assert.match(page.body, /more than 2\.5% over its budget profile/)
    assert.match(
      page.body,
      /<td class="govuk-table__cell">budget_red_over<\/td>\s*<td class="govuk-table__cell">none<\/td>\s*<td class="govuk-table__cell">2\.5<\/td>/,
    )
    assert.match(page.body, /Budget protocol 2013\/14/)
    // A post that leaves the percentage out keeps the rule as it is.
    const kept = await officer.post(budgetUrl, { budgetReason: 'nothing' })
    assert.equal(kept.headers.location, paths.rules(PLAN, 0))
    assert.equal((await t.services.budgetRules.view(PLAN)).text, '2.5')
  })
})
