import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

/**
 * The README's "Where things are" names the project's folders, one a line, each indented two spaces under its
 * parent. It must match the tree: every folder it names exists, and every folder at the top, in src/ (two levels
 * down), and in test/ and scripts/ (one level) is named, so the layout it describes cannot drift from the one there
 * is. dist/ is named but made by the build, so it need not exist for this test.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SKIPPED = new Set(['.git', 'node_modules', 'dist'])

/** The folders the section's block names, as paths from the project's folder. */
export function namedFolders(readme: string): string[] {
  const section = readme.split('\n## Where things are\n')[1] ?? ''
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
  const parents: string[] = []
  const named: string[] = []
  for (const line of block.split('\n')) {
    const match = /^( *)([A-Za-z0-9_.-]+)\/(?:\s|$)/.exec(line)
    if (!match) continue
    const depth = (match[1] ?? '').length / 2
    parents.length = depth
    const path = [...parents, match[2] ?? ''].join('/')
    parents.push(match[2] ?? '')
    named.push(path)
  }
  return named
}

function folders(path: string, depth: number): string[] {
  if (depth === 0) return []
  return readdirSync(join(ROOT, path), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !SKIPPED.has(entry.name))
    .flatMap((entry) => {
      const child = path === '' ? entry.name : `${path}/${entry.name}`
      return [child, ...folders(child, depth - 1)]
    })
}

describe('the README’s "Where things are"', () => {
  const named = namedFolders(readFileSync(join(ROOT, 'README.md'), 'utf8'))

  it('reads the folders by their indentation', () => {
    const block =
      '## Where things are\n\n```\nsrc/\n  domain/    the rules\n    figures/   decimals\n  web/\ndemo/    files\n```\n'
    assert.deepEqual(namedFolders(`# Title\n${block}`), ['src', 'src/domain', 'src/domain/figures', 'src/web', 'demo'])
    assert.ok(named.includes('src/domain/judgement') && named.includes('test/web'), named.join(' '))
  })

  it('names only folders that exist', () => {
    assert.deepEqual(
      named.filter((path) => path !== 'dist' && !existsSync(join(ROOT, path))),
      [],
    )
  })

  it('names every folder at the top, in src/ two levels down, and in test/ and scripts/', () => {
    const tree = [...folders('', 1), ...folders('src', 2), ...folders('test', 1), ...folders('scripts', 1)]
    assert.deepEqual(
      tree.filter((path) => !named.includes(path)),
      [],
    )
  })
})
