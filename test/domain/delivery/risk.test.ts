import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DomainError } from '../../../src/domain/errors.ts'
import { highRisks, isHighRisk, rateRisk, riskLevel } from '../../../src/domain/delivery/risk.ts'

describe('risk scores and levels', () => {
  const ratings: [likelihood: number, impact: number, score: number, level: string][] = [
    [1, 1, 1, 'Low'],
    [2, 2, 4, 'Low'],
    [1, 4, 4, 'Low'],
    [1, 5, 5, 'Medium'],
    [5, 1, 5, 'Medium'],
    [2, 3, 6, 'Medium'],
    [3, 3, 9, 'Medium'],
    [3, 4, 12, 'Medium'],
    [3, 5, 15, 'High'],
    [4, 4, 16, 'High'],
    [5, 5, 25, 'High'],
  ]
  for (const [likelihood, impact, score, level] of ratings) {
    it(`likelihood ${likelihood} × impact ${impact} = ${score}, ${level}`, () => {
      const rating = rateRisk(likelihood, impact)
      assert.equal(rating.score, score)
      assert.equal(rating.level, level)
      assert.equal(isHighRisk(rating), level === 'High')
    })
  }

  it('gives every possible score a level, with no gaps', () => {
    for (let score = 1; score <= 25; score += 1) assert.ok(['Low', 'Medium', 'High'].includes(riskLevel(score)))
  })

  for (const [likelihood, impact] of [
    [0, 3],
    [6, 1],
    [2.5, 2],
    [3, -1],
  ] as const) {
    it(`refuses likelihood ${likelihood} and impact ${impact}`, () => {
      assert.throws(
        () => rateRisk(likelihood, impact),
        (e: unknown) => e instanceof DomainError && /must be a whole number from 1 to 5/.test(e.message),
      )
    })
  }
})

describe('the high-risk list', () => {
  const review = (progress: string) => ({ progress, commentary: null })
  const risks = [
    {
      ref: 'R1',
      objective: 'SCS 1',
      description: 'Funding for the Stadium falls short',
      initial: rateRisk(5, 4),
      residual: rateRisk(4, 4),
      treatments: [
        {
          ref: 'R1.1',
          description: 'Marketing plan',
          owner: 'Operations Manager',
          dueDate: '2013-03-31',
          reviews: new Map([['2012/13 Q2', review('green')]]),
        },
        { ref: 'R1.2', description: 'Cost review', owner: null, dueDate: null, reviews: new Map() },
      ],
    },
    {
      ref: 'R2',
      objective: null,
      description: 'A lower risk',
      initial: rateRisk(4, 4),
      residual: rateRisk(2, 3),
      treatments: [],
    },
  ]

  it('lists only risks whose residual rating is High, with each treatment’s progress and those not yet reviewed', () => {
    const list = highRisks(risks, '2012/13 Q2')
    assert.deepEqual(
      list.map((h) => h.risk.ref),
      ['R1'],
    )
    const [high] = list
    assert.ok(high)
    assert.equal(high.treatments[0]?.review?.progress, 'green')
    assert.deepEqual(high.unreviewed, ['R1.2'])
  })
})
