import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import {
  type DatabaseConnection,
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  SqliteDialect,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely'
import type pg from 'pg'
import { withSchemaIntrospection } from './schema-introspector.ts'
import * as initial from './migrations/001-initial.ts'
import * as usersSessionsExceptions from './migrations/002-users-sessions-exceptions.ts'
import * as deliveryRisksInspection from './migrations/003-delivery-risks-inspection.ts'
import * as assignmentsInspection from './migrations/004-assignments-inspection.ts'
import * as statisticsData from './migrations/005-statistics-data.ts'
import * as auditChangeSets from './migrations/006-audit-change-sets.ts'
import * as periodLocks from './migrations/007-period-locks.ts'
import * as people from './migrations/008-people.ts'
import * as rules from './migrations/010-rules.ts'
import * as round from './migrations/011-round.ts'
import * as finance from './migrations/012-finance.ts'
import * as reportDetails from './migrations/013-report-details.ts'
import * as importJobs from './migrations/014-import-jobs.ts'
import type { Database } from './schema.ts'

export { CopyIn } from './copy-in.ts'

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
  '006-audit-change-sets': auditChangeSets,
  '007-period-locks': periodLocks,
  '008-people': people,
  '010-rules': rules,
  '011-round': round,
  '012-finance': finance,
  '013-report-details': reportDetails,
  '014-import-jobs': importJobs,
}

/** The migrations' names, oldest first: a database's schema level is the last of these it has run. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort()

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

/** The better-sqlite3 handle behind each SQLite connection Kysely makes (there is one per database). */
const sqliteHandles = new WeakMap<DatabaseConnection, SqliteDatabase.Database>()

/**
 * Runs `use` with the better-sqlite3 handle of the connection a Kysely instance or transaction would use, or null
 * on PostgreSQL. For bulk writes only: statements prepared once and run for many rows, which Kysely's driver (it
 * prepares every query afresh) cannot do. Inside a transaction the handle is the transaction's own connection.
 */
export function withSqliteHandle<T>(
  db: Kysely<Database>,
  use: (sqlite: SqliteDatabase.Database | null) => Promise<T>,
): Promise<T> {
  return db.getExecutor().provideConnection((connection) => use(sqliteHandles.get(connection) ?? null))
}

/**
 * Opens the database a location names: a postgres:// URL, or else a SQLite file path (":memory:" for a throwaway).
 * A `schema` query parameter on a PostgreSQL URL keeps Outturn's tables in that schema (created if missing).
 */
export async function openDatabase(location: string): Promise<OpenDatabase> {
  if (isPostgresUrl(location)) {
    const { openPostgres } = await import('./postgres.ts')
    const { db, pool, schema } = await openPostgres(location)
    NATIVE.set(db, { dialect: 'postgres', pool })
    return { db, dialect: 'postgres', schema, close: () => db.destroy() }
  }
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true })
  const sqlite = new SqliteDatabase(location)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const onCreateConnection = (connection: DatabaseConnection): Promise<void> => {
    sqliteHandles.set(connection, sqlite)
    return Promise.resolve()
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite), onCreateConnection }),
  })
  NATIVE.set(db, { dialect: 'sqlite', database: sqlite })
  return { db, dialect: 'sqlite', schema: null, close: () => db.destroy() }
}

/** Statements kept prepared: more than the app's distinct queries, fewer than a bulk insert's row counts. */
const STATEMENT_CACHE = 256

/**
 * Kysely prepares every query afresh, and preparing costs more than running a look-up by key (a session, the data
 * stamp): keep the most recently used statements prepared. One connection runs one query at a time, and Kysely
 * streams no query here, so a statement is never in use twice at once.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>()
  const prepare = (sql: string): SqliteDatabase.Statement => {
    let statement = statements.get(sql)
    if (statement) statements.delete(sql)
    else statement = sqlite.prepare(sql)
    statements.set(sql, statement)
    if (statements.size > STATEMENT_CACHE) statements.delete(statements.keys().next().value ?? '')
    return statement
  }
  return { prepare, close: () => sqlite.close() }
}

function migrator(database: OpenDatabase): Migrator {
  // Kysely looks for its migration table in every schema; name ours so two schemas on one server stay apart.
  return new Migrator({
    db:
      database.dialect === 'postgres' ? withSchemaIntrospection(database.db, database.schema ?? 'public') : database.db,
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

/** Brings the schema up or down to the named migration (used by the migration tests, and to step back a release). */
export async function migrateTo(database: OpenDatabase, name: string): Promise<void> {
  const { error } = await migrator(database).migrateTo(name)
  if (error) throw error instanceof Error ? error : new Error('The database migration failed.')
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
