import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEFAULT_RETURN_TO, returnToPath } from '../../../src/domain/access/return-to.ts'
import { HOSTILE_RETURN_TO } from '../../security/hostile-addresses.ts'

/** Addresses of this site's pages, kept as they are (or as the URL parser writes them). */
const KEPT: readonly { readonly value: string; readonly lands: string }[] = [
  { value: '/plans', lands: '/plans' },
  { value: '/plans/trafford-adp-2013-14', lands: '/plans/trafford-adp-2013-14' },
  {
    value: '/plans/trafford-adp-2013-14?period=2013/14%20Q2',
    lands: '/plans/trafford-adp-2013-14?period=2013/14%20Q2',
  },
  {
    value: '/plans/trafford-adp-2013-14/indicators/LCA%202?period=2013%2F14%20Q2',
    lands: '/plans/trafford-adp-2013-14/indicators/LCA%202?period=2013%2F14%20Q2',
  },
  { value: '/plans/halton/themes/Gwasanaethau%20%C5%B5', lands: '/plans/halton/themes/Gwasanaethau%20%C5%B5' },
  { value: '/plans/x/themes/50%25%20satisfied', lands: '/plans/x/themes/50%25%20satisfied' },
  { value: '/plans/a/../b', lands: '/plans/b' },
  { value: '/import/jobs/abc#progress', lands: '/import/jobs/abc#progress' },
  { value: '/users?next=http://evil.example', lands: '/users?next=http://evil.example' },
]

describe('the address after sign-in (returnTo)', () => {
  it(`tries at least 30 hostile forms (${HOSTILE_RETURN_TO.length})`, () => {
    assert.ok(HOSTILE_RETURN_TO.length >= 30)
  })
  for (const { value, why } of HOSTILE_RETURN_TO) {
    it(`refuses ${why}: ${JSON.stringify(value.slice(0, 60))}`, () => {
      assert.equal(returnToPath(value), DEFAULT_RETURN_TO)
    })
  }
  for (const { value, lands } of KEPT) {
    it(`keeps ${JSON.stringify(value)}`, () => {
      assert.equal(returnToPath(value), lands)
    })
  }
  it('never answers anything a browser reads as another site, for any address built of the dangerous pieces', () => {
    const pieces = ['/', '\\', '.', '..', '%2e', '%2f', '%5c', '%252f', '\t', 'a', 'evil.example', ':', '@', '%09']
    let tried = 0
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const answer = returnToPath(`/${a}${b}${c}`)
          tried += 1
          assert.ok(answer.startsWith('/'), answer)
          assert.ok(!/^\/[/\\]/.test(answer), `${a}${b}${c} → ${answer}`)
          assert.ok(!/[\\\t]/.test(answer), `${a}${b}${c} → ${answer}`)
          assert.equal(new URL(answer, 'https://outturn.example').origin, 'https://outturn.example')
          assert.equal(returnToPath(answer), answer, 'normalising twice changes nothing')
        }
    assert.equal(tried, pieces.length ** 3)
  })
})
