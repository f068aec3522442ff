import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { DIALECTS, TEST_POSTGRES_URL } from '../helpers/databases.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface Summary {
  readonly requests: number
  readonly errors: number
  readonly acceptedWrites: number
  readonly lostWrites: number
  readonly auditMatches: boolean
  readonly byRoute: Record<string, Record<string, number>>
}

/**
 * `npm run load` for a few seconds with a few people: every request answered as expected and every accepted write in
 * the database and the audit trail. Correctness only: timings belong to the full run, not to a test.
 */
describe('npm run load (short)', () => {
  for (const dialect of DIALECTS) {
    it(`has no errors and loses no writes on ${dialect}`, async () => {
      const args = ['--import', 'tsx', 'scripts/load.ts', '--seconds', '8', '--users', '5', '--json']
      if (dialect === 'postgres' && TEST_POSTGRES_URL) args.push('--database-url', TEST_POSTGRES_URL)
      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
        (resolve) => {
          execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: err })
          })
        },
      )
      assert.equal(code, 0, `${stdout}\n${stderr}`)
      const summary = JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '') as Summary
      assert.equal(summary.errors, 0)
      assert.equal(summary.lostWrites, 0)
      assert.equal(summary.auditMatches, true)
      assert.ok(summary.acceptedWrites > 0, 'some posts were made')
      assert.ok((summary.byRoute.dashboard?.['200'] ?? 0) > 0, 'the dashboard was read')
      assert.equal(summary.byRoute['entry post']?.['303'], summary.acceptedWrites)
    })
  }
})
