import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const PLAN = 'Cache test plan'
const Q2 = parsePeriod('2013/14 Q2')
const INDICATORS =
  'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis\n' +
  'C 1,Cases on time,Theme,quarterly,higher,number,%,point,10,previous\n'
const observations = (q2: string): string => `ref,period,actual,target\nC 1,2013/14 Q1,50,60\nC 1,2013/14 Q2,${q2},60\n`

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

/**
 * The judgement and the reporting periods are remembered between requests until the data change. A change made by
 * another process (the command line importing while the server runs) must be seen by the next request.
 */
for (const dialect of DIALECTS) {
  describe(`the remembered judgement on ${dialect}`, () => {
    it('is worked out again after another process changes the figures', async () => {
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
        await load('40')
        const first = await server.services.plans.evaluate(PLAN, Q2)
        assert.equal(first.evaluations[0]?.rag, 'R')
        const again = await server.services.plans.evaluate(PLAN, Q2)
        // Writes elsewhere on the PostgreSQL server (other tests') do not stop this schema's judgement being remembered.
        assert.equal(again, first, 'remembered while nothing changes')

        await load('61')
        const second = await server.services.plans.evaluate(PLAN, Q2)
        assert.equal(second.evaluations[0]?.rag, 'G', 'the change made elsewhere is seen')
        assert.notEqual(second, first)

        const { periods } = await server.services.plans.reportingPeriods('cache-test-plan')
        assert.deepEqual(
          periods.map((p) => p.kind),
          ['quarter', 'quarter'],
        )
      } finally {
        await cli.close()
        await server.close()
      }
    })
  })
}
