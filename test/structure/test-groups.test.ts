import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

/**
 * The test groups of package.json (`npm run test:unit`, `test:routes`, `test:db`, `test:cli`, `test:browser`) each
 * pick their files with a `find`. Every *.test.ts under test/ must be in exactly one of them, so that no test falls
 * outside the groups CI runs and none runs twice. The finds are run here as the scripts run them.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const GROUPS = ['unit', 'routes', 'db', 'cli', 'browser'] as const

const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts

/** The files a script's `$(find ...)` picks, as the shell would run it from the project's folder. */
function filesOf(script: string): string[] {
  const find = /\$\((find [^)]*)\)/.exec(scripts[script] ?? '')?.[1]
  assert.ok(find, `npm run ${script} picks its files with $(find ...)`)
  return execFileSync('sh', ['-c', find], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean).sort()
}

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return testFiles(path)
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : []
  })
}

describe('the test groups', () => {
  const groups = new Map(GROUPS.map((group) => [group, filesOf(`test:${group}`)]))
  const all = testFiles(join(ROOT, 'test')).sort()

  it('each pick some tests', () => {
    for (const [group, files] of groups) assert.ok(files.length > 0, `test:${group} has tests`)
  })

  it('hold every test file exactly once between them', () => {
    const inGroups = all.map((file) => ({
      file,
      groups: GROUPS.filter((group) => groups.get(group)?.includes(file)),
    }))
    assert.deepEqual(
      inGroups.filter((f) => f.groups.length !== 1),
      [],
    )
    assert.equal([...groups.values()].flat().length, all.length, 'and nothing that is not a test file')
  })

  it('make up the whole run, and the fast run is unit and routes', () => {
    assert.deepEqual(filesOf('test:all'), all)
    const fast = [...(groups.get('unit') ?? []), ...(groups.get('routes') ?? [])].sort()
    assert.deepEqual(filesOf('test:fast'), fast)
  })
})
