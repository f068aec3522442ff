import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { listOutbox } from '../../src/store/outbox.repository.ts'
import { openDatabase } from '../../src/store/database.ts'
import { isWorkingDay } from '../../src/domain/round/working-days.ts'

const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
const PLAN = 'Trafford ADP 2013/14'

const scratch = mkdtempSync(join(tmpdir(), 'outturn-round-'))
after(() => {
  rmSync(scratch, { recursive: true, force: true })
})
const database = join(scratch, 'outturn.sqlite')

function outturn(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '--database', database, ...args],
      { env: { ...process.env, OUTTURN_SITE_URL: 'https://outturn.example.gov.uk' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      },
    )
  })
}

describe('outturn round', () => {
  it('is opened by the demo for its period, and its status lists completion by person and theme', async () => {
    const demo = await outturn('demo')
    assert.equal(demo.code, 0, demo.stderr)
    assert.match(
      demo.stdout,
      /Opened the reporting round for 2013\/14 Q2 of "Trafford ADP 2013\/14": returns due 15 October 2013\./,
    )
    const status = await outturn('round', 'status', '--plan', PLAN, '--period', '2013/14 Q2')
    assert.equal(status.code, 0, status.stderr)
    const lines = status.stdout.trim().split('\n')
    assert.match(
      lines[0] ?? '',
      /^Trafford ADP 2013\/14, Quarter 2 2013\/14: \d+ days overdue \(due 15 October 2013\)$/,
    )
    assert.ok(lines.includes('Demo indicator owner <owner@outturn.example>\t8\t0\t0\t8\t8'), status.stdout)
    assert.ok(lines.includes('Excellence in Education\t3\t0\t0\t3\t3'), status.stdout)
    assert.ok(lines.includes('Total\t8\t0\t0\t8\t8'), status.stdout)
  })

  it('opens a round from the command line, queuing its mail with the site’s address, and refuses a second', async () => {
    const bad = await outturn('round', 'open', '--plan', PLAN, '--period', '2013/14 Q1', '--due', '15/07/2013')
    assert.equal(bad.code, 1)
    assert.equal(bad.stderr.trim(), '--due: enter the due date as a real date, like 2013-10-15')
    const opened = await outturn(
      'round',
      'open',
      '--plan',
      PLAN,
      '--period',
      '2013/14 Q1',
      '--due',
      '2013-07-15',
      '--committee',
      '2013-08-20',
      '--publish',
      'on-approval',
    )
    assert.equal(opened.code, 0, opened.stderr)
    assert.match(
      opened.stdout,
      /^Opened the reporting round for Quarter 1 2013\/14 of "Trafford ADP 2013\/14": returns due 15 July 2013\. 1 person owes \d+ items; 1 mail queued in the outbox\.$/m,
    )
    const again = await outturn('round', 'open', '--plan', PLAN, '--period', '2013/14 Q1', '--due', '2013-07-15')
    assert.equal(again.code, 1)
    assert.match(again.stderr, /already open for Quarter 1 2013\/14/)
    const opened2 = await openDatabase(database)
    try {
      const q1 = (await listOutbox(opened2.db)).filter((m) => m.subject.includes('Quarter 1'))
      assert.equal(q1.length, 1)
      assert.match(q1[0]?.text ?? '', /https:\/\/outturn\.example\.gov\.uk\/plans\/trafford-adp-2013-14\/indicators\//)
    } finally {
      await opened2.close()
    }
    const missing = await outturn('round', 'status', '--plan', PLAN, '--period', '2012/13 Q4')
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /No reporting round is open for Quarter 4 2012\/13 of Trafford ADP 2013\/14\./)
  })

  it('queues today’s overdue notices with round remind, once a day, and checks --days', async () => {
    const bad = await outturn('round', 'remind', '--plan', PLAN, '--period', '2013/14 Q2', '--days', 'three')
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /--days must be a whole number of working days from 0 to 60, not "three"/)
    const first = await outturn('round', 'remind', '--plan', PLAN, '--period', '2013/14 Q2')
    assert.equal(first.code, 0, first.stderr)
    const second = await outturn('round', 'remind', '--plan', PLAN, '--period', '2013/14 Q2')
    const opened = await openDatabase(database)
    const overdue = (await listOutbox(opened.db)).filter((m) => m.purpose === 'overdue')
    await opened.close()
    // The round's due date is long past, so on a working day it is overdue notices; on other days nothing.
    if (isWorkingDay(new Date().toISOString().slice(0, 10))) {
      assert.match(
        first.stdout,
        /^1 overdue notice queued in the outbox for Quarter 2 2013\/14 of "Trafford ADP 2013\/14"\.$/m,
      )
      assert.match(second.stdout, /^0 overdue notices queued .*\(1 already sent one today\)\.$/m)
      assert.deepEqual(
        overdue.map((m) => m.to),
        ['owner@outturn.example'],
      )
      assert.match(overdue[0]?.text ?? '', /https:\/\/outturn\.example\.gov\.uk\/returns/)
    } else {
      assert.match(first.stdout, /No reminders are due today/)
      assert.deepEqual(overdue, [])
    }
  })
})
