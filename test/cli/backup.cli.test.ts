import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { BACKUP_TABLES } from '../../src/store/backup.repository.ts'
import { MIGRATION_NAMES } from '../../src/store/database.ts'
import { readBackup, tableOf, writeBackup } from '../helpers/backup-files.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'outturn-cli-backup-'))
const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
  rmSync(scratch, { recursive: true, force: true })
})

function outturn(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const environment = { ...process.env, ...env }
  if (!('OUTTURN_BACKUP_KEY' in env)) delete environment.OUTTURN_BACKUP_KEY
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { maxBuffer: 32 * 1024 * 1024, env: environment },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      },
    )
  })
}

/** Every table but the sessions, at the latest schema: what a backup of the demo holds. */
const TABLES = `${BACKUP_TABLES.length} tables`
const SCHEMA = MIGRATION_NAMES.at(-1) ?? ''

const REPORT = ['report', '--plan', 'Trafford ADP 2013/14', '--period', '2013/14 Q2', '--format', 'json']

describe('outturn backup and outturn restore', () => {
  it('back up the demo, restore it into a fresh database of the other kind, and print the same report', async () => {
    const source = createTestDatabase('sqlite')
    const target = createTestDatabase(DIALECTS.at(-1) ?? 'sqlite')
    created.push(source, target)
    assert.equal((await outturn(['--database', source.location, 'demo'])).code, 0)
    const file = join(scratch, 'outturn.backup')
    const backup = await outturn(['--database', source.location, 'backup', '--out', file])
    assert.equal(backup.code, 0, backup.stderr)
    assert.match(
      backup.stdout,
      new RegExp(`^Backed up [\\d,]+ rows in ${TABLES} \\(schema ${SCHEMA}\\) to .*outturn\\.backup`),
    )

    const restore = await outturn(['--database', target.location, 'restore', file])
    assert.equal(restore.code, 0, restore.stderr)
    assert.match(restore.stdout, new RegExp(`^Restored [\\d,]+ rows in ${TABLES} .* Sign-in sessions are not restored`))
    const [before, afterRestore] = await Promise.all([
      outturn(['--database', source.location, ...REPORT]),
      outturn(['--database', target.location, ...REPORT]),
    ])
    assert.equal(afterRestore.code, 0, afterRestore.stderr)
    assert.equal(afterRestore.stdout, before.stdout)

    const again = await outturn(['--database', target.location, 'restore', file])
    assert.equal(again.code, 1)
    assert.match(again.stderr, /The database already holds data\. .* add --force to replace everything it holds/)
    const forced = await outturn(['--database', target.location, 'restore', '--force', file])
    assert.equal(forced.code, 0, forced.stderr)
    assert.match(forced.stdout, /Everything the database held before was replaced\./)
  })

  it('copies a SQLite database with SQLite’s online backup, and refuses that format for anything else', async () => {
    const source = createTestDatabase('sqlite')
    created.push(source)
    assert.equal((await outturn(['--database', source.location, 'demo'])).code, 0)
    const copy = join(scratch, 'copy.sqlite')
    const run = await outturn(['--database', source.location, 'backup', '--format', 'sqlite', '--out', copy])
    assert.equal(run.code, 0, run.stderr)
    const [before, fromCopy] = await Promise.all([
      outturn(['--database', source.location, ...REPORT]),
      outturn(['--database', copy, ...REPORT]),
    ])
    assert.equal(fromCopy.stdout, before.stdout)
    const memory = await outturn([
      '--database',
      ':memory:',
      'backup',
      '--format',
      'sqlite',
      '--out',
      join(scratch, 'x'),
    ])
    assert.equal(memory.code, 1)
    assert.match(memory.stderr, /Only a SQLite database file can be copied as SQLite/)
  })

  it('refuses a backup whose rows break a rule with exit 1 and the row named; signs and verifies with OUTTURN_BACKUP_KEY', async () => {
    const source = createTestDatabase('sqlite')
    const target = createTestDatabase(DIALECTS.at(-1) ?? 'sqlite')
    created.push(source, target)
    assert.equal((await outturn(['--database', source.location, 'demo'])).code, 0)
    const key = { OUTTURN_BACKUP_KEY: 'k'.repeat(40) }
    const file = join(scratch, 'signed.backup')
    const backup = await outturn(['--database', source.location, 'backup', '--out', file], key)
    assert.equal(backup.code, 0, backup.stderr)
    assert.match(backup.stdout, /portable, signed with OUTTURN_BACKUP_KEY\)\.$/m)

    const unkeyed = await outturn(['--database', target.location, 'restore', file])
    assert.equal(unkeyed.code, 1)
    assert.match(unkeyed.stderr, /is signed: set OUTTURN_BACKUP_KEY/)
    const wrong = await outturn(['--database', target.location, 'restore', file], {
      OUTTURN_BACKUP_KEY: 'w'.repeat(40),
    })
    assert.equal(wrong.code, 1)
    assert.match(wrong.stderr, /signature does not verify/)
    const short = await outturn(['--database', target.location, 'restore', file], { OUTTURN_BACKUP_KEY: 'short' })
    assert.notEqual(short.code, 0)
    assert.match(short.stderr, /OUTTURN_BACKUP_KEY must be at least 32 characters/)

    const model = readBackup(file)
    delete model.header.signature
    const plans = tableOf(model, 'plans').rows
    plans.push([...(plans[0] ?? [])])
    const broken = join(scratch, 'broken.backup')
    writeBackup(model, broken)
    const refused = await outturn(['--database', target.location, 'restore', broken])
    assert.equal(refused.code, 1, refused.stderr)
    assert.match(
      refused.stderr,
      /broken\.backup is not a consistent backup: row 5 of its plans table \(id 1, line 7 of the file\) another row already has the same id\. Nothing was restored/,
    )
    assert.doesNotMatch(refused.stderr, /unexpected error/)
    const plansNow = await outturn(['--database', target.location, 'plans'])
    assert.match(plansNow.stdout, /No plans are held yet/, 'nothing was restored')

    const restored = await outturn(['--database', target.location, 'restore', file], key)
    assert.equal(restored.code, 0, restored.stderr)
    assert.match(restored.stdout, /Its signature was verified with OUTTURN_BACKUP_KEY\./)
  })
})
