import type SqliteDatabase from 'better-sqlite3'
import { CompiledQuery, type Insertable, type Kysely } from 'kysely'
import { CopyIn, withSqliteHandle } from './database.ts'
import type { Database } from './schema.ts'

/** Rows per SQLite statement: enough to share the statement's cost, few enough to bind quickly (32,766 at most). */
const SQLITE_ROWS = 64
/** SQLite rows written between yields to the event loop, so a web server stays responsive through a big import. */
const SQLITE_SLICE = 10_000
/** COPY data goes to the server in pieces of about this many characters. */
const COPY_CHUNK = 1 << 16

type Value = string | number | bigint | null

/** Statements prepared once per database and reused for every batch: preparing costs more than running. */
const statements = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>()

function prepared(sqlite: SqliteDatabase.Database, text: string): SqliteDatabase.Statement {
  let cache = statements.get(sqlite)
  if (!cache) {
    cache = new Map()
    statements.set(sqlite, cache)
  }
  let statement = cache.get(text)
  if (!statement) {
    statement = sqlite.prepare(text)
    cache.set(text, statement)
  }
  return statement
}

function sqliteInsert(
  sqlite: SqliteDatabase.Database,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  from: number,
  to: number,
): void {
  const quoted = columns.map((column) => `"${column}"`).join(', ')
  const tuple = `(${columns.map(() => '?').join(', ')})`
  const many = prepared(
    sqlite,
    `insert into "${table}" (${quoted}) values ${new Array<string>(SQLITE_ROWS).fill(tuple).join(', ')}`,
  )
  const one = prepared(sqlite, `insert into "${table}" (${quoted}) values ${tuple}`)
  const width = columns.length
  const parameters = new Array<unknown>(width * SQLITE_ROWS)
  let start = from
  for (; start + SQLITE_ROWS <= to; start += SQLITE_ROWS) {
    let at = 0
    for (let row = start; row < start + SQLITE_ROWS; row += 1) {
      const values = rows[row] as readonly unknown[]
      for (let column = 0; column < width; column += 1) parameters[at++] = values[column]
    }
    many.run(parameters)
  }
  for (; start < to; start += 1) one.run(rows[start])
}

/** A value in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
function copyValue(value: Value): string {
  if (value === null) return '\\N'
  const text = typeof value === 'string' ? value : String(value)
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : text
}

function* copyLines(
  rows: readonly (readonly unknown[])[],
  onRows: ((written: number) => void) | undefined,
): Generator<string> {
  let chunk = ''
  for (let index = 0; index < rows.length; index += 1) {
    const values = rows[index] as readonly unknown[]
    let line = copyValue(values[0] as Value)
    for (let column = 1; column < values.length; column += 1) line += `\t${copyValue(values[column] as Value)}`
    chunk += `${line}\n`
    if (chunk.length >= COPY_CHUNK) {
      yield chunk
      chunk = ''
      onRows?.(index + 1)
    }
  }
  if (chunk !== '') yield chunk
  onRows?.(rows.length)
}

/**
 * Inserts many rows, each given as its values in the order of `columns`, into one table, for imports: without
 * building Kysely's query tree for every row. SQLite runs a 64-row statement prepared once for the database, in
 * slices between which other work may run; PostgreSQL takes the rows by COPY FROM STDIN, in the caller's
 * transaction, as they are encoded. `onRows` hears how many rows have gone. Table and column names come from our
 * code, never from input; a value is text, a number or null.
 */
export async function insertRows<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  columns: readonly (keyof Insertable<Database[T]> & string)[],
  rows: readonly (readonly unknown[])[],
  onRows?: (written: number) => void,
): Promise<void> {
  if (rows.length === 0) return
  const written = await withSqliteHandle(db, async (sqlite) => {
    if (!sqlite) return false
    for (let start = 0; start < rows.length; start += SQLITE_SLICE) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve))
      const end = Math.min(start + SQLITE_SLICE, rows.length)
      sqliteInsert(sqlite, table, columns, rows, start, end)
      onRows?.(end)
    }
    return true
  })
  if (written) return
  const quoted = columns.map((column) => `"${column}"`).join(', ')
  await db.executeQuery(
    CompiledQuery.raw(`copy "${table}" (${quoted}) from stdin`, [new CopyIn(copyLines(rows, onRows))]),
  )
}

/** insertRows for rows given as objects, which must all have the same keys. */
export async function insertMany<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  onRows?: (written: number) => void,
): Promise<void> {
  const first = rows[0]
  if (first === undefined) return
  const columns = Object.keys(first) as (keyof Insertable<Database[T]> & string)[]
  const values = (rows as readonly Record<string, unknown>[]).map((row) => columns.map((column) => row[column] ?? null))
  await insertRows(db, table, columns, values, onRows)
}
