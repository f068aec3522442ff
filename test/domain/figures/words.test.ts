import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { numberWord, withArticle } from '../../../src/domain/figures/words.ts'

describe('words', () => {
  const articles: [noun: string, said: string][] = [
    ['accumulation', 'an accumulation'],
    ['area-of-concern', 'an area-of-concern'],
    ['action', 'an action'],
    ['objective', 'an objective'],
    ['England', 'an England'],
    ['indicator', 'an indicator'],
    ['frequency', 'a frequency'],
    ['polarity', 'a polarity'],
    ['value type', 'a value type'],
    ['direction of travel basis', 'a direction of travel basis'],
    ['RAG method', 'a RAG method'],
    ['reason for not reporting', 'a reason for not reporting'],
    ['unit', 'a unit'],
    ['user', 'a user'],
    ['one-off', 'a one-off'],
    ['hour', 'an hour'],
    ['milestone', 'a milestone'],
    ['text', 'a text'],
    ['rank', 'a rank'],
    ['Greater Manchester', 'a Greater Manchester'],
  ]
  for (const [noun, said] of articles) {
    it(`says "${said}"`, () => {
      assert.equal(withArticle(noun), said)
    })
  }

  const numbers: [number, string][] = [
    [0, 'zero'],
    [7, 'seven'],
    [19, 'nineteen'],
    [20, 'twenty'],
    [45, 'forty-five'],
    [100, '100'],
    [2.5, '2.5'],
  ]
  for (const [n, word] of numbers) {
    it(`writes ${n} as ${word}`, () => {
      assert.equal(numberWord(n), word)
    })
  }
})
