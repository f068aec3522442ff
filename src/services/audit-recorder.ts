import type { Actor } from '../domain/access/access.ts'
import type { AuditChange, AuditChangeSet, AuditEvent } from '../store/audit.repository.ts'
import type { ObservationColumns } from '../store/observation.repository.ts'

/** A figure's field as the audit trail shows it: the estimate flag as yes or no, as the import file and the form do. */
export function observationAuditValue(columns: ObservationColumns, field: keyof ObservationColumns): string | null {
  return field === 'estimated' ? (columns.estimated === 1 ? 'yes' : 'no') : columns[field]
}

/**
 * The audit event of one change a person makes through the web besides a plan's figures and definitions (a
 * person's details, making someone responsible for something): under the person's name, at `at`, with no period
 * and no reason.
 */
export function webAuditEvent(
  by: Actor,
  at: Date,
  change: Pick<AuditEvent, 'planId' | 'entity' | 'ref' | 'field' | 'oldValue' | 'newValue'>,
): AuditEvent {
  const { planId, entity, ref, field, oldValue, newValue } = change
  return {
    at: at.toISOString(),
    actor: by.name,
    source: 'web',
    planId,
    entity,
    ref,
    period: null,
    field,
    oldValue,
    newValue,
    reason: null,
  }
}

/**
 * Collects the audit events of one change (an import, a form save): who, when and from what are fixed for the
 * whole change, so each event names only what changed. Written with the change, in the same transaction.
 */
export class AuditRecorder {
  readonly events: AuditEvent[] = []
  readonly #sets = new Map<string, AuditChangeSet & { readonly changes: AuditChange[] }>()

  constructor(
    private readonly base: {
      readonly at: string
      readonly actor: string
      readonly source: string
      readonly planId: number
    },
  ) {}

  record(
    entity: AuditEvent['entity'],
    ref: string,
    period: string | null,
    field: string,
    oldValue: string | null,
    newValue: string | null,
    reason: string | null = null,
    signOffId: number | null = null,
  ): void {
    // Spelled out rather than spread: V8 makes `{ ...base, more }` a slow dictionary object, 15 µs a time, which an
    // import of a few hundred thousand figures feels.
    const { at, actor, source, planId } = this.base
    if (signOffId === null)
      this.events.push({ at, actor, source, planId, entity, ref, period, field, oldValue, newValue, reason })
    else
      this.events.push({ at, actor, source, planId, entity, ref, period, field, oldValue, newValue, reason, signOffId })
  }

  /**
   * One person's change through a form: an event for each changed field, with the reason for it, and for a
   * signed-off period the sign-off it revises.
   */
  recordEdit(
    entity: AuditEvent['entity'],
    ref: string,
    period: string | null,
    changes: readonly (readonly [field: string, oldValue: string | null, newValue: string | null])[],
    reasonFor: (field: string) => string | null,
    signOffId: number | null = null,
  ): void {
    for (const [field, oldValue, newValue] of changes)
      this.record(entity, ref, period, field, oldValue, newValue, reasonFor(field), signOffId)
  }

  /**
   * The change set of an entity and ref, to push changes to as `record` would record them: an import's thousands
   * of changes to an indicator's figures cost one row to store, yet read back as one event each.
   */
  changesOf(entity: AuditEvent['entity'], ref: string): AuditChange[] {
    const key = `${entity}\u0000${ref}`
    let set = this.#sets.get(key)
    if (!set) {
      const { at, actor, source, planId } = this.base
      set = { at, actor, source, planId, entity, ref, reason: null, changes: [] }
      this.#sets.set(key, set)
    }
    return set.changes
  }

  /** The change sets with something in them, in the order their refs were first met. */
  get changeSets(): AuditChangeSet[] {
    return [...this.#sets.values()].filter((set) => set.changes.length > 0)
  }

  /** How many changes were recorded, singly or in sets. */
  get count(): number {
    let count = this.events.length
    for (const set of this.#sets.values()) count += set.changes.length
    return count
  }
}
