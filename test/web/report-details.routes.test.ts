import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parsePeriod } from '../../src/domain/periods/period.ts'
import { paths } from '../../src/web/paths.ts'
import { PLAN, type TestApp, USERS, signedIn, startTestApp, titleOf } from './harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(async () => {
  await t.close()
})

const Q3 = parsePeriod('2013/14 Q3')
const url = paths.reportDetails(PLAN, Q3)

describe('the report details page', () => {
  it('re-renders a bad date with the error summary, saving nothing', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    const form = await officer.get(url)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Key policy or delivery programmes/)
    const response = await officer.post(url, {
      councilName: 'Trafford Council',
      meetingDate: '2014-02-30',
      status: 'final',
    })
    assert.equal(response.statusCode, 400)
    assert.match(titleOf(response.body), /^Error: Report details/)
    assert.match(response.body, /<a href="#meetingDate">Date of meeting must be a real date/)
    assert.match(response.body, /value="Trafford Council"/, 'what was typed is kept')
    assert.equal((await t.services.reportDetails.read(PLAN, Q3)).details.councilName, null)
  })

  it('saves with a 303 and a banner, and the report shows them', async () => {
    const officer = await signedIn(t.app, USERS.officer)
    await officer.get(url)
    const response = await officer.post(url, {
      councilName: 'Trafford Council',
      committee: 'Executive',
      meetingDate: '2014-01-21',
      status: 'final',
      'keyProgrammes-0': '- Medium term Financial Plan',
    })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, paths.reportDetails(PLAN, Q3, true))
    const page = await officer.get(response.headers.location)
    assert.match(page.body, /govuk-notification-banner--success/)
    assert.match(page.body, /are saved/)
    const kept = await t.services.reportDetails.read(PLAN, Q3)
    assert.equal(kept.details.status, 'final')
    const money = kept.sections.find((s) => s.theme === 'Low Council Tax and Value For Money')
    assert.equal(money?.keyProgrammes, '- Medium term Financial Plan')
  })

  it('refuses an owner (403)', async () => {
    const owner = await signedIn(t.app, USERS.owner)
    assert.equal((await owner.get(url)).statusCode, 403)
  })
})
