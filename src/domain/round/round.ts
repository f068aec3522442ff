import { longDate } from '../periods/period.ts'
import { addWorkingDays, daysBetween, isWorkingDay } from './working-days.ts'

/**
 * A reporting round's calendar: when returns are due, how many days are left or how late they are, and which
 * reminder (if any) a person with something outstanding is due on a given day. Dates are ISO text; "today" is
 * always given.
 */
export interface RoundDates {
  /** The day returns are due. */
  readonly due: string
  /** The committee the report goes to, when set. */
  readonly committee: string | null
  /** Remind this many working days before the due date. */
  readonly reminderDays: number
}

export interface DueStatus {
  readonly overdue: boolean
  /** Calendar days left (0 on the day), or days overdue. */
  readonly days: number
  /** "Due 15 October 2013: 5 days left", "Due today, 15 October 2013", "2 days overdue (due 15 October 2013)". */
  readonly text: string
  /** "5 days left", "due today", "2 days overdue". */
  readonly short: string
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** How a due date stands on a day. */
export function dueStatus(today: string, due: string): DueStatus {
  const days = daysBetween(today, due)
  const date = longDate(due)
  if (days > 0)
    return {
      overdue: false,
      days,
      text: `Due ${date}: ${plural(days, 'day')} left`,
      short: `${plural(days, 'day')} left`,
    }
  if (days === 0) return { overdue: false, days: 0, text: `Due today, ${date}`, short: 'due today' }
  const late = -days
  return {
    overdue: true,
    days: late,
    text: `${plural(late, 'day')} overdue (due ${date})`,
    short: `${plural(late, 'day')} overdue`,
  }
}

/** The first day the reminder goes: the set number of working days before the due date. */
export function reminderDate(dates: RoundDates): string {
  return addWorkingDays(dates.due, -Math.max(0, dates.reminderDays))
}

/**
 * Which mail someone with something outstanding is due on a day: the reminder from its first day until the due
 * date, then the overdue notice from the day after. A nightly job that missed a day still sends it; the outbox keeps
 * each to one per person and round. No reminders go on a day that is not a working day.
 */
export function mailDue(today: string, dates: RoundDates): 'reminder' | 'overdue' | null {
  if (!isWorkingDay(today)) return null
  if (today > dates.due) return 'overdue'
  if (today >= reminderDate(dates)) return 'reminder'
  return null
}
