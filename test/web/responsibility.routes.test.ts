import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { DEMO_DELIVERY_PLANS } from '../../src/services/demo.service.ts'
import { paths } from '../../src/web/paths.ts'
import { type TestApp, USERS, signedIn, startTestApp, titleOf } from './harness.ts'

const HALTON = 'halton-safer-ppb-2012-13'
const Q2 = parsePeriod('2012/13 Q2')

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

describe('data entry by the responsible person', () => {
  it('lets an owner set the status of a milestone assigned to them, and no other', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    const page = await owner.get(paths.delivery(HALTON, Q2))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /href="\/plans\/halton-safer-ppb-2012-13\/delivery\/CCC%201\.2\?period=2012%2F13\+Q2"/)
    assert.doesNotMatch(page.body, /delivery\/CCC%201\.1\?/, 'no link for a milestone assigned to someone else')

    assert.equal((await owner.get(paths.deliveryStatus(HALTON, 'CCC 1.1', Q2))).statusCode, 403)
    const refused = await owner.post(paths.deliveryStatus(HALTON, 'CCC 1.1', Q2), { status: 'red', commentary: '' })
    assert.equal(refused.statusCode, 403)

    const form = await owner.get(paths.deliveryStatus(HALTON, 'CCC 1.2', Q2))
    assert.equal(form.statusCode, 200)
    const saved = await owner.post(paths.deliveryStatus(HALTON, 'CCC 1.2', Q2), {
      status: 'amber',
      commentary: 'The refuge options report has moved to the next meeting.',
      overrideReason: '',
    })
    assert.equal(saved.statusCode, 303)
    const summary = await t.services.delivery.evaluate(DEMO_DELIVERY_PLANS.halton, Q2)
    assert.equal(summary.results.find((r) => r.item.ref === 'CCC 1.2')?.status, 'amber')
    const trail = await t.services.plans.auditTrail(DEMO_DELIVERY_PLANS.halton, 'CCC 1.2')
    const status = trail.find((e) => e.field === 'status' && e.actor === 'owner@outturn.example')
    assert.deepEqual([status?.period, status?.oldValue, status?.newValue], ['2012/13 Q2', 'green', 'amber'])
  })

  it('shows the risk register with levels and the high-risk list to anyone signed in', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const page = await viewer.get(paths.risks(HALTON, Q2))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /15 High/, 'R1 residual 3 × 5')
    assert.match(page.body, /8 Medium/, 'R3 residual 2 × 4')
    assert.match(page.body, /<a class="govuk-link" href="#risk-1">R1: Reductions in grant funding/)
    assert.doesNotMatch(page.body, /record progress/, 'a viewer records nothing')
    assert.equal((await viewer.get(paths.riskReview(HALTON, 'R1.2', Q2))).statusCode, 403)
  })

  it('lets a treatment owner record its quarterly progress, asking for commentary when amber', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    const register = await owner.get(paths.risks(HALTON, Q2))
    assert.match(register.body, /risks\/treatments\/R1\.2\?period=/)
    assert.doesNotMatch(register.body, /risks\/treatments\/R1\.1\?period=/)
    assert.equal((await owner.get(paths.riskReview(HALTON, 'R1.1', Q2))).statusCode, 403)

    const url = paths.riskReview(HALTON, 'R1.2', parsePeriod('2012/13 Q3'))
    const form = await owner.get(url)
    assert.equal(form.statusCode, 200)
    const refused = await owner.post(url, { progress: 'red', commentary: '' })
    assert.equal(refused.statusCode, 400)
    assert.match(titleOf(refused.body), /^Error: /)
    assert.match(refused.body, /href="#commentary"/)
    const saved = await owner.post(url, { progress: 'red', commentary: 'The commissioner has not agreed funding.' })
    assert.equal(saved.statusCode, 303)
    const high = await t.services.risks.highRiskList(DEMO_DELIVERY_PLANS.halton, parsePeriod('2012/13 Q3'))
    assert.equal(high[0]?.treatments.find((x) => x.treatment.ref === 'R1.2')?.review?.progress, 'red')
    const trail = await t.services.plans.auditTrail(DEMO_DELIVERY_PLANS.halton, 'R1.2')
    assert.deepEqual(
      trail
        .map((e) => [e.entity, e.period, e.field, e.newValue, e.actor])
        .slice(0, 2)
        .sort(),
      [
        ['risk', '2012/13 Q3', 'commentary', 'The commissioner has not agreed funding.', 'owner@outturn.example'],
        ['risk', '2012/13 Q3', 'progress', 'red', 'owner@outturn.example'],
      ],
    )
  })

  it('refuses a review without a CSRF token', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const response = await officer.post(paths.riskReview(HALTON, 'R2.1', Q2), {
      _csrf: 'not-the-token',
      progress: 'green',
      commentary: '',
    })
    assert.equal(response.statusCode, 403)
  })
})

describe('inspection and partnership groups', () => {
  it('shows the Use of Resources scores and both areas of concern with their actions', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const page = await viewer.get(paths.inspection('manchester-caa-2009'))
    assert.equal(page.statusCode, 200)
    assert.match(
      page.body,
      /Of the ten Key Lines of Enquiry, nine were scored: eight at level 2, one at level 3\. Judged weak: 2\.2 Data Quality\./,
    )
    assert.match(page.body, /School Absence <strong class="app-rag app-rag--R">Red flag<\/strong>/)
    assert.equal((page.body.match(/Attendance lead, Children&#39;s Services/g) ?? []).length, 8)
    assert.match(page.body, /Not assessed/)
  })

  it('shows how each Chorley group chose and delivers its priorities', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const page = await viewer.get(paths.delivery('chorley-partnership-2013-14'))
    assert.equal(page.statusCode, 200)
    assert.match(
      page.body,
      /Of the nineteen priorities identified across the partnership/,
      'opens at its latest status period',
    )
    assert.match(
      page.body,
      /These priorities were chosen by the Partnership based on the 2013\/2014 strategic assessment/,
    )
    assert.equal((page.body.match(/Decision making process<\/dt>/g) ?? []).length, 5)
  })
})
