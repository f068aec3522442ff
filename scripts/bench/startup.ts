import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBuiltServer } from '../../test/helpers/built-server.ts'
import { signIn } from './http.ts'

/**
 * Start-up of the built product (issue 15's targets), as ratios to a bare `node -e 0` measured in the same run: the
 * median of STARTS starts of each, one after another. `npm run bench` prints it first; `npm run bench:startup` alone.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BIN = join(ROOT, 'bin', 'outturn.js')
const STARTS = Number(process.env.OUTTURN_BENCH_STARTS ?? 15)

export interface StartupRow {
  readonly name: string
  readonly medianMs: number
  readonly ratio: number | null
  readonly target: string
  readonly met: boolean
}

function medianMs(args: readonly string[], input = ''): number {
  const times: number[] = []
  for (let i = 0; i < STARTS; i++) {
    const began = performance.now()
    const run = spawnSync(process.execPath, args, { input, stdio: ['pipe', 'ignore', 'pipe'] })
    times.push(performance.now() - began)
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr.toString()}`)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? NaN
}

/** dist/server.js on the demo, after signing in and fetching each kind of page 20 times: its resident memory. */
async function serverRssAfterWarmUp(dir: string): Promise<number> {
  const server = await startBuiltServer({ cwd: dir, database: join(dir, 'server.sqlite') })
  try {
    const cookie = await signIn(server.base, 'officer@outturn.example', 'demo-officer-password')
    const slug = 'trafford-adp-2013-14'
    for (let i = 0; i < 20; i++) {
      for (const path of ['/', `/plans/${slug}`, `/plans/${slug}/report?period=2013%2F14%20Q2`]) {
        const response = await fetch(`${server.base}${path}`, { headers: { cookie } })
        await response.arrayBuffer()
      }
    }
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024
  } finally {
    await server.stop()
  }
}

export async function measureStartup(): Promise<{ rows: StartupRow[]; bareMs: number; rssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'outturn-startup-'))
  try {
    const database = join(dir, 'demo.sqlite')
    spawnSync(process.execPath, [BIN, '--database', database, 'demo'], { stdio: 'ignore' })
    const bareMs = medianMs(['-e', '0'])
    const row = (name: string, ms: number, limit: number): StartupRow => ({
      name,
      medianMs: ms,
      ratio: ms / bareMs,
      target: `<= ${limit}x`,
      met: ms / bareMs <= limit,
    })
    const report = ['--database', database, 'report', '--plan', 'Trafford ADP 2013/14', '--period', '2013/14 Q2']
    const rows = [
      row('outturn --help', medianMs([BIN, '--help']), 5),
      row('outturn report --format json (demo)', medianMs([BIN, ...report, '--format', 'json']), 10),
      row('outturn stats (one request)', medianMs([BIN, 'stats'], '{"method":"wilson","x":45,"n":100}'), 6),
    ]
    const rssMb = await serverRssAfterWarmUp(dir)
    return { rows, bareMs, rssMb }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function renderStartup(result: { rows: StartupRow[]; bareMs: number; rssMb: number }): string {
  const lines = [
    `Start-up (median of ${STARTS} starts; bare \`node -e 0\` ${result.bareMs.toFixed(0)} ms in the same run):`,
    ...result.rows.map(
      (r) =>
        `  ${r.name.padEnd(38)} ${r.medianMs.toFixed(0).padStart(5)} ms  ${(r.ratio ?? NaN).toFixed(1).padStart(5)}x  target ${r.target}  ${r.met ? 'met' : 'NOT MET'}`,
    ),
    `  ${'server RSS after warm-up (demo)'.padEnd(38)} ${result.rssMb.toFixed(0).padStart(5)} MB          target < 150 MB  ${result.rssMb < 150 ? 'met' : 'NOT MET'}`,
  ]
  return `${lines.join('\n')}\n`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(renderStartup(await measureStartup()))
}
