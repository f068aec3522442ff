/** The benchmark's results: a table for people, and the scale's section of BENCHMARKS.md. */
import type { Scale, ScaleName } from './generate.ts'
import type { CeilingResult, HttpResult } from './http.ts'
import type { JudgeResult } from './judge.ts'
import type { ReportTiming } from './reports.ts'

export interface DatabaseResult {
  readonly dialect: 'sqlite' | 'postgres'
  /** Observations imported through the import service, and how long that took (file reading to commit). */
  readonly importRows: number
  readonly importMs: number
  /** The same rows inserted raw, by each method tried. */
  readonly rawMs: Readonly<Record<string, number>>
  readonly baseline: string | null
  /** Import throughput over the fastest raw throughput: the fastest raw time over the import's. */
  readonly importRatio: number | null
  readonly bulkRows: number
  readonly bulkMs: number
  /** Null when only the import was measured (--only import), as are the HTTP figures. */
  readonly recompute: { readonly loadMs: number; readonly computeMs: number; readonly results: number } | null
  readonly http: HttpResult | null
}

export interface BenchReport {
  readonly scale: Scale
  readonly quick: boolean
  /** Only the pages and memory were measured (`--only http`). */
  readonly onlyHttp: boolean
  readonly importPlans: number
  readonly observations: number
  readonly date: string
  readonly machine: {
    readonly cores: number
    readonly cpu: string
    readonly memoryGb: number
    readonly node: string
    readonly postgres: string | null
  }
  readonly databases: readonly DatabaseResult[]
  /** A bare server sending responses of the pages' sizes: the most the bytes allow. Null when pages were not measured. */
  readonly ceiling: CeilingResult | null
  readonly judge: JudgeResult | null
  readonly reports: readonly ReportTiming[]
  readonly durationSec: number
}

/** Observations a national run holds, for projecting a smaller run's recompute time. */
const NATIONAL_ROWS = 10_000_000

export const TARGETS = {
  importRatio: 0.5,
  judgeMs: 1000,
  recomputeSec: 60,
  pageRatio: 0.25,
  p99Ms: 50,
  wordMs: 2000,
  rssMb: 300,
} as const

type Verdict = 'met' | 'not met' | 'projected met' | 'projected not met' | 'not measured'

interface Row {
  readonly measure: string
  readonly target: string
  readonly values: readonly string[]
  readonly verdict: Verdict | ''
}

const n = (value: number, places = 0): string =>
  value.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })
const ms = (value: number): string => `${n(value, value < 10 ? 1 : 0)} ms`

function verdict(checks: readonly (boolean | null)[]): Verdict {
  const known = checks.filter((c): c is boolean => c !== null)
  if (known.length === 0) return 'not measured'
  return known.every(Boolean) ? 'met' : 'not met'
}

function recomputeSec(recompute: NonNullable<DatabaseResult['recompute']>): number {
  return (recompute.loadMs + recompute.computeMs) / 1000
}

interface Loaded extends DatabaseResult {
  readonly recompute: NonNullable<DatabaseResult['recompute']>
  readonly http: HttpResult
}

/** The rows of the measures made on the database loaded to scale: recomputing, pages and memory. */
function loadedRows(report: BenchReport, loaded: readonly Loaded[]): Row[] {
  const out: Row[] = []
  const route = (d: Loaded, name: string) => d.http.routes.find((r) => r.name === name)
  const national = report.scale.name === 'national'
  // A run of the pages alone (--only http) does not recompute.
  if (!report.onlyHttp) {
    out.push({
      measure: `Recompute every status and direction of travel (${n(loaded[0]?.recompute.results ?? 0)} judgements): read + judge`,
      target: `< ${TARGETS.recomputeSec} s at national scale`,
      values: loaded.map(
        (d) =>
          `${n(recomputeSec(d.recompute), 1)} s (${n(d.recompute.loadMs / 1000, 1)} + ${n(d.recompute.computeMs / 1000, 1)})`,
      ),
      verdict: national ? verdict(loaded.map((d) => recomputeSec(d.recompute) < TARGETS.recomputeSec)) : '',
    })
    if (!national) {
      const projected = loaded.map(
        (d) => (recomputeSec(d.recompute) * NATIONAL_ROWS) / Math.max(1, d.recompute.results),
      )
      out.push({
        measure: `Recompute projected to ${n(NATIONAL_ROWS)} observations at this run's rate`,
        target: `< ${TARGETS.recomputeSec} s`,
        values: projected.map((s) => `${n(s, 0)} s`),
        verdict: projected.every((s) => s < TARGETS.recomputeSec) ? 'projected met' : 'projected not met',
      })
    }
  }
  out.push({
    measure: `Trivial route (${loaded[0]?.http.hello.path ?? ''}: a plain "ok" through every hook, signed out), requests a second`,
    target: '',
    values: loaded.map((d) => n(d.http.hello.requestsPerSecond)),
    verdict: '',
  })
  for (const [index, name] of ['dashboard', 'indicator page', 'report JSON'].entries()) {
    const bare = report.ceiling?.sizes[index]
    out.push({
      measure: `${name.charAt(0).toUpperCase()}${name.slice(1)}: requests a second (÷ trivial route)`,
      target: `≥ ${TARGETS.pageRatio}`,
      values: loaded.map((d) => {
        const r = route(d, name)
        if (!r) return '–'
        const failures = r.failures > 0 ? `, ${n(r.failures)} failed` : ''
        return `${n(r.requestsPerSecond, r.requestsPerSecond < 10 ? 1 : 0)} (${n(r.ratio, 4)}${failures}; ${n(r.bytes / 1024)} kB each)`
      }),
      verdict: verdict(loaded.map((d) => (route(d, name) ? (route(d, name)?.ratio ?? 0) >= TARGETS.pageRatio : null))),
    })
    if (bare)
      out.push({
        measure: `… the same ${n(bare.size / 1024)} kB from a bare Fastify, ready-made: requests a second (÷ this run's trivial route); the page's share of it`,
        target: '',
        values: loaded.map((d) => {
          const r = route(d, name)
          return r
            ? `${n(bare.requestsPerSecond)} (${n(bare.requestsPerSecond / d.http.hello.requestsPerSecond, 4)}); ${n(r.requestsPerSecond / bare.requestsPerSecond, 2)}`
            : '–'
        }),
        verdict: '',
      })
    out.push({
      measure: `${name.charAt(0).toUpperCase()}${name.slice(1)}: p99 latency (p50)`,
      target: `< ${TARGETS.p99Ms} ms`,
      values: loaded.map((d) => {
        const r = route(d, name)
        return r ? `${ms(r.p99Ms)} (${ms(r.p50Ms)})` : '–'
      }),
      verdict: verdict(loaded.map((d) => (route(d, name) ? (route(d, name)?.p99Ms ?? 0) < TARGETS.p99Ms : null))),
    })
  }
  if (report.ceiling)
    out.push({
      measure: `… a bare Fastify's "ok" under the same load (the ceiling's own trivial route), requests a second`,
      target: '',
      values: loaded.map(() => n(report.ceiling?.hello.requestsPerSecond ?? 0)),
      verdict: '',
    })
  out.push({
    measure: 'Server resident memory after warm-up / under load',
    target: `< ${TARGETS.rssMb} MB`,
    values: loaded.map((d) => `${n(d.http.rssAfterWarmUpMb)} / ${n(d.http.rssUnderLoadMb)} MB`),
    verdict: verdict(loaded.map((d) => Math.max(d.http.rssAfterWarmUpMb, d.http.rssUnderLoadMb) < TARGETS.rssMb)),
  })
  return out
}

function rows(report: BenchReport): Row[] {
  const dbs = report.databases
  const out: Row[] = []
  // A run of the pages alone (--only http) has no import baseline to show.
  if (!report.onlyHttp) {
    out.push({
      measure: `Import through the service (${n(dbs[0]?.importRows ?? 0)} rows in ${report.importPlans} plan${report.importPlans === 1 ? '' : 's'}), rows a second`,
      target: '',
      values: dbs.map((d) => n(d.importRows / (d.importMs / 1000))),
      verdict: '',
    })
    out.push({
      measure: 'The same rows inserted raw, rows a second',
      target: '',
      values: dbs.map((d) =>
        Object.entries(d.rawMs)
          .map(([method, time]) => `${n(d.importRows / (time / 1000))} (${method.replace(/^(sqlite|postgres)-/, '')})`)
          .join('; '),
      ),
      verdict: '',
    })
    out.push({
      measure: 'Import throughput ÷ fastest raw insert',
      target: `≥ ${TARGETS.importRatio}`,
      values: dbs.map((d) => (d.importRatio === null ? '–' : n(d.importRatio, 3))),
      verdict: verdict(dbs.map((d) => (d.importRatio === null ? null : d.importRatio >= TARGETS.importRatio))),
    })
  }
  // The rest needs the whole scale loaded, which a run of the import alone (--only import) skips.
  const measured = dbs.flatMap((d) => (d.recompute && d.http ? [{ ...d, recompute: d.recompute, http: d.http }] : []))
  if (measured.length === dbs.length && measured.length > 0) out.push(...loadedRows(report, measured))
  const judge = report.judge
  if (judge) {
    const per100k = (value: number): number => (value * 100_000) / judge.indicators
    const scaled = judge.indicators === 100_000 ? '' : ` (${n(judge.indicators)} judged, scaled to 100,000)`
    out.push({
      measure: `Judge one quarter for 100,000 indicators, engine: all of it${scaled}`,
      target: `< ${n(TARGETS.judgeMs)} ms`,
      values: [
        `${ms(per100k(judge.engineMs))} (${n(judge.engineMs / judge.bareLoopMs, 0)}× the bare loop's ${ms(per100k(judge.bareLoopMs))})`,
      ],
      verdict: verdict([per100k(judge.engineMs) < TARGETS.judgeMs]),
    })
    out.push({
      measure: '… of which RAG and direction of travel (this quarter, the previous, last year)',
      target: '',
      values: [ms(per100k(judge.judgementOnlyMs))],
      verdict: '',
    })
  }
  for (const timing of report.reports) {
    const word = timing.format === 'docx'
    out.push({
      measure: `Committee report, 50 indicators: ${timing.format}`,
      target: word ? `< ${n(TARGETS.wordMs)} ms` : '',
      values: [timing.ms === null ? `not made: ${timing.skipped ?? ''}` : `${ms(timing.ms)} (${n(timing.kb ?? 0)} KB)`],
      verdict: word ? verdict([timing.ms === null ? null : timing.ms < TARGETS.wordMs]) : '',
    })
  }
  return out
}

function describeScale(report: BenchReport): string {
  const s = report.scale
  return `${n(s.organisations)} organisation${s.organisations === 1 ? '' : 's'} × ${n(s.indicatorsPerOrganisation)} indicators × ${s.years} years ${s.frequency}, with a year row each: ${n(report.observations)} observations`
}

function describeMachine(report: BenchReport): string {
  const m = report.machine
  return `${report.date}; ${m.cores} cores (${m.cpu}), ${n(m.memoryGb, 1)} GB memory; Node ${m.node}; SQLite${m.postgres ? ` and PostgreSQL ${m.postgres}` : ' only'}`
}

function columns(report: BenchReport): string[] {
  return report.databases.map((d) => (d.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'))
}

export function renderTable(report: BenchReport): string {
  const heads = ['Measure', 'Target', ...columns(report), 'Verdict']
  const body = rows(report).map((r) => [
    r.measure,
    r.target,
    ...heads.slice(2, -1).map((_, k) => r.values[k] ?? (k === 0 ? '' : '″')),
    r.verdict,
  ])
  const widths = heads.map((h, k) => Math.max(h.length, ...body.map((b) => (b[k] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, k) => c.padEnd(widths[k] ?? 0))
      .join('  ')
      .trimEnd()
  return [
    `Outturn benchmark, ${report.scale.name} scale${report.quick ? ' (quick)' : ''}: ${describeScale(report)}`,
    describeMachine(report),
    '',
    line(heads),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `Took ${n(report.durationSec / 60, 1)} minutes.`,
    '',
  ].join('\n')
}

export function renderMarkdown(report: BenchReport): string {
  const heads = ['Measure', 'Target', ...columns(report), 'Verdict']
  const escape = (text: string): string => text.replaceAll('|', '\\|')
  const table = [
    `| ${heads.join(' | ')} |`,
    `| ${heads.map(() => '---').join(' | ')} |`,
    ...rows(report).map(
      (r) =>
        `| ${[
          r.measure,
          r.target,
          ...heads.slice(2, -1).map((_, k) => r.values[k] ?? (k === 0 ? '' : 'same engine')),
          r.verdict ? `**${r.verdict}**` : '',
        ]
          .map(escape)
          .join(' | ')} |`,
    ),
  ]
  const loaded =
    report.importPlans < report.scale.organisations
      ? `${report.importPlans} of the ${report.scale.organisations} plans were imported through the import service (the CLI's \`outturn import\` path, audit trail included) to measure the import; the other ${report.scale.organisations - report.importPlans} were written raw, so the database holds the whole scale for the other measures in minutes.`
      : 'Every plan was imported through the import service.'
  return [
    `## ${report.scale.name}`,
    '',
    `${describeScale(report)}. ${loaded}${report.quick ? ' A quick (smoke) run: HTTP loads of 10 connections for 2 s rather than 50 for 10 s, one run of each report format, and the engine judged 10,000 indicators rather than 100,000, so its figures are not comparable with a full run’s.' : ''}`,
    '',
    `Measured ${describeMachine(report)}. The run took ${n(report.durationSec / 60, 1)} minutes.`,
    '',
    ...table,
    '',
  ].join('\n')
}

const START = (scale: ScaleName): string => `<!-- bench:${scale}:start -->`
const END = (scale: ScaleName): string => `<!-- bench:${scale}:end -->`
const ORDER: readonly ScaleName[] = ['small', 'county', 'national']

const PREAMBLE = `# Benchmarks

\`npm run bench -- --scale small|county|national\` writes its scale's section below; the others are kept, as is
everything outside the marked sections. The machines are shared and noisy, so the figures that carry targets are
ratios to a baseline measured in the same run, or absolute times with generous margins. See README, "Scripts".
`

/** Replaces (or adds) one scale's section, keeping the other scales' sections and everything else in the file. */
export function updateBenchmarks(existing: string, scale: ScaleName, section: string): string {
  const text = existing.trim() === '' ? PREAMBLE : existing
  const block = `${START(scale)}\n${section.trimEnd()}\n${END(scale)}`
  const start = text.indexOf(START(scale))
  const end = text.indexOf(END(scale))
  if (start >= 0 && end > start) return `${text.slice(0, start)}${block}${text.slice(end + END(scale).length)}`
  // A new section goes after the next smaller scale's, or before the next larger scale's, or at the end.
  const earlier = ORDER.slice(0, ORDER.indexOf(scale))
    .map((s) => text.indexOf(END(s)) + (text.includes(END(s)) ? END(s).length : 0))
    .filter((i) => i > 0)
  if (earlier.length > 0) {
    const at = Math.max(...earlier)
    return `${text.slice(0, at)}\n\n${block}${text.slice(at)}`
  }
  const later = ORDER.slice(ORDER.indexOf(scale) + 1)
    .map((s) => text.indexOf(START(s)))
    .filter((i) => i >= 0)
  if (later.length > 0) {
    const at = Math.min(...later)
    return `${text.slice(0, at)}${block}\n\n${text.slice(at)}`
  }
  return `${text.trimEnd()}\n\n${block}\n`
}
