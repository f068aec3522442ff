import { DomainError } from '../errors.ts'
import type { Period } from './period.ts'

/**
 * Reading a period as councils write it. The canonical forms are 2013/14 (a financial year), 2013/14 Q2 (a quarter)
 * and 2013-09 (a month); these are also read:
 * - a year as 2013-14, 2013–14 (en dash) or 2013/2014;
 * - a quarter with its year before or after it, written Q2, Qtr 2 or Quarter 2: Q2 2013/14, 2013-14 Q2,
 *   2013/2014 Q2, Quarter 2 2013/14, and with a two-digit year, Q2 13/14;
 * - a month by name: Sep 2013, Sept 2013, September 2013, and Excel's Sep-13.
 * Case and spacing do not matter. A two-digit year is read as Excel reads one: 00 to 29 are 2000 to 2029, 30 to 99
 * are 1930 to 1999. 2011-12 is December 2011, as the canonical month form says; the year is 2011/12.
 * Anything that could mean two periods is refused, with why and the list of the forms read: 2013 alone (the
 * calendar year, or the financial year starting or ending in it?), 13/14 alone (a year, or a score?), Q2 2013 (a
 * calendar quarter?) and Sep 13 (13 September?).
 */

/** The forms read, for every refusal: the canonical ones first, as the message has always begun. */
export const ACCEPTED_PERIOD_FORMS =
  'Use a financial year such as 2013/14, a quarter such as 2013/14 Q2, or a month such as 2013-09. ' +
  'Also read: 2013-14 and 2013/2014; Q2 2013/14, 2013-14 Q2, 2013/2014 Q2, Quarter 2 2013/14 and Q2 13/14; ' +
  'Sep 2013, September 2013 and Sep-13'

const CANONICAL_QUARTER = /^(\d{4})\/(\d{2}) ?[Qq]([1-4])$/
const CANONICAL_YEAR = /^(\d{4})\/(\d{2})$/
const CANONICAL_MONTH = /^(\d{4})-(\d{2})$/

// After spaces are collapsed and letters lower-cased: a financial year (four-digit start, then two or four digits,
// or two and two), a quarter (q2, qtr 2, quarter 2), and each arrangement of the two.
const YEAR = String.raw`(\d{4}|\d{2})[/\-–](\d{2}|\d{4})`
const QUARTER = String.raw`(?:q|qtr|quarter) ?(\d+)`
const YEAR_THEN_QUARTER = new RegExp(`^${YEAR} ?${QUARTER}$`)
const QUARTER_THEN_YEAR = new RegExp(`^${QUARTER} ?${YEAR}$`)
const YEAR_ALONE = new RegExp(`^${YEAR}$`)
const MONTH_NAMED = /^([a-z]+)\.?(?: |-)(\d{4})$/
const MONTH_EXCEL = /^([a-z]+)-(\d{2})$/
const MONTH_SHORT_YEAR = /^([a-z]+) (\d{2})$/
const QUARTER_OF_CALENDAR_YEAR = new RegExp(`^(?:${QUARTER} ?(\\d{4})|(\\d{4}) ?${QUARTER})$`)

const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['january', 'jan'],
    ['february', 'feb'],
    ['march', 'mar'],
    ['april', 'apr'],
    ['may', 'may'],
    ['june', 'jun'],
    ['july', 'jul'],
    ['august', 'aug'],
    ['september', 'sep', 'sept'],
    ['october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ].flatMap((names, i) => names.map((name): [string, number] => [name, i + 1])),
)

function refuse(input: string, why: string): never {
  throw new DomainError('invalid-period', `"${input}" is not a period${why}. ${ACCEPTED_PERIOD_FORMS}.`)
}

/** A two-digit year as Excel reads one: 00 to 29 are this century, 30 to 99 the last. */
function fullYear(digits: string): number {
  const year = Number(digits)
  return digits.length === 4 ? year : year < 30 ? 2000 + year : 1900 + year
}

/** The financial year a pair such as 2013/14, 2013/2014 or 13/14 names; refused when the second is not the next. */
function yearOfPair(input: string, start: string, end: string): number {
  const year = fullYear(start)
  const next = end.length === 4 ? String(year + 1) : String((year + 1) % 100).padStart(2, '0')
  if (end !== next) {
    refuse(input, `: ${start} is followed by ${next}, not ${end}, so the financial year is ${start}/${next}`)
  }
  return year
}

function quarterNumber(input: string, digits: string): 1 | 2 | 3 | 4 {
  const quarter = Number(digits)
  if (quarter < 1 || quarter > 4) refuse(input, `: a financial year has quarters 1 to 4, not ${digits}`)
  return quarter as 1 | 2 | 3 | 4
}

function month(calendarYear: number, calendarMonth: number): Period {
  return { kind: 'month', year: calendarMonth >= 4 ? calendarYear : calendarYear - 1, month: calendarMonth }
}

/** The canonical forms, read first: the store holds only these, so its reads never go further. */
function readCanonical(text: string): Period | null {
  const quarter = CANONICAL_QUARTER.exec(text)
  if (quarter) {
    const [, start = '', end = '', q = ''] = quarter
    return { kind: 'quarter', year: yearOfPair(text, start, end), quarter: Number(q) as 1 | 2 | 3 | 4 }
  }
  const year = CANONICAL_YEAR.exec(text)
  if (year) return { kind: 'year', year: yearOfPair(text, year[1] ?? '', year[2] ?? '') }
  return null
}

/** 2013-09 is a month; 2013-14, with no month 14, the financial year; 2013-13 neither. */
function readDashed(input: string, start: string, end: string): Period {
  const calendarMonth = Number(end)
  if (calendarMonth >= 1 && calendarMonth <= 12) return month(Number(start), calendarMonth)
  const next = String((Number(start) + 1) % 100).padStart(2, '0')
  if (end === next) return { kind: 'year', year: Number(start) }
  return refuse(input, `: ${end} is not a month, and the financial year starting in ${start} is ${start}-${next}`)
}

function readQuarter(input: string, text: string): Period | null {
  const before = YEAR_THEN_QUARTER.exec(text)
  const after = before ? null : QUARTER_THEN_YEAR.exec(text)
  if (!before && !after) return null
  const [start, end, q] = before ? [before[1], before[2], before[3]] : [after?.[2], after?.[3], after?.[1]]
  if ((start ?? '').length === 2 && (end ?? '').length === 4) return null
  return { kind: 'quarter', year: yearOfPair(input, start ?? '', end ?? ''), quarter: quarterNumber(input, q ?? '') }
}

function readYear(input: string, text: string): Period | null {
  const year = YEAR_ALONE.exec(text)
  if (!year) return null
  const [, start = '', end = ''] = year
  if (start.length === 2 && end.length === 4) return null
  if (start.length === 2) {
    const full = `${fullYear(start)}/${end}`
    refuse(input, `: written alone, ${text} could be a score or a date. Write the year in full, such as ${full}`)
  }
  if (end.length === 2 && text.charAt(4) === '-') return readDashed(input, start, end)
  return { kind: 'year', year: yearOfPair(input, start, end) }
}

function readNamedMonth(input: string, text: string): Period | null {
  const named = MONTH_NAMED.exec(text) ?? MONTH_EXCEL.exec(text)
  if (named) {
    const number = MONTHS.get(named[1] ?? '')
    return number === undefined ? null : month(fullYear(named[2] ?? ''), number)
  }
  const short = MONTH_SHORT_YEAR.exec(text)
  if (short && MONTHS.has(short[1] ?? '')) {
    refuse(
      input,
      `: ${short[2] ?? ''} could be a day of the month as well as a year. Write the year in full, such as Sep 2013`,
    )
  }
  return null
}

/** Why a form that names no single period is refused, when it looks like one that could name two. */
function ambiguity(text: string): string {
  if (/^\d{4}$/.test(text)) {
    const next = String((Number(text) + 1) % 100).padStart(2, '0')
    const previous = String(Number(text) - 1)
    return `: a year alone could be the calendar year or a financial year. Write ${text}/${next} for April ${text} to March ${Number(text) + 1}, or ${previous}/${text.slice(2)}`
  }
  const calendarQuarter = QUARTER_OF_CALENDAR_YEAR.exec(text)
  const quarter = calendarQuarter?.[1] ?? calendarQuarter?.[4] ?? ''
  if (calendarQuarter && /^[1-4]$/.test(quarter)) {
    const year = calendarQuarter[2] ?? calendarQuarter[3] ?? ''
    const next = String((Number(year) + 1) % 100).padStart(2, '0')
    return `: a quarter of the calendar year ${year} is not the same as a quarter of a financial year. Write the financial year, such as ${year}/${next} Q${quarter}`
  }
  return ''
}

/** Reads a period as councils write it; the error says why, and which forms are read. */
export function parsePeriod(input: string): Period {
  const canonical = readCanonical(input)
  if (canonical) return canonical
  const month = CANONICAL_MONTH.exec(input.trim())
  if (month) return readDashed(input, month[1] ?? '', month[2] ?? '')
  const text = input.trim().replace(/\s+/g, ' ').toLowerCase()
  const period = readCanonical(text) ?? readQuarter(input, text) ?? readYear(input, text) ?? readNamedMonth(input, text)
  return period ?? refuse(input, ambiguity(text))
}

/** Like parsePeriod, but returns null instead of throwing. */
export function tryParsePeriod(input: string): Period | null {
  try {
    return parsePeriod(input)
  } catch {
    return null
  }
}
