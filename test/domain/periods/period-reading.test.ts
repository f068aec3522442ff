import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DomainError } from '../../../src/domain/errors.ts'
import { ACCEPTED_PERIOD_FORMS, formatPeriod, parsePeriod } from '../../../src/domain/periods/period.ts'

/** Every spelling a council may write, in every case and with spaces around and between, and what it is read as. */
const SPELLINGS: readonly [canonical: string, spellings: readonly string[]][] = [
  [
    '2013/14 Q2',
    [
      '2013/14 Q2',
      '2013/14 q2',
      '2013/14Q2',
      'Q2 2013/14',
      'q2 2013/14',
      'Q2 2013-14',
      '2013-14 Q2',
      '2013–14 Q2',
      '2013/2014 Q2',
      'Q2 2013/2014',
      '2013-2014 Q2',
      'Quarter 2 2013/14',
      'QUARTER 2 2013/14',
      'quarter 2 2013-14',
      '2013/14 Quarter 2',
      'Quarter2 2013/14',
      'Qtr 2 2013/14',
      'Q 2 2013/14',
      'Q2 13/14',
      'q2 13/14',
      '13/14 Q2',
      '13-14 Q2',
      '  Q2   2013/14  ',
      '\tQuarter  2\t2013/14 ',
    ],
  ],
  ['2013/14 Q1', ['Q1 2013/14', 'Quarter 1 2013-14', '2013/2014 Q1']],
  ['2013/14 Q4', ['Q4 2013/14', '2013-14 Q4', 'Quarter 4 2013/2014']],
  ['1999/00 Q4', ['Q4 1999/00', 'Q4 99/00', '1999/2000 Q4', '1999-00 Q4']],
  ['2029/30 Q1', ['Q1 29/30']],
  ['1930/31 Q1', ['Q1 30/31']],
  ['2013-09', ['2013-09', ' 2013-09 ', 'Sep 2013', 'sep 2013', 'SEP 2013', 'Sept 2013', 'Sep. 2013', 'September 2013']],
  ['2013-09', ['september 2013', 'SEPTEMBER  2013', 'Sep-13', 'sep-13', 'Sep-2013', 'September-2013', '  Sep-13 ']],
  ['2014-01', ['Jan 2014', 'January 2014', 'Jan-14', '2014-01']],
  ['2014-03', ['Mar 2014', 'March 2014', 'Mar-14']],
  ['2013-04', ['Apr 2013', 'April 2013', 'Apr-13']],
  ['2013-05', ['May 2013', 'may-13']],
  ['2013-06', ['Jun 2013', 'June 2013']],
  ['2013-07', ['Jul 2013', 'July 2013']],
  ['2013-08', ['Aug 2013', 'August 2013']],
  ['2013-10', ['Oct 2013', 'October 2013']],
  ['2013-11', ['Nov 2013', 'November 2013']],
  ['2013-12', ['Dec 2013', 'December 2013', 'Dec-13']],
  ['2014-02', ['Feb 2014', 'February 2014']],
  ['1998-11', ['Nov-98']],
  ['2013/14', ['2013/14', '2013-14', '2013–14', '2013/2014', '2013-2014', ' 2013/14 ']],
  ['1999/00', ['1999/00', '1999-00', '1999/2000']],
  // The canonical month form wins where a year could be read too: 2011-12 is December 2011.
  ['2011-12', ['2011-12', 'Dec 2011']],
  ['2011/12', ['2011/12', '2011/2012']],
]

/** What is refused, and the words saying why (every refusal then lists the forms read). */
const REFUSED: readonly [input: string, why: RegExp][] = [
  ['2013/15', /2013 is followed by 14, not 15, so the financial year is 2013\/14/],
  ['2013-15', /15 is not a month, and the financial year starting in 2013 is 2013-14/],
  ['2013/2015', /2013 is followed by 2014, not 2015/],
  ['2013/15 Q2', /2013 is followed by 14, not 15/],
  ['Q2 13/15', /13 is followed by 14, not 15/],
  ['Q5 2013/14', /a financial year has quarters 1 to 4, not 5/],
  ['2013/14 Q5', /a financial year has quarters 1 to 4, not 5/],
  ['Quarter 0 2013/14', /quarters 1 to 4, not 0/],
  ['Q2', /^"Q2" is not a period\. Use/],
  ['13/14', /written alone, 13\/14 could be a score or a date\. Write the year in full, such as 2013\/14/],
  ['13-14', /could be a score or a date/],
  ['98/99', /could be a score or a date\. Write the year in full, such as 1998\/99/],
  ['2013', /a year alone could be the calendar year or a financial year\. Write 2013\/14 .* or 2012\/13/],
  ['Q2 2013', /a quarter of the calendar year 2013 is not the same as a quarter of a financial year.*2013\/14 Q2/],
  ['2013 Q2', /a quarter of the calendar year 2013/],
  ['Q7 2013', /^"Q7 2013" is not a period\. Use/],
  ['Sep 13', /13 could be a day of the month as well as a year\. Write the year in full, such as Sep 2013/],
  ['2013-13', /13 is not a month/],
  ['2013-00', /00 is not a month/],
  ['Sepember 2013', /^"Sepember 2013" is not a period\. Use/],
  ['2013 Sep', /^"2013 Sep" is not a period\. Use/],
  ['09/2013', /^"09\/2013" is not a period\. Use/],
  ['Q2 13/2014', /^"Q2 13\/2014" is not a period\. Use/],
  ['', /^"" is not a period\. Use/],
  ['   ', /is not a period\. Use/],
  ['2013/14 Q2 Q3', /is not a period\. Use/],
  ['9999999999/00', /is not a period\. Use/],
]

describe('periods as councils write them', () => {
  for (const [canonical, spellings] of SPELLINGS) {
    for (const spelling of spellings) {
      it(`reads ${JSON.stringify(spelling)} as ${canonical}`, () => {
        assert.equal(formatPeriod(parsePeriod(spelling)), canonical)
      })
    }
  }

  it('reads the canonical form of everything it reads as that same period', () => {
    for (const [canonical] of SPELLINGS) assert.equal(formatPeriod(parsePeriod(canonical)), canonical)
  })

  for (const [input, why] of REFUSED) {
    it(`refuses ${JSON.stringify(input)}, saying why and listing the forms read`, () => {
      assert.throws(
        () => parsePeriod(input),
        (error: unknown) => {
          assert.ok(error instanceof DomainError)
          assert.equal(error.code, 'invalid-period')
          assert.match(error.message, why)
          assert.ok(error.message.startsWith(`"${input}" is not a period`), error.message)
          assert.ok(error.message.endsWith(`${ACCEPTED_PERIOD_FORMS}.`), error.message)
          return true
        },
      )
    })
  }

  it('lists every form it reads in each refusal', () => {
    for (const form of ['2013/14', '2013/14 Q2', '2013-09', '2013-14', '2013/2014', 'Q2 2013/14', '2013-14 Q2']) {
      assert.ok(ACCEPTED_PERIOD_FORMS.includes(form), form)
    }
    for (const form of ['2013/2014 Q2', 'Quarter 2 2013/14', 'Q2 13/14', 'Sep 2013', 'September 2013', 'Sep-13']) {
      assert.ok(ACCEPTED_PERIOD_FORMS.includes(form), form)
    }
  })
})
