import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type Loaded, MODULE_LOG_PRELOAD, readModuleLog } from '../helpers/module-log.ts'

/**
 * The built command line loads only what the command it runs uses: each command imports its module inside its
 * action, and each report format its renderer. Every process here runs bin/outturn.js (dist/cli.js) with a preload
 * that logs each file loaded; the files of dist/ are mapped to the packages bundled into them.
 */
const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
const RENDERERS = ['echarts', 'zrender', '@resvg/resvg-js', 'docx', 'exceljs', 'playwright-core', 'nunjucks']
const STORE = ['better-sqlite3', 'kysely', 'pg']

describe('what each command loads (the built CLI)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'outturn-lazy-'))
  const database = join(scratch, 'outturn.sqlite')
  let runs = 0

  function run(args: string[], input?: string): Promise<Loaded> {
    const log = join(scratch, `modules-${runs++}.log`)
    return new Promise((resolve, reject) => {
      const child = execFile(
        process.execPath,
        ['--import', MODULE_LOG_PRELOAD, BIN, ...args],
        { env: { ...process.env, OUTTURN_MODULE_LOG: log }, maxBuffer: 32 * 1024 * 1024 },
        (error, _stdout, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stderr}`))
          else resolve(readModuleLog(log))
        },
      )
      child.stdin?.end(input ?? '')
    })
  }

  const none = (loaded: Loaded, names: readonly string[]) => names.filter((name) => loaded.packages.has(name))

  before(async () => {
    await run(['--database', database, 'demo'])
  })
  after(() => {
    rmSync(scratch, { recursive: true, force: true })
  })

  it('--help loads commander and nothing else', async () => {
    const loaded = await run(['--help'])
    assert.deepEqual([...loaded.packages], ['commander'])
    const beyond = [...loaded.sources].filter((s) => /^src\/(store|services|reports|web|presentation)\//.test(s))
    assert.deepEqual(
      beyond,
      ['src/reports/formats.ts', 'src/services/demo-plan.ts'],
      'only the report formats’ names and the demo plan’s, for the help text',
    )
  })

  it('stats loads neither the store nor any renderer', async () => {
    const loaded = await run(['stats'], '{"method":"wilson","x":45,"n":100}')
    assert.deepEqual(none(loaded, [...STORE, ...RENDERERS]), [])
    assert.ok(loaded.packages.has('typebox'), 'it checks the request with typebox')
    assert.ok(![...loaded.sources].some((s) => s.startsWith('src/store/')), 'no store module')
  })

  it('report --format json loads the store but no chart, template or document renderer', async () => {
    const loaded = await run([
      '--database',
      database,
      'report',
      '--plan',
      'Trafford ADP 2013/14',
      '--period',
      '2013/14 Q2',
      '--format',
      'json',
    ])
    assert.ok(loaded.packages.has('better-sqlite3') && loaded.packages.has('kysely'), 'it reads the database')
    assert.deepEqual(none(loaded, RENDERERS), [])
  })

  it('report --format xlsx loads ECharts, resvg and exceljs, and not docx or Chromium', async () => {
    const out = join(scratch, 'report.xlsx')
    const loaded = await run([
      '--database',
      database,
      'report',
      '--plan',
      'Trafford ADP 2013/14',
      '--period',
      '2013/14 Q2',
      '--format',
      'xlsx',
      '--out',
      out,
    ])
    assert.deepEqual(
      ['echarts', '@resvg/resvg-js', 'exceljs'].filter((name) => !loaded.packages.has(name)),
      [],
    )
    assert.deepEqual(none(loaded, ['docx', 'playwright-core']), [])
  })
})
