import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import type { SignOff } from '../../../src/domain/access/sign-off.ts'
import { parsePeriod } from '../../../src/domain/periods/period.ts'
import { type HeldDelivery, planDeliveryChanges } from '../../../src/services/delivery/delivery-changes.ts'
import { parseDelivery, parseGroups } from '../../../src/services/delivery/delivery-validation.ts'
import { ImportLockCheck } from '../../../src/services/periods/period-lock.ts'

/** The delivery import's change planner, without a database, on Chorley's partnership priorities. */
const CHORLEY = new URL('../../fixtures/chorley-2013-14-q1/', import.meta.url)
const file = (name: string) => ({ name, content: readFileSync(new URL(name, CHORLEY)) })
const PARSED = parseDelivery(file('delivery.csv'), file('delivery_updates.csv'), new Map(), new Set())
const GROUPS = parseGroups(file('groups.csv')).groups
const AUDIT = { at: '2013-07-18T09:00:00.000Z', actor: 'cli:officer', source: 'import:groups.csv,delivery.csv' }
const Q1 = parsePeriod('2013/14 Q1')

/** What the database would hold after importing the Chorley files. */
const HELD: HeldDelivery = {
  groups: GROUPS,
  items: PARSED.items.map((item, index) => ({ id: index + 1, item })),
  updates: PARSED.updates.map((update, index) => ({ id: 101 + index, itemId: 0, update })),
}

const SIGNED_OFF: SignOff = {
  id: 4,
  period: Q1,
  lockedAt: '2013-07-25T10:00:00.000Z',
  lockedBy: 'officer@outturn.example',
  committee: 'Partnership Executive',
  unlockedAt: null,
  unlockedBy: null,
  unlockReason: null,
}

function plan(held: HeldDelivery | null, locks = new ImportLockCheck([], 'officer', null), updates = PARSED.updates) {
  return planDeliveryChanges({
    planName: 'Chorley Partnership 2013/14',
    planId: 3,
    planCreated: held === null,
    held: held ?? { groups: [], items: [], updates: [] },
    groups: GROUPS,
    items: PARSED.items,
    updates,
    locks,
    updatesFile: 'delivery_updates.csv',
    audit: AUDIT,
  })
}

/** The Chorley statuses with EXEC 1's made amber. */
const AMBER = PARSED.updates.map((u) => (u.ref === 'EXEC 1' ? { ...u, status: 'amber' as const } : u))

describe('planning a delivery import', () => {
  it('a new plan: every group, item and status is new, and audited, the plan first', () => {
    assert.deepEqual(PARSED.problems, [])
    const changes = plan(null)
    assert.deepEqual(changes.counts, {
      groups: { added: GROUPS.length, updated: 0, unchanged: 0 },
      items: { added: PARSED.items.length, updated: 0, unchanged: 0 },
      updates: { added: PARSED.updates.length, updated: 0, unchanged: 0 },
    })
    assert.deepEqual(
      changes.itemInserts.map((i) => [i.ref, i.position]),
      PARSED.items.map((item, index) => [item.ref, index]),
    )
    assert.deepEqual(
      changes.groupWrites.map((g) => [g.group.name, g.position]),
      GROUPS.map((g, index) => [g.name, index]),
    )
    assert.equal(changes.statusWrites.length, PARSED.updates.length)
    assert.ok(changes.statusWrites.every((w) => w.heldId === null))
    const [first, second] = changes.events
    assert.deepEqual([first?.entity, first?.field, first?.planId], ['plan', 'created', 3])
    assert.deepEqual(
      [second?.ref, second?.field, second?.newValue],
      [`group: ${GROUPS[0]!.name}`, 'created', GROUPS[0]!.name],
    )
    assert.deepEqual(changes.problems, [])
  })

  it('the same files again: nothing to write or audit', () => {
    const changes = plan(HELD)
    assert.deepEqual(
      [changes.groupWrites, changes.itemInserts, changes.itemUpdates, changes.statusWrites, changes.events],
      [[], [], [], [], []],
    )
    assert.equal(changes.counts.updates.unchanged, PARSED.updates.length)
  })

  it('a changed status replaces the one held, audited old and new', () => {
    const changes = plan(HELD, undefined, AMBER)
    const index = PARSED.updates.findIndex((u) => u.ref === 'EXEC 1')
    assert.deepEqual(
      changes.statusWrites.map((w) => [w.update.ref, w.update.status, w.heldId]),
      [['EXEC 1', 'amber', 101 + index]],
    )
    assert.deepEqual(
      changes.events.map((e) => [e.entity, e.ref, e.period, e.field, e.oldValue, e.newValue, e.signOffId]),
      [['delivery', 'EXEC 1', '2013/14 Q1', 'status', 'green', 'amber', undefined]],
    )
    assert.deepEqual(changes.counts.updates, { added: 0, updated: 1, unchanged: PARSED.updates.length - 1 })
  })

  it('a changed item writes only its changed columns', () => {
    const items = PARSED.items.map((item) =>
      item.ref === 'HWB 1' ? { ...item, title: 'Accessible health services' } : item,
    )
    const changes = planDeliveryChanges({ ...inputOf(HELD), items })
    const id = PARSED.items.findIndex((item) => item.ref === 'HWB 1') + 1
    assert.deepEqual(changes.itemUpdates, [{ id, columns: { title: 'Accessible health services' } }])
    assert.deepEqual(
      changes.events.map((e) => [e.ref, e.field, e.newValue]),
      [['HWB 1', 'title', 'Accessible health services']],
    )
  })

  it('a signed-off period: refused without a reason, a revision marked with its reason and sign-off with one', () => {
    const refused = plan(HELD, new ImportLockCheck([SIGNED_OFF], 'officer', null), AMBER)
    assert.equal(refused.problems.length, 1)
    assert.deepEqual([refused.problems[0]?.file, refused.problems[0]?.column], ['delivery_updates.csv', 'period'])
    assert.match(refused.problems[0]?.message ?? '', /^EXEC 1 for 2013\/14 Q1: .*--reason/)
    assert.deepEqual(refused.statusWrites, [])

    const revised = plan(HELD, new ImportLockCheck([SIGNED_OFF], 'officer', 'The partnership corrected it'), AMBER)
    assert.deepEqual(revised.problems, [])
    assert.deepEqual(
      revised.events.map((e) => [e.ref, e.field, e.reason, e.signOffId]),
      [['EXEC 1', 'status', 'The partnership corrected it', 4]],
    )
  })
})

function inputOf(held: HeldDelivery) {
  return {
    planName: 'Chorley Partnership 2013/14',
    planId: 3,
    planCreated: false,
    held,
    groups: GROUPS,
    items: PARSED.items,
    updates: PARSED.updates,
    locks: new ImportLockCheck([], 'officer', null),
    updatesFile: 'delivery_updates.csv',
    audit: AUDIT,
  }
}
