import type { Obligation } from './obligations.ts'
import type { ReturnState } from './return-state.ts'

/**
 * Where one thing a person owes stands in the round, from whether it is done and the state of its return: to do,
 * done and ready to submit, submitted (returned to the performance team, awaiting approval), sent back, or approved.
 * Only a submitted or approved return counts as returned; everything else is outstanding, and overdue once the due
 * date has passed.
 */
export type Standing = 'to-do' | 'ready' | 'submitted' | 'sent-back' | 'approved'

export const STANDING_NAMES: Readonly<Record<Standing, string>> = {
  'to-do': 'To do',
  ready: 'Done: ready to submit',
  submitted: 'Submitted',
  'sent-back': 'Sent back',
  approved: 'Approved',
}

/** The standing of an obligation given its return's state (null when no return is held yet). */
export function standingOf(done: boolean, state: ReturnState | null): Standing {
  if (state === 'approved') return 'approved'
  if (state === 'submitted') return 'submitted'
  if (state === 'returned') return 'sent-back'
  return done ? 'ready' : 'to-do'
}

export function isOutstanding(standing: Standing): boolean {
  return standing !== 'submitted' && standing !== 'approved'
}

/** An obligation in a round with who owes it and where it stands. */
export interface TrackedObligation extends Obligation {
  readonly userId: number
  readonly standing: Standing
}

/** Counts for a person or a theme: every item falls in exactly one of returned, approved and outstanding. */
export interface Tally {
  readonly total: number
  /** Submitted, awaiting approval. */
  readonly returned: number
  readonly approved: number
  readonly outstanding: number
  /** Outstanding after the due date: all of the outstanding once it has passed, none before. */
  readonly overdue: number
}

/** The tally of some obligations, on a day, against the round's due date (ISO dates). */
export function tally(items: readonly TrackedObligation[], today: string, due: string): Tally {
  const returned = items.filter((o) => o.standing === 'submitted').length
  const approved = items.filter((o) => o.standing === 'approved').length
  const outstanding = items.length - returned - approved
  return { total: items.length, returned, approved, outstanding, overdue: today > due ? outstanding : 0 }
}

/** Tallies grouped by a key (the person, the theme), in the order each key is first met. */
export function tallyBy(
  items: readonly TrackedObligation[],
  keyOf: (o: TrackedObligation) => string,
  today: string,
  due: string,
): { key: string; tally: Tally }[] {
  const groups = new Map<string, TrackedObligation[]>()
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item])
  return [...groups].map(([key, group]) => ({ key, tally: tally(group, today, due) }))
}
