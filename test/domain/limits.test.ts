import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DomainError } from '../../src/domain/errors.ts'
import {
  LIMITS,
  type TextLimit,
  characterCount,
  lengthErrors,
  lengthProblem,
  requireWithinLimit,
  withinLimit,
} from '../../src/domain/limits.ts'

const TEN: TextLimit = { name: 'test text', max: 10 }

describe('the table of limits', () => {
  it('names every limit in words and gives it a whole number of characters', () => {
    for (const [key, limit] of Object.entries(LIMITS)) {
      assert.match(limit.name, /^[a-z][a-z ,]+[a-z]$/, key)
      assert.ok(Number.isInteger(limit.max) && limit.max > 0, key)
    }
  })

  it('allows commentary of 10,000 characters, and names no two limits alike', () => {
    assert.equal(LIMITS.commentary.max, 10_000)
    const names = Object.values(LIMITS).map((limit) => limit.name)
    assert.equal(new Set(names).size, names.length)
  })
})

describe('counting characters', () => {
  const CASES: [text: string, count: number, why: string][] = [
    ['', 0, 'nothing'],
    ['abc', 3, 'plain letters'],
    ['é', 1, 'an accented letter, composed'],
    ['e\u0301', 2, 'a letter and a combining accent (stored composed, so this is not what is kept)'],
    ['ŵŷ', 2, 'Welsh letters'],
    ['市民', 2, 'CJK, 3 bytes each'],
    ['😀', 1, 'an emoji, two UTF-16 units'],
    ['𝄞x', 2, 'a musical symbol and a letter'],
    ['👍🏽', 2, 'an emoji and its skin tone'],
    ['\uD83D', 1, 'a lone high surrogate'],
    ['\uDE00a', 2, 'a lone low surrogate'],
  ]
  for (const [text, count, why] of CASES) {
    it(`counts ${why} as ${count}`, () => {
      assert.equal(characterCount(text), count)
    })
  }
})

describe('within a limit or not', () => {
  const CASES: [text: string, within: boolean][] = [
    ['', true],
    ['x'.repeat(10), true],
    ['x'.repeat(11), false],
    ['😀'.repeat(10), true],
    ['😀'.repeat(11), false],
    ['市'.repeat(10), true],
    [`${'😀'.repeat(9)}ab`, false],
  ]
  for (const [text, within] of CASES) {
    it(`${JSON.stringify(text)} (${characterCount(text)} characters) is ${within ? 'within' : 'over'} 10`, () => {
      assert.equal(withinLimit(text, TEN), within)
      assert.equal(lengthProblem(text, TEN) === null, within)
    })
  }

  it('says the limit in words, how long the text is and what to do', () => {
    assert.equal(
      lengthProblem('x'.repeat(12_345), LIMITS.commentary),
      'The commentary must be 10,000 characters or fewer: this one has 12,345. Shorten it.',
    )
    assert.equal(
      lengthProblem('1'.repeat(101), LIMITS.figure),
      'The figure must be 100 characters or fewer: this one has 101. Enter the figure alone, such as 12.5.',
    )
  })

  it('lists a form’s fields over their limits in the order given, ignoring fields not sent and spaces around', () => {
    assert.deepEqual(
      lengthErrors([
        ['first', 'x'.repeat(11), TEN],
        ['second', undefined, TEN],
        ['third', `  ${'x'.repeat(10)}  `, TEN],
        ['fourth', '😀'.repeat(12), TEN],
      ]),
      [
        { field: 'first', message: 'The test text must be 10 characters or fewer: this one has 11. Shorten it.' },
        { field: 'fourth', message: 'The test text must be 10 characters or fewer: this one has 12. Shorten it.' },
      ],
    )
  })

  it('refuses a text over its limit as an invalid value, and lets one within it pass', () => {
    assert.doesNotThrow(() => {
      requireWithinLimit('x'.repeat(10), TEN)
    })
    assert.throws(
      () => {
        requireWithinLimit('x'.repeat(11), TEN)
      },
      (error) =>
        error instanceof DomainError && error.code === 'invalid-value' && /10 characters or fewer/.test(error.message),
    )
  })
})
