import { type Actor, can } from './access.ts'
import { type Period, describePeriod, formatPeriod, longDate, periodContains } from '../periods/period.ts'

/**
 * A period's sign-off: the performance officer's statement that the plan's report for the period is the one
 * reported to committee. While it is in force the period is locked: changes to its figures need the performance
 * team and a reason, and are marked as revisions. Unlocking keeps the sign-off, with who, when and why.
 */
export interface SignOff {
  readonly id: number
  readonly period: Period
  readonly lockedAt: string
  readonly lockedBy: string
  /** The committee or meeting the report went to ("Executive, 14 November 2013"), when given. */
  readonly committee: string | null
  readonly unlockedAt: string | null
  readonly unlockedBy: string | null
  readonly unlockReason: string | null
}

/** Whether a sign-off still locks its period: it has not been unlocked. */
export function inForce(signOff: SignOff): boolean {
  return signOff.unlockedAt === null
}

/** A period's latest sign-off, from a plan's history of them (oldest first); null if it was never signed off. */
export function latestSignOff(history: readonly SignOff[], period: Period): SignOff | null {
  const key = formatPeriod(period)
  let latest: SignOff | null = null
  for (const signOff of history)
    if (formatPeriod(signOff.period) === key && (!latest || signOff.id > latest.id)) latest = signOff
  return latest
}

/** Whether a period is locked: its latest sign-off is in force. */
export function isLocked(history: readonly SignOff[], period: Period): boolean {
  const latest = latestSignOff(history, period)
  return latest !== null && inForce(latest)
}

/** The sign-offs in force in a plan: each locked period's latest sign-off. */
export function signOffsInForce(history: readonly SignOff[]): SignOff[] {
  const latest = new Map<string, SignOff>()
  for (const signOff of history) {
    const key = formatPeriod(signOff.period)
    const held = latest.get(key)
    if (!held || signOff.id > held.id) latest.set(key, signOff)
  }
  return [...latest.values()].filter(inForce)
}

const SPAN = { month: 0, quarter: 1, year: 2 } as const

/**
 * The sign-off that locks an entry filed under a period, or null. An entry counts for the period it is filed under
 * (a figure in arrears filed at Q2 belongs to Q2's report, whatever its data period), for the quarter that holds a
 * month (a quarterly report reads the quarter's last month, and its charts every month), and for the year that
 * holds either. A year's own row (the annual target and outturn) is locked only by the year's sign-off: the year is
 * still being reported when its quarters are signed off. The narrowest locked period is named.
 */
export function lockingSignOff(signOffs: readonly SignOff[], period: Period): SignOff | null {
  let found: SignOff | null = null
  for (const signOff of signOffs) {
    if (!inForce(signOff) || !periodContains(signOff.period, period)) continue
    if (!found || SPAN[signOff.period.kind] < SPAN[found.period.kind]) found = signOff
  }
  return found
}

/** "14 Nov 2013": the day a sign-off was made, for its tag. */
export function shortDate(iso: string): string {
  const long = longDate(iso)
  const [day = '', month = '', year = ''] = long.split(' ')
  return `${day} ${month.slice(0, 3)} ${year}`
}

/** What the sign-off of a period says in a sentence: "Quarter 2 2013/14 was signed off on 14 November 2013". */
export function signedOffPhrase(signOff: SignOff): string {
  return `${describePeriod(signOff.period)} was signed off on ${longDate(signOff.lockedAt)}`
}

/** The result of asking whether someone may change an entry for a period. */
export type RevisionCheck =
  /** The period is not signed off: the ordinary rules apply. */
  | { readonly kind: 'open' }
  /** Signed off, and the change may go ahead as a revision of it, with the reason given. */
  | { readonly kind: 'revision'; readonly signOff: SignOff; readonly reason: string }
  /** Signed off; the actor may revise it but gave no reason. */
  | { readonly kind: 'reason-needed'; readonly signOff: SignOff; readonly message: string }
  /** Signed off, and the actor may not change it (an indicator owner, say). */
  | { readonly kind: 'refused'; readonly signOff: SignOff; readonly message: string }

/**
 * Whether an actor may change an entry filed under a period, given the plan's sign-offs and the reason they gave:
 * after sign-off only the performance team may, and only with a reason.
 */
export function checkRevision(
  actor: Pick<Actor, 'role'>,
  signOffs: readonly SignOff[],
  period: Period,
  reason: string | null,
): RevisionCheck {
  const signOff = lockingSignOff(signOffs, period)
  if (!signOff) return { kind: 'open' }
  const phrase = signedOffPhrase(signOff)
  if (!can(actor, 'revise-signed-off'))
    return {
      kind: 'refused',
      signOff,
      message: `${phrase} and is locked. Ask the performance team if a figure needs to change.`,
    }
  const given = reason?.trim() ?? ''
  if (given === '')
    return { kind: 'reason-needed', signOff, message: `${phrase}: give the reason for changing it after sign-off` }
  return { kind: 'revision', signOff, reason: given }
}

/** The result of asking to sign off a period, or to unlock it. */
export type LockCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'forbidden' | 'conflict' | 'reason-needed'; readonly message: string }

/** Whether an actor may sign off a period: the performance team, for a period not already signed off. */
export function checkLock(actor: Pick<Actor, 'role'>, history: readonly SignOff[], period: Period): LockCheck {
  if (!can(actor, 'lock-period'))
    return { ok: false, code: 'forbidden', message: 'Only a performance officer can sign off a period.' }
  const latest = latestSignOff(history, period)
  if (latest && inForce(latest))
    return { ok: false, code: 'conflict', message: `${signedOffPhrase(latest)}: it is already locked.` }
  return { ok: true }
}

/** Whether an actor may unlock a signed-off period: the performance team, giving a reason. */
export function checkUnlock(
  actor: Pick<Actor, 'role'>,
  history: readonly SignOff[],
  period: Period,
  reason: string | null,
): LockCheck {
  if (!can(actor, 'lock-period'))
    return { ok: false, code: 'forbidden', message: 'Only a performance officer can unlock a signed-off period.' }
  const latest = latestSignOff(history, period)
  if (!latest || !inForce(latest))
    return { ok: false, code: 'conflict', message: `${describePeriod(period)} is not signed off.` }
  if ((reason?.trim() ?? '') === '')
    return { ok: false, code: 'reason-needed', message: `Give the reason for unlocking ${describePeriod(period)}` }
  return { ok: true }
}
