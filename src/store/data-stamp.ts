import { type Kysely, PostgresAdapter, sql } from 'kysely'
import type { Database } from './schema.ts'

/** Who is responsible for what: assignments write no audit event, so their own fingerprint goes in the stamp. */
const ASSIGNMENTS = [
  { table: 'indicator_assignments', thing: 'indicator_id' },
  { table: 'delivery_assignments', thing: 'item_id' },
  { table: 'treatment_assignments', thing: 'treatment_id' },
] as const

function fingerprints(cast: string) {
  return ASSIGNMENTS.map(
    ({ table, thing }) =>
      sql`(select count(*)${sql.raw(cast)} || '.' || coalesce(sum(${sql.ref(thing)}), 0)${sql.raw(cast)} || '.' || coalesce(sum(user_id), 0)${sql.raw(cast)} from ${sql.table(table)})`,
  )
}

/**
 * A stamp of everything the plans' pages are worked out from, or null when none can be trusted. Every change to a
 * framework, a figure, a target, a status or an exception report writes its audit events in the change's own
 * transaction, so the newest audit event's id moves whichever process made the change; who is responsible for what
 * is stamped by the count and sums of the assignments (only ever added). Read before the data it stamps: a change
 * committed in between moves the stamp by the next read, so what was worked out is worked out again.
 *
 * On PostgreSQL ids are handed out before commit, so a writer still running may yet commit an id older than the
 * newest: while any transaction is writing audit events in this schema (it holds a row-exclusive lock on the table
 * from before its first id until it ends) the answer is null. Writers elsewhere on the server do not matter, and the
 * assignments' fingerprint moves with any commit. SQLite has one writer at a time, so its ids commit in order.
 */
export async function dataStamp(db: Kysely<Database>): Promise<string | null> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const [indicators, items, treatments] = fingerprints('::text')
    const { rows } = await sql<{ stamp: string; settled: boolean }>`
      select coalesce((select max(id) from audit_events), 0)::text || ':' || ${indicators} || ':' || ${items}
               || ':' || ${treatments} as stamp,
             not exists (
               select 1 from pg_locks
               where locktype = 'relation'
                 and database = (select oid from pg_database where datname = current_database())
                 and relation = 'audit_events'::regclass
                 and mode = 'RowExclusiveLock'
                 and pid <> pg_backend_pid()
             ) as settled
    `.execute(db)
    const row = rows[0]
    return row?.settled ? row.stamp : null
  }
  const [indicators, items, treatments] = fingerprints('')
  const { rows } = await sql<{ stamp: string }>`
    select coalesce((select max(id) from audit_events), 0) || ':' || ${indicators} || ':' || ${items} || ':'
             || ${treatments} as stamp
  `.execute(db)
  return rows[0]?.stamp ?? null
}
