import { DomainError } from '../errors.ts'
import { listInProse } from '../judgement/summary-text.ts'
import { numberWord } from '../figures/words.ts'

/**
 * Delivery status of a milestone, action or priority for a period (Chorley, Manchester, Halton):
 * - green: on track, progressing according to plan;
 * - amber: a problem with achieving the aims, and action is being taken to resolve it;
 * - red: a problem with achieving the aims that needs action to achieve its objectives;
 * - not-started: work has not begun;
 * - complete: delivered.
 */
export const DELIVERY_STATUSES = ['green', 'amber', 'red', 'not-started', 'complete'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** Each status as a council report prints it. */
export const DELIVERY_LABELS: Readonly<Record<DeliveryStatus, string>> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  'not-started': 'Not started',
  complete: 'Complete',
}

export const DELIVERY_MEANINGS: Readonly<Record<DeliveryStatus, string>> = {
  green: 'On track: progressing according to plan',
  amber: 'A problem with achieving the aims; action is being taken to resolve it',
  red: 'A problem with achieving the aims that needs action to achieve its objectives',
  'not-started': 'Work has not started',
  complete: 'Delivered',
}

const WORDS: ReadonlyMap<string, DeliveryStatus> = new Map([
  ['green', 'green'],
  ['g', 'green'],
  // Halton's progress symbols: ✓ on course, ? uncertain, ✗ will not be achieved without intervention.
  ['✓', 'green'],
  ['✔', 'green'],
  ['amber', 'amber'],
  ['a', 'amber'],
  ['?', 'amber'],
  ['red', 'red'],
  ['r', 'red'],
  ['✗', 'red'],
  ['✘', 'red'],
  ['x', 'red'],
  ['not started', 'not-started'],
  ['not-started', 'not-started'],
  ['ns', 'not-started'],
  ['complete', 'complete'],
  ['completed', 'complete'],
  ['c', 'complete'],
])

/** Reads a status as councils write it: Green, G, Not started, Complete, or Halton's ✓ ? ✗. */
export function parseDeliveryStatus(input: string): DeliveryStatus {
  const status = WORDS.get(input.trim().toLowerCase().replace(/\s+/g, ' '))
  if (status === undefined) {
    throw new DomainError(
      'invalid-value',
      `"${input}" is not a delivery status. Use Green, Amber, Red, Not started or Complete (or ✓, ? and ✗).`,
    )
  }
  return status
}

export type StatusCounts = Readonly<Record<DeliveryStatus, number>>

export function countStatuses(statuses: readonly DeliveryStatus[]): StatusCounts {
  const counts: Record<DeliveryStatus, number> = { green: 0, amber: 0, red: 0, 'not-started': 0, complete: 0 }
  for (const status of statuses) counts[status] += 1
  return counts
}

/** Least favourable first: a tie in the roll-up goes to the status earlier in this list. */
const TIE_ORDER: readonly DeliveryStatus[] = ['red', 'amber', 'not-started', 'green', 'complete']

/**
 * A priority's status from its actions (Chorley's practice): the status most of its actions hold, with complete
 * actions counted as green; a tie goes to the less favourable status. So three green and two not started is green,
 * two green and one amber is green, one green and two not started is not started. A priority whose actions are all
 * complete is complete. Returns null for a priority with no actions: it needs a status set by hand.
 */
export function rollUpStatus(actions: readonly DeliveryStatus[]): DeliveryStatus | null {
  if (actions.length === 0) return null
  const counts = countStatuses(actions)
  if (counts.complete === actions.length) return 'complete'
  const tally: Record<DeliveryStatus, number> = { ...counts, green: counts.green + counts.complete, complete: 0 }
  let best: DeliveryStatus = 'red'
  for (const status of TIE_ORDER) if (tally[status] > tally[best]) best = status
  return best
}

/** The words for each status in a sentence: "are rated as green", "have not started". */
function phrase(status: DeliveryStatus, count: number): string {
  const one = count === 1
  switch (status) {
    case 'not-started':
      return one ? 'has not started' : 'have not started'
    case 'complete':
      return one ? 'is complete' : 'are complete'
    default:
      return `${one ? 'is' : 'are'} rated as ${status}`
  }
}

const SENTENCE_ORDER: readonly DeliveryStatus[] = ['complete', 'green', 'amber', 'red', 'not-started']

/**
 * Chorley's sentence for a priority's actions: "Of the five actions for this priority in 2013/14, three are rated
 * as green and two have not started."
 */
export function actionsSentence(actions: readonly DeliveryStatus[], year: string): string {
  if (actions.length === 0) return `No actions have been set for this priority in ${year}.`
  const counts = countStatuses(actions)
  const total = actions.length
  const noun = total === 1 ? 'action' : 'actions'
  const only = SENTENCE_ORDER.find((status) => counts[status] === total)
  if (only && total > 1)
    return `Of the ${numberWord(total)} ${noun} for this priority in ${year}, ${total === 2 ? 'both' : 'all'} ${phrase(only, total)}.`
  const parts = SENTENCE_ORDER.filter((status) => counts[status] > 0).map(
    (status) => `${numberWord(counts[status])} ${phrase(status, counts[status])}`,
  )
  return `Of the ${numberWord(total)} ${noun} for this priority in ${year}, ${listInProse(parts)}.`
}

/**
 * The plan-level sentence: "Of the nineteen priorities identified across the partnership, seventeen are rated as
 * green and two are rated as not started."
 */
export function prioritiesSentence(statuses: readonly DeliveryStatus[], where = 'across the partnership'): string {
  const total = statuses.length
  if (total === 0) return `No priorities have been identified ${where}.`
  const counts = countStatuses(statuses)
  const rated = (status: DeliveryStatus, count: number): string =>
    status === 'not-started' ? `${count === 1 ? 'is' : 'are'} rated as not started` : phrase(status, count)
  const parts = SENTENCE_ORDER.filter((status) => counts[status] > 0).map(
    (status) => `${numberWord(counts[status])} ${rated(status, counts[status])}`,
  )
  return `Of the ${numberWord(total)} ${total === 1 ? 'priority' : 'priorities'} identified ${where}, ${listInProse(parts)}.`
}

/** A milestone is overdue when its due date has passed and it is not complete. `asAt` is an ISO date. */
export function isOverdue(dueDate: string | null, status: DeliveryStatus | null, asAt: string): boolean {
  return dueDate !== null && status !== 'complete' && dueDate < asAt.slice(0, 10)
}
