/**
 * `npm run bench`: Outturn's performance at a council's, a county's and a national scale, on SQLite and (given a
 * database URL) PostgreSQL, in one run. Machines are shared and noisy, so most figures are ratios to a baseline
 * taken in the same run: the import against the fastest raw insert of the same rows, the pages against a trivial
 * route in the same server under the same load, the engine against a bare loop over the same rows.
 *
 *   npm run bench -- [--scale small|county|national] [--json] [--quick] [--database-url postgres://...]
 *                    [--import-plans N|all] [--out BENCHMARKS.md] [--only import|http]
 *
 * Writes a table to standard output (then, with --json, one JSON object on the last line), progress to standard
 * error, and rewrites the scale's section of BENCHMARKS.md. `--only import` measures the import alone: only the
 * imported plans are loaded. `--only http` loads the data and measures only the pages and the server's memory (no
 * raw-insert baseline, recompute, engine or report formats). A partial run writes its section only to a file named
 * with --out.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import pg from 'pg'
import type { CommandContext } from '../src/cli/index.ts'
import { importFiles } from '../src/cli/import.action.ts'
import { evaluateHistory } from '../src/domain/judgement/evaluate.ts'
import { formatPeriod } from '../src/domain/periods/period.ts'
import { type Services, openServices } from '../src/services/index.ts'
import { migrateToLatest, openDatabase } from '../src/store/database.ts'
import { paths } from '../src/web/paths.ts'
import {
  SCALE,
  SCALES,
  type Scale,
  type ScaleName,
  generatePlan,
  judgedQuarter,
  planName,
  rawRows,
  rowsPerPlan,
  totalRows,
  writePlanFiles,
} from './bench/generate.ts'
import { type CeilingResult, type HttpResult, measureCeiling, measureHttp } from './bench/http.ts'
import { type JudgeResult, measureJudging } from './bench/judge.ts'
import { type BenchReport, type DatabaseResult, renderMarkdown, renderTable, updateBenchmarks } from './bench/output.ts'
import { type RawLoader, type RawMethod, postgresLoader, sqliteLoader } from './bench/raw-insert.ts'
import { type ReportTiming, measureReports } from './bench/reports.ts'

const { values: options } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    'import-plans': { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string' },
  },
})

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`)
  process.exit(2)
}

const scaleName = options.scale as ScaleName
if (!SCALES.includes(scaleName)) fail(`--scale must be one of ${SCALES.join(', ')}, not "${options.scale}".`)
const scale: Scale = SCALE[scaleName]
const quick = options.quick
const ONLY = ['import', 'http'] as const
if (options.only !== undefined && !(ONLY as readonly string[]).includes(options.only))
  fail(`--only takes one of ${ONLY.join(', ')}, not "${options.only}".`)
/** Only the pages and memory are measured: the data are loaded, the other measures are skipped. */
const onlyHttp = options.only === 'http'
/** Only the import is measured: the plans not imported are not loaded, and the other measures are skipped. */
const importOnly = options.only === 'import'
/** How many plans go through the import service; the rest are bulk-loaded raw, to reach the scale in minutes. */
const DEFAULT_IMPORTED: Record<ScaleName, number> = { small: 1, county: 5, national: 4 }
const importPlans =
  options['import-plans'] === 'all'
    ? scale.organisations
    : Math.min(scale.organisations, Math.max(1, Number(options['import-plans'] ?? DEFAULT_IMPORTED[scaleName])))
if (!Number.isInteger(importPlans)) fail('--import-plans must be a whole number or "all".')
/** autocannon's load: 50 connections for 10 s; a quick (smoke) run only checks that the pages hold up. */
const httpLoad = quick ? { seconds: 2, connections: 10 } : { seconds: 10, connections: 50 }
const judgeIndicators = quick ? 10_000 : 100_000
const reportRuns = quick ? 1 : 5

const log = (text: string): void => {
  process.stderr.write(`${text}\n`)
}
const count = (n: number): string => Math.round(n).toLocaleString('en-GB')
const began = performance.now()

/** The PostgreSQL URL, with the benchmark's own schema (created here, dropped at the end). */
function postgresTarget(): { url: string; schema: string; rawSchema: string; serverUrl: string } | null {
  const given = options['database-url'] ?? process.env.OUTTURN_BENCH_DATABASE_URL
  if (!given) return null
  const url = new URL(given)
  const schema = url.searchParams.get('schema') ?? 'bench'
  if (!/^bench[a-z0-9_]*$/.test(schema))
    fail(`the schema "${schema}" is dropped after the run, so its name must start with "bench".`)
  url.searchParams.set('schema', schema)
  const server = new URL(given)
  server.searchParams.delete('schema')
  return { url: url.toString(), schema, rawSchema: `${schema}_raw`, serverUrl: server.toString() }
}

/** Runs `work` on a connection of its own to the PostgreSQL server, closed afterwards. */
async function withClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

function dropSchemas(serverUrl: string, schemas: readonly string[]): Promise<void> {
  return withClient(serverUrl, async (client) => {
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`)
  })
}

/**
 * Brings the planner's statistics up to date after the bulk load, as autovacuum would on a server that runs it (this
 * machine's test server does not): the measures then see the query plans a deployment would.
 */
async function analyse(serverUrl: string, schema: string): Promise<void> {
  const tables = ['observations', 'indicators', 'plans', 'audit_events'].map((table) => `${schema}.${table}`)
  await withClient(serverUrl, (client) => client.query(`analyze ${tables.join(', ')}`))
}

function postgresVersion(serverUrl: string): Promise<string> {
  return withClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('show server_version')
    return rows[0]?.server_version ?? 'unknown'
  })
}

interface Target {
  readonly dialect: 'sqlite' | 'postgres'
  readonly location: string
  readonly services: Services
  readonly close: () => Promise<void>
  /** The fastest raw way into this target's main database, for the plans not imported through the service. */
  readonly bulk: RawLoader
  /** A separate, empty database of the same schema for the baseline: the same rows, the raw way. */
  readonly raw: RawLoader
  importMs: number
  importRows: number
  readonly rawMs: Map<RawMethod, number>
  bulkMs: number
  bulkRows: number
}

async function openTarget(dialect: 'sqlite' | 'postgres', dir: string): Promise<Target> {
  let location: string
  let rawLocation: string
  if (dialect === 'sqlite') {
    location = join(dir, 'outturn.sqlite')
    rawLocation = join(dir, 'raw.sqlite')
  } else {
    const target = postgresTarget()
    if (!target) throw new Error('no PostgreSQL URL')
    await dropSchemas(target.serverUrl, [target.schema, target.rawSchema])
    location = target.url
    const raw = new URL(target.url)
    raw.searchParams.set('schema', target.rawSchema)
    rawLocation = raw.toString()
  }
  const { services, close } = await openServices(location, { now: () => new Date('2025-04-30T09:00:00.000Z') })
  const rawDatabase = await openDatabase(rawLocation)
  await migrateToLatest(rawDatabase)
  await rawDatabase.close()
  const pgTarget = postgresTarget()
  const [bulk, raw] =
    dialect === 'sqlite'
      ? [sqliteLoader(location), sqliteLoader(rawLocation)]
      : await Promise.all([
          postgresLoader(pgTarget?.serverUrl ?? '', pgTarget?.schema ?? ''),
          postgresLoader(pgTarget?.serverUrl ?? '', pgTarget?.rawSchema ?? ''),
        ])
  return {
    dialect,
    location,
    services,
    close,
    bulk,
    raw,
    importMs: 0,
    importRows: 0,
    rawMs: new Map(),
    bulkMs: 0,
    bulkRows: 0,
  }
}

/** Imports one plan's files through the CLI's own import (file reading, checks, audit trail, progress bar). */
async function importThroughService(target: Target, name: string, files: { indicators: string; observations: string }) {
  const context: CommandContext = {
    services: target.services,
    actor: 'bench',
    out: log,
    progress: (text) => process.stderr.write(process.stderr.isTTY ? `\r${text}\x1b[K\n` : `${text}\n`),
    ...(process.stderr.isTTY ? { redraw: (text: string) => process.stderr.write(`\r${text}\x1b[K`) } : {}),
  }
  const start = performance.now()
  const outcome = await importFiles(context, name, files.indicators, files.observations)
  return { ms: performance.now() - start, rows: outcome.observations.added }
}

async function loadData(targets: readonly Target[], dir: string): Promise<void> {
  const plans = importOnly ? importPlans : scale.organisations
  log(
    importOnly
      ? `Loading ${count(rowsPerPlan(scale) * importPlans)} observations in ${importPlans} plans through the import service (--only import)`
      : `Loading ${count(totalRows(scale))} observations in ${scale.organisations} plans: ${importPlans} through the import service, the rest raw`,
  )
  for (let organisation = 0; organisation < plans; organisation += 1) {
    const plan = generatePlan(scale, organisation)
    const rows = rawRows(plan)
    if (organisation < importPlans) {
      const planDir = join(dir, `plan-${organisation}`)
      mkdirSync(planDir)
      const files = await writePlanFiles(plan, planDir)
      for (const target of targets) {
        log(`  ${target.dialect}: importing "${plan.name}" (${count(rows.length)} observations)`)
        const { ms, rows: added } = await importThroughService(target, plan.name, files)
        target.importMs += ms
        target.importRows += added
        log(
          `  ${target.dialect}: imported in ${(ms / 1000).toFixed(1)} s (${count(added / (ms / 1000))} rows a second)`,
        )
        for (const method of onlyHttp ? [] : target.raw.methods) {
          const rawMs = await target.raw.load(plan, rows, method)
          target.rawMs.set(method, (target.rawMs.get(method) ?? 0) + rawMs)
          log(`  ${target.dialect}: the same rows raw (${method}) in ${(rawMs / 1000).toFixed(2)} s`)
        }
      }
      rmSync(planDir, { recursive: true, force: true })
    } else {
      for (const target of targets) {
        target.bulkMs += await target.bulk.load(plan, rows)
        target.bulkRows += rows.length
      }
      if ((organisation + 1) % 10 === 0 || organisation + 1 === scale.organisations)
        log(`  bulk-loaded plans ${importPlans + 1} to ${organisation + 1} of ${scale.organisations}`)
    }
  }
}

/** Every status and direction of travel of every observation, plan by plan: read from the database, judge. */
async function recomputeAll(target: Target): Promise<{ loadMs: number; computeMs: number; results: number }> {
  let loadMs = 0
  let computeMs = 0
  let results = 0
  for (const plan of await target.services.plans.list()) {
    let start = performance.now()
    const data = await target.services.plans.loadPlan(plan.name)
    loadMs += performance.now() - start
    start = performance.now()
    for (const { indicator, observations } of data.indicators)
      results += evaluateHistory(indicator, observations).length
    computeMs += performance.now() - start
  }
  return { loadMs, computeMs, results }
}

async function measureTargetHttp(target: Target): Promise<HttpResult> {
  const user = { email: 'bench@outturn.example', password: 'bench-viewer-password' }
  await target.services.auth.addUser({ ...user, name: 'Benchmark viewer', role: 'viewer' })
  const plan = await target.services.plans.bySlugOrName(planName(scale, 0))
  const quarter = judgedQuarter(scale)
  const routes = [
    { name: 'dashboard', path: paths.dashboard(plan.slug, quarter) },
    { name: 'indicator page', path: paths.indicator(plan.slug, 'PI 0001', quarter) },
    {
      name: 'report JSON',
      path: `/api/plans/${plan.slug}/report?${new URLSearchParams({ period: formatPeriod(quarter) }).toString()}`,
    },
  ]
  return measureHttp(target.location, user, routes, httpLoad, log)
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'outturn-bench-'))
  const pgTarget = postgresTarget()
  const dialects: ('sqlite' | 'postgres')[] = pgTarget ? ['sqlite', 'postgres'] : ['sqlite']
  const targets: Target[] = []
  const results: DatabaseResult[] = []
  let judge: JudgeResult | null = null
  let reports: ReportTiming[] = []
  let ceiling: CeilingResult | null = null
  try {
    for (const dialect of dialects) targets.push(await openTarget(dialect, dir))
    log(
      `Outturn benchmark, ${scale.name} scale${quick ? ' (quick)' : ''}: ${scale.organisations} plans of ${scale.indicatorsPerOrganisation} indicators, ${scale.years} years ${scale.frequency} (${count(rowsPerPlan(scale))} observations a plan), on ${dialects.join(' and ')}`,
    )
    await loadData(targets, dir)
    if (pgTarget) {
      const start = performance.now()
      await analyse(pgTarget.serverUrl, pgTarget.schema)
      log(`postgres: statistics brought up to date (ANALYZE) in ${((performance.now() - start) / 1000).toFixed(1)} s`)
    }

    for (const target of targets) {
      const fastestRaw = Math.min(...target.rawMs.values())
      const baseline = [...target.rawMs].find(([, ms]) => ms === fastestRaw)?.[0] ?? null
      const imported = {
        dialect: target.dialect,
        importRows: target.importRows,
        importMs: target.importMs,
        rawMs: Object.fromEntries(target.rawMs),
        baseline,
        importRatio: target.importMs > 0 && target.rawMs.size > 0 ? fastestRaw / target.importMs : null,
        bulkRows: target.bulkRows,
        bulkMs: target.bulkMs,
      }
      if (importOnly) {
        results.push({ ...imported, recompute: null, http: null })
        continue
      }
      // A run of the pages alone leaves the recompute out (its rows are not shown, and its JSON figure is null).
      let recompute = { loadMs: 0, computeMs: 0, results: 0 }
      if (!onlyHttp) {
        log(`${target.dialect}: recomputing every status and direction of travel`)
        recompute = await recomputeAll(target)
        log(
          `  ${count(recompute.results)} judgements in ${((recompute.loadMs + recompute.computeMs) / 1000).toFixed(1)} s (reading ${(recompute.loadMs / 1000).toFixed(1)} s, judging ${(recompute.computeMs / 1000).toFixed(1)} s)`,
        )
      }
      log(`${target.dialect}: HTTP`)
      const http = await measureTargetHttp(target)
      results.push({ ...imported, recompute, http })
    }

    const pages = results[0]?.http?.routes
    if (pages) {
      log('The ceiling the bytes set: a bare server sending responses of the same sizes')
      ceiling = await measureCeiling(
        pages.map((r) => r.bytes),
        httpLoad,
        log,
      )
    }

    if (!onlyHttp && !importOnly) {
      log('Engine: judging one quarter')
      judge = measureJudging(judgeIndicators, log)
      log('Committee report, per format')
      reports = await measureReports(reportRuns, log)
    }
  } finally {
    for (const target of targets) {
      await target.bulk.close()
      await target.raw.close()
      await target.close()
    }
    if (pgTarget) await dropSchemas(pgTarget.serverUrl, [pgTarget.schema, pgTarget.rawSchema])
    rmSync(dir, { recursive: true, force: true })
  }

  const report: BenchReport = {
    scale,
    quick,
    onlyHttp,
    importPlans,
    observations: totalRows(scale),
    date: new Date().toISOString().slice(0, 10),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: totalmem() / 1024 ** 3,
      node: process.version,
      postgres: pgTarget ? await postgresVersion(pgTarget.serverUrl) : null,
    },
    databases: results,
    ceiling,
    judge,
    reports,
    durationSec: (performance.now() - began) / 1000,
  }
  process.stdout.write(renderTable(report))
  // A partial run would leave BENCHMARKS.md's section without its other measures: only on request.
  const outName = options.out ?? (options.only === undefined ? 'BENCHMARKS.md' : null)
  if (outName !== null) {
    const out = resolve(outName)
    let existing = ''
    try {
      existing = readFileSync(out, 'utf8')
    } catch {
      // A new file.
    }
    writeFileSync(out, updateBenchmarks(existing, scale.name, renderMarkdown(report)))
    log(`Wrote the ${scale.name} section of ${out}.`)
  }
  if (options.json) process.stdout.write(`${JSON.stringify(jsonSummary(report))}\n`)
}

/** The figures for tools: SQLite's (the default database) under the plain keys, PostgreSQL's with a suffix. */
function jsonSummary(report: BenchReport): Record<string, unknown> {
  const sqlite = report.databases.find((d) => d.dialect === 'sqlite')
  const postgres = report.databases.find((d) => d.dialect === 'postgres')
  const route = (d: DatabaseResult | undefined, name: string) => d?.http?.routes.find((r) => r.name === name)
  const round = (n: number | null | undefined, places = 3): number | null =>
    n === null || n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(places))
  const perDatabase = (d: DatabaseResult | undefined) => ({
    recomputeAllSec: report.onlyHttp
      ? null
      : round(d?.recompute && (d.recompute.loadMs + d.recompute.computeMs) / 1000, 2),
    dashboardRatio: round(route(d, 'dashboard')?.ratio, 4),
    dashboardP99Ms: round(route(d, 'dashboard')?.p99Ms, 1),
    indicatorRatio: round(route(d, 'indicator page')?.ratio, 4),
    indicatorP99Ms: round(route(d, 'indicator page')?.p99Ms, 1),
    reportJsonRatio: round(route(d, 'report JSON')?.ratio, 4),
    reportJsonP99Ms: round(route(d, 'report JSON')?.p99Ms, 1),
    serverRssMb: round(d?.http?.rssUnderLoadMb, 0),
    serverRssAfterWarmUpMb: round(d?.http?.rssAfterWarmUpMb, 0),
    helloRequestsPerSec: round(d?.http?.hello.requestsPerSecond, 0),
    // Each page's requests a second over a bare server's sending the same bytes: how near it is to that ceiling.
    dashboardOfCeiling: round(ofCeiling(d, 0), 3),
    indicatorOfCeiling: round(ofCeiling(d, 1), 3),
    reportJsonOfCeiling: round(ofCeiling(d, 2), 3),
  })
  const ofCeiling = (d: DatabaseResult | undefined, index: number): number | null => {
    const page = d?.http?.routes[index]
    const bare = report.ceiling?.sizes[index]
    return page && bare ? page.requestsPerSecond / bare.requestsPerSecond : null
  }
  const word = report.reports.find((r) => r.format === 'docx')
  const pg = perDatabase(postgres)
  return {
    scale: report.scale.name,
    quick: report.quick,
    observations: report.observations,
    importRatioSqlite: round(sqlite?.importRatio),
    importRatioPostgres: round(postgres?.importRatio),
    importBaselinePostgres: postgres?.baseline ?? null,
    judgeQuarter100kMs: round(report.judge && (report.judge.engineMs * 100_000) / report.judge.indicators, 0),
    judgeQuarterIndicators: report.judge?.indicators ?? null,
    judgeBareLoop100kMs: round(report.judge && (report.judge.bareLoopMs * 100_000) / report.judge.indicators, 1),
    ...perDatabase(sqlite),
    ...Object.fromEntries(Object.entries(pg).map(([key, value]) => [`${key}Postgres`, value])),
    wordReport50Ms: round(word?.ms, 0),
    bareHelloRequestsPerSec: round(report.ceiling?.hello.requestsPerSecond, 0),
    bareSameBytesRatios:
      report.ceiling?.sizes.map((c) =>
        round(c.requestsPerSecond / (sqlite?.http?.hello.requestsPerSecond ?? NaN), 4),
      ) ?? null,
    durationSec: round(report.durationSec, 0),
  }
}

await main()
