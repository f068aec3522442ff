import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely'
import type { Database } from './schema.ts'

/** Who is responsible for what: assignments write no audit event, so their own fingerprint goes in the stamp. */
const ASSIGNMENTS = [
  { table: 'indicator_assignments', thing: 'indicator_id' },
  { table: 'delivery_assignments', thing: 'item_id' },
  { table: 'treatment_assignments', thing: 'treatment_id' },
] as const

function stampSql(cast: string): string {
  const fingerprints = ASSIGNMENTS.map(
    ({ table, thing }) =>
      `(select count(*)${cast} || '.' || coalesce(sum(${thing}), 0)${cast} || '.' || coalesce(sum(user_id), 0)${cast} from ${table})`,
  )
  return `coalesce((select max(id) from audit_events), 0)${cast} || ':' || ${fingerprints.join(" || ':' || ")}`
}

// Written once: the stamp is read on every request, and building a query costs more than running this one.
const SQLITE_STAMP = CompiledQuery.raw(`select ${stampSql('')} as stamp`)
const POSTGRES_STAMP = CompiledQuery.raw(`
  select ${stampSql('::text')} as stamp,
         not exists (
           select 1 from pg_locks
           where locktype = 'relation'
             and database = (select oid from pg_database where datname = current_database())
             and relation = 'audit_events'::regclass
             and mode = 'RowExclusiveLock'
             and pid <> pg_backend_pid()
         ) as settled
`)

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
    const { rows } = await db.executeQuery<{ stamp: string; settled: boolean }>(POSTGRES_STAMP)
    const row = rows[0]
    return row?.settled ? row.stamp : null
  }
  const { rows } = await db.executeQuery<{ stamp: string | number }>(SQLITE_STAMP)
  const stamp = rows[0]?.stamp
  return stamp === undefined ? null : String(stamp)
}

/**
 * The data stamp for many requests at once, each answered by a query sent after it asked. Under load the stamp is
 * asked for by every request, and on PostgreSQL its query is a round trip of a few tenths of a millisecond: a request
 * that asks while a query is running waits for the next one, which answers every request that asked meanwhile. No
 * request takes an answer from a query that began before it asked, so each still sees every change committed before
 * it arrived, as with a query of its own; at most it waits for two queries.
 */
export function createStampReader(db: Kysely<Database>): () => Promise<string | null> {
  return sharedRead(() => dataStamp(db))
}

/**
 * A read shared by those who ask while it is not yet sent: whoever asks while a read is running gets the next read,
 * sent once that one ends, together with everyone else who asked meanwhile. Nobody gets the answer of a read that
 * began before they asked.
 */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null
  let queued: Promise<T> | null = null

  function start(): Promise<T> {
    const query = read()
    running = query
    const done = (): void => {
      if (running === query) running = null
    }
    query.then(done, done)
    return query
  }

  return () => {
    if (running === null) return start()
    queued ??= running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = null
        return start()
      })
    return queued
  }
}
