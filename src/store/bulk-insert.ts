import { CompiledQuery, type Insertable, type Kysely, PostgresAdapter } from 'kysely'
import type { Database } from './schema.ts'

/** SQLite allows 32,766 parameters in a statement; stay under it whatever the width of the row. */
const SQLITE_PARAMETERS = 30_000
/** Rows per PostgreSQL statement: each batch is one JSON parameter. */
const POSTGRES_ROWS = 5_000

/**
 * Inserts many rows into one table, for imports: the rows `insertInto(table).values(rows)` would write, without
 * building Kysely's query tree for every row (a third of the time of a big import). SQLite gets multi-row VALUES
 * statements; PostgreSQL gets one JSON parameter per batch, expanded by `json_populate_recordset` into the
 * table's own column types (faster there than VALUES with thousands of parameters). Every row must have the same
 * keys; table and column names come from our code, never from input.
 */
export async function insertMany<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0]
  if (first === undefined) return
  const columns = Object.keys(first)
  const quoted = columns.map((column) => `"${column}"`).join(', ')
  const records = rows as readonly Record<string, unknown>[]
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const text = `insert into "${table}" (${quoted}) select ${quoted} from json_populate_recordset(null::"${table}", $1::json)`
    for (let start = 0; start < records.length; start += POSTGRES_ROWS) {
      const batch = records.slice(start, start + POSTGRES_ROWS)
      await db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(batch)]))
    }
    return
  }
  const perStatement = Math.max(1, Math.floor(SQLITE_PARAMETERS / columns.length))
  const tuple = `(${columns.map(() => '?').join(', ')})`
  for (let start = 0; start < records.length; start += perStatement) {
    const batch = records.slice(start, start + perStatement)
    const parameters: unknown[] = []
    for (const record of batch) for (const column of columns) parameters.push(record[column] ?? null)
    const text = `insert into "${table}" (${quoted}) values ${new Array<string>(batch.length).fill(tuple).join(', ')}`
    await db.executeQuery(CompiledQuery.raw(text, parameters))
  }
}
