import assert from 'node:assert/strict'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openDatabase } from '../../src/store/database.ts'
import { type OutboxRecord, enqueueMail, listOutbox } from '../../src/store/outbox.repository.ts'
import { type BuiltServer, startBuiltServer } from '../helpers/built-server.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { startSmtpInbox } from '../helpers/smtp-inbox.ts'

/**
 * The built server (dist/server.js) killed outright while its mail is queued, then started again with an SMTP
 * server set: every mail is delivered once, none twice, none lost.
 */
const SITE = 'https://outturn.example.gov.uk'
const created: TestDatabase[] = []
const scratch = mkdtempSync(join(tmpdir(), 'outturn-mail-'))
after(async () => {
  for (const database of created) await database.drop()
  rmSync(scratch, { recursive: true, force: true })
})

async function outbox(location: string): Promise<OutboxRecord[]> {
  const opened = await openDatabase(location)
  try {
    return await listOutbox(opened.db)
  } finally {
    await opened.close()
  }
}

/** Waits (a minute at most) until the outbox holds no queued or sending mail. */
async function drained(location: string, server: BuiltServer): Promise<OutboxRecord[]> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const mails = await outbox(location)
    if (mails.every((m) => m.state === 'sent' || m.state === 'failed')) return mails
    if (Date.now() > deadline) throw new Error(`The outbox was not sent:\n${server.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function kill(server: BuiltServer): Promise<void> {
  const exited = once(server.child, 'exit')
  server.child.kill('SIGKILL')
  await exited
}

for (const dialect of DIALECTS) {
  describe(`mail across a crash of the built server on ${dialect}`, () => {
    it('keeps the queued mail through a kill, then sends each exactly once after the restart', async () => {
      const database = createTestDatabase(dialect)
      created.push(database)
      const env = { OUTTURN_SITE_URL: SITE, OUTTURN_MAIL_FROM: 'Outturn <outturn@council.example>' }
      // First start with no SMTP server: the demo opens its round, and the opening mail waits in the outbox.
      const first = await startBuiltServer({ cwd: scratch, database: database.location, env })
      assert.match(first.output(), /No SMTP server set: mail is kept in the outbox/)
      await kill(first)
      const queued = await outbox(database.location)
      assert.ok(queued.length > 0, 'the round’s opening mail is queued')
      assert.deepEqual(new Set(queued.map((m) => m.state)), new Set(['queued']))

      const inbox = await startSmtpInbox()
      try {
        const second = await startBuiltServer({
          cwd: scratch,
          database: database.location,
          env: { ...env, OUTTURN_SMTP_URL: inbox.url },
        })
        const sent = await drained(database.location, second)
        await second.stop()
        assert.deepEqual(new Set(sent.map((m) => m.state)), new Set(['sent']))
        assert.equal(inbox.received.length, queued.length, 'each queued mail arrived once')
        assert.deepEqual(
          inbox.received.map((m) => `${m.to.join(',')} ${m.subject}`).sort(),
          queued.map((m) => `${m.to} ${m.subject}`).sort(),
        )
        assert.equal(new Set(inbox.received.map((m) => m.messageId)).size, queued.length)
        assert.ok(inbox.received.every((m) => m.from === 'outturn@council.example'))
        assert.ok(inbox.received.every((m) => m.text.includes(`${SITE}/returns`)))

        // A third start sends a new mail and nothing already sent again.
        const opened = await openDatabase(database.location)
        await enqueueMail(
          opened.db,
          [{ to: 'late@outturn.example', subject: 'Late', text: 'Late', html: '<p>Late</p>', purpose: 'reminder' }],
          new Date().toISOString(),
        )
        await opened.close()
        const third = await startBuiltServer({
          cwd: scratch,
          database: database.location,
          env: { ...env, OUTTURN_SMTP_URL: inbox.url },
        })
        await drained(database.location, third)
        await third.stop()
        assert.equal(inbox.received.length, queued.length + 1)
        assert.deepEqual(inbox.received.at(-1)?.to, ['late@outturn.example'])
      } finally {
        await inbox.close()
      }
    })
  })
}
