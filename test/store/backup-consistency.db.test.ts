import assert from 'node:assert/strict'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import SqliteDatabase from 'better-sqlite3'
import { DomainError } from '../../src/domain/errors.ts'
import {
  type BackupModel,
  contents as contentsOf,
  lineOf,
  readBackup,
  tableOf,
  writeBackup,
} from '../helpers/backup-files.ts'
import { DIALECTS } from '../helpers/databases.ts'
import { type FreshDatabase, freshDatabases } from '../helpers/fresh-databases.ts'
import { assertIntegrity } from '../helpers/integrity.ts'

const fixedNow = (): Date => new Date('2014-01-15T10:00:00.000Z')
const { scratch, freshDatabase } = freshDatabases('outturn-backup-consistency-', fixedNow)

type Held = FreshDatabase

const contents = (held: Held): Promise<Map<string, unknown[]>> => contentsOf(held.database.db)

/** A row of a table, with one column changed. */
function changed(model: BackupModel, table: string, row: number, values: Record<string, unknown>): unknown[] {
  const { meta, rows } = tableOf(model, table)
  const copy = [...(rows[row] ?? [])]
  for (const [column, value] of Object.entries(values)) copy[meta.columns.indexOf(column)] = value
  return copy
}

interface Variant {
  readonly name: string
  /** Changes the model; returns the table, the row (from 1) the restore must name, and its id if it has one. */
  readonly change: (model: BackupModel) => { table: string; row: number; id?: number }
  /** What the message must say about the row. */
  readonly reason: RegExp
}

/** Each a different way a backup's rows break this database's rules, in a file whose checksum matches. */
const VARIANTS: readonly Variant[] = [
  {
    name: 'a plan held twice',
    change: (m) => {
      const plans = tableOf(m, 'plans').rows
      plans.splice(1, 0, [...(plans[0] ?? [])])
      return { table: 'plans', row: 2, id: 1 }
    },
    reason: /another row already has the same (id|key)/,
  },
  {
    name: 'two plans of one name',
    change: (m) => {
      tableOf(m, 'plans').rows.push(changed(m, 'plans', 0, { id: 90, slug: 'another-address' }))
      return { table: 'plans', row: tableOf(m, 'plans').rows.length, id: 90 }
    },
    reason: /another row already has the same name/,
  },
  {
    name: 'two plans at one address',
    change: (m) => {
      tableOf(m, 'plans').rows.push(changed(m, 'plans', 0, { id: 91, name: 'Another name' }))
      return { table: 'plans', row: tableOf(m, 'plans').rows.length, id: 91 }
    },
    reason: /another row already has the same slug/,
  },
  {
    name: 'a theme of a plan that is not there',
    change: (m) => {
      const themes = tableOf(m, 'themes').rows
      themes[2] = changed(m, 'themes', 2, { plan_id: 9999 })
      return { table: 'themes', row: 3, id: Number(themes[2][0]) }
    },
    reason: /(it|its \w+) refers to a row that is not there/,
  },
  {
    name: 'an assignment to a person who is not there',
    change: (m) => {
      const rows = tableOf(m, 'indicator_assignments').rows
      rows[0] = changed(m, 'indicator_assignments', 0, { user_id: 9999 })
      return { table: 'indicator_assignments', row: 1 }
    },
    reason: /(it|its \w+) refers to a row that is not there/,
  },
  {
    name: 'an assignment held twice (a key of two columns)',
    change: (m) => {
      const rows = tableOf(m, 'indicator_assignments').rows
      rows.push([...(rows[0] ?? [])])
      return { table: 'indicator_assignments', row: rows.length }
    },
    reason: /another row already has the same indicator_id, user_id/,
  },
  {
    name: 'two people with one email',
    change: (m) => {
      const users = tableOf(m, 'users').rows
      users.push(changed(m, 'users', 0, { id: 77 }))
      return { table: 'users', row: users.length, id: 77 }
    },
    reason: /another row already has the same email/,
  },
  {
    name: 'a plan without a name',
    change: (m) => {
      tableOf(m, 'plans').rows[3] = changed(m, 'plans', 3, { name: null })
      return { table: 'plans', row: 4, id: 4 }
    },
    reason: /it has no name, which must be given/,
  },
  {
    name: 'text where a whole number belongs',
    change: (m) => {
      const themes = tableOf(m, 'themes').rows
      themes[0] = changed(m, 'themes', 0, { position: 'first' })
      return { table: 'themes', row: 1, id: Number(themes[0][0]) }
    },
    reason: /has text in its position column, which holds whole numbers/,
  },
  {
    name: 'a number where text belongs',
    change: (m) => {
      tableOf(m, 'plans').rows[0] = changed(m, 'plans', 0, { name: 42 })
      return { table: 'plans', row: 1, id: 1 }
    },
    reason: /has a number in its name column, which holds text/,
  },
  {
    name: 'a fraction, a list and a true in place of values',
    change: (m) => {
      const risks = tableOf(m, 'risks').rows
      risks[1] = changed(m, 'risks', 1, { initial_impact: 2.5 })
      risks[2] = changed(m, 'risks', 2, { description: ['a', 'list'] })
      return { table: 'risks', row: 2, id: Number(risks[1][0]) }
    },
    reason: /has a value in its initial_impact column that is not text, a whole number or empty/,
  },
  {
    name: 'a row with a value too many',
    change: (m) => {
      const kloe = tableOf(m, 'kloe_scores').rows
      kloe[4] = [...(kloe[4] ?? []), 'extra']
      return { table: 'kloe_scores', row: 5, id: Number(kloe[4][0]) }
    },
    reason: /has \d+ values where the table has \d+ columns/,
  },
  {
    name: 'a repeated id deep in a long table, past the first batches',
    change: (m) => {
      const audit = tableOf(m, 'audit_events')
      const template = audit.rows[0] ?? []
      const idAt = audit.meta.columns.indexOf('id')
      const start = Math.max(...audit.rows.map((r) => Number(r[idAt]))) + 1
      for (let n = 0; n < 2_600; n += 1) {
        const row = [...template]
        row[idAt] = start + n
        audit.rows.push(row)
      }
      const repeated = [...template]
      audit.rows.splice(2_400, 0, repeated)
      return { table: 'audit_events', row: 2_401, id: Number(template[idAt]) }
    },
    reason: /another row already has the same (id|key)/,
  },
]

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('restoring a backup whose rows break a rule of the database', () => {
  const sources = new Map<string, string>()
  before(async () => {
    for (const dialect of DIALECTS) {
      const held = await freshDatabase(dialect)
      await held.services.demo.loadPlan('system:demo')
      await held.services.demo.createUsers()
      const file = join(scratch, `${dialect}.backup`)
      await held.services.backups.backup(file, 'portable')
      sources.set(dialect, file)
    }
  })

  for (const to of DIALECTS) {
    it(`refuses every variant on ${to}, naming the file, table, row, id and line, and changes nothing`, async () => {
      const target = await freshDatabase(to)
      await target.services.demo.loadPlan('system:demo')
      await target.services.auth.addUser({
        email: 'only-here@council.gov.uk',
        name: 'An officer',
        role: 'viewer',
        password: 'a-long-enough-password',
      })
      const held = await contents(target)
      const source = sources.get(to)
      assert.ok(source)
      for (const [index, variant] of VARIANTS.entries()) {
        const model = readBackup(source)
        const { table, row, id } = variant.change(model)
        const file = join(scratch, `${to}-variant-${index}.backup`)
        writeBackup(model, file)
        const where = [...(id === undefined ? [] : [`id ${id}`]), `line ${lineOf(model, table, row)} of the file`]
        const expected = new RegExp(
          `^${escape(file)} is not a consistent backup: row ${row} of its ${table} table \\(${where.join(', ')}\\) ` +
            `${variant.reason.source}\\. Nothing was restored: the database is as it was\\.$`,
        )
        await assert.rejects(target.services.backups.restore(file, { replace: true }), (error: unknown) => {
          assert.ok(error instanceof DomainError, `${variant.name}: a DomainError, so the CLI exits 1`)
          assert.equal(error.code, 'invalid-value')
          assert.match(error.message, expected, variant.name)
          return true
        })
        assert.deepEqual(await contents(target), held, `${variant.name}: the database is as it was`)
      }
      await assertIntegrity(target.database.db, to === 'sqlite' ? target.testDb.location : null)
      // The same file unchanged still restores: the refusals were the rows', not the database's.
      await target.services.backups.restore(source, { replace: true })
      assert.equal((await contents(target)).get('users')?.length, 4)
    })
  }

  for (const to of DIALECTS) {
    it(`refuses a SQLite copy holding a row that breaks a rule, restoring into ${to}, naming table, row and id`, async () => {
      const from = await freshDatabase('sqlite')
      await from.services.demo.loadPlan('system:demo')
      const copy = join(scratch, `to-${to}.sqlite`)
      await from.services.backups.backup(copy, 'sqlite')
      const raw = new SqliteDatabase(copy)
      raw.pragma('foreign_keys = OFF')
      const theme = raw.prepare('select max(id) as id from themes').get() as { id: number }
      raw
        .prepare("insert into themes (id, plan_id, name, position) values (?, 9999, 'Orphan theme', 1)")
        .run(theme.id + 1)
      const count = raw.prepare('select count(*) as n from themes').get() as { n: number }
      raw.close()
      const target = await freshDatabase(to)
      await target.services.demo.loadPlan('system:demo')
      const held = await contents(target)
      await assert.rejects(target.services.backups.restore(copy, { replace: true }), (error: unknown) => {
        assert.ok(error instanceof DomainError)
        assert.match(
          error.message,
          new RegExp(
            `^${escape(copy)} is not a consistent backup: row ${count.n} of its themes table \\(id ${theme.id + 1}\\) ` +
              '(it|its plan_id) refers to a row that is not there\\. Nothing was restored: the database is as it was\\.$',
          ),
        )
        assert.match(error.message, /Nothing was restored: the database is as it was\.$/)
        return true
      })
      assert.deepEqual(await contents(target), held, 'the database is as it was')
    })
  }
})
