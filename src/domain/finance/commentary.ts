import type { Actor } from '../access/access.ts'
import { decimalToString } from '../figures/decimal.ts'
import { LIMITS, lengthErrors } from '../limits.ts'
import { parseAmount } from './amounts.ts'

/**
 * The budget holder's entry for a statement's period: their comments on the figures and the projected outturn of
 * the statement's net departmental total. Who may write it, and reading it from a form.
 */

/** Whether an actor may assign and remove budget holders: the performance team and administrators. */
export function mayAssignBudgetHolders(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'admin' || actor.role === 'officer'
}

/**
 * Whether an actor may write a statement's comments and projected outturn: the performance team and administrators
 * for any statement, an indicator owner for the statements they hold, a viewer never (even if named its holder).
 */
export function mayWriteCommentary(actor: Pick<Actor, 'role'>, holdsStatement: boolean): boolean {
  return mayAssignBudgetHolders(actor) || (actor.role === 'owner' && holdsStatement)
}

/** Whether a person may be made a budget holder: anyone who may write, so not a viewer. */
export function mayHoldBudget(person: Pick<Actor, 'role'>): boolean {
  return person.role !== 'viewer'
}

/** The entry as typed into the form. */
export interface CommentaryInput {
  readonly comments: string
  readonly projectedOutturn: string
}

/** The entry as stored: exact decimal text for the projection; null for a blank field. */
export interface CommentaryEntry {
  readonly comments: string | null
  readonly projectedOutturn: string | null
}

/** A problem with one field of the form: the field's id and what to do. */
export interface CommentaryError {
  readonly field: 'comments' | 'projectedOutturn'
  readonly message: string
}

/**
 * Reads the form: comments up to the commentary limit (10,000 characters), the projected outturn as papers write
 * amounts ("(137)", "-137", "1,284", "£1,284.5") in the statement's unit, kept as exact decimal text. A blank field
 * means none. Returns the entry, or every problem, each naming its field.
 */
export function readCommentary(
  input: CommentaryInput,
  statement: { readonly name: string; readonly unit: string },
): { ok: true; entry: CommentaryEntry } | { ok: false; errors: CommentaryError[] } {
  const errors = lengthErrors([
    ['comments', input.comments, LIMITS.commentary],
    ['projectedOutturn', input.projectedOutturn, LIMITS.figure],
  ]) as CommentaryError[]
  if (errors.length > 0) return { ok: false, errors }
  const comments = input.comments.trim()
  const projectedText = input.projectedOutturn.trim()
  let projectedOutturn: string | null = null
  if (projectedText !== '') {
    const amount = parseAmount(projectedText)
    if (amount === null)
      return {
        ok: false,
        errors: [
          {
            field: 'projectedOutturn',
            message: `Enter the projected outturn of ${statement.name} as an amount in ${statement.unit}, like 17,978, or (137) or -137 for a credit`,
          },
        ],
      }
    projectedOutturn = decimalToString(amount)
  }
  return { ok: true, entry: { comments: comments === '' ? null : comments, projectedOutturn } }
}
