import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

/** `outturn plan rules`, through the built CLI (npm run build first). */

const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))
const FIXTURE = fileURLToPath(new URL('../fixtures/council-rules/', import.meta.url))
const PLAN = 'Council rules'

const scratch = mkdtempSync(join(tmpdir(), 'outturn-rules-'))
after(() => {
  rmSync(scratch, { recursive: true, force: true })
})
const database = join(scratch, 'outturn.sqlite')

function outturn(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, '--database', database, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

async function statusOf(ref: string): Promise<{ rag: string | null; ruleText: string }> {
  const run = await outturn('report', '--plan', PLAN, '--period', '2014/15 Q2', '--format', 'json')
  assert.equal(run.code, 0, run.stderr)
  const report = JSON.parse(run.stdout) as { indicators: { ref: string; rag: string | null; ruleText: string }[] }
  const found = report.indicators.find((i) => i.ref === ref)
  assert.ok(found, ref)
  return { rag: found.rag, ruleText: found.ruleText }
}

describe('outturn plan rules', () => {
  it('prints the rules in words, with the indicators that give their own', async () => {
    const imported = await outturn(
      'import',
      '--plan',
      PLAN,
      join(FIXTURE, 'indicators.csv'),
      join(FIXTURE, 'observations.csv'),
    )
    assert.equal(imported.code, 0, imported.stderr)
    const run = await outturn('plan', 'rules', '--plan', PLAN)
    assert.equal(run.code, 0, run.stderr)
    const lines = run.stdout.trim().split('\n')
    assert.deepEqual(lines.slice(0, 4), [
      'Rules of "Council rules" (the plan sets none of its own: these are the defaults):',
      '  Green: on target or better.',
      '  Amber: none (a tolerance of 0, so no amber band).',
      '  Red: worse than target.',
    ])
    assert.match(run.stdout, /10 indicators give rules of their own in indicators\.csv/)
    assert.match(run.stdout, /\n {2}HB 1 \(tolerance 10%, green_when beats\): Green: better than target/)
    assert.match(run.stdout, /\n {2}WR 1 \(tolerance_pct 5\): /)
    assert.match(run.stdout, /Data-only, for information and never given a status: CV 1\./)
  })

  it('refuses a change without a reason, or a green band as wide as the tolerance, naming the option', async () => {
    const noReason = await outturn('plan', 'rules', '--plan', PLAN, '--tolerance', '5%')
    assert.equal(noReason.code, 1)
    assert.equal(noReason.stderr.trim(), '--reason: Give the reason for changing the rules.')
    const tooWide = await outturn('plan', 'rules', '--plan', PLAN, '--tolerance', '5%', '--green-within', '5%')
    assert.equal(tooWide.code, 1)
    assert.match(tooWide.stderr, /^--green-within: The green band must be less than the tolerance \(5%\)/)
    const unreadable = await outturn('plan', 'rules', '--plan', PLAN, '--tolerance', 'five', '--reason', 'x')
    assert.equal(unreadable.code, 1)
    assert.match(unreadable.stderr, /^--tolerance: Enter the tolerance as a percent of the target, such as 10%/)
    assert.equal((await statusOf('SA 1')).rag, 'R', 'nothing changed')
  })

  it('changes a rule with a reason, audited, and only the indicators inheriting it change', async () => {
    const run = await outturn('plan', 'rules', '--plan', PLAN, '--tolerance', '5%', '--reason', 'Agreed by Cabinet')
    assert.equal(run.code, 0, run.stderr)
    assert.match(
      run.stdout,
      /^Saved one change to the rules, recorded in the audit trail\.\nRules of "Council rules":\n/,
    )
    assert.match(run.stdout, /Amber: worse than target by no more than 5% of the target\./)
    assert.deepEqual(await statusOf('SA 1'), {
      rag: 'A',
      ruleText: 'Amber: 4.3% above target, within the tolerance of 5% of the target.',
    })
    assert.equal((await statusOf('EH 1')).rag, 'R', 'EH 1 gives its own tolerance of 0')
    const audit = await outturn('audit', '--plan', PLAN)
    assert.match(audit.stdout, /\tCouncil rules\t\trule: tolerance\t\(none\) -> 5%\tcli/)
    const again = await outturn('plan', 'rules', '--plan', PLAN, '--tolerance', '5%')
    assert.equal(again.code, 0, 'the same rules again need no reason')
    assert.match(again.stdout, /^The rules are as given already: nothing changed\./)
  })

  it('sets the budget rule with --budget-red-over and a reason, naming the option when it is wrong', async () => {
    const shown = await outturn('plan', 'rules', '--plan', PLAN)
    assert.match(
      shown.stdout,
      /\nBudget status: Red when net operational expenditure to date is more than 5% over its budget profile; .* \(the default\)\n?$/,
    )
    const bad = await outturn('plan', 'rules', '--plan', PLAN, '--budget-red-over', 'lots', '--reason', 'x')
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /^--budget-red-over: Enter the percentage over profile as a number from 0 to 100/)
    const noReason = await outturn('plan', 'rules', '--plan', PLAN, '--budget-red-over', '3')
    assert.equal(noReason.code, 1)
    assert.equal(noReason.stderr.trim(), '--reason: Give the reason for changing the budget rule.')
    const run = await outturn('plan', 'rules', '--plan', PLAN, '--budget-red-over', '3%', '--reason', 'Protocol')
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /^Saved the budget rule, recorded in the audit trail\.\n/)
    assert.match(
      run.stdout,
      /\nBudget status: Red when net operational expenditure to date is more than 3% over its budget profile; [^\n]*\.\n?$/,
    )
    const audit = await outturn('audit', '--plan', PLAN)
    assert.match(audit.stdout, /\tCouncil rules\t\trule: budget_red_over\t\(none\) -> 3\tcli/)
  })
})
