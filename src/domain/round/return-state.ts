import { type Actor, can } from '../access/access.ts'

/**
 * A person's return for a round: what they send the performance team for the period. It starts as a draft; the
 * owner submits it; an officer approves it or sends it back with a comment, and a return sent back is submitted
 * again once put right.
 */
export const RETURN_STATES = ['draft', 'submitted', 'returned', 'approved'] as const
export type ReturnState = (typeof RETURN_STATES)[number]

export const RETURN_STATE_NAMES: Readonly<Record<ReturnState, string>> = {
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Sent back',
  approved: 'Approved',
}

export type ReturnAction = 'submit' | 'approve' | 'send-back'

export type TransitionCheck =
  | { readonly ok: true; readonly to: ReturnState }
  | { readonly ok: false; readonly code: 'forbidden' | 'conflict' | 'invalid-value'; readonly message: string }

/** Whether an actor may take an action on a return, and the state it leads to; the message says why not. */
export function checkTransition(
  actor: Pick<Actor, 'id' | 'role'>,
  held: { readonly userId: number; readonly state: ReturnState },
  action: ReturnAction,
  detail: { readonly outstanding: number; readonly comment: string | null },
): TransitionCheck {
  if (action === 'submit') {
    if (actor.id !== held.userId)
      return { ok: false, code: 'forbidden', message: 'Only the person whose return it is can submit it.' }
    if (held.state === 'submitted' || held.state === 'approved')
      return { ok: false, code: 'conflict', message: `The return is already ${held.state}.` }
    if (detail.outstanding > 0)
      return {
        ok: false,
        code: 'invalid-value',
        message: `Complete the ${detail.outstanding} ${detail.outstanding === 1 ? 'item' : 'items'} still outstanding before submitting the return`,
      }
    return { ok: true, to: 'submitted' }
  }
  if (!can(actor, 'approve-returns'))
    return { ok: false, code: 'forbidden', message: 'Only a performance officer can approve or send back a return.' }
  if (held.state !== 'submitted')
    return { ok: false, code: 'conflict', message: 'Only a submitted return can be approved or sent back.' }
  if (action === 'send-back' && (detail.comment?.trim() ?? '') === '')
    return { ok: false, code: 'invalid-value', message: 'Say what needs to change before sending the return back' }
  return { ok: true, to: action === 'approve' ? 'approved' : 'returned' }
}
