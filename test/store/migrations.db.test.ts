import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { sql } from 'kysely'
import { migrateDownToNothing, migrateToLatest, openDatabase } from '../../src/store/database.ts'
import { withSchemaIntrospection } from '../../src/store/schema-introspector.ts'
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
          '010-rules',
          '011-round',
          '012-finance',
          '013-report-details',
          '014-import-jobs',
        ])
        assert.deepEqual(await migrateToLatest(database), [], 'an up-to-date database needs nothing')
        const tables = async (): Promise<string[]> =>
          (await (database.schema ? withSchemaIntrospection(db, database.schema) : db).introspection.getTables())
            .map((t) => t.name)
            .filter((name) => !name.startsWith('kysely_'))
            .sort()
        assert.deepEqual(await tables(), [
          'audit_events',
          'budget_commentaries',
          'budget_lines',
          'budget_rules',
          'budget_statements',
          'capital_schemes',
          'comparators',
          'delivery_assignments',
          'delivery_groups',
          'delivery_items',
          'delivery_updates',
          'exception_reports',
          'import_jobs',
          'indicator_assignments',
          'indicators',
          'kloe_scores',
          'observations',
          'outbox',
          'password_links',
          'period_sign_offs',
          'plans',
          'report_details',
          'report_sections',
          'risk_reviews',
          'risk_treatments',
          'risks',
          'round_returns',
          'rounds',
          'sessions',
          'statement_assignments',
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
          '010-rules',
          '011-round',
          '012-finance',
          '013-report-details',
          '014-import-jobs',
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

    if (dialect === 'postgres') {
      it('looks for its own tables in its own schema only, so another schema dropped meanwhile cannot fail it', async () => {
        const ours = createTestDatabase(dialect)
        const theirs = createTestDatabase(dialect)
        created.push(ours, theirs)
        const other = await openDatabase(theirs.location)
        const database = await openDatabase(ours.location)
        try {
          await sql`create table plans (id integer)`.execute(other.db)
          await sql`create table kysely_migration (name text)`.execute(other.db)
          const scoped = withSchemaIntrospection(database.db, database.schema ?? 'public').introspection
          assert.deepEqual(await scoped.getTables(), [], 'another schema’s tables are not ours')
          assert.deepEqual(
            (await scoped.getSchemas()).map((s) => s.name),
            [database.schema],
          )
          assert.ok((await migrateToLatest(database)).length > 0, 'a schema beside one with a migration table migrates')
          const names = (await scoped.getTables()).map((t) => t.name)
          assert.ok(names.includes('plans') && names.includes('kysely_migration'))
          assert.ok((await scoped.getTables()).every((t) => t.schema === database.schema))
        } finally {
          await other.close()
          await database.close()
        }
      })
    }
  })
}
