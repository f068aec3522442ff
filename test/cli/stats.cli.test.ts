import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { answerStatsRequest } from '../../src/cli/stats.action.ts'
import { close } from '../helpers/close.ts'

const BIN = fileURLToPath(new URL('../../bin/outturn.js', import.meta.url))

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `outturn stats` as `npx outturn stats` does, with the request on standard input and no database at all. */
function stats(input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'stats'], {
      env: { ...process.env, OUTTURN_DATABASE: '/nonexistent/directory/outturn.sqlite' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(input)
  })
}

/** The one JSON line a successful request prints. */
async function answer(request: object): Promise<Record<string, unknown>> {
  const run = await stats(JSON.stringify(request))
  assert.equal(run.code, 0, run.stderr)
  const lines = run.stdout.trim().split('\n')
  assert.equal(lines.length, 1, `one line of JSON, got ${run.stdout}`)
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>
}

/** The same request answered in-process, for the cases that need no new process (starting the CLI takes seconds). */
function answerHere(request: object): unknown {
  return answerStatsRequest(JSON.stringify(request)).result
}

describe('outturn stats, run as a command', { concurrency: 3 }, () => {
  it('wilson: a proportion with its interval', async () => {
    const result = await answer({ method: 'wilson', x: 45, n: 100, confidence: 95 })
    assert.deepEqual(Object.keys(result), ['value', 'lower', 'upper'])
    close(result.value as number, 0.45)
    close(result.lower as number, 0.35614537979511984, 1e-12)
    close(result.upper as number, 0.5475539700255787, 1e-12)
  })

  it('rate: exact below 10 events, with the method', async () => {
    const result = await answer({ method: 'rate', x: 0, n: 1000, multiplier: 1000, confidence: 0.95 })
    assert.equal(result.ciMethod, 'exact')
    assert.equal(result.lower, 0)
    close(result.upper as number, -Math.log(0.025), 1e-12)
    const byars = answerHere({ method: 'rate', x: 65, n: 10000 }) as Record<string, number>
    assert.equal(byars.ciMethod, 'byars')
    close(byars.value, 650, 1e-12)
  })

  it('dsr: a standardised rate, and nulls when suppressed', async () => {
    const request = { method: 'dsr', x: [40], n: [20000], standard: [1000], multiplier: 100000 }
    const result = answerHere(request) as { value: number; lower: number; upper: number }
    close(result.value, 200, 1e-12)
    assert.ok(result.lower < 200 && result.upper > 200)
    const run = await stats(JSON.stringify({ method: 'dsr', x: [4, null], n: [100, 200], standard: [1, 1] }))
    assert.equal(run.code, 0, run.stderr)
    assert.deepEqual(JSON.parse(run.stdout), { value: null, lower: null, upper: null })
    assert.match(run.stderr, /suppressed: 4 events in total/)
  })

  it('compare: better, similar or worse; higher or lower without a polarity; not-compared without a CI', async () => {
    const figure = { method: 'compare', value: 3.3, lower: 3.2, upper: 3.5, benchmark: 3 }
    assert.deepEqual(await answer({ ...figure, polarity: 'higher' }), { result: 'better' })
    assert.deepEqual(answerHere({ ...figure, polarity: 'lower' }), { result: 'worse' })
    assert.deepEqual(answerHere({ ...figure, polarity: 'none' }), { result: 'higher' })
    assert.deepEqual(answerHere({ ...figure, benchmark: 3.2, polarity: 'higher' }), { result: 'similar' })
    assert.deepEqual(answerHere({ ...figure, lower: null, polarity: 'higher' }), { result: 'not-compared' })
  })

  it('compare at two levels when the 99.8% limits are given', () => {
    const figure = { method: 'compare', value: 2.6, lower: 2.5, upper: 2.7, lower998: 2.3, upper998: 2.9 }
    assert.deepEqual(answerHere({ ...figure, benchmark: 3, polarity: 'lower' }), { result: 'better', level: 99.8 })
    assert.deepEqual(answerHere({ ...figure, benchmark: 2.8, polarity: 'higher' }), { result: 'worse', level: 95 })
    assert.deepEqual(answerHere({ ...figure, benchmark: 2.6, polarity: 'higher' }), {
      result: 'similar',
      level: null,
    })
  })

  it('spc: the groups, the points and the icons', async () => {
    const result = await answer({
      method: 'spc',
      values: [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1],
      improvement: 'increase',
      target: 5,
      rebaseAt: [],
      fixAfter: null,
      screenOutliers: true,
    })
    assert.deepEqual(Object.keys(result), ['groups', 'points', 'variation', 'assurance'])
    const [group] = result.groups as Record<string, number>[]
    assert.ok(group)
    assert.deepEqual(Object.keys(group), ['start', 'end', 'mean', 'lpl', 'upl', 'nlpl', 'nupl'])
    assert.deepEqual([group.start, group.end], [0, 17])
    close(group.upl, 35 / 18 + 2.66)
    const points = result.points as Record<string, unknown>[]
    assert.equal(points.length, 18)
    assert.deepEqual(points[4], { outside: true, close: false, rule: 'outside', type: 'improvement' })
    assert.deepEqual(points[0], { outside: false, close: false, rule: null, type: 'common' })
    assert.equal(result.variation, 'common_cause')
    assert.equal(result.assurance, 'consistent_fail')
  })

  it('spc: rebased groups, nulls for limits that cannot be computed, and a warning for short periods', async () => {
    const run = await stats(JSON.stringify({ method: 'spc', values: [3, 3, 3, 5, 6, 7], rebaseAt: [3], target: 4 }))
    assert.equal(run.code, 0, run.stderr)
    const result = JSON.parse(run.stdout) as { groups: Record<string, unknown>[]; assurance: unknown }
    assert.deepEqual(result.groups[0], { start: 0, end: 2, mean: 3, lpl: null, upl: null, nlpl: null, nupl: null })
    assert.equal(result.groups[1]?.start, 3)
    assert.match(run.stderr, /fewer than 13 points/)
  })

  it('spc: an empty series', () => {
    assert.deepEqual(answerHere({ method: 'spc', values: [] }), {
      groups: [],
      points: [],
      variation: 'common_cause',
      assurance: null,
    })
  })

  const refused: [name: string, input: string, message: RegExp][] = [
    ['bad JSON', '{"method": "wilson",', /not valid JSON/],
    ['no input', '', /no request on standard input/],
    ['a JSON array', '[1, 2]', /one JSON object/],
    ['an unknown method', '{"method":"mean","values":[1]}', /method must be one of wilson, rate, dsr, compare, spc/],
    ['a missing field', '{"method":"wilson","x":45}', /invalid wilson request: .*required properties n/],
    ['a field of the wrong type', '{"method":"rate","x":"45","n":100}', /invalid rate request: x must be number/],
    ['an unknown field', '{"method":"wilson","x":1,"n":2,"conf":95}', /must not have additional properties \(conf\)/],
    ['an impossible proportion', '{"method":"wilson","x":5,"n":3}', /less than or equal to the denominator/],
    ['a confidence level out of range', '{"method":"wilson","x":5,"n":30,"confidence":50}', /between 90 and 100/],
    ['a bad polarity', '{"method":"compare","value":1,"lower":0,"upper":2,"benchmark":1,"polarity":"up"}', /polarity/],
    ['fixAfter below 12', '{"method":"spc","values":[1,2,3],"fixAfter":5}', /12 or more/],
    ['a rebase beyond the series', '{"method":"spc","values":[1,2,3],"rebaseAt":[7]}', /rebase/],
  ]
  const spawned = new Set(['bad JSON', 'a field of the wrong type', 'an impossible proportion'])
  for (const [name, input, message] of refused) {
    if (spawned.has(name)) {
      it(`exits 1 with a message for ${name}`, async () => {
        const run = await stats(input)
        assert.equal(run.code, 1, `${run.stdout}${run.stderr}`)
        assert.equal(run.stdout, '')
        assert.match(run.stderr, message)
      })
    } else {
      it(`refuses ${name} with a message`, () => {
        assert.throws(() => answerStatsRequest(input), { name: 'DomainError', message })
      })
    }
  }
})
