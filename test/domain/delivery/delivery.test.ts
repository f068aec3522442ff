import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import {
  type DeliveryStatus,
  actionsSentence,
  isOverdue,
  parseDeliveryStatus,
  prioritiesSentence,
  rollUpStatus,
} from '../../../src/domain/delivery/delivery.ts'
import { DomainError } from '../../../src/domain/errors.ts'
import { numberWord } from '../../../src/domain/figures/words.ts'

const CHORLEY = new URL('../../fixtures/chorley-2013-14-q1/', import.meta.url)
const statuses = (...names: string[]): DeliveryStatus[] => names.map(parseDeliveryStatus)

describe('delivery statuses', () => {
  const readings: [string, DeliveryStatus][] = [
    ['Green', 'green'],
    ['G', 'green'],
    ['✓', 'green'],
    ['amber', 'amber'],
    ['?', 'amber'],
    ['Red', 'red'],
    ['✗', 'red'],
    ['Not started', 'not-started'],
    ['not  started', 'not-started'],
    ['NS', 'not-started'],
    ['Complete', 'complete'],
  ]
  for (const [text, status] of readings)
    it(`reads "${text}" as ${status}`, () => {
      assert.equal(parseDeliveryStatus(text), status)
    })
  it('refuses anything else and says what is accepted', () => {
    assert.throws(
      () => parseDeliveryStatus('Purple'),
      (e: unknown) => e instanceof DomainError && /Use Green, Amber, Red, Not started or Complete/.test(e.message),
    )
  })

  const rollUps: [string, string[], DeliveryStatus | null][] = [
    [
      'three green and two not started is green (Chorley, domestic violence)',
      ['Green', 'Green', 'Green', 'Not started', 'Not started'],
      'green',
    ],
    ['two green and one amber is green (Chorley, child sexual exploitation)', ['Green', 'Green', 'Amber'], 'green'],
    [
      'one green and two not started is not started (Chorley, reoffending)',
      ['Green', 'Not started', 'Not started'],
      'not-started',
    ],
    ['a tie goes to the less favourable status', ['Green', 'Red'], 'red'],
    ['a tie between amber and not started is amber', ['Amber', 'Not started'], 'amber'],
    ['complete actions count as green', ['Complete', 'Complete', 'Amber'], 'green'],
    ['all complete is complete', ['Complete', 'Complete'], 'complete'],
    ['no actions means no rolled-up status', [], null],
  ]
  for (const [name, actions, status] of rollUps)
    it(`rolls up: ${name}`, () => {
      assert.equal(rollUpStatus(statuses(...actions)), status)
    })

  const sentences: [string[], string][] = [
    [
      ['Green', 'Green', 'Green', 'Not started', 'Not started'],
      'Of the five actions for this priority in 2013/14, three are rated as green and two have not started.',
    ],
    [
      ['Green', 'Green', 'Amber'],
      'Of the three actions for this priority in 2013/14, two are rated as green and one is rated as amber.',
    ],
    [['Green', 'Green'], 'Of the two actions for this priority in 2013/14, both are rated as green.'],
    [['Green', 'Green', 'Green'], 'Of the three actions for this priority in 2013/14, all are rated as green.'],
    [['Red'], 'Of the one action for this priority in 2013/14, one is rated as red.'],
    [
      ['Complete', 'Red', 'Not started'],
      'Of the three actions for this priority in 2013/14, one is complete, one is rated as red and one has not started.',
    ],
    [[], 'No actions have been set for this priority in 2013/14.'],
  ]
  for (const [actions, sentence] of sentences)
    it(`says: ${sentence}`, () => {
      assert.equal(actionsSentence(statuses(...actions), '2013/14'), sentence)
    })

  it('flags a milestone past its due date and not complete as overdue', () => {
    assert.equal(isOverdue('2013-03-31', 'green', '2013-04-01'), true)
    assert.equal(isOverdue('2013-03-31', 'complete', '2013-04-01'), false)
    assert.equal(isOverdue('2013-03-31', 'green', '2013-03-31'), false)
    assert.equal(isOverdue(null, 'red', '2013-04-01'), false)
    assert.equal(isOverdue('2013-03-31', null, '2013-09-30T12:00:00Z'), true)
  })

  const words: [number, string][] = [
    [0, 'zero'],
    [2, 'two'],
    [13, 'thirteen'],
    [19, 'nineteen'],
    [20, 'twenty'],
    [42, 'forty-two'],
    [100, '100'],
  ]
  for (const [n, word] of words)
    it(`writes ${n} as ${word}`, () => {
      assert.equal(numberWord(n), word)
    })
})

describe('Chorley Partnership, quarter one 2013/14, as published', () => {
  const items = parse<{ kind: string; ref: string; group: string; parent: string }>(
    readFileSync(new URL('delivery.csv', CHORLEY)),
    {
      columns: true,
    },
  )
  const updates = parse<{ ref: string; status: string }>(readFileSync(new URL('delivery_updates.csv', CHORLEY)), {
    columns: true,
  })
  const statusOf = (ref: string): DeliveryStatus =>
    parseDeliveryStatus(updates.find((u) => u.ref === ref)?.status ?? '')
  const priorities = items.filter((i) => i.kind === 'priority')
  const actionsOf = (ref: string): DeliveryStatus[] => items.filter((i) => i.parent === ref).map((i) => statusOf(i.ref))

  it('has nineteen priorities: seventeen green and two not started', () => {
    assert.equal(
      prioritiesSentence(priorities.map((p) => statusOf(p.ref))),
      'Of the nineteen priorities identified across the partnership, seventeen are rated as green and two are rated as not started.',
    )
    assert.equal(new Set(priorities.map((p) => p.group)).size, 5)
  })

  it('rolls each priority’s actions up to its published status', () => {
    const withActions = priorities.filter((p) => actionsOf(p.ref).length > 0)
    assert.deepEqual(
      withActions.map((p) => p.ref),
      ['CSP 1', 'CSP 2', 'CSP 3', 'CSP 4', 'CSP 5', 'CSP 6'],
    )
    for (const priority of withActions)
      assert.equal(rollUpStatus(actionsOf(priority.ref)), statusOf(priority.ref), priority.ref)
  })

  it('writes the seed’s action sentences', () => {
    const sentence = (ref: string): string => actionsSentence(actionsOf(ref), '2013/14')
    // As published, word for word.
    assert.equal(
      sentence('CSP 1'),
      'Of the five actions for this priority in 2013/14, three are rated as green and two have not started.',
    )
    assert.equal(
      sentence('CSP 2'),
      'Of the three actions for this priority in 2013/14, two are rated as green and one is rated as amber.',
    )
    // Published in other words ("Both actions are green", "There are three actions, one of which is green and two
    // are not started", "Three actions ..., two of which are green and one is not started", "Of the three actions,
    // all are green"): the same facts in the one house style.
    assert.equal(sentence('CSP 3'), 'Of the two actions for this priority in 2013/14, both are rated as green.')
    assert.equal(
      sentence('CSP 4'),
      'Of the three actions for this priority in 2013/14, one is rated as green and two have not started.',
    )
    assert.equal(
      sentence('CSP 5'),
      'Of the three actions for this priority in 2013/14, two are rated as green and one has not started.',
    )
    assert.equal(sentence('CSP 6'), 'Of the three actions for this priority in 2013/14, all are rated as green.')
  })
})
