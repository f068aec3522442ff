/**
 * `npm run load`: many people using Outturn at once. Starts the web app (in a process of its own) on a fresh
 * database with the demo, signs in `--users` people (one in five a performance officer, the rest indicator owners,
 * each created through the services), and for `--seconds` each connection plays one person at a time: the
 * dashboard, their indicator's page, the data-entry form (whose CSRF token it reads, as a browser does) and a post
 * of a new figure for a period nobody else writes, with a value that identifies it. Afterwards every accepted post
 * is looked for in the database and in the audit trail.
 *
 *   npm run load -- [--seconds 60] [--users 50] [--database-url postgres://...] [--json]
 *
 * Prints a summary (requests, requests a second, p50/p99 latency, errors, accepted and lost writes) and, with
 * --json, one JSON object on the last line. Exits 1 when any request failed or any accepted write is missing.
 * Traffic goes to 127.0.0.1 only; the run stops by itself.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import autocannon, { type Result } from 'autocannon'
import pg from 'pg'
import { formatPeriod } from '../src/domain/periods/period.ts'
import { openServices } from '../src/services/index.ts'
import { signIn } from './bench/http.ts'

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    users: { type: 'string', default: '50' },
    'database-url': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})
const seconds = Number(options.seconds)
const userCount = Number(options.users)
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) fail('--seconds must be a whole number from 1 to 600.')
if (!Number.isInteger(userCount) || userCount < 1 || userCount > 500)
  fail('--users must be a whole number from 1 to 500.')
const databaseUrl = options['database-url'] ?? process.env.OUTTURN_LOAD_DATABASE_URL ?? null

function fail(message: string): never {
  process.stderr.write(`load: ${message}\n`)
  process.exit(2)
}
const log = (text: string): void => {
  process.stderr.write(`${text}\n`)
}
const count = (n: number): string => Math.round(n).toLocaleString('en-GB')
const plural = (n: number, noun: string): string => `${count(n)} ${noun}${n === 1 ? '' : 's'}`

const PLAN = 'Load test plan'
const SLUG = 'load-test-plan'
const DASHBOARD = '/plans/trafford-adp-2013-14?period=2013%2F14%20Q2'
/** Each person writes their own indicator, a month at a time from April 2030: a period nobody else touches. */
const FIRST_YEAR = 2030

interface Person {
  readonly index: number
  readonly email: string
  readonly password: string
  readonly role: 'officer' | 'owner'
  readonly ref: string
  cookie: string
  nextSlot: number
}

interface Slot {
  readonly person: Person
  readonly period: string
  readonly value: string
  state: 'sent' | 'accepted' | 'refused'
}

function refOf(index: number): string {
  return `LT ${String(index + 1).padStart(3, '0')}`
}

function monthOf(n: number): string {
  const month = (3 + n) % 12
  const year = FIRST_YEAR + Math.floor((3 + n) / 12)
  return formatPeriod({ kind: 'month', year, month: month + 1 })
}

/** The load test's own plan: one monthly indicator per person, with a year of figures so its pages have content. */
function planFiles(): { indicators: string; observations: string } {
  const indicators = ['ref,title,theme,frequency,polarity,value_type,unit,accumulation,tolerance_pct,dot_basis']
  const observations = ['ref,period,actual,target']
  for (let i = 0; i < userCount; i += 1) {
    indicators.push(
      `${refOf(i)},Cases closed within 20 days team ${i + 1},Load,monthly,higher,number,count,point,10,previous`,
    )
    for (let m = 0; m < 12; m += 1)
      observations.push(
        `${refOf(i)},${formatPeriod({ kind: 'month', year: 2023, month: ((m + 3) % 12) + 1 })},${40 + m},45`,
      )
  }
  return { indicators: `${indicators.join('\n')}\n`, observations: `${observations.join('\n')}\n` }
}

function indicatorPathOf(person: Person): string {
  return `/plans/${SLUG}/indicators/${encodeURIComponent(person.ref)}?period=2023-09`
}

/** Signs in through the sign-in form as a browser does: the CSRF cookie and the session cookie, together. */
async function signInPerson(base: string, person: Person): Promise<void> {
  person.cookie = await signIn(base, person.email, person.password, DASHBOARD)
}

async function startServer(location: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(new URL('./bench/server.ts', import.meta.url)), [location], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`The server stopped before listening (exit ${String(code)}).`)
    }),
  ])) as [{ port: number }]
  return { child, port: message.port }
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit')
  child.send('stop')
  await exited
}

async function main(): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'outturn-load-'))
  let location = join(scratch, 'outturn.sqlite')
  let schema: string | null = null
  if (databaseUrl) {
    schema = `load_${randomBytes(4).toString('hex')}`
    const url = new URL(databaseUrl)
    url.searchParams.set('schema', schema)
    location = url.toString()
  }
  const kind = databaseUrl ? 'PostgreSQL' : 'SQLite'
  try {
    log(`Setting up ${kind}: the demo, the load test plan, ${userCount} people...`)
    const people: Person[] = []
    {
      const { services, close } = await openServices(location)
      try {
        await services.demo.loadPlan('system:load')
        const files = planFiles()
        await services.imports.importPlan({
          planName: PLAN,
          indicatorsFile: { name: 'indicators.csv', content: Buffer.from(files.indicators) },
          observationsFile: { name: 'observations.csv', content: Buffer.from(files.observations) },
          actor: 'system:load',
        })
        for (let i = 0; i < userCount; i += 1) {
          const person: Person = {
            index: i,
            email: `load-${i + 1}@council.example`,
            password: `load-test-password-${i + 1}`,
            role: i % 5 === 0 ? 'officer' : 'owner',
            ref: refOf(i),
            cookie: '',
            nextSlot: 0,
          }
          await services.auth.addUser({
            email: person.email,
            name: `Load ${person.role} ${i + 1}`,
            role: person.role,
            password: person.password,
          })
          if (person.role === 'owner') await services.auth.assign(person.email, person.ref, PLAN)
          people.push(person)
        }
      } finally {
        await close()
      }
    }

    const server = await startServer(location)
    const base = `http://127.0.0.1:${server.port}`
    const slots: Slot[] = []
    const statuses = new Map<string, Map<number, number>>()
    const note = (route: string, status: number): void => {
      const byStatus = statuses.get(route) ?? new Map<number, number>()
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
      statuses.set(route, byStatus)
    }
    let result: Result
    try {
      for (let i = 0; i < people.length; i += 5)
        await Promise.all(people.slice(i, i + 5).map((p) => signInPerson(base, p)))
      // Warm up as the benchmark does: the first dashboard judges the plan, later ones read what it remembered.
      const first = people[0]
      if (first)
        for (const path of [
          DASHBOARD,
          indicatorPathOf(first),
          `/plans/${SLUG}/indicators/${encodeURIComponent(first.ref)}/entry?period=2023-09`,
        ]) {
          const response = await fetch(`${base}${path}`, { headers: { cookie: first.cookie } })
          await response.arrayBuffer()
          if (response.status !== 200) throw new Error(`${path} answered ${response.status} while warming up.`)
        }
      log(`Signed in ${people.length} people. Loading for ${seconds} s with ${people.length} connections...`)

      // Each connection plays one person per round of four requests, taking the people in turn.
      let turn = 0
      interface Context {
        person?: Person
        slot?: Slot
        csrf?: string
      }
      const personOf = (context: Context): Person => {
        if (!context.person) throw new Error('A round began without a person.')
        return context.person
      }
      result = await autocannon({
        url: base,
        connections: people.length,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'GET',
            setupRequest: (request, context: Context) => {
              const person = people[turn % people.length]
              if (!person) throw new Error('No one to play.')
              turn += 1
              context.person = person
              return { ...request, path: DASHBOARD, headers: { cookie: person.cookie } }
            },
            onResponse: (status) => {
              note('dashboard', status)
            },
          },
          {
            method: 'GET',
            setupRequest: (request, context: Context) => {
              const person = personOf(context)
              return { ...request, path: indicatorPathOf(person), headers: { cookie: person.cookie } }
            },
            onResponse: (status) => {
              note('indicator page', status)
            },
          },
          {
            method: 'GET',
            setupRequest: (request, context: Context) => {
              const person = personOf(context)
              const n = person.nextSlot
              person.nextSlot += 1
              const slot: Slot = {
                person,
                period: monthOf(n),
                value: String(1_000_000 + person.index * 10_000 + n),
                state: 'sent',
              }
              context.slot = slot
              const path = `/plans/${SLUG}/indicators/${encodeURIComponent(person.ref)}/entry?period=${slot.period}`
              return { ...request, path, headers: { cookie: person.cookie } }
            },
            onResponse: (status, body, context: Context) => {
              note('entry form', status)
              context.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? ''
            },
          },
          {
            method: 'POST',
            setupRequest: (request, context: Context) => {
              const person = personOf(context)
              const slot = context.slot
              if (!slot) throw new Error('A post without a slot.')
              slots.push(slot)
              const path = `/plans/${SLUG}/indicators/${encodeURIComponent(person.ref)}/entry?period=${slot.period}`
              const body = new URLSearchParams({
                _csrf: context.csrf ?? '',
                actual: slot.value,
                dataPeriod: '',
                notReported: '',
                note: '',
                reason: '',
              }).toString()
              return {
                ...request,
                path,
                body,
                headers: { cookie: person.cookie, 'content-type': 'application/x-www-form-urlencoded' },
              }
            },
            onResponse: (status, _body, context: Context) => {
              note('entry post', status)
              if (context.slot) context.slot.state = status === 303 ? 'accepted' : 'refused'
            },
          },
        ],
      })
    } finally {
      await stopServer(server.child)
    }

    // Every request answered as a browser expects: pages 200, a saved form a 303 redirect.
    const expected: Record<string, number> = {
      dashboard: 200,
      'indicator page': 200,
      'entry form': 200,
      'entry post': 303,
    }
    let unexpected = 0
    for (const [route, byStatus] of statuses)
      for (const [status, n] of byStatus) if (status !== expected[route]) unexpected += n
    const errors = unexpected + result.errors + result.timeouts

    log('Checking every accepted write in the database and the audit trail...')
    const { services, close } = await openServices(location)
    let lost = 0
    let auditEvents = 0
    let inFlightWritten = 0
    const accepted = slots.filter((s) => s.state === 'accepted')
    const inFlight = slots.filter((s) => s.state === 'sent')
    try {
      const data = await services.plans.loadPlan(PLAN)
      const stored = new Map<string, string | null>()
      for (const { indicator, observations } of data.indicators)
        for (const o of observations) stored.set(`${indicator.ref} ${formatPeriod(o.period)}`, o.actual)
      const trail = (await services.plans.auditTrail(PLAN)).filter((e) => e.source === 'web')
      auditEvents = trail.length
      const audited = new Map(trail.map((e) => [`${e.ref} ${e.period ?? ''}`, e]))
      for (const slot of accepted) {
        const key = `${slot.person.ref} ${slot.period}`
        const event = audited.get(key)
        const kept =
          stored.get(key) === slot.value &&
          event?.field === 'actual' &&
          event.newValue === slot.value &&
          event.actor === slot.person.email
        if (!kept) lost += 1
      }
      // Posts still in flight when the run stopped had no answer: each may or may not have been saved.
      for (const slot of inFlight)
        if (stored.get(`${slot.person.ref} ${slot.period}`) === slot.value) inFlightWritten += 1
    } finally {
      await close()
    }
    const auditMatches = auditEvents === accepted.length + inFlightWritten

    const summary = {
      database: kind,
      seconds,
      users: people.length,
      officers: people.filter((p) => p.role === 'officer').length,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average * 10) / 10,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors,
      unexpectedStatuses: unexpected,
      connectionErrors: result.errors,
      timeouts: result.timeouts,
      acceptedWrites: accepted.length,
      refusedWrites: slots.filter((s) => s.state === 'refused').length,
      lostWrites: lost,
      inFlightAtStop: inFlight.length,
      inFlightWritten,
      auditEvents,
      auditMatches,
      byRoute: Object.fromEntries([...statuses].map(([route, byStatus]) => [route, Object.fromEntries(byStatus)])),
    }
    const lines = [
      `Load: ${seconds} s, ${summary.users} people (${plural(summary.officers, 'officer')}, ${plural(summary.users - summary.officers, 'owner')}) on ${kind}`,
      `  requests          ${count(summary.requests)} (${summary.requestsPerSecond} a second)`,
      `  latency           p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms`,
      ...[...statuses].map(
        ([route, byStatus]) =>
          `    ${route.padEnd(16)}${[...byStatus].map(([status, n]) => `${count(n)} × ${status}`).join(', ')}`,
      ),
      `  errors            ${summary.errors} (${unexpected} unexpected statuses, ${result.errors} connection errors, ${result.timeouts} timeouts)`,
      `  accepted writes   ${count(accepted.length)}`,
      `  lost writes       ${lost}`,
      `  in flight at stop ${inFlight.length} (${inFlightWritten} of them saved)`,
      `  audit events      ${count(auditEvents)} (${auditMatches ? 'equal to' : 'NOT equal to'} the accepted writes plus those saved in flight)`,
    ]
    process.stdout.write(`${lines.join('\n')}\n`)
    if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`)
    return errors === 0 && lost === 0 && auditMatches ? 0 : 1
  } finally {
    rmSync(scratch, { recursive: true, force: true })
    if (databaseUrl && schema) {
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      await client.query(`drop schema if exists ${schema} cascade`)
      await client.end()
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  },
)
