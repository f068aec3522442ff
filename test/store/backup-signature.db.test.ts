import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { DomainError } from '../../src/domain/errors.ts'
import { type BackupModel, contents, readBackup, tableOf, writeBackup } from '../helpers/backup-files.ts'
import { DIALECTS } from '../helpers/databases.ts'
import { type FreshDatabase, freshDatabases } from '../helpers/fresh-databases.ts'

const KEY = 'a3f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a4938271605f4e'
const OTHER_KEY = 'another-key-of-at-least-thirty-two-characters'

type Held = FreshDatabase
const { scratch, freshDatabase } = freshDatabases('outturn-backup-signature-', () => new Date('2014-01-15T10:00:00Z'))

/** A signed backup changed by someone without the key: the checksum made to match, the old signature kept. */
interface Tampering {
  readonly name: string
  readonly change: (model: BackupModel) => void
}

const TAMPERINGS: readonly Tampering[] = [
  {
    name: 'a figure changed',
    change: (m) => {
      const { meta, rows } = tableOf(m, 'observations')
      const at = meta.columns.indexOf('actual')
      const row = rows.find((r) => r[at] !== null)
      assert.ok(row)
      row[at] = '99.9'
    },
  },
  {
    name: 'a row added',
    change: (m) => {
      const users = tableOf(m, 'users')
      users.rows.push([...(users.rows[0] ?? [])].map((v, i) => (i === 0 ? 50 : i === 1 ? 'new@x.example' : v)))
    },
  },
  { name: 'a row removed', change: (m) => void tableOf(m, 'indicator_assignments').rows.pop() },
  {
    name: 'an audit event rewritten',
    change: (m) => {
      const { meta, rows } = tableOf(m, 'audit_events')
      const first = rows[0]
      assert.ok(first)
      first[meta.columns.indexOf('actor')] = 'someone else'
    },
  },
  { name: 'the date in the header', change: (m) => void (m.header.createdAt = '2001-01-01T00:00:00.000Z') },
  {
    name: 'the source in the header',
    change: (m) => void (m.header.source = m.header.source === 'sqlite' ? 'postgres' : 'sqlite'),
  },
]

describe('signed backups (OUTTURN_BACKUP_KEY)', () => {
  const signed = new Map<string, string>()
  const unsigned = new Map<string, string>()
  before(async () => {
    for (const dialect of DIALECTS) {
      const held = await freshDatabase(dialect)
      await held.services.demo.loadPlan('system:demo')
      await held.services.demo.createUsers()
      const file = join(scratch, `${dialect}.signed.backup`)
      const summary = await held.services.backups.backup(file, 'portable', { key: KEY })
      assert.equal(summary.signed, true)
      signed.set(dialect, file)
      const plain = join(scratch, `${dialect}.unsigned.backup`)
      assert.equal((await held.services.backups.backup(plain, 'portable')).signed, false)
      unsigned.set(dialect, plain)
    }
  })

  for (const to of DIALECTS) {
    describe(`restoring into ${to}`, () => {
      const file = (map: Map<string, string>): string => {
        const path = map.get(to)
        assert.ok(path)
        return path
      }

      async function refused(target: Held, path: string, options: object, message: RegExp): Promise<void> {
        const held = await contents(target.database.db)
        await assert.rejects(target.services.backups.restore(path, { replace: true, ...options }), (error: unknown) => {
          assert.ok(error instanceof DomainError)
          assert.match(error.message, message)
          assert.match(error.message, /Nothing was restored/)
          return true
        })
        assert.deepEqual(await contents(target.database.db), held, 'the database is as it was')
      }

      it('a signed backup carries an HMAC-SHA256 and restores with its key, verified', async () => {
        const header = JSON.parse(readFileSync(file(signed), 'utf8').split('\n')[0] ?? '') as Record<string, unknown>
        assert.match(String(header.signature), /^hmac-sha256:[0-9a-f]{64}$/)
        const unsignedHeader = JSON.parse(readFileSync(file(unsigned), 'utf8').split('\n')[0] ?? '') as object
        assert.equal('signature' in unsignedHeader, false)
        const target = await freshDatabase(to)
        const summary = await target.services.backups.restore(file(signed), { replace: false, key: KEY })
        assert.equal(summary.verified, true)
        assert.equal((await target.services.plans.list()).length, 4)
      })

      it('a signature written by another implementation of the documented format verifies', async () => {
        const path = join(scratch, `${to}-resigned.backup`)
        writeBackup(readBackup(file(unsigned)), path, KEY)
        const target = await freshDatabase(to)
        assert.equal((await target.services.backups.restore(path, { replace: false, key: KEY })).verified, true)
      })

      it('refuses a signed backup changed without the key, however it was changed', async () => {
        const target = await freshDatabase(to)
        await target.services.demo.loadPlan('system:demo')
        for (const [index, tampering] of TAMPERINGS.entries()) {
          const model = readBackup(file(signed))
          const signature = model.header.signature
          tampering.change(model)
          const path = join(scratch, `${to}-tampered-${index}.backup`)
          writeBackup(model, path)
          // The checksum now matches the change (anyone can write one); the signature is the one the key made.
          const header = JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? '') as Record<string, unknown>
          assert.equal(header.signature, signature)
          await refused(target, path, { key: KEY }, /signature does not verify with OUTTURN_BACKUP_KEY/)
        }
        const forged = join(scratch, `${to}-other-key.backup`)
        writeBackup(readBackup(file(unsigned)), forged, OTHER_KEY)
        await refused(target, forged, { key: KEY }, /signature does not verify/)
        await refused(target, file(signed), { key: OTHER_KEY }, /signature does not verify/)
      })

      it('refuses a signature that is not an HMAC-SHA256, and a signed backup when no key is set', async () => {
        const target = await freshDatabase(to)
        await target.services.demo.loadPlan('system:demo')
        for (const [index, signature] of ['', 'hmac-sha256:xyz', 'sha256:' + '0'.repeat(64), 12, null].entries()) {
          const model = readBackup(file(unsigned))
          const path = join(scratch, `${to}-malformed-${index}.backup`)
          writeBackup({ ...model, header: { ...model.header, signature } }, path)
          await refused(target, path, { key: KEY }, /signature is not an HMAC-SHA256/)
        }
        await refused(target, file(signed), {}, /is signed: set OUTTURN_BACKUP_KEY to the key it was made with/)
      })

      it('with a key set, refuses an unsigned backup unless told to allow it', async () => {
        const target = await freshDatabase(to)
        await target.services.demo.loadPlan('system:demo')
        await refused(
          target,
          file(unsigned),
          { key: KEY },
          /is not signed, and OUTTURN_BACKUP_KEY is set.*--allow-unsigned/,
        )
        const stripped = join(scratch, `${to}-stripped.backup`)
        const model = readBackup(file(signed))
        delete model.header.signature
        writeBackup(model, stripped)
        await refused(target, stripped, { key: KEY }, /is not signed/)
        const summary = await target.services.backups.restore(stripped, {
          replace: true,
          key: KEY,
          allowUnsigned: true,
        })
        assert.equal(summary.verified, false)
        // Without a key an unsigned backup restores as before.
        assert.equal((await target.services.backups.restore(file(unsigned), { replace: true })).verified, false)
      })
    })
  }

  it('a SQLite copy carries no signature: with a key set it is refused unless allowed', async () => {
    const source = await freshDatabase('sqlite')
    await source.services.demo.loadPlan('system:demo')
    const copy = join(scratch, 'copy.sqlite')
    assert.equal((await source.services.backups.backup(copy, 'sqlite', { key: KEY })).signed, false)
    const target = await freshDatabase('sqlite')
    await assert.rejects(
      target.services.backups.restore(copy, { replace: false, key: KEY }),
      /SQLite copy, which carries no signature/,
    )
    assert.equal((await contents(target.database.db)).get('plans')?.length, 0)
    await target.services.backups.restore(copy, { replace: false, key: KEY, allowUnsigned: true })
    assert.equal((await contents(target.database.db)).get('plans')?.length, 4)
  })
})
