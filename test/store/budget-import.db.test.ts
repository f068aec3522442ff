import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { DomainError } from '../../src/domain/errors.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJsonText } from '../../src/reports/report.json.ts'
import { ImportRejected, type Services, budgetImportSentences, openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { HALTON_FINANCE_PERIOD, HALTON_SAFER_DIR, haltonFinance } from '../helpers/finance-fixture.ts'

const PLAN = 'Halton Safer PPB 2012/13'
const fixture = (name: string) => ({ name, content: readFileSync(`${HALTON_SAFER_DIR}${name}`, 'utf8') })
const budgetFile = fixture('budget.csv')
const capitalFile = fixture('capital.csv')
/** The fixture with one line changed: Employees' actual to date 3,613 → 3,620, and its Total Expenditure to match. */
const revised = {
  name: 'budget.csv',
  content: budgetFile.content
    .replace('Employees,2012/13 Q2,"7,363","3,633","3,613"', 'Employees,2012/13 Q2,"7,363","3,633","3,620"')
    .replace(
      'Total Expenditure,2012/13 Q2,"17,978","7,998","7,892"',
      'Total Expenditure,2012/13 Q2,"17,978","7,998","7,899"',
    )
    .replace(
      'Net Operational Expenditure,2012/13 Q2,"13,531","5,560","5,437"',
      'Net Operational Expenditure,2012/13 Q2,"13,531","5,560","5,444"',
    )
    .replace(
      'Net Departmental Total,2012/13 Q2,"17,196","7,053","6,930"',
      'Net Departmental Total,2012/13 Q2,"17,196","7,053","6,937"',
    ),
}

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

async function fresh(dialect: 'sqlite' | 'postgres') {
  const testDb = createTestDatabase(dialect)
  created.push(testDb)
  const opened = await openServices(testDb.location, { now: () => new Date('2012-10-20T09:00:00.000Z') })
  await opened.services.delivery.importDelivery({
    planName: PLAN,
    itemsFile: fixture('delivery.csv'),
    updatesFile: fixture('delivery_updates.csv'),
    actor: 'test',
  })
  return opened
}

async function held(services: Services) {
  const plan = await services.plans.bySlugOrName(PLAN)
  const finance = await services.finance.financeFor(plan.id, HALTON_FINANCE_PERIOD)
  const trail = await services.plans.auditTrail(PLAN)
  return { finance, trail, budgetEvents: trail.filter((e) => e.entity === 'budget') }
}

for (const dialect of DIALECTS) {
  describe(`importing a budget on ${dialect}`, () => {
    it('imports the Halton statements and capital programme, read back as published, audited, repeatable', async () => {
      const { services, close } = await fresh(dialect)
      try {
        const stampBefore = await services.plans.stamp()
        const outcome = await services.budgets.importBudget({
          planName: PLAN,
          budgetFile,
          capitalFile,
          actor: 'cli:test',
        })
        assert.deepEqual(outcome.periods, [
          { period: '2012/13 Q2', statements: 3, lines: 67, programmes: 1, schemes: 10, changed: true },
        ])
        // A line or scheme each, and a summary of each statement and programme.
        assert.equal(outcome.auditEvents, 67 + 3 + 10 + 1)
        assert.deepEqual(budgetImportSentences(outcome), [
          `Imported 3 revenue statements (67 lines) and 1 capital programme (10 schemes) for 2012/13 Q2 into ${PLAN}.`,
          'Changes recorded in the audit trail: 81.',
        ])
        const { finance, budgetEvents } = await held(services)
        assert.deepEqual(finance, haltonFinance())
        assert.notEqual(await services.plans.stamp(), stampBefore, 'remembered judgements are worked out again')

        const summary = budgetEvents.find((e) => e.ref === 'Commissioning and Complex Care' && e.field === 'statement')
        assert.equal(summary?.actor, 'cli:test')
        assert.equal(summary.at, '2012-10-20T09:00:00.000Z')
        assert.equal(summary.period, '2012/13 Q2')
        assert.equal(summary.source, 'import:budget.csv,capital.csv')
        assert.equal(summary.oldValue, null)
        assert.equal(
          summary.newValue,
          "30 lines in £'000; net departmental total: annual budget 17,196, budget to date 7,053, actual to date 6,930",
        )
        const programme = budgetEvents.find((e) => e.field === 'programme')
        assert.equal(
          programme?.newValue,
          '10 schemes; total: allocation 2,661, allocation to date 579, actual to date 438',
        )
        assert.equal(programme.ref, 'Capital programme: Commissioning and Complex Care')

        const again = await services.budgets.importBudget({
          planName: PLAN,
          budgetFile,
          capitalFile,
          actor: 'cli:test',
        })
        assert.equal(again.periods[0]?.changed, false)
        assert.equal(again.auditEvents, 0)
        assert.match(budgetImportSentences(again)[0] ?? '', /The plan already held these figures: nothing changed\.$/)
        assert.equal((await held(services)).budgetEvents.length, budgetEvents.length)
      } finally {
        await close()
      }
    })

    it('records a changed line with its old and new figures, and the statement’s totals before and after', async () => {
      const { services, close } = await fresh(dialect)
      try {
        await services.budgets.importBudget({ planName: PLAN, budgetFile, capitalFile, actor: 'test' })
        const before = (await held(services)).budgetEvents.length
        // Without capital.csv the capital programme is kept as it was.
        const outcome = await services.budgets.importBudget({ planName: PLAN, budgetFile: revised, actor: 'officer' })
        assert.deepEqual(outcome.periods, [
          { period: '2012/13 Q2', statements: 3, lines: 67, programmes: 0, schemes: 0, changed: true },
        ])
        const { finance, budgetEvents } = await held(services)
        const changes = budgetEvents.slice(0, budgetEvents.length - before)
        assert.deepEqual(changes.map((e) => [e.ref, e.field, e.oldValue, e.newValue]).sort(), [
          [
            'Commissioning and Complex Care',
            'expenditure: Employees',
            'annual budget 7,363; budget to date 3,633; actual to date 3,613',
            'annual budget 7,363; budget to date 3,633; actual to date 3,620',
          ],
          [
            'Commissioning and Complex Care',
            'statement',
            "30 lines in £'000; net departmental total: annual budget 17,196, budget to date 7,053, actual to date 6,930",
            "30 lines in £'000; net departmental total: annual budget 17,196, budget to date 7,053, actual to date 6,937",
          ],
        ])
        assert.equal(finance.statements[0]?.lines[0]?.actualToDate.units, 3620n)
        assert.equal(finance.capital[0]?.schemes.length, 10)
      } finally {
        await close()
      }
    })

    it('refuses a file with a problem, or an unknown plan, and writes nothing', async () => {
      const { services, close } = await fresh(dialect)
      try {
        await services.budgets.importBudget({ planName: PLAN, budgetFile, actor: 'test' })
        const before = await held(services)
        const wrongTotal = {
          name: 'budget.csv',
          content: revised.content.replace('"7,899"', '"7,892"'),
        }
        const badCapital = {
          name: 'capital.csv',
          content: capitalFile.content.replace(',650,201,161,', ',650,201,1x1,'),
        }
        await assert.rejects(
          services.budgets.importBudget({
            planName: PLAN,
            budgetFile: wrongTotal,
            capitalFile: badCapital,
            actor: 'test',
          }),
          (error: unknown) => {
            assert.ok(error instanceof ImportRejected)
            assert.deepEqual(
              error.problems.map((p) => [p.file, p.line, p.column]),
              [
                ['budget.csv', 18, 'actual_to_date'],
                ['capital.csv', 3, 'actual_to_date'],
              ],
            )
            assert.match(error.message, /^Nothing was imported: the files have 2 problems\./)
            assert.match(error.message, /has an actual to date of 7,892, but its lines add up to 7,899/)
            return true
          },
        )
        await assert.rejects(
          services.budgets.importBudget({ planName: 'No such plan', budgetFile, actor: 'test' }),
          (error: unknown) =>
            error instanceof DomainError &&
            error.code === 'plan-not-found' &&
            error.message.startsWith('There is no plan called "No such plan".') &&
            error.message.includes(`"${PLAN}"`),
        )
        assert.deepEqual(await held(services), before)
      } finally {
        await close()
      }
    })

    it('refuses to change a signed-off period without the reason, and marks the revision when given one', async () => {
      const { services, close } = await fresh(dialect)
      try {
        await services.budgets.importBudget({ planName: PLAN, budgetFile, actor: 'test' })
        const plan = await services.plans.bySlugOrName(PLAN)
        const officer = { id: 0, email: 'officer@outturn.example', name: 'An officer', role: 'officer' as const }
        const q2 = parsePeriod(HALTON_FINANCE_PERIOD)
        await services.signOffs.lock(officer, plan.slug, q2, { committee: null, regardless: 'test' }, reportJsonText)
        const before = await held(services)
        await assert.rejects(
          services.budgets.importBudget({ planName: PLAN, budgetFile: revised, actor: 'test' }),
          (error: unknown) =>
            error instanceof ImportRejected &&
            error.problems.length === 1 &&
            error.problems[0]?.column === 'period' &&
            /Import again with the reason/.test(error.message),
        )
        assert.deepEqual(await held(services), before)
        // The same files unchanged need no reason: nothing would change.
        const same = await services.budgets.importBudget({ planName: PLAN, budgetFile, actor: 'test' })
        assert.equal(same.auditEvents, 0)
        const revision = await services.budgets.importBudget({
          planName: PLAN,
          budgetFile: revised,
          actor: 'test',
          reason: 'Corrected actual for Employees',
        })
        assert.equal(revision.auditEvents, 2)
        const events = (await held(services)).budgetEvents.slice(0, 2)
        assert.ok(events.every((e) => e.reason === 'Corrected actual for Employees' && e.signOffId != null))
      } finally {
        await close()
      }
    })
  })
}
