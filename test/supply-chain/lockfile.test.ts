import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface LockedPackage {
  readonly version?: string
  readonly integrity?: string
  readonly resolved?: string
  readonly link?: boolean
  readonly dependencies?: Record<string, string>
  readonly devDependencies?: Record<string, string>
}

const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as {
  lockfileVersion: number
  packages: Record<string, LockedPackage>
}
const declared = { ...manifest.dependencies, ...manifest.devDependencies }

/** An exact version as the registry publishes it: 1.2.3, or 1.2.3-rc.1. */
const EXACT = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/
/** The only ranges package.json may use: caret, tilde or exact, on a full version. */
const RANGE = /^([\^~]?)(\d+)\.(\d+)\.(\d+)$/

/** Whether a locked version lies in a caret, tilde or exact range, by semver's rules (no new major, ever). */
function satisfies(version: string, range: string): boolean {
  const v = EXACT.exec(version)
  const r = RANGE.exec(range)
  if (!v || !r || v[4] !== undefined) return false
  const [major, minor, patch] = [Number(v[1]), Number(v[2]), Number(v[3])]
  const [op, rMajor, rMinor, rPatch] = [r[1], Number(r[2]), Number(r[3]), Number(r[4])]
  const atLeast = major > rMajor || (major === rMajor && (minor > rMinor || (minor === rMinor && patch >= rPatch)))
  if (op === '') return major === rMajor && minor === rMinor && patch === rPatch
  if (op === '~') return atLeast && major === rMajor && minor === rMinor
  // A caret on 0.x keeps the minor too (and on 0.0.x the patch): for those, the minor is the major.
  if (rMajor > 0) return atLeast && major === rMajor
  if (rMinor > 0) return atLeast && major === 0 && minor === rMinor
  return major === 0 && minor === 0 && patch === rPatch
}

describe('the dependencies are pinned', () => {
  it('package.json ranges are caret, tilde or exact on a full version, so none allows a new major', () => {
    const loose = Object.entries(declared).filter(([, range]) => !RANGE.test(range))
    assert.deepEqual(loose, [], 'no *, latest, x, >=, ||, tag, git, file or URL dependencies')
  })

  it('the range check itself keeps a new major out', () => {
    assert.equal(satisfies('12.9.0', '^12.6.2'), true)
    assert.equal(satisfies('13.0.0', '^12.6.2'), false)
    assert.equal(satisfies('0.29.0', '~0.28.18'), false)
    assert.equal(satisfies('0.28.20', '~0.28.18'), true)
    assert.equal(satisfies('0.29.0', '^0.28.18'), false)
    assert.equal(satisfies('12.6.1', '^12.6.2'), false)
  })

  it('the lockfile is version 3 and records exactly the ranges package.json declares', () => {
    assert.equal(lock.lockfileVersion, 3)
    const root = lock.packages['']
    assert.ok(root)
    assert.deepEqual(root.dependencies, manifest.dependencies)
    assert.deepEqual(root.devDependencies, manifest.devDependencies)
  })

  it('every direct dependency is locked to one version inside its range', () => {
    for (const [name, range] of Object.entries(declared)) {
      const locked = lock.packages[`node_modules/${name}`]
      assert.ok(locked?.version, `${name} is in the lockfile`)
      assert.ok(satisfies(locked.version, range), `${name} ${locked.version} satisfies ${range}`)
    }
  })

  it('every package in the lockfile has an exact version and a sha512 integrity, and none is a link', () => {
    const entries = Object.entries(lock.packages).filter(([path]) => path !== '')
    assert.ok(entries.length > 100, 'the whole tree is locked, not only the direct dependencies')
    for (const [path, locked] of entries) {
      assert.ok(path.startsWith('node_modules/'), `${path} is installed from the registry, not a local folder`)
      assert.notEqual(locked.link, true, `${path} is not a link`)
      assert.match(locked.version ?? '', EXACT, `${path} has an exact version`)
      // npm checks every downloaded tarball against this hash, so a changed package cannot be installed quietly.
      const hash = /^sha512-([A-Za-z0-9+/]{86}==)$/.exec(locked.integrity ?? '')
      assert.ok(hash, `${path} has a sha512 integrity`)
      assert.equal(Buffer.from(hash[1] ?? '', 'base64').length, 64, `${path}'s integrity is a whole SHA-512`)
      // This machine's npm is set to omit-lockfile-registry-resolved, so most entries carry no download address and
      // npm fetches name@version from the configured registry; where one is recorded it must be the registry's.
      if (locked.resolved !== undefined)
        assert.match(locked.resolved, /^https:\/\/registry\.npmjs\.org\/.+\.tgz$/, `${path} comes from the registry`)
    }
  })

  it('CI installs exactly the lockfile and runs the audit of production dependencies', () => {
    const ci = readFileSync(`${ROOT}.ci/run`, 'utf8')
    assert.match(ci, /^npm ci\b/m, 'npm ci fails when package.json and the lockfile disagree')
    assert.match(ci, /scripts\/audit\.ts/)
  })
})
