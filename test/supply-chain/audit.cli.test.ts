import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'outturn-audit-'))

/** A one-dependency project, so npm audit asks about a single package. */
const project = join(scratch, 'project')
const cache = join(scratch, 'npm-cache')

/**
 * A stand-in for the registry's advisory service on loopback: it answers the bulk advisory request as told (an
 * advisory of a given severity, none, or a refusal), and the package document npm reads to see whether a fix exists.
 */
let answer: { kind: 'advisory'; severity: string } | { kind: 'none' } | { kind: 'refuse' } = { kind: 'none' }
let server: Server
let registry = ''

before(async () => {
  // The scratch folder itself is a project without a lockfile, for the last test.
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'unlocked', version: '1.0.0', private: true }))
  mkdirSync(project)
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'fixture', version: '1.0.0', private: true, dependencies: { 'left-pad': '^1.3.0' } }),
  )
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'fixture',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'fixture', version: '1.0.0', dependencies: { 'left-pad': '^1.3.0' } },
        'node_modules/left-pad': {
          version: '1.3.0',
          integrity: 'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEaLdEl/sX3u2kM9TZEPfh+hgv4D5zv33T+oohQD1jQvjzw==',
        },
      },
    }),
  )
  server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      if (request.url?.includes('/-/npm/v1/security/advisories/bulk')) {
        if (answer.kind === 'refuse') {
          response.writeHead(405, { allow: 'GET,HEAD' }).end()
          return
        }
        // A fresh advisory id each time: npm keeps advisories it has seen in its cache, by id.
        const advisories =
          answer.kind === 'none'
            ? {}
            : {
                'left-pad': [
                  {
                    id: randomInt(1, 2 ** 31),
                    url: 'https://advisories.invalid/1',
                    title: `A ${answer.severity} advisory`,
                    severity: answer.severity,
                    vulnerable_versions: '<2.0.0',
                    cwe: [],
                    cvss: { score: 0, vectorString: null },
                  },
                ],
              }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(advisories))
        return
      }
      if (request.url === '/left-pad') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            name: 'left-pad',
            'dist-tags': { latest: '1.3.0' },
            versions: { '1.3.0': { name: 'left-pad', version: '1.3.0', dist: { tarball: `${registry}left-pad.tgz` } } },
            time: {},
          }),
        )
        return
      }
      response.writeHead(404).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})

after(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(scratch, { recursive: true, force: true })
})

function audit(registryUrl: string, prefix = project): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ['--import', 'tsx', 'scripts/audit.ts', '--prefix', prefix, '--registry', registryUrl, '--cache', cache]
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

describe('scripts/audit.ts (the CI step for npm audit --omit=dev)', () => {
  it('fails the build on a high or a critical advisory, naming the package', async () => {
    for (const severity of ['high', 'critical']) {
      answer = { kind: 'advisory', severity }
      const run = await audit(registry)
      assert.equal(run.code, 1, run.stderr)
      assert.match(run.stderr, new RegExp(`left-pad \\(${severity}\\): A ${severity} advisory`))
    }
  })

  it('passes with advisories below high, and says how many there were', async () => {
    answer = { kind: 'advisory', severity: 'moderate' }
    const run = await audit(registry)
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /no high or critical advisories in production dependencies \(1 moderate below the bar\)/)
  })

  it('passes with no advisories', async () => {
    answer = { kind: 'none' }
    const run = await audit(registry)
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /no high or critical advisories in production dependencies\.$/m)
  })

  it('warns, without failing, when the advisory service refuses the request (405, as this network answers)', async () => {
    answer = { kind: 'refuse' }
    const run = await audit(registry)
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stderr, /WARNING: npm audit could not run: the advisory service answered 405 Method Not Allowed/)
    assert.match(run.stderr, /NOT checked for advisories/)
  })

  it('warns, without failing, when the advisory service cannot be reached at all', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const run = await audit(`http://127.0.0.1:${port}/`)
    assert.equal(run.code, 0, run.stderr)
    assert.match(
      run.stderr,
      /WARNING: npm audit could not run: the advisory service could not be reached \(ECONNREFUSED\)/,
    )
  })

  it('fails when npm itself fails for another reason (no lockfile to audit)', async () => {
    const run = await audit(registry, scratch)
    assert.equal(run.code, 1, run.stderr)
    assert.match(run.stderr, /npm audit failed/)
  })
})
