/**
 * Working days in England and Wales: Monday to Friday, except bank holidays. The bank holidays follow the Banking
 * and Financial Dealings Act 1971 and the royal proclamations since: New Year's Day, Good Friday, Easter Monday, the
 * early May bank holiday (first Monday in May), the spring bank holiday (last Monday in May), the summer bank
 * holiday (last Monday in August), Christmas Day and Boxing Day. A holiday falling on a Saturday or Sunday is
 * replaced by the next weekday that is not already a holiday (the "substitute day"). Days moved or added by
 * proclamation are listed in MOVED and EXTRA. Dates are ISO text (2013-10-15); nothing here reads the clock.
 */

/** Days moved by proclamation: the usual date and the date it was held instead. */
const MOVED: Readonly<Record<string, string>> = {
  // VE Day's 50th and 75th anniversaries moved the early May bank holiday to 8 May.
  '1995-05-01': '1995-05-08',
  '2020-05-04': '2020-05-08',
  // The Golden, Diamond and Platinum Jubilees moved the spring bank holiday.
  '2002-05-27': '2002-06-04',
  '2012-05-28': '2012-06-04',
  '2022-05-30': '2022-06-02',
}

/** Days added by proclamation, with what they marked. */
export const EXTRA_BANK_HOLIDAYS: Readonly<Record<string, string>> = {
  '1999-12-31': 'Millennium celebrations',
  '2002-06-03': 'Golden Jubilee',
  '2011-04-29': 'Royal wedding',
  '2012-06-05': 'Diamond Jubilee',
  '2022-06-03': 'Platinum Jubilee',
  '2022-09-19': 'State funeral of Queen Elizabeth II',
  '2023-05-08': 'Coronation of King Charles III',
}

const DAY_MS = 86_400_000

function toDays(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(ms))
    throw new RangeError(`"${iso}" is not a date like 2013-10-15`)
  return ms / DAY_MS
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10)
}

function iso(year: number, month: number, day: number): string {
  return fromDays(Date.UTC(year, month - 1, day) / DAY_MS)
}

/** 0 for Sunday to 6 for Saturday. */
export function dayOfWeek(date: string): number {
  return (toDays(date) + 4) % 7
}

/** Easter Sunday in the Gregorian calendar, by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return iso(year, month, day)
}

function addDays(date: string, days: number): string {
  return fromDays(toDays(date) + days)
}

/** The first Monday on or after a date. */
function mondayFrom(date: string): string {
  return addDays(date, (8 - dayOfWeek(date)) % 7)
}

/** The last Monday of a month. */
function lastMonday(year: number, month: number): string {
  const last = iso(year, month + 1, 0)
  return addDays(last, -((dayOfWeek(last) + 6) % 7))
}

const isWeekend = (date: string): boolean => dayOfWeek(date) === 0 || dayOfWeek(date) === 6

/** Fixed-date holidays in order; one on a weekend is held on the next weekday not already taken. */
function withSubstitutes(fixed: readonly string[], taken: Set<string>): string[] {
  const held: string[] = []
  for (const date of fixed) {
    let day = date
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1)
    taken.add(day)
    held.push(day)
  }
  return held
}

/** A bank holiday, with its name. */
export interface BankHoliday {
  readonly date: string
  readonly name: string
}

const yearCache = new Map<number, readonly BankHoliday[]>()

/** England and Wales's bank holidays in a calendar year, in date order. Early May is counted from 1978. */
export function bankHolidays(year: number): readonly BankHoliday[] {
  const held = yearCache.get(year)
  if (held) return held
  const easter = easterSunday(year)
  const moved = (date: string): string => MOVED[date] ?? date
  const movable: BankHoliday[] = [
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    ...(year >= 1978 ? [{ date: moved(mondayFrom(iso(year, 5, 1))), name: 'Early May bank holiday' }] : []),
    { date: moved(lastMonday(year, 5)), name: 'Spring bank holiday' },
    { date: lastMonday(year, 8), name: 'Summer bank holiday' },
  ]
  const taken = new Set(movable.map((h) => h.date))
  const [newYear = ''] = withSubstitutes([iso(year, 1, 1)], taken)
  const [christmas = '', boxing = ''] = withSubstitutes([iso(year, 12, 25), iso(year, 12, 26)], taken)
  const extra = Object.entries(EXTRA_BANK_HOLIDAYS)
    .filter(([date]) => date.startsWith(`${year}-`))
    .map(([date, name]) => ({ date, name }))
  const all = [
    { date: newYear, name: "New Year's Day" },
    ...movable,
    { date: christmas, name: 'Christmas Day' },
    { date: boxing, name: 'Boxing Day' },
    ...extra,
  ].sort((a, b) => a.date.localeCompare(b.date))
  yearCache.set(year, all)
  return all
}

/** Whether a date is a bank holiday in England and Wales. */
export function isBankHoliday(date: string): boolean {
  return bankHolidays(Number(date.slice(0, 4))).some((h) => h.date === date)
}

/** Whether a date is a working day: a weekday that is not a bank holiday. */
export function isWorkingDay(date: string): boolean {
  return !isWeekend(date) && !isBankHoliday(date)
}

/**
 * The working day `count` working days after a date (before it, for a negative count). Counting from a day that is
 * not itself a working day starts from it all the same: 0 gives the date back.
 */
export function addWorkingDays(date: string, count: number): string {
  let day = date
  const step = count < 0 ? -1 : 1
  for (let left = Math.abs(count); left > 0;) {
    day = addDays(day, step)
    if (isWorkingDay(day)) left -= 1
  }
  return day
}

/** The working day `count` working days before a date: the day a reminder goes, counting back from a due date. */
export function subtractWorkingDays(date: string, count: number): string {
  return addWorkingDays(date, -count)
}

/**
 * Working days from one date to a later one: the working days after `from` up to and including `to` (so from a
 * Friday to the next Monday is 1). Negative when `to` is earlier.
 */
export function workingDaysBetween(from: string, to: string): number {
  if (to < from) return -workingDaysBetween(to, from)
  let count = 0
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1
  return count
}

/** Calendar days from one date to another: negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return toDays(to) - toDays(from)
}
