import { performance } from 'node:perf_hooks'
import { openDatabase, migrateToLatest } from './src/store/database.ts'
import { sql, CompiledQuery } from 'kysely'
const h = await openDatabase('postgres://postgres@127.0.0.1:5432/test?schema=stampprobe')
await migrateToLatest(h)
const qs: Record<string, string> = {
  max: `select coalesce((select max(id) from audit_events), 0)::text as s`,
  assignments: `select (select count(*)::text || '.' || coalesce(sum(indicator_id), 0)::text || '.' || coalesce(sum(user_id), 0)::text from indicator_assignments) as s`,
  locks: `select not exists (select 1 from pg_locks where locktype = 'relation' and database = (select oid from pg_database where datname = current_database()) and relation = 'audit_events'::regclass and mode = 'RowExclusiveLock' and pid <> pg_backend_pid()) as s`,
}
for (const [name, q] of Object.entries(qs)) {
  const c = CompiledQuery.raw(q)
  for (let round = 0; round < 2; round++) {
    const t = performance.now()
    const N = 2000
    await Promise.all(Array.from({ length: 10 }, async () => { for (let i = 0; i < N / 10; i++) await h.db.executeQuery(c) }))
    if (round) console.log(name, ((performance.now() - t) / N).toFixed(3), 'ms')
  }
}
await sql`drop schema stampprobe cascade`.execute(h.db)
await h.close()
