import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { after, describe, it, type TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import pg from 'pg'
import {
  type Scale,
  type SyntheticObservation,
  type SyntheticPlan,
  generatePlan,
  seeded,
  writePlanFiles,
} from '../../scripts/bench/generate.ts'
import { formatPeriod } from '../../src/domain/periods/period.ts'
import { type Services, createServices } from '../../src/services/index.ts'
import { countAuditEvents } from '../../src/store/audit.repository.ts'
import { openDatabase } from '../../src/store/database.ts'
import { type ObservationColumns, observationColumns } from '../../src/store/observation.repository.ts'
import type { Database } from '../../src/store/schema.ts'
import { DIALECTS, TEST_POSTGRES_URL, createTestDatabase } from '../helpers/databases.ts'
import { assertIntegrity, assertTrailMatches } from '../helpers/integrity.ts'

/**
 * `outturn import` killed with SIGKILL at random points, 20 times on each database, each trial importing again into
 * the same database. Every trial must leave the whole file imported or none of it, a sound database, and an audit
 * trail that replays to the stored figures; a second process reading all the while never sees part of an import.
 *
 * Replay a failure with the seed it prints: OUTTURN_CRASH_SEED=<seed> node --import tsx --test <this file>.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
const TRIALS = 20
const SEED = process.env.OUTTURN_CRASH_SEED ? Number(process.env.OUTTURN_CRASH_SEED) : randomInt(2 ** 31)

/** 100 monthly indicators over 8 years: 10,400 rows (0.4 MB), enough for the import to report its writing. */
const SCALE: Scale = {
  name: 'small',
  organisations: 1,
  indicatorsPerOrganisation: 100,
  years: 8,
  frequency: 'monthly',
  lastYear: 2024,
}
const SHARED = 'Crash shared plan'

const scratch = mkdtempSync(join(tmpdir(), 'outturn-crash-'))
after(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** A new plan for a trial: its own indicators and figures, from the generator's seed for that number. */
function newPlan(trial: number): SyntheticPlan {
  return { ...generatePlan(SCALE, trial), name: `Crash trial ${String(trial).padStart(2, '0')}` }
}

/** The shared plan as a version of it: every actual of version v ends in ".vv1" (version 0 as generated). */
function sharedPlan(version: number): SyntheticPlan {
  const base = { ...generatePlan(SCALE, 0), name: SHARED }
  if (version === 0) return base
  const suffix = `.${String(version).padStart(2, '0')}1`
  return {
    ...base,
    observations: base.observations.map((o) =>
      o.actual === '' ? o : { ...o, actual: `${o.actual.split('.')[0] ?? ''}${suffix}` },
    ),
  }
}

function versionOf(actual: string): number {
  const match = /\.(\d\d)1$/.exec(actual)
  return match ? Number(match[1]) : 0
}

function expectedColumns(o: SyntheticObservation): ObservationColumns {
  const empty = (text: string): string | null => (text === '' ? null : text)
  return {
    data_period: null,
    actual: empty(o.actual),
    target: empty(o.target),
    estimated: o.estimated === 'yes' ? 1 : 0,
    status: empty(o.status),
    not_reported: empty(o.notReported),
    note: empty(o.note),
    numerator: null,
    denominator: null,
  }
}

/** Asserts that the plan held is exactly the file: every indicator, and every row's figures. */
async function assertPlanIs(services: Services, plan: SyntheticPlan): Promise<void> {
  const data = await services.plans.loadPlan(plan.name)
  assert.deepEqual(
    data.indicators.map(({ indicator }) => indicator.ref).sort(),
    plan.indicators.map((indicator) => indicator.ref).sort(),
    `${plan.name}: the indicators`,
  )
  const stored = new Map<string, ObservationColumns>()
  for (const { indicator, observations } of data.indicators)
    for (const observation of observations)
      stored.set(`${indicator.ref} ${formatPeriod(observation.period)}`, observationColumns(observation))
  assert.equal(stored.size, plan.observations.length, `${plan.name}: the number of observations`)
  for (const row of plan.observations)
    assert.deepEqual(
      stored.get(`${row.ref} ${row.period}`),
      expectedColumns(row),
      `${plan.name}: ${row.ref} ${row.period}`,
    )
}

async function assertTrail(services: Services, name: string): Promise<number> {
  const trail = await services.plans.auditTrail(name)
  assertTrailMatches(await services.plans.loadPlan(name), trail)
  return trail.length
}

interface Totals {
  readonly plans: number
  readonly observations: number
  readonly events: number
  /** The newest audit event's id: what the reader compares with, an index look-up rather than a count. */
  readonly lastEvent: number
}

async function totals(db: Kysely<Database>): Promise<Totals> {
  const { rows } = await sql<{ plans: unknown; observations: unknown; last: unknown }>`
    select (select count(*) from plans) as plans, (select count(*) from observations) as observations,
      (select coalesce(max(id), 0) from audit_events) as last
  `.execute(db)
  const row = rows[0]
  return {
    plans: Number(row?.plans),
    observations: Number(row?.observations),
    events: await countAuditEvents(db),
    lastEvent: Number(row?.last),
  }
}

/** What one import run did: how it ended, and when (ms since it was started). */
interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
  /** When its first "Writing ..." progress line arrived: the import's transaction was under way. */
  readonly writingAt: number | null
  readonly endedAt: number
  readonly killedAt: number | null
}

type Kill = { readonly anchor: 'start' | 'writing'; readonly delayMs: number } | null

/** Runs `outturn import` as its own process (the built command line, bin/outturn.js on dist/), killing it as told. */
function runImport(location: string, name: string, files: { indicators: string; observations: string }, kill: Kill) {
  const args = [BIN, '--database', location, 'import', '--plan', name]
  const child = spawn(process.execPath, [...args, files.indicators, files.observations], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const started = performance.now()
  let stderr = ''
  let writingAt: number | null = null
  let killedAt: number | null = null
  const killNow = (): void => {
    if (child.exitCode === null && child.signalCode === null) {
      killedAt = performance.now() - started
      child.kill('SIGKILL')
    }
  }
  const arm = (): void => {
    if (kill) setTimeout(killNow, kill.delayMs)
  }
  if (kill?.anchor === 'start') arm()
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk
    if (writingAt === null && /Writing/.test(stderr)) {
      writingAt = performance.now() - started
      if (kill?.anchor === 'writing') arm()
    }
  })
  return new Promise<Run>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal, stderr, writingAt, endedAt: performance.now() - started, killedAt })
    })
  })
}

/**
 * A second process's view while the import runs: one statement (one snapshot) counting the plan's rows, so a
 * partial import would show as a count between none and all.
 */
function watch(db: Kysely<Database>, query: () => RawBuilder<{ plans: unknown; rows: unknown; events: unknown }>) {
  const seen: { plans: number; rows: number; events: number }[] = []
  const state = { stopped: false }
  const loop = (async () => {
    while (!state.stopped) {
      const { rows } = await query().execute(db)
      const row = rows[0]
      seen.push({ plans: Number(row?.plans), rows: Number(row?.rows), events: Number(row?.events) })
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  })()
  return {
    stop: async () => {
      state.stopped = true
      await loop
      return seen
    },
  }
}

/** On PostgreSQL, waits until the killed client's server process has gone (it may be mid-statement when killed). */
async function waitForBackends(applicationName: string | null): Promise<void> {
  if (applicationName === null || !TEST_POSTGRES_URL) return
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL })
  await client.connect()
  try {
    const deadline = performance.now() + 60_000
    for (;;) {
      const { rows } = await client.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where application_name = $1',
        [applicationName],
      )
      if (Number(rows[0]?.n) === 0) return
      if (performance.now() > deadline) throw new Error(`The killed import's server process is still running.`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  } finally {
    await client.end()
  }
}

async function runTrials(dialect: 'sqlite' | 'postgres', t: TestContext): Promise<void> {
  const testDb = createTestDatabase(dialect)
  const dir = join(scratch, dialect)
  mkdirSync(dir)
  // The import's own connections carry a name, so the test can wait for a killed one's server process to end.
  let cliLocation = testDb.location
  let applicationName: string | null = null
  if (dialect === 'postgres') {
    const url = new URL(testDb.location)
    applicationName = `crash_${url.searchParams.get('schema') ?? ''}`
    url.searchParams.set('application_name', applicationName)
    cliLocation = url.toString()
  }
  const sqliteFile = dialect === 'sqlite' ? testDb.location : null
  const random = seeded(SEED + (dialect === 'sqlite' ? 0 : 1_000_003))
  const filesOf = async (plan: SyntheticPlan, label: string) => {
    const folder = join(dir, label)
    mkdirSync(folder)
    return writePlanFiles(plan, folder)
  }

  // The first import, never killed, sets the database up and times a run: start-up to exit, and the writing.
  const first = await runImport(cliLocation, SHARED, await filesOf(sharedPlan(0), 'shared-0'), null)
  assert.equal(first.code, 0, first.stderr)
  assert.ok(first.writingAt !== null, 'the import reports its writing on standard error')
  const runMs = first.endedAt
  const writeMs = first.endedAt - first.writingAt
  t.diagnostic(
    `${dialect}: seed ${SEED}; an uninterrupted import takes ${Math.round(runMs)} ms, ${Math.round(writeMs)} ms of it writing`,
  )

  const reader = await openDatabase(testDb.location)
  const services = createServices(reader.db)
  const outcomes = { none: 0, all: 0, killedWhileWriting: 0, exitedFirst: 0 }
  try {
    await assertPlanIs(services, sharedPlan(0))
    await assertTrail(services, SHARED)
    await assertIntegrity(reader.db, sqliteFile)
    let sharedVersion = 0
    const created: SyntheticPlan[] = []

    for (let trial = 1; trial <= TRIALS + 1; trial += 1) {
      const final = trial > TRIALS
      const kind = trial % 2 === 1 ? 'new plan' : 'update'
      const plan = kind === 'new plan' ? newPlan(trial) : sharedPlan(trial)
      const files = await filesOf(plan, `trial-${trial}`)
      // Half the kills count from start-up (some land before the import begins, some after it ends), half from the
      // first sign of writing (most land inside the transaction); the last run is never killed.
      const kill: Kill = final
        ? null
        : random() < 0.5
          ? { anchor: 'start', delayMs: Math.round(random() * runMs * 1.3) }
          : { anchor: 'writing', delayMs: Math.round(random() * writeMs * 2) }
      const before = await totals(reader.db)
      const fullRows =
        kind === 'new plan' ? plan.observations.length : plan.observations.filter((o) => o.actual !== '').length
      const pattern = `%.${String(trial).padStart(2, '0')}1`
      const watcher = watch(reader.db, () =>
        kind === 'new plan'
          ? sql`select (select count(*) from plans where name = ${plan.name}) as plans,
                  (select count(*) from observations o join indicators i on i.id = o.indicator_id
                     join plans p on p.id = i.plan_id where p.name = ${plan.name}) as rows,
                  (select coalesce(max(id), 0) from audit_events) as events`
          : sql`select 1 as plans,
                  (select count(*) from observations o join indicators i on i.id = o.indicator_id
                     join plans p on p.id = i.plan_id where p.name = ${SHARED} and o.actual like ${pattern}) as rows,
                  (select coalesce(max(id), 0) from audit_events) as events`,
      )
      const run = await runImport(cliLocation, plan.name, files, kill)
      await waitForBackends(applicationName)
      const seen = await watcher.stop()
      const killed = run.signal === 'SIGKILL'
      const what = kill
        ? `kill ${kill.delayMs} ms after ${kill.anchor === 'start' ? 'start-up' : 'writing began'}`
        : 'no kill'
      const label = `${dialect} trial ${trial}/${TRIALS} (${kind}, ${what})`
      if (!killed) assert.equal(run.code, 0, `${label}: an import that was not killed succeeds\n${run.stderr}`)

      const after = await totals(reader.db)
      let outcome: 'none' | 'all'
      if (kind === 'new plan') {
        outcome = (await services.plans.list()).some((p) => p.name === plan.name) ? 'all' : 'none'
        if (outcome === 'all') {
          await assertPlanIs(services, plan)
          const events = await assertTrail(services, plan.name)
          assert.deepEqual(
            [after.plans, after.observations, after.events],
            [before.plans + 1, before.observations + plan.observations.length, before.events + events],
          )
          created.push(plan)
        }
      } else {
        const data = await services.plans.loadPlan(SHARED)
        const versions = new Set<number>()
        for (const { observations } of data.indicators)
          for (const o of observations) if (o.actual !== null) versions.add(versionOf(o.actual))
        assert.equal(
          versions.size,
          1,
          `${label}: the shared plan holds one version, not ${[...versions].join(' and ')}`,
        )
        const held = [...versions][0] ?? -1
        assert.ok(held === sharedVersion || held === trial, `${label}: version ${held}`)
        outcome = held === trial ? 'all' : 'none'
        await assertPlanIs(services, sharedPlan(held))
        if (outcome === 'all') {
          await assertTrail(services, SHARED)
          assert.equal(after.observations, before.observations)
          assert.ok(after.events > before.events, `${label}: the update is in the audit trail`)
          sharedVersion = trial
        }
      }
      if (outcome === 'none') assert.deepEqual(after, before, `${label}: nothing of the import is held`)
      if (!killed) assert.equal(outcome, 'all', `${label}: an import that finished is held whole`)
      await assertIntegrity(reader.db, sqliteFile)

      // What the reader saw: never part of the import, and its audit events exactly when its rows.
      for (const sample of seen) {
        assert.ok(
          sample.rows === 0 || sample.rows === fullRows,
          `${label}: a reader saw ${sample.rows} of ${fullRows} rows`,
        )
        assert.equal(
          sample.events === before.lastEvent,
          sample.rows === 0,
          `${label}: a reader saw rows and events apart`,
        )
        if (kind === 'new plan') assert.equal(sample.plans, sample.rows === 0 ? 0 : 1)
      }

      if (!final) {
        outcomes[outcome] += 1
        if (!killed) outcomes.exitedFirst += 1
        if (killed && run.writingAt !== null && outcome === 'none') outcomes.killedWhileWriting += 1
      }
      t.diagnostic(
        `${label}: ${killed ? `killed at ${Math.round(run.killedAt ?? 0)} ms` : `exited ${String(run.code)} at ${Math.round(run.endedAt)} ms`}` +
          `${run.writingAt === null ? ', before writing' : `, writing from ${Math.round(run.writingAt)} ms`}; ${outcome}; the reader looked ${seen.length} times`,
      )
    }

    // Every plan held is still whole and accounted for, after twenty crashes around it.
    for (const plan of created) {
      await assertPlanIs(services, plan)
      await assertTrail(services, plan.name)
    }
    await assertPlanIs(services, sharedPlan(sharedVersion))
    await assertTrail(services, SHARED)
    t.diagnostic(
      `${dialect}: ${TRIALS} trials: ${outcomes.none} none, ${outcomes.all} all (${outcomes.exitedFirst} finished before the kill); ` +
        `${outcomes.killedWhileWriting} killed inside the transaction (after writing began, nothing held)`,
    )
    assert.ok(outcomes.killedWhileWriting > 0, "some kills landed inside the import's transaction")
  } finally {
    await reader.close()
    await testDb.drop()
  }
}

describe('outturn import killed at random points', { concurrency: true }, () => {
  for (const dialect of DIALECTS) {
    it(`leaves all or nothing, a sound database and a matching audit trail on ${dialect}, ${TRIALS} times`, async (t) => {
      await runTrials(dialect, t)
    })
  }
})
