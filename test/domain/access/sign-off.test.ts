import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Role, can } from '../../../src/domain/access/access.ts'
import { parsePeriod } from '../../../src/domain/periods/period.ts'
import {
  type SignOff,
  checkLock,
  checkRevision,
  checkUnlock,
  isLocked,
  latestSignOff,
  lockingSignOff,
  shortDate,
  signOffsInForce,
} from '../../../src/domain/access/sign-off.ts'

let nextId = 1
function signOff(period: string, unlocked = false, overrides: Partial<SignOff> = {}): SignOff {
  return {
    id: nextId++,
    period: parsePeriod(period),
    lockedAt: '2013-11-14T10:00:00.000Z',
    lockedBy: 'officer@outturn.example',
    committee: 'Executive, 14 November 2013',
    unlockedAt: unlocked ? '2013-11-20T09:00:00.000Z' : null,
    unlockedBy: unlocked ? 'officer@outturn.example' : null,
    unlockReason: unlocked ? 'Validated figures arrived' : null,
    ...overrides,
  }
}

describe('whether a period is locked', () => {
  const q2 = signOff('2013/14 Q2')
  const q1Unlocked = signOff('2013/14 Q1', true)
  const q3Unlocked = signOff('2013/14 Q3', true)
  const q3Again = signOff('2013/14 Q3')
  const cases: [name: string, history: SignOff[], period: string, locked: boolean][] = [
    ['never signed off', [], '2013/14 Q2', false],
    ['signed off and in force', [q2], '2013/14 Q2', true],
    ['another period signed off', [q2], '2013/14 Q1', false],
    ['signed off, then unlocked', [q1Unlocked], '2013/14 Q1', false],
    ['unlocked, then signed off again: the latest counts', [q3Unlocked, q3Again], '2013/14 Q3', true],
    ['signed off again, then unlocked in the history order given', [q3Again, q3Unlocked], '2013/14 Q3', true],
    ['a year is its own period', [q2], '2013/14', false],
  ]
  for (const [name, history, period, locked] of cases) {
    it(name, () => {
      assert.equal(isLocked(history, parsePeriod(period)), locked)
    })
  }

  it('the latest sign-off is the one with the highest id', () => {
    assert.equal(latestSignOff([q3Again, q3Unlocked], parsePeriod('2013/14 Q3')), q3Again)
    assert.equal(latestSignOff([], parsePeriod('2013/14 Q3')), null)
  })

  it('lists the sign-offs in force, one per period', () => {
    const inForce = signOffsInForce([q2, q1Unlocked, q3Unlocked, q3Again])
    assert.deepEqual(inForce.map((s) => s.id).sort(), [q2.id, q3Again.id].sort())
  })
})

describe('which sign-off locks an entry', () => {
  const q2 = signOff('2013/14 Q2')
  const year = signOff('2012/13')
  const september = signOff('2013-09')
  const unlockedQ1 = signOff('2013/14 Q1', true)
  const cases: [name: string, signOffs: SignOff[], entryPeriod: string, locking: SignOff | null][] = [
    ['the quarter the entry is filed under', [q2], '2013/14 Q2', q2],
    ['a month inside a signed-off quarter', [q2], '2013-08', q2],
    ['the last month of a signed-off quarter', [q2], '2013-09', q2],
    ['a month of the next quarter is open', [q2], '2013-10', null],
    ['the previous quarter is open', [q2], '2013/14 Q1', null],
    ["the year's own row is open while only a quarter is signed off", [q2], '2013/14', null],
    ['a quarter inside a signed-off year', [year], '2012/13 Q3', year],
    ['a month inside a signed-off year', [year], '2013-03', year],
    ["the year's own row, when the year is signed off", [year], '2012/13', year],
    ['April 2013 belongs to the next financial year', [year], '2013-04', null],
    ['the narrowest signed-off period is named', [q2, september], '2013-09', september],
    ['an unlocked sign-off locks nothing', [unlockedQ1], '2013/14 Q1', null],
  ]
  for (const [name, signOffs, entryPeriod, locking] of cases) {
    it(name, () => {
      assert.equal(lockingSignOff(signOffs, parsePeriod(entryPeriod)), locking)
    })
  }
})

describe('changing an entry after sign-off', () => {
  const q2 = signOff('2013/14 Q2')
  const cases: [
    name: string,
    role: Role,
    period: string,
    reason: string | null,
    kind: 'open' | 'revision' | 'reason-needed' | 'refused',
  ][] = [
    ['an owner, in an open period', 'owner', '2013/14 Q3', null, 'open'],
    ['an officer, in an open period, needs no reason', 'officer', '2013/14 Q3', null, 'open'],
    ['an owner, in a signed-off period, is refused', 'owner', '2013/14 Q2', 'Corrected', 'refused'],
    ['an owner, for a month of a signed-off quarter, is refused', 'owner', '2013-07', null, 'refused'],
    ['a viewer is refused', 'viewer', '2013/14 Q2', 'x', 'refused'],
    ['an officer without a reason is asked for one', 'officer', '2013/14 Q2', null, 'reason-needed'],
    ['an officer with a blank reason is asked for one', 'officer', '2013/14 Q2', '   ', 'reason-needed'],
    ['an officer with a reason revises it', 'officer', '2013/14 Q2', 'Validated figure', 'revision'],
    ['an admin with a reason revises it', 'admin', '2013/14 Q2', 'Validated figure', 'revision'],
  ]
  for (const [name, role, period, reason, kind] of cases) {
    it(name, () => {
      assert.equal(checkRevision({ role }, [q2], parsePeriod(period), reason).kind, kind)
    })
  }

  it('says which period is locked and since when, and what to do', () => {
    const refused = checkRevision({ role: 'owner' }, [q2], parsePeriod('2013/14 Q2'), null)
    assert.equal(refused.kind, 'refused')
    assert.equal(
      refused.message,
      'Quarter 2 2013/14 was signed off on 14 November 2013 and is locked. Ask the performance team if a figure needs to change.',
    )
    const needed = checkRevision({ role: 'officer' }, [q2], parsePeriod('2013-08'), '')
    assert.equal(
      needed.kind === 'reason-needed' && needed.message,
      'Quarter 2 2013/14 was signed off on 14 November 2013: give the reason for changing it after sign-off',
    )
  })

  it('keeps the reason, trimmed', () => {
    const revision = checkRevision({ role: 'officer' }, [q2], parsePeriod('2013/14 Q2'), '  Validated  ')
    assert.equal(revision.kind === 'revision' && revision.reason, 'Validated')
  })
})

describe('signing off and unlocking', () => {
  const q2 = signOff('2013/14 Q2')
  const q1Unlocked = signOff('2013/14 Q1', true)
  const lockCases: [name: string, role: Role, history: SignOff[], period: string, result: string][] = [
    ['an officer signs off an open period', 'officer', [], '2013/14 Q2', 'ok'],
    ['an admin signs off an open period', 'admin', [], '2013/14 Q2', 'ok'],
    ['an owner cannot sign off', 'owner', [], '2013/14 Q2', 'forbidden'],
    ['a viewer cannot sign off', 'viewer', [], '2013/14 Q2', 'forbidden'],
    ['a period already signed off', 'officer', [q2], '2013/14 Q2', 'conflict'],
    ['a period unlocked can be signed off again', 'officer', [q1Unlocked], '2013/14 Q1', 'ok'],
  ]
  for (const [name, role, history, period, result] of lockCases) {
    it(name, () => {
      const check = checkLock({ role }, history, parsePeriod(period))
      assert.equal(check.ok ? 'ok' : check.code, result)
    })
  }

  const unlockCases: [name: string, role: Role, history: SignOff[], reason: string, result: string][] = [
    ['an officer unlocks with a reason', 'officer', [q2], 'Late validated figures', 'ok'],
    ['an officer must give a reason', 'officer', [q2], ' ', 'reason-needed'],
    ['an owner cannot unlock', 'owner', [q2], 'Please', 'forbidden'],
    ['a period not signed off cannot be unlocked', 'officer', [], 'x', 'conflict'],
  ]
  for (const [name, role, history, reason, result] of unlockCases) {
    it(name, () => {
      const check = checkUnlock({ role }, history, parsePeriod('2013/14 Q2'), reason)
      assert.equal(check.ok ? 'ok' : check.code, result)
    })
  }

  it('gives the permissions to the performance team only', () => {
    for (const permission of ['lock-period', 'revise-signed-off'] as const) {
      assert.deepEqual(
        (['admin', 'officer', 'owner', 'viewer'] as const).map((role) => can({ role }, permission)),
        [true, true, false, false],
      )
    }
  })

  it('writes the day of sign-off short for its tag', () => {
    assert.equal(shortDate('2013-11-14T10:00:00.000Z'), '14 Nov 2013')
  })
})
