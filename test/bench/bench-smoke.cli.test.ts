import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { TEST_POSTGRES_URL } from '../helpers/databases.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const KEYS = [
  'importRatioSqlite',
  'importRatioPostgres',
  'judgeQuarter100kMs',
  'recomputeAllSec',
  'dashboardRatio',
  'dashboardP99Ms',
  'indicatorRatio',
  'reportJsonRatio',
  'wordReport50Ms',
  'serverRssMb',
  'scale',
  'dashboardOfCeiling',
  'bareHelloRequestsPerSec',
]

const scratch = mkdtempSync(join(tmpdir(), 'outturn-bench-smoke-'))
after(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/**
 * `npm run bench` at the small scale, quick: it runs to the end on SQLite (and PostgreSQL when the test database is
 * set) and prints its JSON line. Timings are never asserted: the machine running the tests is not the benchmark's.
 */
describe('npm run bench', () => {
  it('runs the small scale and prints one JSON object with every key on its last line', async () => {
    const out = join(scratch, 'BENCHMARKS.md')
    const args = ['--import', 'tsx', 'scripts/bench.ts', '--scale', 'small', '--quick', '--json', '--out', out]
    if (TEST_POSTGRES_URL) {
      const url = new URL(TEST_POSTGRES_URL)
      url.searchParams.set('schema', `bench_smoke_${randomBytes(4).toString('hex')}`)
      args.push('--database-url', url.toString())
    }
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      })
    })
    assert.equal(code, 0, stderr)
    const last = stdout.trimEnd().split('\n').at(-1) ?? ''
    const summary = JSON.parse(last) as Record<string, unknown>
    for (const key of KEYS) assert.ok(key in summary, `the JSON has ${key}`)
    assert.equal(summary.scale, 'small')
    assert.equal(summary.importRatioPostgres === null, TEST_POSTGRES_URL === null)
    assert.match(readFileSync(out, 'utf8'), /<!-- bench:small:start -->/)
  })
})
