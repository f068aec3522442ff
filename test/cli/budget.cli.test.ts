import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { HALTON_SAFER_DIR } from '../helpers/finance-fixture.ts'

/** `outturn import-budget`, through the built CLI (npm run build first), on SQLite and PostgreSQL. */

const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
const PLAN = 'Halton Safer PPB 2012/13'
const fixture = (name: string) => join(HALTON_SAFER_DIR, name)

const scratch = mkdtempSync(join(tmpdir(), 'outturn-budget-'))
const created: TestDatabase[] = []
after(async () => {
  rmSync(scratch, { recursive: true, force: true })
  for (const database of created) await database.drop()
})

function outturn(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

interface Figures {
  annualBudget: number
  budgetToDate: number
  actualToDate: number
  varianceToDate: number
}
interface FinanceJson {
  period: string
  statements: { name: string; totals: Record<string, Figures> }[]
  capital: {
    name: string
    totals: { allocation: number; allocationToDate: number; actualToDate: number; allocationRemaining: number }
  }[]
}

for (const dialect of DIALECTS) {
  describe(`outturn import-budget on ${dialect}`, () => {
    const testDb = createTestDatabase(dialect)
    created.push(testDb)
    const database = ['--database', testDb.location]

    it('imports the Halton statements and capital programme, and the report prints their totals', async () => {
      const delivery = await outturn(
        ...database,
        'import-delivery',
        '--plan',
        PLAN,
        fixture('delivery.csv'),
        fixture('delivery_updates.csv'),
      )
      assert.equal(delivery.code, 0, delivery.stderr)
      const run = await outturn(
        ...database,
        'import-budget',
        '--plan',
        PLAN,
        fixture('budget.csv'),
        fixture('capital.csv'),
      )
      assert.equal(run.code, 0, run.stderr)
      assert.equal(
        run.stdout,
        `Imported 3 revenue statements (67 lines) and 1 capital programme (10 schemes) for 2012/13 Q2 into ${PLAN}.\nChanges recorded in the audit trail: 81.\n`,
      )
      const report = await outturn(...database, 'report', '--plan', PLAN, '--period', '2012/13 Q2', '--format', 'json')
      assert.equal(report.code, 0, report.stderr)
      const finance = (JSON.parse(report.stdout) as { finance?: FinanceJson }).finance
      assert.ok(finance, 'the report has its finance')
      assert.equal(finance.period, '2012/13 Q2')
      const ccc = finance.statements.find((s) => s.name === 'Commissioning and Complex Care')
      const { annualBudget, budgetToDate, actualToDate, varianceToDate } = ccc?.totals.expenditure ?? {}
      assert.deepEqual([annualBudget, budgetToDate, actualToDate, varianceToDate], [17978, 7998, 7892, 106])
      assert.deepEqual(ccc?.totals.netDepartmentalTotal, {
        annualBudget: 17196,
        budgetToDate: 7053,
        actualToDate: 6930,
        varianceToDate: 123,
        projectedOutturn: null,
        projectedVariance: null,
      })
      assert.deepEqual(finance.capital[0]?.totals, {
        allocation: 2661,
        allocationToDate: 579,
        actualToDate: 438,
        allocationRemaining: 2223,
      })

      const again = await outturn(...database, 'import-budget', '--plan', PLAN, fixture('budget.csv'))
      assert.equal(again.code, 0, again.stderr)
      assert.match(again.stdout, /for 2012\/13 Q2 into .*\. The plan already held these figures: nothing changed\.\n/)
    })

    it('exits 1 with every located problem, and changes nothing', async () => {
      const wrong = join(scratch, `budget-${dialect}.csv`)
      writeFileSync(
        wrong,
        readFileSync(fixture('budget.csv'), 'utf8')
          .replace('"7,363","3,633","3,613"', '"7,363","3,633","3,6l3"')
          .replace('Other Premises,2012/13 Q2,72,27,19', 'Other Premises,2012/13 Q2,72,27,20'),
      )
      const trail = await outturn(...database, 'audit', '--plan', PLAN)
      const run = await outturn(...database, 'import-budget', '--plan', PLAN, wrong, fixture('capital.csv'))
      assert.equal(run.code, 1)
      assert.equal(run.stdout, '')
      assert.deepEqual(run.stderr.trim().split('\n'), [
        'Nothing was imported: the files have 4 problems.',
        `budget-${dialect}.csv, line 2, column actual_to_date: “3,6l3” is not an amount. Enter the actual to date in £'000 as the report prints it, such as 1,284, -137 or (137).`,
        // Each printed total over the changed line disagrees; those of the statement with the unreadable line are not checked.
        ...[
          [51, 'Total Expenditure', '13,786', '13,787'],
          [65, 'Net Operational Expenditure', '5,772', '5,773'],
          [71, 'Net Departmental Total', '7,646', '7,647'],
        ].map(
          ([line, total, printed, sum]) =>
            `budget-${dialect}.csv, line ${line}, column actual_to_date: The ${total} of Prevention and Assessment Services (2012/13 Q2) has an actual to date of ${printed}, but its lines add up to ${sum} (£'000). Correct the total or the lines so that they agree: the total row is checked, not stored.`,
        ),
      ])
      assert.equal((await outturn(...database, 'audit', '--plan', PLAN)).stdout, trail.stdout, 'nothing changed')

      const unknown = await outturn(...database, 'import-budget', '--plan', 'No such plan', fixture('budget.csv'))
      assert.equal(unknown.code, 1)
      assert.match(unknown.stderr, /^There is no plan called "No such plan"\./)
      const missing = await outturn(...database, 'import-budget', '--plan', PLAN, join(scratch, 'none.csv'))
      assert.equal(missing.code, 1)
      assert.match(missing.stderr, /Cannot read .*none\.csv: there is no such file/)
    })
  })
}
