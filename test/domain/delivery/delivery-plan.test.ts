import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseDeliveryStatus } from '../../../src/domain/delivery/delivery.ts'
import { type DeliveryItem, type DeliveryUpdate, evaluateDelivery } from '../../../src/domain/delivery/delivery-plan.ts'
import { parsePeriod } from '../../../src/domain/periods/period.ts'

const Q1 = parsePeriod('2013/14 Q1')

function item(ref: string, overrides: Partial<DeliveryItem> = {}): DeliveryItem {
  return {
    kind: 'priority',
    ref,
    title: `Item ${ref}`,
    group: null,
    theme: null,
    parent: null,
    dueDate: null,
    responsible: null,
    timescale: null,
    measureOfSuccess: null,
    linkedIndicators: [],
    flag: null,
    ...overrides,
  }
}

function update(ref: string, status: string, overrides: Partial<DeliveryUpdate> = {}): DeliveryUpdate {
  return { ref, period: Q1, status: parseDeliveryStatus(status), commentary: null, overrideReason: null, ...overrides }
}

describe('evaluating a plan’s delivery', () => {
  const items = [
    item('P1'),
    item('P1.1', { kind: 'action', parent: 'P1' }),
    item('P1.2', { kind: 'action', parent: 'P1' }),
    item('P1.3', { kind: 'action', parent: 'P1' }),
    item('P2'),
    item('P2.1', { kind: 'action', parent: 'P2' }),
    item('P3'),
    item('M1', { kind: 'milestone', dueDate: '2013-05-31' }),
    item('M2', { kind: 'milestone', dueDate: '2013-05-31' }),
    item('M3', { kind: 'milestone', dueDate: '2013-09-30' }),
  ]
  const updates = [
    update('P1.1', 'Green'),
    update('P1.2', 'Green'),
    update('P1.3', 'Not started'),
    update('P2', 'Amber', { overrideReason: 'Funding for the only action is at risk', commentary: 'Bid submitted.' }),
    update('P2.1', 'Green'),
    update('P3', 'Green'),
    update('M1', 'Green'),
    update('M2', 'Complete'),
    update('M3', 'Amber'),
    update('P1', 'Red', { period: parsePeriod('2012/13 Q4') }),
  ]
  const summary = evaluateDelivery(items, updates, Q1)
  const result = (ref: string) => summary.results.find((r) => r.item.ref === ref)

  it('rolls a priority up from its actions when no status was entered for the period', () => {
    assert.equal(result('P1')?.status, 'green')
    assert.equal(result('P1')?.statusSource, 'rolled-up')
    assert.equal(
      result('P1')?.childSentence,
      'Of the three actions for this priority in 2013/14, two are rated as green and one has not started.',
    )
  })

  it('keeps an entered status that differs from the roll-up, as an override with its reason', () => {
    assert.equal(result('P2')?.status, 'amber')
    assert.equal(result('P2')?.rolledUp, 'green')
    assert.equal(result('P2')?.statusSource, 'override')
    assert.equal(result('P2')?.commentary, 'Bid submitted.')
  })

  it('takes an entered status where there is nothing to roll up', () => {
    assert.equal(result('P3')?.statusSource, 'entered')
  })

  it('flags milestones past their due date and not complete at the period’s end', () => {
    assert.deepEqual(summary.overdueMilestones, ['M1'])
    assert.equal(result('M3')?.overdue, false, 'due on the last day of the quarter is not yet overdue')
  })

  it('counts priorities and milestones, with the plan-level sentence', () => {
    assert.equal(
      summary.prioritiesSentence,
      'Of the three priorities identified across the partnership, two are rated as green and one is rated as amber.',
    )
    assert.equal(summary.priorities.green, 2)
    assert.deepEqual({ ...summary.milestones }, { green: 1, amber: 1, red: 0, 'not-started': 0, complete: 1 })
  })
})
