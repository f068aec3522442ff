import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { ReportJson } from '../../src/reports/report.json.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'
import { TRAFFORD_DIR, assertMatchesPublished, expectedTrafford } from '../helpers/fixtures.ts'

const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
const PLAN = 'Trafford ADP 2013/14'

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI exactly as `npx outturn` does, in a scratch working directory. */
function outturn(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      },
    )
  })
}

const scratch = mkdtempSync(join(tmpdir(), 'outturn-cli-'))
const created: TestDatabase[] = []
after(async () => {
  rmSync(scratch, { recursive: true, force: true })
  for (const database of created) await database.drop()
})

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('the outturn command', () => {
  it('explains itself with --help', async () => {
    const run = await outturn(['--help'])
    assert.equal(run.code, 0)
    for (const command of ['import', 'demo', 'report', 'plans', 'audit', '--database'])
      assert.ok(run.stdout.includes(command), `--help mentions ${command}`)
  })

  it('uses ./data/outturn.sqlite by default and OUTTURN_DATABASE when set', async () => {
    const cwd = mkdtempSync(join(scratch, 'default-'))
    assert.equal((await outturn(['demo'], { cwd })).code, 0)
    assert.ok(readFileSync(join(cwd, 'data', 'outturn.sqlite')).length > 0)
    const other = join(cwd, 'elsewhere.sqlite')
    const plans = await outturn(['plans'], { cwd, env: { OUTTURN_DATABASE: other } })
    assert.equal(plans.stdout.trim(), 'No plans are held yet. Run: npx outturn demo')
  })

  for (const dialect of DIALECTS) {
    it(`loads the demo and prints the published report as JSON and text on ${dialect}`, async () => {
      const testDb = createTestDatabase(dialect)
      created.push(testDb)
      const database = ['--database', testDb.location]
      const demo = await outturn([...database, 'demo'])
      assert.equal(demo.code, 0, demo.stderr)
      assert.match(demo.stdout, /Created plan "Trafford ADP 2013\/14"\.\nIndicators: 25 added/)
      const again = await outturn([...database, 'demo'])
      // 80 published figures and 72 illustrative monthly ones (four indicators, 18 months) for the SPC charts
      assert.match(again.stdout, /Observations: 0 added, 0 updated, 155 unchanged\./)

      const json = await outturn([...database, 'report', '--plan', PLAN, '--period', '2013/14 Q2', '--format', 'json'])
      assert.equal(json.code, 0, json.stderr)
      const report = JSON.parse(json.stdout) as ReportJson
      assertMatchesPublished(report, expectedTrafford())
      assert.equal(report.plan, PLAN)

      const text = await outturn([...database, 'report', '--plan', PLAN, '--period', '2013/14 Q2', '--format', 'text'])
      assert.equal(text.code, 0, text.stderr)
      assert.ok(text.stdout.includes(report.summary.text))
      assert.match(text.stdout, /LCA 2 +4\.45% +4\.4% +4\.53% +5\.16% +4\.4% +↓ +R/)
    })
  }

  it('refuses a broken import, lists every problem, and leaves the database file byte-for-byte unchanged', async () => {
    const cwd = mkdtempSync(join(scratch, 'broken-'))
    const file = join(cwd, 'outturn.sqlite')
    assert.equal((await outturn(['--database', file, 'demo'])).code, 0)
    const before = sha256(file)
    const observations = join(cwd, 'observations.csv')
    writeFileSync(
      observations,
      'ref,period,data_period,actual,target,estimated,status,note\nSTP 13,2013/14 Q3,,5000,4917,no,,\nSTP 13,2013/14 Q3,,5001,4917,no,,\nLCA 2,2013/14 Q5,,4.2,4.4,no,,\nBV 9,2013/14 Q3,,lots,87.9,no,,\nNOT A REF,2013/14 Q3,,1,1,no,,\n',
    )
    const run = await outturn([
      '--database',
      file,
      'import',
      '--plan',
      PLAN,
      join(TRAFFORD_DIR, 'indicators.csv'),
      observations,
    ])
    assert.equal(run.code, 1)
    assert.match(run.stderr, /^Nothing was imported: the files have 4 problems\./)
    assert.match(
      run.stderr,
      /observations\.csv, line 3, column period: STP 13 already has a row for 2013\/14 Q3 on line 2/,
    )
    assert.match(run.stderr, /observations\.csv, line 4, column period: "2013\/14 Q5" is not a period/)
    assert.match(run.stderr, /observations\.csv, line 5, column actual: "lots" is not a number/)
    assert.match(run.stderr, /observations\.csv, line 6, column ref: "NOT A REF" is not an indicator/)
    assert.equal(sha256(file), before)

    const missing = await outturn([
      '--database',
      file,
      'import',
      '--plan',
      PLAN,
      join(TRAFFORD_DIR, 'indicators.csv'),
      join(cwd, 'nope.csv'),
    ])
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /Cannot read .*nope\.csv: there is no such file\./)
    assert.equal(sha256(file), before)
  })

  it('reads periods and placeholders as councils write them, and says which placeholders it read', async () => {
    const cwd = mkdtempSync(join(scratch, 'spellings-'))
    const database = ['--database', join(cwd, 'outturn.sqlite')]
    const observations = join(cwd, 'observations.csv')
    writeFileSync(
      observations,
      'ref,period,actual,target\nLCA 2,Quarter 1 2013/14,4.2,4.4\nLCA 2,Q2 13/14,n/a,4.4\nNI 154,2013-14 Q2,x,300\nBV 9,2013/2014 Q2,..,97.4\n',
    )
    const run = await outturn([
      ...database,
      'import',
      '--plan',
      'Spellings',
      join(TRAFFORD_DIR, 'indicators.csv'),
      observations,
    ])
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /^Observations: 4 added, 0 updated, 0 unchanged\.$/m)
    assert.match(run.stdout, /^2 figures read as not available: n\/a \(1\), \.\. \(1\)\.$/m)
    assert.match(run.stdout, /^1 figure read as suppressed \(withheld because the numbers are small\): x \(1\)\.$/m)

    const canonical = await outturn([
      ...database,
      'report',
      '--plan',
      'Spellings',
      '--period',
      '2013/14 Q2',
      '--format',
      'json',
    ])
    const written = await outturn([
      ...database,
      'report',
      '--plan',
      'Spellings',
      '--period',
      'Quarter 2 2013-14',
      '--format',
      'json',
    ])
    assert.equal(written.code, 0, written.stderr)
    assert.equal(written.stdout, canonical.stdout)
    const report = JSON.parse(written.stdout) as ReportJson
    assert.equal(report.period, '2013/14 Q2')
    assert.equal(report.indicators.find((i) => i.ref === 'NI 154')?.notReported, 'suppressed')

    const lock = await outturn([...database, 'period', 'lock', '--plan', 'Spellings', '--period', 'Q2 2013/14'])
    assert.equal(lock.code, 0, lock.stderr)
    assert.match(lock.stdout, /Signed off Quarter 2 2013\/14 of "Spellings"/)
    assert.match(
      (await outturn([...database, 'period', 'list', '--plan', 'Spellings'])).stdout,
      /^2013\/14 Q2\tsigned off/m,
    )
    const unlock = await outturn([
      ...database,
      'period',
      'unlock',
      '--plan',
      'Spellings',
      '--period',
      '2013/14 Quarter 2',
      '--reason',
      'A figure was wrong',
    ])
    assert.equal(unlock.code, 0, unlock.stderr)
    assert.match(unlock.stdout, /Unlocked Quarter 2 2013\/14 of "Spellings"\./)
  })

  it('says what a period should look like', async () => {
    const cwd = mkdtempSync(join(scratch, 'period-'))
    const run = await outturn(['--database', join(cwd, 'x.sqlite'), 'report', '--plan', PLAN, '--period', 'Q2 2013'])
    assert.equal(run.code, 1)
    assert.match(
      run.stderr,
      /"Q2 2013" is not a period: a quarter of the calendar year 2013 is not the same as a quarter of a financial year\. Write the financial year, such as 2013\/14 Q2\. Use a financial year such as 2013\/14, a quarter such as 2013\/14 Q2, or a month such as 2013-09\. Also read: /,
    )
  })

  it('imports comparators with --comparators, audits them, and refuses a broken comparators file', async () => {
    const cwd = mkdtempSync(join(scratch, 'comparators-'))
    const db = join(cwd, 'x.sqlite')
    const stats = fileURLToPath(new URL('../fixtures/statistics-data/', import.meta.url))
    const files = [join(stats, 'indicators.csv'), join(stats, 'observations.csv')]
    const plan = ['--database', db, 'import', '--plan', 'Public health 2013/14']
    const run = await outturn([...plan, '--comparators', join(stats, 'comparators.csv'), ...files])
    assert.equal(run.code, 0, run.stderr)
    assert.match(
      run.stdout,
      /Observations: 5 added, 0 updated, 0 unchanged\.\nComparators: 5 added, 0 updated, 0 unchanged\./,
    )
    const audit = await outturn(['--database', db, 'audit', '--plan', 'Public health 2013/14', '--ref', 'NI 39'])
    assert.equal(audit.code, 0, audit.stderr)
    assert.match(audit.stdout, /comparator:North West/)
    const before = sha256(db)
    const broken = join(cwd, 'comparators.csv')
    writeFileSync(broken, 'ref,period,comparator,value\nNI 39,2013/14 Q2,England,high\n')
    const refused = await outturn([...plan, '--comparators', broken, ...files])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /comparators\.csv, line 2, column value: "high" is not a number/)
    assert.equal(sha256(db), before)
  })

  it('imports KLOE scores and delivery groups, and makes a user responsible for an item and a treatment', async () => {
    const cwd = mkdtempSync(join(scratch, 'delivery-'))
    const db = join(cwd, 'x.sqlite')
    const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))
    const kloe = await outturn([
      '--database',
      db,
      'import-inspection',
      '--plan',
      'Manchester CAA 2009',
      join(fixtures, 'manchester-2009-caa', 'kloe_scores.csv'),
    ])
    assert.equal(kloe.code, 0, kloe.stderr)
    assert.match(kloe.stdout, /KLOE scores: 10 added, 0 updated, 0 unchanged\./)
    const chorley = join(fixtures, 'chorley-2013-14-q1')
    const groups = await outturn([
      '--database',
      db,
      'import-delivery',
      '--plan',
      'Chorley Partnership 2013/14',
      '--groups',
      join(chorley, 'groups.csv'),
      join(chorley, 'delivery.csv'),
      join(chorley, 'delivery_updates.csv'),
    ])
    assert.equal(groups.code, 0, groups.stderr)
    assert.match(groups.stdout, /Groups: 5 added, 0 updated, 0 unchanged\./)
    const add = await outturn([
      '--database',
      db,
      'user',
      'add',
      '--email',
      'lead@council.example',
      '--name',
      'A lead',
      '--role',
      'owner',
    ])
    assert.equal(add.code, 0, add.stderr)
    const assign = await outturn([
      '--database',
      db,
      'user',
      'assign',
      '--email',
      'lead@council.example',
      '--item',
      'CSP 1',
    ])
    assert.equal(assign.code, 0, assign.stderr)
    assert.match(
      assign.stdout,
      /lead@council\.example is now responsible for CSP 1 in "Chorley Partnership 2013\/14"\./,
    )
    const both = await outturn([
      '--database',
      db,
      'user',
      'assign',
      '--email',
      'lead@council.example',
      '--item',
      'CSP 1',
      '--indicator',
      'X',
    ])
    assert.equal(both.code, 1)
    assert.match(both.stderr, /Give exactly one of --indicator, --item or --treatment\./)
    const bad = await outturn([
      '--database',
      db,
      'import-inspection',
      '--plan',
      'Manchester CAA 2009',
      join(chorley, 'groups.csv'),
    ])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /groups\.csv, line 1, column assessment: The column "assessment" is missing/)
  })
})
