/**
 * Shows that a change to the code leaves the committee report as it was: builds the same database with two versions
 * of Outturn and compares the report JSON and text of every demo plan and every fixture plan, for every period their
 * files hold, byte for byte.
 *
 *   node --import tsx scripts/compare-reports.ts [--before main] [--keep DIR]
 *
 * "Before" is a git revision (default `main`), unpacked with `git archive` into a temporary folder that shares this
 * checkout's node_modules, and run through its own bin/outturn.js; "after" is this checkout's bin/outturn.js, which
 * runs dist/ (build it first: `npm run build`). Each version gets its own SQLite file and the same commands: `demo`,
 * then every fixture plan imported under a name of its own, then a sign-off of Trafford's Quarter 2, one figure
 * revised after it with a reason, and the signed-off report as signed off and as current. The only parts of a report
 * allowed to differ are the times of that sign-off and revision (each run signs off at its own moment), which are
 * replaced by a placeholder before comparing, and the fields NEW_FIELDS names, removed from the JSON. Exits 1 on any difference, naming each report that differs and the
 * first line where it does; `--keep DIR` leaves both sets of reports there.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { parse } from 'csv-parse/sync'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const { values } = parseArgs({ options: { before: { type: 'string', default: 'main' }, keep: { type: 'string' } } })

interface PlanFiles {
  readonly plan: string
  readonly imports: readonly (readonly string[])[]
  /** The CSV files whose `period` column lists the periods to report. */
  readonly periodsFrom: readonly string[]
}

const TRAFFORD = 'Trafford ADP 2013/14'
const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', name)
const demo = (name: string): string => join(ROOT, 'demo', name)

/** The demo's own plans (loaded by `outturn demo`), then each fixture as a plan of its own. */
const PLANS: readonly PlanFiles[] = [
  { plan: TRAFFORD, imports: [], periodsFrom: [demo('trafford-2013-14-q2/observations.csv')] },
  { plan: 'Chorley Partnership 2013/14', imports: [], periodsFrom: [demo('chorley-2013-14-q1/delivery_updates.csv')] },
  {
    plan: 'Halton Safer PPB 2012/13',
    imports: [],
    periodsFrom: [
      demo('halton-2012-13-q2-safer/delivery_updates.csv'),
      demo('halton-2012-13-q2-safer/risk_reviews.csv'),
    ],
  },
  { plan: 'Manchester CAA 2009', imports: [], periodsFrom: [demo('manchester-2009-caa/delivery_updates.csv')] },
  {
    plan: 'Fixture: Trafford ADP 2013/14',
    imports: [
      ['import', fixture('trafford-2013-14-q2/indicators.csv'), fixture('trafford-2013-14-q2/observations.csv')],
    ],
    periodsFrom: [fixture('trafford-2013-14-q2/observations.csv')],
  },
  {
    plan: 'Fixture: statistics data',
    imports: [
      [
        'import',
        fixture('statistics-data/indicators.csv'),
        fixture('statistics-data/observations.csv'),
        '--comparators',
        fixture('statistics-data/comparators.csv'),
      ],
    ],
    periodsFrom: [fixture('statistics-data/observations.csv')],
  },
  {
    plan: 'Fixture: Chorley',
    imports: [
      [
        'import-delivery',
        fixture('chorley-2013-14-q1/delivery.csv'),
        fixture('chorley-2013-14-q1/delivery_updates.csv'),
        '--groups',
        fixture('chorley-2013-14-q1/groups.csv'),
      ],
    ],
    periodsFrom: [fixture('chorley-2013-14-q1/delivery_updates.csv')],
  },
  {
    plan: 'Fixture: Halton',
    imports: [
      [
        'import-delivery',
        fixture('halton-2012-13-q2-safer/delivery.csv'),
        fixture('halton-2012-13-q2-safer/delivery_updates.csv'),
      ],
    ],
    periodsFrom: [fixture('halton-2012-13-q2-safer/delivery_updates.csv')],
  },
  {
    plan: 'Fixture: Manchester',
    imports: [
      [
        'import-delivery',
        fixture('manchester-2009-caa/delivery.csv'),
        fixture('manchester-2009-caa/delivery_updates.csv'),
      ],
      ['import-inspection', fixture('manchester-2009-caa/kloe_scores.csv')],
    ],
    periodsFrom: [fixture('manchester-2009-caa/delivery_updates.csv')],
  },
]

/** The distinct values of a CSV's `period` column, in the order they first appear (notes may be quoted, over lines). */
function periodsOf(files: readonly string[]): string[] {
  const periods = new Set<string>()
  for (const file of files) {
    const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true })
    for (const row of rows) if (row.period) periods.add(row.period)
  }
  return [...periods]
}

/** One version of Outturn: how to run its command line, and the folder its reports are written to. */
interface Version {
  readonly name: string
  readonly bin: string
  readonly out: string
}

function run(version: Version, database: string, args: readonly string[], input?: string): string {
  const result = spawnSync(process.execPath, [version.bin, '--database', database, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TZ: 'UTC' },
    ...(input === undefined ? {} : { input }),
  })
  if (result.status !== 0)
    throw new Error(`${version.name}: outturn ${args.join(' ')} failed (${result.status}):\n${result.stderr}`)
  return result.stdout
}

/** The times that depend on when the run happened: the sign-off's and each revision's. */
function withoutRunTimes(text: string): string {
  return text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
}

/**
 * Fields added to the report JSON since the comparison began, which a report from before cannot have: each
 * indicator's rule and ruleText, and the report's rules in force (issue 16). Removed from both versions' JSON before comparing; nothing else is.
 */
const NEW_FIELDS = new Set(['rule', 'ruleText', 'rules'])

function withoutNewFields(name: string, text: string): string {
  if (!name.endsWith('.json')) return text
  return `${JSON.stringify(
    JSON.parse(text, (key, value: unknown) => (NEW_FIELDS.has(key) ? undefined : value)),
    null,
    2,
  )}\n`
}

/** Builds the database with one version and writes every report it makes; returns the reports' file names. */
function writeReports(version: Version): string[] {
  mkdirSync(version.out, { recursive: true })
  const database = join(version.out, 'outturn.sqlite')
  const names: string[] = []
  const report = (name: string, args: readonly string[]): void => {
    writeFileSync(
      join(version.out, name),
      withoutNewFields(name, withoutRunTimes(run(version, database, ['report', ...args]))),
    )
    names.push(name)
  }
  run(version, database, ['demo'])
  for (const { plan, imports } of PLANS)
    for (const args of imports) run(version, database, [...args.slice(0, 1), '--plan', plan, ...args.slice(1)])
  for (const { plan, periodsFrom } of PLANS) {
    for (const period of periodsOf(periodsFrom)) {
      const base = `${plan} ${period}`.replace(/[^A-Za-z0-9]+/g, '-')
      for (const format of ['json', 'text'])
        report(`${base}.${format}`, ['--plan', plan, '--period', period, '--format', format])
    }
  }
  // A committee's remit, then a period signed off, revised afterwards with a reason, and reported both ways.
  report('trafford-q2-one-theme.json', [
    '--plan',
    TRAFFORD,
    '--period',
    '2013/14 Q2',
    '--theme',
    'Safe Place to Live – Fighting Crime',
    '--format',
    'json',
  ])
  run(version, database, ['period', 'lock', '--plan', TRAFFORD, '--period', '2013/14 Q2', '--committee', 'Executive'])
  const revised = readFileSync(demo('trafford-2013-14-q2/observations.csv'), 'utf8').replace(
    /^(CAG 08,2013\/14 Q2,,)57\.59,/m,
    '$157.6,',
  )
  if (!revised.includes('CAG 08,2013/14 Q2,,57.6,')) throw new Error('The revised figure was not found to change.')
  const observations = join(version.out, 'observations-revised.csv')
  writeFileSync(observations, revised)
  run(version, database, [
    'import',
    '--plan',
    TRAFFORD,
    demo('trafford-2013-14-q2/indicators.csv'),
    observations,
    '--reason',
    'Corrected by the finance team',
  ])
  for (const format of ['json', 'text']) {
    report(`trafford-q2-signed-off.${format}`, ['--plan', TRAFFORD, '--period', '2013/14 Q2', '--format', format])
    report(`trafford-q2-current.${format}`, [
      '--plan',
      TRAFFORD,
      '--period',
      '2013/14 Q2',
      '--current',
      '--format',
      format,
    ])
  }
  return names
}

const scratch = values.keep ?? mkdtempSync(join(tmpdir(), 'outturn-compare-'))
const source = join(scratch, 'before-source')
rmSync(source, { recursive: true, force: true })
mkdirSync(source, { recursive: true })
execFileSync('sh', ['-c', `git -C "${ROOT}" archive "${values.before}" | tar -x -C "${source}"`])
symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'))
// The unpacked revision has no dist/ of its own: build it, as `npm run build` does here.
execFileSync(process.execPath, [join(source, 'scripts', 'build.js')], { cwd: source, stdio: 'ignore' })

const before: Version = {
  name: `before (${values.before})`,
  bin: join(source, 'bin', 'outturn.js'),
  out: join(scratch, 'before'),
}
const after: Version = {
  name: 'after (this checkout)',
  bin: join(ROOT, 'bin', 'outturn.js'),
  out: join(scratch, 'after'),
}
for (const version of [before, after]) rmSync(version.out, { recursive: true, force: true })

process.stderr.write(`Writing the reports with ${before.name}...\n`)
const names = writeReports(before)
process.stderr.write(`Writing the reports with ${after.name}...\n`)
writeReports(after)

const differing: string[] = []
for (const name of names) {
  const a = readFileSync(join(before.out, name), 'utf8')
  const b = readFileSync(join(after.out, name), 'utf8')
  if (a === b) continue
  const lines = [a.split('\n'), b.split('\n')] as const
  const at = lines[0].findIndex((line, i) => line !== lines[1][i])
  differing.push(`${name}: first differs at line ${at + 1}:\n  before: ${lines[0][at]}\n  after:  ${lines[1][at]}`)
}
const bytes = names.reduce((sum, name) => sum + readFileSync(join(after.out, name)).length, 0)
const plans = readdirSync(after.out).filter((name) => name.endsWith('.json')).length
process.stdout.write(
  `${names.length} reports (${plans} JSON, the rest text; ${bytes.toLocaleString('en-GB')} bytes) of ${PLANS.length} plans compared: ` +
    (differing.length === 0
      ? 'all byte for byte the same.\n'
      : `${differing.length} differ.\n${differing.join('\n')}\n`),
)
if (values.keep === undefined) rmSync(scratch, { recursive: true, force: true })
else process.stdout.write(`The reports are in ${before.out} and ${after.out}.\n`)
process.exit(differing.length === 0 ? 0 : 1)
