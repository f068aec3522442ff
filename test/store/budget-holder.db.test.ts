import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import type { Actor } from '../../src/domain/access/access.ts'
import { DomainError } from '../../src/domain/errors.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { type Services, createServices } from '../../src/services/index.ts'
import { listAuditEvents } from '../../src/store/audit.repository.ts'
import { migrateToLatest, openDatabase } from '../../src/store/database.ts'
import { type BudgetLineRow, readFinancePeriod, replaceFinancePeriod } from '../../src/store/finance.repository.ts'
import { listPlanStatements } from '../../src/store/budget-holder.repository.ts'
import type { Database } from '../../src/store/schema.ts'
import { insertSignOff } from '../../src/store/sign-off.repository.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

const Q2 = parsePeriod('2012/13 Q2')
const Q3 = parsePeriod('2012/13 Q3')
const SLUG = 'a-council-plan'
const line = (statement: string, name: string): BudgetLineRow => ({
  statement,
  unit: "£'000",
  section: 'expenditure',
  line: name,
  annualBudget: '1284',
  budgetToDate: '642',
  actualToDate: '700',
  projectedOutturn: null,
  note: null,
})
const entry = (comments: string, projectedOutturn: string, reason = '') => ({ comments, projectedOutturn, reason })

for (const dialect of DIALECTS) {
  describe(`budget holders and their entries (${dialect})`, () => {
    let db: Kysely<Database>
    let close: () => Promise<void>
    let services: Services
    let planId: number
    let adults: number
    let children: number
    const people: Record<'officer' | 'holder' | 'otherOwner' | 'viewer', Actor> = {} as never
    const trail = async () => (await listAuditEvents(db, planId)).filter((e) => e.entity === 'budget')
    const stored = async () => JSON.stringify(await readFinancePeriod(db, planId, '2012/13 Q2'))

    before(async () => {
      const database = createTestDatabase(dialect)
      created.push(database)
      const opened = await openDatabase(database.location)
      await migrateToLatest(opened)
      db = opened.db
      close = () => opened.close()
      services = createServices(db, { now: () => new Date('2012-10-20T10:00:00.000Z') })
      const plan = await db
        .insertInto('plans')
        .values({ name: 'A council plan', slug: SLUG, created_at: '2012-10-01T00:00:00.000Z' })
        .returning('id')
        .executeTakeFirstOrThrow()
      planId = plan.id
      await replaceFinancePeriod(
        db,
        planId,
        '2012/13 Q2',
        [line('Adult social care', 'Employees'), line('Children’s services', 'Premises')],
        [],
      )
      const statements = await listPlanStatements(db, planId)
      adults = statements[0]?.id ?? 0
      children = statements[1]?.id ?? 0
      const roles = { officer: 'officer', holder: 'owner', otherOwner: 'owner', viewer: 'viewer' } as const
      for (const [key, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][])
        people[key] = await services.auth.addUser({
          email: `${key}@council.example`,
          name: `A ${role} (${key})`,
          role,
          password: `a long password for the ${key} 1`,
        })
    })
    after(async () => {
      await close()
    })

    it('lets the performance team assign holders, audited, and refuses anyone else or a viewer', async () => {
      const assigned = await services.budgetHolders.changeHolder(
        people.officer,
        SLUG,
        adults,
        people.holder.id,
        'assign',
      )
      assert.equal(assigned.changed, true)
      const again = await services.budgetHolders.changeHolder(people.officer, SLUG, adults, people.holder.id, 'assign')
      assert.equal(again.changed, false, 'assigning twice changes nothing')
      const events = await trail()
      assert.equal(events.length, 1, 'one event for one change')
      assert.deepEqual(
        [events[0]?.actor, events[0]?.ref, events[0]?.field, events[0]?.oldValue, events[0]?.newValue],
        [
          'officer@council.example',
          'Adult social care',
          'budget holder',
          null,
          'A owner (holder) (holder@council.example)',
        ],
      )
      assert.equal(events[0]?.at, '2012-10-20T10:00:00.000Z')
      for (const actor of [people.holder, people.otherOwner, people.viewer])
        await assert.rejects(
          services.budgetHolders.changeHolder(actor, SLUG, children, actor.id, 'assign'),
          (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
        )
      await assert.rejects(
        services.budgetHolders.changeHolder(people.officer, SLUG, children, people.viewer.id, 'assign'),
        (e: unknown) => e instanceof DomainError && e.code === 'invalid-value' && /a viewer cannot/.test(e.message),
      )
      await assert.rejects(
        services.budgetHolders.changeHolder(people.officer, SLUG, 99_999, people.holder.id, 'assign'),
        (e: unknown) => e instanceof DomainError && e.code === 'not-found',
      )
      assert.equal((await trail()).length, 1, 'no refusal wrote anything')
      const page = await services.budgetHolders.assignments(people.officer, SLUG)
      assert.deepEqual(
        page.statements.map((s) => [s.statement.name, s.holders.map((h) => h.email)]),
        [
          ['Adult social care', ['holder@council.example']],
          ['Children’s services', []],
        ],
      )
      assert.ok(!page.people.some((p) => p.id === people.viewer.id), 'a viewer is not offered')
    })

    it('saves a holder’s comments and exact projected outturn, audited old and new, and only their own', async () => {
      const saved = await services.budgetHolders.saveEntry(
        people.holder,
        SLUG,
        adults,
        Q2,
        entry('  Placements above budget.  ', '(1,284.50)'),
      )
      assert.deepEqual(saved, { ok: true, changes: 2 })
      const held = (await readFinancePeriod(db, planId, '2012/13 Q2')).commentaries
      assert.deepEqual(held, [
        { statement: 'Adult social care', comments: 'Placements above budget.', projectedOutturn: '-1284.5' },
      ])
      const revised = await services.budgetHolders.saveEntry(people.holder, SLUG, adults, Q2, entry('Revised.', ''))
      assert.deepEqual(revised, { ok: true, changes: 2 })
      const events = (await trail()).filter((e) => e.field !== 'budget holder')
      assert.deepEqual(
        events.map((e) => [e.period, e.field, e.oldValue, e.newValue, e.actor]),
        [
          ['2012/13 Q2', 'projected outturn', '-1284.5', null, 'holder@council.example'],
          ['2012/13 Q2', 'comments', 'Placements above budget.', 'Revised.', 'holder@council.example'],
          ['2012/13 Q2', 'projected outturn', null, '-1284.5', 'holder@council.example'],
          ['2012/13 Q2', 'comments', null, 'Placements above budget.', 'holder@council.example'],
        ],
      )
      const same = await services.budgetHolders.saveEntry(people.holder, SLUG, adults, Q2, entry('Revised.', ''))
      assert.deepEqual(same, { ok: true, changes: 0 }, 'saving the same again changes nothing')

      const before = [await stored(), (await trail()).length]
      for (const actor of [people.otherOwner, people.viewer])
        await assert.rejects(
          services.budgetHolders.saveEntry(actor, SLUG, adults, Q2, entry('Not mine', '1')),
          (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
        )
      await assert.rejects(
        services.budgetHolders.saveEntry(people.holder, SLUG, children, Q2, entry('Not held', '1')),
        (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
      )
      await assert.rejects(
        services.budgetHolders.saveEntry(people.holder, SLUG, adults, Q3, entry('No figures', '1')),
        (e: unknown) => e instanceof DomainError && e.code === 'not-found',
      )
      const bad = await services.budgetHolders.saveEntry(
        people.holder,
        SLUG,
        adults,
        Q2,
        entry('x'.repeat(10_001), '12 thousand'),
      )
      assert.ok(!bad.ok)
      assert.deepEqual(
        bad.errors.map((e) => e.field),
        ['comments'],
        'the length is checked first',
      )
      const notAmount = await services.budgetHolders.saveEntry(people.holder, SLUG, adults, Q2, entry('ok', '1,28'))
      assert.ok(!notAmount.ok && notAmount.errors[0]?.field === 'projectedOutturn')
      assert.deepEqual([await stored(), (await trail()).length], before, 'nothing was written on refusal')

      const officerSave = await services.budgetHolders.saveEntry(people.officer, SLUG, children, Q2, entry('', '17978'))
      assert.deepEqual(officerSave, { ok: true, changes: 1 }, 'the performance team may write any statement')
      const writable = await services.budgetHolders.writableStatements(people.holder, planId, '2012/13 Q2')
      assert.deepEqual([...writable.keys()], ['Adult social care'])
      assert.equal((await services.budgetHolders.writableStatements(people.viewer, planId, '2012/13 Q2')).size, 0)
    })

    it('refuses a holder once the period is signed off, and asks the performance team for a reason', async () => {
      const signOffId = await insertSignOff(db, planId, {
        period: '2012/13 Q2',
        lockedAt: '2012-11-14T10:00:00.000Z',
        lockedBy: 'officer@council.example',
        committee: 'Executive Board',
        snapshot: '{}',
        snapshotData: '{}',
      })
      const before = [await stored(), (await trail()).length]
      await assert.rejects(
        services.budgetHolders.saveEntry(people.holder, SLUG, adults, Q2, entry('After sign-off', '5')),
        (e: unknown) => e instanceof DomainError && e.code === 'forbidden' && /locked/.test(e.message),
      )
      const noReason = await services.budgetHolders.saveEntry(people.officer, SLUG, adults, Q2, entry('Late', '5'))
      assert.ok(!noReason.ok && noReason.errors.some((e) => e.field === 'reason'))
      assert.deepEqual([await stored(), (await trail()).length], before, 'nothing was written on refusal')
      const revised = await services.budgetHolders.saveEntry(
        people.officer,
        SLUG,
        adults,
        Q2,
        entry('Late', '5', 'Corrected after the meeting'),
      )
      assert.deepEqual(revised, { ok: true, changes: 2 })
      const latest = (await trail())[0]
      assert.equal(latest?.reason, 'Corrected after the meeting')
      assert.equal(latest.signOffId, signOffId, 'listed among the sign-off’s revisions')
    })

    it('takes a holder off, audited, after which they may not write', async () => {
      const removed = await services.budgetHolders.changeHolder(
        people.officer,
        SLUG,
        adults,
        people.holder.id,
        'remove',
      )
      assert.equal(removed.changed, true)
      const latest = (await trail())[0]
      assert.deepEqual(
        [latest?.field, latest?.oldValue, latest?.newValue],
        ['budget holder', 'A owner (holder) (holder@council.example)', null],
      )
      await assert.rejects(
        services.budgetHolders.commentaryContext(people.holder, SLUG, adults, Q3),
        (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
      )
    })
  })
}
