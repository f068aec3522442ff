import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ActorOfChange, actorText } from '../../src/presentation/audit-actor.ts'

const CASES: readonly [ActorOfChange, string][] = [
  [{ actor: 'officer@council.example', source: 'web', actorName: 'Performance officer' }, 'Performance officer'],
  [{ actor: 'gone@council.example', source: 'web' }, 'gone@council.example'],
  [{ actor: 'system:demo', source: 'import:indicators.csv' }, 'Demo data'],
  [{ actor: 'system:demo', source: 'round' }, 'Demo data'],
  [{ actor: 'system:nightly', source: 'round' }, 'Outturn (nightly)'],
  [{ actor: 'system:', source: 'round' }, 'Outturn (automatic)'],
  [{ actor: 'system:constructor', source: 'web' }, 'Outturn (constructor)'],
  [
    { actor: 'officer@council.example', source: 'import:q2.csv', actorName: 'Performance officer' },
    'Import by Performance officer (q2.csv)',
  ],
  [{ actor: 'cli:outturn', source: 'import:q2.csv' }, 'Import by outturn (command line) (q2.csv)'],
  [{ actor: 'cli:', source: 'sign-off' }, 'the command line'],
  [{ actor: 'cli:backup', source: 'sign-off' }, 'backup (command line)'],
  [{ actor: 'officer@council.example', source: 'import:', actorName: 'An officer' }, 'Import by An officer'],
]

describe('who the audit trail says made a change', () => {
  for (const [change, expected] of CASES)
    it(`${change.actor} via ${change.source} reads "${expected}"`, () => {
      assert.equal(actorText(change), expected)
    })
})
