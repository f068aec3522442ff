/**
 * A date as typed into the three boxes of a GOV.UK date input (day, month, year), checked the GOV.UK way: the
 * message names what is missing or wrong ("The due date must include a month", "The due date must be a real date").
 * An ISO date such as 2013-10-15 is also read, for the command line.
 */
export type DateEntry =
  | { readonly ok: true; readonly date: string | null }
  | { readonly ok: false; readonly message: string; readonly part: 'day' | 'month' | 'year' }

const pad = (n: number): string => String(n).padStart(2, '0')

/** Whether an ISO date text names a real day. */
export function isRealDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * Reads the three parts; `label` is the field's name in the message ("The due date"). All empty gives null when
 * the date is optional, or the message "Enter the due date" when it is required.
 */
export function readDateParts(
  parts: { readonly day: string; readonly month: string; readonly year: string },
  label: string,
  required: boolean,
): DateEntry {
  const day = parts.day.trim()
  const month = parts.month.trim()
  const year = parts.year.trim()
  if (day === '' && month === '' && year === '')
    return required ? { ok: false, message: `Enter ${label.toLowerCase()}`, part: 'day' } : { ok: true, date: null }
  const missing = (['day', 'month', 'year'] as const).filter((part) => ({ day, month, year })[part] === '')
  if (missing.length > 0)
    return {
      ok: false,
      message: `${label} must include a ${missing.join(' and a ')}`,
      part: missing[0] ?? 'day',
    }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
    return { ok: false, message: `${label} must be a real date, like 15 10 2013`, part: 'day' }
  const iso = `${year}-${pad(Number(month))}-${pad(Number(day))}`
  if (!isRealDate(iso)) return { ok: false, message: `${label} must be a real date, like 15 10 2013`, part: 'day' }
  return { ok: true, date: iso }
}

/** Reads an ISO date (2013-10-15) as given on the command line; null when it is not a real one. */
export function readIsoDate(text: string): string | null {
  const trimmed = text.trim()
  return isRealDate(trimmed) ? trimmed : null
}
