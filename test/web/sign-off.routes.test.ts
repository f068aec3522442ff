import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { DEMO_PLAN } from '../../src/services/index.ts'
import { paths } from '../../src/web/paths.ts'
import { PLAN, Q2, type TestApp, USERS, entryUrl, exceptionUrl, signedIn, startTestApp, titleOf } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

const period = parsePeriod(Q2)
const signOffUrl = paths.signOff(PLAN, period)
const unlockUrl = paths.unlock(PLAN, period)
const reportUrl = paths.report(PLAN, period)

async function auditCount(): Promise<number> {
  return (await t.services.plans.auditTrail(DEMO_PLAN)).length
}

async function stored(ref: string) {
  const data = await t.services.plans.loadPlan(DEMO_PLAN)
  return data.indicators
    .find((i) => i.indicator.ref === ref)
    ?.observations.find((o) => o.period.kind === 'quarter' && o.period.quarter === 2 && o.period.year === 2013)
}

describe('signing off a period', () => {
  it('a viewer cannot sign off (403), and sees no link to', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    assert.equal((await viewer.get(signOffUrl)).statusCode, 403)
    const report = await viewer.get(reportUrl)
    assert.equal(report.statusCode, 200)
    assert.doesNotMatch(report.body, /Sign off Quarter 2/)
    // A forged post with the viewer's own token is refused too.
    await viewer.get(reportUrl)
    assert.equal((await viewer.post(signOffUrl, { committee: 'x' })).statusCode, 403)
    assert.equal(await t.services.signOffs.inForceFor(PLAN, period), null)
  })

  it('an owner cannot sign off (403)', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    assert.equal((await owner.get(signOffUrl)).statusCode, 403)
  })

  it('a committee name too long re-renders with the error summary', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(signOffUrl)
    const response = await officer.post(signOffUrl, { committee: 'x'.repeat(201) })
    assert.equal(response.statusCode, 400)
    assert.match(titleOf(response.body), /^Error: Sign off Quarter 2 2013\/14/)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#committee"/)
    assert.equal(await t.services.signOffs.inForceFor(PLAN, period), null)
  })

  it('an officer signs off from the report page, by the confirmation page', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const report = await officer.get(reportUrl)
    assert.ok(report.body.includes(`href="${signOffUrl}"`), 'the report page links to the sign-off')
    const page = await officer.get(signOffUrl)
    assert.equal(page.statusCode, 200)
    assert.equal(titleOf(page.body), 'Sign off Quarter 2 2013/14 – Outturn')
    assert.match(page.body, /name="committee"/)
    const response = await officer.post(signOffUrl, { committee: 'Executive, 14 November 2013' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, reportUrl)
    const signOff = await t.services.signOffs.inForceFor(PLAN, period)
    assert.equal(signOff?.committee, 'Executive, 14 November 2013')
    assert.equal(signOff.lockedBy, USERS.officer.email)
  })

  it('shows everyone the sign-off tag, on the dashboard and the report', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    for (const url of [paths.dashboard(PLAN, period), reportUrl]) {
      const page = await viewer.get(url)
      assert.match(page.body, /Signed off 20 Oct 2013 by officer@outturn\.example/)
      assert.doesNotMatch(page.body, /Unlock Quarter 2/)
    }
    const report = await viewer.get(reportUrl)
    assert.match(report.body, /Revisions since this report was signed off on 20 October 2013/)
    assert.match(report.body, /See the current figures/)
  })
})

describe('changing a signed-off period', () => {
  it('shows an owner that it is locked, without the form, and refuses a post (403), writing nothing', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    const form = await owner.get(entryUrl('LCA 2'))
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Quarter 2 2013\/14 was signed off on 20 October 2013/)
    assert.match(form.body, /is locked/)
    assert.doesNotMatch(form.body, /name="actual"/)
    const before = await auditCount()
    await owner.get('/plans')
    const response = await owner.post(entryUrl('LCA 2'), { actual: '4.2', reason: 'Corrected' })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /signed off on 20 October 2013 and is locked/)
    assert.equal(await auditCount(), before)
    assert.equal((await stored('LCA 2'))?.actual, '5.16')
    const exception = await owner.post(exceptionUrl('LCA 2'), {
      baseline: '',
      why: 'x',
      implications: '',
      improvement: '',
      action: 'draft',
    })
    assert.equal(exception.statusCode, 403)
    assert.equal(await auditCount(), before)
  })

  it("re-renders an officer's change without a reason with the error summary, writing nothing", async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const form = await officer.get(entryUrl('LCA 2'))
    assert.match(form.body, /A change now is a revision of what was reported/)
    assert.match(form.body, /Reason for revising a signed-off period/)
    const before = await auditCount()
    const response = await officer.post(entryUrl('LCA 2'), { actual: '5.16', target: '4.4', note: 'A new comment' })
    assert.equal(response.statusCode, 400)
    assert.match(titleOf(response.body), /^Error: /)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /give the reason for changing it after sign-off/)
    assert.match(response.body, /href="#reason"/)
    assert.equal(await auditCount(), before)
  })

  it("saves an officer's change with a reason (303), audited as a revision, and the report lists it", async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(entryUrl('LCA 2'))
    const response = await officer.post(entryUrl('LCA 2'), { actual: '4.9', target: '4.4', reason: 'Validated figure' })
    assert.equal(response.statusCode, 303)
    assert.equal((await stored('LCA 2'))?.actual, '4.9')
    const signOff = await t.services.signOffs.inForceFor(PLAN, period)
    assert.ok(signOff)
    const revisions = await t.services.signOffs.revisions(signOff)
    assert.deepEqual(
      revisions.map((r) => [r.ref, r.field, r.oldValue, r.newValue, r.actor, r.reason]),
      [['LCA 2', 'actual', '5.16', '4.9', USERS.officer.email, 'Validated figure']],
    )

    const report = await officer.get(reportUrl)
    assert.match(report.body, /This is the report as signed off on 20 October 2013/)
    assert.match(
      report.body,
      /<th scope="row">LCA 2<\/th><td>2013\/14 Q2<\/td><td>Actual<\/td><td>5.16<\/td><td>4.9<\/td>/,
    )
    assert.match(report.body, /Validated figure/)
    const current = await officer.get(paths.report(PLAN, period, 'current'))
    assert.match(current.body, /These are the current figures/)
    assert.match(current.body, /See the report as signed off/)

    const api = await officer.get(paths.apiReport(PLAN, period))
    assert.equal(api.statusCode, 200)
    const held = await t.services.signOffs.asReported(PLAN, period)
    assert.ok(held)
    assert.ok(api.body.startsWith(held.snapshot.slice(0, -1)), 'the API gives the snapshot as stored, byte for byte')
    const json = JSON.parse(api.body) as {
      indicators: { ref: string; actual: unknown }[]
      signOff: { revisions: unknown[] }
    }
    assert.equal(json.indicators.find((i) => i.ref === 'LCA 2')?.actual, 5.16)
    assert.equal(json.signOff.revisions.length, 1)
    const now = JSON.parse((await officer.get(paths.apiReport(PLAN, period, 'current'))).body) as typeof json
    assert.equal(now.indicators.find((i) => i.ref === 'LCA 2')?.actual, 4.9)

    const download = await officer.get(paths.download(PLAN, period, 'html'))
    assert.equal(download.statusCode, 200)
    assert.match(download.body, /Revisions since this report was signed off on 20 October 2013/)
  })

  it('unlocks with a reason (an error summary without one), then owners may change it again', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const page = await officer.get(unlockUrl)
    assert.equal(page.statusCode, 200)
    const missing = await officer.post(unlockUrl, { reason: '' })
    assert.equal(missing.statusCode, 400)
    assert.match(titleOf(missing.body), /^Error: Unlock Quarter 2 2013\/14/)
    assert.match(missing.body, /Give the reason for unlocking Quarter 2 2013\/14/)
    assert.ok(await t.services.signOffs.inForceFor(PLAN, period))
    const response = await officer.post(unlockUrl, { reason: 'Committee asked for a corrected report' })
    assert.equal(response.statusCode, 303)
    assert.equal(await t.services.signOffs.inForceFor(PLAN, period), null)
    const history = await t.services.signOffs.history(PLAN)
    assert.equal(history[0]?.unlockReason, 'Committee asked for a corrected report')

    const owner = await signedIn(t.app, USERS.owner)
    const form = await owner.get(entryUrl('LCA 2'))
    assert.match(form.body, /name="actual"/)
    const saved = await owner.post(entryUrl('LCA 2'), { actual: '4.8', reason: 'Revised' })
    assert.equal(saved.statusCode, 303)
  })
})
