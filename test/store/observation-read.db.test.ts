import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openServices } from '../../src/services/index.ts'
import { nativeDriver, openDatabase } from '../../src/store/database.ts'
import { listObservations, observationsByIndicator } from '../../src/store/observation.repository.ts'
import { findPlanByName } from '../../src/store/plan.repository.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { fixtureFile } from '../helpers/fixtures.ts'

const PLAN = 'Public health 2013/14'
const TRAFFORD = 'Trafford ADP 2013/14'
const DIR = fileURLToPath(new URL('../fixtures/statistics-data/', import.meta.url))

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

for (const dialect of DIALECTS) {
  describe(`reading a plan's observations on ${dialect}`, () => {
    it('gives the same observations, in the same order, from the driver as through Kysely', async () => {
      const testDb = createTestDatabase(dialect)
      created.push(testDb)
      const opened = await openServices(testDb.location, { now: () => new Date('2013-10-15T09:30:00.000Z') })
      await opened.services.imports.importPlan({
        planName: PLAN,
        indicatorsFile: { name: 'indicators.csv', content: readFileSync(`${DIR}indicators.csv`) },
        observationsFile: { name: 'observations.csv', content: readFileSync(`${DIR}observations.csv`) },
        comparatorsFile: { name: 'comparators.csv', content: readFileSync(`${DIR}comparators.csv`) },
        actor: 'test:officer',
      })
      await opened.services.imports.importPlan({
        planName: TRAFFORD,
        indicatorsFile: fixtureFile('indicators.csv'),
        observationsFile: fixtureFile('observations.csv'),
        comparatorsFile: null,
        actor: 'test:officer',
      })
      await opened.close()

      const { db, close } = await openDatabase(testDb.location)
      try {
        assert.ok(nativeDriver(db), 'openDatabase keeps the driver')
        // A handle openDatabase did not make (as a transaction's is) reads through Kysely.
        const throughKysely = db.withoutPlugins()
        assert.equal(nativeDriver(throughKysely), undefined)
        const statistics = await findPlanByName(db, PLAN)
        assert.ok(statistics)
        const counted = await listObservations(db, statistics.id)
        assert.ok(counted.some(({ observation }) => observation.numerator !== null))
        assert.deepEqual(counted, await listObservations(throughKysely, statistics.id))

        const plan = await findPlanByName(db, TRAFFORD)
        assert.ok(plan)
        const fromDriver = await listObservations(db, plan.id)
        assert.ok(fromDriver.length > 50, `${fromDriver.length} observations`)
        assert.ok(fromDriver.some(({ observation }) => observation.period.kind === 'year'))
        assert.deepEqual(fromDriver, await listObservations(throughKysely, plan.id))

        const indicatorId = fromDriver[3]?.indicatorId
        assert.ok(indicatorId !== undefined)
        const one = await listObservations(db, plan.id, indicatorId)
        assert.ok(one.length > 0)
        assert.deepEqual(one, await listObservations(throughKysely, plan.id, indicatorId))
        assert.deepEqual(
          one,
          fromDriver.filter((record) => record.indicatorId === indicatorId),
        )

        const grouped = await observationsByIndicator(db, plan.id)
        assert.deepEqual(grouped, await observationsByIndicator(throughKysely, plan.id))
        assert.deepEqual(
          grouped.get(indicatorId),
          one.map((record) => record.observation),
        )
        assert.equal(
          [...grouped.values()].reduce((sum, list) => sum + list.length, 0),
          fromDriver.length,
        )
      } finally {
        await close()
      }
    })
  })
}
