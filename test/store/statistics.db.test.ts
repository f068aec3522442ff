import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { IndicatorEvaluation } from '../../src/domain/judgement/evaluate.ts'
import { rateInterval, wilsonInterval } from '../../src/domain/statistics/intervals.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJson } from '../../src/reports/report.json.ts'
import { ImportRejected, openServices } from '../../src/services/index.ts'
import { openDatabase } from '../../src/store/database.ts'
import { close } from '../helpers/close.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { assertMatchesPublished, expectedTrafford, fixtureFile } from '../helpers/fixtures.ts'

const PLAN = 'Public health 2013/14'
const Q2 = parsePeriod('2013/14 Q2')
const FIXED_TIME = new Date('2013-10-15T09:30:00.000Z')
const DIR = fileURLToPath(new URL('../fixtures/statistics-data/', import.meta.url))

type Services = Awaited<ReturnType<typeof openServices>>['services']

function file(name: 'indicators.csv' | 'observations.csv' | 'comparators.csv', content?: string) {
  return { name, content: content === undefined ? readFileSync(`${DIR}${name}`) : Buffer.from(content) }
}

function text(name: 'indicators.csv' | 'observations.csv' | 'comparators.csv'): string {
  return readFileSync(`${DIR}${name}`, 'utf8')
}

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

function importStats(
  services: Services,
  files: { indicators?: string; observations?: string; comparators?: string | null } = {},
) {
  return services.imports.importPlan({
    planName: PLAN,
    indicatorsFile: file('indicators.csv', files.indicators),
    observationsFile: file('observations.csv', files.observations),
    comparatorsFile: files.comparators === null ? null : file('comparators.csv', files.comparators),
    actor: 'test:officer',
  })
}

/** Row counts of every table an indicator import writes. */
async function tableCounts(location: string): Promise<Record<string, number>> {
  const { db, close: closeDb } = await openDatabase(location)
  try {
    const counts: Record<string, number> = {}
    for (const table of ['plans', 'themes', 'indicators', 'observations', 'comparators', 'audit_events'] as const) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow()
      counts[table] = Number(row.count)
    }
    return counts
  } finally {
    await closeDb()
  }
}

function find(evaluations: readonly IndicatorEvaluation[], ref: string): IndicatorEvaluation {
  const found = evaluations.find((e) => e.indicator.ref === ref)
  assert.ok(found, `indicator ${ref}`)
  return found
}

for (const dialect of DIALECTS) {
  describe(`statistics data on ${dialect}`, () => {
    it('imports counts, interval methods and comparators, and evaluates intervals and comparisons', async () => {
      const { services, close: closeServices } = await freshServices(dialect)
      try {
        const outcome = await importStats(services)
        assert.deepEqual(outcome.indicators, { added: 4, updated: 0, unchanged: 0 })
        assert.deepEqual(outcome.observations, { added: 5, updated: 0, unchanged: 0 })
        assert.deepEqual(outcome.comparators, { added: 5, updated: 0, unchanged: 0 })

        const data = await services.plans.loadPlan(PLAN)
        const ni39 = data.indicators.find(({ indicator }) => indicator.ref === 'NI 39')
        assert.deepEqual([ni39?.indicator.ciMethod, ni39?.indicator.multiplier], ['rate', null])
        assert.deepEqual(
          ni39?.comparators?.map((c) => [c.name, c.value, c.lower, c.upper]),
          [
            ['England', '98.7', null, null],
            ['England', '100.2', null, null],
            ['North West', '150.4', '148.1', '152.7'],
          ],
        )

        const { evaluations } = await services.plans.evaluate(PLAN, Q2)

        // No actual given: the figure is made from the counts, 230 among 226,578 per 100,000, to 4 places.
        const admissions = find(evaluations, 'NI 39')
        assert.equal(admissions.actual?.text, '101.5103')
        assert.equal(admissions.rag, 'G')
        assert.equal(admissions.dot, 'improved')
        assert.equal(admissions.previous.actual?.text, '105.0411')
        const rate = rateInterval(230, 226578)
        assert.ok(admissions.interval)
        assert.equal(admissions.interval.method, 'byars')
        assert.equal(admissions.interval.confidence, 0.95)
        assert.deepEqual([admissions.interval.numerator, admissions.interval.denominator], [230, 226578])
        close(admissions.interval.value, rate.value, 1e-12)
        close(admissions.interval.lower, rate.lower, 1e-12)
        close(admissions.interval.upper, rate.upper, 1e-12)
        assert.deepEqual(admissions.interval.comparisons, [
          { comparator: 'England', value: 100.2, lower: null, upper: null, result: 'similar' },
          { comparator: 'North West', value: 150.4, lower: 148.1, upper: 152.7, result: 'better' },
        ])
        assert.deepEqual(
          admissions.previous.interval?.comparisons.map((c) => [c.comparator, c.value]),
          [['England', 98.7]],
        )

        // The published actual is kept; the interval comes from the counts.
        const gcse = find(evaluations, 'PH 1')
        assert.equal(gcse.actual?.text, '45.1')
        assert.ok(gcse.interval)
        assert.equal(gcse.interval.method, 'wilson')
        close(gcse.interval.lower, wilsonInterval(45, 100, { multiplier: 100 }).lower, 1e-12)
        assert.deepEqual(
          gcse.interval.comparisons.map((c) => [c.comparator, c.result]),
          [['England', 'worse']],
        )

        const readmissions = find(evaluations, 'PH 2')
        assert.equal(readmissions.actual?.text, '3.5')
        assert.ok(readmissions.interval)
        assert.equal(readmissions.interval.method, 'exact')
        close(readmissions.interval.upper, rateInterval(7, 2000, { multiplier: 1000 }).upper, 1e-12)
        assert.deepEqual(
          readmissions.interval.comparisons.map((c) => [c.comparator, c.result]),
          [['England', 'higher']],
        )

        assert.equal(find(evaluations, 'PH 3').interval, null)

        const trail = await services.plans.auditTrail(PLAN, 'NI 39')
        const created = trail
          .filter((e) => e.period === '2013/14 Q2')
          .map((e) => `${e.entity} ${e.field}=${e.newValue ?? ''}`)
          .sort()
        assert.deepEqual(created, [
          'observation comparator:England=100.2',
          'observation comparator:North West:lower=148.1',
          'observation comparator:North West:upper=152.7',
          'observation comparator:North West=150.4',
          'observation denominator=226578',
          'observation numerator=230',
          'observation target=220',
        ])
        assert.ok(trail.every((e) => e.source === 'import:indicators.csv,observations.csv,comparators.csv'))
      } finally {
        await closeServices()
      }
    })

    it('changes nothing when the same files are imported again, with or without the comparators', async () => {
      const { services, close: closeServices, testDb } = await freshServices(dialect)
      try {
        await importStats(services)
        const before = await tableCounts(testDb.location)
        const again = await importStats(services)
        assert.deepEqual(again.indicators, { added: 0, updated: 0, unchanged: 4 })
        assert.deepEqual(again.observations, { added: 0, updated: 0, unchanged: 5 })
        assert.deepEqual(again.comparators, { added: 0, updated: 0, unchanged: 5 })
        assert.equal(again.auditEvents, 0)
        const withoutComparators = await importStats(services, { comparators: null })
        assert.deepEqual(withoutComparators.comparators, { added: 0, updated: 0, unchanged: 0 })
        assert.equal(withoutComparators.auditEvents, 0)
        assert.deepEqual(await tableCounts(testDb.location), before)
      } finally {
        await closeServices()
      }
    })

    it('audits a changed comparator, count and multiplier, and evaluates the new figures', async () => {
      const { services, close: closeServices } = await freshServices(dialect)
      try {
        await importStats(services)
        const outcome = await importStats(services, {
          indicators: text('indicators.csv').replace(
            'per 1000,point,10,previous,rate,1000',
            'per 1000,point,10,previous,rate,100',
          ),
          observations: text('observations.csv').replace(
            'NI 39,2013/14 Q2,,220,230,226578,',
            'NI 39,2013/14 Q2,,220,231,226578,',
          ),
          comparators: text('comparators.csv')
            .replace('NI 39,2013/14 Q2,England,100.2,,', 'NI 39,2013/14 Q2,England,120.5,119.9,121.1')
            .concat('PH 1,2013/14 Q2,Greater Manchester,44.0,,\n'),
        })
        assert.deepEqual(outcome.indicators, { added: 0, updated: 1, unchanged: 3 })
        assert.deepEqual(outcome.observations, { added: 0, updated: 1, unchanged: 4 })
        assert.deepEqual(outcome.comparators, { added: 1, updated: 1, unchanged: 4 })
        assert.equal(outcome.auditEvents, 6)

        const changes = (await services.plans.auditTrail(PLAN))
          .filter((e) => e.oldValue !== null || e.field.startsWith('comparator:Greater'))
          .map((e) => [e.entity, e.ref, e.period, e.field, e.oldValue, e.newValue])
          .sort()
        assert.deepEqual(changes, [
          ['indicator', 'PH 2', null, 'multiplier', '1000', '100'],
          ['observation', 'NI 39', '2013/14 Q2', 'comparator:England', '100.2', '120.5'],
          ['observation', 'NI 39', '2013/14 Q2', 'numerator', '230', '231'],
          ['observation', 'PH 1', '2013/14 Q2', 'comparator:Greater Manchester', null, '44.0'],
        ])
        const limits = (await services.plans.auditTrail(PLAN, 'NI 39'))
          .filter((e) => e.field.startsWith('comparator:England:'))
          .map((e) => [e.field, e.oldValue, e.newValue])
          .sort()
        assert.deepEqual(limits, [
          ['comparator:England:lower', null, '119.9'],
          ['comparator:England:upper', null, '121.1'],
        ])

        const { evaluations } = await services.plans.evaluate(PLAN, Q2)
        assert.deepEqual(
          find(evaluations, 'NI 39').interval?.comparisons.map((c) => [c.comparator, c.value, c.lower, c.result]),
          [
            ['England', 120.5, 119.9, 'better'],
            ['North West', 150.4, 148.1, 'better'],
          ],
        )
        assert.equal(find(evaluations, 'NI 39').actual?.text, '101.9516')
        assert.equal(find(evaluations, 'PH 2').actual?.text, '0.35')
        assert.deepEqual(
          find(evaluations, 'PH 1').interval?.comparisons.map((c) => [c.comparator, c.result]),
          [
            ['England', 'worse'],
            ['Greater Manchester', 'similar'],
          ],
        )
      } finally {
        await closeServices()
      }
    })

    it('writes nothing at all when the comparators file is broken, and names every problem', async () => {
      const { services, close: closeServices, testDb } = await freshServices(dialect)
      try {
        await importStats(services)
        const before = await tableCounts(testDb.location)
        const broken = `${text('comparators.csv')}PH 1,2013/14 Q3,England,lots,,\nPH 3,2013/14 Q9,,1,,\nNOPE,2013/14 Q2,England,1,,\n`
        await assert.rejects(
          importStats(services, {
            // A good change in the other files must not be written either.
            observations: text('observations.csv').replace('PH 3,2013/14 Q2,12,10,,,', 'PH 3,2013/14 Q2,13,10,,,'),
            comparators: broken,
          }),
          (error: unknown) => {
            assert.ok(error instanceof ImportRejected)
            assert.deepEqual(
              error.problems.map((p) => [p.file, p.line, p.column]),
              [
                ['comparators.csv', 7, 'value'],
                ['comparators.csv', 8, 'period'],
                ['comparators.csv', 8, 'comparator'],
                ['comparators.csv', 9, 'ref'],
              ],
            )
            assert.match(error.message, /^Nothing was imported: the files have 4 problems\./)
            return true
          },
        )
        assert.deepEqual(await tableCounts(testDb.location), before)
        const complaints = find((await services.plans.evaluate(PLAN, Q2)).evaluations, 'PH 3')
        assert.equal(complaints.actual?.text, '12')
      } finally {
        await closeServices()
      }
    })

    it('keeps the counts when an owner edits the entry on the web form, and clears them when it is not available', async () => {
      const { services, close: closeServices } = await freshServices(dialect)
      try {
        await importStats(services)
        const { slug } = await services.plans.bySlugOrName(PLAN)
        const officer = { id: 0, email: 'officer@council.example', name: 'An officer', role: 'officer' as const }
        const entry = { actual: '', estimated: false, dataPeriod: '', notReported: '', reason: '' }
        const saved = await services.entries.recordEntry(officer, slug, 'NI 39', Q2, {
          ...entry,
          note: 'From Hospital Episode Statistics',
        })
        assert.deepEqual(saved, { ok: true, changes: 1 })
        const admissions = find((await services.plans.evaluate(PLAN, Q2)).evaluations, 'NI 39')
        assert.equal(admissions.actual?.text, '101.5103')
        assert.equal(admissions.interval?.numerator, 230)

        const cleared = await services.entries.recordEntry(officer, slug, 'NI 39', Q2, {
          ...entry,
          notReported: 'not-available',
          note: '',
        })
        assert.deepEqual(cleared, { ok: true, changes: 4 })
        const trail = (await services.plans.auditTrail(PLAN, 'NI 39'))
          .filter((e) => e.source === 'web' && (e.field === 'numerator' || e.field === 'denominator'))
          .map((e) => [e.field, e.oldValue, e.newValue])
        assert.deepEqual(trail.sort(), [
          ['denominator', '226578', null],
          ['numerator', '230', null],
        ])
        const unavailable = find((await services.plans.evaluate(PLAN, Q2)).evaluations, 'NI 39')
        assert.deepEqual(
          [unavailable.reported, unavailable.notReported, unavailable.interval],
          [false, 'not-available', null],
        )
      } finally {
        await closeServices()
      }
    })

    it('still imports a file of the old format and reproduces the published Trafford report', async () => {
      const { services, close: closeServices } = await freshServices(dialect)
      try {
        const outcome = await services.imports.importPlan({
          planName: 'Trafford ADP 2013/14',
          indicatorsFile: fixtureFile('indicators.csv'),
          observationsFile: fixtureFile('observations.csv'),
          actor: 'test:officer',
        })
        assert.deepEqual(outcome.comparators, { added: 0, updated: 0, unchanged: 0 })
        const evaluation = await services.plans.evaluate('Trafford ADP 2013/14', Q2)
        assertMatchesPublished(reportJson(evaluation), expectedTrafford())
        assert.ok(evaluation.evaluations.every((e) => e.interval === null))
        const trail = await services.plans.auditTrail('Trafford ADP 2013/14')
        assert.ok(trail.every((e) => !['ci_method', 'multiplier', 'numerator', 'denominator'].includes(e.field)))
      } finally {
        await closeServices()
      }
    })
  })
}
