import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { LIMITS } from '../../src/domain/limits.ts'
import { ImportRejected, type Services, openServices } from '../../src/services/index.ts'
import { BACKUP_TABLES } from '../../src/store/backup.repository.ts'
import { type OpenDatabase, openDatabase } from '../../src/store/database.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import {
  BUDGET_FILES,
  LIMIT_FORMATS,
  type LimitFormat,
  filesWith,
  isParsed,
  limitOf,
  lineOf,
  preparePlan,
  textOf,
} from '../helpers/limit-formats.ts'

/**
 * The limits through the real imports, on SQLite and PostgreSQL: a file with any cell one character over its
 * column's limit is refused with that cell's file, line and column, and the database is exactly as it was (every
 * table); text at its limit, in 1- to 4-byte characters, is stored as given. A plan name over its limit is refused
 * as plainly, before anything is written.
 */

const FIXED_TIME = new Date('2013-10-15T09:30:00.000Z')
const columnsOf = (format: LimitFormat): string[] => [...format.columns.required, ...format.columns.optional]

for (const dialect of DIALECTS) {
  describe(`import limits on ${dialect}`, () => {
    let testDb: TestDatabase
    let services: Services
    let close: () => Promise<void>
    let reader: OpenDatabase
    before(async () => {
      testDb = createTestDatabase(dialect)
      ;({ services, close } = await openServices(testDb.location, { now: () => FIXED_TIME }))
      reader = await openDatabase(testDb.location)
    })
    after(async () => {
      await reader.close()
      await close()
      await testDb.drop()
    })

    /** Every row of every table the product keeps, in order: the whole of what an import could change. */
    const state = async (): Promise<string> => {
      const tables: Record<string, unknown[]> = {}
      for (const table of BACKUP_TABLES) {
        const rows = (await sql`select * from ${sql.table(table)}`.execute(reader.db)).rows
        tables[table] = rows.map((row) => JSON.stringify(row)).sort()
      }
      return JSON.stringify(tables)
    }

    for (const format of LIMIT_FORMATS) {
      const plan = `Limits of ${format.file}`

      it(`${format.file}: one cell over its limit, in any column, refuses the whole import and writes nothing`, async () => {
        await preparePlan(services, format, plan, '')
        await format.importInto(services, plan, filesWith(format, null, ''), '')
        for (const column of columnsOf(format)) {
          const limit = limitOf(format, column)
          const value = textOf(limit.max + 1, limit)
          const before = await state()
          await assert.rejects(format.importInto(services, plan, filesWith(format, column, value), value), (error) => {
            assert.ok(error instanceof ImportRejected, String(error))
            const problem = error.problems.find((p) => p.file === format.file && p.line === lineOf(format))
            assert.equal(problem?.column, column, JSON.stringify(error.problems).slice(0, 400))
            assert.match(
              problem.message,
              new RegExp(`^The ${limit.name} must be ${limit.max.toLocaleString('en-GB')} characters or fewer`),
            )
            assert.match(error.message, /^Nothing was imported/)
            return true
          })
          assert.equal(await state(), before, `${column}: the refused import wrote something`)
        }
      })

      it(`${format.file}: text at its limit, in every column of free text, is stored as given`, async () => {
        for (const column of columnsOf(format)) {
          const limit = limitOf(format, column)
          if (isParsed(limit)) continue
          const value = textOf(limit.max, limit)
          await preparePlan(services, format, plan, value)
          await format.importInto(services, plan, filesWith(format, column, value), value)
          // A list of linked indicators is kept as "A; B".
          const stored = limit === LIMITS.linkedIndicators ? value.split(';').join('; ') : value
          assert.ok((await state()).includes(JSON.stringify(stored).slice(1, -1)), `${column} is stored`)
        }
      })
    }

    it('a new plan named beyond its limit is refused by every import, and nothing is written', async () => {
      const name = textOf(LIMITS.planName.max + 1, LIMITS.planName)
      // Risks and budgets go into a plan held already, so a new name is refused as unknown, not for its length.
      const creating = LIMIT_FORMATS.filter(
        (f) => f.file !== 'risks.csv' && !f.file.startsWith('risk_') && f.files !== BUDGET_FILES,
      )
      for (const format of creating) {
        const before = await state()
        await assert.rejects(format.importInto(services, name, filesWith(format, null, ''), ''), {
          message: `The plan name must be 150 characters or fewer: this one has 151. Shorten it.`,
        })
        assert.equal(await state(), before)
      }
      const atLimit = textOf(LIMITS.planName.max, LIMITS.planName)
      await services.inspection.importKloeScores({
        planName: atLimit,
        file: filesWith(LIMIT_FORMATS.find((f) => f.file === 'kloe_scores.csv') as LimitFormat, null, '')[
          'kloe_scores.csv'
        ] ?? { name: '', content: '' },
        actor: 'test',
      })
      assert.equal((await services.plans.list()).filter((p) => p.name === atLimit).length, 1)
    })
  })
}
