import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import * as initial from './migrations/001-initial.ts'
import * as usersSessionsExceptions from './migrations/002-users-sessions-exceptions.ts'
import * as deliveryRisksInspection from './migrations/003-delivery-risks-inspection.ts'
import * as assignmentsInspection from './migrations/004-assignments-inspection.ts'
import * as statisticsData from './migrations/005-statistics-data.ts'
import type { Database } from './schema.ts'

export type Dialect = 'sqlite' | 'postgres'

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface OpenDatabase {
  readonly db: Kysely<Database>
  readonly dialect: Dialect
  /** The PostgreSQL schema holding the tables; null for SQLite. */
  readonly schema: string | null
  readonly close: () => Promise<void>
}

/** Migrations in order. Each uses Kysely's schema builder only, so it runs on both dialects. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-users-sessions-exceptions': usersSessionsExceptions,
  '003-delivery-risks-inspection': deliveryRisksInspection,
  '004-assignments-inspection': assignmentsInspection,
  '005-statistics-data': statisticsData,
}

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
}

/**
 * The driver under a Kysely handle that openDatabase made, for the few reads so large that building a row object per
 * row costs more than the query (a plan's whole history): better-sqlite3's raw rows, pg's array rows. A transaction's
 * handle is not here, so a read inside one goes through Kysely and sees the transaction's writes.
 */
export type NativeDriver =
  | { readonly dialect: 'sqlite'; readonly database: SqliteDatabase.Database }
  | { readonly dialect: 'postgres'; readonly pool: pg.Pool }

const NATIVE = new WeakMap<Kysely<Database>, NativeDriver>()

/** The driver openDatabase opened under this handle, if it did. */
export function nativeDriver(db: Kysely<Database>): NativeDriver | undefined {
  return NATIVE.get(db)
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location)
}

/**
 * Opens the database a location names: a postgres:// URL, or else a SQLite file path (":memory:" for a throwaway).
 * A `schema` query parameter on a PostgreSQL URL keeps Outturn's tables in that schema (created if missing).
 */
export async function openDatabase(location: string): Promise<OpenDatabase> {
  if (isPostgresUrl(location)) {
    const url = new URL(location)
    const schema = url.searchParams.get('schema')
    url.searchParams.delete('schema')
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new Error(`The schema "${schema}" in the database URL must be lower-case letters, digits and underscores.`)
    }
    const pool = new pg.Pool({
      connectionString: url.toString(),
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    })
    if (schema) await pool.query(`create schema if not exists ${schema}`)
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    NATIVE.set(db, { dialect: 'postgres', pool })
    return { db, dialect: 'postgres', schema: schema ?? 'public', close: () => db.destroy() }
  }
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true })
  const sqlite = new SqliteDatabase(location)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  NATIVE.set(db, { dialect: 'sqlite', database: sqlite })
  return { db, dialect: 'sqlite', schema: null, close: () => db.destroy() }
}

function migrator(database: OpenDatabase): Migrator {
  // Kysely looks for its migration table in every schema; name ours so two schemas on one server stay apart.
  return new Migrator({
    db: database.db,
    provider,
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  })
}

/**
 * Brings the schema up to date. Only writes when a migration is pending, so opening an up-to-date database to
 * read it (or to reject a broken import) leaves the file untouched.
 */
export async function migrateToLatest(database: OpenDatabase): Promise<string[]> {
  const m = migrator(database)
  const pending = (await m.getMigrations()).filter((migration) => migration.executedAt === undefined)
  if (pending.length === 0) return []
  const { error, results } = await m.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error('The database migration failed.')
  return (results ?? []).map((r) => r.migrationName)
}

/** Undoes every migration (used by the migration test, and to reset a database). */
export async function migrateDownToNothing(database: OpenDatabase): Promise<void> {
  const m = migrator(database)
  for (;;) {
    const executed = (await m.getMigrations()).filter((migration) => migration.executedAt !== undefined)
    if (executed.length === 0) return
    const { error } = await m.migrateDown()
    if (error) throw error instanceof Error ? error : new Error('The database migration failed.')
  }
}
