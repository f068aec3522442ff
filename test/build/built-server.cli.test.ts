import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { signIn } from '../../scripts/bench/http.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJson } from '../../src/reports/report.json.ts'
import { DEMO_PERIOD, DEMO_PLAN, openServices } from '../../src/services/index.ts'
import { BUILT_SERVER, type BuiltServer, startBuiltServer } from '../helpers/built-server.ts'
import { MODULE_LOG_PRELOAD, readModuleLog } from '../helpers/module-log.ts'

/**
 * The web server as `npm start` runs it: the bundle esbuild built into dist/ (npm ci builds it; `npm test` builds it
 * again first), started as its own process on an empty SQLite file, so the demo loads and every run-time file (views,
 * report templates and stylesheet, Sass, demo files) is found where the build put it. The bundled dependencies must
 * behave as they do unbundled: the report JSON it serves is the one the source makes in-process from the same file.
 */
const SLUG = 'trafford-adp-2013-14'

describe('the built web server (dist/server.js)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'outturn-built-'))
  const database = join(scratch, 'outturn.sqlite')
  // Every file the server loads, as it loads it (test/helpers/module-log-preload.js).
  const moduleLog = join(scratch, 'modules.log')
  const DOCUMENT_RENDERERS = ['docx', 'exceljs', 'playwright-core', '@resvg/resvg-js']
  let server: BuiltServer
  let base = ''
  let output = ''
  let cookie = ''

  before(async () => {
    assert.ok(existsSync(BUILT_SERVER), 'dist/server.js is built (npm run build)')
    server = await startBuiltServer({
      cwd: scratch,
      database,
      nodeOptions: ['--import', MODULE_LOG_PRELOAD],
      env: { OUTTURN_MODULE_LOG: moduleLog },
    })
    base = server.base
    output = server.output()
    cookie = await signIn(base, 'officer@outturn.example', 'demo-officer-password')
  })

  after(async () => {
    await server.stop()
    rmSync(scratch, { recursive: true, force: true })
  })

  it('loads the demo into an empty database and says where it is running', () => {
    assert.match(output, /An empty database: loading the demo plan "Trafford ADP 2013\/14"/)
    assert.match(output, /officer@outturn\.example {2}password: demo-officer-password/)
  })

  it('serves the compiled stylesheet, GOV.UK Frontend script and report stylesheet', async () => {
    for (const [file, type, text] of [
      ['outturn.css', 'text/css', '.govuk-header'],
      ['govuk-frontend.min.js', 'text/javascript', 'initAll'],
      ['report.css', 'text/css', '@media print'],
    ] as const) {
      const response = await fetch(`${base}/assets/${file}`)
      assert.equal(response.status, 200, file)
      assert.ok(response.headers.get('content-type')?.startsWith(type), file)
      assert.ok((await response.text()).includes(text), `${file} has ${text}`)
    }
  })

  it('renders the pages from its views, and the OpenAPI document', async () => {
    const dashboard = await fetch(`${base}/plans/${SLUG}`, { headers: { cookie } })
    assert.equal(dashboard.status, 200)
    const html = await dashboard.text()
    assert.match(html, /<title>[^<]*Trafford ADP 2013\/14/)
    assert.ok(html.includes('govuk-table'), 'the dashboard has its summary table')
    const report = await fetch(`${base}/plans/${SLUG}/report?period=${encodeURIComponent(DEMO_PERIOD)}`, {
      headers: { cookie },
    })
    assert.equal(report.status, 200)
    assert.ok((await report.text()).includes('Exception report'), 'the report page has its exception reports')
    const openapi = (await (await fetch(`${base}/api/openapi.json`, { headers: { cookie } })).json()) as {
      paths: Record<string, unknown>
    }
    assert.ok('/api/plans/{plan}/report' in openapi.paths)
  })

  it('serves the report JSON the source makes from the same database', async () => {
    const response = await fetch(`${base}/api/plans/${SLUG}/report?period=${encodeURIComponent(DEMO_PERIOD)}`, {
      headers: { cookie },
    })
    assert.equal(response.status, 200)
    const served = await response.text()
    const { services, close } = await openServices(database)
    try {
      const data = await services.reports.reportJsonData(DEMO_PLAN, parsePeriod(DEMO_PERIOD))
      assert.equal(served, JSON.stringify(reportJson(data.evaluation, undefined, data.delivery, data.highRisks)))
    } finally {
      await close()
    }
  })

  it('has loaded no document renderer (docx, exceljs, Chromium, resvg) after start and its pages', () => {
    const loaded = readModuleLog(moduleLog)
    assert.ok(loaded.packages.has('fastify') && loaded.packages.has('echarts'), 'the server and its charts are loaded')
    assert.deepEqual(
      DOCUMENT_RENDERERS.filter((name) => loaded.packages.has(name)),
      [],
    )
  })

  it('downloads the Word, Excel and web page reports, whose renderers load on first use', async () => {
    for (const [format, start] of [
      ['docx', 'PK'],
      ['xlsx', 'PK'],
      ['html', '<!DOCTYPE html>'],
    ] as const) {
      const response = await fetch(
        `${base}/plans/${SLUG}/download/${format}?period=${encodeURIComponent(DEMO_PERIOD)}`,
        {
          headers: { cookie },
        },
      )
      assert.equal(response.status, 200, format)
      const body = Buffer.from(await response.arrayBuffer())
      assert.ok(body.length > 10_000, `${format} is a whole report (${body.length} bytes)`)
      assert.equal(body.subarray(0, start.length).toString(), start, `${format} starts as a ${format} file does`)
    }
    const loaded = readModuleLog(moduleLog)
    assert.deepEqual(
      ['docx', 'exceljs', '@resvg/resvg-js'].filter((name) => !loaded.packages.has(name)),
      [],
      'the Word and Excel renderers are loaded once asked for',
    )
  })

  it('stops cleanly on SIGTERM', async () => {
    assert.equal(await server.stop(), 0)
  })
})
