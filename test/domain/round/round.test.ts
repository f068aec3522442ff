import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type RoundPlan,
  obligationsByPerson,
  outstanding,
  owedSentence,
} from '../../../src/domain/round/obligations.ts'
import { checkTransition } from '../../../src/domain/round/return-state.ts'
import { dueStatus, mailDue, reminderDate } from '../../../src/domain/round/round.ts'

const OWNER = 7
const OTHER = 8
const indicator = (ref: string, rest: Partial<RoundPlan['indicators'][number]> = {}) => ({
  ref,
  title: `${ref} title`,
  theme: 'A theme',
  owners: [OWNER],
  reported: false,
  commentary: false,
  rag: null,
  exceptionRequired: false,
  exceptionState: null,
  ...rest,
})

describe('what each person owes', () => {
  const plan: RoundPlan = {
    indicators: [
      indicator('NI 154'),
      indicator('LCA 2', { reported: true, commentary: true, rag: 'R', exceptionRequired: true }),
      indicator('STP 13', { reported: true, rag: 'A', exceptionRequired: true, exceptionState: 'draft' }),
      indicator('BV 9', { owners: [OTHER], reported: true, commentary: true, rag: 'G' }),
      indicator('BV 10', {
        reported: true,
        commentary: true,
        rag: 'R',
        exceptionRequired: true,
        exceptionState: 'submitted',
      }),
    ],
    items: [{ ref: 'CCC 1.2', title: 'A milestone', theme: 'Safer', owners: [OWNER], updated: false }],
    treatments: [{ ref: 'R1.2', title: 'A treatment', theme: 'R1', owners: [OWNER, OTHER], updated: true }],
  }
  const owed = obligationsByPerson(plan)

  it('lists figures, commentary, exception reports for Red and Amber, milestones and risk reviews', () => {
    const mine = owed.get(OWNER) ?? []
    assert.deepEqual(
      mine.map((o) => `${o.kind} ${o.ref} ${o.done ? 'done' : 'owed'}`),
      [
        'figure NI 154 owed',
        'commentary NI 154 owed',
        'figure LCA 2 done',
        'commentary LCA 2 done',
        'exception-report LCA 2 owed',
        'figure STP 13 done',
        'commentary STP 13 owed',
        'exception-report STP 13 owed',
        'figure BV 10 done',
        'commentary BV 10 done',
        'exception-report BV 10 done',
        'milestone CCC 1.2 owed',
        'risk-review R1.2 done',
      ],
    )
    assert.equal(
      mine.find((o) => o.ref === 'STP 13' && o.kind === 'exception-report')?.why,
      'Amber: an exception report is needed (a draft is saved)',
    )
  })

  it('says what is outstanding in words', () => {
    assert.equal(
      owedSentence(owed.get(OWNER) ?? []),
      '1 figure, 2 commentaries, 2 exception reports and 1 milestone status',
    )
    assert.equal(owedSentence(owed.get(OTHER) ?? []), 'nothing')
    assert.equal(outstanding(owed.get(OTHER) ?? []).length, 0)
  })

  it('owes nothing to someone with no assignments', () => {
    assert.equal(owed.get(99), undefined)
  })
})

describe('a return’s states', () => {
  const owner = { id: OWNER, role: 'owner' as const }
  const officer = { id: 1, role: 'officer' as const }
  const CASES: [
    string,
    { id: number; role: 'owner' | 'officer' | 'viewer' },
    string,
    'submit' | 'approve' | 'send-back',
    number,
    string | null,
    string,
  ][] = [
    ['the owner submits a draft', owner, 'draft', 'submit', 0, null, 'submitted'],
    ['the owner submits again once sent back', owner, 'returned', 'submit', 0, null, 'submitted'],
    ['not with items outstanding', owner, 'draft', 'submit', 2, null, 'invalid-value'],
    ['nor someone else’s', { id: OTHER, role: 'owner' }, 'draft', 'submit', 0, null, 'forbidden'],
    ['nor twice', owner, 'submitted', 'submit', 0, null, 'conflict'],
    ['an officer approves a submitted return', officer, 'submitted', 'approve', 0, null, 'approved'],
    ['or sends it back with a comment', officer, 'submitted', 'send-back', 0, 'Check the figure', 'returned'],
    ['but not without one', officer, 'submitted', 'send-back', 0, '  ', 'invalid-value'],
    ['nor a draft', officer, 'draft', 'approve', 0, null, 'conflict'],
    ['an owner cannot approve', owner, 'submitted', 'approve', 0, null, 'forbidden'],
    ['nor a viewer send back', { id: 3, role: 'viewer' }, 'submitted', 'send-back', 0, 'x', 'forbidden'],
  ]
  for (const [why, actor, state, action, left, comment, expected] of CASES)
    it(`${why}: ${expected}`, () => {
      const check = checkTransition(actor, { userId: OWNER, state: state as 'draft' }, action, {
        outstanding: left,
        comment,
      })
      assert.equal(check.ok ? check.to : check.code, expected)
    })
})

describe('the round’s calendar', () => {
  const DUE: [string, string, string][] = [
    ['2013-10-10', '2013-10-15', 'Due 15 October 2013: 5 days left'],
    ['2013-10-14', '2013-10-15', 'Due 15 October 2013: 1 day left'],
    ['2013-10-15', '2013-10-15', 'Due today, 15 October 2013'],
    ['2013-10-17', '2013-10-15', '2 days overdue (due 15 October 2013)'],
  ]
  for (const [today, due, text] of DUE)
    it(`${today}: ${text}`, () => {
      assert.equal(dueStatus(today, due).text, text)
    })

  const dates = { due: '2013-10-15', committee: null, reminderDays: 3 }
  it('reminds the set number of working days before the due date', () => {
    assert.equal(reminderDate(dates), '2013-10-10')
    assert.equal(reminderDate({ ...dates, due: '2013-12-30' }), '2013-12-23')
  })
  const MAIL: [string, string | null][] = [
    ['2013-10-09', null],
    ['2013-10-10', 'reminder'],
    ['2013-10-12', null],
    ['2013-10-15', 'reminder'],
    ['2013-10-16', 'overdue'],
    ['2013-10-19', null],
  ]
  for (const [today, mail] of MAIL)
    it(`${today}: ${mail ?? 'no mail'}`, () => {
      assert.equal(mailDue(today, dates), mail)
    })
})
