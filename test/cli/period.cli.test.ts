import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
const INDICATORS = fileURLToPath(new URL('../../demo/trafford-2013-14-q2/indicators.csv', import.meta.url))
const PLAN = 'Trafford ADP 2013/14'

const scratch = mkdtempSync(join(tmpdir(), 'outturn-period-'))
after(() => {
  rmSync(scratch, { recursive: true, force: true })
})
const database = join(scratch, 'outturn.sqlite')

interface Run {
  code: number
  stdout: string
  stderr: string
}

function outturn(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, '--database', database, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

interface Report {
  indicators: { ref: string; actual: unknown }[]
  signOff?: {
    asReported: boolean
    committee: string | null
    revisions: { ref: string; newValue: string; reason: string }[]
  }
}

async function reportJson(...extra: string[]): Promise<Report> {
  const run = await outturn('report', '--plan', PLAN, '--period', '2013/14 Q2', '--format', 'json', ...extra)
  assert.equal(run.code, 0, run.stderr)
  return JSON.parse(run.stdout) as Report
}

const actualOf = (report: Report, ref: string): unknown => report.indicators.find((i) => i.ref === ref)?.actual

describe('outturn period', () => {
  it('lists no sign-offs for a new plan', async () => {
    assert.equal((await outturn('demo')).code, 0)
    const run = await outturn('period', 'list', '--plan', PLAN)
    assert.equal(run.code, 0)
    assert.equal(run.stdout.trim(), `No period of "${PLAN}" has been signed off.`)
    assert.equal((await reportJson()).signOff, undefined)
  })

  it('refuses to sign off with anything outstanding unless forced with a reason, listing what is outstanding', async () => {
    // The demo opens the round for Q2: the owner's returns are not yet approved.
    for (const extra of [[], ['--force'], ['--reason', 'The committee has seen it']]) {
      const run = await outturn('period', 'lock', '--plan', PLAN, '--period', '2013/14 Q2', ...extra)
      assert.equal(run.code, 1, extra.join(' '))
      assert.match(run.stderr, /^Quarter 2 2013\/14 of "Trafford ADP 2013\/14" has 8 returns not approved:$/m)
      assert.match(run.stderr, /^ {2}return not approved: Commentary for NI 154, from Demo indicator owner \(to do\)$/m)
      assert.match(run.stderr, /--force --reason "why"/)
    }
    const list = await outturn('period', 'list', '--plan', PLAN)
    assert.equal(list.stdout.trim(), `No period of "${PLAN}" has been signed off.`, 'nothing was signed off')
  })

  it('signs off a period, as the command-line user with officer rights', async () => {
    const run = await outturn(
      'period',
      'lock',
      '--plan',
      PLAN,
      '--period',
      '2013/14 Q2',
      '--committee',
      'Executive',
      '--force',
      '--reason',
      'The committee took the report with the commentary to follow',
    )
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /Signed off Quarter 2 2013\/14 of "Trafford ADP 2013\/14", as reported to Executive/)
    const list = await outturn('period', 'list', '--plan', PLAN)
    assert.match(list.stdout, /^2013\/14 Q2\tsigned off\t\d+ \w+ \d{4} by cli:[^\t]+\tExecutive\t0 revisions since$/m)
    const again = await outturn('period', 'lock', '--plan', PLAN, '--period', '2013/14 Q2')
    assert.equal(again.code, 1)
    assert.match(again.stderr, /already locked/)
    const report = await reportJson()
    assert.equal(report.signOff?.asReported, true)
    assert.equal(report.signOff.committee, 'Executive')
  })

  it('refuses an import changing the period without --reason, naming file, line and column, writing nothing', async () => {
    const observations = join(scratch, 'observations.csv')
    writeFileSync(observations, 'ref,period,actual,target\nNI 154,2013/14 Q2,201,150\n')
    const before = (await outturn('audit', '--plan', PLAN)).stdout
    const run = await outturn('import', '--plan', PLAN, INDICATORS, observations)
    assert.equal(run.code, 1)
    assert.match(run.stderr, /Nothing was imported/)
    assert.match(
      run.stderr,
      /observations\.csv, line 2, column period: NI 154 for 2013\/14 Q2: Quarter 2 2013\/14 was signed off/,
    )
    assert.match(run.stderr, /--reason/)
    assert.equal((await outturn('audit', '--plan', PLAN)).stdout, before, 'nothing written')

    const revised = await outturn(
      'import',
      '--plan',
      PLAN,
      '--reason',
      'Late return from the service',
      INDICATORS,
      observations,
    )
    assert.equal(revised.code, 0, revised.stderr)
    assert.match(revised.stdout, /Observations: 0 added, 1 updated/)
  })

  it('reports the period as signed off, listing the revision; --current gives the figures now', async () => {
    const report = await reportJson()
    assert.equal(actualOf(report, 'NI 154'), 199)
    assert.deepEqual(
      report.signOff?.revisions.map((r) => [r.ref, r.newValue, r.reason]),
      [['NI 154', '201', 'Late return from the service']],
    )
    const current = await reportJson('--current')
    assert.equal(actualOf(current, 'NI 154'), 201)
    assert.equal(current.signOff?.asReported, false)
    const text = await outturn('report', '--plan', PLAN, '--period', '2013/14 Q2')
    assert.match(text.stdout, /Revisions since this report was signed off on/)
    assert.match(text.stdout, /NI 154 2013\/14 Q2 Actual: 199 -> 201/)
  })

  it('unlocks only with a reason, keeping the sign-off in the list', async () => {
    const missing = await outturn('period', 'unlock', '--plan', PLAN, '--period', '2013/14 Q2')
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /--reason/)
    const blank = await outturn('period', 'unlock', '--plan', PLAN, '--period', '2013/14 Q2', '--reason', ' ')
    assert.equal(blank.code, 1)
    assert.match(blank.stderr, /Give the reason for unlocking Quarter 2 2013\/14/)
    const run = await outturn(
      'period',
      'unlock',
      '--plan',
      PLAN,
      '--period',
      '2013/14 Q2',
      '--reason',
      'Corrected report',
    )
    assert.equal(run.code, 0, run.stderr)
    const list = await outturn('period', 'list', '--plan', PLAN)
    assert.match(list.stdout, /^2013\/14 Q2\tunlocked\t.*unlocked \d+ \w+ \d{4} by cli:[^:]+: Corrected report$/m)
    assert.equal((await reportJson()).signOff, undefined)
  })
})
