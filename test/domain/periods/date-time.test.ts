import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { longDateTime } from '../../../src/domain/periods/date-time.ts'

const CASES: readonly [string, string][] = [
  ['2013-10-15T09:05:00.000Z', '15 October 2013, 10:05'], // BST
  ['2013-12-01T09:05:00.000Z', '1 December 2013, 09:05'], // GMT
  ['2013-10-27T00:30:00.000Z', '27 October 2013, 01:30'], // the last half hour of BST
  ['2013-10-27T01:30:00.000Z', '27 October 2013, 01:30'], // the same wall clock, an hour later, in GMT
  ['2014-03-30T01:00:00.000Z', '30 March 2014, 02:00'], // BST begins
  ['2013-06-30T23:30:00.000Z', '1 July 2013, 00:30'], // a UTC evening is the next morning in the UK
  ['2024-02-29T12:00:00Z', '29 February 2024, 12:00'],
  ['not a date', 'not a date'],
]

describe('moments as officers read them', () => {
  for (const [iso, expected] of CASES)
    it(`${iso} reads "${expected}"`, () => {
      assert.equal(longDateTime(iso), expected)
    })
})
