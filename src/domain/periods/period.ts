export { ACCEPTED_PERIOD_FORMS, parsePeriod, tryParsePeriod } from './period-reading.ts'

/**
 * UK public-sector reporting periods. The financial year runs 1 April to 31 March and is written 2013/14;
 * Q1 is April-June, Q2 July-September, Q3 October-December, Q4 January-March. Months are calendar months,
 * written 2013-09, and belong to the financial year that contains them.
 */
export type Period =
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'quarter'; readonly year: number; readonly quarter: 1 | 2 | 3 | 4 }
  | { readonly kind: 'month'; readonly year: number; readonly month: number }

export type MonthPeriod = Extract<Period, { kind: 'month' }>
export type QuarterPeriod = Extract<Period, { kind: 'quarter' }>

/** `year` is always the calendar year in which the financial year starts: 2013/14 has year 2013. */
export type PeriodKind = Period['kind']

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

function yearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`
}

/** The calendar year a month falls in. */
function calendarYear(period: { year: number; month: number }): number {
  return period.month >= 4 ? period.year : period.year + 1
}

/**
 * A number unique to each period (2013/14 Q2 is 201392, September 2013 is 201309, 2013/14 is 201300), for indexing
 * and memoising: engines judging millions of figures look periods up again and again, and a number is cheaper to
 * hash and compare than a label.
 */
export function periodKey(period: Period): number {
  return (
    period.year * 100 + (period.kind === 'year' ? 0 : period.kind === 'quarter' ? 90 + period.quarter : period.month)
  )
}

function memoised<T>(derive: (period: Period) => T): (period: Period) => T {
  const cache = new Map<number, T>()
  return (period) => {
    const key = periodKey(period)
    let value = cache.get(key)
    if (value === undefined) {
      value = derive(period)
      cache.set(key, value)
    }
    return value
  }
}

/** The canonical short form: 2013/14, 2013/14 Q2 or 2013-09. */
export const formatPeriod: (period: Period) => string = memoised(formatPeriodOnce)

function formatPeriodOnce(period: Period): string {
  switch (period.kind) {
    case 'year':
      return yearLabel(period.year)
    case 'quarter':
      return `${yearLabel(period.year)} Q${period.quarter}`
    case 'month':
      return `${calendarYear(period)}-${String(period.month).padStart(2, '0')}`
  }
}

/** The long form for pages and reports: "Quarter 2 2013/14", "September 2013", "2013/14". */
export function describePeriod(period: Period): string {
  switch (period.kind) {
    case 'year':
      return yearLabel(period.year)
    case 'quarter':
      return `Quarter ${period.quarter} ${yearLabel(period.year)}`
    case 'month':
      return `${MONTH_NAMES[period.month - 1] ?? ''} ${calendarYear(period)}`
  }
}

/** The position of a month in the financial year: April is 1, March is 12. */
export function monthOfYear(period: { month: number }): number {
  return ((period.month + 8) % 12) + 1
}

function monthFromPosition(year: number, position: number): MonthPeriod {
  return { kind: 'month', year, month: ((position + 2) % 12) + 1 }
}

/** The financial year a period belongs to. */
export function yearOf(period: Period): Period {
  return { kind: 'year', year: period.year }
}

/** The quarter a month belongs to (a quarter or year is returned unchanged). */
export function quarterOf(period: Period): Period {
  if (period.kind !== 'month') return period
  return { kind: 'quarter', year: period.year, quarter: Math.ceil(monthOfYear(period) / 3) as 1 | 2 | 3 | 4 }
}

/** The period before, of the same kind: 2013/14 Q1 comes before Q2, 2012/13 Q4 before 2013/14 Q1. */
export function previousPeriod(period: Period): Period {
  switch (period.kind) {
    case 'year':
      return { kind: 'year', year: period.year - 1 }
    case 'quarter':
      return period.quarter === 1
        ? { kind: 'quarter', year: period.year - 1, quarter: 4 }
        : { kind: 'quarter', year: period.year, quarter: (period.quarter - 1) as 1 | 2 | 3 }
    case 'month': {
      const position = monthOfYear(period)
      return position === 1 ? monthFromPosition(period.year - 1, 12) : monthFromPosition(period.year, position - 1)
    }
  }
}

/** The same period in the previous financial year. */
export function samePeriodLastYear(period: Period): Period {
  return { ...period, year: period.year - 1 }
}

/** The three months of a quarter, in order. */
export function monthsInQuarter(period: QuarterPeriod): MonthPeriod[] {
  const first = (period.quarter - 1) * 3 + 1
  return [0, 1, 2].map((offset) => monthFromPosition(period.year, first + offset))
}

/** The last month of a period: March for a year, September for Q2, the month itself for a month. */
export function lastMonthOf(period: Period): MonthPeriod {
  switch (period.kind) {
    case 'year':
      return monthFromPosition(period.year, 12)
    case 'quarter':
      return monthFromPosition(period.year, period.quarter * 3)
    case 'month':
      return period
  }
}

/** How many months of the financial year have passed by the end of the period: 6 at the end of Q2. */
export function monthsElapsed(period: Period): number {
  return monthOfYear(lastMonthOf(period))
}

/** Whether the period is the first of its kind in the financial year (Q1, April, or any year). */
export function isFirstOfYear(period: Period): boolean {
  return period.kind === 'year' || monthsElapsed(period) === (period.kind === 'quarter' ? 3 : 1)
}

/** The first day of the period, as an ISO date (used to sort periods in storage). */
export const periodStartDate: (period: Period) => string = memoised((period) => {
  const first =
    period.kind === 'month'
      ? period
      : monthFromPosition(period.year, period.kind === 'quarter' ? (period.quarter - 1) * 3 + 1 : 1)
  return `${calendarYear(first)}-${String(first.month).padStart(2, '0')}-01`
})

/** The last day of the period, as an ISO date. */
export const periodEndDate: (period: Period) => string = memoised((period) => {
  const last = lastMonthOf(period)
  const year = calendarYear(last)
  const day = new Date(Date.UTC(year, last.month, 0)).getUTCDate()
  return `${year}-${String(last.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
})

/** The month a period starts in, counted from April of year 0, so periods order by arithmetic. */
function firstMonthIndex(period: Period): number {
  const position =
    period.kind === 'month' ? monthOfYear(period) : period.kind === 'quarter' ? period.quarter * 3 - 2 : 1
  return period.year * 12 + position
}

/**
 * The month a period ends in, counted from April of year 0: a period ends on an earlier date exactly when this is
 * smaller, so end dates compare without being built.
 */
export function lastMonthIndex(period: Period): number {
  const position = period.kind === 'month' ? monthOfYear(period) : period.kind === 'quarter' ? period.quarter * 3 : 12
  return period.year * 12 + position
}

/**
 * Orders periods by when they end, and a longer period before a shorter one ending the same day: the order of
 * their end dates, then start dates, worked out on month numbers rather than by building the dates.
 */
export function comparePeriods(a: Period, b: Period): number {
  return Math.sign(lastMonthIndex(a) - lastMonthIndex(b) || firstMonthIndex(a) - firstMonthIndex(b))
}

/**
 * A number for each period that orders periods as comparePeriods does (by the month they end, a longer period before
 * a shorter one ending with it): distinct periods get distinct numbers, so a sorted list of them can be searched.
 */
export function periodOrder(period: Period): number {
  return lastMonthIndex(period) * 3 + (period.kind === 'year' ? 0 : period.kind === 'quarter' ? 1 : 2)
}

export function samePeriod(a: Period, b: Period): boolean {
  return periodKey(a) === periodKey(b)
}

/** Whether the inner period lies within the outer one (a month in its quarter, a quarter in its year). */
export function periodContains(outer: Period, inner: Period): boolean {
  return periodStartDate(outer) <= periodStartDate(inner) && periodEndDate(inner) <= periodEndDate(outer)
}

/** A date as committee papers write it: "1 July 2013", from an ISO date (or date and time). */
export function longDate(iso: string): string {
  const [year = '', month = '', day = ''] = iso.slice(0, 10).split('-')
  return `${Number(day)} ${MONTH_NAMES[Number(month) - 1] ?? ''} ${year}`
}
