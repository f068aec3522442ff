import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { migrateToLatest, openDatabase } from '../../src/store/database.ts'
import {
  type BudgetLineRow,
  assignBudgetHolder,
  budgetHolders,
  readFinancePeriod,
  replaceFinancePeriod,
  saveCommentary,
  statementId,
} from '../../src/store/finance.repository.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

const line = (statement: string, name: string, annual: string, section = 'expenditure'): BudgetLineRow => ({
  statement,
  unit: "£'000",
  section,
  line: name,
  annualBudget: annual,
  budgetToDate: '10.50',
  actualToDate: '9',
  projectedOutturn: null,
  note: null,
})

for (const dialect of DIALECTS) {
  describe(`finance repository (${dialect})`, () => {
    it('keeps lines in file order, exact text, replaces a period only, and records commentary and holders', async () => {
      const testDb = createTestDatabase(dialect)
      created.push(testDb)
      const database = await openDatabase(testDb.location)
      const { db, close } = database
      try {
        await migrateToLatest(database)
        const plan = await db
          .insertInto('plans')
          .values({ name: 'A plan', created_at: '2013-10-01T00:00:00.000Z' })
          .returning('id')
          .executeTakeFirstOrThrow()
        const lines = [
          line('Zeta service', 'Employees', '1284.10'),
          line('Zeta service', 'Fees', '-137', 'income'),
          line('Alpha service', 'Premises', '0.05'),
        ]
        const scheme = { programme: 'P', scheme: 'S', allocation: '2661', allocationToDate: '579', actualToDate: '438' }
        await replaceFinancePeriod(db, plan.id, '2012/13 Q2', lines, [{ ...scheme, note: null }])
        await replaceFinancePeriod(db, plan.id, '2012/13 Q1', [line('Alpha service', 'Old', '1')], [])
        const q2 = await readFinancePeriod(db, plan.id, '2012/13 Q2')
        assert.deepEqual(
          q2.lines.map((l) => [l.statement, l.line, l.annualBudget]),
          [
            ['Zeta service', 'Employees', '1284.10'],
            ['Zeta service', 'Fees', '-137'],
            ['Alpha service', 'Premises', '0.05'],
          ],
        )
        assert.deepEqual(q2.schemes, [{ ...scheme, note: null }])

        await replaceFinancePeriod(db, plan.id, '2012/13 Q2', [line('Alpha service', 'Supplies', '7')], null)
        const again = await readFinancePeriod(db, plan.id, '2012/13 Q2')
        assert.deepEqual(
          again.lines.map((l) => l.line),
          ['Supplies'],
        )
        assert.equal(again.schemes.length, 1, 'a budget-only import keeps the capital schemes')
        assert.deepEqual(
          (await readFinancePeriod(db, plan.id, '2012/13 Q1')).lines.map((l) => l.line),
          ['Old'],
        )

        const alpha = await statementId(db, plan.id, 'Alpha service', "£'000")
        await saveCommentary(db, alpha, '2012/13 Q2', { comments: 'On track', projectedOutturn: '7' }, 'x', 'now')
        await saveCommentary(db, alpha, '2012/13 Q2', { comments: 'Revised', projectedOutturn: null }, 'x', 'later')
        assert.deepEqual((await readFinancePeriod(db, plan.id, '2012/13 Q2')).commentaries, [
          { statement: 'Alpha service', comments: 'Revised', projectedOutturn: null },
        ])

        const user = await db
          .insertInto('users')
          .values({
            email: 'a@outturn.example',
            name: 'An officer',
            role: 'officer',
            password_hash: 'x',
            created_at: 'now',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await assignBudgetHolder(db, alpha, user.id, 'admin', 'now')
        await assignBudgetHolder(db, alpha, user.id, 'admin', 'now')
        assert.deepEqual(await budgetHolders(db, alpha), [user.id])
      } finally {
        await close()
      }
    })
  })
}
