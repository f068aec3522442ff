import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { openServices } from '../../src/services/index.ts'
import { listAuditEvents } from '../../src/store/audit.repository.ts'
import { migrateTo, migrateToLatest, openDatabase } from '../../src/store/database.ts'
import { findPlanByName } from '../../src/store/plan.repository.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const PLAN = 'Audit test plan'
const INDICATORS =
  'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis\n' +
  'A 1,Cases on time,Theme,quarterly,higher,number,%,point,10,previous\n' +
  'A 2,Cases closed,Theme,quarterly,higher,number,count,point,10,previous\n'
const FIRST = 'ref,period,actual,target,note\nA 1,2013/14 Q1,50,60,\nA 1,2013/14 Q2,55,60,Late\nA 2,2013/14 Q1,7,,\n'
const SECOND = 'ref,period,actual,target,note\nA 1,2013/14 Q1,50,60,\nA 1,2013/14 Q2,58,65,Late\nA 2,2013/14 Q1,7,,\n'

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

/** Each change as the trail shows it: newest first, field by field. */
const described = (
  events: readonly { period: string | null; field: string; oldValue: string | null; newValue: string | null }[],
) => events.map((e) => `${e.period ?? '-'} ${e.field}: ${e.oldValue ?? '(none)'} -> ${e.newValue ?? '(none)'}`)

const TRAIL_OF_A1 = [
  '2013/14 Q2 target: 60 -> 65',
  '2013/14 Q2 actual: 55 -> 58',
  '2013/14 Q2 note: (none) -> Late',
  '2013/14 Q2 target: (none) -> 60',
  '2013/14 Q2 actual: (none) -> 55',
  '2013/14 Q1 target: (none) -> 60',
  '2013/14 Q1 actual: (none) -> 50',
  '- created: (none) -> Cases on time',
]

for (const dialect of DIALECTS) {
  describe(`the audit trail of an import on ${dialect}`, () => {
    async function imported(database: TestDatabase) {
      const { services, close } = await openServices(database.location, { now: () => new Date('2013-10-15T09:30:00Z') })
      try {
        for (const observations of [FIRST, SECOND]) {
          await services.imports.importPlan({
            planName: PLAN,
            indicatorsFile: { name: 'indicators.csv', content: INDICATORS },
            observationsFile: { name: 'observations.csv', content: observations },
            actor: 'test:officer',
          })
        }
        return await services.plans.auditTrail(PLAN, 'A 1')
      } finally {
        await close()
      }
    }

    it('stores an indicator’s changes as one row an import, and reads back every field’s old and new value', async () => {
      const database = createTestDatabase(dialect)
      created.push(database)
      const trail = await imported(database)
      assert.deepEqual(described(trail), TRAIL_OF_A1)
      assert.ok(trail.every((e) => e.actor === 'test:officer' && e.at === '2013-10-15T09:30:00.000Z'))
      assert.ok(trail.every((e) => e.source === 'import:indicators.csv,observations.csv' && e.reason === null))

      const { db, close } = await openDatabase(database.location)
      try {
        const rows = await db.selectFrom('audit_events').select(['ref', 'field', 'changes']).orderBy('id').execute()
        // The plan and each indicator created, then one set per indicator an import: A 1 and A 2, then A 1 again.
        assert.deepEqual(
          rows.map((row) => [row.ref, row.field, row.changes === null ? 'single' : 'set']),
          [
            [PLAN, 'created', 'single'],
            ['A 1', 'created', 'single'],
            ['A 2', 'created', 'single'],
            ['A 1', 'actual, target, note', 'set'],
            ['A 2', 'actual', 'set'],
            ['A 1', 'actual, target', 'set'],
          ],
        )
        const plan = await findPlanByName(db, PLAN)
        assert.ok(plan)
        assert.deepEqual(described(await listAuditEvents(db, plan.id, 'A 1', '2013/14 Q2')), TRAIL_OF_A1.slice(0, 5))
        assert.deepEqual(described(await listAuditEvents(db, plan.id, 'A 2', '2013/14 Q2')), [])
      } finally {
        await close()
      }
    })

    it('turns each change set back into single changes when migration 006 is undone', async () => {
      const database = createTestDatabase(dialect)
      created.push(database)
      const trail = await imported(database)
      const opened = await openDatabase(database.location)
      try {
        await migrateTo(opened, '005-statistics-data')
        const rows = await opened.db
          .selectFrom('audit_events')
          .select(['ref', 'period', 'field', 'old_value', 'new_value', 'actor', 'source', 'at'])
          .where('ref', '=', 'A 1')
          .orderBy('id', 'desc')
          .execute()
        // Down, the sets' changes follow the single rows already held, each set's in its own order.
        const expanded = rows.map((row) => ({ ...row, oldValue: row.old_value, newValue: row.new_value }))
        assert.deepEqual(described(expanded).sort(), [...TRAIL_OF_A1].sort())
        assert.ok(rows.every((row) => row.actor === 'test:officer' && row.source.startsWith('import:')))
        await migrateToLatest(opened)
      } finally {
        await opened.close()
      }
      const reopened = await openServices(database.location)
      try {
        assert.deepEqual(
          described(await reopened.services.plans.auditTrail(PLAN, 'A 1')).sort(),
          [...TRAIL_OF_A1].sort(),
        )
        assert.equal(trail.length, TRAIL_OF_A1.length)
      } finally {
        await reopened.close()
      }
    })
  })
}
