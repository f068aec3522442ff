import type Sqlite from 'better-sqlite3'
import type { Kysely } from 'kysely'
import { NOT_REPORTED_REASONS, type Observation } from '../domain/judgement/observation.ts'
import { parseChoice } from '../domain/judgement/indicator.ts'
import { type Period, formatPeriod, parsePeriod, periodEndDate, periodStartDate } from '../domain/periods/period.ts'
import { parseRag } from '../domain/figures/value.ts'
import { insertRows } from './bulk-insert.ts'
import { type NativeDriver, nativeDriver } from './database.ts'
import type { Database, ObservationsTable } from './schema.ts'

/** An observation as stored, with its ids. */
export interface ObservationRecord {
  readonly id: number
  readonly indicatorId: number
  readonly observation: Observation
}

/** The columns that hold an observation's content (what the audit trail tracks). */
export type ObservationColumns = Pick<
  ObservationsTable,
  'data_period' | 'actual' | 'target' | 'estimated' | 'status' | 'not_reported' | 'note' | 'numerator' | 'denominator'
>

export function observationColumns(observation: Observation): ObservationColumns {
  return {
    data_period: observation.dataPeriod ? formatPeriod(observation.dataPeriod) : null,
    actual: observation.actual,
    target: observation.target,
    estimated: observation.estimated ? 1 : 0,
    status: observation.status,
    not_reported: observation.notReported,
    note: observation.note,
    numerator: observation.numerator,
    denominator: observation.denominator,
  }
}

/** What an observation is read from; the bookkeeping columns stay behind (a plan's history reads 40% faster). */
const READ_COLUMNS = [
  'id',
  'indicator_id',
  'period',
  'data_period',
  'actual',
  'target',
  'estimated',
  'status',
  'not_reported',
  'note',
  'numerator',
  'denominator',
] as const

/** Periods read so far, by their stored text: a plan's history names the same few dozen periods on every row. */
const PERIODS = new Map<string, Period>()

function periodOf(text: string): Period {
  let period = PERIODS.get(text)
  if (period === undefined) {
    period = parsePeriod(text)
    if (PERIODS.size >= 10_000) PERIODS.clear()
    PERIODS.set(text, period)
  }
  return period
}

/** An observation from its stored columns, in READ_COLUMNS order after id and indicator_id. */
function toObservation(
  period: string,
  dataPeriod: string | null,
  actual: string | null,
  target: string | null,
  estimated: number,
  status: string | null,
  notReported: string | null,
  note: string | null,
  numerator: string | null,
  denominator: string | null,
): Observation {
  return {
    period: periodOf(period),
    dataPeriod: dataPeriod === null ? null : periodOf(dataPeriod),
    actual,
    target,
    estimated: estimated === 1,
    status: status === null ? null : parseRag(status),
    notReported: notReported === null ? null : parseChoice(NOT_REPORTED_REASONS, notReported, 'reason'),
    note,
    numerator,
    denominator,
  }
}

/** A row of READ_COLUMNS as the drivers give it. */
type RawRow = [
  number,
  number,
  string,
  string | null,
  string | null,
  string | null,
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
]

type Visit = (id: number, indicatorId: number, observation: Observation) => void

/** The raw read's SQL for SQLite: the same columns and order as the Kysely query. */
function sqliteSql(oneIndicator: boolean): string {
  return [
    `select ${READ_COLUMNS.map((column) => `observations.${column}`).join(', ')}`,
    'from observations inner join indicators on indicators.id = observations.indicator_id',
    'where indicators.plan_id = ?',
    oneIndicator ? 'and observations.indicator_id = ?' : '',
    'order by observations.indicator_id, observations.period_end, observations.period_start desc',
  ].join(' ')
}

/**
 * The raw read's SQL for PostgreSQL: the same columns and order, with each indicator's rows found through the
 * (indicator_id, period_end) index. Joined plainly, a planner without statistics on a table of millions of rows
 * (autovacuum off, or a bulk load not yet analysed) scans the whole table for every plan; the lateral subquery,
 * kept apart by OFFSET 0, makes it look each indicator up instead.
 */
function postgresSql(oneIndicator: boolean): string {
  return [
    `select ${READ_COLUMNS.map((column) => `o.${column}`).join(', ')}`,
    'from indicators cross join lateral',
    '(select * from observations where observations.indicator_id = indicators.id offset 0) o',
    'where indicators.plan_id = $1',
    oneIndicator ? 'and indicators.id = $2' : '',
    'order by o.indicator_id, o.period_end, o.period_start desc',
  ].join(' ')
}

type SqliteDriver = Extract<NativeDriver, { dialect: 'sqlite' }>
type SqliteStatement = Sqlite.Statement
const SQLITE_STATEMENTS = new WeakMap<Sqlite.Database, Map<boolean, SqliteStatement>>()

function sqliteStatement(driver: SqliteDriver, oneIndicator: boolean): SqliteStatement {
  let statements = SQLITE_STATEMENTS.get(driver.database)
  if (!statements) SQLITE_STATEMENTS.set(driver.database, (statements = new Map<boolean, SqliteStatement>()))
  let statement = statements.get(oneIndicator)
  if (!statement) {
    statement = driver.database.prepare(sqliteSql(oneIndicator)).raw(true)
    statements.set(oneIndicator, statement)
  }
  return statement
}

/** The rows as arrays straight from the driver, or null where they go through Kysely (a transaction's handle). */
async function rawRows(db: Kysely<Database>, planId: number, indicatorId?: number): Promise<readonly RawRow[] | null> {
  const driver = nativeDriver(db)
  const oneIndicator = indicatorId !== undefined
  const parameters = oneIndicator ? [planId, indicatorId] : [planId]
  // SQLite has one connection: while a transaction is open on it (an import), Kysely makes a read wait for the
  // commit, and a read straight from the driver would see the transaction's unfinished writes; so it waits too.
  if (driver?.dialect === 'sqlite' && !driver.database.inTransaction) {
    const statement = sqliteStatement(driver, oneIndicator)
    return (oneIndicator ? statement.all(planId, indicatorId) : statement.all(planId)) as RawRow[]
  }
  if (driver?.dialect === 'postgres') {
    const result = await driver.pool.query<RawRow>({
      text: postgresSql(oneIndicator),
      values: parameters,
      rowMode: 'array',
    })
    return result.rows
  }
  return null
}

/**
 * Reads a plan's observations (one indicator's, when its id is given), oldest period first, handing each to `visit`.
 * A plan's whole history is hundreds of thousands of rows at national scale, so where openDatabase opened the
 * driver the rows come as arrays straight from it (better-sqlite3 raw rows, pg array rows) rather than as objects
 * through Kysely; the columns, order and values are the same either way.
 */
async function readObservations(
  db: Kysely<Database>,
  planId: number,
  indicatorId: number | undefined,
  visit: Visit,
): Promise<void> {
  const rows = await rawRows(db, planId, indicatorId)
  if (rows !== null) {
    for (const [id, indicator, period, dataPeriod, actual, target, estimated, status, notReported, note, n, d] of rows)
      visit(
        id,
        indicator,
        toObservation(period, dataPeriod, actual, target, estimated, status, notReported, note, n, d),
      )
    return
  }
  let query = db
    .selectFrom('observations')
    .innerJoin('indicators', 'indicators.id', 'observations.indicator_id')
    .select(READ_COLUMNS.map((column) => `observations.${column}` as const))
    .where('indicators.plan_id', '=', planId)
  if (indicatorId !== undefined) query = query.where('observations.indicator_id', '=', indicatorId)
  const objects = await query
    .orderBy('observations.indicator_id')
    .orderBy('observations.period_end')
    .orderBy('observations.period_start', 'desc')
    .execute()
  for (const row of objects) {
    const observation = toObservation(
      row.period,
      row.data_period,
      row.actual,
      row.target,
      row.estimated,
      row.status,
      row.not_reported,
      row.note,
      row.numerator,
      row.denominator,
    )
    visit(row.id, row.indicator_id, observation)
  }
}

/** Every observation of a plan, oldest period first; only one indicator's when its id is given. */
export async function listObservations(
  db: Kysely<Database>,
  planId: number,
  indicatorId?: number,
): Promise<ObservationRecord[]> {
  const records: ObservationRecord[] = []
  await readObservations(db, planId, indicatorId, (id, indicatorId, observation) => {
    records.push({ id, indicatorId, observation })
  })
  return records
}

/** Every observation of a plan by indicator id, each indicator's oldest period first: a plan's whole history. */
export async function observationsByIndicator(
  db: Kysely<Database>,
  planId: number,
): Promise<Map<number, Observation[]>> {
  const byIndicator = new Map<number, Observation[]>()
  let lastId = Number.NaN
  let list: Observation[] = []
  // Rows come grouped by indicator, so the list is looked up once per indicator rather than once per row.
  await readObservations(db, planId, undefined, (_, indicatorId, observation) => {
    if (indicatorId !== lastId) {
      lastId = indicatorId
      list = byIndicator.get(indicatorId) ?? []
      byIndicator.set(indicatorId, list)
    }
    list.push(observation)
  })
  return byIndicator
}

/** The periods a plan has a figure or a status for, each once: what a period picker offers. */
export async function listReportedPeriods(db: Kysely<Database>, planId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('observations')
    .innerJoin('indicators', 'indicators.id', 'observations.indicator_id')
    .select('observations.period')
    .distinct()
    .where('indicators.plan_id', '=', planId)
    .where((eb) => eb.or([eb('observations.actual', 'is not', null), eb('observations.status', 'is not', null)]))
    .execute()
  return rows.map((row) => row.period)
}

export interface NewObservation {
  readonly indicatorId: number
  readonly observation: Observation
  /** Its columns, when the caller has them already. */
  readonly columns?: ObservationColumns
}

const OBSERVATION_COLUMNS = [
  'indicator_id',
  'period',
  'period_start',
  'period_end',
  'data_period',
  'actual',
  'target',
  'estimated',
  'status',
  'not_reported',
  'note',
  'numerator',
  'denominator',
  'updated_at',
  'updated_by',
] as const

/** Inserts many observations at once (see insertRows); `onRows` hears how many have been written. */
export async function insertObservations(
  db: Kysely<Database>,
  rows: readonly NewObservation[],
  at: string,
  by: string,
  onRows?: (written: number) => void,
): Promise<void> {
  const values = rows.map(({ indicatorId, observation, columns: given }) => {
    const columns = given ?? observationColumns(observation)
    const period = observation.period
    return [
      indicatorId,
      formatPeriod(period),
      periodStartDate(period),
      periodEndDate(period),
      columns.data_period,
      columns.actual,
      columns.target,
      columns.estimated,
      columns.status,
      columns.not_reported,
      columns.note,
      columns.numerator,
      columns.denominator,
      at,
      by,
    ]
  })
  await insertRows(db, 'observations', OBSERVATION_COLUMNS, values, onRows)
}

export async function updateObservation(
  db: Kysely<Database>,
  id: number,
  columns: ObservationColumns,
  at: string,
  by: string,
): Promise<void> {
  await db
    .updateTable('observations')
    .set({ ...columns, updated_at: at, updated_by: by })
    .where('id', '=', id)
    .execute()
}
