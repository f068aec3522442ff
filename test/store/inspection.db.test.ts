import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { ImportRejected, openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const fixture = (folder: string, name: string, content?: string) => ({
  name,
  content: content ?? readFileSync(new URL(`../fixtures/${folder}/${name}`, import.meta.url), 'utf8'),
})

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

async function fresh(dialect: 'sqlite' | 'postgres') {
  const testDb = createTestDatabase(dialect)
  created.push(testDb)
  return openServices(testDb.location, { now: () => new Date('2012-10-20T09:00:00.000Z') })
}

for (const dialect of DIALECTS) {
  describe(`seed fixtures for milestones, inspection and groups on ${dialect}`, () => {
    it('reproduces Halton’s Safer milestones at quarter two 2012/13, and flags them overdue a year on', async () => {
      const { services, close } = await fresh(dialect)
      try {
        const plan = 'Halton Safer PPB 2012/13'
        await services.delivery.importDelivery({
          planName: plan,
          itemsFile: fixture('halton-2012-13-q2-safer', 'delivery.csv'),
          updatesFile: fixture('halton-2012-13-q2-safer', 'delivery_updates.csv'),
          actor: 'test',
        })
        const q2 = await services.delivery.evaluate(plan, parsePeriod('2012/13 Q2'))
        assert.deepEqual(
          q2.results.map((r) => [r.item.kind, r.item.ref, r.status, r.statusSource, r.overdue]),
          [
            ['objective', 'CCC 1', 'green', 'rolled-up', false],
            ['milestone', 'CCC 1.1', 'green', 'entered', false],
            ['milestone', 'CCC 1.2', 'green', 'entered', false],
            ['milestone', 'CCC 1.3', 'green', 'entered', false],
          ],
        )
        assert.deepEqual(q2.milestones, { green: 3, amber: 0, red: 0, 'not-started': 0, complete: 0 })
        assert.deepEqual(q2.overdueMilestones, [])
        const nextYear = await services.delivery.evaluate(plan, parsePeriod('2013/14 Q1'))
        assert.deepEqual(nextYear.overdueMilestones, ['CCC 1.1', 'CCC 1.2', 'CCC 1.3'])
        const { periods, latest } = await services.plans.reportingPeriods('halton-safer-ppb-2012-13')
        assert.deepEqual(
          [periods.length, latest?.kind],
          [1, 'quarter'],
          'a plan with only milestone statuses reports at their period',
        )
      } finally {
        await close()
      }
    })

    it('reproduces Manchester’s 2009 Use of Resources scores and its two areas of concern', async () => {
      const { services, close } = await fresh(dialect)
      try {
        const plan = 'Manchester CAA 2009'
        const first = await services.inspection.importKloeScores({
          planName: plan,
          file: fixture('manchester-2009-caa', 'kloe_scores.csv'),
          actor: 'test',
        })
        assert.deepEqual([first.planCreated, first.scores], [true, { added: 10, updated: 0, unchanged: 0 }])
        await services.delivery.importDelivery({
          planName: plan,
          itemsFile: fixture('manchester-2009-caa', 'delivery.csv'),
          updatesFile: fixture('manchester-2009-caa', 'delivery_updates.csv'),
          actor: 'test',
        })
        const [uor, ...others] = await services.inspection.assessments(plan)
        assert.equal(others.length, 0)
        assert.ok(uor)
        assert.deepEqual([uor.assessment, uor.year, uor.scores.length], ['Use of Resources', '2009', 10])
        assert.deepEqual(uor.levels, { 1: 0, 2: 8, 3: 1, 4: 0 })
        assert.deepEqual(
          uor.weak.map((s) => [s.ref, s.title]),
          [['2.2', 'Data Quality']],
        )
        const judged = uor.scores.map((s) => s.judgement)
        assert.deepEqual(
          ['strong', 'medium', 'weak'].map((j) => judged.filter((x) => x === j).length),
          [3, 4, 1],
        )
        const workforce = uor.scores.find((s) => s.ref === '3.3')
        assert.deepEqual([workforce?.score, workforce?.note], [null, 'The workforce KLOE was not assessed in 2009.'])

        const areas = await services.inspection.areasOfConcern(plan, parsePeriod('2009/10 Q3'))
        assert.deepEqual(
          areas.map((a) => [a.result.item.ref, a.result.item.title, a.result.item.flag, a.actions.length]),
          [
            ['1b', 'Healthy Lifestyles', null, 6],
            ['2b', 'School Absence', 'red', 8],
            ['GF1', 'Tackling Gun Crime and Gang Violence', 'green', 0],
          ],
        )
        const absence = areas[1]?.actions[0]?.item
        assert.deepEqual(
          [absence?.responsible, absence?.timescale],
          ["Attendance lead, Children's Services", '2010-11'],
        )
        assert.match(absence?.measureOfSuccess ?? '', /secondary persistent absence 2010 7\.92%/)
        const plan2 = await services.delivery.evaluate(plan, parsePeriod('2009/10 Q3'))
        assert.deepEqual(
          plan2.results.filter((r) => r.item.kind === 'priority').map((r) => [r.item.ref, r.status]),
          [
            ['UoR 1', 'green'],
            ['UoR 2', 'amber'],
            ['UoR 3', 'green'],
          ],
        )

        const again = await services.inspection.importKloeScores({
          planName: plan,
          file: fixture('manchester-2009-caa', 'kloe_scores.csv'),
          actor: 'test',
        })
        assert.deepEqual([again.scores, again.auditEvents], [{ added: 0, updated: 0, unchanged: 10 }, 0])
        const revised = fixture('manchester-2009-caa', 'kloe_scores.csv')
        const upgraded = await services.inspection.importKloeScores({
          planName: plan,
          file: {
            name: 'kloe_scores.csv',
            content: revised.content.replace('2.2,Data Quality,2,W', '2.2,Data Quality,2,M'),
          },
          actor: 'an officer',
        })
        assert.deepEqual(upgraded.scores, { added: 0, updated: 1, unchanged: 9 })
        const trail = await services.plans.auditTrail(plan, 'KLOE 2.2')
        assert.deepEqual(
          [trail[0]?.entity, trail[0]?.period, trail[0]?.field, trail[0]?.oldValue, trail[0]?.newValue],
          ['inspection', 'Use of Resources 2009', 'judgement', 'weak', 'medium'],
        )
      } finally {
        await close()
      }
    })

    it('refuses a KLOE file with any problem, naming each, and writes nothing', async () => {
      const { services, close } = await fresh(dialect)
      try {
        const content = [
          'assessment,year,ref,title,score,judgement,note',
          'Use of Resources,2009,1.1,Financial Health,5,,',
          'Use of Resources,2009,1.2,Costs and Performance,2,good,',
          'Use of Resources,2009,3.3,Workforce,n/a,W,',
          'Use of Resources,2009,1.2,Costs and Performance,2,M,',
          'Use of Resources,,2.1,,2,M,',
        ].join('\n')
        await assert.rejects(
          services.inspection.importKloeScores({
            planName: 'Manchester CAA 2009',
            file: { name: 'kloe_scores.csv', content },
            actor: 'test',
          }),
          (error: unknown) => {
            assert.ok(error instanceof ImportRejected)
            assert.deepEqual(
              error.problems.map((p) => [p.file, p.line, p.column]),
              [
                ['kloe_scores.csv', 2, 'score'],
                ['kloe_scores.csv', 3, 'judgement'],
                ['kloe_scores.csv', 4, 'judgement'],
                ['kloe_scores.csv', 5, 'ref'],
                ['kloe_scores.csv', 6, 'year'],
                ['kloe_scores.csv', 6, 'title'],
              ],
            )
            return true
          },
        )
        assert.deepEqual(await services.plans.list(), [], 'not even the plan was created')
      } finally {
        await close()
      }
    })

    it('imports Chorley’s groups with their decision making and delivery text, repeatably', async () => {
      const { services, close } = await fresh(dialect)
      try {
        const request = {
          planName: 'Chorley Partnership 2013/14',
          groupsFile: fixture('chorley-2013-14-q1', 'groups.csv'),
          itemsFile: fixture('chorley-2013-14-q1', 'delivery.csv'),
          updatesFile: fixture('chorley-2013-14-q1', 'delivery_updates.csv'),
          actor: 'test',
        }
        const first = await services.delivery.importDelivery(request)
        assert.deepEqual(first.groups, { added: 5, updated: 0, unchanged: 0 })
        const groups = await services.delivery.groupsOf(request.planName)
        assert.deepEqual(
          groups.map((g) => g.name),
          [
            'Chorley Partnership Executive',
            "Chorley Children's Trust",
            'Chorley & South Ribble Community Safety Partnership',
            'Chorley & South Ribble Health & Wellbeing Partnership',
            'Economic Development Partnership',
          ],
        )
        assert.match(groups[2]?.delivery ?? '', /There are fifteen actions contained within the plan/)
        const again = await services.delivery.importDelivery(request)
        assert.deepEqual([again.groups, again.auditEvents], [{ added: 0, updated: 0, unchanged: 5 }, 0])
        await assert.rejects(
          services.delivery.importDelivery({
            ...request,
            groupsFile: { name: 'groups.csv', content: 'name,decision_making\n,Chosen at a meeting\n' },
          }),
          (error: unknown) =>
            error instanceof ImportRejected &&
            error.problems.some((p) => p.file === 'groups.csv' && p.line === 2 && p.column === 'name'),
        )
      } finally {
        await close()
      }
    })

    it('assigns delivery items and risk treatments to users, and refuses unknown references', async () => {
      const { services, close } = await fresh(dialect)
      try {
        const plan = 'Halton Safer PPB 2012/13'
        await services.delivery.importDelivery({
          planName: plan,
          itemsFile: fixture('halton-2012-13-q2-safer', 'delivery.csv'),
          updatesFile: null,
          actor: 'test',
        })
        await services.risks.importRisks({
          planName: plan,
          risksFile: {
            name: 'risks.csv',
            content:
              'ref,objective,description,initial_likelihood,initial_impact,residual_likelihood,residual_impact\nR1,CCC 1,Funding falls,4,4,3,5\n',
          },
          treatmentsFile: {
            name: 'risk_treatments.csv',
            content: 'risk,ref,description\nR1,R1.1,Restructure the team\n',
          },
          reviewsFile: null,
          actor: 'test',
        })
        const user = await services.auth.addUser({
          email: 'lead@council.example',
          name: 'A service lead',
          role: 'owner',
          password: 'a long enough passphrase',
        })
        assert.deepEqual(await services.auth.assign(user.email, 'CCC 1.2', undefined, 'item'), { plan, added: true })
        assert.deepEqual(await services.auth.assign(user.email, 'CCC 1.2', undefined, 'item'), { plan, added: false })
        assert.deepEqual(await services.auth.assign(user.email, 'R1.1', plan, 'treatment'), { plan, added: true })
        await assert.rejects(
          services.auth.assign(user.email, 'CCC 9', undefined, 'item'),
          /No priority, action or milestone has the reference "CCC 9"/,
        )
        await assert.rejects(services.auth.assign(user.email, 'R1.1', undefined, 'indicator'), /No indicator/)
        const actor = { ...user }
        assert.deepEqual([...((await services.delivery.editableRefs(actor, plan)) as Set<string>)], ['CCC 1.2'])
        assert.deepEqual([...((await services.risks.editableTreatments(actor, plan)) as Set<string>)], ['R1.1'])
      } finally {
        await close()
      }
    })
  })
}
