import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DomainError } from '../../../src/domain/errors.ts'
import {
  type Period,
  comparePeriods,
  describePeriod,
  formatPeriod,
  isFirstOfYear,
  lastMonthIndex,
  monthsElapsed,
  monthsInQuarter,
  parsePeriod,
  periodContains,
  periodEndDate,
  periodKey,
  periodOrder,
  periodStartDate,
  previousPeriod,
  quarterOf,
  samePeriod,
  samePeriodLastYear,
  yearOf,
} from '../../../src/domain/periods/period.ts'

const f = (text: string): string => formatPeriod(parsePeriod(text))

describe('UK financial-year periods', () => {
  const parsing: [input: string, canonical: string, description: string][] = [
    ['2013/14', '2013/14', '2013/14'],
    ['2013/14 Q2', '2013/14 Q2', 'Quarter 2 2013/14'],
    ['2013/14 q2', '2013/14 Q2', 'Quarter 2 2013/14'],
    ['2013/14Q4', '2013/14 Q4', 'Quarter 4 2013/14'],
    [' 2013-09 ', '2013-09', 'September 2013'],
    ['2014-03', '2014-03', 'March 2014'],
    ['2014-04', '2014-04', 'April 2014'],
    ['1999/00', '1999/00', '1999/00'],
    ['2099/00', '2099/00', '2099/00'],
  ]
  for (const [input, canonical, description] of parsing) {
    it(`reads "${input}" as ${canonical}`, () => {
      const period = parsePeriod(input)
      assert.equal(formatPeriod(period), canonical)
      assert.equal(describePeriod(period), description)
    })
  }

  const malformed = ['2013/15', '2013', '13/14', '2013/14 Q5', '2013-13', '2013-00', 'Q2 2013', '', 'Sept 13']
  for (const input of malformed) {
    it(`rejects "${input}" and says what is accepted`, () => {
      assert.throws(
        () => parsePeriod(input),
        (error: unknown) =>
          error instanceof DomainError &&
          error.code === 'invalid-period' &&
          error.message.includes('2013/14 Q2') &&
          error.message.includes('2013-09'),
      )
    })
  }

  const years: [string, string][] = [
    ['2013-03', '2012/13'], // 31 March belongs to the year that is ending
    ['2013-04', '2013/14'], // 1 April starts the next
    ['2014-01', '2013/14'],
    ['2013/14 Q4', '2013/14'],
    ['2013/14', '2013/14'],
  ]
  for (const [input, year] of years)
    it(`puts ${input} in ${year}`, () => {
      assert.equal(formatPeriod(yearOf(parsePeriod(input))), year)
    })

  const previous: [string, string][] = [
    ['2013/14 Q2', '2013/14 Q1'],
    ['2013/14 Q1', '2012/13 Q4'],
    ['2013-04', '2013-03'],
    ['2014-01', '2013-12'],
    ['2013-09', '2013-08'],
    ['2013/14', '2012/13'],
  ]
  for (const [input, before] of previous)
    it(`finds ${before} before ${input}`, () => {
      assert.equal(formatPeriod(previousPeriod(parsePeriod(input))), before)
    })

  const lastYear: [string, string][] = [
    ['2013/14 Q2', '2012/13 Q2'],
    ['2014-02', '2013-02'],
    ['2013/14', '2012/13'],
  ]
  for (const [input, same] of lastYear)
    it(`finds ${same} as the same period last year as ${input}`, () => {
      assert.equal(formatPeriod(samePeriodLastYear(parsePeriod(input))), same)
    })

  const quarters: [string, string[]][] = [
    ['2013/14 Q1', ['2013-04', '2013-05', '2013-06']],
    ['2013/14 Q3', ['2013-10', '2013-11', '2013-12']],
    ['2013/14 Q4', ['2014-01', '2014-02', '2014-03']],
  ]
  for (const [input, months] of quarters) {
    it(`lists the months of ${input}`, () => {
      const quarter = parsePeriod(input)
      assert.equal(quarter.kind, 'quarter')
      assert.deepEqual(monthsInQuarter(quarter).map(formatPeriod), months)
      for (const month of months) assert.equal(formatPeriod(quarterOf(parsePeriod(month))), input)
    })
  }

  const bounds: [string, string, string, number, boolean][] = [
    ['2013/14', '2013-04-01', '2014-03-31', 12, true],
    ['2013/14 Q2', '2013-07-01', '2013-09-30', 6, false],
    ['2013/14 Q1', '2013-04-01', '2013-06-30', 3, true],
    ['2015/16 Q4', '2016-01-01', '2016-03-31', 12, false],
    ['2016-02', '2016-02-01', '2016-02-29', 11, false],
    ['2013-04', '2013-04-01', '2013-04-30', 1, true],
  ]
  for (const [input, start, end, elapsed, first] of bounds) {
    it(`knows ${input} runs ${start} to ${end}, ${elapsed} months into the year`, () => {
      const period = parsePeriod(input)
      assert.equal(periodStartDate(period), start)
      assert.equal(periodEndDate(period), end)
      assert.equal(monthsElapsed(period), elapsed)
      assert.equal(isFirstOfYear(period), first)
    })
  }

  it('orders periods by when they end, longer first', () => {
    const sorted = ['2013/14', '2013-09', '2013/14 Q2', '2012/13', '2013/14 Q1', '2013-07']
      .map(parsePeriod)
      .sort(comparePeriods)
    assert.deepEqual(sorted.map(formatPeriod), ['2012/13', '2013/14 Q1', '2013-07', '2013/14 Q2', '2013-09', '2013/14'])
  })

  it('knows which periods contain which', () => {
    assert.equal(periodContains(parsePeriod('2013/14'), parsePeriod('2014-03')), true)
    assert.equal(periodContains(parsePeriod('2013/14 Q2'), parsePeriod('2013-09')), true)
    assert.equal(periodContains(parsePeriod('2013/14 Q2'), parsePeriod('2013-10')), false)
    assert.equal(f('2013/14 Q3'), '2013/14 Q3')
  })

  // Every month, quarter and year of three financial years, for the number forms the engine indexes periods by.
  const every: Period[] = []
  for (const year of [2012, 2013, 2014]) {
    every.push({ kind: 'year', year })
    for (const quarter of [1, 2, 3, 4] as const) every.push({ kind: 'quarter', year, quarter })
    for (let month = 1; month <= 12; month += 1) every.push({ kind: 'month', year, month })
  }

  it('numbers periods in the order comparePeriods puts them, a different number for each', () => {
    for (const a of every)
      for (const b of every) {
        const order = Math.sign(periodOrder(a) - periodOrder(b))
        assert.equal(order, comparePeriods(a, b), `${formatPeriod(a)} against ${formatPeriod(b)}`)
        assert.equal(periodKey(a) === periodKey(b), formatPeriod(a) === formatPeriod(b))
        assert.equal(samePeriod(a, b), formatPeriod(a) === formatPeriod(b))
      }
  })

  it('numbers the month a period ends so that it orders as the end dates do', () => {
    for (const a of every)
      for (const b of every)
        assert.equal(
          Math.sign(lastMonthIndex(a) - lastMonthIndex(b)),
          Math.sign(periodEndDate(a).localeCompare(periodEndDate(b))),
          `${formatPeriod(a)} against ${formatPeriod(b)}`,
        )
  })
})
