import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { ImportRejected, openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const CHORLEY = new URL('../fixtures/chorley-2013-14-q1/', import.meta.url)
const file = (name: string, content?: string) => ({
  name,
  content: content ?? readFileSync(new URL(name, CHORLEY), 'utf8'),
})
const PLAN = 'Chorley Partnership 2013/14'
const Q1 = parsePeriod('2013/14 Q1')

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

async function fresh(dialect: 'sqlite' | 'postgres') {
  const testDb = createTestDatabase(dialect)
  created.push(testDb)
  return openServices(testDb.location, { now: () => new Date('2013-07-18T09:00:00.000Z') })
}

for (const dialect of DIALECTS) {
  describe(`delivery on ${dialect}`, () => {
    it('imports the Chorley partnership and reproduces the published roll-up', async () => {
      const { services, close } = await fresh(dialect)
      try {
        const outcome = await services.delivery.importDelivery({
          planName: PLAN,
          itemsFile: file('delivery.csv'),
          updatesFile: file('delivery_updates.csv'),
          actor: 'test',
        })
        assert.equal(outcome.planCreated, true)
        assert.deepEqual(outcome.items, { added: 38, updated: 0, unchanged: 0 })
        assert.deepEqual(outcome.updates, { added: 38, updated: 0, unchanged: 0 })
        const summary = await services.delivery.evaluate(PLAN, Q1)
        assert.equal(
          summary.prioritiesSentence,
          'Of the nineteen priorities identified across the partnership, seventeen are rated as green and two are rated as not started.',
        )
        const csp1 = summary.results.find((r) => r.item.ref === 'CSP 1')
        assert.equal(csp1?.rolledUp, 'green')
        assert.equal(
          csp1.childSentence,
          'Of the five actions for this priority in 2013/14, three are rated as green and two have not started.',
        )
        assert.equal(summary.results.find((r) => r.item.ref === 'CSP 4')?.rolledUp, 'not-started')

        const again = await services.delivery.importDelivery({
          planName: PLAN,
          itemsFile: file('delivery.csv'),
          updatesFile: file('delivery_updates.csv'),
          actor: 'test',
        })
        assert.deepEqual(
          [again.items, again.updates, again.auditEvents],
          [{ added: 0, updated: 0, unchanged: 38 }, { added: 0, updated: 0, unchanged: 38 }, 0],
        )

        const revised = file('delivery_updates.csv').content.replace(
          'CSP 2.3,2013/14 Q1,Amber',
          'CSP 2.3,2013/14 Q1,Red',
        )
        const change = await services.delivery.importDelivery({
          planName: PLAN,
          itemsFile: file('delivery.csv'),
          updatesFile: { name: 'delivery_updates.csv', content: revised },
          actor: 'an officer',
        })
        assert.deepEqual(change.updates, { added: 0, updated: 1, unchanged: 37 })
        const trail = await services.plans.auditTrail(PLAN, 'CSP 2.3')
        assert.deepEqual(
          [trail[0]?.entity, trail[0]?.field, trail[0]?.oldValue, trail[0]?.newValue, trail[0]?.actor],
          ['delivery', 'status', 'amber', 'red', 'an officer'],
        )
      } finally {
        await close()
      }
    })

    it('writes nothing when any row is wrong, and lists every problem', async () => {
      const { services, close } = await fresh(dialect)
      try {
        const items = `${file('delivery.csv').content}action,X 1,An action,,,NOPE,,,,,,\naction,X 2,Another,,,CSP 1,31/03/2014,,,,,\nmilestone,X 3,Under an action,,,CSP 1.1,,,,,,\nwidget,X 4,Not a kind,,,,,,,,,\n`
        const updates = `${file('delivery_updates.csv').content}CSP 1,2013/14 Q1,Purple,,\nNOPE 9,2013/14 Q1,Green,,\n`
        await assert.rejects(
          services.delivery.importDelivery({
            planName: PLAN,
            itemsFile: { name: 'delivery.csv', content: items },
            updatesFile: { name: 'delivery_updates.csv', content: updates },
            actor: 'test',
          }),
          (error: unknown) => {
            assert.ok(error instanceof ImportRejected)
            const lines = error.problems.map((p) => `${p.file}:${p.line ?? '-'}:${p.column ?? '-'}`)
            assert.deepEqual(
              lines.sort(),
              [
                'delivery.csv:41:due_date',
                'delivery.csv:43:kind',
                'delivery.csv:40:parent',
                'delivery.csv:42:parent',
                'delivery_updates.csv:40:status',
                'delivery_updates.csv:41:ref',
              ].sort(),
            )
            return true
          },
        )
        assert.deepEqual(await services.plans.list(), [])
      } finally {
        await close()
      }
    })
  })
}
