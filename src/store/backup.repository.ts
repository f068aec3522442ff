import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresAdapter, type RawBuilder, SqliteDialect, type Transaction, sql } from 'kysely'
import { DomainError } from '../domain/errors.ts'
import { type Shape, insertBatch, integerColumnsOf } from './backup-rows.ts'
import type { Database } from './schema.ts'

export { RefusedRow } from './backup-rows.ts'

/**
 * Every table a backup holds, parents before children: the order a backup writes them and a restore inserts them.
 * Sign-in sessions are left out (see TRANSIENT_TABLES); the migration tables are the header's schema level.
 */
export const BACKUP_TABLES = [
  'plans',
  'themes',
  'indicators',
  'observations',
  'comparators',
  'audit_events',
  'users',
  'indicator_assignments',
  'exception_reports',
  'delivery_groups',
  'delivery_items',
  'delivery_updates',
  'delivery_assignments',
  'risks',
  'risk_treatments',
  'risk_reviews',
  'treatment_assignments',
  'kloe_scores',
  'period_sign_offs',
  'rounds',
  'round_returns',
  'outbox',
  'report_details',
  'report_sections',
  'budget_statements',
  'budget_commentaries',
  'budget_lines',
  'capital_schemes',
  'statement_assignments',
  'budget_rules',
] as const satisfies readonly (keyof Database)[]

export type BackupTable = (typeof BACKUP_TABLES)[number]

/**
 * Tables a backup leaves out and a restore empties: a session is a live sign-in, a password link a live key. Restoring one would bring back a
 * sign-in that had since been ended (signed out, or cut off by removing the user), and on another database it would
 * sign someone in to whatever user now has that id. Everyone signs in again after a restore.
 */
export const TRANSIENT_TABLES = [
  'sessions',
  'password_links',
  'import_jobs',
] as const satisfies readonly (keyof Database)[]

/** A value as the tables hold it: text, a whole number, or null. */
export type Cell = string | number | null

/** Where a backup's tables go, one at a time in BACKUP_TABLES order: to a file, or into another database. */
export interface TableSink {
  table(name: BackupTable, columns: readonly string[], rows: number): Promise<void>
  rows(batch: readonly (readonly Cell[])[]): Promise<void>
}

const PAGE = 5_000

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** Which database a handle speaks to, for a backup's header. */
export function dialectOf(db: Kysely<Database>): 'sqlite' | 'postgres' {
  return isPostgres(db) ? 'postgres' : 'sqlite'
}

async function columnsOf(db: Kysely<Database>, table: string): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`
        select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)
    : await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(db)
  return rows.map((row) => row.name)
}

/** The newest migration a database has run: its schema level (null if it was never migrated). */
export async function schemaLevel(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db)
  return rows[0]?.name ?? null
}

/**
 * Reads every table a backup holds in one consistent snapshot (a repeatable-read transaction on PostgreSQL, a read
 * transaction on SQLite, so writes made meanwhile are either wholly in or wholly out), parents first, each table's
 * rows in key order and in pages. Returns the schema level read.
 */
export async function readTables(db: Kysely<Database>, sink: TableSink): Promise<string> {
  const read = async (trx: Transaction<Database>): Promise<string> => {
    const level = await schemaLevel(trx)
    if (level === null)
      throw new DomainError('invalid-value', 'The database has no schema yet: there is nothing to back up.')
    for (const table of BACKUP_TABLES) {
      const columns = await columnsOf(trx, table)
      const { rows: counted } = await sql<{
        n: number | string
      }>`select count(*) as n from ${sql.table(table)}`.execute(trx)
      await sink.table(table, columns, Number(counted[0]?.n ?? 0))
      const toCells = (row: Record<string, unknown>): Cell[] => columns.map((column) => (row[column] ?? null) as Cell)
      if (columns.includes('id')) {
        for (let last: number | null = null; ;) {
          const after: RawBuilder<unknown> = last === null ? sql`` : sql`where id > ${last}`
          const { rows } = await sql<Record<string, unknown>>`
            select * from ${sql.table(table)} ${after} order by id limit ${PAGE}`.execute(trx)
          if (rows.length === 0) break
          await sink.rows(rows.map(toCells))
          last = Number(rows.at(-1)?.id)
        }
      } else {
        // The assignment tables: a composite key, and a row per assignment, so one read.
        const order = sql.join(columns.map((column) => sql.ref(column)))
        const { rows } = await sql<
          Record<string, unknown>
        >`select * from ${sql.table(table)} order by ${order}`.execute(trx)
        if (rows.length > 0) await sink.rows(rows.map(toCells))
      }
    }
    return level
  }
  if (isPostgres(db))
    return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read)
  return db.transaction().execute(read)
}

/** Whether a database holds anything a restore would replace. */
export async function holdsData(db: Kysely<Database>): Promise<boolean> {
  for (const table of [...BACKUP_TABLES, ...TRANSIENT_TABLES]) {
    const row = await db
      .selectFrom(table)
      .select(sql<number>`1`.as('one'))
      .limit(1)
      .executeTakeFirst()
    if (row) return true
  }
  return false
}

/**
 * Replaces everything a database holds with what `load` sends, in one transaction: all of it or, if anything fails
 * (a row breaking a constraint, a file that ends early), none of it and the database as it was. A database that
 * holds data is refused unless `replace` is set. Sessions are emptied. PostgreSQL's id sequences are moved past the
 * restored ids, so new rows do not collide with them.
 */
export async function replaceContent(
  db: Kysely<Database>,
  options: { readonly replace: boolean },
  load: (sink: TableSink) => Promise<void>,
): Promise<{ tables: number; rows: number }> {
  return db.transaction().execute(async (trx) => {
    if (await holdsData(trx)) {
      if (!options.replace)
        throw new DomainError(
          'conflict',
          'The database already holds data. Restore into an empty database, or add --force to replace everything it holds with the backup.',
        )
      for (const table of [...BACKUP_TABLES, ...TRANSIENT_TABLES].reverse()) await trx.deleteFrom(table).execute()
    }
    let current: { table: BackupTable; shape: Shape; expected: number; written: number } | null = null
    let tables = 0
    let rows = 0
    const finishTable = (): void => {
      if (current && current.written !== current.expected)
        throw new DomainError(
          'invalid-value',
          `The backup's ${current.table} table should have ${current.expected} rows but has ${current.written}.`,
        )
    }
    await load({
      table: async (name, columns, expected) => {
        finishTable()
        const held = await columnsOf(trx, name)
        const missing = held.filter((column) => !columns.includes(column))
        const unknown = columns.filter((column) => !held.includes(column))
        if (missing.length > 0 || unknown.length > 0)
          throw new DomainError(
            'invalid-value',
            `The backup's ${name} table does not match this database's (${[...missing.map((c) => `missing ${c}`), ...unknown.map((c) => `unknown ${c}`)].join(', ')}).`,
          )
        current = { table: name, shape: { columns, integers: await integerColumnsOf(trx, name) }, expected, written: 0 }
        tables += 1
      },
      rows: async (batch) => {
        if (!current) throw new DomainError('invalid-value', 'The backup has rows before any table.')
        await insertBatch(trx, current.table, current.shape, batch, current.written)
        current.written += batch.length
        rows += batch.length
      },
    })
    finishTable()
    if (tables !== BACKUP_TABLES.length)
      throw new DomainError(
        'invalid-value',
        `The backup holds ${tables} of the ${BACKUP_TABLES.length} tables: it is incomplete.`,
      )
    if (isPostgres(trx)) {
      for (const table of BACKUP_TABLES) {
        if (!(await columnsOf(trx, table)).includes('id')) continue
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
                    coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(trx)
      }
    }
    return { tables, rows }
  })
}

/** The SQLite file a database reads, or null for PostgreSQL or an in-memory database. */
export async function sqliteFileOf(db: Kysely<Database>): Promise<string | null> {
  if (isPostgres(db)) return null
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db)
  return rows[0]?.file || null
}

/**
 * Copies a SQLite database with SQLite's online backup (better-sqlite3's `.backup()`), page by page through a
 * connection of its own: safe while the server reads and writes the file. The copy is made a single file (no
 * write-ahead log beside it) so it can be moved on its own.
 */
export async function copySqliteDatabase(file: string, out: string): Promise<void> {
  const source = new SqliteDatabase(file, { fileMustExist: true })
  try {
    await source.backup(out)
  } finally {
    source.close()
  }
  const copy = new SqliteDatabase(out, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

/** Opens a SQLite backup to read, read only, once SQLite's own integrity check passes. */
export function openSqliteCopy(file: string): { db: Kysely<Database>; close: () => Promise<void> } {
  const copy = new SqliteDatabase(file, { readonly: true, fileMustExist: true })
  let verdict: unknown
  try {
    verdict = copy.pragma('integrity_check', { simple: true })
  } catch (error) {
    copy.close()
    throw new DomainError('invalid-value', `${file} is not a sound SQLite database: ${(error as Error).message}.`)
  }
  if (verdict !== 'ok') {
    copy.close()
    throw new DomainError('invalid-value', `${file} is damaged: SQLite's integrity check says ${String(verdict)}.`)
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: copy }) })
  return { db, close: () => db.destroy() }
}
