import type { Generated, Kysely } from 'kysely'

/**
 * Audit change sets: an import records each indicator's changes to its figures as one row (its `changes`, a JSON
 * list of [period, field, old value, new value]) instead of one row per period and field, which cost as much to
 * write as the figures themselves. Rows without `changes` are single changes, as before; the store expands a change
 * set into the same per-field events, so the trail reads as it did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('changes', 'text').execute()
}

interface AuditTable {
  id: Generated<number>
  at: string
  actor: string
  source: string
  plan_id: number | null
  entity: string
  ref: string
  period: string | null
  field: string
  old_value: string | null
  new_value: string | null
  reason: string | null
  changes: string | null
}

type Change = [string | null, string, string | null, string | null]

/** Going down, each change set becomes its single changes again (after the rows already held), then the column goes. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const audit = db as unknown as Kysely<{ audit_events: AuditTable }>
  const sets = await audit
    .selectFrom('audit_events')
    .selectAll()
    .where('changes', 'is not', null)
    .orderBy('id')
    .execute()
  for (const set of sets) {
    const changes = JSON.parse(set.changes ?? '[]') as Change[]
    const rows = changes.map(([period, field, oldValue, newValue]) => ({
      at: set.at,
      actor: set.actor,
      source: set.source,
      plan_id: set.plan_id,
      entity: set.entity,
      ref: set.ref,
      period,
      field,
      old_value: oldValue,
      new_value: newValue,
      reason: set.reason,
    }))
    for (let start = 0; start < rows.length; start += 500) {
      await audit
        .insertInto('audit_events')
        .values(rows.slice(start, start + 500))
        .execute()
    }
    await audit.deleteFrom('audit_events').where('id', '=', set.id).execute()
  }
  await db.schema.alterTable('audit_events').dropColumn('changes').execute()
}
