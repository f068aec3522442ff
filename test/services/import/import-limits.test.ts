import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LIMITS } from '../../../src/domain/limits.ts'
import { LIMIT_FORMATS, filesWith, isParsed, limitOf, lineOf, textOf } from '../../helpers/limit-formats.ts'

/**
 * Every column of every import format, at its limit and one character beyond: at the limit nothing is said about
 * its length (free text is accepted outright); beyond it, one problem names the file, the line, the column, the
 * limit in words and what to do. The text mixes 1- to 4-byte characters, so the count is of characters.
 */
describe('the length of every column of every import format', () => {
  for (const format of LIMIT_FORMATS) {
    it(`${format.file}: the files as given import cleanly`, () => {
      assert.deepEqual(format.check(filesWith(format, null, ''), ''), [])
    })

    it(`${format.file}: every column has a limit`, () => {
      for (const column of [...format.columns.required, ...format.columns.optional]) limitOf(format, column)
    })

    for (const column of [...format.columns.required, ...format.columns.optional]) {
      const limit = limitOf(format, column)
      it(`${format.file}, ${column}: ${limit.max.toLocaleString('en-GB')} characters ${isParsed(limit) ? 'are not refused for length' : 'are accepted'}`, () => {
        const value = textOf(limit.max, limit)
        const problems = format.check(filesWith(format, column, value), value)
        if (isParsed(limit)) {
          assert.deepEqual(
            problems.filter((p) => /characters or fewer/.test(p.message)),
            [],
          )
        } else assert.deepEqual(problems, [])
      })

      it(`${format.file}, ${column}: ${(limit.max + 1).toLocaleString('en-GB')} characters are refused on line ${lineOf(format)}, column ${column}`, () => {
        const value = textOf(limit.max + 1, limit)
        const problems = format.check(filesWith(format, column, value), value)
        const long = problems.filter((p) => /characters or fewer/.test(p.message))
        // A reference used across the files is refused wherever it appears (the others are its own file's rows).
        for (const p of long) assert.ok(p.message.startsWith(`The ${limit.name} must be`), p.message)
        const here = long.filter((p) => p.file === format.file && p.line === lineOf(format))
        assert.equal(here.length, 1, JSON.stringify(here).slice(0, 500))
        if (!Object.hasOwn(format.links, column)) assert.equal(long.length, 1, 'refused only where it is')
        const problem = here[0]
        assert.ok(problem)
        assert.equal(problem.file, format.file)
        assert.equal(problem.line, lineOf(format))
        assert.equal(problem.column, column)
        const max = limit.max.toLocaleString('en-GB')
        const has = (limit.max + 1).toLocaleString('en-GB')
        assert.ok(
          problem.message.startsWith(
            `The ${limit.name} must be ${max} characters or fewer: this one has ${has}. ${limit.advice ?? 'Shorten it.'}`,
          ),
          problem.message,
        )
        // The refused text itself is never repeated in a message.
        for (const p of problems) assert.ok(!p.message.includes(value), `${p.column}: ${p.message.slice(0, 200)}`)
      })
    }
  }

  it('a commentary of 45,000,000 characters is refused in one problem, without its text', () => {
    const format = LIMIT_FORMATS.find((f) => f.file === 'observations.csv')
    assert.ok(format)
    const value = 'x'.repeat(45_000_000)
    const problems = format.check(filesWith(format, 'note', value), value)
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.column, p.message]),
      [
        [
          'observations.csv',
          2,
          'note',
          `The commentary must be ${LIMITS.commentary.max.toLocaleString('en-GB')} characters or fewer: this one has 45,000,000. Shorten it.`,
        ],
      ],
    )
  })
})
