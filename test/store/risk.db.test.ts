import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { ImportRejected, openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const PLAN = 'Halton Safer 2012/13'
const ITEMS =
  'kind,ref,title\nobjective,CE 1,Increase participation in sport and physical activity\nobjective,CE 4,Deliver Stadium services within budget\n'
const RISKS =
  'ref,objective,description,initial_likelihood,initial_impact,residual_likelihood,residual_impact\nR1,CE 4,Stadium income falls short of the budget,5,4,4,4\nR2,CE 1,Participation targets are missed,3,3,2,2\n'
const TREATMENTS =
  'risk,ref,description,owner,due_date\nR1,R1.1,Marketing plan for off-peak use,Operations Manager (Stadium),2013-03-31\nR1,R1.2,Review catering costs,,\nR2,R2.1,Promote the Sports Strategy,Sport Manager,2014-03-31\n'
const REVIEWS =
  'treatment,period,progress,commentary\nR1.1,2012/13 Q2,✓,Plan agreed\nR1.2,2012/13 Q1,?,Costs under review\n'

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

for (const dialect of DIALECTS) {
  describe(`the risk register on ${dialect}`, () => {
    it('imports risks, treatments and reviews, and lists the high risks for a quarter', async () => {
      const testDb = createTestDatabase(dialect)
      created.push(testDb)
      const { services, close } = await openServices(testDb.location, {
        now: () => new Date('2012-10-15T09:00:00.000Z'),
      })
      try {
        await services.delivery.importDelivery({
          planName: PLAN,
          itemsFile: { name: 'delivery.csv', content: ITEMS },
          updatesFile: null,
          actor: 'test',
        })
        const request = {
          planName: PLAN,
          risksFile: { name: 'risks.csv', content: RISKS },
          treatmentsFile: { name: 'risk_treatments.csv', content: TREATMENTS },
          reviewsFile: { name: 'risk_reviews.csv', content: REVIEWS },
          actor: 'an officer',
        }
        const outcome = await services.risks.importRisks(request)
        assert.deepEqual(
          [outcome.risks, outcome.reviews],
          [
            { added: 2, updated: 0, unchanged: 0 },
            { added: 2, updated: 0, unchanged: 0 },
          ],
        )
        const high = await services.risks.highRiskList(PLAN, parsePeriod('2012/13 Q2'))
        assert.deepEqual(
          high.map((h) => [h.risk.ref, h.risk.residual.score, h.risk.residual.level]),
          [['R1', 16, 'High']],
        )
        const [r1] = high
        assert.ok(r1)
        assert.equal(r1.treatments[0]?.review?.progress, 'green')
        assert.deepEqual(r1.unreviewed, ['R1.2'])

        const again = await services.risks.importRisks(request)
        assert.deepEqual(
          [again.risks, again.reviews, again.auditEvents],
          [{ added: 0, updated: 0, unchanged: 2 }, { added: 0, updated: 0, unchanged: 2 }, 0],
        )

        const lowered = await services.risks.importRisks({
          ...request,
          risksFile: {
            name: 'risks.csv',
            content: RISKS.replace(
              'R1,CE 4,Stadium income falls short of the budget,5,4,4,4',
              'R1,CE 4,Stadium income falls short of the budget,5,4,3,4',
            ),
          },
        })
        assert.deepEqual(lowered.risks, { added: 0, updated: 1, unchanged: 1 })
        assert.deepEqual(await services.risks.highRiskList(PLAN, parsePeriod('2012/13 Q2')), [])
        const trail = (await services.plans.auditTrail(PLAN, 'R1')).find((e) => e.field === 'residual_likelihood')
        assert.deepEqual(
          [trail?.entity, trail?.oldValue, trail?.newValue, trail?.actor],
          ['risk', '4', '3', 'an officer'],
        )
      } finally {
        await close()
      }
    })

    it('refuses a register with any problem, listing them all, and writes nothing', async () => {
      const testDb = createTestDatabase(dialect)
      created.push(testDb)
      const { services, close } = await openServices(testDb.location)
      try {
        await services.delivery.importDelivery({
          planName: PLAN,
          itemsFile: { name: 'delivery.csv', content: ITEMS },
          updatesFile: null,
          actor: 'test',
        })
        const risks = `${RISKS}R3,CE 9,Unknown objective,6,1,1,1\n`
        const treatments = `${TREATMENTS}R9,R9.1,No such risk,,\n`
        await assert.rejects(
          services.risks.importRisks({
            planName: PLAN,
            risksFile: { name: 'risks.csv', content: risks },
            treatmentsFile: { name: 'risk_treatments.csv', content: treatments },
            reviewsFile: null,
            actor: 'test',
          }),
          (error: unknown) => {
            assert.ok(error instanceof ImportRejected)
            assert.deepEqual(
              error.problems.map((p) => `${p.file}:${p.line ?? '-'}:${p.column ?? '-'}`),
              ['risks.csv:4:objective', 'risks.csv:4:initial_likelihood', 'risk_treatments.csv:5:risk'],
            )
            return true
          },
        )
        assert.deepEqual(await services.risks.highRiskList(PLAN, parsePeriod('2012/13 Q2')), [])
      } finally {
        await close()
      }
    })
  })
}
