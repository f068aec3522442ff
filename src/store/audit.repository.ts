import type { Insertable, Kysely } from 'kysely'
import { insertMany } from './bulk-insert.ts'
import type { AuditEventsTable, Database } from './schema.ts'

/** One recorded change: who or what, when, to what, the old and new value, and why. */
export interface AuditEvent {
  readonly at: string
  readonly actor: string
  readonly source: string
  readonly planId: number | null
  readonly entity: 'plan' | 'indicator' | 'observation' | 'exception-report' | 'delivery' | 'risk' | 'inspection'
  readonly ref: string
  readonly period: string | null
  readonly field: string
  readonly oldValue: string | null
  readonly newValue: string | null
  readonly reason: string | null
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
  }
}

export async function insertAuditEvents(db: Kysely<Database>, events: readonly AuditEvent[]): Promise<void> {
  await insertMany(db, 'audit_events', events.map(toRow))
}

/** A plan's audit trail, newest first; narrowed to one indicator when a ref is given. */
export async function listAuditEvents(db: Kysely<Database>, planId: number, ref?: string): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().where('plan_id', '=', planId)
  if (ref !== undefined) query = query.where('ref', '=', ref)
  const rows = await query.orderBy('id', 'desc').execute()
  return rows.map((row) => ({
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
  }))
}

export async function countAuditEvents(db: Kysely<Database>): Promise<number> {
  const { count } = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow()
  // PostgreSQL returns count(*) as a string (bigint); SQLite as a number.
  return Number(count)
}
