import { type Insertable, type Kysely, PostgresAdapter, sql } from 'kysely'
import { insertMany } from './bulk-insert.ts'
import type { AuditEventRow, AuditEventsTable, Database } from './schema.ts'

/** One recorded change: who or what, when, to what, the old and new value, and why. */
export interface AuditEvent {
  readonly at: string
  readonly actor: string
  readonly source: string
  readonly planId: number | null
  readonly entity:
    | 'plan'
    | 'indicator'
    | 'observation'
    | 'exception-report'
    | 'delivery'
    | 'risk'
    | 'inspection'
    | 'sign-off'
    | 'user'
    | 'round'
    | 'return'
    | 'report'
    | 'budget'
  readonly ref: string
  readonly period: string | null
  readonly field: string
  readonly oldValue: string | null
  readonly newValue: string | null
  readonly reason: string | null
  /** The sign-off this change revised: set when it changed a period already signed off. */
  readonly signOffId?: number | null
}

/** One change within a change set: the period (null for a change to the indicator itself), field, old and new value. */
export type AuditChange = readonly [
  period: string | null,
  field: string,
  oldValue: string | null,
  newValue: string | null,
]

/**
 * Many changes to one ref made together (an import's changes to an indicator's figures): who, when, from what and
 * why once, then each change. Stored as one row and read back as one event per change.
 */
export interface AuditChangeSet {
  readonly at: string
  readonly actor: string
  readonly source: string
  readonly planId: number | null
  readonly entity: AuditEvent['entity']
  readonly ref: string
  readonly reason: string | null
  readonly changes: readonly AuditChange[]
}

function toRow(event: AuditEvent): Insertable<AuditEventsTable> {
  return {
    at: event.at,
    actor: event.actor,
    source: event.source,
    plan_id: event.planId,
    entity: event.entity,
    ref: event.ref,
    period: event.period,
    field: event.field,
    old_value: event.oldValue,
    new_value: event.newValue,
    reason: event.reason,
    sign_off_id: event.signOffId ?? null,
  }
}

export async function insertAuditEvents(db: Kysely<Database>, events: readonly AuditEvent[]): Promise<void> {
  await insertMany(db, 'audit_events', events.map(toRow))
}

function changeSetRow(set: AuditChangeSet): Insertable<AuditEventsTable> {
  const fields = new Set<string>()
  for (const change of set.changes) fields.add(change[1])
  return {
    at: set.at,
    actor: set.actor,
    source: set.source,
    plan_id: set.planId,
    entity: set.entity,
    ref: set.ref,
    period: null,
    // The fields changed, for anyone reading the table itself; the changes hold the detail.
    field: [...fields].join(', '),
    old_value: null,
    new_value: null,
    reason: set.reason,
    changes: JSON.stringify(set.changes),
  }
}

/** Writes change sets, one row each; `onRows` hears how many sets have gone. */
export async function insertAuditChangeSets(
  db: Kysely<Database>,
  sets: readonly AuditChangeSet[],
  onRows?: (written: number) => void,
): Promise<void> {
  await insertMany(db, 'audit_events', sets.map(changeSetRow), onRows)
}

function isStoredChange(value: unknown): value is AuditChange {
  const text = (v: unknown): boolean => v === null || typeof v === 'string'
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    text(value[0]) &&
    typeof value[1] === 'string' &&
    text(value[2]) &&
    text(value[3])
  )
}

/**
 * A plan's audit trail, newest first, one event per changed field; narrowed to one indicator when a ref is given,
 * and to one period of it when a period is given too.
 */
export async function listAuditEvents(
  db: Kysely<Database>,
  planId: number,
  ref?: string,
  period?: string,
): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().where('plan_id', '=', planId)
  if (ref !== undefined) query = query.where('ref', '=', ref)
  if (period !== undefined)
    query = query.where((eb) => eb.or([eb('period', '=', period), eb('changes', 'is not', null)]))
  const rows = await query.orderBy('id', 'desc').execute()
  const events: AuditEvent[] = []
  for (const row of rows) {
    if (row.changes === null) {
      events.push(toEvent(row))
      continue
    }
    // Who, when, what and why come from the set's row; each change brings its period, field and values.
    const base = toEvent(row)
    const changes: unknown = JSON.parse(row.changes)
    if (!Array.isArray(changes) || !changes.every(isStoredChange))
      throw new Error(`Audit event ${row.id} has changes that cannot be read.`)
    // Newest first: the set's last change is the most recent.
    for (let index = changes.length - 1; index >= 0; index -= 1) {
      const [changePeriod, field, oldValue, newValue] = changes[index] as AuditChange
      if (period !== undefined && changePeriod !== period) continue
      events.push({ ...base, period: changePeriod, field, oldValue, newValue, reason: row.reason })
    }
  }
  return events
}

/** The changes that revised a sign-off's period after it was signed off, oldest first. */
export async function listRevisions(db: Kysely<Database>, signOffId: number): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('sign_off_id', '=', signOffId)
    .orderBy('id')
    .execute()
  return rows.map(toEvent)
}

function toEvent(row: AuditEventRow): AuditEvent {
  return {
    at: row.at,
    actor: row.actor,
    source: row.source,
    planId: row.plan_id,
    entity: row.entity as AuditEvent['entity'],
    ref: row.ref,
    period: row.period,
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    reason: row.reason,
    // Only revisions carry it, so every other event reads as it always has.
    ...(row.sign_off_id === null ? {} : { signOffId: row.sign_off_id }),
  }
}

/** How many changes the trail holds: each single event, and each change within a change set (as the trail reads). */
export async function countAuditEvents(db: Kysely<Database>): Promise<number> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const length = postgres ? sql<number>`json_array_length(changes::json)` : sql<number>`json_array_length(changes)`
  const { count } = await db
    .selectFrom('audit_events')
    .select(sql<string | number>`coalesce(sum(case when changes is null then 1 else ${length} end), 0)`.as('count'))
    .executeTakeFirstOrThrow()
  // PostgreSQL returns the sum as a string (bigint); SQLite as a number.
  return Number(count)
}
