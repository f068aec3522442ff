import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { Actor } from '../../src/domain/access/access.ts'
import { DomainError } from '../../src/domain/errors.ts'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { renderReport } from '../../src/reports/index.ts'
import { reportJsonText } from '../../src/reports/report.json.ts'
import { buildReportModel } from '../../src/reports/report.model.ts'
import { DEMO_PLAN, ImportRejected, type Services, openServices } from '../../src/services/index.ts'
import { DIALECTS, type TestDatabase, createTestDatabase } from '../helpers/databases.ts'

const SLUG = 'trafford-adp-2013-14'
const Q2 = parsePeriod('2013/14 Q2')
const created: TestDatabase[] = []
after(async () => {
  for (const database of created) await database.drop()
})

const entry = (actual: string, reason = '') => ({
  actual,
  estimated: false,
  dataPeriod: '',
  notReported: '',
  note: '',
  reason,
})

async function actor(services: Services, role: 'officer' | 'owner'): Promise<Actor> {
  const signedIn = await services.auth.signIn(`${role}@outturn.example`, `demo-${role}-password`)
  assert.ok(signedIn.ok)
  return signedIn.user
}

function lca2(json: string): { actual: unknown; rag: unknown } | undefined {
  const report = JSON.parse(json) as { indicators: { ref: string; actual: unknown; rag: unknown }[] }
  return report.indicators.find((i) => i.ref === 'LCA 2')
}

for (const dialect of DIALECTS) {
  describe(`signing off a period on ${dialect}`, () => {
    let services: Services
    let close: () => Promise<void>
    let officer: Actor
    let owner: Actor
    let clock = new Date('2013-11-14T10:00:00.000Z')

    before(async () => {
      const database = createTestDatabase(dialect)
      created.push(database)
      ;({ services, close } = await openServices(database.location, { now: () => clock }))
      await services.demo.loadPlan('test')
      await services.demo.createUsers()
      officer = await actor(services, 'officer')
      owner = await actor(services, 'owner')
    })
    after(async () => {
      await close()
    })

    it('keeps the report JSON as it stood, and locks the period', async () => {
      const live = reportJsonText(await services.reports.reportJsonData(DEMO_PLAN, Q2))
      const signOff = await services.signOffs.lock(
        officer,
        SLUG,
        Q2,
        { committee: 'Executive, 14 November 2013' },
        reportJsonText,
      )
      assert.equal(signOff.lockedBy, 'officer@outturn.example')
      assert.equal(signOff.committee, 'Executive, 14 November 2013')
      const held = await services.signOffs.asReported(SLUG, Q2)
      assert.ok(held)
      assert.equal(held.snapshot, live, 'the snapshot is the report JSON at the moment of sign-off')
      assert.deepEqual(held.revisions, [])
      const trail = await services.plans.auditTrail(DEMO_PLAN)
      const audit = trail.find((e) => e.entity === 'sign-off')
      assert.equal(audit?.field, 'signed off')
      assert.equal(audit.newValue, 'yes')
      assert.equal(audit.actor, 'officer@outturn.example')
      assert.equal(audit.reason, 'Reported to Executive, 14 November 2013')
    })

    it('refuses to sign off a period twice', async () => {
      await assert.rejects(
        services.signOffs.lock(officer, SLUG, Q2, { committee: null }, reportJsonText),
        (error: unknown) => error instanceof DomainError && error.code === 'conflict',
      )
    })

    it('refuses an owner, and asks an officer for a reason, writing nothing', async () => {
      const events = (await services.plans.auditTrail(DEMO_PLAN)).length
      await assert.rejects(
        services.entries.recordEntry(owner, SLUG, 'LCA 2', Q2, entry('4.9', 'Corrected')),
        (error: unknown) =>
          error instanceof DomainError &&
          error.code === 'forbidden' &&
          /Quarter 2 2013\/14 was signed off on 14 November 2013 and is locked/.test(error.message),
      )
      const withoutReason = await services.entries.recordEntry(officer, SLUG, 'LCA 2', Q2, entry('4.9'))
      assert.equal(withoutReason.ok, false)
      assert.deepEqual(
        withoutReason.errors.map((e) => e.field),
        ['reason'],
        'one reason asked for, not two',
      )
      // A month of the signed-off quarter is locked too.
      await assert.rejects(
        services.entries.recordEntry(owner, SLUG, 'LCA 2', parsePeriod('2013-08'), entry('4.9', 'x')),
        (error: unknown) => error instanceof DomainError && error.code === 'forbidden',
      )
      assert.equal((await services.plans.auditTrail(DEMO_PLAN)).length, events, 'nothing was written')
    })

    it("records an officer's revision with its reason, marked as revising the sign-off", async () => {
      clock = new Date('2013-11-20T09:30:00.000Z')
      const saved = await services.entries.recordEntry(
        officer,
        SLUG,
        'LCA 2',
        Q2,
        entry('4.9', 'Validated figure replaces the provisional one'),
      )
      assert.deepEqual(saved, { ok: true, changes: 1 })
      const signOff = await services.signOffs.inForceFor(SLUG, Q2)
      assert.ok(signOff)
      const revisions = await services.signOffs.revisions(signOff)
      assert.equal(revisions.length, 1)
      assert.deepEqual(
        {
          ref: revisions[0]?.ref,
          period: revisions[0]?.period,
          field: revisions[0]?.field,
          old: revisions[0]?.oldValue,
          new: revisions[0]?.newValue,
          actor: revisions[0]?.actor,
          at: revisions[0]?.at,
          reason: revisions[0]?.reason,
          signOffId: revisions[0]?.signOffId,
        },
        {
          ref: 'LCA 2',
          period: '2013/14 Q2',
          field: 'actual',
          old: '5.16',
          new: '4.9',
          actor: 'officer@outturn.example',
          at: '2013-11-20T09:30:00.000Z',
          reason: 'Validated figure replaces the provisional one',
          signOffId: signOff.id,
        },
      )
    })

    it('gives the report as signed off, byte for byte, listing the revision; and the current figures on request', async () => {
      const held = await services.signOffs.asReported(SLUG, Q2)
      assert.ok(held)
      const report = await services.signOffs.report(DEMO_PLAN, Q2)
      assert.equal(report.snapshot, held.snapshot)
      const json = (await renderReport('json', { ...report, producedOn: '2013-11-21' })).toString()
      const parsed = JSON.parse(json) as Record<string, unknown> & {
        signOff: {
          asReported: boolean
          revisions: { ref: string; oldValue: string; newValue: string; reason: string }[]
        }
      }
      const { signOff, ...rest } = parsed
      assert.equal(JSON.stringify(rest), held.snapshot, 'the report JSON is the snapshot, byte for byte')
      assert.equal(signOff.asReported, true)
      assert.deepEqual(
        signOff.revisions.map((r) => [r.ref, r.oldValue, r.newValue, r.reason]),
        [['LCA 2', '5.16', '4.9', 'Validated figure replaces the provisional one']],
      )
      assert.equal(lca2(held.snapshot)?.actual, 5.16, 'the figure as reported')

      const current = await services.signOffs.report(DEMO_PLAN, Q2, { current: true })
      assert.equal(current.snapshot, undefined)
      assert.equal(current.signOff?.asReported, false)
      assert.equal(current.signOff.revisions.length, 1)
      assert.equal(lca2(reportJsonText(current))?.actual, 4.9, 'the figure now')

      // Every other format is made from the data as signed off.
      const model = buildReportModel({ ...report, producedOn: '2013-11-21' })
      assert.equal(model.dashboard.find((l) => l.ref === 'LCA 2')?.actual, '5.16%')
      assert.equal(model.signOff?.heading, 'Revisions since this report was signed off on 14 November 2013')
      assert.equal(model.signOff.revisions[0]?.reason, 'Validated figure replaces the provisional one')
      const currentModel = buildReportModel({ ...current, producedOn: '2013-11-21' })
      assert.equal(currentModel.dashboard.find((l) => l.ref === 'LCA 2')?.actual, '4.9%')
    })

    it('refuses an import changing the signed-off period without a reason, naming file, line and column', async () => {
      const indicators = await readFile('demo/trafford-2013-14-q2/indicators.csv')
      const request = (observations: string, reason?: string) =>
        services.imports.importPlan({
          planName: DEMO_PLAN,
          indicatorsFile: { name: 'indicators.csv', content: indicators },
          observationsFile: { name: 'observations.csv', content: `ref,period,actual,target\n${observations}` },
          actor: 'cli:test',
          ...(reason === undefined ? {} : { reason }),
        })
      const events = (await services.plans.auditTrail(DEMO_PLAN)).length
      await assert.rejects(request('LCA 2,2013/14 Q1,4.5,4.4\nNI 154,2013/14 Q2,555,150\n'), (error: unknown) => {
        assert.ok(error instanceof ImportRejected)
        assert.equal(error.problems.length, 1)
        assert.deepEqual(
          { file: error.problems[0]?.file, line: error.problems[0]?.line, column: error.problems[0]?.column },
          { file: 'observations.csv', line: 3, column: 'period' },
        )
        assert.match(error.problems[0]?.message ?? '', /NI 154 for 2013\/14 Q2: Quarter 2 2013\/14 was signed off/)
        assert.match(error.problems[0]?.message ?? '', /--reason/)
        return true
      })
      assert.equal((await services.plans.auditTrail(DEMO_PLAN)).length, events, 'all or nothing')

      const outcome = await request('NI 154,2013/14 Q2,555,150\n', 'Late return from the service')
      assert.equal(outcome.observations.updated, 1)
      const signOff = await services.signOffs.inForceFor(SLUG, Q2)
      assert.ok(signOff)
      const revisions = await services.signOffs.revisions(signOff)
      assert.deepEqual(
        revisions.map((r) => [r.ref, r.field, r.reason, r.source]),
        [
          ['LCA 2', 'actual', 'Validated figure replaces the provisional one', 'web'],
          ['NI 154', 'actual', 'Late return from the service', 'import:indicators.csv,observations.csv'],
        ],
      )
    })

    it('unlocks with a reason, keeping the history; the period is then open and reports live', async () => {
      const noReason = await services.signOffs.unlock(officer, SLUG, Q2, '  ')
      assert.equal(noReason.ok, false)
      await assert.rejects(
        services.signOffs.unlock(owner, SLUG, Q2, 'Please'),
        (error: unknown) => error instanceof DomainError && error.code === 'forbidden',
      )
      clock = new Date('2013-11-25T12:00:00.000Z')
      assert.deepEqual(await services.signOffs.unlock(officer, SLUG, Q2, 'Committee asked for a corrected report'), {
        ok: true,
        changes: 1,
      })
      const history = await services.signOffs.history(SLUG)
      assert.equal(history.length, 1)
      assert.equal(history[0]?.unlockedAt, '2013-11-25T12:00:00.000Z')
      assert.equal(history[0].unlockedBy, 'officer@outturn.example')
      assert.equal(history[0].unlockReason, 'Committee asked for a corrected report')
      assert.equal(await services.signOffs.inForceFor(SLUG, Q2), null)
      const report = await services.signOffs.report(DEMO_PLAN, Q2)
      assert.equal(report.signOff, undefined)
      assert.deepEqual(await services.entries.recordEntry(owner, SLUG, 'LCA 2', Q2, entry('4.8', 'Revised')), {
        ok: true,
        changes: 1,
      })
      const unlockEvent = (await services.plans.auditTrail(DEMO_PLAN)).find(
        (e) => e.entity === 'sign-off' && e.newValue === 'no',
      )
      assert.equal(unlockEvent?.reason, 'Committee asked for a corrected report')

      await services.signOffs.lock(officer, SLUG, Q2, { committee: null }, reportJsonText)
      const again = await services.signOffs.history(SLUG)
      assert.equal(again.length, 2, 'signed off again: a new sign-off, the old one kept')
      const held = await services.signOffs.asReported(SLUG, Q2)
      assert.equal(lca2(held?.snapshot ?? '{}')?.actual, 4.8, 'the new snapshot holds the figures at the new sign-off')
      assert.deepEqual(held?.revisions, [])
    })
  })
}

const HALTON = 'Halton Safer PPB 2012/13'
const HALTON_Q2 = parsePeriod('2012/13 Q2')

for (const dialect of DIALECTS) {
  describe(`everywhere a signed-off period can change, on ${dialect}`, () => {
    let services: Services
    let close: () => Promise<void>
    let officer: Actor
    let owner: Actor
    let slug: string

    before(async () => {
      const database = createTestDatabase(dialect)
      created.push(database)
      ;({ services, close } = await openServices(database.location, { now: () => new Date('2013-11-14T10:00:00Z') }))
      await services.demo.loadPlan('test')
      await services.demo.createUsers()
      officer = await actor(services, 'officer')
      owner = await actor(services, 'owner')
      slug = (await services.plans.bySlugOrName(HALTON)).slug
      await services.signOffs.lock(officer, slug, HALTON_Q2, { committee: null }, reportJsonText)
      await services.signOffs.lock(officer, SLUG, Q2, { committee: null }, reportJsonText)
    })
    after(async () => {
      await close()
    })

    const forbidden = (error: unknown) => error instanceof DomainError && error.code === 'forbidden'

    it('an exception report: owner refused, officer asked for a reason, then audited as a revision', async () => {
      const input = { baseline: '', why: 'Staff shortages', implications: '', improvement: '', submit: false }
      await assert.rejects(services.exceptions.save(owner, SLUG, 'LCA 2', Q2, input), forbidden)
      const published = (await services.exceptions.find(officer, SLUG, 'LCA 2', Q2))?.why ?? null
      const noReason = await services.exceptions.save(officer, SLUG, 'LCA 2', Q2, input)
      assert.deepEqual(noReason.ok ? [] : noReason.errors.map((e) => e.field), ['reason'])
      assert.equal(
        (await services.exceptions.find(officer, SLUG, 'LCA 2', Q2))?.why ?? null,
        published,
        'nothing saved',
      )
      const saved = await services.exceptions.save(officer, SLUG, 'LCA 2', Q2, { ...input, reason: 'Owner on leave' })
      assert.equal(saved.ok, true)
      const signOff = await services.signOffs.inForceFor(SLUG, Q2)
      assert.ok(signOff)
      const revisions = await services.signOffs.revisions(signOff)
      assert.ok(
        revisions.some((r) => r.entity === 'exception-report' && r.field === 'why' && r.reason === 'Owner on leave'),
      )
    })

    it("a delivery item's status: its responsible owner refused, the officer with a reason", async () => {
      const input = { status: 'Amber', commentary: 'Slipped', overrideReason: '' }
      await assert.rejects(services.delivery.recordStatus(owner, slug, 'CCC 1.2', HALTON_Q2, input), forbidden)
      const noReason = await services.delivery.recordStatus(officer, slug, 'CCC 1.2', HALTON_Q2, input)
      assert.equal(noReason.ok, false)
      const saved = await services.delivery.recordStatus(officer, slug, 'CCC 1.2', HALTON_Q2, {
        ...input,
        reason: 'Corrected after the board',
      })
      assert.equal(saved.ok, true)
      const signOff = await services.signOffs.inForceFor(slug, HALTON_Q2)
      assert.ok(signOff)
      const revisions = await services.signOffs.revisions(signOff)
      assert.deepEqual(
        revisions.filter((r) => r.field === 'status').map((r) => [r.ref, r.newValue, r.reason]),
        [['CCC 1.2', 'amber', 'Corrected after the board']],
      )
    })

    it("a risk treatment's review: its owner refused, the officer with a reason", async () => {
      const input = { progress: 'Green', commentary: 'Done' }
      await assert.rejects(services.risks.recordReview(owner, slug, 'R1.2', HALTON_Q2, input), forbidden)
      assert.equal((await services.risks.recordReview(officer, slug, 'R1.2', HALTON_Q2, input)).ok, false)
      const saved = await services.risks.recordReview(officer, slug, 'R1.2', HALTON_Q2, { ...input, reason: 'Late' })
      assert.equal(saved.ok, true)
    })

    it('the delivery and risk imports refuse a signed-off period without a reason, all or nothing', async () => {
      const updates = 'ref,period,status,commentary,override_reason\nCCC 1.3,2012/13 Q2,Red,Stalled,\n'
      const items = await readFile('demo/halton-2012-13-q2-safer/delivery.csv')
      const request = (reason?: string) =>
        services.delivery.importDelivery({
          planName: HALTON,
          itemsFile: { name: 'delivery.csv', content: items },
          updatesFile: { name: 'delivery_updates.csv', content: updates },
          actor: 'cli:test',
          ...(reason === undefined ? {} : { reason }),
        })
      const events = (await services.plans.auditTrail(HALTON)).length
      await assert.rejects(request(), (error: unknown) => {
        assert.ok(error instanceof ImportRejected)
        assert.equal(error.problems[0]?.file, 'delivery_updates.csv')
        assert.match(error.problems[0].message, /CCC 1\.3 for 2012\/13 Q2: Quarter 2 2012\/13 was signed off/)
        return true
      })
      assert.equal((await services.plans.auditTrail(HALTON)).length, events, 'nothing written')
      const outcome = await request('Board minutes corrected')
      assert.equal(outcome.updates.updated, 1)
      const signOff = await services.signOffs.inForceFor(slug, HALTON_Q2)
      assert.ok(signOff)
      assert.ok(
        (await services.signOffs.revisions(signOff)).some(
          (r) => r.ref === 'CCC 1.3' && r.field === 'status' && r.reason === 'Board minutes corrected',
        ),
      )

      const risks = await readFile('demo/halton-2012-13-q2-safer/risks.csv')
      const treatments = await readFile('demo/halton-2012-13-q2-safer/risk_treatments.csv')
      const reviews = 'treatment,period,progress,commentary\nR1.1,2012/13 Q2,Red,Reopened\n'
      await assert.rejects(
        services.risks.importRisks({
          planName: HALTON,
          risksFile: { name: 'risks.csv', content: risks },
          treatmentsFile: { name: 'risk_treatments.csv', content: treatments },
          reviewsFile: { name: 'risk_reviews.csv', content: reviews },
          actor: 'cli:test',
        }),
        (error: unknown) => error instanceof ImportRejected && error.problems[0]?.file === 'risk_reviews.csv',
      )
    })
  })
}
