import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { PLAN, type TestApp, USERS, signedIn, startTestApp, titleOf } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

describe('every demo plan opens on what it holds', () => {
  it('Trafford, a plan of indicators, opens on its indicator dashboard with no empty sections', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const page = await viewer.get(`/plans/${PLAN}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Performance at Quarter 2 2013\/14/)
    assert.doesNotMatch(page.body, /Risk register|id="plan-delivery"|id="plan-inspection"/)
  })

  it('Chorley, a plan of priorities only, opens on its priorities and actions', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const opened = await viewer.get('/plans/chorley-partnership-2013-14')
    assert.equal(opened.statusCode, 303)
    assert.equal(opened.headers.location, '/plans/chorley-partnership-2013-14/delivery')
    const page = await viewer.get(opened.headers.location)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Priorities, actions and milestones at Quarter 1 2013\/14/)
    assert.match(page.body, /Of the nineteen priorities identified across the partnership/)
    assert.doesNotMatch(page.body, /0 of 0/)
  })

  it('keeps the period asked for when it opens on the one page a plan has', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const opened = await viewer.get(`/plans/chorley-partnership-2013-14?period=${encodeURIComponent('2013/14 Q1')}`)
    assert.equal(opened.headers.location, '/plans/chorley-partnership-2013-14/delivery?period=2013%2F14+Q1')
  })

  it('Halton, with milestones and a risk register, opens on a summary of each with its link', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const page = await viewer.get('/plans/halton-safer-ppb-2012-13')
    assert.equal(page.statusCode, 200, page.body.slice(0, 300))
    assert.equal(titleOf(page.body), 'Halton Safer PPB 2012/13: Quarter 2 2012/13 – Outturn')
    assert.match(page.body, /What the plan holds at Quarter 2 2012\/13/)
    assert.match(
      page.body,
      /<h2 class="govuk-heading-m" id="plan-section-delivery">Priorities, actions and milestones<\/h2>/,
    )
    assert.match(page.body, /<h2 class="govuk-heading-m" id="plan-section-risks">Risk register<\/h2>/)
    assert.match(page.body, /Three risks, one high after treatment, with four treatment measures\./)
    assert.match(
      page.body,
      /href="\/plans\/halton-safer-ppb-2012-13\/risks\?period=2012%2F13\+Q2">See the risk register/,
    )
    assert.match(
      page.body,
      /href="\/plans\/halton-safer-ppb-2012-13\/delivery\?period=2012%2F13\+Q2">See the priorities/,
    )
    assert.match(page.body, /Four items: four green\./)
    assert.doesNotMatch(page.body, /plan-section-indicators|plan-section-inspection|0 of 0/)
    const report = await viewer.get('/plans/halton-safer-ppb-2012-13/report?period=2012%2F13+Q2')
    assert.equal(report.statusCode, 200, 'the summary links to a committee report that exists')
  })

  it('Manchester, with priorities and inspection scores, opens on a summary of each', async () => {
    const viewer = await signedIn(t.app, USERS.viewer)
    const page = await viewer.get('/plans/manchester-caa-2009')
    assert.equal(page.statusCode, 200, page.body.slice(0, 300))
    assert.match(page.body, /id="plan-section-delivery"/)
    assert.match(page.body, /id="plan-section-inspection"/)
    assert.match(page.body, /Key Lines of Enquiry scored in one assessment\./)
    assert.match(page.body, /Three areas of concern with their actions\./)
    assert.match(page.body, /href="\/plans\/manchester-caa-2009\/inspection\?period=[^"]+">See the inspection/)
    assert.doesNotMatch(page.body, /plan-section-risks|0 of 0/)
  })
})
