import type { Kysely } from 'kysely'
import type { Actor, Role } from '../../domain/access/access.ts'
import { DomainError } from '../../domain/errors.ts'
import { type Period, formatPeriod } from '../../domain/periods/period.ts'
import { type RevisionCheck, type SignOff, checkRevision, signOffsInForce } from '../../domain/access/sign-off.ts'
import type { Database } from '../../store/schema.ts'
import { listSignOffs } from '../../store/sign-off.repository.ts'
import type { ImportProblem } from '../import/csv.ts'
import type { FieldError } from '../round/entry.service.ts'

/**
 * Whether a change to a plan's entry filed under a period may go ahead, given the plan's sign-offs: an owner is
 * refused outright (a forbidden error, before anything is written); the performance team is asked for a reason.
 */
export async function revisionCheck(
  db: Kysely<Database>,
  actor: Pick<Actor, 'role'>,
  planId: number,
  period: Period,
  reason: string | null,
): Promise<RevisionCheck> {
  const check = checkRevision(actor, signOffsInForce(await listSignOffs(db, planId)), period, reason)
  if (check.kind === 'refused') throw new DomainError('forbidden', check.message)
  return check
}

/** The form error asking for the reason, when the period is signed off and none was given. */
export function reasonError(check: RevisionCheck, field = 'reason'): FieldError[] {
  return check.kind === 'reason-needed' ? [{ field, message: check.message }] : []
}

/** What a change's audit events carry for a signed-off period: the reason and the sign-off it revises. */
export function revisionMarks(check: RevisionCheck): { reason: string; signOffId: number } | null {
  return check.kind === 'revision' ? { reason: check.reason, signOffId: check.signOff.id } : null
}

/**
 * The sign-off check for an import's status rows (delivery updates, risk reviews), made as each change is found in
 * the import's transaction: a change to a signed-off period needs the importer's reason, or it becomes a problem
 * that refuses the whole import (the transaction is rolled back, so nothing is written).
 */
export class ImportLockCheck {
  readonly problems: ImportProblem[] = []
  /** Audit events (by their index in the recorder) that revise a sign-off, with the reason. */
  readonly marks = new Map<number, { reason: string; signOffId: number }>()

  constructor(
    private readonly signOffs: readonly SignOff[],
    private readonly role: Role,
    private readonly reason: string | null,
  ) {}

  /** Whether a change to `ref` for `period` may be written; if not, the problem is kept, naming file and row. */
  allows(file: string, ref: string, period: Period): boolean {
    const check = checkRevision({ role: this.role }, this.signOffs, period, this.reason)
    if (check.kind === 'refused' || check.kind === 'reason-needed') {
      const what =
        check.kind === 'refused' ? check.message : `${check.message}. Import again with the reason (--reason "...")`
      this.problems.push({
        file,
        line: null,
        column: 'period',
        message: `${ref} for ${formatPeriod(period)}: ${what}.`,
      })
      return false
    }
    return true
  }

  /** Marks the audit events recorded from `start` on as revisions, if the period is signed off. */
  mark(period: Period, start: number, end: number): void {
    const check = checkRevision({ role: this.role }, this.signOffs, period, this.reason)
    if (check.kind !== 'revision') return
    for (let index = start; index < end; index++)
      this.marks.set(index, { reason: check.reason, signOffId: check.signOff.id })
  }

  /** The events with the marks applied. */
  apply<T extends object>(events: readonly T[]): T[] {
    return events.map((event, index) => {
      const mark = this.marks.get(index)
      return mark ? { ...event, ...mark } : event
    })
  }
}

/** The import check for a plan: its sign-offs in force, the importer's role and reason. */
export async function importLockCheck(
  db: Kysely<Database>,
  planId: number | null,
  role: Role,
  reason: string | null,
): Promise<ImportLockCheck> {
  const signOffs = planId === null ? [] : signOffsInForce(await listSignOffs(db, planId))
  return new ImportLockCheck(signOffs, role, reason?.trim() || null)
}
