import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJson } from '../../src/reports/report.json.ts'
import { ImportRejected, openServices } from '../../src/services/index.ts'
import { countAuditEvents } from '../../src/store/audit.repository.ts'
import { openDatabase } from '../../src/store/database.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { assertMatchesPublished, expectedTrafford, fixtureFile } from '../helpers/fixtures.ts'

const PLAN = 'Trafford ADP 2013/14'
const Q2 = parsePeriod('2013/14 Q2')
const FIXED_TIME = new Date('2013-10-15T09:30:00.000Z')

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

async function freshServices(dialect: 'sqlite' | 'postgres') {
  const testDb = createTestDatabase(dialect)
  created.push(testDb)
  const opened = await openServices(testDb.location, { now: () => FIXED_TIME })
  return { ...opened, testDb }
}

function importTrafford(
  services: Awaited<ReturnType<typeof openServices>>['services'],
  observations = fixtureFile('observations.csv'),
) {
  return services.imports.importPlan({
    planName: PLAN,
    indicatorsFile: fixtureFile('indicators.csv'),
    observationsFile: observations,
    actor: 'test:officer',
  })
}

/** Row counts of every table: what "nothing was written" is checked against. */
async function tableCounts(location: string): Promise<Record<string, number>> {
  const { db, close } = await openDatabase(location)
  try {
    const counts: Record<string, number> = {}
    for (const table of ['plans', 'themes', 'indicators', 'observations', 'audit_events'] as const) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow()
      counts[table] = Number(row.count)
    }
    counts.audit = await countAuditEvents(db)
    return counts
  } finally {
    await close()
  }
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

for (const dialect of DIALECTS) {
  describe(`importing and reporting on ${dialect}`, () => {
    it('reproduces the published Trafford report from the stored plan', async () => {
      const { services, close } = await freshServices(dialect)
      try {
        const outcome = await importTrafford(services)
        assert.equal(outcome.planCreated, true)
        assert.deepEqual(outcome.indicators, { added: 25, updated: 0, unchanged: 0 })
        assert.deepEqual(outcome.observations, { added: 80, updated: 0, unchanged: 0 })
        const evaluation = await services.plans.evaluate(PLAN, Q2)
        assertMatchesPublished(reportJson(evaluation), expectedTrafford())
      } finally {
        await close()
      }
    })

    it('changes and duplicates nothing when the same files are imported again', async () => {
      const { services, close, testDb } = await freshServices(dialect)
      try {
        await importTrafford(services)
        const before = await tableCounts(testDb.location)
        const again = await importTrafford(services)
        assert.equal(again.planCreated, false)
        assert.deepEqual(again.indicators, { added: 0, updated: 0, unchanged: 25 })
        assert.deepEqual(again.observations, { added: 0, updated: 0, unchanged: 80 })
        assert.equal(again.auditEvents, 0)
        assert.deepEqual(await tableCounts(testDb.location), before)
      } finally {
        await close()
      }
    })

    it('updates a changed figure and records who, when, old value, new value and source', async () => {
      const { services, close } = await freshServices(dialect)
      try {
        await importTrafford(services)
        const revised = fixtureFile('observations.csv')
          .content.toString('utf8')
          .replace('LCA 2,2013/14 Q2,,5.16,4.4,no,,', 'LCA 2,2013/14 Q2,,5.17,4.4,no,,')
        const outcome = await importTrafford(services, {
          name: 'observations-revised.csv',
          content: Buffer.from(revised),
        })
        assert.deepEqual(outcome.observations, { added: 0, updated: 1, unchanged: 79 })
        const trail = await services.plans.auditTrail(PLAN, 'LCA 2')
        const change = trail.find((e) => e.field === 'actual' && e.oldValue !== null)
        assert.deepEqual(change, {
          at: FIXED_TIME.toISOString(),
          actor: 'test:officer',
          source: 'import:indicators.csv,observations-revised.csv',
          planId: change?.planId,
          entity: 'observation',
          ref: 'LCA 2',
          period: '2013/14 Q2',
          field: 'actual',
          oldValue: '5.16',
          newValue: '5.17',
          reason: null,
        })
        const created = trail
          .filter((e) => e.oldValue === null && e.period === '2013/14 Q2')
          .map((e) => `${e.field}=${e.newValue}`)
        assert.deepEqual(created.sort(), ['actual=5.16', 'target=4.4'])
        const lca = (await services.plans.evaluate(PLAN, Q2)).evaluations.find((e) => e.indicator.ref === 'LCA 2')
        assert.equal(lca?.actual?.text, '5.17')
      } finally {
        await close()
      }
    })

    it('records a changed definition, such as a tolerance, in the audit trail', async () => {
      const { services, close } = await freshServices(dialect)
      try {
        await importTrafford(services)
        const indicators = fixtureFile('indicators.csv')
          .content.toString('utf8')
          .replace(
            'in Trafford,Excellence in Education,monthly,lower,number,%,point,10,previous',
            'in Trafford,Excellence in Education,monthly,lower,number,%,point,20,previous',
          )
        const outcome = await services.imports.importPlan({
          planName: PLAN,
          indicatorsFile: { name: 'indicators.csv', content: Buffer.from(indicators) },
          observationsFile: fixtureFile('observations.csv'),
          actor: 'test:officer',
        })
        assert.deepEqual(outcome.indicators, { added: 0, updated: 1, unchanged: 24 })
        assert.equal(outcome.auditEvents, 1)
        const [change] = await services.plans.auditTrail(PLAN, 'LCA 2')
        assert.deepEqual(
          [change?.entity, change?.field, change?.oldValue, change?.newValue],
          ['indicator', 'tolerance_pct', '10', '20'],
        )
        // 5.16 against 4.4 is 17% worse: Red at 10% tolerance, Amber at 20%.
        const lca = (await services.plans.evaluate(PLAN, Q2)).evaluations.find((e) => e.indicator.ref === 'LCA 2')
        assert.equal(lca?.rag, 'A')
      } finally {
        await close()
      }
    })

    it('writes nothing at all when any row is broken, and lists every problem', async () => {
      const { services, close, testDb } = await freshServices(dialect)
      try {
        await importTrafford(services)
        const before = await tableCounts(testDb.location)
        const broken = `${fixtureFile('observations.csv').content.toString('utf8')}LCA 2,2014/15 Q1,,4.1,4.4,no,,\nLCA 2,2013/14 Q7,,lots,4.4,no,,\n`
        await assert.rejects(
          importTrafford(services, { name: 'observations.csv', content: Buffer.from(broken) }),
          (error: unknown) => {
            assert.ok(error instanceof ImportRejected)
            assert.deepEqual(
              error.problems.map((p) => [p.line, p.column]),
              [
                [83, 'period'],
                [83, 'actual'],
              ],
            )
            assert.match(error.message, /^Nothing was imported: the files have 2 problems\./)
            return true
          },
        )
        assert.deepEqual(await tableCounts(testDb.location), before)
      } finally {
        await close()
      }
      if (dialect === 'sqlite') {
        // Closed and reopened, a rejected import must leave the database file byte-for-byte as it was.
        const hash = sha256(testDb.location)
        const reopened = await openServices(testDb.location)
        await assert.rejects(
          reopened.services.imports.importPlan({
            planName: PLAN,
            indicatorsFile: fixtureFile('indicators.csv'),
            observationsFile: { name: 'observations.csv', content: Buffer.from('') },
            actor: 'test',
          }),
          ImportRejected,
        )
        await reopened.close()
        assert.equal(sha256(testDb.location), hash)
        assert.equal(existsSync(`${testDb.location}-wal`), false)
      }
    })

    it('says which plans exist when asked for one that does not', async () => {
      const { services, close } = await freshServices(dialect)
      try {
        await importTrafford(services)
        await assert.rejects(
          services.plans.evaluate('Trafford ADP 2014/15', Q2),
          /There is no plan called "Trafford ADP 2014\/15"\. Plans held: "Trafford ADP 2013\/14"\./,
        )
      } finally {
        await close()
      }
    })

    it('reports for a committee’s themes only', async () => {
      const { services, close } = await freshServices(dialect)
      try {
        await importTrafford(services)
        const evaluation = await services.plans.evaluate(PLAN, Q2, ['Excellence in Education'])
        assert.deepEqual(
          evaluation.evaluations.map((e) => e.indicator.ref),
          ['NEW GCSE5AC', 'CGV 2c', 'LCA 2', 'NEW PERSABS'],
        )
        assert.deepEqual(evaluation.summary.exceptionReports, ['LCA 2'])
        await assert.rejects(
          services.plans.evaluate(PLAN, Q2, ['Education']),
          /The plan has no theme called "Education"/,
        )
      } finally {
        await close()
      }
    })
  })
}
