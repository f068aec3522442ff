import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import SqliteDatabase from 'better-sqlite3'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { OBSERVATION_FIELDS } from '../../src/domain/judgement/observation.ts'
import { formatPeriod } from '../../src/domain/periods/period.ts'
import type { AuditEvent } from '../../src/store/audit.repository.ts'
import { type ObservationColumns, observationColumns } from '../../src/store/observation.repository.ts'
import type { Database } from '../../src/store/schema.ts'
import type { PlanData } from '../../src/domain/judgement/plan.ts'

/** The migrations the code holds, by file name: what a database's migration table must list. */
export const MIGRATION_NAMES = readdirSync(new URL('../../src/store/migrations/', import.meta.url))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort()

async function rows<T>(db: Kysely<Database>, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows
}

/**
 * Asserts that a database is sound: on SQLite the file passes `PRAGMA integrity_check` and `foreign_key_check`; on
 * both, no row points at a missing parent, no key the schema makes unique is held twice, and the migration table
 * lists exactly the code's migrations with its lock released.
 */
export async function assertIntegrity(db: Kysely<Database>, sqliteFile: string | null): Promise<void> {
  if (sqliteFile !== null) {
    const file = new SqliteDatabase(sqliteFile, { readonly: true, fileMustExist: true })
    try {
      assert.deepEqual(file.pragma('integrity_check'), [{ integrity_check: 'ok' }], 'PRAGMA integrity_check')
      assert.deepEqual(file.pragma('foreign_key_check'), [], 'PRAGMA foreign_key_check')
    } finally {
      file.close()
    }
  }
  const orphans = await rows<{ what: string; n: number | string }>(
    db,
    sql`
      select 'theme without plan' as what, count(*) as n from themes t
        where not exists (select 1 from plans p where p.id = t.plan_id)
      union all select 'indicator without plan', count(*) from indicators i
        where not exists (select 1 from plans p where p.id = i.plan_id)
      union all select 'indicator in another plan''s theme', count(*) from indicators i
        where not exists (select 1 from themes t where t.id = i.theme_id and t.plan_id = i.plan_id)
      union all select 'observation without indicator', count(*) from observations o
        where not exists (select 1 from indicators i where i.id = o.indicator_id)
      union all select 'comparator without indicator', count(*) from comparators c
        where not exists (select 1 from indicators i where i.id = c.indicator_id)
      union all select 'audit event of a missing plan', count(*) from audit_events a
        where a.plan_id is not null and not exists (select 1 from plans p where p.id = a.plan_id)
      union all select 'session without user', count(*) from sessions s
        where not exists (select 1 from users u where u.id = s.user_id)
      union all select 'assignment without indicator or user', count(*) from indicator_assignments x
        where not exists (select 1 from indicators i where i.id = x.indicator_id)
           or not exists (select 1 from users u where u.id = x.user_id)
      union all select 'exception report without indicator', count(*) from exception_reports e
        where not exists (select 1 from indicators i where i.id = e.indicator_id)
    `,
  )
  assert.deepEqual(
    orphans.filter((row) => Number(row.n) > 0),
    [],
    'no row points at a missing parent',
  )
  const duplicates = await rows<{ what: string; n: number | string }>(
    db,
    sql`
      select 'plan name' as what, count(*) as n from (select name from plans group by name having count(*) > 1) d
      union all select 'plan slug', count(*) from (select slug from plans where slug is not null group by slug having count(*) > 1) d
      union all select 'plan id', count(*) from (select id from plans group by id having count(*) > 1) d
      union all select 'indicator ref in a plan', count(*) from (select plan_id, ref from indicators group by plan_id, ref having count(*) > 1) d
      union all select 'observation period of an indicator', count(*) from (select indicator_id, period from observations group by indicator_id, period having count(*) > 1) d
      union all select 'observation id', count(*) from (select id from observations group by id having count(*) > 1) d
      union all select 'audit event id', count(*) from (select id from audit_events group by id having count(*) > 1) d
      union all select 'user email', count(*) from (select email from users group by email having count(*) > 1) d
    `,
  )
  assert.deepEqual(
    duplicates.filter((row) => Number(row.n) > 0),
    [],
    'no unique key is held twice',
  )
  const migrations = await rows<{ name: string }>(db, sql`select name from kysely_migration order by name`)
  assert.deepEqual(
    migrations.map((row) => row.name),
    MIGRATION_NAMES,
    'the migration table lists every migration once',
  )
  const locks = await rows<{ id: string; is_locked: number | string }>(
    db,
    sql`select id, is_locked from kysely_migration_lock`,
  )
  assert.deepEqual(
    locks.map((row) => [row.id, Number(row.is_locked)]),
    [['migration_lock', 0]],
    'the migration lock is released',
  )
}

/** An observation field as the audit trail shows it (the estimate flag as yes or no). */
function shown(columns: ObservationColumns, field: keyof ObservationColumns): string | null {
  return field === 'estimated' ? (columns.estimated === 1 ? 'yes' : 'no') : columns[field]
}

/**
 * Asserts that a plan's audit trail accounts for its figures: replaying each observation's events, oldest first,
 * every event's old value is the value before it and the result is exactly what is stored; and there is no
 * observation event for a row that is not stored. `trail` is newest first, as the plan service gives it.
 */
export function assertTrailMatches(plan: PlanData, trail: readonly AuditEvent[]): void {
  const stored = new Map<string, ObservationColumns>()
  for (const { indicator, observations } of plan.indicators)
    for (const observation of observations)
      stored.set(`${indicator.ref}\u0000${formatPeriod(observation.period)}`, observationColumns(observation))
  const refs = new Set(plan.indicators.map(({ indicator }) => indicator.ref))

  const replayed = new Map<string, Map<string, string | null>>()
  for (const event of [...trail].reverse()) {
    if (event.entity === 'indicator') {
      assert.ok(refs.has(event.ref), `an audit event for indicator ${event.ref}, which is not stored`)
      continue
    }
    if (event.entity !== 'observation' || event.field.startsWith('comparator:')) continue
    const key = `${event.ref}\u0000${event.period ?? ''}`
    assert.ok(stored.has(key), `an audit event for ${event.ref} ${event.period ?? ''}, which is not stored`)
    const state = replayed.get(key) ?? new Map<string, string | null>()
    // A new row's first estimate flag is recorded from nothing by the import and from "no" by the form.
    const unset = !state.has(event.field)
    const before = state.get(event.field) ?? null
    const fresh = unset && event.field === 'estimated' && event.oldValue === 'no'
    assert.equal(fresh ? null : event.oldValue, before, `${event.ref} ${event.period ?? ''} ${event.field}: old value`)
    state.set(event.field, event.newValue)
    replayed.set(key, state)
  }
  for (const [key, columns] of stored) {
    // An observation with content and no events fails here: every field falls back to empty.
    const state = replayed.get(key) ?? new Map<string, string | null>()
    for (const field of OBSERVATION_FIELDS) {
      const value = state.get(field) ?? (field === 'estimated' ? 'no' : null)
      assert.equal(value, shown(columns, field), `${key.replace('\u0000', ' ')} ${field}: replayed trail = stored`)
    }
  }
}
