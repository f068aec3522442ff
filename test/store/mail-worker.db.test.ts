import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Actor } from '../../src/domain/access/access.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { type Services, createServices } from '../../src/services/index.ts'
import { createSmtpSender } from '../../src/services/mail/smtp-sender.ts'
import { type OpenDatabase, migrateToLatest, openDatabase } from '../../src/store/database.ts'
import { claimDueMail, enqueueMail, listOutbox } from '../../src/store/outbox.repository.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { type SmtpInbox, startSmtpInbox } from '../helpers/smtp-inbox.ts'

const SITE = 'https://outturn.example.gov.uk'
const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

const mail = (n: number) => ({
  to: `person${n}@council.example`,
  subject: `Mail ${n}`,
  text: `Text ${n}`,
  html: `<p>HTML ${n}</p>`,
  purpose: 'reminder',
})

for (const dialect of DIALECTS) {
  describe(`the mail worker on ${dialect}, sending to a real SMTP server`, () => {
    let database: OpenDatabase
    let services: Services
    let inbox: SmtpInbox
    let clock = new Date('2013-10-10T09:00:00.000Z')
    const later = (ms: number) => (clock = new Date(clock.getTime() + ms))
    const worker = () =>
      services.outbox.worker(createSmtpSender(inbox.url, 'Outturn <outturn@council.example>', SITE), {
        backoffMs: 60_000,
        leaseMs: 300_000,
        maxAttempts: 3,
      })

    const last = async () => {
      const held = (await listOutbox(database.db)).at(-1)
      assert.ok(held, 'the outbox holds mail')
      return held
    }

    before(async () => {
      const test = createTestDatabase(dialect)
      created.push(test)
      database = await openDatabase(test.location)
      await migrateToLatest(database)
      services = createServices(database.db, { now: () => clock, siteUrl: SITE })
      inbox = await startSmtpInbox()
    })
    after(async () => {
      await inbox.close()
      await database.close()
    })

    it('sends the round-opened mail: recipients, subject, text and HTML bodies with absolute links', async () => {
      await services.demo.loadPlan('test')
      await services.demo.createUsers()
      const signedIn = await services.auth.signIn('officer@outturn.example', 'demo-officer-password')
      assert.ok(signedIn.ok)
      const officer: Actor = signedIn.user
      const opened = await services.rounds.open(officer, 'trafford-adp-2013-14', parsePeriod('2013/14 Q2'), {
        due: '2013-10-15',
        committee: '2013-11-20',
        publish: 'on-entry',
      })
      assert.ok(opened.ok, JSON.stringify(opened))
      const queued = await listOutbox(database.db)
      assert.ok(queued.length > 0)
      assert.equal(await worker().sendDue(), queued.length)
      assert.equal(inbox.received.length, queued.length)
      const toOwner = inbox.received.find((m) => m.to.includes('owner@outturn.example'))
      assert.ok(toOwner, 'the owner is mailed')
      assert.equal(toOwner.from, 'outturn@council.example')
      assert.match(toOwner.subject, /2013\/14 Q2|Quarter 2|July to September/i)
      assert.match(toOwner.text, /15 October 2013/)
      assert.match(toOwner.text, /https:\/\/outturn\.example\.gov\.uk\/plans\/trafford-adp-2013-14\//)
      assert.match(toOwner.html, /<a href="https:\/\/outturn\.example\.gov\.uk\/[^"]+">/)
      assert.match(toOwner.html, /<html lang="en">/)
      assert.match(toOwner.messageId, /^<outbox-\d+-\d+@outturn\.example\.gov\.uk>$/)
      const after = await listOutbox(database.db)
      assert.deepEqual(new Set(after.map((m) => m.state)), new Set(['sent']))
      assert.equal(await worker().sendDue(), 0, 'nothing is sent twice')
      assert.equal(inbox.received.length, queued.length)
    })

    it('retries a refused send with back-off, then delivers it once', async () => {
      const before = inbox.received.length
      await enqueueMail(database.db, [mail(1)], clock.toISOString())
      inbox.refuseNext(2)
      assert.equal(await worker().sendDue(), 0)
      let held = await last()
      assert.equal(held.state, 'queued')
      assert.equal(held.attempts, 1)
      assert.match(held.lastError ?? '', /451|Try again later/)
      assert.equal(held.nextAttemptAt, new Date(clock.getTime() + 60_000).toISOString())
      assert.equal(await worker().sendDue(), 0, 'not due again before its back-off')
      later(60_000)
      assert.equal(await worker().sendDue(), 0)
      held = await last()
      assert.equal(held.attempts, 2)
      assert.equal(held.nextAttemptAt, new Date(clock.getTime() + 120_000).toISOString(), 'the wait doubles')
      later(120_000)
      assert.equal(await worker().sendDue(), 1)
      held = await last()
      assert.equal(held.state, 'sent')
      assert.equal(held.sentAt, clock.toISOString())
      assert.equal(inbox.received.length, before + 1)
      assert.deepEqual(inbox.received.at(-1)?.to, ['person1@council.example'])
      assert.equal(inbox.received.at(-1)?.text, 'Text 1')
    })

    it('gives up after the last attempt, keeping the mail and its error as failed', async () => {
      await enqueueMail(database.db, [mail(2)], clock.toISOString())
      inbox.refuseNext(3)
      for (let attempt = 0; attempt < 3; attempt += 1) {
        assert.equal(await worker().sendDue(), 0)
        later(10 * 60_000)
      }
      const held = await last()
      assert.equal(held.state, 'failed')
      assert.equal(held.attempts, 3)
      assert.equal(await worker().sendDue(), 0, 'a failed mail is not tried again')
    })

    it('leaves a mail claimed by a worker that died alone until its lease runs out, then sends it once', async () => {
      const before = inbox.received.length
      await enqueueMail(database.db, [mail(3)], clock.toISOString())
      const lease = new Date(clock.getTime() + 300_000).toISOString()
      const claimed = await claimDueMail(database.db, clock.toISOString(), lease)
      assert.equal(claimed?.subject, 'Mail 3')
      assert.equal(
        await claimDueMail(database.db, clock.toISOString(), lease),
        null,
        'a claimed mail is not claimed twice',
      )
      assert.equal(await worker().sendDue(), 0)
      later(300_000)
      assert.equal(await worker().sendDue(), 1)
      assert.equal(inbox.received.length, before + 1)
      assert.equal((await last()).attempts, 2)
    })

    it('lets two workers at once send each mail once', async () => {
      const before = inbox.received.length
      await enqueueMail(database.db, [4, 5, 6, 7].map(mail), clock.toISOString())
      const [a, b] = await Promise.all([worker().sendDue(), worker().sendDue()])
      assert.equal(a + b, 4)
      assert.deepEqual(
        inbox.received
          .slice(before)
          .map((m) => m.subject)
          .sort(),
        ['Mail 4', 'Mail 5', 'Mail 6', 'Mail 7'],
      )
    })
  })
}
