import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'

/**
 * Hints and messages give an example figure ("like 12.5", "such as 12.5"): it must never be a real indicator's
 * figure, or an owner reads it as a prompt for what to enter. Every example in src/ (but a single digit) is checked
 * against every figure the demo and the fixtures hold.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Examples that are not figures at all, with what they are. */
const NOT_FIGURES: ReadonlyMap<string, string> = new Map([
  ['src/services/delivery/inspection.service.ts 2.2', 'a Key Line of Enquiry number'],
])

function files(folder: string, ending: RegExp): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    return entry.isDirectory() ? files(path, ending) : ending.test(entry.name) ? [path] : []
  })
}

function publishedFigures(): Map<string, string> {
  const figures = new Map<string, string>()
  for (const folder of ['demo', 'test/fixtures'])
    for (const path of files(join(ROOT, folder), /^(observations|comparators)\.csv$/)) {
      const rows = parse<Record<string, string>>(readFileSync(path), { columns: true, skip_empty_lines: true })
      for (const row of rows)
        for (const column of ['actual', 'target', 'value'])
          if (row[column]) figures.set(Number(row[column]).toString(), `${relative(ROOT, path)} (${row.ref ?? ''})`)
    }
  return figures
}

describe('example figures in hints and messages', () => {
  it('are never a figure the demo or the fixtures publish', () => {
    const figures = publishedFigures()
    assert.ok(figures.size > 100, 'the published figures were read')
    const examples: string[] = []
    for (const path of files(join(ROOT, 'src'), /\.(ts|njk)$/)) {
      const text = readFileSync(path, 'utf8')
      for (const match of text.matchAll(/\b(?:like|such as|for example|e\.g\.)\s+(-?\d+(?:\.\d+)?)(?![\d/%-])/g)) {
        const example = Number(match[1]).toString()
        // A percentage ("a tolerance such as 10%") is a rule's example: figures are entered without units.
        // A single digit ("a position such as 1 or 1st") or a round ten ("a tolerance like 10", "out of, such as
        // 100") is every scale's example, not anyone's figure.
        if (/^-?(\d|[1-9]0+)$/.test(example) || NOT_FIGURES.has(`${relative(ROOT, path)} ${example}`)) continue
        examples.push(example)
        const published = figures.get(example)
        assert.equal(published, undefined, `${relative(ROOT, path)} gives ${match[0]}, a figure in ${published}`)
      }
    }
    assert.ok(examples.length > 3, `the examples were found: ${examples.join(', ')}`)
  })
})
