import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type Standing,
  type TrackedObligation,
  isOutstanding,
  standingOf,
  tally,
  tallyBy,
} from '../../../src/domain/round/completion.ts'
import { readDateParts, readIsoDate } from '../../../src/domain/round/date-entry.ts'
import { parsePublishRule } from '../../../src/domain/round/publish-rule.ts'
import type { ReturnState } from '../../../src/domain/round/return-state.ts'

describe('where a thing owed stands', () => {
  const cases: [done: boolean, state: ReturnState | null, standing: Standing, outstanding: boolean][] = [
    [false, null, 'to-do', true],
    [true, null, 'ready', true],
    [false, 'draft', 'to-do', true],
    [true, 'draft', 'ready', true],
    [true, 'submitted', 'submitted', false],
    [true, 'returned', 'sent-back', true],
    [false, 'returned', 'sent-back', true],
    [true, 'approved', 'approved', false],
  ]
  for (const [done, state, standing, outstanding] of cases)
    it(`${done ? 'done' : 'not done'}, return ${state ?? 'none'}: ${standing}`, () => {
      assert.equal(standingOf(done, state), standing)
      assert.equal(isOutstanding(standing), outstanding)
    })
})

describe('completion counts', () => {
  const item = (userId: number, theme: string, standing: Standing): TrackedObligation => ({
    kind: 'figure',
    ref: `${theme} ${userId}`,
    title: 'A measure',
    theme,
    done: standing !== 'to-do',
    why: '',
    userId,
    standing,
  })
  const items = [
    item(1, 'Safer', 'to-do'),
    item(1, 'Safer', 'submitted'),
    item(1, 'Growth', 'approved'),
    item(2, 'Safer', 'sent-back'),
    item(2, 'Growth', 'ready'),
  ]

  const rows: [today: string, overdue: number][] = [
    ['2013-10-14', 0],
    ['2013-10-15', 0],
    ['2013-10-16', 3],
  ]
  for (const [today, overdue] of rows)
    it(`puts each item in one of returned, approved and outstanding; overdue on ${today}: ${overdue}`, () => {
      assert.deepEqual(tally(items, today, '2013-10-15'), {
        total: 5,
        returned: 1,
        approved: 1,
        outstanding: 3,
        overdue,
      })
    })

  it('groups by person and by theme in the order first met', () => {
    assert.deepEqual(
      tallyBy(items, (o) => String(o.userId), '2013-10-16', '2013-10-15').map(({ key, tally: t }) => [
        key,
        t.outstanding,
        t.overdue,
      ]),
      [
        ['1', 1, 1],
        ['2', 2, 2],
      ],
    )
    assert.deepEqual(
      tallyBy(items, (o) => o.theme, '2013-10-01', '2013-10-15').map(({ key, tally: t }) => [
        key,
        t.total,
        t.returned,
        t.approved,
      ]),
      [
        ['Safer', 3, 1, 0],
        ['Growth', 2, 0, 1],
      ],
    )
  })
})

describe('a date typed into a GOV.UK date input', () => {
  const cases: [day: string, month: string, year: string, required: boolean, expected: string | null][] = [
    ['15', '10', '2013', true, '2013-10-15'],
    [' 5 ', '3', '2014', true, '2014-03-05'],
    ['29', '2', '2012', true, '2012-02-29'],
    ['', '', '', false, null],
    ['', '', '', true, 'Enter the due date'],
    ['15', '', '2013', true, 'The due date must include a month'],
    ['', '', '2013', true, 'The due date must include a day and a month'],
    ['29', '2', '2013', true, 'The due date must be a real date, like 15 10 2013'],
    ['31', '9', '2013', true, 'The due date must be a real date, like 15 10 2013'],
    ['15', 'Oct', '2013', true, 'The due date must be a real date, like 15 10 2013'],
    ['15', '10', '13', true, 'The due date must be a real date, like 15 10 2013'],
  ]
  for (const [day, month, year, required, expected] of cases)
    it(`"${day}" "${month}" "${year}"${required ? '' : ' (optional)'}: ${expected ?? 'none'}`, () => {
      const read = readDateParts({ day, month, year }, 'The due date', required)
      if (read.ok) assert.equal(read.date, expected)
      else assert.equal(read.message, expected)
    })

  it('reads ISO dates from the command line, refusing unreal ones', () => {
    assert.equal(readIsoDate(' 2013-10-15 '), '2013-10-15')
    assert.equal(readIsoDate('2013-02-30'), null)
    assert.equal(readIsoDate('15/10/2013'), null)
  })
})

describe('the publish rule', () => {
  it('reads on-entry and on-approval, and names the rules accepted otherwise', () => {
    assert.equal(parsePublishRule('on-entry'), 'on-entry')
    assert.equal(parsePublishRule(' On-Approval '), 'on-approval')
    assert.throws(
      () => parsePublishRule('later'),
      /"later" is not a publish rule\. Use one of: on-entry, on-approval\./,
    )
  })
})
