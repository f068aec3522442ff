/**
 * The baselines the import is measured against: the same observation rows written the fastest raw ways each
 * database offers, with none of Outturn's parsing, checking or audit trail; the bench takes the fastest. SQLite: a
 * better-sqlite3 prepared statement run once a row, and one of 64 rows run once per 64, each in one transaction.
 * PostgreSQL: COPY FROM STDIN (pg-copy-streams), COPY from a file the server reads (where it can read ours), and
 * multi-row INSERT statements.
 *
 * The loaders also fill the benchmark's database to scale with the plans not imported through the service.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { slugify } from '../../src/domain/access/access.ts'
import type { RawObservationRow, SyntheticPlan } from './generate.ts'

export type RawMethod =
  | 'sqlite-prepared'
  | 'sqlite-multi-row-prepared'
  | 'postgres-copy-stdin'
  | 'postgres-copy'
  | 'postgres-multi-row-insert'

/** Rows per statement of the multi-row SQLite baseline (the import's own bulk writes use the same). */
const SQLITE_ROWS = 64

export interface RawLoader {
  /** Writes a plan (plan, themes and indicators untimed), then its observations timed; returns the milliseconds. */
  load(plan: SyntheticPlan, rows: readonly RawObservationRow[], method?: RawMethod): Promise<number>
  readonly methods: readonly RawMethod[]
  close(): Promise<void>
}

const AT = '2025-04-30T09:00:00.000Z'
const BY = 'bench:raw'
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
  'updated_at',
  'updated_by',
] as const

function values(row: RawObservationRow, indicatorId: number): (string | number | null)[] {
  return [
    indicatorId,
    row.period,
    row.periodStart,
    row.periodEnd,
    null,
    row.actual,
    row.target,
    row.estimated,
    row.status,
    row.notReported,
    row.note,
    AT,
    BY,
  ]
}

function indicatorValues(plan: SyntheticPlan, index: number): (string | number | null)[] {
  const i = plan.indicators[index]
  if (!i) throw new Error(`no indicator ${index}`)
  return [
    i.ref,
    i.title,
    i.frequency,
    i.polarity,
    'number',
    i.unit,
    i.accumulation,
    i.tolerancePct,
    i.dotBasis,
    i.ragMethod,
    null,
    index,
  ]
}

const INDICATOR_COLUMNS =
  'plan_id, theme_id, ref, title, frequency, polarity, value_type, unit, accumulation, tolerance_pct, dot_basis, rag_method, owner, position'

function themesOf(plan: SyntheticPlan): string[] {
  return [...new Set(plan.indicators.map((i) => i.theme))]
}

/** A raw loader for a SQLite file (already migrated). */
export function sqliteLoader(file: string): RawLoader {
  const db = new SqliteDatabase(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  const insertPlan = db.prepare('insert into plans (name, slug, created_at) values (?, ?, ?)')
  const insertTheme = db.prepare('insert into themes (plan_id, name, position) values (?, ?, ?)')
  const insertIndicator = db.prepare(`insert into indicators (${INDICATOR_COLUMNS}) values (${'?, '.repeat(13)}?)`)
  const tuple = `(${OBSERVATION_COLUMNS.map(() => '?').join(', ')})`
  const insertObservation = db.prepare(`insert into observations (${OBSERVATION_COLUMNS.join(', ')}) values ${tuple}`)
  const insertObservations = db.prepare(
    `insert into observations (${OBSERVATION_COLUMNS.join(', ')}) values ${new Array<string>(SQLITE_ROWS).fill(tuple).join(', ')}`,
  )
  const methods: RawMethod[] = ['sqlite-prepared', 'sqlite-multi-row-prepared']
  let planCopies = 0
  return {
    methods,
    load: (plan, rows, method = methods[0]) => {
      // The same plan loaded a second way goes in under another name, so the rows do not collide.
      planCopies += 1
      const name = method === methods[0] ? plan.name : `${plan.name} (${method} ${planCopies})`
      const ids = new Map<string, number>()
      db.transaction(() => {
        const planId = Number(insertPlan.run(name, slugify(name), AT).lastInsertRowid)
        const themeIds = new Map(
          themesOf(plan).map((theme, n) => [theme, Number(insertTheme.run(planId, theme, n).lastInsertRowid)]),
        )
        plan.indicators.forEach((indicator, n) => {
          const result = insertIndicator.run(planId, themeIds.get(indicator.theme), ...indicatorValues(plan, n))
          ids.set(indicator.ref, Number(result.lastInsertRowid))
        })
      })()
      const start = performance.now()
      if (method === 'sqlite-multi-row-prepared') {
        db.transaction(() => {
          let first = 0
          for (; first + SQLITE_ROWS <= rows.length; first += SQLITE_ROWS) {
            const parameters: (string | number | null)[] = []
            for (let k = first; k < first + SQLITE_ROWS; k += 1) {
              const row = rows[k] as RawObservationRow
              parameters.push(...values(row, ids.get(row.ref) ?? 0))
            }
            insertObservations.run(parameters)
          }
          for (const row of rows.slice(first)) insertObservation.run(values(row, ids.get(row.ref) ?? 0))
        })()
      } else {
        db.transaction(() => {
          for (const row of rows) insertObservation.run(values(row, ids.get(row.ref) ?? 0))
        })()
      }
      return Promise.resolve(performance.now() - start)
    },
    close: () => {
      db.close()
      return Promise.resolve()
    },
  }
}

/** A value in COPY's text format (the rows here hold no tabs, newlines or backslashes, but escape them anyway). */
function copyTextValue(value: string | number | null): string {
  if (value === null) return '\\N'
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  )
}

function csvValue(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  return `"${value.replaceAll('"', '""')}"`
}

/** A raw loader for a PostgreSQL schema (already migrated). Finds out once whether the server can COPY our files. */
export async function postgresLoader(url: string, schema: string): Promise<RawLoader> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await client.connect()
  const dir = mkdtempSync(join(tmpdir(), 'outturn-bench-copy-'))
  chmodSync(dir, 0o755)
  let copyWorks: boolean
  try {
    const probe = join(dir, 'probe.csv')
    writeFileSync(probe, '1\n')
    chmodSync(probe, 0o644)
    await client.query('create temporary table outturn_bench_probe (n integer)')
    await client.query(`copy outturn_bench_probe from '${probe}' with (format csv)`)
    await client.query('drop table outturn_bench_probe')
    copyWorks = true
  } catch {
    copyWorks = false
  }

  async function writePlan(plan: SyntheticPlan, suffix: string): Promise<Map<string, number>> {
    const name = `${plan.name}${suffix}`
    await client.query('begin')
    const planId = (
      await client.query<{ id: number }>(
        'insert into plans (name, slug, created_at) values ($1, $2, $3) returning id',
        [name, slugify(name), AT],
      )
    ).rows[0]?.id
    const themeIds = new Map<string, number>()
    for (const [n, theme] of themesOf(plan).entries()) {
      const result = await client.query<{ id: number }>(
        'insert into themes (plan_id, name, position) values ($1, $2, $3) returning id',
        [planId, theme, n],
      )
      themeIds.set(theme, result.rows[0]?.id ?? 0)
    }
    const params: unknown[] = []
    const tuples = plan.indicators.map((indicator, n) => {
      const row = [planId, themeIds.get(indicator.theme), ...indicatorValues(plan, n)]
      const base = params.length
      params.push(...row)
      return `(${row.map((_, k) => `$${base + k + 1}`).join(', ')})`
    })
    const result = await client.query<{ id: number; ref: string }>(
      `insert into indicators (${INDICATOR_COLUMNS}) values ${tuples.join(', ')} returning id, ref`,
      params,
    )
    await client.query('commit')
    return new Map(result.rows.map((row) => [row.ref, row.id]))
  }

  async function copy(rows: readonly RawObservationRow[], ids: Map<string, number>): Promise<number> {
    const file = join(dir, 'observations.csv')
    writeFileSync(
      file,
      rows
        .map((row) =>
          values(row, ids.get(row.ref) ?? 0)
            .map(csvValue)
            .join(','),
        )
        .join('\n'),
    )
    chmodSync(file, 0o644)
    const start = performance.now()
    await client.query(`copy observations (${OBSERVATION_COLUMNS.join(', ')}) from '${file}' with (format csv)`)
    const ms = performance.now() - start
    rmSync(file)
    return ms
  }

  async function copyStdin(rows: readonly RawObservationRow[], ids: Map<string, number>): Promise<number> {
    const start = performance.now()
    function* chunks(): Generator<string> {
      let chunk = ''
      for (const row of rows) {
        chunk += `${values(row, ids.get(row.ref) ?? 0)
          .map(copyTextValue)
          .join('\t')}\n`
        if (chunk.length >= 1 << 16) {
          yield chunk
          chunk = ''
        }
      }
      if (chunk !== '') yield chunk
    }
    await pipeline(
      Readable.from(chunks()),
      client.query(copyFrom(`copy observations (${OBSERVATION_COLUMNS.join(', ')}) from stdin`)),
    )
    return performance.now() - start
  }

  async function multiRowInsert(rows: readonly RawObservationRow[], ids: Map<string, number>): Promise<number> {
    const perStatement = Math.floor(65_535 / OBSERVATION_COLUMNS.length)
    const start = performance.now()
    await client.query('begin')
    for (let first = 0; first < rows.length; first += perStatement) {
      const params: unknown[] = []
      const tuples = rows.slice(first, first + perStatement).map((row) => {
        const base = params.length
        params.push(...values(row, ids.get(row.ref) ?? 0))
        return `(${OBSERVATION_COLUMNS.map((_, k) => `$${base + k + 1}`).join(', ')})`
      })
      await client.query(
        `insert into observations (${OBSERVATION_COLUMNS.join(', ')}) values ${tuples.join(', ')}`,
        params,
      )
    }
    await client.query('commit')
    return performance.now() - start
  }

  const methods: RawMethod[] = copyWorks
    ? ['postgres-copy-stdin', 'postgres-copy', 'postgres-multi-row-insert']
    : ['postgres-copy-stdin', 'postgres-multi-row-insert']
  let planCopies = 0
  return {
    methods,
    load: async (plan, rows, method = methods[0]) => {
      // The same plan loaded a second way goes in under another name, so the rows do not collide.
      planCopies += 1
      const ids = await writePlan(plan, method === methods[0] ? '' : ` (${method} ${planCopies})`)
      if (method === 'postgres-copy-stdin') return copyStdin(rows, ids)
      return method === 'postgres-copy' ? copy(rows, ids) : multiRowInsert(rows, ids)
    },
    close: async () => {
      await client.end()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
