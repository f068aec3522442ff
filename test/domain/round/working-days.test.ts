import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addWorkingDays,
  bankHolidays,
  easterSunday,
  isWorkingDay,
  subtractWorkingDays,
  workingDaysBetween,
} from '../../../src/domain/round/working-days.ts'

/** Easter Sundays as the Church of England's tables give them, including the earliest and latest possible. */
const EASTER: [number, string][] = [
  [1818, '1818-03-22'],
  [1943, '1943-04-25'],
  [2008, '2008-03-23'],
  [2011, '2011-04-24'],
  [2013, '2013-03-31'],
  [2019, '2019-04-21'],
  [2024, '2024-03-31'],
  [2025, '2025-04-20'],
  [2038, '2038-04-25'],
  [2285, '2285-03-22'],
]

/** England and Wales's bank holidays as GOV.UK publishes them (gov.uk/bank-holidays). */
const YEARS: [number, string[]][] = [
  [1995, ['01-02', '04-14', '04-17', '05-08', '05-29', '08-28', '12-25', '12-26']],
  [1999, ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28', '12-31']],
  [2002, ['01-01', '03-29', '04-01', '05-06', '06-03', '06-04', '08-26', '12-25', '12-26']],
  [2010, ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28']],
  [2011, ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27']],
  [2012, ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26']],
  [2013, ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26']],
  [2016, ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27']],
  [2020, ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28']],
  [2021, ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28']],
  [2022, ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27']],
  [2023, ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26']],
  [2026, ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28']],
  [2027, ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28']],
]

describe('Easter by the computus', () => {
  for (const [year, date] of EASTER)
    it(`${year}: ${date}`, () => {
      assert.equal(easterSunday(year), date)
    })
})

describe('bank holidays in England and Wales', () => {
  for (const [year, dates] of YEARS)
    it(`${year}`, () => {
      assert.deepEqual(
        bankHolidays(year).map((h) => h.date),
        dates.map((d) => `${year}-${d}`),
      )
    })

  it('names each day, substitutes included', () => {
    const names = bankHolidays(2022).map((h) => h.name)
    assert.deepEqual(names.slice(0, 2), ["New Year's Day", 'Good Friday'])
    assert.ok(names.includes('State funeral of Queen Elizabeth II'))
  })
})

describe('working days', () => {
  const CASES: [string, number, string, string][] = [
    ['2013-10-15', -3, '2013-10-10', 'three working days before a Tuesday is the Thursday before'],
    ['2013-10-14', -1, '2013-10-11', 'the working day before a Monday is the Friday'],
    ['2013-12-23', 1, '2013-12-24', 'Christmas Eve is a working day'],
    ['2013-12-24', 1, '2013-12-27', 'over Christmas Day and Boxing Day'],
    ['2022-09-16', 1, '2022-09-20', 'over the weekend and the state funeral'],
    ['2023-05-05', 1, '2023-05-09', 'over the weekend and the coronation'],
    ['2013-03-28', 1, '2013-04-02', 'over Easter'],
    ['2013-10-12', 0, '2013-10-12', 'no days from a Saturday is the Saturday'],
    ['2013-10-12', 1, '2013-10-14', 'one from a Saturday is the Monday'],
  ]
  for (const [from, count, to, why] of CASES)
    it(`${from} ${count >= 0 ? '+' : ''}${count}: ${to} (${why})`, () => {
      assert.equal(addWorkingDays(from, count), to)
    })

  it('counts the working days between two dates, negative backwards', () => {
    assert.equal(workingDaysBetween('2013-10-11', '2013-10-14'), 1)
    assert.equal(workingDaysBetween('2013-10-01', '2013-10-15'), 10)
    assert.equal(workingDaysBetween('2013-12-20', '2014-01-02'), 6)
    assert.equal(workingDaysBetween('2013-10-15', '2013-10-01'), -10)
    assert.equal(workingDaysBetween('2013-10-15', '2013-10-15'), 0)
  })

  it('knows weekends and bank holidays are not working days', () => {
    assert.deepEqual(
      ['2013-10-12', '2013-10-13', '2013-08-26', '2013-08-27', '2020-05-04', '2020-05-08'].map(isWorkingDay),
      [false, false, false, true, true, false],
    )
  })

  it('refuses a date it cannot read', () => {
    assert.throws(() => addWorkingDays('15/10/2013', 1), /is not a date like 2013-10-15/)
  })
})

describe('counting back working days from a due date', () => {
  const CASES: [string, number, string, string][] = [
    ['2013-10-15', 3, '2013-10-10', 'a Tuesday, back over a weekend'],
    ['2013-10-15', 0, '2013-10-15', 'no days'],
    ['2013-04-02', 1, '2013-03-28', 'over Easter Monday and Good Friday'],
    ['2012-06-07', 3, '2012-05-31', 'over the Diamond Jubilee and the moved spring bank holiday'],
    ['2022-09-20', 1, '2022-09-16', 'over the State Funeral'],
    ['2023-05-09', 1, '2023-05-05', 'over the Coronation'],
    ['2020-05-11', 1, '2020-05-07', 'over VE Day, moved to a Friday'],
    ['2021-01-04', 4, '2020-12-24', 'over New Year, the Boxing Day substitute and Christmas'],
  ]
  for (const [due, count, from, why] of CASES) {
    it(`${due} less ${count}: ${from} (${why})`, () => {
      assert.equal(subtractWorkingDays(due, count), from)
    })
  }
})
