import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJson } from '../../src/reports/report.json.ts'
import { renderReportText } from '../../src/reports/report.text.ts'
import { openServices } from '../../src/services/index.ts'
import { openDatabase } from '../../src/store/database.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

/**
 * Placeholders and periods as councils write them, through a real import into SQLite and PostgreSQL: what is stored,
 * what the outcome says, and what the report shows for each reason.
 */

const PLAN = 'District council 2013/14'
const FIXED_TIME = new Date('2013-10-15T09:30:00.000Z')
const INDICATORS = [
  'ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis',
  'D 1,Household waste recycled,Environment,quarterly,higher,number,%,point,10,previous',
  'D 2,Teenage conceptions,Health,quarterly,lower,number,,point,10,previous',
  'D 3,Missed bins,Environment,monthly,lower,number,,point,10,previous',
].join('\n')
const OBSERVATIONS = [
  'ref,period,actual,target,not_reported',
  'D 1,Q1 2013/14,41.5,40,',
  'D 1,Quarter 2 2013-14,n/a,40,',
  'D 2,2013-14 Q1,12,15,',
  'D 2,Q2 13/14,x,15,',
  'D 3,Jul 2013,"1,284","1,300",',
  'D 3,August 2013,..,"1,300",',
  'D 3,Sep-13,N/A,"1,300",',
].join('\n')

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

for (const dialect of DIALECTS) {
  describe(`placeholders and periods as written, imported on ${dialect}`, () => {
    it('stores the canonical periods and each placeholder’s reason, says what it read, and reports the reasons', async () => {
      const testDb = createTestDatabase(dialect)
      created.push(testDb)
      const { services, close } = await openServices(testDb.location, { now: () => FIXED_TIME })
      try {
        const files = {
          planName: PLAN,
          indicatorsFile: { name: 'indicators.csv', content: INDICATORS },
          observationsFile: { name: 'observations.csv', content: OBSERVATIONS },
          actor: 'test:officer',
        }
        const outcome = await services.imports.importPlan(files)
        assert.deepEqual(outcome.observations, { added: 7, updated: 0, unchanged: 0 })
        assert.deepEqual(outcome.placeholders, [
          { text: 'n/a', readAs: 'not-available', count: 1 },
          { text: 'x', readAs: 'suppressed', count: 1 },
          { text: '..', readAs: 'not-available', count: 1 },
          { text: 'N/A', readAs: 'not-available', count: 1 },
        ])

        const { db, close: closeDb } = await openDatabase(testDb.location)
        try {
          const rows = await db
            .selectFrom('observations')
            .innerJoin('indicators', 'indicators.id', 'observations.indicator_id')
            .select(['indicators.ref', 'observations.period', 'observations.actual', 'observations.not_reported'])
            .orderBy('indicators.ref')
            .orderBy('observations.period_start')
            .execute()
          assert.deepEqual(
            rows.map((r) => [r.ref, r.period, r.actual, r.not_reported]),
            [
              ['D 1', '2013/14 Q1', '41.5', null],
              ['D 1', '2013/14 Q2', null, 'not-available'],
              ['D 2', '2013/14 Q1', '12', null],
              ['D 2', '2013/14 Q2', null, 'suppressed'],
              ['D 3', '2013-07', '1284', null],
              ['D 3', '2013-08', null, 'not-available'],
              ['D 3', '2013-09', null, 'not-available'],
            ],
          )
        } finally {
          await closeDb()
        }

        const q2 = await services.plans.evaluate(PLAN, parsePeriod('Q2 2013/14'))
        const json = reportJson(q2)
        assert.deepEqual(json.indicators.map((i) => [i.ref, i.notReported]).sort(), [
          ['D 1', 'not-available'],
          ['D 2', 'suppressed'],
          ['D 3', 'not-available'],
        ])
        const text = renderReportText({ evaluation: q2, signOff: null })
        assert.match(text, /D 2 .*Suppressed \(small numbers\)/)

        // August: the quarterly indicators are not due; the monthly one's figure is not available.
        const august = reportJson(await services.plans.evaluate(PLAN, parsePeriod('Aug 2013')))
        assert.equal(august.period, '2013-08')
        assert.deepEqual(august.indicators.map((i) => [i.ref, i.notReported]).sort(), [
          ['D 1', 'not-due'],
          ['D 2', 'not-due'],
          ['D 3', 'not-available'],
        ])
        assert.equal(august.summary.notReported.notDue, 2)
        assert.match(august.summary.text, /2 are not due this period/)

        // The same files again change nothing.
        const again = await services.imports.importPlan(files)
        assert.deepEqual(again.observations, { added: 0, updated: 0, unchanged: 7 })
      } finally {
        await close()
      }
    })
  })
}
