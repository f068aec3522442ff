import { type Kysely, PostgresAdapter, type Transaction, sql } from 'kysely'
import { DomainError } from '../domain/errors.ts'
import type { BackupTable, Cell } from './backup.repository.ts'
import { insertMany } from './bulk-insert.ts'
import { rowRefusal } from './constraint-errors.ts'
import type { Database } from './schema.ts'

/* A restore's rows, checked and written: a row this database would refuse is named, by table, row and id. */

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** Whether each column of a table holds whole numbers (integer) or text, by name. */
export async function integerColumnsOf(db: Kysely<Database>, table: string): Promise<Set<string>> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string; type: string }>`
        select column_name as name, data_type as type from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}`.execute(db)
    : await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table})`.execute(db)
  return new Set(rows.filter((row) => /int/i.test(row.type)).map((row) => row.name))
}

/**
 * A row of a backup that this database refuses: the table, which of its rows (counting from 1), its id if it has
 * one, and why. `index` is its place in the batch it came in, so a reader can say which line of a file it was.
 */
export class RefusedRow extends DomainError {
  constructor(
    readonly table: BackupTable,
    readonly row: number,
    readonly id: Cell | undefined,
    readonly index: number,
    readonly reason: string,
  ) {
    super(
      'invalid-value',
      `The backup is not consistent: row ${row} of its ${table} table${id === undefined ? '' : ` (id ${String(id)})`} ${reason}. Nothing was restored.`,
    )
    this.name = 'RefusedRow'
  }

  /** The refusal told of a file: which table, row and id, the line when the file has lines, and that nothing changed. */
  inFile(file: string, line?: number): DomainError {
    const where = [
      ...(this.id === undefined ? [] : [`id ${String(this.id)}`]),
      ...(line === undefined ? [] : [`line ${line} of the file`]),
    ]
    return new DomainError(
      'invalid-value',
      `${file} is not a consistent backup: row ${this.row} of its ${this.table} table${where.length > 0 ? ` (${where.join(', ')})` : ''} ${this.reason}. Nothing was restored: the database is as it was.`,
    )
  }
}

/** A value a backup may hold: text, a whole number, or null (the schema has text and integer columns only). */
function isCell(value: unknown): value is Cell {
  return value === null || typeof value === 'string' || Number.isSafeInteger(value)
}

/** The columns of a table a backup's rows go into, in the backup's order, and which of them hold whole numbers. */
export interface Shape {
  readonly columns: readonly string[]
  readonly integers: ReadonlySet<string>
}

/**
 * Why a row cannot be a row of a table of this shape, before the database is asked: the same answer on SQLite
 * (which would store text in a number's column) as on PostgreSQL (which refuses it).
 */
function shapeProblem(cells: unknown, { columns, integers }: Shape): string | null {
  if (!Array.isArray(cells)) return 'is not a list of values'
  if (cells.length !== columns.length) return `has ${cells.length} values where the table has ${columns.length} columns`
  for (const [index, cell] of (cells as unknown[]).entries()) {
    const column = columns[index] ?? ''
    if (!isCell(cell)) return `has a value in its ${column} column that is not text, a whole number or empty`
    if (cell === null) continue
    if (integers.has(column) && typeof cell !== 'number')
      return `has text in its ${column} column, which holds whole numbers`
    if (!integers.has(column) && typeof cell !== 'string')
      return `has a number in its ${column} column, which holds text`
  }
  return null
}

let savepoints = 0

/**
 * Inserts a batch of a backup's rows. If the database refuses it, the batch is undone to a savepoint and its rows
 * are tried one at a time to find the first it refuses, which is named in a RefusedRow (the caller then abandons
 * the whole restore). An error that is not about the rows' data is passed on as it is.
 */
export async function insertBatch(
  trx: Transaction<Database>,
  table: BackupTable,
  shape: Shape,
  batch: readonly (readonly Cell[])[],
  before: number,
): Promise<void> {
  const { columns } = shape
  const idAt = columns.indexOf('id')
  const idOf = (cells: readonly Cell[] | undefined): Cell | undefined =>
    idAt < 0 || !Array.isArray(cells) ? undefined : (cells as readonly Cell[])[idAt]
  const bad = batch.findIndex((cells) => shapeProblem(cells, shape) !== null)
  if (bad >= 0) {
    const cells = batch[bad] ?? []
    throw new RefusedRow(table, before + bad + 1, idOf(cells), bad, shapeProblem(cells, shape) ?? '')
  }
  const record = (cells: readonly Cell[]): Record<string, Cell> =>
    Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? null]))
  savepoints += 1
  const name = sql.raw(`restore_batch_${savepoints}`)
  await sql`savepoint ${name}`.execute(trx)
  try {
    await insertMany(trx, table, batch.map(record) as never[])
  } catch (error) {
    const refusal = rowRefusal(error)
    if (refusal === null) throw error
    await sql`rollback to savepoint ${name}`.execute(trx)
    for (const [index, cells] of batch.entries()) {
      try {
        await insertMany(trx, table, [record(cells)] as never[])
      } catch (rowError) {
        const why = rowRefusal(rowError) ?? refusal
        throw new RefusedRow(table, before + index + 1, idOf(cells), index, why.reason)
      }
    }
    throw new RefusedRow(
      table,
      before + 1,
      idOf(batch[0]),
      0,
      `or one of the ${batch.length} after it ${refusal.reason}`,
    )
  }
  await sql`release savepoint ${name}`.execute(trx)
}
