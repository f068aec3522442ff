import { type Actor, can } from '../../domain/access/access.ts'
import type { Period } from '../../domain/periods/period.ts'
import { type SignOff, shortDate, signedOffPhrase } from '../../domain/access/sign-off.ts'
import { paths } from '../paths.ts'

/** A period's sign-off status as the dashboard and report pages show it, with what the person may do next. */
export interface SignOffStatusView {
  /** "Signed off 14 Nov 2013 by officer@outturn.example", or null when the period is open. */
  readonly tag: string | null
  readonly committee: string | null
  readonly signOffHref: string | null
  readonly unlockHref: string | null
}

export function signOffStatus(slug: string, period: Period, signOff: SignOff | null, actor: Actor): SignOffStatusView {
  const officer = can(actor, 'lock-period')
  return {
    tag: signOff ? `Signed off ${shortDate(signOff.lockedAt)} by ${signOff.lockedBy}` : null,
    committee: signOff?.committee ?? null,
    signOffHref: officer && !signOff ? paths.signOff(slug, period) : null,
    unlockHref: officer && signOff ? paths.unlock(slug, period) : null,
  }
}

/** The inset a form shows for a signed-off period: locked for those who cannot revise it, a revision for officers. */
export function lockNotice(
  signOff: SignOff | null,
  actor: Actor,
): { readonly text: string; readonly mayRevise: boolean } | null {
  if (!signOff) return null
  const reported = signOff.committee ? ` (reported to ${signOff.committee})` : ''
  return can(actor, 'revise-signed-off')
    ? {
        text: `${signedOffPhrase(signOff)}${reported}. A change now is a revision of what was reported: give the reason, and it will be listed in the report's revisions since sign-off.`,
        mayRevise: true,
      }
    : {
        text: `${signedOffPhrase(signOff)}${reported} and is locked. Ask the performance team if something needs to change.`,
        mayRevise: false,
      }
}
