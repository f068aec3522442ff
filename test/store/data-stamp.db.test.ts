import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import pg from 'pg'
import { openServices } from '../../src/services/index.ts'
import { DIALECTS, TEST_POSTGRES_URL, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const PLAN = 'Stamp test plan'
const INDICATORS =
  'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis\n' +
  'S 1,Cases on time,Theme,quarterly,higher,number,%,point,10,previous\n'
const observations = (q2: string): string => `ref,period,actual,target\nS 1,2013/14 Q1,50,60\nS 1,2013/14 Q2,${q2},60\n`

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

/**
 * The data stamp says whether anything the pages show may have changed: the same stamp, the same pages. It must move
 * with a change made by any process, including who is responsible for an indicator (which has no audit event).
 */
for (const dialect of DIALECTS) {
  describe(`the data stamp on ${dialect}`, () => {
    it('stays put while nothing changes and moves with figures and assignments changed elsewhere', async () => {
      const database = createTestDatabase(dialect)
      created.push(database)
      const server = await openServices(database.location)
      const cli = await openServices(database.location)
      try {
        const load = (q2: string) =>
          cli.services.imports.importPlan({
            planName: PLAN,
            indicatorsFile: { name: 'indicators.csv', content: INDICATORS },
            observationsFile: { name: 'observations.csv', content: observations(q2) },
            actor: 'test',
          })
        const empty = await server.services.plans.stamp()
        assert.notEqual(empty, null, 'an empty database has a stamp')
        await load('40')
        const first = await server.services.plans.stamp()
        assert.notEqual(first, null)
        assert.notEqual(first, empty, 'an import moves it')
        assert.equal(await server.services.plans.stamp(), first, 'nothing changed')

        await load('61')
        const second = await server.services.plans.stamp()
        assert.notEqual(second, first, 'a changed figure moves it')

        await cli.services.auth.addUser({
          email: 'owner@stamp.example',
          name: 'Stamp owner',
          role: 'owner',
          password: 'a-long-enough-password',
        })
        assert.equal(await server.services.plans.stamp(), second, 'a new user alone changes no page')
        await cli.services.auth.assign('owner@stamp.example', 'S 1', PLAN)
        const third = await server.services.plans.stamp()
        assert.notEqual(third, second, 'a new assignment moves it')
        assert.equal(await server.services.plans.stamp(), third)
      } finally {
        await cli.close()
        await server.close()
      }
    })
  })
}

if (TEST_POSTGRES_URL) {
  describe('the data stamp on postgres, with writers in flight', () => {
    it('is null only while a transaction is writing audit events in its own schema', async () => {
      const database = createTestDatabase('postgres')
      const elsewhere = createTestDatabase('postgres')
      created.push(database, elsewhere)
      const server = await openServices(database.location)
      const other = await openServices(elsewhere.location)
      const schema = new URL(database.location).searchParams.get('schema') ?? ''
      const otherSchema = new URL(elsewhere.location).searchParams.get('schema') ?? ''
      const writer = new pg.Client({ connectionString: TEST_POSTGRES_URL ?? '' })
      await writer.connect()
      const insert = (into: string) =>
        writer.query(
          `insert into ${into}.audit_events (at, actor, source, plan_id, entity, ref, period, field, old_value, new_value, reason)
           values ('2013-10-20T10:00:00.000Z', 'test', 'test', null, 'plan', 'x', null, 'name', null, 'x', null)`,
        )
      try {
        const before = await server.services.plans.stamp()
        assert.notEqual(before, null)

        await writer.query('begin')
        await insert(otherSchema)
        assert.equal(await server.services.plans.stamp(), before, 'a write in another schema does not matter')
        await writer.query('rollback')

        await writer.query('begin')
        await insert(schema)
        assert.equal(await server.services.plans.stamp(), null, 'an audit event may yet commit')
        await writer.query('commit')
        const after = await server.services.plans.stamp()
        assert.notEqual(after, null)
        assert.notEqual(after, before, 'the committed event moves it')
      } finally {
        await writer.end()
        await other.close()
        await server.close()
      }
    })
  })
}

if (TEST_POSTGRES_URL) {
  describe('the data stamp asked for by many requests at once, on postgres', () => {
    it('answers each from a query sent after it asked: a change committed while an earlier query ran is seen', async () => {
      const database = createTestDatabase('postgres')
      created.push(database)
      const { services, close } = await openServices(database.location)
      const schema = new URL(database.location).searchParams.get('schema') ?? ''
      const blocker = new pg.Client({ connectionString: TEST_POSTGRES_URL ?? '' })
      const writer = new pg.Client({ connectionString: TEST_POSTGRES_URL ?? '' })
      await Promise.all([blocker.connect(), writer.connect()])
      try {
        const before = await services.plans.stamp()
        assert.notEqual(before, null)
        // Hold the first query up: it reads the assignments, which another transaction has locked. (PostgreSQL takes
        // its snapshot once the lock is granted, so the first may see the change too; the scheduling itself is
        // tested step by step in test/store/shared-read.test.ts.)
        await blocker.query('begin')
        await blocker.query(`lock table ${schema}.indicator_assignments in access exclusive mode`)
        const first = services.plans.stamp()
        await new Promise((resolve) => setTimeout(resolve, 200))
        // A change commits while the first query waits, and then a request asks.
        await writer.query(
          `insert into ${schema}.audit_events (at, actor, source, plan_id, entity, ref, period, field, old_value, new_value, reason)
           values ('2013-10-20T10:00:00.000Z', 'test', 'test', null, 'plan', 'x', null, 'name', null, 'x', null)`,
        )
        const asked = Array.from({ length: 20 }, () => services.plans.stamp())
        await blocker.query('commit')
        const [firstStamp, ...later] = await Promise.all([first, ...asked])
        assert.notEqual(firstStamp, null)
        assert.equal(new Set(later).size, 1, 'those who asked together share one answer')
        assert.notEqual(later[0], before, 'and it has the change they asked after')
        assert.equal(later[0], await services.plans.stamp())
      } finally {
        await blocker.end()
        await writer.end()
        await close()
      }
    })
  })
}
