import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { reportJson } from '../../src/reports/report.json.ts'
import { openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

/**
 * The council-rules fixture: every rule column of indicators.csv, imported on each database and judged, against the
 * results its README works out by hand. The README's tables are read here, so the two cannot disagree.
 */

const DIR = fileURLToPath(new URL('../fixtures/council-rules/', import.meta.url))
const PLAN = 'Council rules'
const README = readFileSync(`${DIR}README.md`, 'utf8')
const OFFICER = { id: 0, email: 'test:officer', name: 'An officer', role: 'officer' } as const

interface Expected {
  readonly ref: string
  readonly status: string | null
  readonly rule: string
  readonly dot: string | null
  readonly dotLongTerm: string | null
  readonly ruleText: string
}

/** The table under a README heading: one expectation a row. */
function expectedUnder(heading: string): Expected[] {
  const start = README.indexOf(heading)
  assert.ok(start >= 0, `the README has "${heading}"`)
  const lines = README.slice(start).split('\n').slice(1)
  const first = lines.findIndex((line) => line.startsWith('|'))
  const table = lines.slice(first).filter((_, i, all) => all.slice(0, i + 1).every((line) => line.startsWith('|')))
  return table.slice(2).map((line) => {
    const [ref = '', status = '', rule = '', dot = '', long = '', text = ''] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim())
    return {
      ref,
      status: status || null,
      rule,
      dot: dot || null,
      dotLongTerm: long || null,
      ruleText: text,
    }
  })
}

const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

for (const dialect of DIALECTS) {
  describe(`the council-rules fixture on ${dialect}`, () => {
    it('imports, and judges every indicator as its README works out', async () => {
      const testDb = createTestDatabase(dialect)
      created.push(testDb)
      const { services, close } = await openServices(testDb.location, {
        now: () => new Date('2014-10-20T09:00:00.000Z'),
      })
      try {
        const file = (name: string) => ({ name, content: readFileSync(`${DIR}${name}`) })
        const outcome = await services.imports.importPlan({
          planName: PLAN,
          indicatorsFile: file('indicators.csv'),
          observationsFile: file('observations.csv'),
          actor: 'test:officer',
        })
        assert.equal(outcome.indicators.added, 12)

        const check = async (period: string, heading: string) => {
          const evaluation = await services.plans.evaluate(PLAN, parsePeriod(period))
          const json = reportJson(evaluation)
          const expected = expectedUnder(heading)
          assert.ok(expected.length > 0)
          for (const row of expected) {
            const got = json.indicators.find((i) => i.ref === row.ref)
            assert.ok(got, row.ref)
            assert.deepEqual(
              {
                ref: got.ref,
                status: got.rag,
                rule: got.rule,
                dot: got.dot,
                dotLongTerm: got.dotLongTerm ?? null,
                ruleText: got.ruleText,
              },
              row,
              `${row.ref} at ${period}`,
            )
          }
          return json
        }

        const q2 = await check('2014/15 Q2', '### Expected results, Quarter 2')
        await check('2014/15 Q1', '### Expected results, Quarter 1')
        assert.deepEqual(q2.summary.rag, { G: 5, A: 4, R: 2, none: 0 })
        assert.equal(q2.summary.forInformation, 1)
        assert.deepEqual(q2.summary.exceptionReports, ['EH 1', 'SA 1', 'CT 1', 'HB 1', 'PL 1', 'FT 1'])
        assert.ok(q2.rules)
        assert.equal(q2.rules.source, 'common')
        assert.equal(q2.rules.text[1], 'Amber: none (a tolerance of 0, so no amber band)')
        const marked = (json: typeof q2) => json.indicators.filter((i) => i.ownRules !== undefined).map((i) => i.ref)
        assert.deepEqual(marked(q2), ['CT 1', 'NNDR 1', 'HB 1', 'PL 1', 'WR 1', 'FT 1', 'RE 1', 'CS 1'])
        assert.equal(q2.indicators.find((i) => i.ref === 'CV 1')?.kind, 'data-only')

        // The plan's own tolerance: only SA 1 inherits it.
        const saved = await services.rules.setRules(OFFICER, PLAN, {
          tolerance: '5%',
          greenWithin: '',
          greenWhen: '',
          amberAlso: '',
          reason: 'Tolerances agreed for 2014/15',
        })
        assert.deepEqual(saved, { ok: true, changes: 1 })
        const after = await check('2014/15 Q2', 'inherits it: 2.4 against 2.3')
        for (const row of expectedUnder('### Expected results, Quarter 2').filter((r) => r.ref !== 'SA 1')) {
          const got = after.indicators.find((i) => i.ref === row.ref)
          assert.equal(got?.ruleText, row.ruleText, `${row.ref} keeps its own rules`)
        }
        assert.ok(after.rules)
        assert.equal(after.rules.source, 'plan')
        assert.equal(after.rules.text[1], 'Amber: worse than target by no more than 5% of the target')
        assert.deepEqual(marked(after), ['CT 1', 'NNDR 1', 'HB 1', 'PL 1', 'FT 1', 'EH 1', 'RE 1', 'CS 1'])

        // Signed off, the period keeps the rules it was judged by, even when the plan's change afterwards.
        await services.signOffs.lock(
          OFFICER,
          'council-rules',
          parsePeriod('2014/15 Q2'),
          { committee: null, regardless: 'The fixture has no exception reports' },
          (data) => JSON.stringify(reportJson(data.evaluation)),
        )
        const changed = await services.rules.setRules(OFFICER, PLAN, {
          tolerance: '',
          greenWithin: '',
          greenWhen: '',
          amberAlso: '',
          reason: 'Back to none',
        })
        assert.deepEqual(changed, { ok: true, changes: 1 })
        const signedOff = await services.signOffs.asReported('council-rules', parsePeriod('2014/15 Q2'), [
          'Communities',
        ])
        const sa1 = signedOff?.data.evaluation.evaluations.find((e) => e.indicator.ref === 'SA 1')
        assert.equal(sa1?.rag, 'A', 'as signed off, under the plan tolerance of 5%')
        const now = await services.plans.evaluate(PLAN, parsePeriod('2014/15 Q2'))
        assert.equal(now.evaluations.find((e) => e.indicator.ref === 'SA 1')?.rag, 'R', 'today, under none')
        await services.rules.setRules(OFFICER, PLAN, {
          tolerance: '5%',
          greenWithin: '',
          greenWhen: '',
          amberAlso: '',
          reason: 'Restored',
        })

        // Importing the same files again changes nothing, the plan's rules included.
        const again = await services.imports.importPlan({
          planName: PLAN,
          indicatorsFile: file('indicators.csv'),
          observationsFile: file('observations.csv'),
          actor: 'test:officer',
        })
        assert.deepEqual(again.indicators, { added: 0, updated: 0, unchanged: 12 })
        assert.equal((await services.rules.view(PLAN)).texts.tolerance, '5%')
      } finally {
        await close()
      }
    })
  })
}
