import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  mayAssignBudgetHolders,
  mayHoldBudget,
  mayWriteCommentary,
  readCommentary,
} from '../../../src/domain/finance/commentary.ts'
import { ROLES } from '../../../src/domain/access/access.ts'

const STATEMENT = { name: 'Commissioning and Complex Care', unit: "£'000" }

describe('who may write a statement’s comments and choose its holders', () => {
  const cases = [
    // role, holds the statement, may write, may assign, may hold
    ['admin', false, true, true, true],
    ['admin', true, true, true, true],
    ['officer', false, true, true, true],
    ['owner', true, true, false, true],
    ['owner', false, false, false, true],
    ['viewer', true, false, false, false],
    ['viewer', false, false, false, false],
  ] as const
  for (const [role, holds, write, assign, hold] of cases)
    it(`${role}${holds ? ' holding the statement' : ''}`, () => {
      assert.equal(mayWriteCommentary({ role }, holds), write)
      assert.equal(mayAssignBudgetHolders({ role }), assign)
      assert.equal(mayHoldBudget({ role }), hold)
    })

  it('covers every role', () => {
    assert.deepEqual([...new Set(cases.map((c) => c[0]))].sort(), [...ROLES].sort())
  })
})

describe('reading the budget holder’s form', () => {
  const accepted: [comments: string, projected: string, stored: string | null, storedComments: string | null][] = [
    ['On budget.', '17,978', '17978', 'On budget.'],
    ['  spaces trimmed  ', '(137)', '-137', 'spaces trimmed'],
    ['', '-137', '-137', null],
    ['', '−137', '-137', null],
    ['Text', '£1,284.5', '1284.5', 'Text'],
    ['Text', '0.05', '0.05', 'Text'],
    ['Text', '', null, 'Text'],
    ['   ', '   ', null, null],
    ['x'.repeat(10_000), '1', '1', 'x'.repeat(10_000)],
  ]
  for (const [comments, projected, stored, storedComments] of accepted)
    it(`accepts "${projected}" with comments of ${comments.length} characters`, () => {
      assert.deepEqual(readCommentary({ comments, projectedOutturn: projected }, STATEMENT), {
        ok: true,
        entry: { comments: storedComments, projectedOutturn: stored },
      })
    })

  const refused: [comments: string, projected: string, field: string, message: RegExp][] = [
    [
      '',
      '12 thousand',
      'projectedOutturn',
      /Enter the projected outturn of Commissioning and Complex Care as an amount in £'000/,
    ],
    ['', '1,28', 'projectedOutturn', /\(137\) or -137 for a credit/],
    ['', '(-137)', 'projectedOutturn', /as an amount/],
    ['', '1e3', 'projectedOutturn', /as an amount/],
    [
      'x'.repeat(10_001),
      '',
      'comments',
      /The commentary must be 10,000 characters or fewer: this one has 10,001\. Shorten it\./,
    ],
    ['', '1'.repeat(101), 'projectedOutturn', /must be 100 characters or fewer/],
  ]
  for (const [comments, projected, field, message] of refused)
    it(`refuses "${projected.slice(0, 20)}" / comments of ${comments.length} characters, on ${field}`, () => {
      const read = readCommentary({ comments, projectedOutturn: projected }, STATEMENT)
      assert.ok(!read.ok)
      assert.equal(read.errors.length, 1)
      const [error] = read.errors
      assert.equal(error?.field, field)
      assert.match(error.message, message)
    })
})
