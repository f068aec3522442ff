import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { DomainError } from '../../src/domain/errors.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJsonText } from '../../src/reports/report.json.ts'
import { type Services, openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { HALTON_FINANCE_PERIOD, HALTON_SAFER_DIR } from '../helpers/finance-fixture.ts'

const PLAN = 'Halton Safer PPB 2012/13'
const fixture = (name: string) => ({ name, content: readFileSync(`${HALTON_SAFER_DIR}${name}`, 'utf8') })
const OFFICER = { id: 0, email: 'officer@council.example', name: 'An officer', role: 'officer' as const }
const OWNER = { ...OFFICER, email: 'owner@council.example', role: 'owner' as const }

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

interface StatementStatus {
  readonly name: string
  readonly status: { readonly rag: string; readonly overProfilePct: number | null; readonly ruleText: string }
}

/** Each statement's budget status in the report JSON, as the CLI and API give it. */
async function statuses(services: Services): Promise<StatementStatus[]> {
  const data = await services.reports.reportJsonData(PLAN, parsePeriod(HALTON_FINANCE_PERIOD))
  const json = JSON.parse(reportJsonText(data)) as {
    finance?: { statements: StatementStatus[] }
  }
  return json.finance?.statements ?? []
}

for (const dialect of DIALECTS) {
  describe(`a plan's budget rule on ${dialect}`, async () => {
    const testDb = createTestDatabase(dialect)
    created.push(testDb)
    const { services, close } = await openServices(testDb.location, { now: () => new Date('2012-10-20T09:00:00Z') })
    after(close)
    await services.delivery.importDelivery({
      planName: PLAN,
      itemsFile: fixture('delivery.csv'),
      updatesFile: fixture('delivery_updates.csv'),
      actor: 'test',
    })
    await services.budgets.importBudget({
      planName: PLAN,
      budgetFile: fixture('budget.csv'),
      capitalFile: fixture('capital.csv'),
      actor: 'test',
    })

    it('judges by the default (Red over 5% above profile) until the plan sets its own', async () => {
      const view = await services.budgetRules.view(PLAN)
      assert.equal(view.text, null)
      const before = await statuses(services)
      assert.ok(before.length >= 2, 'the fixture’s statements are reported')
      for (const s of before) assert.match(s.status.ruleText, /more than 5% over its budget profile/)
    })

    it('changes every statement’s status and rule text by the plan’s own rule, audited with the reason', async () => {
      const before = await statuses(services)
      const saved = await services.budgetRules.setRule(OFFICER, PLAN, { redOverPercent: '0%', reason: 'Protocol' })
      assert.deepEqual(saved, { ok: true, changes: 1 })
      const after0 = await statuses(services)
      for (const [i, s] of after0.entries()) {
        assert.match(s.status.ruleText, /more than 0% over its budget profile/)
        const over = (before[i]?.status.overProfilePct ?? 0) > 0
        // With no allowance, anything over profile is Red; on or under profile stays Green.
        assert.equal(s.status.rag, over ? 'R' : 'G', `${s.name} at ${String(s.status.overProfilePct)}%`)
      }
      assert.ok(
        after0.some((s, i) => s.status.rag !== before[i]?.status.rag),
        'some statement within 5% over profile turns Red',
      )
      const trail = (await services.plans.auditTrail(PLAN)).filter((e) => e.field === 'rule: budget_red_over')
      assert.equal(trail.length, 1)
      assert.deepEqual(
        [trail[0]?.actor, trail[0]?.oldValue, trail[0]?.newValue, trail[0]?.reason],
        [OFFICER.email, null, '0', 'Protocol'],
      )
      // Back to the default: the stored rule goes, and the statuses are as they were.
      assert.deepEqual(await services.budgetRules.setRule(OFFICER, PLAN, { redOverPercent: '', reason: 'Undo' }), {
        ok: true,
        changes: 1,
      })
      assert.deepEqual(await statuses(services), before)
    })

    it('refuses a bad percentage or a change without a reason, writing nothing, and anyone but the team', async () => {
      const trail = await services.plans.auditTrail(PLAN)
      for (const [text, field] of [
        ['lots', 'redOverPercent'],
        ['-1', 'redOverPercent'],
        ['101', 'redOverPercent'],
        ['7.5', 'budgetReason'],
      ] as const) {
        const refused = await services.budgetRules.setRule(OFFICER, PLAN, { redOverPercent: text, reason: '' })
        if (refused.ok) assert.fail(`${text} was accepted`)
        assert.deepEqual(
          refused.errors.map((e) => e.field),
          [field],
          text,
        )
      }
      await assert.rejects(
        services.budgetRules.setRule(OWNER, PLAN, { redOverPercent: '1', reason: 'Mine' }),
        (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
      )
      assert.deepEqual(await services.plans.auditTrail(PLAN), trail)
      assert.equal((await services.budgetRules.view(PLAN)).text, null)
    })

    it('reads "7.5 %" as 7.5 and says nothing changed when given the rule it has', async () => {
      assert.deepEqual(await services.budgetRules.setRule(OFFICER, PLAN, { redOverPercent: ' 7.5 % ', reason: 'x' }), {
        ok: true,
        changes: 1,
      })
      assert.equal((await services.budgetRules.view(PLAN)).text, '7.5')
      assert.deepEqual(await services.budgetRules.setRule(OFFICER, PLAN, { redOverPercent: '7.50', reason: '' }), {
        ok: true,
        changes: 0,
      })
    })
  })
}
