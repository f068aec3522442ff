import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { Actor } from '../../src/domain/access/access.ts'
import { type Period, formatPeriod, parsePeriod } from '../../src/domain/periods/period.ts'
import { renderReport } from '../../src/reports/index.ts'
import { DEMO_USERS, type Services } from '../../src/services/index.ts'
import { DEMO_DELIVERY_PLANS } from '../../src/services/demo.service.ts'
import { BACKUP_TABLES, TRANSIENT_TABLES } from '../../src/store/backup.repository.ts'
import { MIGRATION_NAMES } from '../../src/store/database.ts'
import { listUsers } from '../../src/store/user.repository.ts'
import { DIALECTS } from '../helpers/databases.ts'
import { type FreshDatabase, freshDatabases } from '../helpers/fresh-databases.ts'
import { assertIntegrity } from '../helpers/integrity.ts'

const fixedNow = (): Date => new Date('2014-01-15T10:00:00.000Z')
const { scratch, freshDatabase, openAgain } = freshDatabases('outturn-backup-', fixedNow)

type Held = FreshDatabase

async function actor(services: Services, email: string): Promise<Actor> {
  const user = (await services.auth.listUsers()).find((u) => u.email === email)
  assert.ok(user, email)
  return user
}

/** The demo, plus what the web app adds: a revised figure with its reason, an exception report, a sign-in. */
async function loadSource(services: Services): Promise<{ session: string }> {
  await services.demo.loadPlan('system:demo')
  await services.demo.createUsers()
  const officer = await actor(services, 'officer@outturn.example')
  const Q2 = parsePeriod('2013/14 Q2')
  const saved = await services.entries.recordEntry(officer, 'trafford-adp-2013-14', 'LCA 2', Q2, {
    actual: '5.01',
    estimated: true,
    dataPeriod: '',
    notReported: '',
    note: 'Revised after the data return',
    reason: 'Late returns from two schools',
  })
  assert.equal(saved.ok, true)
  const report = await services.exceptions.save(officer, 'trafford-adp-2013-14', 'LCA 2', Q2, {
    baseline: '4.4',
    why: 'Two schools returned late',
    implications: 'The target for the year is at risk',
    improvement: 'Termly returns from September',
    submit: true,
  })
  assert.equal(report.ok, true)
  const signedIn = await services.auth.signIn('owner@outturn.example', 'demo-owner-password')
  assert.ok(signedIn.ok)
  return { session: signedIn.token }
}

/** Every plan's report JSON for its first, middle and latest reporting periods, exactly as the CLI prints it. */
async function reports(services: Services): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const plan of await services.plans.list()) {
    const { periods } = await services.plans.reportingPeriods(plan.slug)
    const chosen: Period[] = [periods[0], periods[Math.floor(periods.length / 2)], periods.at(-1)].filter(
      (p): p is Period => p !== undefined,
    )
    assert.ok(chosen.length > 0, `${plan.name} has periods to report`)
    for (const period of chosen) {
      const data = await services.reports.reportData(plan.name, period)
      const json = await renderReport('json', { ...data, producedOn: '2014-01-15T10:00:00.000Z' })
      out.set(`${plan.name} ${formatPeriod(period)}`, json.toString('utf8'))
    }
  }
  return out
}

async function trails(services: Services): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>()
  for (const plan of await services.plans.list()) out.set(plan.name, await services.plans.auditTrail(plan.name))
  return out
}

async function sessionCount(held: Held): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from sessions`.execute(held.database.db)
  return Number(rows[0]?.n)
}

/** Asserts that a restored database holds what the source does: reports, audit trails, users and their hashes. */
async function assertSameContent(source: Held, target: Held): Promise<void> {
  assert.deepEqual(
    (await target.services.plans.list()).map((p) => p.name),
    (await source.services.plans.list()).map((p) => p.name),
  )
  const expected = await reports(source.services)
  const actual = await reports(target.services)
  assert.deepEqual([...actual.keys()], [...expected.keys()])
  for (const [key, json] of expected) assert.equal(actual.get(key), json, `the report JSON for ${key}`)
  assert.deepEqual(await trails(target.services), await trails(source.services), 'the audit trails')
  assert.deepEqual(await listUsers(target.database.db), await listUsers(source.database.db), 'users, with hashes')
  // The budget monitoring tables: the demo's Halton statements and capital programme come back whole.
  const halton = async (services: Services) =>
    services.finance.financeFor((await services.plans.bySlugOrName(DEMO_DELIVERY_PLANS.halton)).id, '2012/13 Q2')
  const finance = await halton(target.services)
  assert.deepEqual(
    [finance.statements.length, finance.statements.flatMap((s) => s.lines).length, finance.capital.length],
    [3, 67, 1],
  )
  assert.deepEqual(finance, await halton(source.services), 'the finances')
}

const formatsOf = (dialect: 'sqlite' | 'postgres'): ('portable' | 'sqlite')[] =>
  dialect === 'sqlite' ? ['portable', 'sqlite'] : ['portable']

describe('backup and restore', () => {
  const sources = new Map<string, { held: Held; session: string; files: Map<string, string> }>()

  before(async () => {
    for (const dialect of DIALECTS) {
      const held = await freshDatabase(dialect)
      const { session } = await loadSource(held.services)
      const files = new Map<string, string>()
      for (const format of formatsOf(dialect)) {
        const file = join(scratch, `${dialect}.${format}.backup`)
        const summary = await held.services.backups.backup(file, format)
        assert.equal(summary.tables, BACKUP_TABLES.length)
        assert.ok(summary.rows > 500)
        files.set(format, file)
      }
      sources.set(dialect, { held, session, files })
    }
  })

  for (const from of DIALECTS) {
    for (const format of formatsOf(from)) {
      for (const to of DIALECTS) {
        it(`restores a ${format} backup of ${from} into a fresh ${to} database: the same reports, audit trails and users`, async () => {
          const source = sources.get(from)
          assert.ok(source)
          const file = source.files.get(format)
          assert.ok(file)
          const target = await freshDatabase(to)
          const summary = await target.services.backups.restore(file, { replace: false })
          assert.equal(summary.format, format)
          assert.equal(summary.tables, BACKUP_TABLES.length)
          await assertSameContent(source.held, target)
          await assertIntegrity(target.database.db, to === 'sqlite' ? target.testDb.location : null)

          // Passwords still work (their hashes came across); sign-ins did not.
          const user = DEMO_USERS[0]
          assert.ok(user)
          assert.ok(await target.services.auth.signIn(user.email, user.password), 'the password hash was kept')
          assert.equal(await target.services.auth.userForSession(source.session), null, 'no session was restored')
          assert.equal(await sessionCount(target), 1, 'only the sign-in just made')

          // The restored database takes new writes: on PostgreSQL the id sequences were moved past the restored ids.
          const officer = await actor(target.services, 'officer@outturn.example')
          const saved = await target.services.entries.recordEntry(
            officer,
            'trafford-adp-2013-14',
            'NI 154',
            parsePeriod('2013/14 Q3'),
            { actual: '410', estimated: false, dataPeriod: '', notReported: '', note: '', reason: '' },
          )
          assert.equal(saved.ok, true)
          await target.services.auth.addUser({
            email: 'new@council.gov.uk',
            name: 'New officer',
            role: 'officer',
            password: 'a-long-enough-password',
          })
        })
      }
    }
  }

  for (const dialect of DIALECTS) {
    describe(`refusals on ${dialect}, leaving the database as it was`, () => {
      const file = (): string => {
        const path = sources.get(dialect)?.files.get('portable')
        assert.ok(path)
        return path
      }

      /** Writes a copy of the portable backup with its lines changed, and a checksum that matches, or not. */
      const variant = (name: string, change: (lines: string[]) => string[], checksum: 'fix' | 'keep'): string => {
        const [headerLine = '', ...body] = readFileSync(file(), 'utf8').split('\n')
        const header = JSON.parse(headerLine) as Record<string, unknown>
        const changed = change([JSON.stringify(header), ...body])
        const [newHeader = '', ...newBody] = changed
        const text = newBody.join('\n')
        const parsed = JSON.parse(newHeader) as Record<string, unknown>
        if (checksum === 'fix') parsed.checksum = `sha256:${createHash('sha256').update(text).digest('hex')}`
        const path = join(scratch, `${dialect}-${name}.backup`)
        writeFileSync(path, `${JSON.stringify(parsed)}\n${text}`)
        return path
      }

      async function refused(target: Held, path: string, replace: boolean, message: RegExp): Promise<void> {
        const before = await reports(target.services)
        const trailsBefore = await trails(target.services)
        await assert.rejects(target.services.backups.restore(path, { replace }), (error: unknown) => {
          assert.ok(error instanceof Error)
          assert.match(error.message, message)
          return true
        })
        assert.deepEqual(await reports(target.services), before, 'the reports are as they were')
        assert.deepEqual(await trails(target.services), trailsBefore, 'the audit trails are as they were')
        await assertIntegrity(target.database.db, dialect === 'sqlite' ? target.testDb.location : null)
      }

      it('refuses a database that holds data unless told to replace it, then replaces all of it', async () => {
        const target = await freshDatabase(dialect)
        await target.services.demo.loadPlan('system:demo')
        await target.services.auth.addUser({
          email: 'only-here@council.gov.uk',
          name: 'Only here',
          role: 'viewer',
          password: 'a-long-enough-password',
        })
        await refused(target, file(), false, /already holds data.*--force/)
        await target.services.backups.restore(file(), { replace: true })
        const source = sources.get(dialect)
        assert.ok(source)
        await assertSameContent(source.held, target)
        assert.equal(
          (await target.services.auth.listUsers()).some((u) => u.email === 'only-here@council.gov.uk'),
          false,
          'what the database held before is gone',
        )
      })

      it('refuses a damaged file (its checksum does not match)', async () => {
        const target = await freshDatabase(dialect)
        await target.services.demo.loadPlan('system:demo')
        const damaged = variant(
          'damaged',
          (lines) => lines.map((line, i) => (i === 2 ? line.replace('Trafford', 'Trafforx') : line)),
          'keep',
        )
        await refused(target, damaged, true, /damaged: its checksum does not match/)
      })

      it('refuses a file from a newer schema or a newer backup format, and one from an older schema', async () => {
        const latest = `"${MIGRATION_NAMES.at(-1) ?? ''}"`
        const earlier = MIGRATION_NAMES.at(-2) ?? ''
        const target = await freshDatabase(dialect)
        await target.services.demo.loadPlan('system:demo')
        const newer = variant(
          'newer-schema',
          ([header = '', ...body]) => [header.replace(latest, '"999-from-the-future"'), ...body],
          'keep',
        )
        await refused(target, newer, true, /made by a newer Outturn: its schema is at 999-from-the-future/)
        const format = variant(
          'newer-format',
          ([header = '', ...body]) => [header.replace('"formatVersion":1', '"formatVersion":2'), ...body],
          'keep',
        )
        await refused(target, format, true, /backup format 2, newer than this Outturn reads/)
        const older = variant(
          'older-schema',
          ([header = '', ...body]) => [header.replace(latest, `"${earlier}"`), ...body],
          'keep',
        )
        await refused(target, older, true, new RegExp(`made at schema ${earlier}, older than this Outturn's`))
      })

      it('is all or nothing: a row that breaks a constraint, or a file cut short, changes nothing', async () => {
        const target = await freshDatabase(dialect)
        await target.services.demo.loadPlan('system:demo')
        // The first plan twice (its table's row count raised to match), with a checksum that matches.
        const duplicated = variant(
          'duplicate-row',
          ([header = '', table = '', first = '', ...rest]) => {
            const meta = JSON.parse(table) as { rows: number }
            return [header, JSON.stringify({ ...meta, rows: meta.rows + 1 }), first, first, ...rest]
          },
          'fix',
        )
        await refused(
          target,
          duplicated,
          true,
          /is not a consistent backup: row 2 of its plans table \(id 1, line 4 of the file\) another row already has the same id/,
        )
        const cut = variant('cut-short', (lines) => lines.slice(0, Math.floor(lines.length / 2)), 'fix')
        await refused(target, cut, true, /should have \d+ rows but has|holds \d+ of the \d+ tables/)
      })

      it('refuses a file that is not a backup', async () => {
        const target = await freshDatabase(dialect)
        const path = join(scratch, `${dialect}-not-a-backup.csv`)
        writeFileSync(path, 'ref,title\nNI 154,Net additional homes\n')
        await refused(target, path, false, /not an Outturn backup/)
      })
    })
  }

  for (const dialect of DIALECTS) {
    for (const format of formatsOf(dialect)) {
      it(`takes a ${format} backup of ${dialect} while another connection is writing: only what was committed`, async () => {
        const source = await freshDatabase(dialect)
        await source.services.demo.loadPlan('system:demo')
        const writer = await openAgain(source.testDb.location)
        const trx = await writer.db.startTransaction().execute()
        await trx
          .insertInto('plans')
          .values({ name: 'Not yet committed', slug: 'not-yet-committed', created_at: fixedNow().toISOString() })
          .execute()
        const file = join(scratch, `${dialect}-in-flight.${format}.backup`)
        await source.services.backups.backup(file, format)
        await trx.commit().execute()
        const target = await freshDatabase(dialect)
        await target.services.backups.restore(file, { replace: false })
        const names = (await target.services.plans.list()).map((p) => p.name)
        assert.equal(names.includes('Not yet committed'), false)
        assert.equal(names.length, (await source.services.plans.list()).length - 1)
      })
    }
  }

  it('backs up every table but the sessions', async () => {
    const held = await freshDatabase('sqlite')
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    `.execute(held.database.db)
    assert.deepEqual(rows.map((row) => row.name).sort(), [...BACKUP_TABLES, ...TRANSIENT_TABLES].sort())
  })
})
