import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Actor } from '../../src/domain/access/access.ts'
import { DomainError } from '../../src/domain/errors.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJsonText } from '../../src/reports/report.json.ts'
import { type Services, createServices } from '../../src/services/index.ts'
import { type OpenDatabase, migrateToLatest, openDatabase } from '../../src/store/database.ts'
import { listOutbox } from '../../src/store/outbox.repository.ts'
import { listReturns } from '../../src/store/round.repository.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const SLUG = 'trafford-adp-2013-14'
const Q2 = parsePeriod('2013/14 Q2')
const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

const entry = (actual: string, note = '', reason = '') => ({
  actual,
  estimated: false,
  dataPeriod: '',
  notReported: '',
  note,
  reason,
})

for (const dialect of DIALECTS) {
  describe(`the reporting round on ${dialect}`, () => {
    let database: OpenDatabase
    let services: Services
    let officer: Actor
    let owner: Actor
    let clock = new Date('2013-10-10T09:00:00.000Z')

    before(async () => {
      const test = createTestDatabase(dialect)
      created.push(test)
      database = await openDatabase(test.location)
      await migrateToLatest(database)
      services = createServices(database.db, { now: () => clock, siteUrl: 'https://outturn.example.gov.uk/' })
      await services.demo.loadPlan('test')
      await services.demo.createUsers()
      const signIn = async (role: 'officer' | 'owner') => {
        const result = await services.auth.signIn(`${role}@outturn.example`, `demo-${role}-password`)
        assert.ok(result.ok)
        return result.user
      }
      officer = await signIn('officer')
      owner = await signIn('owner')
    })
    after(async () => {
      await database.close()
    })

    const input = { due: '2013-10-15', committee: '2013-11-20', publish: 'on-entry' }
    const ownerItems = async () =>
      (await services.rounds.status(SLUG, Q2)).people.find((p) => p.id === owner.id)?.items ?? []

    it('refuses an owner, and bad dates, saying which field', async () => {
      await assert.rejects(
        services.rounds.open(owner, SLUG, Q2, input),
        (e) => e instanceof DomainError && e.code === 'forbidden',
      )
      const bad = await services.rounds.open(officer, SLUG, Q2, {
        due: '2013-02-30',
        committee: '2013-13-01',
        publish: 'soon',
      })
      assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => e.field), ['due', 'committee', 'publish'])
      const early = await services.rounds.open(officer, SLUG, Q2, { ...input, committee: '2013-10-14' })
      assert.deepEqual(early.ok ? [] : early.errors.map((e) => e.message), [
        'The committee date must be on or after the due date',
      ])
      assert.equal(await services.rounds.find(SLUG, Q2), null)
    })

    it('opens the round: what each person owes, a draft return of each, one mail each, audited', async () => {
      const opened = await services.rounds.open(officer, SLUG, Q2, input)
      assert.ok(opened.ok)
      assert.equal(opened.mailed, 1)
      assert.deepEqual(
        opened.status.people.map((p) => [p.email, p.items.length]),
        [['owner@outturn.example', 8]],
      )
      assert.equal(opened.status.due.text, 'Due 15 October 2013: 5 days left')
      const round = await services.rounds.find(SLUG, Q2)
      assert.deepEqual(
        { due: round?.due, committee: round?.committee, publish: round?.publish, by: round?.openedBy },
        { due: '2013-10-15', committee: '2013-11-20', publish: 'on-entry', by: officer.email },
      )
      const returns = await listReturns(database.db, round?.id ?? 0)
      assert.equal(returns.length, 8)
      assert.ok(returns.every((r) => r.state === 'draft' && r.userId === owner.id))
      const [mail, ...others] = await listOutbox(database.db)
      assert.equal(others.length, 0)
      assert.ok(mail)
      assert.equal(mail.to, 'owner@outturn.example')
      assert.equal(mail.state, 'queued')
      assert.equal(mail.attempts, 0)
      assert.match(mail.text, /^Dear Demo indicator owner,$/m)
      assert.match(mail.text, /You have 8 things outstanding:/)
      assert.match(
        mail.text,
        /- Commentary for NI 154: .*\n {2}https:\/\/outturn\.example\.gov\.uk\/plans\/trafford-adp-2013-14\/indicators\/NI%20154\/entry\?period=2013%2F14\+Q2&from=returns/,
      )
      assert.match(mail.html, /^<html lang="en">$/m)
      const trail = await services.plans.auditTrail('Trafford ADP 2013/14')
      assert.ok(
        trail.some(
          (e) =>
            e.entity === 'round' &&
            e.field === 'opened' &&
            e.newValue?.startsWith('due 15 October 2013, committee 20 November 2013'),
        ),
      )
      await assert.rejects(
        services.rounds.open(officer, SLUG, Q2, input),
        (e) => e instanceof DomainError && e.code === 'conflict',
      )
    })

    it('shows the owner their returns, and submits only what is done', async () => {
      const [mine, ...more] = await services.returns.yours(owner)
      assert.equal(more.length, 0)
      assert.equal(mine?.outstanding, 8)
      assert.equal(mine.ready, 5)
      assert.deepEqual(await services.returns.yours(officer), [], 'an officer owes nothing here')
      const submitted = await services.returns.submit(owner, SLUG, Q2)
      assert.deepEqual(submitted, { ok: true, changes: 5 })
      const again = await services.returns.submit(owner, SLUG, Q2)
      assert.equal(again.ok, false, 'nothing more is ready')
      await assert.rejects(
        services.returns.submit(officer, SLUG, Q2),
        (e) => e instanceof DomainError && e.code === 'forbidden',
      )
      const standing = (await ownerItems()).map((i) => `${i.kind} ${i.ref} ${i.standing}`)
      assert.deepEqual(standing, [
        'figure NI 154 submitted',
        'commentary NI 154 to-do',
        'figure STP 13 submitted',
        'commentary STP 13 to-do',
        'exception-report STP 13 submitted',
        'figure LCA 2 submitted',
        'commentary LCA 2 to-do',
        'exception-report LCA 2 submitted',
      ])
      const { total, byTheme } = await services.rounds.status(SLUG, Q2)
      assert.deepEqual(total, { total: 8, returned: 5, approved: 0, outstanding: 3, overdue: 0 })
      assert.deepEqual(
        byTheme.map((t) => [t.theme, t.tally.returned, t.tally.outstanding]),
        [
          ['Economic Growth and Development', 1, 1],
          ['Safe Place to Live – Fighting Crime', 2, 1],
          ['Excellence in Education', 2, 1],
        ],
      )
    })

    it('approves and sends back, audited, with a mail for what is sent back', async () => {
      const items = await ownerItems()
      const figure = items.find((i) => i.kind === 'figure' && i.ref === 'NI 154')?.returnId ?? 0
      const report = items.find((i) => i.kind === 'exception-report' && i.ref === 'LCA 2')?.returnId ?? 0
      await assert.rejects(
        services.returns.review(owner, SLUG, Q2, figure, 'approve', ''),
        (e) => e instanceof DomainError && e.code === 'forbidden',
      )
      assert.deepEqual((await services.returns.review(officer, SLUG, Q2, figure, 'approve', '')).ok, true)
      await assert.rejects(
        services.returns.review(officer, SLUG, Q2, figure, 'approve', ''),
        (e) => e instanceof DomainError && e.code === 'conflict',
      )
      const blank = await services.returns.review(officer, SLUG, Q2, report, 'send-back', ' ')
      assert.deepEqual(blank.ok ? [] : blank.errors.map((e) => e.field), ['comment'])
      const comment = 'Add when the Not Known figure will be resolved.'
      assert.equal((await services.returns.review(officer, SLUG, Q2, report, 'send-back', comment)).ok, true)
      await assert.rejects(
        services.returns.review(officer, SLUG, Q2, 999_999, 'approve', ''),
        (e) => e instanceof DomainError && e.code === 'not-found',
      )
      const after = await ownerItems()
      assert.equal(after.find((i) => i.returnId === figure)?.standing, 'approved')
      const sentBack = after.find((i) => i.returnId === report)
      assert.deepEqual([sentBack?.standing, sentBack?.comment], ['sent-back', comment])
      const events = (await services.plans.auditTrail('Trafford ADP 2013/14')).filter((e) => e.entity === 'return')
      assert.ok(
        events.some(
          (e) =>
            e.ref === 'NI 154' &&
            e.field === 'Figure return' &&
            e.oldValue === 'Submitted' &&
            e.newValue === 'Approved' &&
            e.actor === officer.email,
        ),
      )
      assert.ok(events.some((e) => e.ref === 'LCA 2' && e.newValue === 'Sent back' && e.reason === comment))
      const mail = (await listOutbox(database.db)).filter((m) => m.purpose === 'sent-back')
      assert.deepEqual(
        mail.map((m) => m.subject),
        ['Sent back: your exception report for LCA 2, Trafford ADP 2013/14, Quarter 2 2013/14'],
      )
      assert.ok(mail[0]?.text.includes(`“${comment}”`))
      // Sent back and put right, it is submitted again.
      assert.deepEqual(await services.returns.submit(owner, SLUG, Q2), { ok: true, changes: 1 })
    })

    it('puts a return changed after submission back to a draft, and asks for an exception report when a figure turns Red', async () => {
      const stp = async () => (await ownerItems()).find((i) => i.kind === 'figure' && i.ref === 'STP 13')
      assert.equal((await stp())?.standing, 'submitted')
      const saved = await services.entries.recordEntry(
        owner,
        SLUG,
        'STP 13',
        Q2,
        entry('3810', '', 'Late incidents added'),
      )
      assert.ok(saved.ok)
      await services.returns.saved(owner, { kind: 'figure', planSlug: SLUG, ref: 'STP 13', period: Q2 }, 'R')
      assert.equal((await stp())?.standing, 'ready', 'changed after it was submitted: to submit again')
      assert.equal(
        (await listOutbox(database.db)).filter((m) => m.purpose === 'exception-needed').length,
        0,
        'it was Red already',
      )

      const before = await services.returns.ragOf(owner, SLUG, 'NI 154', Q2)
      assert.equal(before, 'G')
      assert.ok((await services.entries.recordEntry(owner, SLUG, 'NI 154', Q2, entry('90', '', 'Revised down'))).ok)
      await services.returns.saved(owner, { kind: 'figure', planSlug: SLUG, ref: 'NI 154', period: Q2 }, before)
      await services.returns.saved(owner, { kind: 'figure', planSlug: SLUG, ref: 'NI 154', period: Q2 }, before)
      const needed = (await listOutbox(database.db)).filter((m) => m.purpose === 'exception-needed')
      assert.deepEqual(
        needed.map((m) => m.to),
        ['owner@outturn.example'],
        'one mail, however often it is saved',
      )
      assert.match(needed[0]?.text ?? '', /is now Red, so an exception report is needed by 15 October 2013/)
      const report = (await ownerItems()).find((i) => i.kind === 'exception-report' && i.ref === 'NI 154')
      assert.equal(report?.standing, 'to-do')
      assert.notEqual(report.returnId, null, 'its return is kept from now on')
      const sentence = await services.confirmations.sentence(owner, {
        kind: 'figure',
        planSlug: SLUG,
        ref: 'NI 154',
        period: Q2,
      })
      assert.equal(sentence, 'Figure for NI 154 saved: now Red. An exception report is needed by 15 October 2013.')
    })

    it('chases everyone with something outstanding, once overdue as overdue', async () => {
      clock = new Date('2013-10-17T09:00:00.000Z')
      await assert.rejects(
        services.rounds.chase(owner, SLUG, Q2),
        (e) => e instanceof DomainError && e.code === 'forbidden',
      )
      const { chased, queued } = await services.rounds.chase(officer, SLUG, Q2)
      assert.deepEqual(
        chased.map((p) => p.email),
        ['owner@outturn.example'],
      )
      assert.equal(queued, 1)
      assert.equal((await services.rounds.chase(officer, SLUG, Q2)).queued, 0, 'one overdue notice a day at most')
      const reminders = (await listOutbox(database.db)).filter((m) => m.purpose === 'overdue')
      assert.deepEqual(
        reminders.map((m) => m.subject),
        ['Overdue: your returns for Trafford ADP 2013/14, Quarter 2 2013/14, were due 15 October 2013'],
      )
      assert.deepEqual(
        reminders.map((m) => m.key),
        [`round ${(await services.rounds.status(SLUG, Q2)).round.id} overdue ${chased[0]?.id} 2013-10-17`],
      )
      clock = new Date('2013-10-18T09:00:00.000Z')
      assert.equal(
        (await services.rounds.remind(officer, SLUG, Q2)).queued,
        1,
        'the next day, the nightly job mails again',
      )
      assert.equal((await services.rounds.remind(officer, SLUG, Q2)).queued, 0)
      clock = new Date('2013-10-19T09:00:00.000Z')
      assert.deepEqual(
        await services.rounds.remind(officer, SLUG, Q2),
        { chased: [], queued: 0, purpose: null },
        'not on a Saturday',
      )
      clock = new Date('2013-10-17T09:00:00.000Z')
      assert.match(reminders[0]?.text ?? '', /2 days overdue \(due 15 October 2013\)/)
      const { total } = await services.rounds.status(SLUG, Q2)
      assert.equal(total.overdue, total.outstanding)
      assert.ok(total.overdue > 0)
    })

    it('lists what is outstanding at sign-off and needs a reason to sign off regardless; the round is then over', async () => {
      const outstanding = await services.signOffs.outstanding(SLUG, Q2)
      assert.deepEqual(outstanding.figuresMissing, [])
      assert.deepEqual(
        outstanding.exceptionReports.map((e) => `${e.ref} ${e.state}`),
        ['NI 154 not started'],
      )
      // The approved NI 154 figure was changed since, so it awaits approval again.
      assert.equal(outstanding.returnsNotApproved.length, 9)
      await assert.rejects(
        services.signOffs.lock(officer, SLUG, Q2, { committee: 'Executive' }, reportJsonText),
        /Quarter 2 2013\/14 has 1 exception report not submitted and 9 returns not approved: give the reason/,
      )
      await services.signOffs.lock(
        officer,
        SLUG,
        Q2,
        { committee: 'Executive', regardless: 'Taken as read' },
        reportJsonText,
      )
      const [event] = (await services.plans.auditTrail('Trafford ADP 2013/14')).filter((e) => e.entity === 'sign-off')
      assert.equal(
        event?.reason,
        'Reported to Executive; signed off with 1 exception report not submitted and 9 returns not approved: Taken as read',
      )
      assert.deepEqual(await services.returns.yours(owner), [], 'a signed-off period’s round is no longer open')
      assert.equal((await services.rounds.status(SLUG, Q2)).signedOff, true)
    })
  })
}
