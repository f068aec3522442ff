import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createProgressBar, progressLine } from '../../src/cli/progress.ts'

describe('the import progress bar', () => {
  it('shows the stage, a bar, the share done, the rows and the rate', () => {
    assert.equal(
      progressLine('writing observations', 39_000, 65_000, 1.5),
      'Writing observations   [██████████████░░░░░░░░░░]  60%  39,000 of 65,000 rows  26,000 rows a second',
    )
    assert.equal(
      progressLine('writing audit trail', 0, 10, 0),
      'Writing audit trail    [░░░░░░░░░░░░░░░░░░░░░░░░]   0%  0 of 10 rows',
    )
  })

  it('writes a line per tenth to a file or pipe, and each stage once complete', () => {
    const lines: string[] = []
    let now = 0
    const bar = createProgressBar({ line: (text) => lines.push(text) }, () => now)
    for (let done = 0; done <= 100_000; done += 5_000) {
      now += 100
      bar.update('writing observations', done, 100_000)
    }
    bar.update('writing observations', 100_000, 100_000)
    bar.update('writing audit trail', 200_000, 200_000)
    bar.finish()
    assert.equal(lines.length, 12)
    assert.match(lines[10] ?? '', /^Writing observations .* 100% {2}100,000 of 100,000 rows {2}50,000 rows a second$/)
    assert.match(lines[11] ?? '', /^Writing audit trail .* 100%/)
  })

  it('redraws one line in place on a terminal, at most every 100 ms, and ends it when the stage completes', () => {
    const lines: string[] = []
    const redraws: string[] = []
    let now = 0
    const bar = createProgressBar({ line: (text) => lines.push(text), redraw: (text) => redraws.push(text) }, () => now)
    bar.update('writing observations', 0, 30_000)
    now = 50
    bar.update('writing observations', 10_000, 30_000)
    now = 150
    bar.update('writing observations', 20_000, 30_000)
    now = 160
    bar.update('writing observations', 30_000, 30_000)
    bar.finish()
    assert.equal(redraws.length, 3, 'the update 50 ms after the first is skipped; the last always drawn')
    assert.deepEqual(lines, [redraws[2]])
  })
})
