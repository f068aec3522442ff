import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { sql } from 'kysely'
import { migrateDownToNothing, migrateToLatest, openDatabase } from '../../src/store/database.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

for (const dialect of DIALECTS) {
  describe(`migrations on ${dialect}`, () => {
    it('migrate up, down to nothing, and up again', async () => {
      const testDb = createTestDatabase(dialect)
      created.push(testDb)
      const database = await openDatabase(testDb.location)
      const { db, close } = database
      try {
        assert.deepEqual(await migrateToLatest(database), [
          '001-initial',
          '002-users-sessions-exceptions',
          '003-delivery-risks-inspection',
          '004-assignments-inspection',
          '005-statistics-data',
          '006-audit-change-sets',
          '007-period-locks',
          '008-people',
        ])
        assert.deepEqual(await migrateToLatest(database), [], 'an up-to-date database needs nothing')
        const tables = async (): Promise<string[]> =>
          (await db.introspection.getTables())
            .filter((t) => database.schema === null || t.schema === database.schema)
            .map((t) => t.name)
            .filter((name) => !name.startsWith('kysely_'))
            .sort()
        assert.deepEqual(await tables(), [
          'audit_events',
          'comparators',
          'delivery_assignments',
          'delivery_groups',
          'delivery_items',
          'delivery_updates',
          'exception_reports',
          'indicator_assignments',
          'indicators',
          'kloe_scores',
          'observations',
          'password_links',
          'period_sign_offs',
          'plans',
          'risk_reviews',
          'risk_treatments',
          'risks',
          'sessions',
          'themes',
          'treatment_assignments',
          'users',
        ])
        await migrateDownToNothing(database)
        assert.deepEqual(await tables(), [])
        assert.deepEqual(await migrateToLatest(database), [
          '001-initial',
          '002-users-sessions-exceptions',
          '003-delivery-risks-inspection',
          '004-assignments-inspection',
          '005-statistics-data',
          '006-audit-change-sets',
          '007-period-locks',
          '008-people',
        ])
        await db.insertInto('plans').values({ name: 'A plan', created_at: '2013-10-01T00:00:00.000Z' }).execute()
        const { count } = await db
          .selectFrom('plans')
          .select(sql<string | number>`count(*)`.as('count'))
          .executeTakeFirstOrThrow()
        assert.equal(Number(count), 1)
      } finally {
        await close()
      }
    })
  })
}
